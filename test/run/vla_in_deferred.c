// SPEC 2, 3.3: a deferred compound statement may declare a variable-length
// array; its size is computed when the deferred statement runs.
#include <stddefer.h>
#include <stdio.h>

static void f(int n)
{
    defer {
        int b[n];
        for (int i = 0; i < n; i++)
            b[i] = i + 1;
        int sum = 0;
        for (int i = 0; i < n; i++)
            sum += b[i];
        printf("deferred: n = %d, sum = %d\n", n, sum);
    }
    n = 4;
    puts("body");
}

int main(void)
{
    f(2);
    return 0;
}
