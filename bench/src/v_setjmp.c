/* bench/src/v_setjmp.c - a setjmp-based defer emulation, the portable
 * library approach: each Defer does a setjmp that the function's Return
 * longjmps back to, newest first, before finally returning.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <setjmp.h>
#include "common.h"

#define DEFER_MAX 8
struct defer_frame { jmp_buf ret; jmp_buf d[DEFER_MAX]; volatile int n; };

#define Deferral(T) struct defer_frame defer_f_; defer_f_.n = 0; volatile T defer_rv_
#define Defer(stmt)                                                           \
    do {                                                                      \
        if (setjmp(defer_f_.d[defer_f_.n++])) {                               \
            stmt;                                                             \
            if (--defer_f_.n > 0) longjmp(defer_f_.d[defer_f_.n - 1], 1);     \
            longjmp(defer_f_.ret, 1);                                         \
        }                                                                     \
    } while (0)
#define Return(x)                                                             \
    do {                                                                      \
        defer_rv_ = (x);                                                      \
        if (defer_f_.n > 0 && !setjmp(defer_f_.ret))                          \
            longjmp(defer_f_.d[defer_f_.n - 1], 1);                           \
        return defer_rv_;                                                     \
    } while (0)

long counter_add(struct counter *c, long v)
{
    Deferral(long);
    pthread_mutex_lock(&c->m);
    Defer(pthread_mutex_unlock(&c->m));
    if (v < 0) Return(-1);
    c->n += v;
    Return(c->n);
}

int process3(int key)
{
    Deferral(int);
    struct res *a = res_open(key);
    if (!a) Return(-1);
    Defer(res_close(a));
    struct res *b = res_open(key + 1);
    if (!b) Return(-2);
    Defer(res_close(b));
    struct res *c = res_open(key + 2);
    if (!c) Return(-3);
    Defer(res_close(c));
    Return(res_use(a, b, c));
}
