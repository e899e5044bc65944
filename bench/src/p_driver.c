/* bench/src/p_driver.c - panic round trips: trip(depth) N times, prints
 * ns per round trip and a checksum.   p_driver DEPTH N
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern int trip(int depth);        /* one round trip: raise DEPTH frames down, recover at the top */
volatile long bench_sink;

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: %s DEPTH N\n", argv[0]); return 2; }
    int depth = atoi(argv[1]);
    long n = atol(argv[2]);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++)
        bench_sink += trip(depth);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    printf("%.4f %ld\n", n ? ns / n : 0.0, (long)bench_sink);
    return 0;
}
