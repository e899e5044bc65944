// Issue 17 item 4, SPEC 6: with unwinding on (the default), at -O2 a
// function whose deferred statements sit inside one another's scopes runs
// the same instructions when nothing unwinds as the same function written
// with __attribute__((cleanup)) variables and compiled with -fexceptions:
// the normal path of its IR (the blocks reached without an unwind edge,
// test/lit/normal_path.py) is the hand-written one.  No environment is left
// in memory, however many defers enclose one another (six), and at -Os too.
// (cdefer <= 0.9 guarded each deferred statement with a landing pad running
// the enclosing ones out of line, which kept their environments in memory;
// the landing pads now reach each other directly: ehpass.cpp.)
// RUN: %clang-plugin-cc -O2 -S -emit-llvm %s -o %t.defer.ll
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -DHAND %s -o %t.hand.ll
// RUN: %python %S/../lit/normal_path.py %t.defer.ll three twice counter six > %t.defer.path
// RUN: %python %S/../lit/normal_path.py %t.hand.ll three twice counter six > %t.hand.path
// RUN: %FileCheck --check-prefix=PATH %s < %t.defer.path
// RUN: diff %t.hand.path %t.defer.path
// RUN: sed -n -e '/^define.*@three(/,/^}/p' %t.defer.ll | %FileCheck --check-prefix=THREE %s
// RUN: sed -n -e '/^define.*@six(/,/^}/p' %t.defer.ll | %FileCheck --check-prefix=THREE %s
// RUN: %clang-plugin-cc -Os -S -emit-llvm %s -o %t.os.ll
// RUN: sed -n -e '/^define.*@three(/,/^}/p' %t.os.ll | %FileCheck --check-prefix=THREE %s
//
// The comparison must not be vacuous.
// PATH: define {{.*}}@three(
// PATH: invoke {{.*}}@res_use(
// PATH: {{call|invoke}} void @res_close(
// PATH: define {{.*}}@twice(
// PATH: define {{.*}}@counter(
// PATH: define {{.*}}@six(
// THREE-NOT: alloca
// THREE-NOT: __cdefer_
// THREE: landingpad
// THREE-NOT: alloca
// THREE-NOT: __cdefer_
// THREE: }
#include <stddefer.h>
#include <pthread.h>

struct res;
struct res *res_open(int key);
void res_close(struct res *r);
int res_use(struct res *a, struct res *b, struct res *c);
struct lock;
void lock_take(struct lock *);
void lock_give(struct lock *);
int work(int);

#ifdef HAND
static inline void close_p(struct res **r) { res_close(*r); }
static inline void give_p(struct lock **l) { lock_give(*l); }
static inline void unlock_p(pthread_mutex_t **m) { pthread_mutex_unlock(*m); }
#define DEFER_CLOSE(r) struct res *r##_c __attribute__((cleanup(close_p))) = r
#define DEFER_GIVE(l) struct lock *l##_c __attribute__((cleanup(give_p))) = l
#else
#define DEFER_CLOSE(r) defer res_close(r)
#define DEFER_GIVE(l) defer lock_give(l)
#endif

int three(int key)
{
    struct res *a = res_open(key);
    if (!a)
        return -1;
    DEFER_CLOSE(a);
    struct res *b = res_open(key + 1);
    if (!b)
        return -2;
    DEFER_CLOSE(b);
    struct res *c = res_open(key + 2);
    if (!c)
        return -3;
    DEFER_CLOSE(c);
    return res_use(a, b, c);
}

int twice(struct lock *a, struct lock *b)
{
    lock_take(a);
    DEFER_GIVE(a);
    lock_take(b);
    DEFER_GIVE(b);
    return work(0);
}

struct counter { pthread_mutex_t m; long n; };

long counter(struct counter *c, long v)
{
    pthread_mutex_lock(&c->m);
#ifdef HAND
    pthread_mutex_t *m_c __attribute__((cleanup(unlock_p))) = &c->m;
#else
    defer pthread_mutex_unlock(&c->m);
#endif
    if (v < 0)
        return -1;
    c->n += v;
    return c->n;
}

int six(struct lock *a, struct lock *b, struct lock *c, struct lock *d, struct lock *e, struct lock *f)
{
    DEFER_GIVE(a);
    DEFER_GIVE(b);
    DEFER_GIVE(c);
    DEFER_GIVE(d);
    DEFER_GIVE(e);
    DEFER_GIVE(f);
    return work(6);
}
