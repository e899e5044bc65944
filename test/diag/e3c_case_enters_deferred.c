// E3c (docs/DIAGNOSTICS.md, SPEC 3 constraints): a case or default label inside
// a deferred statement whose switch is outside it is an error at the
// case/default keyword, with a note at the defer.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>
#include <stdio.h>

void case_label(int v)
{
    switch (v) {
    case 0: {
        _Defer {
            puts("deferred");
            // CHECK: {{.*}}e3c_case_enters_deferred.c:[[@LINE+1]]:9: error: jump to case label enters the deferred statement of the defer at {{.*}}e3c_case_enters_deferred.c:[[@LINE-2]]:9{{$}}
        case 1:
            // CHECK: {{.*}}e3c_case_enters_deferred.c:[[@LINE-4]]:9: note: defer statement is here
            puts("one");
        }
        puts("zero");
    }
    }
}

void default_label(int v)
{
    switch (v) {
    case 0: {
        defer if (v) {
            // CHECK: {{.*}}e3c_case_enters_deferred.c:[[@LINE+1]]:9: error: jump to default label enters the deferred statement of the defer at {{.*}}e3c_case_enters_deferred.c:[[@LINE-1]]:9{{$}}
        default:
            // CHECK: {{.*}}e3c_case_enters_deferred.c:[[@LINE-3]]:9: note: defer statement is here
            puts("default");
        }
        puts("zero");
    }
    }
}
