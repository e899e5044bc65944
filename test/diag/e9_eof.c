// E9 (docs/DIAGNOSTICS.md): `_Defer` at the end of the file is the compiler's
// own parse error. Where it is reported is up to the compiler (clang reports
// it right after the token, gcc at the end of input, with or without a line
// number), so only the file name and "error: expected" are checked.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s %no-crash-checks
// CHECK: {{.*}}e9_eof.c:{{([0-9]+:[0-9]+:)?}} error: expected
void f(void)
{
    _Defer
