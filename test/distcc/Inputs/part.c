/* test/distcc/part.c - the other half of test/distcc.sh's program: defers
 * that run on an early return.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stddefer.h>
#include <stdio.h>
#include "part.h"

int part(int x)
{
    defer printf("part(%d): deferred\n", x);
    if (x == 0)
        return 10;
    return x * 21;
}
