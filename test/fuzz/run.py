#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Differential testing of random defer programs, crash-freedom on broken
ones, and defer-free code unchanged by the plugins (docs/RELIABILITY.md).

    run.py [--seed S] [-j N] [--kind K] [--csmith M] [--csmith-opts O]
           [--batch B] [--keep DIR] [--build BUILD] [--json F] N

Cases, seeds S .. S+N-1 for each kind (test/fuzz/cases.py, csmith_case.py):
  valid    gen.py programs compiled at -O0 and -O2 by
             gcc   -fplugin=BUILD/gcc/cdefer.so
             clang -fplugin=BUILD/cdefer-clang.so   (the Clang the build used)
             clang-22 -fdefer-ts -std=c2y           (the reference, without
               -Xclang -disable-lifetime-markers     -fexceptions: it crashes
                                                     with it; without lifetime
                                                     markers: its bug A,
                                                     RELIABILITY.md)
           and run: every output must be the same.  B programs (default 25)
           share one translation unit; a failing batch is narrowed to seeds.
  invalid  mutate.py mutants compiled by each plugin at -O0 and -O2: exit
           status 0 or 1, no crash text, no signal, no hang.
  csmith   M Csmith programs (default 10; seeds S .. S+M-1): with and
           without a plugin loaded with unwind=off, identical object files;
           with unwinding on, identical output.  Programs that run too long
           even without the plugin are skipped and counted apart.
--kind valid|invalid|csmith|both|all (default both = valid and invalid, plus
the M csmith cases).  Known reference bugs are counted apart, not as
failures: programs with a struct result are not compared with the
reference (NRVO bug); a reference crash is noted; on a program with a defer
within a deferred statement, the reference alone differing from the
plugins' builds, which all agree, is printed (REFERENCE ...) and counted
apart (its bug B).  A failing program is
kept in --keep DIR (default BUILD/fuzz-failures) for test/fuzz/reduce.sh.
Ends with "N passed, N failed"."""
import argparse
import concurrent.futures
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases            # noqa: E402
import csmith_case      # noqa: E402
from common import ROOT, compilers   # noqa: E402


def task(kind, seeds, ccs, size, batch, csmith_opts=()):
    """Runs one unit of work in its own directory; a list of results
    (kind, seed, ok, why, notes, source)."""
    with tempfile.TemporaryDirectory(prefix="cdefer-fuzz-") as work:
        if kind == "valid":
            res = []
            for i in range(0, len(seeds), batch):
                part = seeds[i:i + batch]
                if len(part) == 1:
                    res.append(cases.run_valid(part[0], ccs, work, size))
                else:
                    res += cases.run_valid_batch(part, ccs, work, size)
        elif kind == "invalid":
            res = [cases.run_invalid(s, ccs, work, size) for s in seeds]
        else:
            res = [csmith_case.run_csmith(s, ccs, work, csmith_opts) for s in seeds]
    return [(kind,) + r for r in res]


def plan(a):
    kinds = {"both": ("valid", "invalid"), "all": ("valid", "invalid", "csmith")}.get(
        a.kind, (a.kind,))
    units = []
    for kind in ("valid", "invalid"):
        if kind in kinds:
            step = a.batch if kind == "valid" else 20
            for s in range(a.seed, a.seed + a.n, step):
                units.append((kind, list(range(s, min(s + step, a.seed + a.n)))))
    m = a.n if a.kind == "csmith" else a.csmith
    if a.kind in ("both", "all", "csmith") and m:
        if csmith_case.available():
            units += [("csmith", [s]) for s in range(a.seed, a.seed + m)]
        else:
            print("fuzz: csmith or /usr/include/csmith missing: no csmith cases "
                  "(apt-get install csmith libcsmith-dev)")
    return units


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=40)
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=25, help="valid programs per translation unit")
    ap.add_argument("--csmith", type=int, default=10, help="csmith cases (kind both/all)")
    ap.add_argument("--csmith-opts", default="",
                    help="options for csmith, e.g. '--max-funcs 4 --max-block-depth 3'")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--keep", default=None)
    ap.add_argument("--kind", choices=("valid", "invalid", "csmith", "both", "all"),
                    default="both")
    ap.add_argument("--json", default=None, help="also write lit-style JSON results here")
    a = ap.parse_args()
    if a.kind == "all":
        a.csmith = a.n
    keep = a.keep or os.path.join(a.build, "fuzz-failures")
    ccs = compilers(a.build)
    if not [c for c in ccs if not c.is_ref]:
        print("fuzz: no plugin built in %s" % a.build)
        print("0 passed, 1 failed")
        return 1
    print("fuzz: compilers: " + ", ".join(c.name for c in ccs), flush=True)
    units = plan(a)
    total = sum(len(u[1]) for u in units)
    t0 = time.time()
    counts = {"passed": 0, "failed": 0, "skipped": 0, "ref_crash": 0, "ref_struct": 0,
              "ref_alone": 0}
    per_kind = {}
    results = []

    def record(kind, seed, ok, why, notes, src):
        counts["ref_crash"] += any("crashed" in n for n in notes)
        counts["ref_struct"] += any("struct" in n for n in notes)
        for n in notes:
            if "within a deferred" in n:
                counts["ref_alone"] += 1
                print("REFERENCE %s seed %d: %s" % (kind, seed, n), flush=True)
                break
        k = per_kind.setdefault(kind, [0, 0, 0])
        name = "fuzz :: %s/seed-%d" % (kind, seed)
        if ok:
            counts["passed"] += 1
            k[0] += 1
            results.append((name, "PASS", ""))
        elif ok is None:
            counts["skipped"] += 1
            k[2] += 1
            results.append((name, "UNSUPPORTED", why))
        else:
            counts["failed"] += 1
            k[1] += 1
            os.makedirs(keep, exist_ok=True)
            with open(os.path.join(keep, "%s-%d.c" % (kind, seed)), "w") as f:
                f.write(src)
            print("FAIL %s seed %d: %s" % (kind, seed, why), flush=True)
            results.append((name, "FAIL", why))
        done = counts["passed"] + counts["failed"] + counts["skipped"]
        if total >= 1000 and done % 500 == 0:
            print("fuzz: %d/%d done, %d failed, %.0f s" % (done, total, counts["failed"],
                                                          time.time() - t0), flush=True)

    if a.jobs <= 1:
        for kind, seeds in units:
            for r in task(kind, seeds, ccs, a.size, a.batch, a.csmith_opts.split()):
                record(*r)
    else:
        with concurrent.futures.ProcessPoolExecutor(a.jobs) as pool:
            futs = [pool.submit(task, kind, seeds, ccs, a.size, a.batch, a.csmith_opts.split())
                    for kind, seeds in units]
            for f in concurrent.futures.as_completed(futs):
                for r in f.result():
                    record(*r)
    if a.json:
        results.sort()
        with open(a.json, "w") as f:   # lit's JSON shape, for test/lit/summary.py
            json.dump({"__version__": [0, 0, 0], "elapsed": time.time() - t0,
                       "tests": [{"name": n, "code": c, "output": o, "elapsed": 0}
                                 for n, c, o in results]}, f)
    for kind, (p, fl, sk) in sorted(per_kind.items()):
        print("fuzz: %s: %d passed, %d failed%s" % (kind, p, fl,
                                                    ", %d skipped (run too long without "
                                                    "the plugin)" % sk if sk else ""))
    print("fuzz: reference crashed on %d programs, not compared with it on %d "
          "(struct results), alone in differing on %d (a defer within a deferred "
          "statement); %.0f s" % (counts["ref_crash"], counts["ref_struct"],
                                  counts["ref_alone"], time.time() - t0))
    print("%d passed, %d failed" % (counts["passed"], counts["failed"]))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
