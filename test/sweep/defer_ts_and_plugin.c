// The Clang plugin together with clang-22's own -fdefer-ts (a build that
// passes both) defines no macro the compiler already predefines: no
// "redefining builtin macro" for __STDC_DEFER_TS25755__ (found by the
// warning sweep).
// ONLY: clang (-fdefer-ts is Clang's)
// REQUIRES: clang-defer-ts
// RUN: %cc -fdefer-ts -fsyntax-only -Werror -Wall -Wbuiltin-macro-redefined %s
// RUN: %cc -fdefer-ts -c -Werror -Wall %s -o %t.o
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <stddefer.h>
#include <stdio.h>

#if __STDC_DEFER_TS25755__ != 1
#error "__STDC_DEFER_TS25755__ is not 1"
#endif

void hello(void);

void hello(void)
{
    defer puts("world");
    puts("hello");
}
