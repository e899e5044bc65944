# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The two defer kinds of fuzz case (test/fuzz/run.py).

valid:   gen.py programs, compiled by every compiler at -O0 and -O2 and run;
         outputs must agree.  To start each compiler once per many programs,
         a batch of seeds goes into one translation unit: each program's
         names get a prefix `zSEED_` and its main becomes a static function
         that the batch's main calls after printing a separator line; the
         output is cut at the separators and compared program by program.
         Anything wrong with a batch (a compile failure, crash, hang, bad
         exit status, a mismatch) is narrowed down by compiling and running
         the programs concerned alone, and reported by seed.
invalid: mutate.py mutants, one translation unit each, compiled by each
         plugin at -O0 and -O2: errors are fine, a crash or a hang is not.

A case result is (seed, ok, why, notes, source)."""
import os
import re

import gen
import mutate
import random
from common import compile_, crashed, run_exe

SEP = b"@@@ fuzz seed "
# gen.py's file-scope names (gen_constructs.py's all start with q_).
NAMES = re.compile(r'"(?:[^"\\]|\\.)*"|\b(?:f\d+|fs|g|T|S|main|q_\w+)\b')
STRUCT_NOTE = "reference skipped: struct result (known NRVO bug)"
CLEANUP_NOTE = ("reference alone differs: a defer within a deferred statement "
                "(known clang-22 bug)")


def program(seed, size):
    return gen.Gen(seed, size).program()


def struct_result(src):
    return "(struct-result)" in src.split("\n", 1)[0]


def defer_in_defer(src):
    """gen.py marks a program with a defer within a deferred statement:
    clang-22 -fdefer-ts miscompiles some of those when the outer defer is
    left by a jump (docs/RELIABILITY.md)."""
    return "(defer-in-defer)" in src.split("\n", 1)[0]


def as_part(seed, src):
    """The program as part of a batch: no #include, every file-scope name
    prefixed, main a static function."""
    def ren(m):
        s = m.group(0)
        return s if s.startswith('"') else "z%d_%s" % (seed, s)
    lines = [l for l in src.split("\n") if not l.startswith("#include")]
    text = NAMES.sub(ren, "\n".join(lines))
    return text.replace("int z%d_main(void)" % seed, "static int z%d_main(void)" % seed)


def batch_source(seeds, size):
    srcs = [program(s, size) for s in seeds]
    parts = ["/* fuzz batch: seeds %s */" % " ".join(map(str, seeds)),
             "#include <stddefer.h>", "#include <stdio.h>"]
    if any("#include <immintrin.h>" in src for src in srcs):
        # (as_part drops it from the program's own `#if defined(__x86_64__)`)
        parts += ["#if defined(__x86_64__)", "#include <immintrin.h>", "#endif"]
    calls = []
    for s, src in zip(seeds, srcs):
        parts.append(as_part(s, src))
        calls.append('    printf("%s%d\\n"); z%d_main();' % (SEP.decode(), s, s))
    parts += ["int main(void)", "{"] + calls + ["    return 0;", "}", ""]
    return "\n".join(parts)


def build_and_run(ccs, src_path, stem, skip_ref=False, run_timeout=10, cap=1 << 20,
                  ref_lenient=False):
    """Compiles src_path with each compiler at -O0 and -O2 and runs it.
    Returns (outputs {label: stdout}, error or "", notes).  ref_lenient: a
    reference binary that hangs or fails is noted (CLEANUP_NOTE), not an error."""
    outputs, notes = {}, []
    work = os.path.dirname(src_path)
    for cc in ccs:
        if cc.is_ref and skip_ref:
            notes.append(STRUCT_NOTE)
            continue
        for opt in ("-O0", "-O2"):
            exe = "%s-%s%s" % (stem, cc.name, opt)
            status, out = compile_(cc.argv + [opt, "-w", src_path, "-o", exe])
            if status is None:
                return outputs, "%s %s: compiler hang" % (cc.name, opt), notes
            if status != 0:
                if cc.is_ref and crashed(status, out):
                    notes.append("reference crashed at %s (known clang-22 bug)" % opt)
                    continue
                return outputs, "%s %s: compile failed (status %d):\n%s" % (
                    cc.name, opt, status, out.decode(errors="replace")[:3000]), notes
            st, so, se = run_exe(exe, work, run_timeout, cap)
            os.unlink(exe)
            if cc.is_ref and ref_lenient and st != 0:
                notes.append("%s (%s: %s)" % (CLEANUP_NOTE, opt, "hang" if st == "timeout"
                                              else "exit status %s" % st))
                continue
            if st == "timeout":
                return outputs, "%s %s: run hang (over %d s)" % (cc.name, opt, run_timeout), notes
            if st != 0:
                return outputs, "%s %s: exit status %s\n%s" % (
                    cc.name, opt, st, se.decode(errors="replace")[:2000]), notes
            outputs["%s %s" % (cc.name, opt)] = so
    return outputs, "", notes


def compare(outputs, src=None):
    """("", notes) when every output is the same, else (which differ, []).
    For a program with a defer in a deferred statement (src given), the
    reference alone differing from the plugins, which agree, is the
    reference's known bug: noted, not a mismatch."""
    if len(set(outputs.values())) <= 1:
        return "", []
    first = next(iter(outputs))
    diff = [k for k, v in outputs.items() if v != outputs[first]]
    if src is not None and defer_in_defer(src):
        ours = set(v for k, v in outputs.items() if not k.startswith("reference"))
        if len(ours) == 1:
            return "", ["%s (%s)" % (CLEANUP_NOTE, ", ".join(
                k for k, v in outputs.items() if v not in ours))]
    return "output mismatch: %s differ from %s" % (", ".join(diff), first), []


def run_valid(seed, ccs, work, size):
    """One program alone."""
    src = program(seed, size)
    path = os.path.join(work, "p%d.c" % seed)
    with open(path, "w") as f:
        f.write(src)
    outputs, err, notes = build_and_run(ccs, path, os.path.join(work, "p%d" % seed),
                                        skip_ref=struct_result(src),
                                        ref_lenient=defer_in_defer(src))
    why, more = ("", []) if err else compare(outputs, src)
    return seed, not (err or why), err or why, notes + more, src


def split_sections(out, seeds):
    """{seed: output} of a batch's output, or None if the separators are
    not exactly the batch's seeds in order."""
    chunks = out.split(SEP)
    if chunks[0] != b"" or len(chunks) != len(seeds) + 1:
        return None
    res = {}
    for s, c in zip(seeds, chunks[1:]):
        head, _, body = c.partition(b"\n")
        if head != str(s).encode():
            return None
        res[s] = body
    return res


def without_known(res, err, ccs, work, size):
    """A batch failed in the reference's builds alone, and each program
    passes alone, some only because the reference is known to be wrong on
    them (CLEANUP_NOTE: it differed; STRUCT_NOTE: not compared): such a
    program can make the reference's binary of the whole batch crash.  The
    batch is built again without those; if it passes, its results stand,
    with a note.  Otherwise None."""
    known = [r[0] for r in res
             if any(n.startswith((CLEANUP_NOTE, STRUCT_NOTE)) for n in r[3])]
    rest = [r[0] for r in res if r[0] not in known]
    if not err.startswith("reference") or not known or not rest:
        return None
    again = run_valid_batch(rest, ccs, work, size)
    if not all(r[1] for r in again):
        return None
    note = "batch with %s: reference failed (%s); passes without %s (known clang-22 bug)" % (
        ", ".join(map(str, known)), err, "them" if len(known) > 1 else "it")
    out = [r for r in res if r[0] in known]
    out += [(s, ok, why, n + [note], src) for s, ok, why, n, src in again]
    return sorted(out)


def run_valid_batch(seeds, ccs, work, size):
    """A batch of programs in one translation unit; a list of case results."""
    path = os.path.join(work, "batch%d.c" % seeds[0])
    with open(path, "w") as f:
        f.write(batch_source(seeds, size))
    outputs, err, notes = build_and_run(ccs, path, os.path.join(work, "b%d" % seeds[0]),
                                        run_timeout=10 + 2 * len(seeds),
                                        cap=len(seeds) << 20)
    os.unlink(path)
    sections = {}
    for label, out in outputs.items():
        sections[label] = split_sections(out, seeds)
        if sections[label] is None:
            err = err or "%s: batch output not cut into its %d programs" % (label, len(seeds))
    if err or any("crashed" in n for n in notes):
        # Something failed for the batch as a whole: every program alone.
        res = [run_valid(s, ccs, work, size) for s in seeds]
        if all(r[1] for r in res) and err:
            first = err.split("\n")[0]
            again = without_known(res, first, ccs, work, size)
            if again:
                return again
            why = "batch %d..%d failed (%s) but each program passes alone" % (
                seeds[0], seeds[-1], first)
            res = [(s, False, why, n, src) for s, _, _, n, src in res]
        return res
    res = []
    for s in seeds:
        src = program(s, size)
        skip = struct_result(src)
        per = {k: v[s] for k, v in sections.items()
               if not (skip and k.startswith("reference"))}
        why, more = compare(per, src)
        if not why:
            res.append((s, True, "", ([STRUCT_NOTE] if skip else []) + more, src))
            continue
        alone = run_valid(s, ccs, work, size)
        note = "alone: " + ("passes" if alone[1] else alone[2].split("\n")[0])
        res.append((s, False, "in batch %d..%d: %s (%s)" % (seeds[0], seeds[-1], why, note),
                    alone[3], src))
    return res


def mutant(seed, size):
    return mutate.mutate(program(seed, size // 2), random.Random(seed))


def run_invalid(seed, ccs, work, size):
    """A broken program: every plugin must answer without crash or hang."""
    src = mutant(seed, size)
    path = os.path.join(work, "m%d.c" % seed)
    with open(path, "w") as f:
        f.write(src)
    try:
        for cc in ccs:
            if cc.is_ref:
                continue
            for opt in ("-O0", "-O2"):
                status, out = compile_(cc.argv + [opt, "-w", "-c", path, "-o", path + ".o"], 60)
                if status is None:
                    return seed, False, "%s %s: compiler hang" % (cc.name, opt), [], src
                if crashed(status, out):
                    return seed, False, "%s %s: compiler crashed (status %d):\n%s" % (
                        cc.name, opt, status, out.decode(errors="replace")[-3000:]), [], src
        return seed, True, "", [], src
    finally:
        for f in (path, path + ".o"):
            if os.path.exists(f):
                os.unlink(f)
