// SPEC 4: a panic raised during a panic by a defer nested in a deferred
// statement that cannot unwind by itself (it makes no call of its own)
// replaces the first panic, runs the enclosing deferred statement, and the
// caller recovers it, twice.  The Clang plugin gives such a statement no unwind
// guard; its cleanup must still be called as `nothrow` in the landing pad
// (an invoke there reaches Clang's terminate pad: abort, exit 134).
//
// RUN: %cc -std=c11 -O0 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// CHECK:      inner
// CHECK-NEXT: outer
// CHECK-NEXT: round 0: second
// CHECK-NEXT: inner
// CHECK-NEXT: outer
// CHECK-NEXT: round 1: second
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include <cdefer.h>
#include <stdio.h>

static volatile int three = 3;

__attribute__((noinline)) static void g(void)
{
    defer printf("outer\n");
    defer {
        defer {
            printf("inner\n");
            if (three == 3)
                panic("second");
        }
    }
    if (three == 3)
        panic("first");
}

static void attempt(int round)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("round %d: %s\n", round, p ? p->message : "nil");
    }
    g();
}

/* Twice: the second panic leaves no state behind. */
int main(void)
{
    for (int round = 0; round < 2; round++)
        attempt(round);
    printf("end\n");
    return 0;
}
