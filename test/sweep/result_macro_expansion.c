// cdefer_result expands without naming itself: Clang's
// -Wdisabled-macro-expansion ("disabled expansion of recursive macro") is
// quiet at every use (found by the warning sweep).
// ONLY: clang (GCC has no -Wdisabled-macro-expansion)
// RUN: %cc -fsyntax-only -Werror -Wdisabled-macro-expansion %s
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <cdefer.h>

int scaled(int x);

int scaled(int x)
{
    cdefer_result int r = 0;
    defer r *= 2;
    return x;
}
