// bench/src/p_cxx.cpp - C++ throw/catch round trip.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
struct boom { const char *msg; };
extern "C" volatile long bench_sink;

__attribute__((noinline)) int down(int n)
{
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
