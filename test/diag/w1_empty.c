// W1 (docs/DIAGNOSTICS.md, SPEC 3 constraints): an empty deferred statement
// (`;` or `{}`) is a warning at the defer token and nothing else; it is not an
// error, -Werror makes it one, and -w silences it.
// RUN: %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s \
// RUN:   --implicit-check-not=error: --implicit-check-not=warning: %no-crash-checks
// RUN: not %cc -fsyntax-only -Werror %s
// RUN: %cc -fsyntax-only -w %s 2>&1 | count 0
#include <stddefer.h>
#include <stdio.h>

void empty_statement(void)
{
    // CHECK: {{.*}}w1_empty.c:[[@LINE+1]]:5: warning: empty deferred statement has no effect
    _Defer ;
    puts("body");
}

void empty_braces(void)
{
    // CHECK: {{.*}}w1_empty.c:[[@LINE+1]]:5: warning: empty deferred statement has no effect
    defer {}
    puts("body");
}

void empty_braces_spaced(void)
{
    // CHECK: {{.*}}w1_empty.c:[[@LINE+1]]:5: warning: empty deferred statement has no effect
    _Defer {
    }
    puts("body");
}
