#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Minimises a failing fuzz case with C-Vise (Debian's cvise).

    reduce.py [--kind valid|invalid] [--ref-differs] [--grep TEXT] [--build B]
              [--dir D] [--no-run] [--jobs N] SEED

Writes into D (default BUILD/reduce-KIND-SEED):
  prog.c          the program of that seed, alone (gen.py for valid, the
                  mutate.py mutant for invalid), as run.py builds it;
  interesting.sh  C-Vise's interestingness test, with every compiler path
                  written out, exit status 0 when the file still fails:
    valid    every compiler compiles it at -O0 and -O2 without a warning
             that marks undefined behaviour (UB_WARNINGS), every binary
             exits 0 within 10 s, it is free of undefined behaviour under
             the reference's UBSan, and the outputs are not all the same
             (the reference left out for a struct-result program); with
             --ref-differs, the plugins' outputs are all the same and the
             reference's differ;
    invalid  a plugin crashes or hangs on it (as run.py judges it);
    --grep   (an artificial failure, to try the machinery) GCC + plugin at
             -O0 compiles it and the program's output has a line TEXT;
and runs `cvise --n N interesting.sh prog.c` (N = --jobs, default 2) (prog.c is reduced in place,
prog.c.orig keeps the original) unless --no-run.  Then look at prog.c, and
add it to test/run/ with the output the spec requires if it is ours."""
import argparse
import os
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases                       # noqa: E402
from common import ROOT, compilers  # noqa: E402

HEAD = """#!/usr/bin/env bash
# C-Vise interestingness test written by test/fuzz/reduce.py (%s, seed %d).
# Exit status 0: prog.c still shows the failure.
set -u
ulimit -f 4096 -c 0
"""


def q(argv):
    return " ".join(shlex.quote(a) for a in argv)


# Warnings that mark undefined behaviour a reduction can wander into and
# UBSan does not see (a printf argument dropped, a variable left
# uninitialized, a function without its return).
UB_WARNINGS = ["-Werror=format", "-Werror=uninitialized", "-Werror=return-type",
               "-Werror=implicit-function-declaration", "-Werror=implicit-int"]


def script_valid(ccs, struct, ref_differs=False):
    s = ["n=0"]
    for cc in ccs:
        if cc.is_ref and struct:
            continue
        kind = "r" if cc.is_ref else "p"
        for opt in ("-O0", "-O2"):
            s.append("n=$((n + 1))")
            s.append("timeout 60 %s %s %s prog.c -o exe$n >/dev/null 2>&1 || exit 1" % (
                q(cc.argv), opt, q(UB_WARNINGS)))
            s.append("timeout 10 ./exe$n > out%s$n 2>/dev/null || exit 1" % kind)
    ref = [c for c in ccs if c.is_ref]
    if ref:
        s.append("timeout 60 %s -O0 -fsanitize=undefined -fno-sanitize-recover=all -w "
                 "prog.c -o ubsan >/dev/null 2>&1 || exit 1" % q(ref[0].argv))
        s.append("timeout 10 ./ubsan >/dev/null 2>&1 || exit 1")
    if ref_differs:
        # The plugins agree and the reference does not.
        s.append('[ "$(md5sum outp* | cut -d" " -f1 | sort -u | wc -l)" -eq 1 ] || exit 1')
    s.append('[ "$(md5sum out* | cut -d" " -f1 | sort -u | wc -l)" -gt 1 ]')
    return "\n".join(s) + "\n"


def script_invalid(ccs):
    s = []
    for cc in ccs:
        if cc.is_ref:
            continue
        for opt in ("-O0", "-O2"):
            s.append("timeout 60 %s %s -w -c prog.c -o prog.o > log 2>&1; st=$?" % (
                q(cc.argv), opt))
            s.append("[ $st -gt 1 ] && exit 0")
            s.append("grep -qE 'internal compiler error|Segmentation fault|PLEASE submit|"
                     "Stack dump' log && exit 0")
    s.append("exit 1")
    return "\n".join(s) + "\n"


def script_grep(ccs, text):
    gcc = [c for c in ccs if not c.is_ref][0]
    return ("timeout 60 %s -O0 -w prog.c -o exe >/dev/null 2>&1 || exit 1\n"
            "timeout 10 ./exe 2>/dev/null | grep -qxF -- %s\n" % (q(gcc.argv), shlex.quote(text)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("seed", type=int)
    ap.add_argument("--kind", choices=("valid", "invalid"), default="valid")
    ap.add_argument("--size", type=int, default=40)
    ap.add_argument("--grep", default=None)
    ap.add_argument("--ref-differs", action="store_true",
                    help="valid: interesting only while the plugins agree and the "
                         "reference does not")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--dir", default=None)
    ap.add_argument("--no-run", action="store_true")
    ap.add_argument("--jobs", default="2", help="cvise --n")
    a = ap.parse_args()
    d = a.dir or os.path.join(a.build, "reduce-%s-%d" % (a.kind, a.seed))
    os.makedirs(d, exist_ok=True)
    ccs = compilers(a.build)
    if a.kind == "valid":
        src = cases.program(a.seed, a.size)
    else:
        src = cases.mutant(a.seed, a.size)
    with open(os.path.join(d, "prog.c"), "w") as f:
        f.write(src)
    if a.grep is not None:
        body = script_grep(ccs, a.grep)
    elif a.kind == "valid":
        body = script_valid(ccs, cases.struct_result(src), a.ref_differs)
    else:
        body = script_invalid(ccs)
    test = os.path.join(d, "interesting.sh")
    with open(test, "w") as f:
        f.write(HEAD % (a.kind, a.seed) + body)
    os.chmod(test, 0o755)
    print("reduce: %s and %s written" % (os.path.join(d, "prog.c"), test))
    if subprocess.run([test], cwd=d, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode != 0:
        print("reduce: prog.c is not interesting (the failure does not reproduce)")
        return 1
    if a.no_run:
        return 0
    r = subprocess.run(["nice", "-n", "10", "cvise", "--n", a.jobs, "--timeout", "120",
                        "interesting.sh", "prog.c"], cwd=d)
    if r.returncode == 0:
        print("reduce: reduced program in %s (%d bytes, was %d)" % (
            os.path.join(d, "prog.c"), os.path.getsize(os.path.join(d, "prog.c")), len(src)))
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
