// SPEC 5: a named result's type is the return type "qualifiers aside":
// `cdefer_result _Atomic int`, `volatile int` and `const int` in an `int`
// function work like a plain `int` result.  `return e;` stores e in it,
// deferred code then sees (and, unless const, changes) it, and the function
// returns its final value; after a recover, the value it had.  A const
// result cannot be assigned by the user's code, deferred code included;
// only `return e;` writes it (its reads are never folded to the initialiser).
//
// RUN: %cc -std=c11 -O0 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O1 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O1
// RUN: %run %t.O1 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// CHECK:      atomic: 10
// CHECK-NEXT: atomic after a panic: 102
// CHECK-NEXT: volatile: 10
// CHECK-NEXT: volatile after a panic: 102
// CHECK-NEXT: const: deferred code sees 7
// CHECK-NEXT: const: 7
// CHECK-NEXT: const: deferred code sees 1
// CHECK-NEXT: const after a panic: 1
// CHECK-NEXT: typedef const: deferred code sees 5
// CHECK-NEXT: typedef const: 5
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>

static volatile int panics;

static void maybe_panic(void)
{
    if (panics)
        panic("boom");
}

static int atomic_result(void)
{
    cdefer_result _Atomic int r = 1;
    defer {
        if (recover())
            r += 100;
    }
    defer r *= 2;
    maybe_panic();
    return 5;
}

static int volatile_result(void)
{
    cdefer_result volatile int r = 1;
    defer {
        if (recover())
            r += 100;
    }
    defer r *= 2;
    maybe_panic();
    return 5;
}

static int const_result(void)
{
    cdefer_result const int r = 1;
    defer (void)recover();
    defer printf("const: deferred code sees %d\n", r);
    maybe_panic();
    return r + 6;
}

typedef const int cint;
static int typedef_const_result(void)
{
    cdefer_result cint r = 1;
    defer printf("typedef const: deferred code sees %d\n", r);
    if (r == 1)
        return 5;
    return 9;
}

int main(void)
{
    printf("atomic: %d\n", atomic_result());
    panics = 1;
    printf("atomic after a panic: %d\n", atomic_result());
    panics = 0;
    printf("volatile: %d\n", volatile_result());
    panics = 1;
    printf("volatile after a panic: %d\n", volatile_result());
    panics = 0;
    printf("const: %d\n", const_result());
    panics = 1;
    printf("const after a panic: %d\n", const_result());
    panics = 0;
    printf("typedef const: %d\n", typedef_const_result());
    return 0;
}
