// E8 (docs/DIAGNOSTICS.md): a `_Defer` at file scope right after a function's
// closing brace, on the same line, is still "defer statement outside a
// function" (GCC 11 switches the expansion of _Defer at function boundaries:
// docs/DESIGN-gcc.md section 8), and the defers inside the functions around
// it are accepted.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stdio.h>

// CHECK: {{.*}}e8_after_function.c:[[@LINE+1]]:46: error: defer statement outside a function{{$}}
void before(void) { _Defer puts("before"); } _Defer puts("file scope");

void after(int c)
{
    if (c) { _Defer puts("after"); }
}
