// E9 (docs/DIAGNOSTICS.md, SPEC 2): a declaration is not a statement, so
// `_Defer int x;` is the compiler's own parse error at `int`.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s %no-crash-checks
void f(void)
{
    // CHECK: {{.*}}e9_declaration.c:[[@LINE+1]]:12: error: expected
    _Defer int x;
}
