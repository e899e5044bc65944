#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Generates a random panic/recover program in C (cdefer) and, for the
subset where Go means the same thing, the same program in Go.

    panic_gen.py SEED [--go] [--size N]    > prog.c  (or prog.go with --go)

Same seed, same program.  Every program is a set of functions z<SEED>_fN;
N only calls functions with a higher number, so there is no recursion.
The trace goes through tr() (stdout, or a thread's own buffer) and makes
the order of execution visible: every statement body, every deferred
statement, every recover's answer, every result a caller receives.

C and Go (Go programs: `(go)` in the first line of the C program):
  defers at function level whose deferred statement traces, calls
  recover() directly (and prints what it got), recovers and panics again,
  panics (on the normal path and on the panic path), updates the named
  result (cdefer_result / Go's named result), calls a function that calls
  recover() (always NULL / nil), calls another generated function (some
  functions are only ever called from a deferred statement); results of
  type int, double, pointer, struct, or none; parameters: one int, eight
  ints (stack-passed on x86-64), an int and a 48-byte struct by value;
  static, static inline and noinline functions, calls through function
  pointers (some volatile), raisers with many panic() arguments, loops
  with calls and raisers, early returns; "quiet" functions, whose only
  calls that may unwind are in their deferred statements (tr() is
  nothrow).
C only (the rest):
  defers in nested blocks and loop bodies (block scope), defers and
  recover() within deferred statements, VLA and alloca blocks, threads
  (several at once, each with its own trace, printed after the joins) and
  pthread_exit.

The program's entry is z<SEED>_main(void); the driver (panic_run.py) calls
it through z<SEED>_top(), which recovers whatever reaches it, or, for the
last program of a batch when the seed says so (`(bare)`), directly, so
that the unrecovered panic's report and exit status 2 are compared too.
Floating values are multiples of 0.25 printed with %.2f (exact in both
languages); integers stay below 10 000 (no overflow in C's int)."""
import random
import sys

RETS = ("int", "int", "double", "ptr", "struct", "void")
PARAMS = ("one", "one", "many", "big")


def cty(ret, p):
    return {"int": "int", "double": "double", "ptr": "int *", "struct": "struct %sS" % p,
            "void": "void"}[ret]


def goty(ret, p):
    return {"int": "int", "double": "float64", "ptr": "*int", "struct": "%sS" % p,
            "void": ""}[ret]


class Fn:
    def __init__(self, idx, r, go, p):
        self.idx = idx
        self.name = "%sf%d" % (p, idx)
        self.ret = r.choice(RETS)
        self.named = self.ret != "void" and r.random() < 0.4
        self.params = r.choice(PARAMS)
        self.attr = r.choice(("static", "static inline", "static __attribute__((noinline))"))
        self.fp = r.random() < 0.25           # called through a function pointer
        self.fp_volatile = r.random() < 0.5


class Gen:
    def __init__(self, seed, size=None):
        self.seed = seed
        self.r = random.Random(seed * 7919 + 13)
        r = self.r
        self.p = "z%d_" % seed
        self.go = r.random() < 0.5
        self.threads = (not self.go) and r.random() < 0.25
        self.pexit = self.threads and r.random() < 0.6
        self.bare = r.random() < 0.3
        self.size = size or r.randrange(4, 9)
        self.nfn = self.size
        self.fns = [Fn(i, r, self.go, self.p) for i in range(self.nfn)]
        self.nraise = r.randrange(1, 4)
        self.raisers = [(r.choice(("static", "static inline",
                                   "static __attribute__((noinline))")),
                         r.random() < 0.6, r.randrange(2, 6), r.randrange(6))
                        for _ in range(self.nraise)]
        self.uid = 0

    def fresh(self):
        self.uid += 1
        return self.uid

    # ---- expressions (C, Go) -----------------------------------------
    def cond(self, fn):
        r = self.r
        m = r.randrange(2, 6)
        v = r.choice(["acc", "a"])
        e = "%s %% %d == %d" % (v, m, r.randrange(m))
        return e, e

    def args(self, fn, x):
        """Arguments for a call of fn with the int expression x."""
        if fn.params == "one":
            return x, x
        if fn.params == "many":
            ks = [self.r.randrange(10) for _ in range(7)]
            s = ", ".join([x] + ["%d" % k for k in ks[:6]] + ["%s + %d" % (x, ks[6])])
            return s, s
        k = self.r.randrange(5)
        return ("%s, %smk(%s + %d)" % (x, self.p, x, k),) * 2

    def call(self, caller, fn, cg=None):
        """A call statement of fn that consumes its result: (C, Go)."""
        x = "(acc + %d) %% 97" % self.r.randrange(50)
        ca, ga = self.args(fn, x)
        callee = (self.p + "fp%d" % fn.idx) if fn.fp else fn.name
        cc, gc = "%s(%s)" % (callee, ca), "%s(%s)" % (callee, ga)
        w = "%s got" % caller.name[len(self.p):]
        if fn.ret == "int":
            return ("acc = (acc + %s) %% 1000;" % cc, "acc = (acc + %s) %% 1000" % gc)
        if fn.ret == "double":
            return ('tr("%s %%.2f\\n", %s);' % (w, cc), 'tr("%s %%.2f\\n", %s)' % (w, gc))
        if fn.ret == "ptr":
            return ('tr("%s %%d\\n", %spidx(%s));' % (w, self.p, cc),
                    'tr("%s %%d\\n", %spidx(%s))' % (w, self.p, gc))
        if fn.ret == "struct":
            return ('{ struct %sS s_ = %s; tr("%s %%d,%%d\\n", s_.x, s_.y); }' % (self.p, cc, w),
                    '{ s_ := %s; tr("%s %%d,%%d\\n", s_.x, s_.y) }' % (gc, w))
        return cc + ";", gc

    def value(self, fn):
        """An expression of fn's return type."""
        k = self.r.randrange(20)
        if fn.ret == "int":
            e = "(acc + %d) %% 1000" % k
            return e, e
        if fn.ret == "double":
            return "acc * 0.25 + %d" % k, "float64(acc)*0.25 + %d" % k
        if fn.ret == "ptr":
            if self.r.random() < 0.2:
                return "NULL", "nil"
            return "&%sG[(acc + %d) %% 8]" % (self.p, k), "&%sG[(acc+%d)%%8]" % (self.p, k)
        return ("(struct %sS){ acc, %d }" % (self.p, k), "%sS{acc, %d}" % (self.p, k))

    def panic(self, fn, what):
        n = self.fresh()
        tag = "%s %s%d" % (fn.name[len(self.p):], what, n)
        return ('panic("%s %%d", acc);' % tag, 'panic(fmt.Sprintf("%s %%d", acc))' % tag)

    def trace(self, fn, what="t"):
        tag = "%s %s%d" % (fn.name[len(self.p):], what, self.fresh())
        return 'tr("%s %%d\\n", acc);' % tag, 'tr("%s %%d\\n", acc)' % tag

    def raise_(self, fn):
        i = self.r.randrange(self.nraise)
        many = self.raisers[i][1]
        x = "acc + %d" % self.r.randrange(9)
        if many:
            s = ", ".join([x] + [str(self.r.randrange(9)) for _ in range(7)])
        else:
            s = x
        return "%sr%d(%s);" % (self.p, i, s), "%sr%d(%s)" % (self.p, i, s)

    # ---- deferred statements -------------------------------------------
    def deferred(self, fn, depth, on_exit_path):
        """The body of a defer: a list of (C, Go) statements."""
        r = self.r
        name = fn.name[len(self.p):]
        items = [self.trace(fn, "d")]
        kinds = ["recover", "recover", "repanic", "panic", "result", "hrec", "call", "trace",
                 "acc"]
        if not self.go and depth < 2:
            kinds += ["nested", "nested"]
        for _ in range(r.randrange(1, 3)):
            k = r.choice(kinds)
            n = self.fresh()
            if k == "recover":
                items.append((
                    '{ const cdefer_panic_info *p_ = recover(); if (p_) tr("%s rec%d %%s\\n", '
                    'p_->message); else tr("%s nil%d\\n"); }' % (name, n, name, n),
                    'if p_ := recover(); p_ != nil { tr("%s rec%d %%v\\n", p_) } else '
                    '{ tr("%s nil%d\\n") }' % (name, n, name, n)))
            elif k == "repanic":
                items.append((
                    '{ const cdefer_panic_info *p_ = recover(); if (p_) panic("re%d %%s", '
                    'p_->message); }' % n,
                    'if p_ := recover(); p_ != nil { panic(fmt.Sprintf("re%d %%v", p_)) }' % n))
            elif k == "panic":
                if self.pexit:
                    continue
                c, g = self.cond(fn)
                pc, pg = self.panic(fn, "dp")
                items.append(("if (%s) %s" % (c, pc), "if %s { %s }" % (g, pg)))
            elif k == "result" and fn.named:
                items.append(self.update_result(fn))
            elif k == "hrec":
                items.append(('%shrec("%s h%d");' % (self.p, name, n),
                              '%shrec("%s h%d")' % (self.p, name, n)))
            elif k == "call" and not self.pexit:
                callees = [f for f in self.fns[fn.idx + 1:]]
                if callees:
                    items.append(self.call(fn, r.choice(callees)))
            elif k == "acc":
                k2 = r.randrange(1, 9)
                items.append(("acc = (acc + %d) %% 1000;" % k2, "acc = (acc + %d) %% 1000" % k2))
            elif k == "nested":
                inner = self.deferred(fn, depth + 1, on_exit_path)
                items.append(("defer { %s }" % " ".join(c for c, _ in inner), None))
            else:
                items.append(self.trace(fn, "d"))
        return items

    def update_result(self, fn):
        k = self.r.randrange(1, 9)
        if fn.ret == "int":
            e = "res = (res * 2 + %d) %% 1000;" % k
            return e, e[:-1]
        if fn.ret == "double":
            return "res += %d.25;" % k, "res += %d.25" % k
        if fn.ret == "ptr":
            return "res = &%sG[%d];" % (self.p, k % 8), "res = &%sG[%d]" % (self.p, k % 8)
        return "res.y += %d;" % k, "res.y += %d" % k

    def defer(self, fn, depth=0):
        items = self.deferred(fn, depth, True)
        go = None if any(g is None for _, g in items) else \
            "defer func() { %s }()" % "; ".join(g for _, g in items)
        return "defer { %s }" % " ".join(c for c, _ in items), go

    # ---- function bodies -------------------------------------------------
    def body(self, fn, top, loop_depth=0, block_depth=0):
        """Statements of a block: a list of (C, Go); Go None when C only."""
        r = self.r
        out = []
        callees = self.fns[fn.idx + 1:]
        only_defer_calls = getattr(fn, "only_defer_calls", False)
        # A quiet function cannot unwind but through its deferred statements.
        quiet = getattr(fn, "quiet", False)
        for _ in range(r.randrange(2, 6)):
            kinds = ["trace", "defer", "defer", "acc", "raise", "if_panic", "return"]
            if callees and not only_defer_calls:
                kinds += ["call", "call", "call"]
            if loop_depth == 0:
                kinds += ["loop"]
            if not self.go and block_depth < 2:
                kinds += ["block", "vla", "alloca"]
            if self.pexit:
                kinds += ["pexit"]
            if self.go and not top:
                kinds = [k for k in kinds if k != "defer"]
            if quiet:
                kinds = [k for k in kinds if k not in ("raise", "if_panic", "pexit")]
            k = r.choice(kinds)
            if k == "trace":
                out.append(self.trace(fn))
            elif k == "defer":
                out.append(self.defer(fn))
            elif k == "acc":
                k2 = r.randrange(1, 50)
                out.append(("acc = (acc * 3 + %d) %% 1000;" % k2,
                            "acc = (acc*3 + %d) %% 1000" % k2))
            elif k == "raise":
                out.append(self.raise_(fn))
            elif k == "if_panic":
                c, g = self.cond(fn)
                pc, pg = self.panic(fn, "p")
                out.append(("if (%s) %s" % (c, pc), "if %s { %s }" % (g, pg)))
            elif k == "pexit":
                c, g = self.cond(fn)
                out.append(('if (%s) { tr("%s exit\\n"); pthread_exit(NULL); }' % (
                    c, fn.name[len(self.p):]), None))
            elif k == "return":
                c, g = self.cond(fn)
                vc, vg = self.value(fn) if fn.ret != "void" else ("", "")
                tc, tg = self.trace(fn, "ret")
                out.append(("if (%s) { %s return %s; }" % (c, tc, vc),
                            "if %s { %s; return %s }" % (g, tg, vg)))
            elif k == "call":
                out.append(self.call(fn, r.choice(callees)))
            elif k == "loop":
                i = "i%d" % self.fresh()
                inner = self.body(fn, False, loop_depth + 1, block_depth + 1)
                n = r.randrange(1, 4)
                tc = 'tr("%s %s=%%d\\n", %s);' % (fn.name[len(self.p):], i, i)
                tg = 'tr("%s %s=%%d\\n", %s)' % (fn.name[len(self.p):], i, i)
                out.append(("for (int %s = 0; %s < %d; %s++) { %s %s }" % (
                    i, i, n, i, tc, " ".join(c for c, _ in inner)),
                    None if any(g is None for _, g in inner) else
                    "for %s := 0; %s < %d; %s++ { %s; %s }" % (
                        i, i, n, i, tg, "; ".join(g for _, g in inner))))
            elif k == "block":
                inner = self.body(fn, False, loop_depth, block_depth + 1)
                out.append(("{ %s }" % " ".join(c for c, _ in inner), None))
            elif k in ("vla", "alloca"):
                n = self.fresh()
                inner = self.body(fn, False, loop_depth, block_depth + 1)
                if k == "vla":
                    decl = "int n%d = acc %% 5 + 1; int v%d[n%d];" % (n, n, n)
                else:
                    decl = "int *v%d = alloca((acc %% 5 + 1) * sizeof(int));" % n
                name = fn.name[len(self.p):]
                out.append(("{ %s v%d[0] = acc; defer tr(\"%s %s%d %%d\\n\", v%d[0]); %s }" % (
                    decl, n, name, k, n, n, " ".join(c for c, _ in inner)), None))
        return out

    def function(self, fn):
        p = self.p
        if fn.params == "one":
            cpar, gpar, init = "int a", "a int", "a % 1000"
        elif fn.params == "many":
            cpar = "int a, int b, int c, int d, int e, int f, int g, int h"
            gpar = "a, b, c, d, e, f, g, h int"
            init = "(a + b + c + d + e + f + g + h) % 1000"
        else:
            cpar, gpar = "int a, struct %sBig big" % p, "a int, big %sBig" % p
            init = "(a + big.v[0] + big.v[5]) % 1000"
        body = self.body(fn, True)
        name = fn.name[len(p):]
        end_c, end_g = 'tr("%s end %%d\\n", acc);' % name, 'tr("%s end %%d\\n", acc)' % name
        vc, vg = self.value(fn) if fn.ret != "void" else ("", "")
        c = ["%s %s %s(%s)" % (fn.attr, cty(fn.ret, p), fn.name, cpar), "{"]
        g = ["func %s(%s) %s {" % (fn.name, gpar, ("(res %s)" % goty(fn.ret, p)) if fn.named
                                   else goty(fn.ret, p))]
        if fn.named:
            rc, rg = self.value(fn)
            c.append("    cdefer_result %s res = %s;" % (cty(fn.ret, p), rc.replace("acc", "a")))
            g.append("    res = %s" % rg.replace("acc", "a"))
        c.append("    int acc = %s;" % init)
        g.append("    acc := %s" % init)
        g.append('    tr("%s in %%d\\n", acc)' % name)
        c.append('    tr("%s in %%d\\n", acc);' % name)
        c += ["    " + s for s, _ in body]
        c += ["    " + end_c, "    return %s;" % vc, "}"]
        if any(s is None for _, s in body):
            return "\n".join(c), None
        g += ["    " + s for _, s in body]
        g += ["    " + end_g, "    return %s" % vg, "}"]
        return "\n".join(c), "\n".join(g)

    def proto(self, fn):
        p = self.p
        par = {"one": "int", "many": ", ".join(["int"] * 8),
               "big": "int, struct %sBig" % p}[fn.params]
        return "%s %s %s(%s);" % (fn.attr, cty(fn.ret, p), fn.name, par), par

    # ---- the whole program -------------------------------------------------
    def build(self):
        r = self.r
        for fn in self.fns[1:]:
            fn.only_defer_calls = r.random() < 0.3
            fn.quiet = fn.only_defer_calls and r.random() < 0.5
        p = self.p
        funcs = [self.function(fn) for fn in self.fns]
        if self.go and any(g is None for _, g in funcs):
            raise AssertionError("Go program with C-only statements")
        c = ["struct %sS { int x, y; };" % p, "struct %sBig { long v[6]; };" % p,
             "static int %sG[8];" % p,
             "static int %spidx(int *q) { return q ? (int)(q - %sG) : -1; }" % (p, p),
             "static struct %sBig %smk(int x) { struct %sBig b = {{ x, x + 1, x + 2, x + 3, "
             "x + 4, x + 5 }}; return b; }" % (p, p, p),
             "static __attribute__((noinline)) void %shrec(const char *w) { "
             "const cdefer_panic_info *q = recover(); tr(\"%%s %%s\\n\", w, q ? q->message "
             ": \"nil\"); }" % p]
        g = ["type %sS struct { x, y int }" % p, "type %sBig struct { v [6]int }" % p,
             "var %sG [8]int" % p,
             "func %spidx(q *int) int { for i := range %sG { if q == &%sG[i] { return i } }; "
             "return -1 }" % (p, p, p),
             "func %smk(x int) %sBig { return %sBig{[6]int{x, x + 1, x + 2, x + 3, x + 4, "
             "x + 5}} }" % (p, p, p),
             "func %shrec(w string) { q := recover(); if q != nil { tr(\"%%s %%v\\n\", w, q) } "
             "else { tr(\"%%s nil\\n\", w) } }" % p]
        for i, (attr, many, m, k) in enumerate(self.raisers):
            if many:
                cpar = "int a, int b, int c, int d, int e, int f, int g, int h"
                gpar = "a, b, c, d, e, f, g, h int"
                fmt, args = "r%d %%d %%d %%d %%d %%d %%d %%d" % i, "a, b, c, d, e, f, h"
            else:
                cpar, gpar, fmt, args = "int a", "a int", "r%d %%d" % i, "a"
            c.append('%s void %sr%d(%s) { if (a %% %d == %d) panic("%s", %s); }' % (
                attr, p, i, cpar, m, k % m, fmt, args))
            g.append('func %sr%d(%s) { if a %% %d == %d { panic(fmt.Sprintf("%s", %s)) } }' % (
                p, i, gpar, m, k % m, fmt, args))
        for fn in self.fns:
            pc, par = self.proto(fn)
            c.append(pc)
        for fn in self.fns:
            if fn.fp:
                _, par = self.proto(fn)
                c.append("static %s (*%s%sfp%d)(%s) = %s;" % (
                    cty(fn.ret, p), "volatile " if fn.fp_volatile else "", p, fn.idx, par,
                    fn.name))
                g.append("var %sfp%d = %s" % (p, fn.idx, fn.name))
        for fc, fg in funcs:
            c.append(fc)
            if fg:
                g.append(fg)
        entries = [r.randrange(self.nfn) if r.random() < 0.3 else 0
                   for _ in range(r.randrange(1, 4))]
        main_fn = Fn(-1, r, self.go, p)
        main_fn.name = p + "main"
        calls = []
        for e in entries:
            calls.append(self.call(main_fn, self.fns[e]))
        calls.append(('tr("main end %d\\n", acc);', 'tr("main end %d\\n", acc)'))
        macc = r.randrange(50)
        body_c = " ".join(x for x, _ in calls)
        if self.threads:
            # Each thread recovers its own panics: two threads dying at once
            # would race to report.
            c.append("static void *%sthread(void *arg) { int acc = (int)(long)arg; "
                     "defer { const cdefer_panic_info *p_ = recover(); "
                     "if (p_) tr(\"thread top: panic %%s\\n\", p_->message); } "
                     "tr(\"thread %%d\\n\", acc); %s return NULL; }" % (p, body_c))
            c.append("static void %smain(void) { tr_threads(%sthread, %d, %d); }"
                     % (p, p, r.randrange(2, 5), macc))
        else:
            c.append("static void %smain(void) { int acc = %d; %s }" % (p, macc, body_c))
            g.append("func %smain() { acc := %d; %s }" % (
                p, macc, "; ".join(x for _, x in calls)))
        top = ('static void %stop(void) { defer { const cdefer_panic_info *p_ = recover(); '
               'if (p_) tr("top: panic %%s\\n", p_->message); } %smain(); tr("top: ok\\n"); }'
               % (p, p))
        c.append(top)
        g.append('func %stop() { defer func() { if p_ := recover(); p_ != nil '
                 '{ tr("top: panic %%v\\n", p_) } }(); %smain(); tr("top: ok\\n") }' % (p, p))
        flags = [f for f, on in (("go", self.go), ("threads", self.threads),
                                 ("pthread_exit", self.pexit), ("bare", self.bare)) if on]
        head = "/* panic_gen.py seed %d%s */" % (self.seed, "".join(" (%s)" % f for f in flags))
        return head + "\n" + "\n".join(c) + "\n", ("\n".join(g) + "\n") if self.go else None


C_HEAD = r"""#define _GNU_SOURCE
#include <cdefer.h>
#include <alloca.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
static _Thread_local FILE *tr_out;
/* nothrow, as a logging function made of __THROW functions would be: a
 * function whose body calls only tr may not unwind, so its only unwinding
 * calls are those of its deferred statements (Clang once inferred nounwind
 * from that and deleted its callers' landing pads). */
__attribute__((__nothrow__)) static void tr(const char *fmt, ...);
static void tr(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(tr_out ? tr_out : stdout, fmt, ap);
    va_end(ap);
}
/* Runs n threads of fn at once, each with its own trace, printed after the
 * joins in thread order. */
struct tr_thread { void *(*fn)(void *); long arg; FILE *f; char *buf; size_t len; };
static void *tr_start(void *v)
{
    struct tr_thread *t = v;
    tr_out = t->f;
    return t->fn((void *)t->arg);
}
static void tr_threads(void *(*fn)(void *), int n, int acc)
{
    struct tr_thread t[8];
    pthread_t id[8];
    for (int i = 0; i < n; i++) {
        t[i].fn = fn;
        t[i].arg = acc + 7 * i;
        t[i].f = open_memstream(&t[i].buf, &t[i].len);
        if (!t[i].f || pthread_create(&id[i], NULL, tr_start, &t[i]) != 0)
            abort();
    }
    for (int i = 0; i < n; i++) {
        pthread_join(id[i], NULL);
        fclose(t[i].f);
        printf("thread %d:\n%s", i, t[i].buf);
        free(t[i].buf);
    }
}
"""

GO_HEAD = """package main

import "fmt"

func tr(format string, args ...interface{}) { fmt.Printf(format, args...) }
"""

SEP = "@@@ panic seed "


def program(seed):
    """(C text without the common head, Go text or None, flags)."""
    c, g = Gen(seed).build()
    return c, g


def flags(c_text):
    return c_text.split("\n", 1)[0]


def c_batch(seeds, bare_last=True):
    """One C translation unit running the programs of seeds in order."""
    parts = ["/* panic fuzz batch: seeds %s */" % " ".join(map(str, seeds)), C_HEAD]
    calls = []
    for i, s in enumerate(seeds):
        c, _ = program(s)
        parts.append(c)
        bare = bare_last and i == len(seeds) - 1 and "(bare)" in flags(c)
        calls.append('    printf("%s%d\\n"); %s();' % (SEP, s, "z%d_%s" % (
            s, "main" if bare else "top")))
    parts += ["int main(void)", "{"] + calls + ["    return 0;", "}", ""]
    return "\n".join(parts)


def go_batch(seeds, bare_last=True):
    """The Go programs of those seeds that have one, in one package."""
    parts = [GO_HEAD]
    calls = []
    for i, s in enumerate(seeds):
        c, g = program(s)
        if g is None:
            continue
        parts.append(g)
        bare = bare_last and i == len(seeds) - 1 and "(bare)" in flags(c)
        calls.append('    fmt.Printf("%s%d\\n"); z%d_%s()' % (SEP, s, s, "main" if bare else "top"))
    parts += ["func main() {"] + calls + ["}", ""]
    return "\n".join(parts)


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    seed = int(argv[0])
    if "--go" in argv:
        g = go_batch([seed])
        if g.count(SEP) == 0:
            sys.stderr.write("seed %d has no Go program\n" % seed)
            return 1
        sys.stdout.write(g)
    else:
        sys.stdout.write(c_batch([seed]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
