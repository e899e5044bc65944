// SPEC 3.2: a forward `goto` that jumps over a whole block containing a defer
// (to a label outside that block) never reaches the defer, so it never runs.
#include <stddefer.h>
#include <stdio.h>

static void f(int skip)
{
    printf("f(%d)\n", skip);
    if (skip)
        goto after;
    {
        defer puts("  block defer");
        puts("  block");
    }
after:
    puts("  after");
}

int main(void)
{
    f(1);
    f(0);
    return 0;
}
