// asm goto (SPEC 3 constraints, GNU extensions: an asm goto is a goto): an
// error at the `asm` keyword wherever the deferred statement would not run
// as SPEC 3.1 says -- into a defer's scope, into or out of a deferred
// statement, and out of a defer's scope (neither compiler routes an asm
// goto's edges through the cleanup).  An asm goto that stays within one
// scope is fine.  (The asm text is empty: the checks read only the labels.)
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void into_scope(int c)
{
    if (c)
        // CHECK: {{.*}}asm_goto.c:[[@LINE+1]]:9: error: jump to label 'in' bypasses the defer statement at {{.*}}asm_goto.c:[[@LINE+3]]:9{{$}}
        asm goto("" :::: in);
    {
        defer puts("deferred");
        // CHECK: {{.*}}asm_goto.c:[[@LINE-1]]:9: note: defer statement is here
    in:
        puts("in");
    }
}

void out_of_scope(int c)
{
    {
        defer puts("deferred");
        if (c)
            // CHECK: {{.*}}asm_goto.c:[[@LINE+1]]:13: error: asm goto to label 'out' would leave the scope of the defer at {{.*}}asm_goto.c:[[@LINE-2]]:9 without running it{{$}}
            asm goto("" :::: out);
        // CHECK: {{.*}}asm_goto.c:[[@LINE-4]]:9: note: defer statement is here
        puts("body");
    }
out:
    puts("out");
}

void out_of_deferred(void)
{
    // CHECK: {{.*}}asm_goto.c:[[@LINE+3]]:9: error: jump to label 'out' would leave the deferred statement of the defer at {{.*}}asm_goto.c:[[@LINE+2]]:5{{$}}
    // CHECK: {{.*}}asm_goto.c:[[@LINE+1]]:5: note: defer statement is here
    defer {
        asm goto("" :::: out);
        puts("not jumped");
    }
    puts("body");
out:
    puts("out");
}

void into_deferred(void)
{
    // CHECK: {{.*}}asm_goto.c:[[@LINE+1]]:5: error: jump to label 'in' enters the deferred statement of the defer at {{.*}}asm_goto.c:[[@LINE+2]]:5{{$}}
    asm goto("" :::: in);
    defer {
    // CHECK: {{.*}}asm_goto.c:[[@LINE-1]]:5: note: defer statement is here
    in:
        puts("in");
    }
}

void within(int c)
{
    {
        defer puts("deferred");
        if (c)
            asm goto("" :::: later);
        puts("skipped");
    later:
        puts("later");
    }
    defer {
        asm goto("" :::: inside);
        puts("skipped in deferred");
    inside:
        puts("inside");
    }
    asm goto("" :::: end);
end:
    puts("end");
}

// One error for one asm goto, at its first label that crosses a defer: the
// second label leaves the same scope.
void two_labels_out(int c)
{
    {
        defer puts("deferred");
        if (c)
            // CHECK: {{.*}}asm_goto.c:[[@LINE+1]]:13: error: asm goto to label 'first' would leave the scope of the defer at {{.*}}asm_goto.c:[[@LINE-2]]:9 without running it{{$}}
            asm goto("" :::: first, second);
        // CHECK: {{.*}}asm_goto.c:[[@LINE-4]]:9: note: defer statement is here
        puts("body");
    }
first:
    puts("first");
second:
    puts("second");
}
