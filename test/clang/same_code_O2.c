// SPEC 6: at -O2 a function written with defer compiles to the same LLVM IR
// as the same function written by hand with __attribute__((cleanup))
// variables (what Clang's own cleanup machinery gives).  Both versions of
// each function are compiled from this file, with and without -DHAND.
// With unwinding off their bodies are cut out of the IR, value and metadata
// names normalised (and the `; preds =` comments dropped), and diffed.
// With unwinding on (the default) the landing pads differ by design: where a
// hand-written cleanup's call may unwind, Clang sends it to a terminate pad
// (abort), while a deferred statement's unwinds on through the function's
// other deferred statements (ehpass.cpp, docs/DESIGN-clang.md); so there the
// normal paths are diffed (test/lit/normal_path.py: the same instructions
// whenever nothing unwinds) and the landing pads are checked for no abort.
// RUN: %clang-plugin-cc -O2 -S -emit-llvm %s -o %t.defer.ll
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -DHAND %s -o %t.hand.ll
// RUN: %python %S/../lit/normal_path.py %t.defer.ll copy locked loop early twice > %t.defer.path
// RUN: %python %S/../lit/normal_path.py %t.hand.ll copy locked loop early twice > %t.hand.path
// RUN: %FileCheck --check-prefix=BODY %s < %t.defer.path
// RUN: diff %t.hand.path %t.defer.path
// RUN: sed -n -e '/^define.*@twice(/,/^}/p' %t.defer.ll | %FileCheck --check-prefix=TWICE %s
// Same with unwinding off (no landing pads in either): the whole bodies.
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -Xclang -plugin-arg-cdefer -Xclang unwind=off %s -o %t.defer.nu.ll
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -Xclang -plugin-arg-cdefer -Xclang unwind=off -DHAND %s -o %t.hand.nu.ll
// RUN: sed -n -e '/^define.*@\(copy\|locked\|loop\|early\|twice\)(/,/^}/p' %t.defer.nu.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.defer.nu.body
// RUN: sed -n -e '/^define.*@\(copy\|locked\|loop\|early\|twice\)(/,/^}/p' %t.hand.nu.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.hand.nu.body
// RUN: %FileCheck --check-prefix=NUBODY %s < %t.defer.nu.body
// RUN: diff %t.hand.nu.body %t.defer.nu.body
//
// The functions must all be there, and the comparison must not be vacuous.
// BODY: define {{.*}}@copy(
// BODY: define {{.*}}@locked(
// BODY: invoke {{.*}}@work(
// BODY: define {{.*}}@loop(
// BODY: define {{.*}}@early(
// BODY: define {{.*}}@twice(
// NUBODY: define {{.*}}@copy(
// NUBODY: define {{.*}}@locked(
// NUBODY: define {{.*}}@loop(
// NUBODY: define {{.*}}@early(
// NUBODY: define {{.*}}@twice(
// `twice`'s pad runs b's deferred call, then a's, also if b's unwinds.
// TWICE: define {{.*}}@twice(
// TWICE: landingpad
// TWICE: invoke void @lock_give(
// TWICE: landingpad
// TWICE: {{call|invoke}} void @lock_give(
// TWICE-NOT: __cdefer_
// TWICE-NOT: @abort
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>

struct lock { int held; };
void lock_take(struct lock *);
void lock_give(struct lock *);
int work(char *buf, int n);

#ifdef HAND
static inline void fclose_p(FILE ***f) { fclose(**f); }
static inline void free_p(char ***p) { free(**p); }
static inline void give_p(struct lock ***l) { lock_give(**l); }
static inline void puts_i(int **i) { printf("%d\n", **i); }
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
