// SPEC 6: at -O2 a function written with defer compiles to the same LLVM IR
// as the same function written by hand with __attribute__((cleanup))
// variables (what Clang's own cleanup machinery gives).  Both versions of
// each function are compiled from this file, with and without -DHAND; their
// bodies are cut out of the IR, value and metadata names normalised (and the
// `; preds =` comments dropped), and diffed.
// With unwinding on, the hand-written cleanup functions follow the plugin's
// EH chain (docs/DESIGN-clang.md): nothrow always_inline, the statement guarded by a
// cleanup of its own that runs nothing when no defer encloses it (a
// compiler fence before Clang 19).  `twice`, whose second deferred call has
// an enclosing defer, is compared with unwinding off only; with it on, its
// guard's landing pad runs the enclosing deferred statement, inlined
// (normal_path_O2.c compares its normal path with unwinding on).
// RUN: %clang-plugin-cc -O2 -S -emit-llvm %s -o %t.defer.ll
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -DHAND %s -o %t.hand.ll
// RUN: sed -n -e '/^define.*@\(copy\|locked\|loop\|early\)(/,/^}/p' %t.defer.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.defer.body
// RUN: sed -n -e '/^define.*@\(copy\|locked\|loop\|early\)(/,/^}/p' %t.hand.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.hand.body
// RUN: %FileCheck --check-prefix=BODY %s < %t.defer.body
// RUN: diff %t.hand.body %t.defer.body
// RUN: sed -n -e '/^define.*@twice(/,/^}/p' %t.defer.ll | %FileCheck --check-prefix=TWICE %s
// Same with unwinding off (no landing pads in either).
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -Xclang -plugin-arg-cdefer -Xclang unwind=off %s -o %t.defer.nu.ll
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -Xclang -plugin-arg-cdefer -Xclang unwind=off -DHAND -DHAND_NOUNWIND %s -o %t.hand.nu.ll
// RUN: sed -n -e '/^define.*@\(copy\|locked\|loop\|early\|twice\)(/,/^}/p' %t.defer.nu.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.defer.nu.body
// RUN: sed -n -e '/^define.*@\(copy\|locked\|loop\|early\|twice\)(/,/^}/p' %t.hand.nu.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.hand.nu.body
// RUN: %FileCheck --check-prefix=NUBODY %s < %t.defer.nu.body
// RUN: diff %t.hand.nu.body %t.defer.nu.body
//
// The functions must all be there, and the comparison must not be vacuous.
// BODY: define {{.*}}@copy(
// BODY: define {{.*}}@locked(
// BODY: landingpad
// BODY: define {{.*}}@loop(
// BODY: define {{.*}}@early(
// NUBODY: define {{.*}}@copy(
// NUBODY: define {{.*}}@locked(
// NUBODY: define {{.*}}@loop(
// NUBODY: define {{.*}}@early(
// NUBODY: define {{.*}}@twice(
// TWICE: define {{.*}}@twice(
// TWICE: landingpad
// TWICE: invoke void @lock_give(
// TWICE: landingpad
// TWICE: invoke void @lock_give(
// TWICE-NOT: __cdefer_from_
// TWICE-NOT: @abort
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>

struct lock { int held; };
void lock_take(struct lock *);
void lock_give(struct lock *);
int work(char *buf, int n);

#ifdef HAND
#ifndef HAND_NOUNWIND
struct guard { int armed; };
static inline __attribute__((always_inline)) void unguard(struct guard *g)
{
#if __clang_major__ < 19
    if (g->armed)
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
#else
    (void)g;
#endif
}
#define NOTHROW __attribute__((nothrow, always_inline))
#define GUARDED(stmt) { struct guard g __attribute__((cleanup(unguard))) = {1}; stmt; g.armed = 0; }
#else
#define NOTHROW
#define GUARDED(stmt) { stmt; }
#endif
static inline NOTHROW void fclose_p(FILE ***f) GUARDED(fclose(**f))
static inline NOTHROW void free_p(char ***p) GUARDED(free(**p))
static inline NOTHROW void give_p(struct lock ***l) GUARDED(lock_give(**l))
static inline NOTHROW void puts_i(int **i) GUARDED(printf("%d\n", **i))
#endif

int copy(const char *from, const char *to, int n)
{
    FILE *in = fopen(from, "r");
    if (!in)
        return -1;
#ifdef HAND
    FILE **in_c __attribute__((cleanup(fclose_p))) = &in;
#else
    defer fclose(in);
#endif
    FILE *out = fopen(to, "w");
    if (!out)
        return -2;
#ifdef HAND
    FILE **out_c __attribute__((cleanup(fclose_p))) = &out;
#else
    defer fclose(out);
#endif
    char *buf = malloc(n);
    if (!buf)
        return -3;
#ifdef HAND
    char **buf_c __attribute__((cleanup(free_p))) = &buf;
#else
    defer free(buf);
#endif
    size_t got = fread(buf, 1, n, in);
    if (fwrite(buf, 1, got, out) != got)
        return -4;
    return 0;
}

int locked(struct lock *l, char *buf, int n)
{
    lock_take(l);
#ifdef HAND
    struct lock **l_c __attribute__((cleanup(give_p))) = &l;
#else
    defer lock_give(l);
#endif
    if (n < 0)
        return work(buf, -n);
    return work(buf, n) + 1;
}

int loop(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
#ifdef HAND
        int *i_c __attribute__((cleanup(puts_i))) = &i;
#else
        defer printf("%d\n", i);
#endif
        if (i == 7)
            continue;
        if (work(0, i) < 0)
            break;
        sum += i;
    }
    return sum;
}

int early(int n)
{
    {
#ifdef HAND
        int *n_c __attribute__((cleanup(puts_i))) = &n;
#else
        defer printf("%d\n", n);
#endif
        if (n > 3)
            goto out;
        n = work(0, n);
    }
out:
    return n;
}

int twice(struct lock *a, struct lock *b)
{
    lock_take(a);
#ifdef HAND
    struct lock **a_c __attribute__((cleanup(give_p))) = &a;
#else
    defer lock_give(a);
#endif
    lock_take(b);
#ifdef HAND
    struct lock **b_c __attribute__((cleanup(give_p))) = &b;
#else
    defer lock_give(b);
#endif
    return work(0, 0);
}
