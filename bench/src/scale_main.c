/* bench/src/scale_main.c - driver and helpers for the scaling functions.
 *   scale_main N   calls f(-5) N times: every step() fails to trigger, so
 *   f takes its longest path (every test, every cleanup).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stdio.h>
#include <stdlib.h>

extern int f(int k);
volatile long bench_sink;

__attribute__((noinline)) void use(int k, int i) { bench_sink += k ^ i; }
__attribute__((noinline)) int step(int k, int i) { return i == k; }
__attribute__((noinline)) void work(int k) { bench_sink += k; }

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1;
    long acc = 0;
    for (long i = 0; i < n; i++)
        acc += f(-5);
    printf("%ld %ld\n", acc, (long)bench_sink);
    return 0;
}
