// SPEC 3.1, GNU statement expressions: a statement expression holding a defer
// is never a constant expression (as with a call), so each constant context
// below is an error at the statement expression -- never a silent fold that
// drops the deferred statement (the Clang plugin folded all three and never
// ran the defer).  clang-22 -fdefer-ts and GCC agree.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck %s \
// RUN:   --implicit-check-not="internal compiler error" --implicit-check-not="Segmentation fault" \
// RUN:   --implicit-check-not="PLEASE submit" --implicit-check-not="Stack dump"
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    // CHECK: stmt_expr_not_constant.c:[[@LINE+1]]:20: error: {{initializer element is not (a compile-time constant|constant)}}
    static int s = ({ defer puts("static"); 1; });
    // CHECK: stmt_expr_not_constant.c:[[@LINE+1]]:{{[0-9]+}}: error: {{(static assertion|static_assert expression|expression in static assertion).*}}
    _Static_assert(({ defer puts("assert"); 1; }), "never a constant");
    return s;
}
