// E5 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a break inside a deferred
// statement that is not inside a loop or switch nested in that statement is an
// error at the break keyword, with a note at the defer whose statement it would
// leave (the innermost one).
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void in_loop(void)
{
    for (int i = 0; i < 3; i++) {
        // CHECK: {{.*}}e5_break.c:[[@LINE+1]]:16: error: break statement would leave the deferred statement of the defer at {{.*}}e5_break.c:[[@LINE+1]]:9{{$}}
        _Defer break;
        // CHECK: {{.*}}e5_break.c:[[@LINE-1]]:9: note: defer statement is here
        puts("body");
    }
}

void in_switch(int v)
{
    switch (v) {
    case 0: {
        defer {
            if (v == 0)
                // CHECK: {{.*}}e5_break.c:[[@LINE+1]]:17: error: break statement would leave the deferred statement of the defer at {{.*}}e5_break.c:[[@LINE-2]]:9{{$}}
                break;
            // CHECK: {{.*}}e5_break.c:[[@LINE-4]]:9: note: defer statement is here
        }
        puts("zero");
    }
    }
}

void inner_defer_in_deferred_loop(void)
{
    _Defer for (int i = 0; i < 3; i++) {
        // CHECK: {{.*}}e5_break.c:[[@LINE+1]]:16: error: break statement would leave the deferred statement of the defer at {{.*}}e5_break.c:[[@LINE+1]]:9{{$}}
        _Defer break;
        // CHECK: {{.*}}e5_break.c:[[@LINE-1]]:9: note: defer statement is here
    }
    puts("body");
}
