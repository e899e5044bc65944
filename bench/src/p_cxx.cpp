// bench/src/p_cxx.cpp - C++ throw/catch round trip.  With
// -DDEFER_EVERY_FRAME each frame between the throw and the catch has a
// destructor to run (a landing pad, as a defer in p_cdefer.c).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
struct boom { const char *msg; };
extern "C" volatile long bench_sink;

#ifdef DEFER_EVERY_FRAME
struct guard { ~guard() { bench_sink += 2; } };
#endif

__attribute__((noinline)) int down(int n)
{
#ifdef DEFER_EVERY_FRAME
    guard g;
#endif
    if (n == 0) throw boom{"boom"};
    int r = down(n - 1);
    bench_sink += r;                   /* after the call: no tail call, no accumulator loop */
    return r + 1;
}

extern "C" __attribute__((noinline)) int trip(int depth)
{
    try {
        return down(depth);
    } catch (const boom &) {
        bench_sink += 1;
    }
    return 0;
}
