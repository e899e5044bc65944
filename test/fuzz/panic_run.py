#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Differential testing of random panic/recover programs (panic_gen.py)
with two oracles (docs/RELIABILITY.md, "Panic and recover").

    panic_run.py [--seed S] [-j N] [--batch B] [--also BUILD2 ...] [--no-go]
                 [--build BUILD] [--keep DIR] [--json F] [--time-limit T] N

Seeds S .. S+N-1, B programs (default 25) per translation unit.
  Oracle A: each batch is compiled by every plugin (GCC + BUILD/gcc/cdefer.so,
            the Clang of BUILD + BUILD/cdefer-clang.so, and those of each
            --also build tree, e.g. a matrix build) at -O0, -O1, -O2, -O3,
            -Os and -O2 -flto, linked with BUILD/libcdefer.a, and run:
            every program's trace, the batch's exit status and, for a last
            program that lets its panic escape, the report's `panic:` and
            `at` lines must be the same in every build.
  Oracle B: the programs that have a Go version (`(go)`) are built once
            per batch with `go build` and run; their traces, exit status and
            `panic:` lines must be those of the C builds.
A batch that fails is narrowed down by building and running each program
alone.  A failing program is kept in --keep DIR (default
BUILD/fuzz-failures/panic-SEED.c, with .go) for test/fuzz/reduce.sh or
reduction by hand.  Ends with "N passed, N failed"."""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import panic_gen                              # noqa: E402
from common import ROOT, compile_, compilers, run_exe   # noqa: E402

OPTS = (("-O0",), ("-O1",), ("-O2",), ("-O3",), ("-Os",), ("-O2", "-flto"))
REPORT = re.compile(rb"^(\t?panic: .*|\tat .*)$", re.M)


def plugin_compilers(builds):
    """(label, argv, libcdefer.a) of every plugin in the build trees."""
    out = []
    for i, b in enumerate(builds):
        lib = os.path.join(b, "libcdefer.a")
        for cc in compilers(b):
            if cc.is_ref:
                continue
            name = cc.name if i == 0 else "%s(%s)" % (cc.name, os.path.basename(b))
            out.append((name, cc.argv, lib))
    return out


def report(stderr, go=False):
    """The lines of a panic report that every build must agree on (Go has
    no `at` line)."""
    lines = REPORT.findall(stderr)
    if go:
        lines = [l for l in lines if not l.startswith(b"\tat ")]
    return b"\n".join(lines)


def sections(out, seeds):
    """{seed: trace}; a seed whose section is missing maps to None."""
    res = dict.fromkeys(seeds)
    chunks = out.split(panic_gen.SEP.encode())
    for c in chunks[1:]:
        head, _, body = c.partition(b"\n")
        try:
            s = int(head)
        except ValueError:
            continue
        if s in res and res[s] is None:
            res[s] = body
    return res


def run_build(argv, src, lib, exe, work):
    """(error or None, status, stdout, stderr) of compiling and running."""
    st, out = compile_(argv + [src, lib, "-pthread", "-o", exe], timeout=300)
    if st is None:
        return "compiler hang", None, b"", b""
    if st != 0:
        return "compile failed (status %d):\n%s" % (st, out.decode(errors="replace")[-3000:]), \
            None, b"", b""
    status, so, se = run_exe(exe, work, timeout=20, cap=16 << 20)
    os.unlink(exe)
    return None, status, so, se


def outcome(seeds, status, so, se, go=False):
    """{seed: what must agree}: the trace, and for the batch's last program
    the exit status and the report."""
    sec = sections(so, seeds)
    last = seeds[-1]
    if sec[last] is not None:
        sec[last] += b"\n== exit %s\n%s" % (str(status).encode(), report(se, go))
    return sec


def check(seeds, ccs, work, go_cache, use_go, bare_last=True):
    """Builds and runs one batch (or one program); a list of (seed, ok, why).
    bare_last: the last program lets its panic escape if its seed says so."""
    stem = os.path.join(work, "b%d" % seeds[0])
    src = stem + ".c"
    with open(src, "w") as f:
        f.write(panic_gen.c_batch(seeds, bare_last))
    results = {}       # label -> {seed: outcome}
    errors = []
    for name, argv, lib in ccs:
        for opt in OPTS:
            label = "%s %s" % (name, " ".join(opt))
            err, st, so, se = run_build(argv + list(opt) + ["-w"], src, lib, stem + ".exe", work)
            if err:
                errors.append("%s: %s" % (label, err))
                continue
            if st == "timeout":
                errors.append("%s: run hang (over 20 s)" % label)
            elif not isinstance(st, int) or st < 0 or st not in (0, 2):
                errors.append("%s: exit status %s\n%s" % (label, st,
                                                          se.decode(errors="replace")[:1500]))
            results[label] = outcome(seeds, st, so, se)
    gos = [s for s in seeds if panic_gen.program(s)[1] is not None]
    if use_go and gos:
        gsrc = stem + ".go"
        with open(gsrc, "w") as f:
            f.write(panic_gen.go_batch(seeds, bare_last))
        env = dict(os.environ, GOCACHE=go_cache, GO111MODULE="off", GOFLAGS="")
        b = subprocess.run(["go", "build", "-o", stem + ".goexe", gsrc], cwd=work, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=300)
        if b.returncode != 0:
            errors.append("go build failed:\n%s" % b.stdout.decode(errors="replace")[-3000:])
        else:
            st, so, se = run_exe(stem + ".goexe", work, timeout=20, cap=16 << 20)
            os.unlink(stem + ".goexe")
            go_out = outcome(gos, st, so, se, go=True)
    out = []
    c_labels = list(results)
    for s in seeds:
        why = []
        vals = {l: results[l][s] for l in c_labels}
        first = c_labels[0] if c_labels else None
        if first is not None:
            groups = {}
            for l in c_labels:
                groups.setdefault(vals[l], []).append(l)
            if len(groups) > 1:
                why.append("oracle A: %s" % " | ".join(
                    ", ".join(g) for g in sorted(groups.values(), key=len, reverse=True)))
            elif vals[first] is None:
                why.append("no output in any build")
        if use_go and s in gos and not errors and first is not None and not why:
            mine, theirs = vals[first], go_out[s]
            if s == seeds[-1]:
                # Both end with the exit status and the report; Go has no
                # `at` line.
                mine = mine and b"\n".join(l for l in mine.split(b"\n")
                                           if not l.startswith(b"\tat "))
            elif theirs is not None:
                theirs = theirs.split(b"\n== exit ")[0]
            if theirs != mine:
                why.append("oracle B: Go differs from %s" % first)
        if errors:
            why = errors[:1] + why
        out.append((s, not why, "; ".join(why)))
    return out


def narrowed(seeds, ccs, work, go_cache, use_go, bare_last=True):
    """Results of a batch; from its first failing program on, that program
    alone (wrapped as in the batch) and the rest as a batch again: a
    program that ends the batch's run early takes no other with it."""
    res = check(seeds, ccs, work, go_cache, use_go, bare_last)
    bad = [i for i, (_, ok, _) in enumerate(res) if not ok]
    if len(seeds) == 1 or not bad:
        return res
    i = bad[0]
    s = seeds[i]
    alone = check([s], ccs, work, go_cache, use_go, bare_last and i == len(seeds) - 1)[0]
    if alone[1]:
        alone = (s, False, "fails in batch %d..%d (%s), passes alone" % (
            seeds[0], seeds[-1], res[i][2].split("\n")[0]))
    rest = narrowed(seeds[i + 1:], ccs, work, go_cache, use_go, bare_last) \
        if i + 1 < len(seeds) else []
    return res[:i] + [alone] + rest


def task(seeds, ccs, go_cache, use_go):
    with tempfile.TemporaryDirectory(prefix="cdefer-pfuzz-") as work:
        return narrowed(seeds, ccs, work, go_cache, use_go)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--also", action="append", default=[],
                    help="another build tree whose plugins join oracle A (a matrix build)")
    ap.add_argument("--no-go", action="store_true", help="oracle A only")
    ap.add_argument("--keep", default=None)
    ap.add_argument("--json", default=None, help="also write lit-style JSON results here")
    ap.add_argument("--time-limit", type=float, default=None,
                    help="start no batch after this many seconds (a large run's window)")
    a = ap.parse_args()
    # go build wants an absolute GOCACHE (BUILD/go-cache): with a relative
    # --build every batch with a Go version failed.
    a.build = os.path.abspath(a.build)
    keep = a.keep or os.path.join(a.build, "fuzz-failures")
    ccs = plugin_compilers([a.build] + a.also)
    if not ccs or not os.path.exists(os.path.join(a.build, "libcdefer.a")):
        print("panic fuzz: no plugin or no libcdefer.a in %s" % a.build)
        print("0 passed, 1 failed")
        return 1
    use_go = not a.no_go and shutil.which("go") is not None
    if not a.no_go and not use_go:
        print("panic fuzz: go not found (apt-get install golang-go): oracle B off")
    go_cache = os.path.join(a.build, "go-cache")
    print("panic fuzz: %s; %s; Go %s" % (", ".join(c[0] for c in ccs),
                                         " ".join(" ".join(o) for o in OPTS),
                                         "on" if use_go else "off"), flush=True)
    seeds = list(range(a.seed, a.seed + a.n))
    units = [seeds[i:i + a.batch] for i in range(0, len(seeds), a.batch)]
    t0 = time.time()
    counts = {"passed": 0, "failed": 0}
    results = []

    def record(s, ok, why):
        counts["passed" if ok else "failed"] += 1
        results.append(("fuzz :: panic/seed-%d" % s, "PASS" if ok else "FAIL", why))
        if not ok:
            os.makedirs(keep, exist_ok=True)
            c, g = panic_gen.program(s)
            with open(os.path.join(keep, "panic-%d.c" % s), "w") as f:
                f.write(panic_gen.c_batch([s]))
            if g:
                with open(os.path.join(keep, "panic-%d.go" % s), "w") as f:
                    f.write(panic_gen.go_batch([s]))
            print("FAIL panic seed %d: %s" % (s, why.split("\n")[0]), flush=True)
        done = counts["passed"] + counts["failed"]
        if a.n >= 1000 and done % 500 == 0:
            print("panic fuzz: %d/%d done, %d failed, %.0f s" % (
                done, a.n, counts["failed"], time.time() - t0), flush=True)

    if a.jobs <= 1:
        for u in units:
            if a.time_limit and time.time() - t0 > a.time_limit:
                break
            for r in task(u, ccs, go_cache, use_go):
                record(*r)
            print("panic fuzz: seeds %d..%d done, %d passed, %d failed, %.0f s" % (
                u[0], u[-1], counts["passed"], counts["failed"], time.time() - t0), flush=True)
    else:
        with concurrent.futures.ProcessPoolExecutor(a.jobs) as pool:
            futs = [pool.submit(task, u, ccs, go_cache, use_go) for u in units]
            for f in concurrent.futures.as_completed(futs):
                for r in f.result():
                    record(*r)
    if a.json:
        results.sort()
        with open(a.json, "w") as f:   # lit's JSON shape, for test/lit/summary.py
            json.dump({"__version__": [0, 0, 0], "elapsed": time.time() - t0,
                       "tests": [{"name": n, "code": c, "output": o, "elapsed": 0}
                                 for n, c, o in results]}, f)
    ran = counts["passed"] + counts["failed"]
    ngo = sum(panic_gen.program(s)[1] is not None for s in seeds[:ran])
    if ran < a.n:
        print("panic fuzz: time limit: %d of the %d programs run (seeds %d..%d)" % (
            ran, a.n, a.seed, a.seed + ran - 1))
    print("panic fuzz: %d programs (%d with a Go version%s), %d builds each; %.0f s" % (
        ran, ngo, "" if use_go else ", not run", len(ccs) * len(OPTS), time.time() - t0))
    print("%d passed, %d failed" % (counts["passed"], counts["failed"]))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
