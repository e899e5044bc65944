/* bench/src/helpers.c - out-of-line helpers shared by every C/C++ variant.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "common.h"

volatile long bench_sink;
static struct res pool[8];
static unsigned next_slot;

__attribute__((noinline)) struct res *res_open(int key)
{
    if ((((unsigned)key * 2654435761u) >> 27) == 3)   /* ~1 in 32 fails */
        return 0;
    struct res *r = &pool[next_slot++ & 7];
    r->id = key;
    return r;
}

__attribute__((noinline)) void res_close(struct res *r)
{
    r->acc++;
    bench_sink += r->id;
}

__attribute__((noinline)) int res_use(struct res *a, struct res *b, struct res *c)
{
    return a->id + b->id + c->id;
}
