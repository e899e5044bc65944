// SPEC 3.1, 3.2: `return` from inside a loop body runs that iteration's defer,
// then the function's defer.
#include <stddefer.h>
#include <stdio.h>

static int find(const int *a, int n, int key)
{
    printf("find(%d)\n", key);
    defer puts("  leave find");
    for (int i = 0; i < n; i++) {
        defer printf("  checked a[%d]\n", i);
        if (a[i] == key)
            return i;
    }
    return -1;
}

int main(void)
{
    static const int a[] = {4, 7, 9};
    int r = find(a, 3, 7);
    printf("result %d\n", r);
    r = find(a, 3, 5);
    printf("result %d\n", r);
    return 0;
}
