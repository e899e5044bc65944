// SPEC 3.5: a defer in a `while` body runs at the end of every iteration,
// before the condition is evaluated again.
#include <stddefer.h>
#include <stdio.h>

static int cond(int i)
{
    printf("cond %d\n", i);
    return i < 2;
}

int main(void)
{
    int i = 0;
    while (cond(i)) {
        defer printf("defer %d\n", i);
        i++;
        printf("body %d\n", i);
    }
    puts("after loop");
    return 0;
}
