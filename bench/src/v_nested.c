/* bench/src/v_nested.c - the common macro-library pattern on GCC:
 * __attribute__((cleanup)) on a dummy variable whose cleanup function is a
 * GCC nested function holding the deferred statement (GCC only).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "common.h"

#define DEFER_CAT_(a, b) a##b
#define DEFER_CAT(a, b) DEFER_CAT_(a, b)
#define DEFER_NF(stmt)                                                        \
    auto void DEFER_CAT(defer_fn_, __LINE__)(int *);                          \
    void DEFER_CAT(defer_fn_, __LINE__)(int *defer_unused_) { (void)defer_unused_; stmt; } \
    int DEFER_CAT(defer_var_, __LINE__) __attribute__((cleanup(DEFER_CAT(defer_fn_, __LINE__)))) = 0

long counter_add(struct counter *c, long v)
{
    pthread_mutex_lock(&c->m);
    DEFER_NF(pthread_mutex_unlock(&c->m));
    if (v < 0) return -1;
    c->n += v;
    return c->n;
}

int process3(int key)
{
    struct res *a = res_open(key);
    if (!a) return -1;
    DEFER_NF(res_close(a));
    struct res *b = res_open(key + 1);
    if (!b) return -2;
    DEFER_NF(res_close(b));
    struct res *c = res_open(key + 2);
    if (!c) return -3;
    DEFER_NF(res_close(c));
    return res_use(a, b, c);
}
