// E10 (docs/DIAGNOSTICS.md, SPEC 2): a deferred statement cannot be a labelled
// statement (an ordinary label, case or default); the error is at the label,
// with a note at the defer, and nothing else (no jump error for the case label).
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void ordinary_label(void)
{
    // CHECK: {{.*}}e10_labelled.c:[[@LINE+1]]:12: error: a deferred statement cannot be a labelled statement{{$}}
    _Defer L: puts("labelled");
    // CHECK: {{.*}}e10_labelled.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}

void case_label(int v)
{
    switch (v) {
    case 0:
        // CHECK: {{.*}}e10_labelled.c:[[@LINE+1]]:15: error: a deferred statement cannot be a labelled statement{{$}}
        defer case 1: puts("one");
        // CHECK: {{.*}}e10_labelled.c:[[@LINE-1]]:9: note: defer statement is here
    }
}

void default_label(int v)
{
    switch (v) {
    case 0:
        // CHECK: {{.*}}e10_labelled.c:[[@LINE+1]]:16: error: a deferred statement cannot be a labelled statement{{$}}
        _Defer default: puts("default");
        // CHECK: {{.*}}e10_labelled.c:[[@LINE-1]]:9: note: defer statement is here
    }
}

// A braced deferred statement whose first statement is labelled is no
// labelled statement, also in another macro's argument and nested in a
// deferred `if` (the GCC plugin once took the inner defer for the outer
// one there: test/fuzz seed 7003).
#define ID(...) __VA_ARGS__
void block_in_macro_argument(int c)
{
    ID(defer if (c) { defer { L1: puts("labelled in a block"); } })
    ID(defer { L2: puts("first in a block"); })
}
