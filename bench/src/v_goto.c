/* bench/src/v_goto.c - the baseline: hand-written goto cleanup.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "common.h"

long counter_add(struct counter *c, long v)
{
    long r;
    pthread_mutex_lock(&c->m);
    if (v < 0) { r = -1; goto out; }
    c->n += v;
    r = c->n;
out:
    pthread_mutex_unlock(&c->m);
    return r;
}

int process3(int key)
{
    int r;
    struct res *a = res_open(key);
    if (!a) return -1;
    struct res *b = res_open(key + 1);
    if (!b) { r = -2; goto close_a; }
    struct res *c = res_open(key + 2);
    if (!c) { r = -3; goto close_b; }
    r = res_use(a, b, c);
    res_close(c);
close_b:
    res_close(b);
close_a:
    res_close(a);
    return r;
}
