# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Shared helpers of the fuzz driver (test/fuzz/run.py): which compilers
are present, compiling with a time limit, running a program with a time
limit and an output cap.

A compiler is a Compiler(name, argv, is_ref, plain, off): argv compiles with
cdefer (or natively for the reference), plain is the same compiler without
the plugin, off is argv with the plugin's unwind=off option (docs/USER-GUIDE.md,
section 6)."""
import collections
import os
import re
import resource
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CRASH = re.compile(rb"internal compiler error|Segmentation fault|PLEASE submit|Stack dump")

Compiler = collections.namedtuple("Compiler", "name argv is_ref plain off")


def build_clang(build):
    """The Clang the Clang plugin was built for (CMakeCache's Clang_DIR)."""
    cache = os.path.join(build, "CMakeCache.txt")
    if os.path.exists(cache):
        m = re.search(r"^Clang_DIR:PATH=(.*)/lib/cmake/clang$", open(cache).read(), re.M)
        if m:
            clang = os.path.join(m.group(1), "bin", "clang")
            if os.path.exists(clang):
                return clang
    return None


def compilers(build):
    inc = "-I" + os.path.join(ROOT, "runtime", "include")
    out = []
    # GCC reads -fplugin-arg-NAME-KEY only for a plugin file named NAME.so.
    gcc_so = os.path.join(build, "gcc", "cdefer.so")
    if not os.path.exists(gcc_so):
        gcc_so = os.path.join(build, "cdefer-gcc.so")
    if os.path.exists(gcc_so):
        argv = ["gcc", "-fplugin=" + gcc_so, inc]
        out.append(Compiler("gcc", argv, False, ["gcc"],
                            argv + ["-fplugin-arg-cdefer-gcc-unwind=off"]))
    clang_so = os.path.join(build, "cdefer-clang.so")
    clang = build_clang(build)
    if os.path.exists(clang_so) and clang:
        argv = [clang, "-fplugin=" + clang_so, inc]
        out.append(Compiler("clang", argv, False, [clang],
                            argv + ["-Xclang", "-plugin-arg-cdefer", "-Xclang", "unwind=off"]))
    ref = shutil.which("clang-22")
    if ref:
        # Without lifetime markers: with them (-O1 and up, sanitizers) the
        # end of a variable's lifetime inside a deferred statement overwrites
        # clang-22's cleanup destination when the defer is left by a jump
        # (docs/RELIABILITY.md).
        out.append(Compiler("reference", [ref, "-fdefer-ts", "-std=c2y", "-Xclang",
                                          "-disable-lifetime-markers", inc], True, [ref], None))
    return out


def compile_(argv, timeout=120):
    """(status, output); status None for a hang."""
    try:
        c = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b""
    return c.returncode, c.stdout[-20000:]


def crashed(status, output):
    return status is None or status < 0 or status > 1 or bool(CRASH.search(output))


def _limit(cap):
    def f():
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return f


def run_exe(exe, work, timeout=10, cap=1 << 20):
    """Runs exe with stdout into a file capped at cap bytes (a bigger write
    kills it with SIGXFSZ).  Returns (status, stdout, stderr); status is
    'timeout' when it ran past timeout seconds, else the exit status
    (negative for a signal)."""
    out = exe + ".stdout"
    err = exe + ".stderr"
    try:
        with open(out, "wb") as fo, open(err, "wb") as fe:
            try:
                p = subprocess.run([exe], stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                                   cwd=work, timeout=timeout, preexec_fn=_limit(cap))
                status = p.returncode
            except subprocess.TimeoutExpired:
                status = "timeout"
        with open(out, "rb") as f:
            so = f.read()
        with open(err, "rb") as f:
            se = f.read(4000)
        return status, so, se
    finally:
        for f in (out, err):
            if os.path.exists(f):
                os.unlink(f)
