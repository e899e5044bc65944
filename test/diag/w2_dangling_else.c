// W2 under -Wall: `if (c) defer f();` with no else draws W2 and nothing else
// -- in particular no -Wdangling-else about the plugin's own expansion (the
// Clang plugin's marker has an `else` of its own, cdefer.h) -- while a
// dangling else the user wrote is still warned about.
// RUN: %cc -fsyntax-only -Wall -Wextra -Wno-comment %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s \
// RUN:   --implicit-check-not=error: --implicit-check-not=warning: \
// RUN:   --implicit-check-not="internal compiler error" --implicit-check-not="Segmentation fault"
#include <stddefer.h>
#include <stdio.h>

void f(int c, int d)
{
    if (c)
        // CHECK-DAG: w2_dangling_else.c:[[@LINE+1]]:9: warning: defer statement as the body of 'if' forms its own block: its deferred statement runs immediately
        defer puts("if");
    if (c)
        if (d)
            puts("inner");
    // CLANG-DAG: w2_dangling_else.c:[[@LINE+2]]:5: warning: add explicit braces to avoid dangling else
    // GCC-DAG: w2_dangling_else.c:[[@LINE-4]]:{{[0-9]+}}: warning: suggest explicit braces to avoid ambiguous 'else'
    else
        puts("dangling");
}
