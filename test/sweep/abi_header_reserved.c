// <cdefer.h> with the plugin also includes cdefer_abi.h, whose `__cdefer_*`
// names are the implementation's: a user's -Wreserved-identifier and
// -Wreserved-macro-identifier do not see them (found by the warning sweep;
// Clang 13+ has both options).
// ONLY: clang (GCC has no reserved-identifier warnings)
// RUN: %cc -fsyntax-only -Werror -Wreserved-identifier -Wreserved-macro-identifier %s
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <cdefer.h>
#include <stdio.h>

int guarded(int x);

int guarded(int x)
{
    defer {
        if (recover())
            puts("recovered");
    }
    if (x < 0)
        panic("negative: %d", x);
    return x;
}
