// SPEC 4: recover() in an outer deferred statement stops a panic raised by
// an inner deferred statement that itself runs because a still more inner
// one panicked (the newer panic replaces the older one), whatever frames
// the compiler runs those deferred statements in: with the Clang plugin the
// enclosing deferred statements of one that unwinds run in helper
// functions called from its landing pad, each with a frame pointer of its
// own at -O0 and with -fno-omit-frame-pointer.  (From the panic/recover
// fuzzer, seed 249: recover returned NULL there.)
//
// RUN: %cc -std=c11 -O0 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O1 -fno-omit-frame-pointer -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O1fp
// RUN: %run %t.O1fp | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -fno-omit-frame-pointer -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2fp
// RUN: %run %t.O2fp | %FileCheck --match-full-lines %s
// CHECK:      body
// CHECK-NEXT: third panics
// CHECK-NEXT: second panics
// CHECK-NEXT: first: recovered "second"
// CHECK-NEXT: f returned -1
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>

static volatile int yes = 1;

__attribute__((noinline)) static int f(void)
{
    cdefer_result int r = 1;
    defer {
        const cdefer_panic_info *p = recover();
        printf("first: %s%s%s\n", p ? "recovered \"" : "recover NULL", p ? p->message : "", p ? "\"" : "");
        if (p)
            r = -1;
    }
    defer {
        printf("second panics\n");
        if (yes)
            panic("second");
    }
    defer {
        printf("third panics\n");
        if (yes)
            panic("third");
    }
    printf("body\n");
    return r;
}

int main(void)
{
    printf("f returned %d\n", f());
    printf("end\n");
    return 0;
}
