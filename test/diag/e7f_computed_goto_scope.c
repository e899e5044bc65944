// E7d, E7f (docs/DIAGNOSTICS.md, SPEC 3 constraints): a computed goto may
// reach any label whose address is taken.  One that may jump past a defer
// into its scope, or out of a defer's scope (neither compiler runs cleanups
// on an indirect jump, so the deferred statement would be skipped
// silently), is an error at the goto keyword, with a note at the defer.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void leaves(void)
{
    void *p = &&out;
    {
        // CHECK-DAG: {{.*}}e7f_computed_goto_scope.c:[[@LINE+1]]:9: note: defer statement is here
        _Defer puts("deferred");
        puts("body");
        // CHECK-DAG: {{.*}}e7f_computed_goto_scope.c:[[@LINE+1]]:9: error: computed goto may jump to label 'out', which leaves the scope of the defer at {{.*}}e7f_computed_goto_scope.c:[[@LINE-2]]:9 without running it{{$}}
        goto *p;
    }
out:
    puts("out");
}

void enters(int c)
{
    void *p = &&in;
    if (c)
        // CHECK-DAG: {{.*}}e7f_computed_goto_scope.c:[[@LINE+1]]:9: error: computed goto may jump to label 'in', which bypasses the defer statement at {{.*}}e7f_computed_goto_scope.c:[[@LINE+4]]:9{{$}}
        goto *p;
    {
        // CHECK-DAG: {{.*}}e7f_computed_goto_scope.c:[[@LINE+1]]:9: note: defer statement is here
        _Defer puts("deferred");
    in:
        puts("in");
    }
}
