// SPEC 5: misuse of cdefer_result is an error at the offending declaration
// (the variable's name): two of them, another type, not in the function's
// outermost block, in a void function, static; also extern, a parameter, a
// file-scope variable.  Qualifiers aside, the type must be the return type
// (a typedef of it is the same type).  The texts are docs/DIAGNOSTICS.md
// "Named results (SPEC 5)", R1-R6.
//
//
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:

#include <cdefer.h>

int ok(void)
{
    cdefer_result int r = 1;
    defer r++;
    return r;
}

int ok_qualified(void)
{
    cdefer_result const int r = 1;
    return r;
}

typedef int myint;
myint ok_typedef(void)
{
    cdefer_result int r = 1;
    return r;
}

struct S { int a; };
const struct S ok_struct(void)
{
    cdefer_result struct S s = { 1 };
    return s;
}

int two(void)
{
    cdefer_result int a = 0;
    cdefer_result int b = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:23: error: 'cdefer_result' variable 'b': 'two' already has one, 'a' at {{.*}}result_errors.c:[[#@LINE-2]]:23
    return a + b;
}

int two_in_one(void)
{
    cdefer_result int a = 0, b = 1;
// CHECK: result_errors.c:[[#@LINE-1]]:30: error: 'cdefer_result' variable 'b': 'two_in_one' already has one, 'a' at {{.*}}result_errors.c:[[#@LINE-1]]:23
    return a + b;
}

long other_type(void)
{
    cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:23: error: 'cdefer_result' variable 'a' does not have the return type of 'other_type'
    return a;
}

const char *pointer_qualifiers(void)
{
    cdefer_result char *p = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:25: error: 'cdefer_result' variable 'p' does not have the return type of 'pointer_qualifiers'
    return p;
}

int not_outermost(int c)
{
    if (c) {
        cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:27: error: 'cdefer_result' variable 'a' is not in the outermost block of 'not_outermost'
        return a;
    }
    for (cdefer_result int i = 0; i < c; i++)
// CHECK: result_errors.c:[[#@LINE-1]]:28: error: 'cdefer_result' variable 'i' is not in the outermost block of 'not_outermost'
        c--;
    defer {
        cdefer_result int d = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:27: error: 'cdefer_result' variable 'd' is not in the outermost block of 'not_outermost'
        (void)d;
    }
    return 0;
}

void in_void(void)
{
    cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:23: error: 'cdefer_result' variable 'a' in 'in_void', which returns void
    (void)a;
}

int is_static(void)
{
    static cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:30: error: 'cdefer_result' variable 'a' cannot be 'static'
    return a;
}

int is_extern(void)
{
    extern cdefer_result int e;
// CHECK: result_errors.c:[[#@LINE-1]]:30: error: 'cdefer_result' variable 'e' cannot be 'extern'
    return e;
}

int parameter(cdefer_result int x)
// CHECK: result_errors.c:[[#@LINE-1]]:33: error: 'cdefer_result' applies only to a local variable of a function
{
    return x;
}

cdefer_result int file_scope;
// CHECK: result_errors.c:[[#@LINE-1]]:19: error: 'cdefer_result' applies only to a local variable of a function
