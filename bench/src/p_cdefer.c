/* bench/src/p_cdefer.c - cdefer panic/recover round trip.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <cdefer.h>

extern volatile long bench_sink;

__attribute__((noinline)) int down(int n)
{
    if (n == 0) panic("boom");
    int r = down(n - 1);
    bench_sink += r;                   /* after the call: no tail call, no accumulator loop */
    return r + 1;
}

__attribute__((noinline)) int trip(int depth)
{
    defer {
        if (recover()) bench_sink += 1;
    }
    return down(depth);
}
