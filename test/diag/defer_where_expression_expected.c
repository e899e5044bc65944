// A defer is a statement: where an expression (or a declaration) is
// expected, the compiler's syntax error is at the `_Defer` token's line and
// column, or with `defer` at the token in <stddefer.h>'s macro and a note at
// `defer` as GCC does for any macro (at file scope: "defer statement outside a function", with no
// error after it), and no diagnostic names the marker's pragma or the
// plugin's internal symbols.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s \
// RUN:   --implicit-check-not="c: error" --implicit-check-not="#pragma" --implicit-check-not=__cdefer %no-crash-checks
#include <stddefer.h>

void x(void);
// CHECK: {{.*}}defer_where_expression_expected.c:[[@LINE+1]]:15: error: defer statement outside a function
int global = (_Defer 1, 2);
// CHECK: {{.*}}defer_where_expression_expected.c:[[@LINE+1]]:14: error: defer statement outside a function
int a[sizeof(_Defer x)];

int g(int v)
{
    // GCC: {{.*}}defer_where_expression_expected.c:[[@LINE+2]]:20: error: expected ')' before ':' token
    // CLANG: {{.*}}defer_where_expression_expected.c:[[@LINE+1]]:20: error: expected expression
    int n = sizeof(_Defer x);
    // GCC: {{.*}}defer_where_expression_expected.c:[[@LINE+2]]:10: error: expected expression before '_Defer'
    // CLANG: {{.*}}defer_where_expression_expected.c:[[@LINE+1]]:10: error: expected expression
    for (_Defer x();;)
        break;
    // With GCC at the token in <stddefer.h>'s macro, and a note at `defer`.
    // GCC: {{.*}}stddefer.h:{{[0-9]+}}:{{[0-9]+}}: error: expected expression before '_Defer'
    // GCC: {{.*}}defer_where_expression_expected.c:[[@LINE+2]]:11: note: in expansion of macro 'defer'
    // CLANG: {{.*}}defer_where_expression_expected.c:[[@LINE+1]]:11: error: expected expression
    v = g(defer 2);
    // GCC: {{.*}}defer_where_expression_expected.c:[[@LINE+2]]:12: error: expected expression before '_Defer'
    // CLANG: {{.*}}defer_where_expression_expected.c:[[@LINE+1]]:12: error: expected expression
    return _Defer;
}
