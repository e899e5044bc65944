#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Generates a random, valid C program that uses defer (TS 25755 rules).

    gen.py SEED [--size N]  > prog.c

Same seed, same program.  Every statement that executes prints a number
(`T(n);`), so the program's output is the order of execution; differential
testing (test/fuzz/run.sh) compiles it with every compiler and compares.

What it generates, always within the TS rules:
  nested blocks; defers whose statement is a trace, a block, an `if`, a loop
  with its own break/continue, another defer (braced, or `defer defer S;`),
  an update of a local that is read later (by-reference semantics);
  for/while/do loops with break and continue at random depths; switch with
  braced case blocks; forward `goto` to the function's exit label (never
  past a defer in the label's scope);
  forward `goto` from any depth to labels after an enclosing block, leaving
  the defers of every block in between (three or more such labels reach
  GCC's goto dispatch); backward `goto` to the top of a block, from the
  block's end or from any depth inside it (bounded by a counter); `return` at
  random depths with a value that defers then modify; statement
  expressions containing defers; calls between generated functions; struct
  results returned by value.
From gen_constructs.py (issue 18): `asm goto` within one scope (x86-64);
  VLAs of one to three dimensions, a VLA parameter and VLA type names in
  `sizeof`, casts and typedefs inside deferred statements, with a bound
  that changes after the defer; statement expressions holding defers as
  conditions of if/?:/switch/while/for/do and operands of &&/||; `[[]]`
  before defers; comments at a defer's token boundaries; computed gotos
  within one deferred statement; an `__attribute__((target("avx2")))`
  function with AVX2 intrinsics in deferred code; functions and defers
  produced by macro expansions.
Never: jumps into a defer's scope, jumps out of a deferred statement,
undefined behaviour (the accumulator `r` is unsigned, so it wraps)."""
import random
import sys

from gen_constructs import Constructs


class Ctx:
    """What the statement being generated may do."""

    def __init__(self, loop=False, switch=False, in_defer=False, depth=0, top=False,
                 labels=(), back=()):
        self.loop = loop          # break/continue allowed (innermost loop)
        self.switch = switch      # break allowed (innermost switch)
        self.in_defer = in_defer  # inside a deferred statement: no return / goto out
        self.depth = depth
        self.top = top            # statement at the function's outermost block
        self.labels = labels      # labels after enclosing blocks: forward gotos
        self.back = back          # (label, counter) at enclosing blocks' tops

    def nested(self, **kw):
        c = Ctx(self.loop, self.switch, self.in_defer, self.depth + 1, False,
                self.labels, self.back)
        for k, v in kw.items():
            setattr(c, k, v)
        return c


class Gen(Constructs):
    def __init__(self, seed, size):
        self.r = random.Random(seed)
        self.size = size
        self.trace = 0
        self.uid = 0
        self.out = []
        self.budget = 0
        self.goto_used = False
        # A defer within a deferred statement: clang-22 -fdefer-ts miscompiles
        # some of those when the outer defer is left by a jump
        # (docs/RELIABILITY.md).
        self.defer_in_defer = False
        self.constructs_init()

    def t(self):
        self.trace += 1
        return "T(%d);" % self.trace

    def fresh(self, stem):
        self.uid += 1
        return "%s%d" % (stem, self.uid)

    def cond(self):
        r = self.r
        k = r.randrange(1, 7)
        return r.choice(["(a + %d) %% %d == 0" % (r.randrange(5), k + 1),
                         "g[%d] & %d" % (r.randrange(8), 1 << r.randrange(3)),
                         "r %% %d == %d" % (k + 1, r.randrange(k + 1)),
                         "a > %d" % r.randrange(6)])

    # ---- statements ----------------------------------------------------
    def block(self, ctx, n=None):
        if n is None:
            n = self.r.randrange(1, 4)
        body = [self.stmt(ctx) for _ in range(n)]
        return "{ " + " ".join(body) + " }"

    def stmt(self, ctx):
        self.budget -= 1
        r = self.r
        if self.budget <= 0 or ctx.depth > 5:
            return self.t()
        choices = [("trace", 4), ("update", 2), ("block", 2), ("if", 3), ("defer", 6),
                   ("for", 2), ("while", 1), ("do", 1), ("switch", 1), ("stmtexpr", 1),
                   ("call", 1), ("backgoto", 1), ("asmgoto", 1), ("vla", 0.7),
                   ("condexpr", 1.5)]
        if ctx.loop:
            choices += [("break", 1), ("continue", 1)]
        elif ctx.switch:
            choices += [("break", 1)]
        if not ctx.in_defer:
            choices += [("return", 1), ("goto", 1)]
        choices += [("escape", 2)]
        if ctx.labels:
            choices += [("escgoto", 5)]
        if ctx.back:
            choices += [("backjump", 1)]
        if ctx.top and self.goto_used:
            # A defer here would put the exit label in its scope: the goto
            # before it would bypass it.
            choices = [c for c in choices if c[0] != "defer"]
        kind = r.choices([c[0] for c in choices], [c[1] for c in choices])[0]
        return getattr(self, "s_" + kind)(ctx)

    def s_trace(self, ctx):
        return self.t()

    def s_update(self, ctx):
        return "r = r * %d + %d; %s" % (self.r.randrange(1, 4), self.r.randrange(10), self.t())

    def s_block(self, ctx):
        return self.block(ctx.nested())

    def s_if(self, ctx):
        s = "if (%s) %s" % (self.cond(), self.block(ctx.nested()))
        if self.r.random() < 0.5:
            s += " else " + self.block(ctx.nested())
        return s

    def defer_made(self, ctx):
        self.defer_in_defer |= ctx.in_defer

    def s_defer(self, ctx):
        self.defer_made(ctx)
        # No jump out of a deferred statement: the labels outside are gone.
        d = ctx.nested(loop=False, switch=False, in_defer=True, labels=(), back=())
        r = self.r
        kinds = ["trace", "trace", "block", "if", "loop", "nested", "update"]
        if not self.cgoto_used and r.random() < 0.15:
            kinds = ["cgoto"]
        elif self.avx_ops is not None:
            kinds += ["avx"] * 3
        kind = r.choice(kinds)
        if kind == "cgoto":
            body = self.cgoto_body(d)
        elif kind == "avx":
            body = self.avx_body()
        elif kind == "trace":
            body = self.t()
        elif kind == "update":
            body = "{ r += %d; %s }" % (r.randrange(1, 9), self.t())
        elif kind == "block":
            body = self.block(d)
        elif kind == "if":
            body = "if (%s) %s else %s" % (self.cond(), self.block(d.nested()), self.block(d.nested()))
        elif kind == "loop":
            i = self.fresh("i")
            body = "for (int %s = 0; %s < %d; %s++) %s" % (
                i, i, r.randrange(1, 4), i, self.block(d.nested(loop=True)))
        else:
            self.defer_made(d)
            if r.random() < 0.1:
                # `defer defer S;`: the inner deferred statement without
                # braces (clang-22's bug C when a jump runs it).
                body = "defer %s" % self.t()
            else:
                body = "{ %s defer %s %s }" % (self.t(), self.block(d.nested()), self.t())
        return self.decorate_defer(body)

    def s_for(self, ctx):
        i = self.fresh("i")
        return "for (int %s = 0; %s < %d; %s++) %s" % (
            i, i, self.r.randrange(1, 4), i, self.block(ctx.nested(loop=True, switch=False)))

    def s_while(self, ctx):
        n = self.fresh("n")
        return "{ int %s = 0; while (%s++ < %d) %s }" % (
            n, n, self.r.randrange(1, 4), self.block(ctx.nested(loop=True, switch=False)))

    def s_do(self, ctx):
        n = self.fresh("n")
        return "{ int %s = 0; do %s while (++%s < %d); }" % (
            n, self.block(ctx.nested(loop=True, switch=False)), n, self.r.randrange(1, 4))

    def s_switch(self, ctx):
        c = ctx.nested(switch=True, loop=False)
        # `continue` inside a switch inside a loop is legal C but keep it simple.
        cases = []
        for k in range(self.r.randrange(1, 4)):
            cases.append("case %d: %s break;" % (k, self.block(c)))
        cases.append("default: %s break;" % self.block(c))
        return "switch ((a + r) %% %d) { %s }" % (len(cases), " ".join(cases))

    def s_break(self, ctx):
        return "if (%s) break;" % self.cond() if self.r.random() < 0.7 else "break;"

    def s_continue(self, ctx):
        return "if (%s) continue;" % self.cond()

    def s_return(self, ctx):
        return "if (%s) { %s return r + %d; }" % (self.cond(), self.t(), self.r.randrange(100))

    def s_goto(self, ctx):
        self.goto_used = True
        return "if (%s) { %s goto out; }" % (self.cond(), self.t())

    def s_escape(self, ctx):
        """A block followed by labels that gotos at any depth inside it
        (outside deferred statements) jump to, leaving the defers of every
        block in between; nothing between the block and its labels, so no
        goto passes a defer in a label's scope.  Three or more labels left
        from nested defers take GCC's goto dispatch (gcc-plugin/dispatch.cc)."""
        labs = tuple(self.fresh("L") for _ in range(self.r.randrange(2, 6)))
        inner = ctx.nested(labels=ctx.labels + labs)
        if self.r.random() < 0.5:
            body = self.block(inner, self.r.randrange(2, 5))
        else:
            # The cleanup pattern: acquire (defer), work, on failure leave.
            items = []
            for _ in range(self.r.randrange(2, 6)):
                items += [self.s_defer(inner), self.stmt(inner), self.s_escgoto(inner)]
            body = "{ " + " ".join(items) + " }"
        return "{ %s %s }" % (body, " ".join("%s: %s" % (l, self.t()) for l in labs))

    def s_escgoto(self, ctx):
        lab = self.r.choice(ctx.labels)
        if self.r.random() < 0.2:
            return "{ %s goto %s; }" % (self.t(), lab)
        return "if (%s) { %s goto %s; }" % (self.cond(), self.t(), lab)

    def s_backjump(self, ctx):
        # Back to the top of an enclosing block, leaving the defers in
        # between; the block's counter bounds the number of jumps.
        lab, c = self.r.choice(ctx.back)
        return "if (%s++ < %d) { %s goto %s; }" % (c, self.r.randrange(1, 3), self.t(), lab)

    def s_backgoto(self, ctx):
        c = self.fresh("c")
        lab = self.fresh("again")
        inner = ctx.nested(back=ctx.back + ((lab, c),))
        body = " ".join(self.stmt(inner) for _ in range(self.r.randrange(1, 3)))
        return "{ int %s = 0; %s: %s %s if (%s++ < %d) goto %s; }" % (
            c, lab, self.t(), body, c, self.r.randrange(1, 3), lab)

    def s_stmtexpr(self, ctx):
        self.defer_made(ctx)
        return "r += ({ %s defer %s %s %d; });" % (self.t(), self.t(), self.t(),
                                                   self.r.randrange(10))

    def s_call(self, ctx):
        if self.fn_index == 0:
            return self.t()
        return "r += f%d(a + %d) %% 7; %s" % (self.r.randrange(self.fn_index),
                                             self.r.randrange(3), self.t())

    # ---- functions -------------------------------------------------------
    def function(self, idx, form="plain"):
        """fIDX; form "macro": defined by one macro's expansion, "avx2": a
        target("avx2") copy and a plain copy (gen_constructs.py)."""
        self.fn_index = idx
        self.goto_used = False
        self.cgoto_used = False
        self.in_macro = form == "macro"
        self.avx_ops = {} if form == "avx2" else None
        self.budget = self.size
        ctx = Ctx(top=True)
        body = []
        if form == "avx2":
            body.append(self.decorate_defer(self.avx_body()))
        for _ in range(self.r.randrange(2, 6)):
            body.append(self.stmt(ctx))
        # r is unsigned: its updates wrap instead of overflowing (undefined
        # behaviour, which GCC -O2 exploited: seed 100288 before this).
        lines = ["static int f%d(int a)" % idx, "{", "    unsigned r = a;"]
        lines += ["    " + s for s in body]
        if self.goto_used:
            lines.append("out:")
        lines += ["    %s" % self.t(), "    return r;", "}"]
        self.in_macro = False
        if form == "macro":
            return self.macro_function(idx, lines)
        if form == "avx2":
            return self.avx_function(idx, lines)
        return "\n".join(lines)

    def struct_function(self):
        """A struct result by value that a defer modifies after `return`."""
        return "\n".join([
            "struct S { int a, b; };",
            "static struct S fs(int a)",
            "{",
            "    struct S s = { a, a + 1 };",
            "    defer { s.a = 99; %s }" % self.t(),
            "    if (a & 1) return s;",
            "    s.b = 7;",
            "    return s;",
            "}"])

    def program(self):
        r = self.r
        nfun = r.randrange(2, 5)
        forms = ["plain"] * nfun
        if r.random() < 0.3:
            forms[r.randrange(nfun)] = "avx2"
        for i in range(nfun):
            if forms[i] == "plain" and r.random() < 0.12:
                forms[i] = "macro"
        funcs = [self.function(i, forms[i]) for i in range(nfun)]
        family = self.macro_family() if r.random() < 0.3 else ("", [])
        g = ", ".join(str(r.randrange(16)) for _ in range(8))
        calls = []
        for _ in range(r.randrange(2, 6)):
            calls.append('    printf("f%d=%%d\\n", f%d(%d));' % ((k := r.randrange(nfun)), k,
                                                                 r.randrange(8)))
        use_struct = r.random() < 0.3
        calls += family[1]
        if use_struct:
            calls.append('    { struct S s = fs(%d); printf("s=%%d,%%d\\n", s.a, s.b); }'
                         % r.randrange(4))
        head = [
            "/* generated by test/fuzz/gen.py%s%s */" % (
                " (struct-result)" if use_struct else "",
                " (defer-in-defer)" if self.defer_in_defer else ""),
            "#include <stddefer.h>",
            "#include <stdio.h>",
            "static int g[8] = { %s };" % g,
        ] + self.head_lines() + [
            "static void T(int n) { printf(\"%d\\n\", n); }",
        ] + self.macros + self.helpers + ([family[0]] if family[0] else [])
        if use_struct:
            head.append(self.struct_function())
        return "\n".join(head + funcs + ["int main(void)", "{"] + calls +
                         ["    return 0;", "}", ""])


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    seed = int(argv[0])
    size = 40
    if len(argv) >= 3 and argv[1] == "--size":
        size = int(argv[2])
    sys.stdout.write(Gen(seed, size).program())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
