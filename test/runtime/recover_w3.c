// W3 (docs/DIAGNOSTICS.md): recover() outside any deferred statement is a
// warning at the `recover` name, since it always returns NULL there; inside
// a deferred statement (at any depth, nested defers included) it is not.
//
// RUN: %cc -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: not %cc -fsyntax-only -Werror %s
// RUN: %cc -fsyntax-only -w %s 2>&1 | count 0

#include <cdefer.h>

const cdefer_panic_info *helper(void)
{
    return recover();
// CHECK: recover_w3.c:[[#@LINE-1]]:12: warning: 'recover()' outside a deferred statement always returns NULL
}

int f(void)
{
    const cdefer_panic_info *r = recover();
// CHECK: recover_w3.c:[[#@LINE-1]]:34: warning: 'recover()' outside a deferred statement always returns NULL
    defer (void)recover();
    defer {
        if (recover())
            r = 0;
        defer { (void)recover(); }
    }
    {
        defer (void)recover();
    }
    return r != 0;
}
// CHECK-NOT: warning:
