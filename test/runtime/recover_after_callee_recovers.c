// SPEC 4: a panic that a deferred statement's callee raises and recovers
// itself does not end the panic the deferred statement runs for: that one
// goes on and a recover further out stops it.  Here the first panic comes
// from a call with eight arguments (two pushed on the stack on x86-64, so
// the landing pad runs with the stack pointer moved back up), the deferred
// statement in that landing pad calls a recovering function that panics and
// recovers, and the caller's recover must get the first panic.  (From the
// panic/recover fuzzer, seed 764: the runtime took the first panic for one
// suspended in the recovering function's frame, since that frame's address
// equalled the stack pointer recorded for the landing pad's frame, and
// retired it with the recovered one: recover returned NULL further out, GCC
// at -O0 and -O1.)  With `seven` the first panic is a panic() with seven
// values in mid itself (inlined; more than 16 bytes of arguments pushed on
// x86-64, so the recovering function's frame lies above the stack pointer
// mid had at the call): recover returned NULL there with GCC at every
// level and Clang at -O1 and up until the runtime compared where mid's
// frame ends (its CFA; docs/RUNTIME.md 3.3) instead.
//
// RUN: %cc -std=c11 -O0 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %run %t.O0 seven | %FileCheck --check-prefix=SEVEN --match-full-lines %s
// RUN: %cc -std=c11 -O1 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O1
// RUN: %run %t.O1 | %FileCheck --match-full-lines %s
// RUN: %run %t.O1 seven | %FileCheck --check-prefix=SEVEN --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// RUN: %run %t.O2 seven | %FileCheck --check-prefix=SEVEN --match-full-lines %s
// RUN: %cc -std=c11 -O3 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O3
// RUN: %run %t.O3 | %FileCheck --match-full-lines %s
// RUN: %run %t.O3 seven | %FileCheck --check-prefix=SEVEN --match-full-lines %s
// RUN: %cc -std=c11 -Os -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.Os
// RUN: %run %t.Os | %FileCheck --match-full-lines %s
// RUN: %run %t.Os seven | %FileCheck --check-prefix=SEVEN --match-full-lines %s
// RUN: %cc -std=c11 -O2 %flto -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.lto
// RUN: %run %t.lto | %FileCheck --match-full-lines %s
// RUN: %run %t.lto seven | %FileCheck --check-prefix=SEVEN --match-full-lines %s
// CHECK:      inner: second
// CHECK-NEXT: inner alloca 3
// CHECK-NEXT: mid: inner 3
// CHECK-NEXT: top: first 29
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}
// SEVEN:      inner: second
// SEVEN-NEXT: inner alloca 3
// SEVEN-NEXT: mid: inner 3
// SEVEN-NEXT: top: first 3 1 8 4 2 0 3
// SEVEN-NEXT: end
// SEVEN-NOT:  {{.+}}

#include <alloca.h>
#include <cdefer.h>
#include <stdio.h>
#include <string.h>

static volatile int yes = 1;

__attribute__((noinline)) static void raiser(int a, int b, int c, int d, int e, int f, int g, int h)
{
    if (yes)
        panic("first %d", a + b + c + d + e + f + g + h);
}

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
        raiser(a, 1, 8, 4, 2, 0, 3, 8);
    }
}

static void mid7(int a)
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

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "seven"))
        fp_mid = mid7;
    top();
    printf("end\n");
    return 0;
}
