// SPEC 4: a panic raised by deferred code that runs because another panic
// is unwinding, from a defer nested two deep in the deferred statement of
// a function-level defer, replaces the first panic and leaves the function
// once: the deferred statements it was raised in are not run again.  Here
// the first panic comes from a defer in a loop body (on its normal exit),
// the innermost nested defer recovers it and panics again, and the caller
// recovers that one.  (From the panic/recover fuzzer, seed 1002: the Clang
// plugin ran the innermost deferred statement again for every re-panic, an
// endless loop, at -O0.)
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
// CHECK:      loop 0
// CHECK-NEXT: innermost 1
// CHECK-NEXT: top: again: first
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

static int runs;
static volatile int three = 3;

/* Not nothrow: f's body has a call that may unwind of its own. */
__attribute__((noinline)) static void work(void) { if (three == 0) panic("never"); }

__attribute__((noinline)) static void f(void)
{
    defer {
        defer {
            defer {
                if (++runs > 3) {
                    printf("runaway: the innermost deferred statement ran %d times\n", runs);
                    fflush(stdout);
                    _Exit(9);
                }
                printf("innermost %d\n", runs);
                const cdefer_panic_info *p = recover();
                if (p)
                    panic("again: %s", p->message);
            }
        }
    }
    work();
    {
        for (int i = 0; i < 2; i++) {
            defer {
                printf("loop %d\n", i);
                if (three % 3 == 0)
                    panic("first");
                work();
            }
        }
    }
}

static void top(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("top: %s\n", p ? p->message : "nil");
    }
    f();
}

int main(void)
{
    top();
    printf("end\n");
    return 0;
}
