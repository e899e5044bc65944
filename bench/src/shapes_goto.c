/* bench/src/shapes_goto.c - shapes_defer.c written by hand with goto cleanup.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "common.h"

long sum_open(int n)
{
    long s = 0;
    for (int i = 0; i < n; i++) {
        struct res *r = res_open(i);
        if (!r) break;
        if (r->id & 1) goto next;
        s += r->acc;
    next:
        res_close(r);
    }
    return s;
}

int nested3(int key)
{
    int ret = 0;
    struct res *a = res_open(key);
    if (!a) return -1;
    struct res *b = res_open(key + 1);
    if (!b) { ret = -2; goto out_a; }
    struct res *c = res_open(key + 2);
    if (!c) { ret = -3; goto out_b; }
    if (c->acc > 1000) { ret = 1; goto out_c; }
    res_close(c);
    if (b->acc > 1000) { ret = 2; goto out_b; }
    goto out_b;
out_c:
    res_close(c);
out_b:
    res_close(b);
out_a:
    res_close(a);
    return ret;
}

long transfer(struct counter *from, struct counter *to, long v)
{
    long r;
    pthread_mutex_lock(&from->m);
    if (from->n < v) { r = -1; goto out_from; }
    pthread_mutex_lock(&to->m);
    from->n -= v;
    to->n += v;
    r = to->n;
    pthread_mutex_unlock(&to->m);
out_from:
    pthread_mutex_unlock(&from->m);
    return r;
}
