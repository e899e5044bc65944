// E7 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a goto inside a deferred
// statement to a label outside it (forward or backward) is an error at the
// goto keyword, with a note at the defer.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void forward(void)
{
    {
        _Defer {
            puts("deferred");
            // CHECK: {{.*}}e7_goto_leaves.c:[[@LINE+1]]:13: error: jump to label 'out' would leave the deferred statement of the defer at {{.*}}e7_goto_leaves.c:[[@LINE-2]]:9{{$}}
            goto out;
            // CHECK: {{.*}}e7_goto_leaves.c:[[@LINE-4]]:9: note: defer statement is here
        }
        puts("body");
    }
out:
    puts("out");
}

void backward(int c)
{
top:
    puts("top");
    // CHECK: {{.*}}e7_goto_leaves.c:[[@LINE+1]]:18: error: jump to label 'top' would leave the deferred statement of the defer at {{.*}}e7_goto_leaves.c:[[@LINE+1]]:5{{$}}
    defer if (c) goto top;
    // CHECK: {{.*}}e7_goto_leaves.c:[[@LINE-1]]:5: note: defer statement is here
}

void from_nested_loop(int n)
{
    _Defer for (int i = 0; i < n; i++) {
        if (i == 1)
            // CHECK: {{.*}}e7_goto_leaves.c:[[@LINE+1]]:13: error: jump to label 'done' would leave the deferred statement of the defer at {{.*}}e7_goto_leaves.c:[[@LINE-2]]:5{{$}}
            goto done;
        // CHECK: {{.*}}e7_goto_leaves.c:[[@LINE-4]]:5: note: defer statement is here
    }
    puts("body");
done:
    puts("done");
}
