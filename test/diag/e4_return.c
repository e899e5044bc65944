// E4 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a return inside a deferred
// statement is an error at the return keyword, with a note at the defer,
// also when the return is inside a loop nested in the deferred statement.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void in_void_function(void)
{
    // CHECK: {{.*}}e4_return.c:[[@LINE+1]]:12: error: return statement would leave the deferred statement of the defer at {{.*}}e4_return.c:[[@LINE+1]]:5{{$}}
    _Defer return;
    // CHECK: {{.*}}e4_return.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}

int with_value(int c)
{
    defer {
        if (c)
            // CHECK: {{.*}}e4_return.c:[[@LINE+1]]:13: error: return statement would leave the deferred statement of the defer at {{.*}}e4_return.c:[[@LINE-2]]:5{{$}}
            return 1;
        // CHECK: {{.*}}e4_return.c:[[@LINE-4]]:5: note: defer statement is here
    }
    return 0;
}

int in_nested_loop(int n)
{
    defer for (int i = 0; i < n; i++) {
        if (i == 2)
            // CHECK: {{.*}}e4_return.c:[[@LINE+1]]:13: error: return statement would leave the deferred statement of the defer at {{.*}}e4_return.c:[[@LINE-2]]:5{{$}}
            return i;
        // CHECK: {{.*}}e4_return.c:[[@LINE-4]]:5: note: defer statement is here
    }
    return 0;
}
