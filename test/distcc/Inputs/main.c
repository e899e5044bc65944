/* test/distcc/main.c - half of the multi-file program test/distcc.sh builds
 * through distcc: defer in main, and a call into part.c.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stddefer.h>
#include <stdio.h>
#include "part.h"

int main(void)
{
    defer puts("main: deferred");
    for (int i = 0; i < 2; i++) {
        defer printf("main: loop %d deferred\n", i);
        printf("main: part(%d) = %d\n", i, part(i));
    }
    return 0;
}
