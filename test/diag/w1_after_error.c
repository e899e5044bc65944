// W1 (docs/DIAGNOSTICS.md) does not depend on errors elsewhere in the
// file: `_Defer ;` after a function with a syntax error still gets its
// warning at the _Defer token.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s \
// RUN:   --implicit-check-not=warning: --implicit-check-not="internal compiler error" \
// RUN:   --implicit-check-not="Segmentation fault" --implicit-check-not="PLEASE submit" --implicit-check-not="Stack dump"
#include <stddefer.h>
#include <stdio.h>

void broken(void)
{
    // CHECK: {{.*}}w1_after_error.c:[[@LINE+1]]:13: error: expected expression
    int y = ;
    (void)y;
}

void empty(void)
{
    // CHECK: {{.*}}w1_after_error.c:[[@LINE+1]]:5: warning: empty deferred statement has no effect
    _Defer ;
    puts("body");
}
