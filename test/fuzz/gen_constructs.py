# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The constructs of issue 18 for the program generator (test/fuzz/gen.py).

This module owns the statement kinds, defer forms and functions that gen.py
mixes in through the `Constructs` class (gen.Gen inherits it); gen.py owns
the rest (blocks, loops, jumps, the program's shape).  Each one stays within
the TS rules, has no undefined behaviour and prints the same on every
compiler:

  asm goto     (x86-64; a plain `goto` elsewhere) that jumps within one
               scope: forward over braced blocks to a label of its block
               with no defer in between, taken or not (`jmp %l0`, or an
               empty template that never jumps), or backward to a label
               after the block's defer (bounded by a counter); through a
               macro or with the `#if` written out; in deferred statements
               too.
  VLAs         blocks that declare arrays of one to three dimensions, then a
               defer whose statement indexes them, takes `sizeof` of them,
               casts to pointer-to-VLA types and takes `sizeof` of VLA type
               names (`sizeof(int[k])`, a typedef) where `k` changes after
               the defer (by reference: the value when the statement runs);
               a function with a VLA parameter.  Bounds never change, so
               every index stays in range; no label in front of a VLA's
               declaration is the target of a jump from outside its block.
  conditions   statement expressions holding defers, yielding constants or
               not, as the condition of `if`, `?:`, `switch`, `while`, `for`,
               `do` and as operands of `&&` and `||`.
  attributes   `[[]]` (the only attribute the TS allows before a defer;
               with Clang before 17 outside C2x, `[[` is not parsed, so the
               program spells it through `q_EA` or an `#if`).
  comments     at the token boundaries of a defer: block and line comments
               between `defer`/`_Defer` and its statement, inside it, around
               it, comments that hold `defer {` or `L:`, and a braced
               deferred statement that starts with a label after a comment.
  computed     `goto *p` inside one deferred statement per function, every
  goto         address-taken label in that same statement (a static table,
               or an address chosen at run time, or a bounded loop).
  avx2         one function of a program compiled with
               `__attribute__((target("avx2")))` whose deferred statements
               call AVX2 intrinsics, called when `__builtin_cpu_supports`
               says so; otherwise its twin without them runs, with the same
               arithmetic in plain C (same output either way).
  macros       a whole generated function defined by one macro; a family
               of small functions with a defer defined by one function-like
               macro and instantiated several times on one line; defers
               written through a variadic macro (`q_DEFER(...)`), an
               object-like macro that is a whole defer statement, and an
               object-like macro that spells `_Defer`.

Every file-scope name added here starts with `q_` (cases.py prefixes it per
program in a batch).  Deferred statements and defers remain counted in the
generator's marks (defer-in-defer)."""

import re

X86 = "#if defined(__x86_64__)"
# Where an asm goto is written: Clang 16 and older take every label of every
# asm goto of a function for a possible target of each (JumpDiagnostics), so
# one asm goto into a VLA's scope made every other one an error ("cannot
# jump from this asm goto statement ... bypasses initialization of variable
# length array"), with or without a plugin; Clang 19 and 22 judge each asm
# goto by its own labels.  There a plain goto stands in.
ASM_GOTO = "#if defined(__x86_64__) && !(defined(__clang__) && __clang_major__ < 17)"

# Found by this module: the GCC plugin took a braced deferred statement
# starting with a label, after another defer in one macro expansion, for a
# labelled one (E10), and GCC 11 crashed on a deferred statement starting
# with a label (test/run/defer_label_block_in_macro.c; both fixed).

# `[[]]` is not parsed by Clang 16 and older outside C2x (the plugin's
# Clang may be one of the matrix's): the program says whether to write it.
ATTR_HEAD = [
    "#if defined(__clang__) && __clang_major__ < 17 && "
    "(!defined(__STDC_VERSION__) || __STDC_VERSION__ < 202000L)",
    "#define q_ATTR 0",
    "#define q_EA",
    "#else",
    "#define q_ATTR 1",
    "#define q_EA [[]]",
    "#endif",
]

JUMP_HEAD = [
    ASM_GOTO,
    '#define q_JUMP(l) __asm__ goto("jmp %l0" :::: l)',
    '#define q_NOJUMP(l) __asm__ goto("" :::: l)',
    "#else",
    "#define q_JUMP(l) goto l",
    "#define q_NOJUMP(l) do { if (0) goto l; } while (0)",
    "#endif",
]

# The AVX2 operations (intrinsic form, plain-C form) on an unsigned x and a
# small constant k; each is exact 32-bit wrapping arithmetic.
AVX_OPS = [
    ("(unsigned)_mm256_extract_epi32(_mm256_add_epi32(_mm256_set1_epi32((int)(%(x)s)), "
     "_mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0)), %(k)d)",
     "((unsigned)(%(x)s) + %(k)du)"),
    ("(unsigned)_mm256_extract_epi32(_mm256_mullo_epi32(_mm256_set1_epi32((int)(%(x)s)), "
     "_mm256_set1_epi32(%(k)d)), 2)",
     "((unsigned)(%(x)s) * %(k)du)"),
    ("(unsigned)_mm_cvtsi128_si32(_mm256_castsi256_si128(_mm256_sub_epi32("
     "_mm256_set1_epi32((int)(%(x)s)), _mm256_set1_epi32(%(k)d))))",
     "((unsigned)(%(x)s) - %(k)du)"),
]


class Constructs:
    """Mixed into gen.Gen: uses its random source (self.r), traces (self.t),
    fresh names (self.fresh), statements (self.stmt, self.block)."""

    def constructs_init(self):
        self.head_needs = set()     # "attr", "jump", "avx"
        self.macros = []            # #define lines written before the functions
        self.helpers = []           # file-scope functions before the generated ones
        self.in_macro = False       # generating a macro's body: one logical line
        self.avx_ops = None         # in the avx2 function: {marker: (avx, plain)}
        self.cgoto_used = False     # one deferred statement with `goto *` per function

    # ---- defer spellings: attributes, comments, macros ---------------------
    def defer_word(self):
        return "_Defer" if self.r.random() < 0.2 else "defer"

    def decorate_defer(self, body):
        """`defer BODY` in one of the forms of this module, or plain."""
        r = self.r
        x = r.random()
        if x < 0.10:
            return self.attr_defer(body)
        if x < 0.22:
            return self.comment_defer(body)
        if x < 0.30 and "\n" not in body and "\x01" not in body:
            return self.macro_defer(body)
        return "%s %s" % (self.defer_word(), body)

    def attr_defer(self, body):
        self.head_needs.add("attr")
        r = self.r
        attr = r.choice(["[[]]", "[[]] [[]]", "[[ ]]"])
        kw = self.defer_word()
        if self.in_macro or r.random() < 0.3:
            return "q_EA %s %s" % (kw, body)
        if "\n" not in body and r.random() < 0.6:
            return "\n#if q_ATTR\n%s %s %s\n#else\n%s %s\n#endif\n" % (attr, kw, body, kw, body)
        return "\n#if q_ATTR\n%s\n#endif\n%s %s" % (attr, kw, body)

    def comment_defer(self, body):
        r = self.r
        kw = self.defer_word()
        line = not self.in_macro
        forms = ["%s /* c */ %s", "%s/**/%s", "/* defer { */ %s %s", "%s /* L: } */ %s"]
        if line:
            forms += ["%s // c\n %s", "%s // defer { L:\n %s", "// _Defer\n%s %s",
                      "%s /*\n  defer T(0);\n */ %s"]
        if r.random() < 0.3 and "\n" not in body and "/*" not in body:
            body = self.comment_tokens(body, line)
        if body.startswith("{ ") and r.random() < 0.5:
            # a braced statement that starts with a label, after a comment
            # (GCC re-read the source there: issue 18, item 7)
            lab = self.fresh("Lc")
            body = "{ /* c */ %s: %s %s" % (lab, self.t(), body[2:])
            if r.random() < 0.5:
                return "%s /* c */ %s" % (kw, body)
        form = r.choice(forms)
        if not self.in_macro and r.random() < 0.2:
            form += " /* after */"
        return form % (kw, body)

    def comment_tokens(self, body, line):
        """A comment between some of the tokens of a one-line statement."""
        out = []
        for tok in body.split(" "):
            out.append(tok)
            if self.r.random() < 0.3:
                out.append("/**/" if not line or self.r.random() < 0.8 else "// c\n")
        return " ".join(out)

    def macro_defer(self, body):
        r = self.r
        k = r.random()
        if k < 0.4:
            self.add_macro("#define q_DEFER(...) defer __VA_ARGS__")
            return "q_DEFER(%s)" % body
        if k < 0.7:
            self.add_macro("#define q_LATER _Defer")
            return "q_LATER %s" % body
        name = self.fresh("q_DS")
        self.add_macro("#define %s defer %s" % (name, body))
        return name

    def add_macro(self, line):
        if line not in self.macros:
            self.macros.append(line)

    # ---- asm goto ----------------------------------------------------------
    def jump(self, lab, taken=True):
        """An asm goto to lab (x86-64), a goto elsewhere."""
        if self.in_macro or self.r.random() < 0.5:
            self.head_needs.add("jump")
            return "q_%s(%s);" % ("JUMP" if taken else "NOJUMP", lab)
        spell = self.r.choice(["__asm__ goto", "__asm__ __volatile__ goto", "__asm goto"])
        if taken:
            asm, other = '%s("jmp %%l0" :::: %s);' % (spell, lab), "goto %s;" % lab
        else:
            asm, other = '%s("" :::: %s);' % (spell, lab), ";"
        return "\n%s\n%s\n#else\n%s\n#endif\n" % (ASM_GOTO, asm, other)

    def s_asmgoto(self, ctx):
        r = self.r
        lab = self.fresh("La")
        head = []
        if r.random() < 0.5:
            self.defer_made(ctx)
            head.append(self.decorate_defer(self.t()))
        if r.random() < 0.3:
            # backward, within the scope of the block's defer
            c = self.fresh("c")
            return "{ int %s = 0; %s %s: %s if (%s++ < %d) %s %s }" % (
                c, " ".join(head), lab, self.t(), c, r.randrange(1, 3), self.jump(lab),
                self.t())
        head.append(self.t())
        taken = r.random() < 0.8
        j = self.jump(lab, taken)
        if taken and r.random() < 0.6:
            j = "if (%s) %s" % (self.cond(), j)
        mid = self.block(ctx.nested()) if r.random() < 0.5 else self.t()
        return "{ %s %s %s %s: %s }" % (" ".join(head), j, mid, lab, self.t())

    # ---- VLAs --------------------------------------------------------------
    def s_vla(self, ctx):
        r = self.r
        dims = r.randrange(1, 4)
        d = [self.fresh("d") for _ in range(dims)]
        k = self.fresh("k")
        decl = ["%s = (int)((unsigned)a %% %d) + 1" % (d[0], r.randrange(2, 5))]
        decl += ["%s = %d" % (x, r.randrange(1, 4)) for x in d[1:]]
        decl.append("%s = %d" % (k, r.randrange(1, 4)))
        arrays = []   # (name, number of dimensions)
        for n in range(1, dims + 1):
            if n == dims or r.random() < 0.5:
                arrays.append((self.fresh("v"), n))
        items = ["int %s;" % ", ".join(decl)]
        for v, n in arrays:
            items.append("int %s%s;" % (v, "".join("[%s]" % x for x in d[:n])))
            idx = [self.fresh("i") for _ in range(n)]
            loops = "".join("for (int %s = 0; %s < %s; %s++) " % (i, i, x, i)
                            for i, x in zip(idx, d))
            mul = " * %d + " % r.randrange(2, 5)
            items.append("%s%s%s = %s + a;" % (loops, v, "".join("[%s]" % i for i in idx),
                                                mul.join(idx)))
        uses = [self.vla_use(d, k, arrays) for _ in range(r.randrange(2, 5))]
        self.defer_made(ctx)
        items.append(self.decorate_defer("{ %s }" % " ".join(uses)))
        items.append("%s += %d; %s" % (k, r.randrange(1, 4), self.t()))
        if len(d) >= 2 and r.random() < 0.4:
            items.append("r += %s(%s); %s" % (self.vla_param_fn(), self.vla_2d(arrays, d),
                                               self.t()))
        inner = ctx.nested()
        items += [self.stmt(inner) for _ in range(r.randrange(0, 3))]
        items.append("%s += %d;" % (k, r.randrange(1, 3)))
        return "{ %s }" % " ".join(items)

    def vla_2d(self, arrays, d):
        """The arguments `n, m, v` for a parameter `int v[n][m]`: a 2-dimension
        array of the block, or a 3-dimension one's first element."""
        for v, n in arrays:
            if n == 2:
                return "%s, %s, %s" % (d[0], d[1], v)
        return "%s, %s, %s[0]" % (d[1], d[2], arrays[-1][0])

    def vla_use(self, d, k, arrays):
        r = self.r
        v, n = r.choice(arrays)
        last = "".join("[%s - 1]" % x for x in d[:n])
        forms = [
            "r += (unsigned)%s%s; %s" % (v, last, self.t()),
            "T((int)sizeof %s);" % v,
            "T((int)sizeof(int[%s]));" % k,
            "T((int)sizeof(int[%s][%s]));" % (k, d[-1]),
            "{ typedef int %s[%s]; T((int)sizeof(%s)); }" % ((t := self.fresh("q_row")), k, t),
            "for (int %s = 0; %s < %s; %s++) r += (unsigned)%s[%s]%s;" % (
                (i := self.fresh("i")), i, d[0], i, v, i, "[0]" * (n - 1)),
            "T((int)(sizeof %s / sizeof(int)));" % v,
            "T((int)sizeof(char[%s + %s]));" % (k, d[0]),
        ]
        if n >= 2:
            forms += ["T((int)sizeof %s[0]);" % v,
                      "r += (unsigned)((int (*)%s)%s)[%s - 1]%s; %s" % (
                          "".join("[%s]" % x for x in d[1:n]), v, d[0],
                          "".join("[%s - 1]" % x for x in d[1:n]), self.t())]
        return r.choice(forms)

    def vla_param_fn(self):
        """A function with a variably modified parameter and defers that use it."""
        name = self.fresh("q_vp")
        t1, t2, t3 = self.t(), self.t(), self.t()
        self.helpers.append(
            "static unsigned %s(int n, int m, int v[n][m])\n{\n"
            "    unsigned s = 0;\n    int w = m;\n"
            "    defer { %s T((int)sizeof(int[w][n])); T((int)sizeof v[0]); }\n"
            "    for (int i = 0; i < n; i++) { defer s += (unsigned)v[i][m - 1]; %s }\n"
            "    w += 2;\n    defer { %s s += (unsigned)v[n - 1][0]; }\n"
            "    return s;\n}" % (name, t1, t2, t3))
        return name

    # ---- statement expressions as conditions -------------------------------
    def stmt_expr(self, ctx, value=None):
        self.defer_made(ctx)
        r = self.r
        if value is None:
            value = r.choice(["0", "1", "1", "2", self.cond()])
        items = []
        if r.random() < 0.3:
            items.append(self.t())
        body = self.t() if r.random() < 0.6 else "{ %s r += %d; }" % (self.t(), r.randrange(1, 5))
        items.append(self.decorate_defer(body) if r.random() < 0.3 else
                     "%s %s" % (self.defer_word(), body))
        if r.random() < 0.2:
            items.append("%s %s" % (self.defer_word(), self.t()))
        return "({ %s %s; })" % (" ".join(items), value)

    def s_condexpr(self, ctx):
        r = self.r
        kind = r.choice(["if", "if", "ternary", "switch", "while", "for", "do", "and", "or"])
        se = self.stmt_expr
        if kind in ("if", "and", "or"):
            c = se(ctx)
            if kind != "if":
                c = "%s %s %s" % (c, "&&" if kind == "and" else "||", se(ctx))
                if r.random() < 0.3:
                    return "r += (unsigned)(%s); %s" % (c, self.t())
            s = "if (%s) %s" % (c, self.block(ctx.nested()))
            if r.random() < 0.5:
                s += " else " + self.block(ctx.nested())
            return s
        if kind == "ternary":
            return "r += %s ? %d : %d; %s" % (se(ctx), r.randrange(10), r.randrange(10), self.t())
        if kind == "switch":
            c = ctx.nested(switch=True, loop=False)
            cases = ["case %d: %s break;" % (v, self.block(c)) for v in
                     sorted(r.sample(range(4), r.randrange(1, 4)))]
            cases.append("default: %s break;" % self.block(c))
            return "switch (%s) { %s }" % (se(ctx, r.choice(["0", "1", "2", "(a + r) % 4"])),
                                           " ".join(cases))
        n = self.fresh("n")
        lim = r.randrange(1, 4)
        body = self.block(ctx.nested(loop=True, switch=False))
        if kind == "while":
            return "{ int %s = 0; while (%s) %s }" % (n, se(ctx, "%s++ < %d" % (n, lim)), body)
        if kind == "for":
            return "for (int %s = 0; %s; %s++) %s" % (n, se(ctx, "%s < %d" % (n, lim)), n, body)
        return "{ int %s = 0; do %s while (%s); }" % (n, body, se(ctx, "++%s < %d" % (n, lim)))

    # ---- computed goto within a deferred statement -------------------------
    def cgoto_body(self, d):
        """A deferred statement whose `goto *` may reach only its own labels."""
        self.cgoto_used = True
        r = self.r
        labs = [self.fresh("Lg") for _ in range(r.randrange(2, 4))]
        end = self.fresh("Lg")
        kind = r.choice(["table", "chosen", "loop"])
        if kind == "loop":
            c, p = self.fresh("c"), self.fresh("p")
            return "{ int %s = 0; void *%s = &&%s; %s: %s if (%s++ < %d) goto *%s; %s }" % (
                c, p, labs[0], labs[0], self.t(), c, r.randrange(1, 3), p, self.t())
        if kind == "table":
            t = self.fresh("tab")
            head = "static void *const %s[] = { %s }; goto *%s[(r + (unsigned)a) %% %du];" % (
                t, ", ".join("&&" + l for l in labs), t, len(labs))
        else:
            p = self.fresh("p")
            head = "void *%s = (%s) ? &&%s : &&%s; goto *%s;" % (
                p, self.cond(), labs[0], labs[-1], p)
        parts = []
        for i, l in enumerate(labs):
            stmt = self.block(d.nested()) if r.random() < 0.3 else self.t()
            parts.append("%s: %s%s" % (l, stmt, " goto %s;" % end if r.random() < 0.6 else ""))
        return "{ %s %s %s: %s }" % (head, " ".join(parts), end, self.t())

    # ---- the avx2 function -------------------------------------------------
    def avx_body(self):
        """A deferred statement of the avx2 function: AVX2 intrinsics in
        one copy, the same arithmetic in plain C in the other."""
        op = self.r.choice(AVX_OPS)
        marker = "\x01%d\x01" % len(self.avx_ops)
        k = self.r.randrange(1, 8)
        self.avx_ops[marker] = tuple(f % {"x": "r", "k": k} for f in op)
        return "{ r = %s; %s }" % (marker, self.t())

    def avx_function(self, idx, lines):
        """fIDX as a dispatcher to an avx2 copy and a plain copy of lines."""
        self.head_needs.add("avx")
        text = "\n".join(lines[1:])
        avx, plain = text, text
        for m, (a, p) in self.avx_ops.items():
            avx, plain = avx.replace(m, a), plain.replace(m, p)
        self.avx_ops = None
        name = "q_f%d" % idx
        return "\n".join([
            X86,
            '__attribute__((target("avx2"))) static int %s_avx2(int a)' % name, avx,
            "#endif",
            "static int %s_plain(int a)" % name, plain,
            "static int f%d(int a)" % idx, "{", X86,
            '    if (__builtin_cpu_supports("avx2"))', "        return %s_avx2(a);" % name,
            "#endif", "    return %s_plain(a);" % name, "}"])

    # ---- macros ------------------------------------------------------------
    def macro_function(self, idx, lines):
        """fIDX defined by the expansion of one macro."""
        name = "q_DEF_f%d" % idx
        body = [lines[0].replace("f%d(" % idx, "NAME(", 1)] + lines[1:]
        assert not any("\n" in l or "//" in l for l in body), body
        self.macros.append("#define %s(NAME) %s" % (name, " \\\n    ".join(body)))
        return "%s(f%d)" % (name, idx)

    def macro_family(self):
        """Small functions, each with defers, all from one function-like
        macro instantiated on one line; returns their calls for main."""
        r = self.r
        self.add_macro("#define q_FN(NAME, T1, T2, V) static int NAME(int a) { "
                       "unsigned r = (unsigned)a; defer { r += V; T(T1); } "
                       "if (a & 1) return (int)r + V; q_EA _Defer T(T2); return (int)r; }")
        self.head_needs.add("attr")
        names = [self.fresh("q_fn") for _ in range(r.randrange(2, 4))]
        inst = []
        for n in names:
            t1, t2 = self.t()[2:-2], self.t()[2:-2]
            inst.append("q_FN(%s, %s, %s, %d)" % (n, t1, t2, r.randrange(10)))
        inst = " ".join(inst)
        calls = ['    printf("%s=%%d\\n", %s(%d));' % (n, n, r.randrange(4)) for n in names]
        return inst, calls

    def head_lines(self):
        out = []
        if "avx" in self.head_needs:
            out += [X86, "#include <immintrin.h>", "#endif"]
        if "attr" in self.head_needs:
            out += ATTR_HEAD
        if "jump" in self.head_needs:
            out += JUMP_HEAD
        return out
