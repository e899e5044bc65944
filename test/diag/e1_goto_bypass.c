// E1 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a goto from outside the scope
// of a defer to a label inside it (past the defer) is an error at the goto
// keyword, followed by a note at the defer and nothing else.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void same_block(int c)
{
    if (c)
        // CHECK: {{.*}}e1_goto_bypass.c:[[@LINE+1]]:9: error: jump to label 'L1' bypasses the defer statement at {{.*}}e1_goto_bypass.c:[[@LINE+2]]:5{{$}}
        goto L1;
    defer puts("deferred");
    // CHECK: {{.*}}e1_goto_bypass.c:[[@LINE-1]]:5: note: defer statement is here
L1:
    puts("at L1");
}

void into_block(void)
{
    // CHECK: {{.*}}e1_goto_bypass.c:[[@LINE+1]]:5: error: jump to label 'L2' bypasses the defer statement at {{.*}}e1_goto_bypass.c:[[@LINE+3]]:9{{$}}
    goto L2;
    {
        _Defer puts("deferred");
        // CHECK: {{.*}}e1_goto_bypass.c:[[@LINE-1]]:9: note: defer statement is here
        puts("skipped");
L2:
        puts("at L2");
    }
}

void into_nested_block(int c)
{
    {
        defer puts("deferred");
        {
            puts("nested");
L3:
            puts("at L3");
        }
    }
    if (c)
        // CHECK: {{.*}}e1_goto_bypass.c:[[@LINE+1]]:9: error: jump to label 'L3' bypasses the defer statement at {{.*}}e1_goto_bypass.c:[[@LINE-8]]:9{{$}}
        goto L3;
    // CHECK: {{.*}}e1_goto_bypass.c:[[@LINE-10]]:9: note: defer statement is here
}
