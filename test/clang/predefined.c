// SPEC 1: the plugin predefines __CDEFER__ (MMmmpp), __STDC_DEFER_TS25755__ (1)
// and the keyword _Defer, without any header.
// RUN: %clang-plugin-cc -fsyntax-only -Wall -Wextra -Werror %s
// Under -E the plugin's AST action does not run; <stddefer.h> asks the
// plugin's pragma handler to define the same macros.
// RUN: %clang-plugin-cc -E -dM -DWITH_HEADER %s | %FileCheck --check-prefix=DM %s
// And without the plugin, nothing is predefined.
// RUN: %bare-clang -E -dM -DBARE %s | %FileCheck --check-prefix=BARE %s
#ifdef WITH_HEADER
#include <stddefer.h>
#elif !defined(BARE)
#if !defined(__CDEFER__) || __CDEFER__ != 100
#error "__CDEFER__ is not 100"
#endif
#if !defined(__STDC_DEFER_TS25755__) || __STDC_DEFER_TS25755__ != 1
#error "__STDC_DEFER_TS25755__ is not 1"
#endif
#ifndef _Defer
#error "_Defer is not predefined"
#endif
int f(void)
{
    int x = 0;
    {
        _Defer x++;
    }
    return x;
}
#endif
// DM-DAG: #define __CDEFER__ 100
// DM-DAG: #define __STDC_DEFER_TS25755__ 1
// DM-DAG: #define _Defer if (sizeof(char)) __asm__(""); else while ((void *)!sizeof(char) && cdefer_requires_plugin__fplugin_cdefer_clang_so)
// DM-DAG: #define defer _Defer
// BARE-NOT: __CDEFER__
// BARE-NOT: _Defer
// The marker loop draws no warning, not even from -Wunreachable-code.
// RUN: %clang-plugin-cc -fsyntax-only -Wall -Wextra -Wpedantic -Wunreachable-code -Werror -DWITH_HEADER -DUSE %s
#if defined(WITH_HEADER) && defined(USE)
int puts(const char *);
int g(int n)
{
    defer puts("a");
    if (n) {
        defer { puts("b"); puts("c"); }
        n++;
    }
    return n;
}
#endif
