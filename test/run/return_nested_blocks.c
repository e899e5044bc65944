// SPEC 3.1, 3.2: `return` from inside nested blocks runs the reached defers of
// every enclosing block, innermost first; a defer not yet reached does not run.
#include <stddefer.h>
#include <stdio.h>

static int f(int early)
{
    printf("f(%d)\n", early);
    defer puts("  function defer");
    {
        defer puts("  outer block defer");
        {
            defer puts("  inner block defer");
            if (early)
                return 1;
            puts("  inner block end");
        }
        defer puts("  late defer");
        puts("  outer block end");
    }
    return 0;
}

int main(void)
{
    int r = f(1);
    printf("returned %d\n", r);
    r = f(0);
    printf("returned %d\n", r);
    return 0;
}
