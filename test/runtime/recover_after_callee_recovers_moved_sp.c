// SPEC 4: a recovering function that deferred code calls during a panic
// ends its own panic only, whatever the landing pad that runs that deferred
// code did to the stack pointer: the older panic goes on, and the recover
// further out gets it.  Three ways the landing pad's stack pointer lies
// above the one the raising call had (so the recovering function's frame
// can lie above it too): a 512-byte structure passed by value to the
// raiser (popped before the landing pad runs, x86-64), a VLA block, and a
// function whose deferred code calls the same function again, the inner
// activation recovering (the runtime finds the suspended frame by its
// function, so a second activation of it must not confuse it).
// docs/RUNTIME.md 3.3.
//
// RUN: %cc -std=c11 -O0 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 big | %FileCheck --check-prefix=BIG --match-full-lines %s
// RUN: %run %t.O0 vla | %FileCheck --check-prefix=VLA --match-full-lines %s
// RUN: %run %t.O0 rec | %FileCheck --check-prefix=REC --match-full-lines %s
// RUN: %cc -std=c11 -O1 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O1
// RUN: %run %t.O1 big | %FileCheck --check-prefix=BIG --match-full-lines %s
// RUN: %run %t.O1 vla | %FileCheck --check-prefix=VLA --match-full-lines %s
// RUN: %run %t.O1 rec | %FileCheck --check-prefix=REC --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 big | %FileCheck --check-prefix=BIG --match-full-lines %s
// RUN: %run %t.O2 vla | %FileCheck --check-prefix=VLA --match-full-lines %s
// RUN: %run %t.O2 rec | %FileCheck --check-prefix=REC --match-full-lines %s
// RUN: %cc -std=c11 -O3 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O3
// RUN: %run %t.O3 big | %FileCheck --check-prefix=BIG --match-full-lines %s
// RUN: %run %t.O3 vla | %FileCheck --check-prefix=VLA --match-full-lines %s
// RUN: %run %t.O3 rec | %FileCheck --check-prefix=REC --match-full-lines %s
// RUN: %cc -std=c11 -Os -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.Os
// RUN: %run %t.Os big | %FileCheck --check-prefix=BIG --match-full-lines %s
// RUN: %run %t.Os vla | %FileCheck --check-prefix=VLA --match-full-lines %s
// RUN: %run %t.Os rec | %FileCheck --check-prefix=REC --match-full-lines %s
// RUN: %cc -std=c11 -O2 %flto -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.lto
// RUN: %run %t.lto big | %FileCheck --check-prefix=BIG --match-full-lines %s
// RUN: %run %t.lto vla | %FileCheck --check-prefix=VLA --match-full-lines %s
// RUN: %run %t.lto rec | %FileCheck --check-prefix=REC --match-full-lines %s
//
// BIG:      inner: second
// BIG-NEXT: mid: inner 7
// BIG-NEXT: top: big 7
// BIG-NEXT: end
// BIG-NOT:  {{.+}}
//
// VLA:      inner: second
// VLA-NEXT: mid: inner 5
// VLA-NEXT: top: vla 5 1 2 3 4 5 6 7
// VLA-NEXT: end
// VLA-NOT:  {{.+}}
//
// REC:      rec1: left
// REC-NEXT: rec1: rec 1 0 0 0 0 0 0 0
// REC-NEXT: rec2: left
// REC-NEXT: top: rec 2
// REC-NEXT: end
// REC-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>
#include <string.h>

static volatile int yes = 1;

struct big {
    int v[128];
};

__attribute__((noinline)) static void raise_big(struct big b)
{
    if (yes)
        panic("big %d", b.v[127]);
}

__attribute__((noinline)) static void raise_many(const char *what, int a, int b, int c, int d, int e,
                                                  int f, int g, int h)
{
    if (yes)
        panic("%s %d %d %d %d %d %d %d %d", what, a, b, c, d, e, f, g, h);
}

static int inner(int a)
{
    cdefer_result int res = 0;
    defer {
        const cdefer_panic_info *p = recover();
        printf("inner: %s\n", p ? p->message : "NULL");
        res = a;
    }
    if (yes)
        panic("second");
    return -1;
}

static int (*volatile fp_inner)(int) = inner;

static void mid_big(int a)
{
    struct big b;
    memset(&b, 0, sizeof b);
    b.v[127] = a;
    {
        defer { printf("mid: inner %d\n", fp_inner(a)); }
        raise_big(b);
    }
}

static void mid_vla(int n)
{
    int v[n];
    v[0] = n;
    {
        defer { printf("mid: inner %d\n", fp_inner(v[0])); }
        int w[n + 3];
        w[n + 2] = 7;
        raise_many("vla", v[0], 1, 2, 3, 4, 5, 6, w[n + 2]);
    }
}

static void (*volatile fp_rec)(int);

static void rec(int d)
{
    defer {
        if (d == 1) {
            const cdefer_panic_info *p = recover();
            printf("rec1: %s\n", p ? p->message : "NULL");
        }
    }
    {
        defer {
            if (d == 2)
                fp_rec(1);
            printf("rec%d: left\n", d);
        }
        raise_many("rec", d, 0, 0, 0, 0, 0, 0, 0);
    }
}

static void top(const char *which)
{
    defer {
        const cdefer_panic_info *p = recover();
        printf("top: %.*s\n", p && !strncmp(p->message, "rec", 3) ? 5 : 64, p ? p->message : "NULL");
    }
    if (!strcmp(which, "big"))
        mid_big(7);
    else if (!strcmp(which, "vla"))
        mid_vla(5);
    else
        fp_rec(2);
}

int main(int argc, char **argv)
{
    fp_rec = rec;
    top(argc > 1 ? argv[1] : "big");
    puts("end");
    return 0;
}
