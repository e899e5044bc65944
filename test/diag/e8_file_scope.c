// E8 (docs/DIAGNOSTICS.md, SPEC 3 constraints): `_Defer` at file scope is an
// error at the _Defer token, "defer statement outside a function", with no
// note and no follow-on error; the functions around it still compile.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stdio.h>

void before(void)
{
    puts("before");
}

// CHECK: {{.*}}e8_file_scope.c:[[@LINE+1]]:1: error: defer statement outside a function{{$}}
_Defer puts("at file scope");

void after(void)
{
    puts("after");
}
