// W3 (docs/DIAGNOSTICS.md): recover() outside any deferred statement is a
// warning at the `recover` name, since it always returns NULL there: in a
// function without defers, before a defer, after the deferred statements
// of a function, and spelled cdefer_recover() too.  Inside a deferred
// statement (at any depth, nested defers included) it is not.  -Werror makes
// it an error, -w silences it.  Runs with both plugins.
//
// RUN: %cc -fsyntax-only %s 2>&1 | %FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %cc -fsyntax-only -Werror %s
// RUN: %cc -fsyntax-only -w %s 2>&1 | count 0

#include <cdefer.h>
#include <stdio.h>

const cdefer_panic_info *helper(void)
{
    return recover();
// CHECK: recover_w3.c:[[#@LINE-1]]:12: warning: 'recover()' outside a deferred statement always returns NULL
}

void no_defer(void)
{
    (void)cdefer_recover();
// CHECK: recover_w3.c:[[#@LINE-1]]:11: warning: 'recover()' outside a deferred statement always returns NULL
}

int f(void)
{
    const cdefer_panic_info *r = recover();
// CHECK: recover_w3.c:[[#@LINE-1]]:34: warning: 'recover()' outside a deferred statement always returns NULL
    defer (void)recover();
    defer {
        if (recover())
            r = 0;
        defer { (void)cdefer_recover(); }
    }
    {
        defer (void)recover();
    }
    return r != 0;
}

void after(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        if (p)
            puts(p->message);
    }
    if (recover())
// CHECK: recover_w3.c:[[#@LINE-1]]:9: warning: 'recover()' outside a deferred statement always returns NULL
        puts("never");
}
