// SPEC 7: `-E` then compiling the preprocessed .i (what ccache and distcc do)
// gives the same program as compiling the source directly.
// RUN: %cc -E %s -o %t.i
// RUN: %cc -c %t.i -o %t.o
// RUN: %cc %t.o -o %t.exe
// RUN: %run %t.exe | %FileCheck %s
#include <stddefer.h>
#include <stdio.h>

static int f(int n)
{
    defer puts("f deferred");
    _Defer printf("f second, n = %d\n", n);
    n = 2;
    return n * 10;
}

int main(void)
{
    {
        defer puts("main deferred");
        printf("f() = %d\n", f(1));
    }
    return 0;
}
// CHECK: f second, n = 2
// CHECK-NEXT: f deferred
// CHECK-NEXT: f() = 20
// CHECK-NEXT: main deferred
