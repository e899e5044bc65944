// GNU C nested functions: a defer inside a nested function runs when the
// nested function's block ends, and a defer in the enclosing function still
// runs at the end of its own block; the nested function may use (and the
// deferred statement see) the enclosing function's variables.
// ONLY: gcc (nested functions are a GNU C extension Clang does not have)
// NO-REFERENCE: GNU nested functions are not ISO C
#include <stddefer.h>
#include <stdio.h>

static int outer(int n)
{
    int calls = 0;
    defer printf("outer done, calls=%d\n", calls);
    int step(int k)
    {
        defer printf("  step %d done\n", k);
        calls++;
        if (k == 2)
            return -1;
        {
            defer printf("  inner block of step %d\n", k);
            printf("  step %d body\n", k);
        }
        return k * 10;
    }
    int sum = 0;
    for (int i = 1; i <= n; i++) {
        int r = step(i);
        if (r < 0)
            continue;
        sum += r;
    }
    printf("sum=%d\n", sum);
    return sum;
}

int main(void)
{
    printf("result=%d\n", outer(3));
    return 0;
}
