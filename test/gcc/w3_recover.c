// W3 (docs/DIAGNOSTICS.md): recover() outside every deferred statement is
// a warning at the `recover` name (it always returns NULL there); inside a
// deferred statement, at any depth, it is not.  -Werror makes it an error,
// -w silences it.  (test/gcc/recover_gimple.c: what the calls inside
// deferred statements become.)
// RUN: %gcc-plugin-cc -fsyntax-only %s 2>&1 | %FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %gcc-plugin-cc -fsyntax-only -Werror %s
// RUN: %gcc-plugin-cc -fsyntax-only -w %s 2>&1 | count 0
#include <cdefer.h>

const cdefer_panic_info *helper(void)
{
    // CHECK: w3_recover.c:[[#@LINE+1]]:12: warning: 'recover()' outside a deferred statement always returns NULL
    return recover();
}

int f(void)
{
    // CHECK: w3_recover.c:[[#@LINE+1]]:34: warning: 'recover()' outside a deferred statement always returns NULL
    const cdefer_panic_info *r = recover();
    defer (void)recover();
    defer {
        if (recover())
            r = 0;
        defer { (void)cdefer_recover(); }
    }
    return r != 0;
}
