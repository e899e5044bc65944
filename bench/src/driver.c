/* bench/src/driver.c - calls one workload N times and prints ns per call.
 *   driver mutex N | driver res N
 * Linked with helpers.o and exactly one variant object.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern volatile long bench_sink;
static struct counter C = { PTHREAD_MUTEX_INITIALIZER, 0 };

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: %s mutex|res N\n", argv[0]); return 2; }
    long n = atol(argv[2]), acc = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (strcmp(argv[1], "mutex") == 0) {
        for (long i = 0; i < n; i++)
            acc += counter_add(&C, (i & 63) == 17 ? -1 : (i & 7));   /* 1 in 64 takes the early return */
    } else {
        for (long i = 0; i < n; i++)
            acc += process3((int)i);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    bench_sink += acc;
    double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    printf("%.4f %ld\n", n ? ns / n : 0.0, (long)bench_sink);
    return 0;
}
