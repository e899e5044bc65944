// SPEC 4: recover() in a deferred statement run by a panic stops the panic
// however the call the panic left the function through passed its
// arguments, and whatever the landing pad did to the stack pointer before
// the deferred statement ran: arguments pushed on the stack (x86-64: a 7th
// integer argument, a large struct by value; popped again before the
// landing pad, DW_CFA_GNU_args_size), a raiser inlined so that panic() with
// many arguments is called from the recovering function itself, a VLA or
// alloca block left first.  And recover() stays NULL in a function called
// by the deferred code with many arguments, which exits normally.
// The same output at every optimisation level, and with -flto.
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

#include <alloca.h>
#include <cdefer.h>
#include <stdio.h>
#include <string.h>

struct big { long a[8]; };

__attribute__((noinline)) static void raise8(int a, int b, int c, int d, int e, int f, int g, int h)
{
    if (a + b + c + d + e + f + g + h > 0)
        panic("raise8 %d", h);
}

__attribute__((noinline)) static void raise_big(struct big s)
{
    if (s.a[7])
        panic("raise_big %ld", s.a[7]);
}

/* static and small: -O2 inlines it, and panic's 7 arguments are pushed by
 * the recovering function itself */
static void raise_inline(int a, int b, int c, int d, int e, int f)
{
    if (a)
        panic("inline %d %d %d %d %d %d", a, b, c, d, e, f);
}

#define RECOVER(name, value)                                          \
    defer {                                                           \
        const cdefer_panic_info *p_ = recover();                      \
        printf("%s: %s\n", name, p_ ? p_->message : "recover NULL");  \
        if (p_) r = value;                                            \
    }

__attribute__((noinline)) static int stack_args(int x)
{
    cdefer_result int r = 1;
    RECOVER("stack_args", -1);
    raise8(x, 2, 3, 4, 5, 6, 7, 8);
    return r;
}
// CHECK:      stack_args: raise8 8
// CHECK-NEXT: -1

__attribute__((noinline)) static int struct_arg(int x)
{
    cdefer_result int r = 1;
    RECOVER("struct_arg", -2);
    struct big s;
    memset(&s, 0, sizeof s);
    s.a[7] = x;
    raise_big(s);
    return r;
}
// CHECK-NEXT: struct_arg: raise_big 1
// CHECK-NEXT: -2

__attribute__((noinline)) static int inlined_raiser(int x)
{
    cdefer_result int r = 1;
    RECOVER("inlined_raiser", -3);
    raise_inline(x, 2, 3, 4, 5, 6);
    return r;
}
// CHECK-NEXT: inlined_raiser: inline 1 2 3 4 5 6
// CHECK-NEXT: -3

__attribute__((noinline)) static int vla_block(int n)
{
    cdefer_result int r = 1;
    RECOVER("vla_block", -4);
    {
        int v[n];
        v[0] = n;
        defer printf("vla block %d\n", v[0]);
        if (v[0])
            panic("in a VLA block");
    }
    return r;
}
// CHECK-NEXT: vla block 4
// CHECK-NEXT: vla_block: in a VLA block
// CHECK-NEXT: -4

__attribute__((noinline)) static int alloca_block(int n)
{
    cdefer_result int r = 1;
    RECOVER("alloca_block", -5);
    char *p = alloca((size_t)n * 64);
    p[0] = 'a';
    defer printf("alloca %c\n", p[0]);
    raise8(n, 2, 3, 4, 5, 6, 7, 9);
    return r;
}
// CHECK-NEXT: alloca a
// CHECK-NEXT: alloca_block: raise8 9
// CHECK-NEXT: -5

/* called, with stack arguments, by deferred code during a panic: it exits
 * normally, so its own recover() is NULL; the caller's then stops the panic */
__attribute__((noinline)) static int callee8(int a, int b, int c, int d, int e, int f, int g, int h)
{
    cdefer_result int r = a + b + c + d + e + f + g + h;
    RECOVER("callee8", -99);
    return r;
}

__attribute__((noinline)) static int called_from_deferred(int x)
{
    cdefer_result int r = 1;
    RECOVER("called_from_deferred", -6);
    defer printf("callee8 returned %d\n", callee8(x, 2, 3, 4, 5, 6, 7, 8));
    raise8(x, 2, 3, 4, 5, 6, 7, 10);
    return r;
}
// CHECK-NEXT: callee8: recover NULL
// CHECK-NEXT: callee8 returned 36
// CHECK-NEXT: called_from_deferred: raise8 10
// CHECK-NEXT: -6

int main(int argc, char **argv)
{
    (void)argv;
    printf("%d\n", stack_args(argc));
    printf("%d\n", struct_arg(argc));
    printf("%d\n", inlined_raiser(argc));
    printf("%d\n", vla_block(argc + 3));
    printf("%d\n", alloca_block(argc));
    printf("%d\n", called_from_deferred(argc));
    return 0;
}
