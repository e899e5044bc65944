// SPEC 4: recover() in a function's first deferred statement stops a panic
// however many deferred statements of the function ran, or recovered and
// panicked again, between the one that raised it and the recover: 80 quiet
// defers between a panic raised while another panic runs them and the
// recover, and a chain of 80 recover-and-panic-again defers.  With the Clang
// plugin each of those deferred statements runs in a helper frame of its
// own at -O0 (and each re-panic adds one at every level), so the recovering
// function's frame is more than 64 frames out; the runtime's walk to it
// stopped at 64 frames and recover returned NULL.
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
// CHECK:      quiet_between: second, 80 quiet
// CHECK-NEXT: quiet_between returned -1
// CHECK-NEXT: repanic_chain: 80
// CHECK-NEXT: repanic_chain returned -1
// CHECK-NEXT: end
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>

static volatile int yes = 1;
static int quiet;

#define QUIET10 defer { quiet++; } defer { quiet++; } defer { quiet++; } defer { quiet++; } defer { quiet++; } \
                defer { quiet++; } defer { quiet++; } defer { quiet++; } defer { quiet++; } defer { quiet++; }
#define REPANIC                                                         \
    defer {                                                             \
        const cdefer_panic_info *p = recover();                         \
        if (p)                                                          \
            panic("%d", atoi_(p->message) + 1);                         \
    }
#define REPANIC10 REPANIC REPANIC REPANIC REPANIC REPANIC REPANIC REPANIC REPANIC REPANIC REPANIC

static int atoi_(const char *s)
{
    int n = 0;
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (*s++ - '0');
    return n;
}

/* 80 quiet defers between the recovering one and the one that panics while the first panic runs them */
__attribute__((noinline)) static int quiet_between(void)
{
    cdefer_result int r = 1;
    defer {
        const cdefer_panic_info *p = recover();
        printf("quiet_between: %s, %d quiet\n", p ? p->message : "recover NULL", quiet);
        if (p)
            r = -1;
    }
    defer {
        if (yes)
            panic("second");
    }
    QUIET10 QUIET10 QUIET10 QUIET10 QUIET10 QUIET10 QUIET10 QUIET10
    defer {
        if (yes)
            panic("first");
    }
    return r;
}

/* 80 defers each recovering the panic and raising the next */
__attribute__((noinline)) static int repanic_chain(void)
{
    cdefer_result int r = 1;
    defer {
        const cdefer_panic_info *p = recover();
        printf("repanic_chain: %s\n", p ? p->message : "recover NULL");
        if (p)
            r = -1;
    }
    REPANIC10 REPANIC10 REPANIC10 REPANIC10 REPANIC10 REPANIC10 REPANIC10 REPANIC10
    defer {
        if (yes)
            panic("0");
    }
    return r;
}

int main(void)
{
    printf("quiet_between returned %d\n", quiet_between());
    printf("repanic_chain returned %d\n", repanic_chain());
    printf("end\n");
    return 0;
}
