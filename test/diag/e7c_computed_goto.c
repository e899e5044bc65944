// E7c (docs/DIAGNOSTICS.md, SPEC 3 constraints): a computed goto (GNU
// `goto *p`) inside a deferred statement that may reach a label outside it
// (any label whose address the function takes) is an error at the goto
// keyword, with a note at the defer; one whose every possible target lies
// inside its own deferred statement is fine.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
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

void stays(int i)
{
    _Defer {
        void *p = i ? &&a : &&b;
        goto *p;
    a:
        puts("a");
    b:
        puts("b");
    }
    puts("body");
}

void one_label_outside(int i)
{
    void *q = &&out;
    {
        // CHECK: {{.*}}e7c_computed_goto.c:[[@LINE+3]]:13: error: computed goto in the deferred statement of the defer at {{.*}}e7c_computed_goto.c:[[@LINE+1]]:9{{$}}
        _Defer {
            void *p = i ? &&in : q;
            goto *p;
        in:
            puts("in");
        }
        // CHECK: {{.*}}e7c_computed_goto.c:[[@LINE-6]]:9: note: defer statement is here
        puts("body");
    }
out:
    puts("out");
}

void inner_leaves(void)
{
    _Defer {
        void *p = &&outer;
        {
            // CHECK: {{.*}}e7c_computed_goto.c:[[@LINE+2]]:22: error: computed goto in the deferred statement of the defer at {{.*}}e7c_computed_goto.c:[[@LINE+2]]:13{{$}}
            // CHECK: {{.*}}e7c_computed_goto.c:[[@LINE+1]]:13: note: defer statement is here
            _Defer { goto *p; }
            puts("inner body");
        }
    outer:
        puts("outer");
    }
    puts("body");
}
