# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The "csmith" fuzz case (test/fuzz/run.py): defer-free code is unchanged
by the plugins (issue 7, item 4).

For a Csmith program (Debian's csmith; headers from libcsmith-dev in
/usr/include/csmith) and each plugin's compiler, at -O2:
  - without the plugin, and with it loaded with unwind=off: the two object
    files must be byte-identical (same source path, so even the symbol
    table must match; on a difference the `objdump -d -s` lines that differ
    are reported);
  - with the plugin at its default (unwinding on, hence -fexceptions):
    the linked program must print the same checksum as the program built
    without the plugin.
A program whose build without the plugin runs past the time limit is
skipped (counted apart, never as passed); Csmith programs may loop long."""
import os
import shutil
import subprocess

from common import compile_, run_exe

CSMITH_INC = "/usr/include/csmith"
# Csmith programs either end within milliseconds or loop for minutes.
RUN_TIMEOUT = 2


def available():
    return bool(shutil.which("csmith")) and os.path.exists(
        os.path.join(CSMITH_INC, "csmith.h"))


def csmith_source(seed, path, opts=()):
    # In the work directory: csmith writes a platform.info there.
    r = subprocess.run(["csmith", "--seed", str(seed)] + list(opts) + ["-o", path],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60,
                       cwd=os.path.dirname(path))
    if r.returncode != 0:
        raise RuntimeError("csmith --seed %d failed: %s" % (seed, r.stdout[-500:]))


def objdump_diff(a, b):
    def dump(o):
        r = subprocess.run(["objdump", "-d", "-s", "-r", o], stdout=subprocess.PIPE,
                           timeout=120)
        return r.stdout.decode(errors="replace").split("\n")[2:]   # no file name
    da, db = dump(a), dump(b)
    diff = [("- " + x, "+ " + y) for x, y in zip(da, db) if x != y][:6]
    if len(da) != len(db):
        diff.append(("%d lines" % len(da), "%d lines" % len(db)))
    return "\n".join("%s\n%s" % d for d in diff)


def run_csmith(seed, ccs, work, csmith_opts=()):
    """Returns (seed, ok, why, notes, source); ok None for a skip."""
    src = os.path.join(work, "csmith%d.c" % seed)
    csmith_source(seed, src, csmith_opts)
    with open(src) as f:
        text = f.read()
    flags = ["-O2", "-w", "-I" + CSMITH_INC]
    notes = []

    def build(cc, v, argv):
        # The same output name in separate directories: nothing in the
        # object file may depend on the variant.
        d = os.path.join(work, "%s-%s" % (cc.name, v))
        os.makedirs(d, exist_ok=True)
        obj = os.path.join(d, "c.o")
        status, out = compile_(argv + flags + ["-c", src, "-o", obj], 300)
        if status != 0:
            return None, "%s %s: compile %s:\n%s" % (
                cc.name, v, "hang" if status is None else "failed (%d)" % status,
                out.decode(errors="replace")[-2000:])
        return obj, None

    def run(cc, v, obj):
        exe = obj[:-2]
        status, out = compile_(cc.plain + [obj, "-o", exe], 120)
        if status != 0:
            return None, "%s %s: link failed:\n%s" % (cc.name, v,
                                                     out.decode(errors="replace")[-2000:])
        st, so, _ = run_exe(exe, work, RUN_TIMEOUT)
        return (st, so), None

    try:
        for cc in ccs:
            if cc.is_ref:
                continue
            objs, outs = {}, {}
            # Without the plugin first: a program that runs too long is
            # skipped before anything else is spent on it.
            for v, argv in (("plain", cc.plain), ("off", cc.off), ("on", cc.argv)):
                objs[v], why = build(cc, v, argv)
                if why:
                    return seed, False, why, notes, text
                if v == "plain":
                    outs[v], why = run(cc, v, objs[v])
                    if why:
                        return seed, False, why, notes, text
                    if outs[v][0] == "timeout":
                        return seed, None, "runs past %d s without the plugin (%s)" % (
                            RUN_TIMEOUT, cc.name), notes, text
            with open(objs["plain"], "rb") as fa, open(objs["off"], "rb") as fb:
                if fa.read() != fb.read():
                    return seed, False, "%s: object code differs with unwind=off:\n%s" % (
                        cc.name, objdump_diff(objs["plain"], objs["off"])), notes, text
            outs["on"], why = run(cc, "on", objs["on"])
            if why:
                return seed, False, why, notes, text
            if outs["on"][0] == "timeout":
                return seed, False, "%s: runs past %d s with the plugin only" % (
                    cc.name, RUN_TIMEOUT), notes, text
            if outs["plain"] != outs["on"]:
                return seed, False, "%s: output differs with unwinding on: %r / %r" % (
                    cc.name, outs["plain"][1][-200:], outs["on"][1][-200:]), notes, text
        return seed, True, "", notes, text
    finally:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work, exist_ok=True)
