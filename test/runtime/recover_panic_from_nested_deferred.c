// SPEC 4: recover() in a deferred statement stops a panic raised by a defer
// nested in an inner deferred statement of the same function, where that
// inner statement runs because a third panic, raised from a defer nested in
// yet another deferred statement, is unwinding (and itself recovers it):
// the newest panic replaces the others and the outer recover gets it,
// whatever frames the compiler runs those deferred statements in.  With the
// Clang plugin the outer deferred statement runs in an EH-chain helper
// called from the landing pad of another helper, each with a frame pointer
// of its own at -O0 and with -fno-omit-frame-pointer.  (From the
// panic/recover fuzzer, seed 249: recover returned NULL there, and the panic
// reached top unchanged.)
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
// RUN: %cc -std=c11 -O1 -fno-omit-frame-pointer -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O1fp
// RUN: %run %t.O1fp | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -fno-omit-frame-pointer -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2fp
// RUN: %run %t.O2fp | %FileCheck --match-full-lines %s
// CHECK:      body
// CHECK-NEXT: raising
// CHECK-NEXT: middle: first
// CHECK-NEXT: innermost panics
// CHECK-NEXT: outer: second
// CHECK-NEXT: top: replaced second
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>

static volatile int yes = 1;

__attribute__((noinline)) static void raise_first(void)
{
    if (yes)
        panic("first");
}

__attribute__((noinline)) static void f(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("outer: %s\n", p ? p->message : "recover NULL");
        if (p)
            panic("replaced %s", p->message);
    }
    {
        defer {
            const cdefer_panic_info *p = recover();
            printf("middle: %s\n", p ? p->message : "recover NULL");
            defer {
                printf("innermost panics\n");
                if (yes)
                    panic("second");
            }
        }
        defer {
            defer {
                printf("raising\n");
                raise_first();
            }
        }
        printf("body\n");
    }
    printf("not reached\n");
}

static void top(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("top: %s\n", p ? p->message : "recover NULL");
    }
    f();
}

int main(void)
{
    top();
    printf("end\n");
    return 0;
}
