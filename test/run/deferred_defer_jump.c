// SPEC 2 and 3.1: a deferred statement that is itself a defer statement
// (braceless `defer defer S;`) forms its own block, so S runs whenever the
// outer deferred statement runs: on falling off the block, and equally when a
// `return`, `goto`, `break` or `continue` leaves the scope.  Found by
// test/fuzz/gen.py (seed 300839), reduced with test/fuzz/reduce.sh --ref-differs.
// REFERENCE-WRONG: clang-22 -fdefer-ts runs the inner statement only on falling off the block; on a jump it drops it (by_return compiles to `ret i32 5`) (docs/RELIABILITY.md, bug C)
#include <stddefer.h>
#include <stdio.h>

static unsigned g;

static int by_return(void)
{
    defer defer g += 1;
    return 5;
}

int main(void)
{
    unsigned r = 0;

    {
        defer defer r += 1;
    }
    printf("fall off: r=%u\n", r);

    {
        defer defer r += 10;
        goto out;
    }
out:
    printf("goto: r=%u\n", r);

    for (int i = 0; i < 3; i++) {
        defer defer r += 100;
        if (i == 0)
            continue;
        if (i == 1)
            break;
    }
    printf("continue, break: r=%u\n", r);

    int v = by_return();
    printf("return: %d g=%u\n", v, g);
    return 0;
}
