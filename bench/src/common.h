/* bench/src/common.h - the two realistic functions every variant implements,
 * and the helpers they call.  The helpers live in helpers.c, a separate
 * translation unit compiled once (gcc -O2, no LTO), so no variant can see
 * through them: the work cannot be deleted and every variant does the same
 * calls in the same order.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <pthread.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1. Mutex hot path: lock, early return on a bad argument, update, unlock. */
struct counter { pthread_mutex_t m; long n; };
long counter_add(struct counter *c, long v);

/* 2. Three resources, each acquisition may fail; the failures return early
 *    with 0, 1 and 2 resources to release; success releases all three. */
struct res { int id; long acc; };
int process3(int key);

/* helpers.c */
struct res *res_open(int key);          /* NULL for about 1 key in 32 */
void res_close(struct res *r);
int res_use(struct res *a, struct res *b, struct res *c);

#ifdef __cplusplus
}
#endif
#endif
