// SPEC 3.5: a defer in a `do`-`while` body runs at the end of every iteration,
// also one left by `continue`, before the condition is evaluated.
#include <stddefer.h>
#include <stdio.h>

static int cond(int i)
{
    printf("cond %d\n", i);
    return i < 3;
}

int main(void)
{
    int i = 0;
    do {
        defer printf("defer %d\n", i);
        i++;
        if (i == 2) {
            puts("continue");
            continue;
        }
        printf("body %d\n", i);
    } while (cond(i));
    puts("after loop");
    return 0;
}
