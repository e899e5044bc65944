/* bench/src/shapes_defer.c - more function shapes for the code-size
 * comparison (part 2), written with defer; shapes_goto.c is the same by hand.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stddefer.h>
#include "common.h"

/* A defer in a loop body, with break and continue. */
long sum_open(int n)
{
    long s = 0;
    for (int i = 0; i < n; i++) {
        struct res *r = res_open(i);
        if (!r) break;
        defer res_close(r);
        if (r->id & 1) continue;
        s += r->acc;
    }
    return s;
}

/* Three nested blocks, a defer in each, returns from the inner two. */
int nested3(int key)
{
    struct res *a = res_open(key);
    if (!a) return -1;
    defer res_close(a);
    {
        struct res *b = res_open(key + 1);
        if (!b) return -2;
        defer res_close(b);
        {
            struct res *c = res_open(key + 2);
            if (!c) return -3;
            defer res_close(c);
            if (c->acc > 1000) return 1;
        }
        if (b->acc > 1000) return 2;
    }
    return 0;
}

/* Two locks taken in order, updated together. */
long transfer(struct counter *from, struct counter *to, long v)
{
    pthread_mutex_lock(&from->m);
    defer pthread_mutex_unlock(&from->m);
    if (from->n < v) return -1;
    pthread_mutex_lock(&to->m);
    defer pthread_mutex_unlock(&to->m);
    from->n -= v;
    to->n += v;
    return to->n;
}
