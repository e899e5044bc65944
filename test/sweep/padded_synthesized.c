// -Wpadded never reports the plugin's own structs (the environment of a
// defer, `struct __cdefer_env_N`, may hold pointers and a size_t): a
// warning about a struct the user did not write, naming an internal type
// (found by the warning sweep).
// ONLY: clang (the structs are the Clang plugin's lowering)
// RUN: %cc -c -O0 -Werror -Wpadded %s -o %t.o
// RUN: %cc -c -O2 -Werror -Wpadded %s -o %t.o
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <stddefer.h>
#include <stdio.h>

void nested(int n);

void nested(int n)
{
    defer puts("outer");
    {
        defer puts("inner");
        for (int i = 0; i < n; i++) {
            defer printf("%d\n", i);
        }
    }
}
