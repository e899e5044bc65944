// SPEC 3.5: a defer in a `for` body runs at the end of every iteration, before
// the loop's increment expression and condition.
#include <stddefer.h>
#include <stdio.h>

static int cond(int i)
{
    printf("cond %d\n", i);
    return i < 2;
}

static void step(int *i)
{
    printf("step %d\n", *i);
    ++*i;
}

int main(void)
{
    for (int i = 0; cond(i); step(&i)) {
        defer printf("defer %d\n", i);
        printf("body %d\n", i);
    }
    puts("after loop");
    return 0;
}
