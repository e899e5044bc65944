#!/usr/bin/env python3
# bench/cross_ratio.py - the defer / hand-written goto instruction ratio on
# each cross target (issue 16), by static instruction counts: owns the table
# of docs/PERFORMANCE.md section "Cross targets: defer / goto instructions"
# (that section's text is by hand).  callgrind does not run under
# qemu-user, so the run-time benchmark functions (bench/src/v_defer.c and
# v_goto.c: counter_add, process3) and the code-shape ones
# (shapes_defer.c / shapes_goto.c: sum_open, nested3, transfer) are built
# at -O2 for each target and their instructions counted from
# `TRIPLE-objdump -d`; not part of bench/run.sh.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""bench/cross_ratio.py - defer / goto instructions per cross target.

  bench/cross_ratio.py [--targets all|native|T1,T2] [--json FILE]

For each target (the six of test/cross.sh, and x86-64 natively), each
plugin and unwinding off and on, builds with -O2 -ffunction-sections -c:

  goto    v_goto.c, shapes_goto.c, the same compiler without the plugin
          (unwinding on: with -fexceptions, as bench/run.sh's part 2)
  defer   v_defer.c, shapes_defer.c with the plugin (unwind=off, or its
          default: on)

and counts each function's instructions in `objdump -d --no-show-raw-insn`
(GCC's f.cold part counted with f; -ffunction-sections so that no
alignment padding between functions is counted).  The counts are static:
with unwinding on they include the landing pads, which the normal path
never executes (bench/run.sh's part 1 measures executed instructions
natively: the same as goto on the normal path).  Prints a Markdown table:
per function "defer/goto", and the ratio of the sums for the two
benchmark functions and for all five.

GCC: TRIPLE-gcc-12 with build/cross/TRIPLE/gcc/cdefer.so (test/cross.sh
builds it), natively gcc with build/gcc/cdefer.so.  Clang: the default
build's Clang (build/CMakeCache.txt) and build/cdefer-clang.so with
--target=TRIPLE.  Run from the top of the tree after those builds.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(TOP, "bench", "src")
TARGETS = ["aarch64-linux-gnu", "arm-linux-gnueabihf", "s390x-linux-gnu",
           "riscv64-linux-gnu", "i686-linux-gnu", "powerpc64le-linux-gnu"]
BENCH_FUNCS = ["counter_add", "process3"]
SHAPE_FUNCS = ["sum_open", "nested3", "transfer"]
FUNCS = BENCH_FUNCS + SHAPE_FUNCS
TIMEOUT = 300


def cache_value(key):
    try:
        with open(os.path.join(TOP, "build", "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


def host_clang():
    d = cache_value("Clang_DIR")
    if d.endswith("/lib/cmake/clang"):
        c = d[:-len("/lib/cmake/clang")] + "/bin/clang"
        if os.path.exists(c):
            return c
    return shutil.which("clang-22") or ""


def run(cmd):
    p = subprocess.run(["nice", "-n", "10"] + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode(errors="replace")


def count(objdump, obj):
    """Instructions per function (f.cold, f.part.N counted with f)."""
    rc, out = run([objdump, "-d", "--no-show-raw-insn", obj])
    if rc:
        raise RuntimeError("objdump failed: " + out[:500])
    n, cur, last = {}, None, None
    for line in out.splitlines():
        m = re.match(r"^[0-9a-f]+ <([^>]+)>:$", line)
        if m:
            # riscv64 objects keep local labels (.L3, .LEHB0) as symbols,
            # which objdump shows as headers inside a function
            if m.group(1).startswith(".L"):
                cur = last
            else:
                cur = last = m.group(1).split(".")[0]
            continue
        if not line.strip():
            cur = None
            continue
        # an instruction: "  addr:<tab>mnemonic ..." (not a "..." gap line)
        if cur and re.match(r"^\s*[0-9a-f]+:\s+\S", line):
            n[cur] = n.get(cur, 0) + 1
    return n


def toolchains(triple):
    """[(plugin name, compiler words, plugin flags on, off)] for TRIPLE
    ('' natively), and the objdump to use."""
    out = []
    if triple:
        gcc, so = triple + "-gcc-12", os.path.join(TOP, "build", "cross", triple, "gcc", "cdefer.so")
        objdump = triple + "-objdump"
    else:
        gcc, so = "gcc", os.path.join(TOP, "build", "gcc", "cdefer.so")
        objdump = "objdump"
    if shutil.which(gcc) and os.path.exists(so):
        out.append(("GCC plugin", [gcc], ["-fplugin=" + so],
                    ["-fplugin=" + so, "-fplugin-arg-cdefer-gcc-unwind=off"]))
    clang, cso = host_clang(), os.path.join(TOP, "build", "cdefer-clang.so")
    if clang and os.path.exists(cso):
        cc = [clang] + (["--target=" + triple] if triple else [])
        out.append(("Clang plugin", cc, ["-fplugin=" + cso],
                    ["-fplugin=" + cso, "-Xclang", "-plugin-arg-cdefer", "-Xclang", "unwind=off"]))
    return out, objdump


def measure(triple, work):
    tcs, objdump = toolchains(triple)
    rows = []
    if not shutil.which(objdump):
        return [{"target": triple or "x86_64 (native)", "error": objdump + " missing"}]
    inc = ["-I" + SRC, "-I" + os.path.join(TOP, "runtime", "include")]
    for name, cc, on, off in tcs:
        for unwind, pflags, gflags in (("off", off, []), ("on", on, ["-fexceptions"])):
            counts = {}
            for kind, flags, srcs in (("goto", gflags, ["v_goto.c", "shapes_goto.c"]),
                                      ("defer", pflags, ["v_defer.c", "shapes_defer.c"])):
                n = {}
                for s in srcs:
                    obj = os.path.join(work, "%s_%s_%s_%s_%s.o" % (
                        triple or "native", name.split()[0], unwind, kind, s[:-2]))
                    rc, out = run(cc + flags + inc + ["-O2", "-ffunction-sections", "-c",
                                                      os.path.join(SRC, s), "-o", obj])
                    if rc:
                        raise RuntimeError("%s: compile failed:\n%s" % (" ".join(cc + flags), out[:2000]))
                    n.update(count(objdump, obj))
                counts[kind] = {f: n.get(f, 0) for f in FUNCS}
            rows.append({"target": triple or "x86_64 (native)", "plugin": name, "unwind": unwind,
                         "goto": counts["goto"], "defer": counts["defer"]})
    return rows


def ratio(row, funcs):
    g = sum(row["goto"][f] for f in funcs)
    d = sum(row["defer"][f] for f in funcs)
    return "%.3f" % (d / g) if g else "-"


def table(rows):
    lines = ["| target | plugin | unwind | " + " | ".join("`%s`" % f for f in FUNCS) +
             " | ratio, benchmark functions | ratio, all five |",
             "|---|---|---|" + "---:|" * (len(FUNCS) + 2)]
    for r in rows:
        if "error" in r:
            lines.append("| %s | %s |" % (r["target"], r["error"]))
            continue
        cells = ["%d/%d" % (r["defer"][f], r["goto"][f]) for f in FUNCS]
        lines.append("| %s | %s | %s | %s | %s | %s |" % (
            r["target"], r["plugin"], r["unwind"], " | ".join(cells),
            ratio(r, BENCH_FUNCS), ratio(r, FUNCS)))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--targets", default="all",
                    help="all (native and the six), native, or a comma list of triples")
    ap.add_argument("--json", help="also write the counts to this file")
    ap.add_argument("--work", default=os.path.join(TOP, "build", "cross_ratio"))
    a = ap.parse_args()
    if a.targets == "all":
        targets = [""] + TARGETS
    elif a.targets == "native":
        targets = [""]
    else:
        targets = ["" if t.strip() == "native" else t.strip()
                   for t in a.targets.split(",") if t.strip()]
    os.makedirs(a.work, exist_ok=True)
    rows = []
    for t in targets:
        try:
            rows += measure(t, a.work)
        except (RuntimeError, subprocess.SubprocessError, OSError) as e:
            rows.append({"target": t or "x86_64 (native)", "error": str(e).splitlines()[0]})
    print(table(rows))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 1 if any("error" in r for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
