// A `.i` preprocessed with the plugin and compiled with it (ccache,
// distcc, -save-temps) draws no -Wunreachable-code on deferred statements:
// in the .i the marker's condition no longer comes from a macro, which is
// what keeps Clang quiet in a direct compile (found by the warning sweep).
// ONLY: clang (the marker is the Clang plugin's)
// RUN: %cc -E %s -o %t.i
// RUN: %cc -c -Werror -Wunreachable-code -Wno-unused-command-line-argument %t.i -o %t.o
// RUN: %cc -save-temps=obj -c -Werror -Wunreachable-code %s -o %t.st.o
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <stddefer.h>
#include <stdio.h>

int count(int n);

int count(int n)
{
    int total = 0;
    defer printf("total %d\n", total);
    for (int i = 0; i < n; i++) {
        defer total += i;
    }
    return total;
}
