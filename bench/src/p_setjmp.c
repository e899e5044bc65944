/* bench/src/p_setjmp.c - setjmp/longjmp round trip.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <setjmp.h>

extern volatile long bench_sink;
static jmp_buf top;

__attribute__((noinline)) int down(int n)
{
    if (n == 0) longjmp(top, 1);
    int r = down(n - 1);
    bench_sink += r;                   /* after the call: no tail call, no accumulator loop */
    return r + 1;
}

__attribute__((noinline)) int trip(int depth)
{
    if (setjmp(top)) {
        bench_sink += 1;
        return 0;
    }
    return down(depth);
}
