#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Breaks a valid defer program (from gen.py) in one random way.

    mutate.py SEED < prog.c > broken.c

The mutations aim at the TS constraints and at the plugins' parsers: a jump
into a defer's scope or into a deferred statement, a return/break/continue/
goto out of a deferred statement, a labelled deferred statement, setjmp in
a deferred statement, `_Defer` with no statement or at file scope, a label
moved elsewhere in its function (into a defer's scope, a deferred statement,
a statement expression), deleted or duplicated tokens, garbage, truncation.  The compiler must answer every
one with diagnostics or a successful compile: never a crash or a hang
(test/fuzz/run.py --kind invalid checks that)."""
import random
import re
import sys

GARBAGE = ["_Defer", "defer", "{", "}", "(", ")", ";", "goto", "case 1:", "default:",
           "return", "break;", "continue;", "L:", "else", "int", "0", ",", "?", "#",
           "__extension__", "({", "})", "[", "]", "sizeof", "_Defer _Defer", "\\", "'",
           "\"", "/*", "__builtin_setjmp(0)", "setjmp", "&&L", "goto *0;"]


def mutate(src, r):
    lines = src.split("\n")
    body = [i for i, l in enumerate(lines) if l.startswith("    ")]
    kind = r.choice(["jump_in", "leave_defer", "label_defer", "setjmp", "empty",
                     "file_scope", "delete", "duplicate", "garbage", "truncate",
                     "swap", "case_in", "move_label"])
    if kind == "truncate":
        return src[:r.randrange(len(src))]
    if kind == "file_scope":
        i = r.randrange(len(lines))
        lines.insert(i, r.choice(["_Defer T(0);", "defer { }", "_Defer", "int x = ({ _Defer 0; 1; });"]))
        return "\n".join(lines)
    if kind == "delete":
        toks = re.findall(r"\w+|\S", src)
        a = r.randrange(len(toks))
        b = min(len(toks), a + r.randrange(1, 6))
        return " ".join(toks[:a] + toks[b:])
    if kind == "duplicate":
        toks = re.findall(r"\w+|\S", src)
        a = r.randrange(len(toks))
        b = min(len(toks), a + r.randrange(1, 8))
        return " ".join(toks[:b] + toks[a:b] + toks[b:])
    if kind == "swap":
        toks = re.findall(r"\w+|\S", src)
        a, b = r.randrange(len(toks)), r.randrange(len(toks))
        toks[a], toks[b] = toks[b], toks[a]
        return " ".join(toks)
    if kind == "move_label":
        # One of gen.py's labels (after a block, at a block's top) moved in
        # front of another traced statement of its line: its gotos now jump
        # into defers' scopes, into deferred statements or statement
        # expressions, over defers, backwards; or out of the label's sight.
        labs = [(i, m) for i, l in enumerate(lines)
                for m in re.finditer(r"\b(?:L|again)\d+: ", l)]
        if labs:
            i, m = r.choice(labs)
            line = lines[i][:m.start()] + lines[i][m.end():]
            spots = [t.start() for t in re.finditer(r"T\(\d+\);", line)]
            if spots:
                k = r.choice(spots)
                line = line[:k] + m.group(0) + line[k:]
            lines[i] = line
            return "\n".join(lines)
    if not body:
        return src + "\n_Defer"
    i = r.choice(body)
    line = lines[i]
    if kind == "jump_in":
        # A label after a defer, a goto before it (or the reverse).
        m = list(re.finditer(r"defer ", line))
        if m:
            pos = r.choice(m).start()
            line = line[:pos] + "goto fz; " + line[pos:] + " fz: ;"
        else:
            line = "goto fz; " + line + " _Defer T(0); fz: ;"
    elif kind == "leave_defer":
        m = list(re.finditer(r"defer \{", line))
        stmt = r.choice(["return 1;", "break;", "continue;", "goto out;", "goto fz;"])
        if m:
            pos = r.choice(m).end()
            line = line[:pos] + " " + stmt + line[pos:]
        else:
            line = line + " _Defer { " + stmt + " }"
        if "fz" in stmt:
            line += " fz: ;"
    elif kind == "label_defer":
        line = line + " " + r.choice(["_Defer L1: T(0);", "_Defer case 1: T(0);",
                                      "_Defer default: T(0);"])
    elif kind == "setjmp":
        line = line + " _Defer { " + r.choice(["__builtin_setjmp(0);", "__builtin_longjmp(0, 1);"]) + " }"
    elif kind == "empty":
        line = line + " " + r.choice(["_Defer;", "_Defer {}", "_Defer }", "_Defer int q;",
                                      "_Defer _Defer;"])
    elif kind == "case_in":
        line = line.replace("{ ", "{ case 7: ", 1) if "switch" in line else line + " case 9: ;"
    else:  # garbage
        toks = re.findall(r"\w+|\S", line)
        k = r.randrange(len(toks) + 1)
        toks.insert(k, r.choice(GARBAGE))
        line = "    " + " ".join(toks)
    lines[i] = line
    return "\n".join(lines)


def main(argv):
    seed = int(argv[0]) if argv else 0
    sys.stdout.write(mutate(sys.stdin.read(), random.Random(seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
