// SPEC 3.1: a goto that leaves a defer's scope runs the deferred statement and
// then continues at its label, also when a jump inside the deferred statement
// (here `break`) leaves a defer of its own.  Found by test/fuzz/gen.py (seed
// 1709), reduced with test/fuzz/reduce.sh --ref-differs.
// REFERENCE-WRONG: clang-22 -fdefer-ts lets the `break` overwrite the goto's cleanup destination: f skips `out` and returns garbage (docs/RELIABILITY.md)
#include <stddefer.h>
#include <stdio.h>

static int f(int a)
{
    int r = a;
    defer puts("function defer");
    {
        defer for (int i = 0; i < 2; i++) {
            defer puts("inner defer");
            if (i == 1)
                break;
            puts("loop body");
        }
        goto out;
    }
    puts("skipped");
out:
    puts("at out");
    return r;
}

int main(void)
{
    printf("f(4)=%d\n", f(4));
    return 0;
}
