// E3 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a goto from outside a deferred
// statement to a label inside it is an error at the goto keyword, with a note
// at the defer.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void from_same_block(void)
{
    _Defer {
        puts("deferred");
L1:
        puts("at L1");
    }
    // CHECK: {{.*}}e3_goto_enters_deferred.c:[[@LINE+1]]:5: error: jump to label 'L1' enters the deferred statement of the defer at {{.*}}e3_goto_enters_deferred.c:[[@LINE-5]]:5{{$}}
    goto L1;
    // CHECK: {{.*}}e3_goto_enters_deferred.c:[[@LINE-7]]:5: note: defer statement is here
}

void from_enclosing_block(int c)
{
    {
        defer if (c) {
L2:
            puts("at L2");
        }
        puts("body");
    }
    // CHECK: {{.*}}e3_goto_enters_deferred.c:[[@LINE+1]]:5: error: jump to label 'L2' enters the deferred statement of the defer at {{.*}}e3_goto_enters_deferred.c:[[@LINE-6]]:9{{$}}
    goto L2;
    // CHECK: {{.*}}e3_goto_enters_deferred.c:[[@LINE-8]]:9: note: defer statement is here
}
