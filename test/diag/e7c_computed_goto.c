// E7c (docs/DIAGNOSTICS.md, SPEC 3 constraints): a computed goto (GNU
// `goto *p`) inside a deferred statement is an error at the goto keyword,
// with a note at the defer.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s \
// RUN:   --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note: \
// RUN:   --implicit-check-not="internal compiler error" --implicit-check-not="Segmentation fault" \
// RUN:   --implicit-check-not="PLEASE submit" --implicit-check-not="Stack dump"
#include <stddefer.h>
#include <stdio.h>

void computed(void)
{
    void *target = &&out;
    {
        // CHECK: {{.*}}e7c_computed_goto.c:[[@LINE+1]]:16: error: computed goto in the deferred statement of the defer at {{.*}}e7c_computed_goto.c:[[@LINE+1]]:9{{$}}
        _Defer goto *target;
        // CHECK: {{.*}}e7c_computed_goto.c:[[@LINE-1]]:9: note: defer statement is here
        puts("body");
    }
out:
    puts("out");
}
