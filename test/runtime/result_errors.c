// SPEC 5: misuse of cdefer_result is an error at the offending declaration:
// two of them, another type, not in the function's outermost block, in a
// void function, static.  Qualifiers aside, the type must be the return
// type.  PENDING: the plugins do not register cdefer_result yet; see
// README.md.  (The messages are not fixed by the spec or DIAGNOSTICS.md:
// only the location and "error:" are checked.)
//
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck %s

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

int two(void)
{
    cdefer_result int a = 0;
    cdefer_result int b = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:{{[0-9]+}}: error:
    return a + b;
}

long other_type(void)
{
    cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:{{[0-9]+}}: error:
    return a;
}

int not_outermost(int c)
{
    if (c) {
        cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:{{[0-9]+}}: error:
        return a;
    }
    return 0;
}

void in_void(void)
{
    cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:{{[0-9]+}}: error:
    (void)a;
}

int is_static(void)
{
    static cdefer_result int a = 0;
// CHECK: result_errors.c:[[#@LINE-1]]:{{[0-9]+}}: error:
    return a;
}
// CHECK-NOT: error:
