// E2 (docs/DIAGNOSTICS.md): every case label that bypasses a defer is reported
// (one error per offending label, each with its note, nothing else). The order
// in which a compiler reports the labels of one switch may vary (clang's jump
// checker goes backwards), hence CHECK-DAG plus a count of errors and notes.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s %no-crash-checks
// RUN: not %cc -fsyntax-only %s 2>&1 | grep -c "error:" | %FileCheck --check-prefix=ERRORS %s
// RUN: not %cc -fsyntax-only %s 2>&1 | grep -c "note:" | %FileCheck --check-prefix=NOTES %s
// ERRORS: {{^}}2{{$}}
// NOTES: {{^}}2{{$}}
#include <stddefer.h>
#include <stdio.h>

void two_labels(int v)
{
    switch (v) {
    case 0:
        defer puts("deferred");
        // CHECK-DAG: {{.*}}e2_two_labels.c:[[@LINE-1]]:9: note: defer statement is here
        // CHECK-DAG: {{.*}}e2_two_labels.c:[[@LINE-2]]:9: note: defer statement is here
        puts("zero");
        // CHECK-DAG: {{.*}}e2_two_labels.c:[[@LINE+1]]:5: error: jump to case label bypasses the defer statement at {{.*}}e2_two_labels.c:[[@LINE-4]]:9{{$}}
    case 1:
        puts("one");
        // CHECK-DAG: {{.*}}e2_two_labels.c:[[@LINE+1]]:5: error: jump to default label bypasses the defer statement at {{.*}}e2_two_labels.c:[[@LINE-7]]:9{{$}}
    default:
        puts("default");
    }
}
