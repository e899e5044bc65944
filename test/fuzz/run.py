#!/usr/bin/env python3
"""Differential testing of random defer programs (test/fuzz/gen.py).

    run.py [--seed S] [--keep DIR] [--build BUILD] N

Generates N programs (seeds S .. S+N-1) and compiles each with every
compiler that is present, at -O0 and -O2:

    gcc   -fplugin=BUILD/cdefer-gcc.so
    clang -fplugin=BUILD/cdefer-clang.so      (the Clang the build used)
    clang-22 -fdefer-ts -std=c2y              (the reference; without
                                              -fexceptions, with which it
                                              crashes on about a third of
                                              these programs: see
                                              docs/RELIABILITY.md)

Every compile and run has a time limit and an output cap.  A case passes
when every compiler compiles it without crashing and every binary prints
the same output and exits 0.  Known reference bugs are not failures of
ours and are counted apart:
  - the reference returns a struct modified by a defer (NRVO): programs
    with a struct result are not compared with the reference;
  - the reference crashes (a compiler crash of clang-22 itself).
A crash, hang or mismatch of a plugin is a failure; the program is kept
in --keep DIR (default build/fuzz-failures) for minimising.
Ends with "N passed, N failed"."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CRASH = re.compile(rb"internal compiler error|Segmentation fault|PLEASE submit|Stack dump")


def compilers(build):
    inc = os.path.join(ROOT, "runtime", "include")
    out = []
    gcc_so = os.path.join(build, "cdefer-gcc.so")
    if os.path.exists(gcc_so):
        out.append(("gcc", ["gcc", "-fplugin=" + gcc_so, "-I" + inc], False))
    clang_so = os.path.join(build, "cdefer-clang.so")
    clang = None
    cache = os.path.join(build, "CMakeCache.txt")
    if os.path.exists(cache):
        m = re.search(r"^Clang_DIR:PATH=(.*)/lib/cmake/clang$", open(cache).read(), re.M)
        if m:
            clang = os.path.join(m.group(1), "bin", "clang")
    if os.path.exists(clang_so) and clang and os.path.exists(clang):
        out.append(("clang", [clang, "-fplugin=" + clang_so, "-I" + inc], False))
    ref = shutil.which("clang-22")
    if ref:
        out.append(("reference", [ref, "-fdefer-ts", "-std=c2y", "-I" + inc], True))
    return out


def run_case(seed, ccs, work, size):
    src = os.path.join(work, "p%d.c" % seed)
    prog = subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(seed),
                           "--size", str(size)], stdout=subprocess.PIPE, check=True).stdout
    with open(src, "wb") as f:
        f.write(prog)
    struct_result = b"(struct-result)" in prog.split(b"\n", 1)[0]
    outputs = {}
    notes = []
    for name, cc, is_ref in ccs:
        if is_ref and struct_result:
            notes.append("reference skipped: struct result (known NRVO bug)")
            continue
        for opt in ("-O0", "-O2"):
            exe = os.path.join(work, "p%d-%s%s" % (seed, name, opt))
            try:
                c = subprocess.run(cc + [opt, "-w", src, "-o", exe], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, timeout=120)
            except subprocess.TimeoutExpired:
                return False, "%s %s: compiler hang" % (name, opt), notes
            if c.returncode != 0:
                if is_ref and (CRASH.search(c.stdout) or c.returncode < 0):
                    notes.append("reference crashed at %s (known clang-22 bug)" % opt)
                    continue
                return False, "%s %s: compile failed:\n%s" % (
                    name, opt, c.stdout.decode(errors="replace")[:3000]), notes
            try:
                r = subprocess.run([sys.executable, os.path.join(ROOT, "test", "lit",
                                                                 "run_capped.py"),
                                    "--timeout", "10", "--cap", "1000000", exe],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            except subprocess.TimeoutExpired:
                return False, "%s %s: run hang" % (name, opt), notes
            if r.returncode != 0:
                return False, "%s %s: exit status %d\n%s" % (
                    name, opt, r.returncode, r.stderr.decode(errors="replace")[:2000]), notes
            outputs["%s %s" % (name, opt)] = r.stdout
    if len(set(outputs.values())) > 1:
        first = next(iter(outputs))
        diff = [k for k, v in outputs.items() if v != outputs[first]]
        return False, "output mismatch: %s differ from %s" % (", ".join(diff), first), notes
    return True, "", notes


def run_invalid(seed, ccs, work, size):
    """A broken program: every plugin must answer without crash or hang."""
    src = os.path.join(work, "p%d.c" % seed)
    prog = subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(seed),
                           "--size", str(size // 2)], stdout=subprocess.PIPE, check=True).stdout
    broken = subprocess.run([sys.executable, os.path.join(HERE, "mutate.py"), str(seed)],
                            input=prog, stdout=subprocess.PIPE, check=True).stdout
    with open(src, "wb") as f:
        f.write(broken)
    for name, cc, is_ref in ccs:
        if is_ref:
            continue
        for opt in ("-O0", "-O2"):
            try:
                c = subprocess.run(cc + [opt, "-w", "-c", src, "-o", src + ".o"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   timeout=60)
            except subprocess.TimeoutExpired:
                return False, "%s %s: compiler hang" % (name, opt), []
            if c.returncode < 0 or c.returncode > 1 or CRASH.search(c.stdout):
                return False, "%s %s: compiler crashed (status %d):\n%s" % (
                    name, opt, c.returncode, c.stdout.decode(errors="replace")[-3000:]), []
    return True, "", []


def write_json(path, results):
    """lit's JSON result shape, so that test/lit/summary.py adds them up."""
    import json
    with open(path, "w") as f:
        json.dump({"__version__": [0, 0, 0], "elapsed": 0,
                   "tests": [{"name": n, "code": c, "output": o, "elapsed": 0}
                             for n, c, o in results]}, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=40)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--keep", default=None)
    ap.add_argument("--kind", choices=("valid", "invalid", "both"), default="both")
    ap.add_argument("--json", default=None, help="also write lit-style JSON results here")
    a = ap.parse_args()
    keep = a.keep or os.path.join(a.build, "fuzz-failures")
    ccs = compilers(a.build)
    if len([c for c in ccs if not c[2]]) == 0:
        print("fuzz: no plugin built in %s" % a.build)
        print("0 passed, 1 failed")
        return 1
    print("fuzz: compilers: " + ", ".join(c[0] for c in ccs))
    passed = failed = ref_crash = ref_struct = 0
    results = []
    kinds = ("valid", "invalid") if a.kind == "both" else (a.kind,)
    with tempfile.TemporaryDirectory() as work:
        for kind in kinds:
            for seed in range(a.seed, a.seed + a.n):
                fn = run_case if kind == "valid" else run_invalid
                ok, why, notes = fn(seed, ccs, work, a.size)
                ref_crash += any("crashed" in n for n in notes)
                ref_struct += any("struct" in n for n in notes)
                name = "fuzz :: %s/seed-%d" % (kind, seed)
                if ok:
                    passed += 1
                    results.append((name, "PASS", ""))
                else:
                    failed += 1
                    os.makedirs(keep, exist_ok=True)
                    shutil.copy(os.path.join(work, "p%d.c" % seed),
                                os.path.join(keep, "%s-%d.c" % (kind, seed)))
                    print("FAIL %s seed %d: %s" % (kind, seed, why))
                    results.append((name, "FAIL", why))
                for f in os.listdir(work):
                    os.unlink(os.path.join(work, f))
    if a.json:
        write_json(a.json, results)
    print("fuzz: reference crashed on %d programs, not compared with it on %d "
          "(struct results)" % (ref_crash, ref_struct))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
