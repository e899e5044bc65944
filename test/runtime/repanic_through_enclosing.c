// SPEC 4: a panic raised by deferred code that runs because another panic
// is unwinding replaces the first panic and leaves the function once, also
// when the chain that runs it starts inside another deferred statement: the
// first panic comes from a defer nested in the deferred statement of the
// function's second defer, so the first defer's statement runs next; it
// recovers the panic and panics again, and the caller recovers that one.
// The first defer's statement runs once.  (The Clang plugin's EH chain,
// used until December 2026, called its __cdefer_out_N as a `nounwind` function; at -O0 the backend
// gave that call the nested defer's own landing pad, and each re-panic ran
// the first defer's statement again, endlessly.  Sibling of
// repanic_nested_deferred.c, which reaches it through __cdefer_from_N.)
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
// CHECK:      inner
// CHECK-NEXT: outer 1
// CHECK-NEXT: top: again: first
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

static int runs;
static volatile int three = 3;

/* Not nothrow: g's body has a call that may unwind of its own. */
__attribute__((noinline)) static void work(void) { if (three == 0) panic("never"); }

__attribute__((noinline)) static void g(void)
{
    defer {
        if (++runs > 3) {
            printf("runaway: the outer deferred statement ran %d times\n", runs);
            fflush(stdout);
            _Exit(9);
        }
        printf("outer %d\n", runs);
        const cdefer_panic_info *p = recover();
        if (p)
            panic("again: %s", p->message);
    }
    defer {
        defer {
            printf("inner\n");
            if (three % 3 == 0)
                panic("first");
            work();
        }
        work();
    }
    work();
}

static void top(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("top: %s\n", p ? p->message : "nil");
    }
    g();
}

int main(void)
{
    top();
    printf("end\n");
    return 0;
}
