// SPEC 3.1, 3.4: every activation of a recursive function has its own defers;
// `return n * fact(n - 1)` makes the recursive call before this frame's defer.
#include <stddefer.h>
#include <stdio.h>

static int fact(int n)
{
    defer printf("leave %d\n", n);
    printf("enter %d\n", n);
    if (n <= 1)
        return 1;
    return n * fact(n - 1);
}

int main(void)
{
    int r = fact(4);
    printf("fact(4) = %d\n", r);
    return 0;
}
