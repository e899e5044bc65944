// SPEC 7: a `.i` written by the plugin of any release compiles with the
// plugin of this one: the marker's condition was `0 && ...` (0.1.0),
// `!sizeof(char) && ...`, `(void *)!sizeof(char) && __builtin_expect(E, MAGIC)`
// and is `(void *)!sizeof(char) && E` now (the cast keeps Clang 15 and 16
// from warning -Wconstant-logical-operand in a .i at -std=c2x; the builtin
// call cost parse time: model.h).  This file is such a `.i`, written out by hand;
// each form's deferred statement runs.
// RUN: %clang-plugin-cc -x cpp-output %s -o %t
// RUN: %run %t | %FileCheck %s
// A `.i` the plugin writes now draws no warning under -Weverything in any
// C mode: Inputs/one_defer.c through -E -P (no line markers: Clang 15, 16
// and 19 warn -Wgnu-line-marker on those in any .i).
// RUN: %clang-plugin-cc -std=c2x -E -P %S/Inputs/one_defer.c -o %t.c2x.i
// RUN: %clang-plugin-cc -std=c2x -Weverything -Wno-unknown-warning-option -Wno-pre-c2x-compat -Wno-pre-c23-compat -Wno-gnu-statement-expression -Wno-gnu-statement-expression-from-macro-expansion -Wno-declaration-after-statement -Wno-unused-command-line-argument -fsyntax-only %t.c2x.i 2>&1 | %FileCheck --allow-empty --check-prefix=QUIET %s
// RUN: %clang-plugin-cc -std=c99 -E -P %S/Inputs/one_defer.c -o %t.c99.i
// RUN: %clang-plugin-cc -std=c99 -Weverything -Wno-unknown-warning-option -Wno-gnu-statement-expression -Wno-gnu-statement-expression-from-macro-expansion -Wno-declaration-after-statement -Wno-unused-command-line-argument -fsyntax-only %t.c99.i 2>&1 | %FileCheck --allow-empty --check-prefix=QUIET %s
// QUIET-NOT: warning:
int printf(const char *, ...);

static int current(int n)
{
    if (sizeof(char)) __asm__(""); else while ((void *)!sizeof(char) && cdefer_requires_plugin__fplugin_cdefer_clang_so) printf("current n = %d\n", n);
    n = 2;
    return n;
}

static int expect_form(int n)
{
    if (sizeof(char)) __asm__(""); else while ((void *)!sizeof(char) && __builtin_expect(cdefer_requires_plugin__fplugin_cdefer_clang_so, 0x2575cdef)) printf("expect n = %d\n", n);
    n = 5;
    return n;
}

static int previous(int n)
{
    if (sizeof(char)) __asm__(""); else while (!sizeof(char) && __builtin_expect(cdefer_requires_plugin__fplugin_cdefer_clang_so, 0x2575cdef)) printf("previous n = %d\n", n);
    n = 3;
    return n;
}

static int first_release(int n)
{
    while (0 && __builtin_expect(0, 0x2575cdef)) printf("0.1.0 n = %d\n", n);
    n = 4;
    return n;
}

int main(void)
{
    // CHECK: current n = 2
    // CHECK-NEXT: current() = 2
    printf("current() = %d\n", current(1));
    // CHECK-NEXT: expect n = 5
    // CHECK-NEXT: expect_form() = 5
    printf("expect_form() = %d\n", expect_form(1));
    // CHECK-NEXT: previous n = 3
    // CHECK-NEXT: previous() = 3
    printf("previous() = %d\n", previous(1));
    // CHECK-NEXT: 0.1.0 n = 4
    // CHECK-NEXT: first_release() = 4
    printf("first_release() = %d\n", first_release(1));
    return 0;
}
