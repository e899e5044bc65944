// E2 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a case or default label inside
// the scope of a defer whose switch is outside that scope is an error at the
// case/default keyword, with a note at the defer.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void case_label(int v)
{
    switch (v) {
    case 0:
        defer puts("deferred");
        puts("zero");
        // CHECK: {{.*}}e2_case_bypass.c:[[@LINE+1]]:5: error: jump to case label bypasses the defer statement at {{.*}}e2_case_bypass.c:[[@LINE-2]]:9{{$}}
    case 1:
        // CHECK: {{.*}}e2_case_bypass.c:[[@LINE-4]]:9: note: defer statement is here
        puts("one");
    }
}

void default_label(int v)
{
    switch (v) {
    case 0:
        _Defer puts("deferred");
        puts("zero");
        // CHECK: {{.*}}e2_case_bypass.c:[[@LINE+1]]:5: error: jump to default label bypasses the defer statement at {{.*}}e2_case_bypass.c:[[@LINE-2]]:9{{$}}
    default:
        // CHECK: {{.*}}e2_case_bypass.c:[[@LINE-4]]:9: note: defer statement is here
        puts("default");
    }
}

void label_in_nested_block(int v)
{
    switch (v) {
    case 0:
        defer puts("deferred");
        if (v == 0) {
            puts("zero");
            // CHECK: {{.*}}e2_case_bypass.c:[[@LINE+1]]:9: error: jump to case label bypasses the defer statement at {{.*}}e2_case_bypass.c:[[@LINE-3]]:9{{$}}
        case 3:
            // CHECK: {{.*}}e2_case_bypass.c:[[@LINE-5]]:9: note: defer statement is here
            puts("three");
        }
    }
}
