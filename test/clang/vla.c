// SPEC 3 (VLAs in scope): a deferred statement may index a VLA declared
// outside it and take its sizeof (computed where the defer is reached, which
// is the VLA's size: a VLA's size never changes), and may declare VLAs of
// its own sized by outside locals.  A use that would need the outside VLA's
// type inside the cleanup function (e.g. its address) is a clear error.
// RUN: %clang-plugin-cc -O0 %s -o %t.exe && %run %t.exe | %FileCheck %s
// RUN: %clang-plugin-cc -O2 %s -o %t2.exe && %run %t2.exe | %FileCheck %s
// RUN: not %clang-plugin-cc -fsyntax-only -DBAD %s 2>&1 | %FileCheck --check-prefix=BAD %s
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

#ifdef BAD
void g(int n)
{
    int a[n];
    defer {
        int (*p)[n] = &a;
        (void)p;
    }
}
#endif

int main(void)
{
    f(4);
    return 0;
}
// CHECK: n = 1, sizeof a = 16, sizeof b = 4, a[3] = 100, b[0] = 1
// BAD: vla.c:35:24: error: cdefer: 'a' has a variably modified type; a deferred statement can only index it or take its sizeof
// BAD-NEXT: int (*p)[n] = &a;
// BAD: vla.c:34:5: note: defer statement is here
