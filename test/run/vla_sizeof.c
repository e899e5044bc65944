// SPEC 3.3: `sizeof` of a variable-length array in a deferred statement is the
// array's run-time size.
#include <stddefer.h>
#include <stdio.h>

static void f(int n)
{
    double a[n];
    defer printf("deferred: %d elements\n", (int)(sizeof a / sizeof a[0]));
    a[0] = 1.0;
    printf("body: a[0] = %.1f\n", a[0]);
}

int main(void)
{
    f(5);
    f(2);
    return 0;
}
