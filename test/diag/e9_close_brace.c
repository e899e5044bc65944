// E9 (docs/DIAGNOSTICS.md, SPEC 3 constraints): `_Defer` directly followed by
// the closing brace is the compiler's own parse error at the brace. Its text
// differs between GCC and Clang; both start with "expected".
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s %no-crash-checks
void f(void)
{
    // CHECK: {{.*}}e9_close_brace.c:[[@LINE+1]]:12: error: expected
    _Defer }
