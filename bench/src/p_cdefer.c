/* bench/src/p_cdefer.c - cdefer panic/recover round trip.  With
 * -DDEFER_EVERY_FRAME each frame between the raise and the recover has a
 * deferred statement too (a landing pad the panic runs).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <cdefer.h>

extern volatile long bench_sink;

__attribute__((noinline)) int down(int n)
{
#ifdef DEFER_EVERY_FRAME
    defer bench_sink += 2;
#endif
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
