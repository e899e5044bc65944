/* bench/src/v_defer.c - the same functions with TS 25755 defer: compiled
 * by the cdefer plugins and by clang-22 -fdefer-ts (native).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stddefer.h>
#include "common.h"

long counter_add(struct counter *c, long v)
{
    pthread_mutex_lock(&c->m);
    defer pthread_mutex_unlock(&c->m);
    if (v < 0) return -1;
    c->n += v;
    return c->n;
}

int process3(int key)
{
    struct res *a = res_open(key);
    if (!a) return -1;
    defer res_close(a);
    struct res *b = res_open(key + 1);
    if (!b) return -2;
    defer res_close(b);
    struct res *c = res_open(key + 2);
    if (!c) return -3;
    defer res_close(c);
    return res_use(a, b, c);
}
