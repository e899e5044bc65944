// SPEC 3.1: a goto that leaves a defer's scope runs the deferred statement and
// then continues at its label, also when the deferred statement has scopes of
// its own (here loops with their variables).  Found by test/fuzz/gen.py
// (seeds 25 and 1471), reduced with test/fuzz/reduce.sh --ref-differs.
// clang-22 -fdefer-ts at -O1 and above gets this wrong: the end of `i`'s
// lifetime overwrites the goto's cleanup destination, so f skips the loop
// after `out` and returns an uninitialized value (docs/RELIABILITY.md).
// This corpus runs the reference at -O0, where it is right.
#include <stddefer.h>
#include <stdio.h>

static int g = 7;

static int f(int n)
{
    int r = n;
    {
        defer for (int i = 0; i < n; i++)
            for (int j = 0; j < 2; j++)
                printf("deferred %d %d\n", i, j);
        goto out;
    }
out:
    for (int k = 0; k < n; k++)
        printf("after %d\n", k);
    return g + r;
}

int main(void)
{
    printf("f(0)=%d\n", f(0));
    printf("f(1)=%d\n", f(1));
    return 0;
}
