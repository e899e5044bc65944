// SPEC 3.1, 3.2: a label on the defer statement itself is outside the defer's
// scope: jumping to it reaches the defer, which then runs at the block's end.
#include <stddefer.h>
#include <stdio.h>

static void f(int skip)
{
    printf("f(%d)\n", skip);
    if (skip)
        goto here;
    puts("  not skipped");
here:
    defer puts("  defer");
    puts("  body");
}

int main(void)
{
    f(1);
    f(0);
    return 0;
}
