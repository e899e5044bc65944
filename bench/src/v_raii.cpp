// bench/src/v_raii.cpp - C++ RAII scope guard (a lambda in a destructor),
// the idiom of gsl::finally / std::experimental::scope_exit.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "common.h"
#include <utility>

template <class F> struct scope_exit {
    F f;
    explicit scope_exit(F fn) : f(std::move(fn)) {}
    ~scope_exit() { f(); }
    scope_exit(const scope_exit &) = delete;
    scope_exit &operator=(const scope_exit &) = delete;
};
#define DEFER_CAT_(a, b) a##b
#define DEFER_CAT(a, b) DEFER_CAT_(a, b)
#define DEFER_RAII(...) scope_exit DEFER_CAT(defer_g_, __LINE__)([&] { __VA_ARGS__; })

extern "C" long counter_add(struct counter *c, long v)
{
    pthread_mutex_lock(&c->m);
    DEFER_RAII(pthread_mutex_unlock(&c->m));
    if (v < 0) return -1;
    c->n += v;
    return c->n;
}

extern "C" int process3(int key)
{
    struct res *a = res_open(key);
    if (!a) return -1;
    DEFER_RAII(res_close(a));
    struct res *b = res_open(key + 1);
    if (!b) return -2;
    DEFER_RAII(res_close(b));
    struct res *c = res_open(key + 2);
    if (!c) return -3;
    DEFER_RAII(res_close(c));
    return res_use(a, b, c);
}
