// E6 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a continue inside a deferred
// statement that is not inside a loop nested in that statement is an error at
// the continue keyword, with a note at the defer; a switch nested in the
// deferred statement does not make it valid.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void in_loop(void)
{
    for (int i = 0; i < 3; i++) {
        // CHECK: {{.*}}e6_continue.c:[[@LINE+1]]:16: error: continue statement would leave the deferred statement of the defer at {{.*}}e6_continue.c:[[@LINE+1]]:9{{$}}
        _Defer continue;
        // CHECK: {{.*}}e6_continue.c:[[@LINE-1]]:9: note: defer statement is here
        puts("body");
    }
}

void in_switch_in_deferred(int v)
{
    while (v-- > 0) {
        defer switch (v) {
        case 1:
            // CHECK: {{.*}}e6_continue.c:[[@LINE+1]]:13: error: continue statement would leave the deferred statement of the defer at {{.*}}e6_continue.c:[[@LINE-2]]:9{{$}}
            continue;
            // CHECK: {{.*}}e6_continue.c:[[@LINE-4]]:9: note: defer statement is here
        default:
            puts("other");
        }
        puts("body");
    }
}
