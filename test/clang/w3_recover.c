// W3 (docs/DIAGNOSTICS.md): recover() outside any deferred statement always
// returns NULL; warned at the `recover` name, also in functions without
// defers.  Directly in a deferred statement (nested ones included) it is fine.
// RUN: %clang-plugin-cc -fsyntax-only %s 2>&1 | %FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %clang-plugin-cc -fsyntax-only -Werror %s
// RUN: %clang-plugin-cc -fsyntax-only -w %s 2>&1 | %FileCheck --allow-empty --check-prefix=QUIET %s
#include <cdefer.h>
#include <stdio.h>

void no_defer(void)
{
    // CHECK: w3_recover.c:[[@LINE+1]]:11: warning: 'recover()' outside a deferred statement always returns NULL
    (void)recover();
}

void fine(void)
{
    defer {
        const cdefer_panic_info *p = recover();
        if (p)
            puts(p->message);
        defer (void)recover();
    }
    // CHECK: w3_recover.c:[[@LINE+1]]:9: warning: 'recover()' outside a deferred statement always returns NULL
    if (recover())
        puts("never");
}
// QUIET-NOT: warning
