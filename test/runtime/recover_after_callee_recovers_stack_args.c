// A recovering function called by deferred code during a panic ends only
// its own panic, however far the raising call moved the stack pointer: as
// recover_after_callee_recovers.c, but the first panic is raised by a
// panic() with seven values in mid itself, so that call pushes more than 16
// bytes of arguments on x86-64, and mid's landing pad runs with them popped
// (inner's frame address lies above the stack pointer mid had at the call).
// top's recover must still stop the first panic (panic fuzzer seed 764,
// docs/RELIABILITY.md; returned NULL with GCC at every level and Clang at
// -O1 and up while the runtime compared stack pointers).
//
// RUN: %cc -std=c11 -O0 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O1 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O1
// RUN: %run %t.O1 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O3 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O3
// RUN: %run %t.O3 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -Os -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.Os
// RUN: %run %t.Os | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 %flto -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.lto
// RUN: %run %t.lto | %FileCheck --match-full-lines %s
// CHECK:      inner: second
// CHECK-NEXT: inner alloca 3
// CHECK-NEXT: mid: inner 3
// CHECK-NEXT: top: first 3 1 8 4 2 0 3
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}

#include <alloca.h>
#include <cdefer.h>
#include <stdio.h>

static volatile int yes = 1;

static int inner(int a)
{
    cdefer_result int res = a;
    {
        int *v = alloca((a % 5 + 1) * sizeof(int));
        v[0] = a;
        defer printf("inner alloca %d\n", v[0]);
        defer {
            defer {
                const cdefer_panic_info *p = recover();
                printf("inner: %s\n", p ? p->message : "NULL");
            }
        }
        for (int i = 0; i < 3; i++)
            if (yes)
                panic("second");
    }
    return 1;
}

static int (*volatile fp_inner)(int) = inner;

static void mid(int a)
{
    {
        defer { printf("mid: inner %d\n", fp_inner(a)); }
        if (yes)
            panic("first %d %d %d %d %d %d %d", a, 1, 8, 4, 2, 0, 3);
    }
}

static void (*volatile fp_mid)(int) = mid;

static void top(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("top: %s\n", p ? p->message : "NULL");
    }
    fp_mid(3);
}

int main(void)
{
    top();
    printf("end\n");
    return 0;
}
