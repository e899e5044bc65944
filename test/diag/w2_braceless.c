// W2 (docs/DIAGNOSTICS.md, SPEC 3.5): a defer that is the direct substatement
// of if/else/for/while/do/switch without braces forms its own block; each is a
// warning at the defer token naming the keyword, and nothing else. A braced
// body or an else-if is not warned about.
// RUN: %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s \
// RUN:   --implicit-check-not=error: --implicit-check-not=warning: %no-crash-checks
// RUN: not %cc -fsyntax-only -Werror %s
// RUN: %cc -fsyntax-only -w %s 2>&1 | count 0
#include <stddefer.h>
#include <stdio.h>

void body_of_if(int c)
{
    if (c)
        // CHECK: {{.*}}w2_braceless.c:[[@LINE+1]]:9: warning: defer statement as the body of 'if' forms its own block: its deferred statement runs immediately
        _Defer puts("if");
    else
        // CHECK: {{.*}}w2_braceless.c:[[@LINE+1]]:9: warning: defer statement as the body of 'else' forms its own block: its deferred statement runs immediately
        defer puts("else");
}

void body_of_loops(int n)
{
    for (int i = 0; i < n; i++)
        // CHECK: {{.*}}w2_braceless.c:[[@LINE+1]]:9: warning: defer statement as the body of 'for' forms its own block: its deferred statement runs immediately
        defer puts("for");
    while (n-- > 0)
        // CHECK: {{.*}}w2_braceless.c:[[@LINE+1]]:9: warning: defer statement as the body of 'while' forms its own block: its deferred statement runs immediately
        _Defer puts("while");
    do
        // CHECK: {{.*}}w2_braceless.c:[[@LINE+1]]:9: warning: defer statement as the body of 'do' forms its own block: its deferred statement runs immediately
        defer puts("do");
    while (0);
}

void body_of_switch(int v)
{
    switch (v)
        // CHECK: {{.*}}w2_braceless.c:[[@LINE+1]]:9: warning: defer statement as the body of 'switch' forms its own block: its deferred statement runs immediately
        _Defer puts("switch");
}

#define ID(...) __VA_ARGS__

// In another macro's argument: GCC reports at the macro's expansion point,
// Clang at the token.  A braced body there is no braceless one.
void in_macro_argument(int c)
{
    // GCC: {{.*}}w2_braceless.c:[[@LINE+2]]:5: warning: defer statement as the body of 'if' forms its own block: its deferred statement runs immediately
    // CLANG: {{.*}}w2_braceless.c:[[@LINE+1]]:15: warning: defer statement as the body of 'if' forms its own block: its deferred statement runs immediately
    ID(if (c) defer puts("macro if");)
    ID(if (c) { defer puts("macro braced if"); })
    ID(defer if (c) { defer puts("nested braced"); })
}

void not_warned(int c)
{
    if (c) {
        defer puts("braced if");
    } else if (c > 1) {
        defer puts("braced else-if");
    }
    for (int i = 0; i < c; i++) {
        _Defer puts("braced for");
    }
}
