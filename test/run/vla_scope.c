// SPEC 3.3: a deferred statement in the scope of a variable-length array reads
// its elements as they are when it runs.
#include <stddefer.h>
#include <stdio.h>

static void f(int n)
{
    int a[n];
    for (int i = 0; i < n; i++)
        a[i] = i * i;
    defer printf("deferred: a[0] = %d, a[n - 1] = %d\n", a[0], a[n - 1]);
    a[0] = 100;
    puts("body");
}

int main(void)
{
    f(4);
    return 0;
}
