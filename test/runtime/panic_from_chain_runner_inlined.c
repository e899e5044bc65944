// A panic raised by an enclosing deferred statement, run because the inner
// one panicked, in a function that -O1 inlines into a caller with deferred
// code of its own still runs the caller's deferred statements and reaches
// its recover(), at every -O.  (Panic fuzzer seed 2374: the Clang plugin's
// EH chain, used until December 2026, ran that statement from a runner
// whose call was a plain call in a nothrow helper; after inlining it lost
// its unwind edge and "first" escaped with exit 2 at -O1 and up.)
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
// CHECK:      outer: second
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>

static volatile int yes = 1;

__attribute__((noinline)) static void boom(const char *m)
{
    if (yes)
        panic("%s", m);
}

/* Inlined into outer at -O1: its second defer panics on the normal exit,
 * and that defer's guard runs the first through the chain's runner, which
 * panics again (a replacement). */
static inline void inner(void)
{
    defer boom("second");
    defer boom("first");
}

static void outer(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("outer: %s\n", p ? p->message : "NULL");
    }
    inner();
}

int main(void)
{
    outer();
    puts("end");
    return 0;
}
