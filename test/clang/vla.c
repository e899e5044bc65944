// SPEC 3 (VLAs in scope): a deferred statement may index a VLA declared
// outside it and take its sizeof (the size it was declared with: a VLA's
// size never changes), take its address as a pointer to a VLA sized by an
// outside local, and declare VLAs of its own sized by outside locals (read
// when it runs).  test/run/vla_types.c has the rest, on every compiler.
// RUN: %clang-plugin-cc -O0 %s -o %t.exe && %run %t.exe | %FileCheck %s
// RUN: %clang-plugin-cc -O2 %s -o %t2.exe && %run %t2.exe | %FileCheck %s
#include <stddefer.h>
#include <stdio.h>

static void f(int n)
{
    int a[n];
    for (int i = 0; i < n; i++)
        a[i] = i * i;
    {
        defer {
            int b[n];
            for (int i = 0; i < n; i++)
                b[i] = a[i] + 1;
            printf("n = %d, sizeof a = %zu, sizeof b = %zu, a[3] = %d, b[0] = %d\n",
                   n, sizeof a, sizeof(b), a[3], b[0]);
        }
        a[n - 1] = 100;
        n = 1; /* by reference: b gets 1 element; a keeps its 4 */
    }
}

static void g(int n)
{
    int a[n];
    for (int i = 0; i < n; i++)
        a[i] = 10 * i;
    int m = n;
    defer {
        int (*p)[m] = &a;
        printf("(*p)[2] = %d, sizeof *p = %zu\n", (*p)[2], sizeof *p);
    }
    n = 1;
}

int main(void)
{
    f(4);
    g(3);
    return 0;
}
// CHECK: n = 1, sizeof a = 16, sizeof b = 4, a[3] = 100, b[0] = 1
// CHECK-NEXT: (*p)[2] = 20, sizeof *p = 12
