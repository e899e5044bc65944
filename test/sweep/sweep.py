#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""sweep.py - the warning sweep: is the plugins' expansion warning-free under
every warning option the compiler has?  (docs/TESTING.md, "test/sweep/").

Each program (every test/run/*.c and test/sweep/Inputs/*.c) is compiled
twice with every warning the compiler has turned on at once:

  plugin build    the plugin compiler (--plugin-cc), as a user builds;
  baseline build  the same program without the plugin:
                  - Clang, when --reference is the same Clang major as the
                    plugin's: clang-22 -fdefer-ts -fexceptions (the native
                    TS implementation), or the erased twin below for a
                    program the reference cannot compile (its known crashes);
                  - otherwise (GCC, other Clang majors): the *erased twin*,
                    the same compiler with `_Defer` defined as nothing, so
                    that every deferred statement is plain code at the place
                    of its defer, plus what the plugin itself changes on
                    purpose (-fexceptions, __STDC_DEFER_TS25755__).

A warning is a (file, line, column, option) tuple -- the option in brackets,
or the message for a warning without one.  Any warning of the plugin build
that the baseline build does not have is the plugin's doing: a failure,
unless it is one of the plugins' own catalogue warnings (W1..W3,
docs/DIAGNOSTICS.md) or is listed in known.txt.  Warnings only the baseline
has are fine (the erased twin runs deferred code early, which some
flow-sensitive warnings notice).

A (program, -std) pair is skipped when the baseline build fails (e.g. a C23
construct at -std=c99, or a program that tests __CDEFER__ itself); it is a
failure when only the plugin build fails.

By default (the lit test) every program runs at -std=c2x and, in rotation,
at one of c99/c11/c17, so every -std sees a third of the corpus, and the
Inputs/ programs also go through the -E pipeline (below).  With
CDEFER_SWEEP=full (or --full) every program runs at every -std, and each
program also goes through the -E pipeline (preprocess with the plugin, then
compile the .i with it; ccache/distcc), compared line-wise with the
baseline's own -E pipeline.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STDS = ("c99", "c11", "c17", "c2x")
COMPILE_TIMEOUT = 300

# The plugins' own warnings (docs/DIAGNOSTICS.md): the plugin build has them
# by design.
CATALOGUE = (
    re.compile(r"^empty deferred statement has no effect$"),
    re.compile(r"^defer statement as the body of '(if|else|for|while|do|switch)' forms its own block: "
               r"its deferred statement runs immediately$"),
    re.compile(r"^'recover\(\)' outside a deferred statement always returns NULL$"),
)

# GCC: options of `gcc --help=warnings` that take a value.  A level takes the
# level that warns most; a size threshold is left out (any number is
# arbitrary, and the lowering changes frame and object sizes by design).
GCC_LEVELS = {"strict-aliasing": "1"}  # 1 is the most aggressive level
GCC_CHOICES = {"normalized": "nfkc", "bidi-chars": "any"}
GCC_EXCLUDED = {
    "-Werror": "turns warnings into errors",
    "-Wfatal-errors": "stops at the first error",
    "-Wsystem-headers": "makes the C library's own headers the subject",
    "-Wabi": "C++ ABI versions",  # -Wabi= takes a C++ ABI version
}


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=COMPILE_TIMEOUT, **kw)


def gcc_flags(cc):
    """Every warning option GCC lists that means something in C."""
    text = run([cc, "--help=warnings"]).stdout.decode(errors="replace")
    flags, seen = [], set()
    for line in text.splitlines():
        m = re.match(r"^  (-W[A-Za-z0-9+_-]*[A-Za-z0-9+_])(=\S*|<\S*|-)?(?:\s|$)", line)
        if not m:
            continue
        name, suffix = m.group(1), m.group(2) or ""
        base = name[2:]
        if name in GCC_EXCLUDED or suffix == "-":  # -Wlarger-than- is an alias
            continue
        if base.startswith("no-") or base.startswith("error"):
            continue  # -Wno-frame-larger-than, -Werror-implicit-function-declaration
        if suffix.startswith("<"):  # -Wformat-overflow<0,2>: the plain form
            suffix = ""
        if suffix.startswith("="):
            value = suffix[1:]
            lv = re.match(r"^<(\d+),(\d+)>$", value)
            if lv:
                flag = "%s=%s" % (name, GCC_LEVELS.get(base, lv.group(2)))
            elif base in GCC_CHOICES:
                flag = "%s=%s" % (name, GCC_CHOICES[base])
            elif value.startswith("<") or value.startswith("[") or not value:
                continue  # a size threshold, a C++ choice or a version
            else:
                flag = name + suffix  # -Wshadow=local, -Wsuggest-attribute=pure
        else:
            flag = name
        if flag not in seen:
            seen.add(flag)
            flags.append(flag)
    # Drop what this GCC says is not for C (C++, Fortran, ...), no longer
    # supported, or unknown to the compiler proper.
    for _ in range(10):
        p = run([cc, "-x", "c", "-fsyntax-only", "/dev/null"] + flags,
                env=dict(os.environ, LC_ALL="C"))
        out = p.stdout.decode(errors="replace")
        bad = set(re.findall(r"option '(-W[^']*)' is valid for .* but not for C", out))
        bad |= set(re.findall(r"switch '(-W[^']*)' is no longer supported", out))
        bad |= set(re.findall(r"unrecognized command[- ]line option '(-W[^']*)'", out))
        # GCC names -Wcatch-value as -Wcatch-value=1: compare the names only.
        # (-Wc++0x-compat reports the -Wc++11-compat it implies.)
        bad_names = {b.split("=")[0] for b in bad}
        kept = [f for f in flags if f.split("=")[0] not in bad_names]
        if kept == flags:
            if p.returncode != 0:
                sys.exit("sweep: %s rejects the warning options:\n%s" % (cc, out))
            return flags
        flags = kept
    sys.exit("sweep: could not settle GCC's warning options")


def directives(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    found = {}
    for m in re.finditer(r"//\s*(CFLAGS|ONLY|MIN-GCC|REFERENCE-WRONG|NO-REFERENCE):(.*)", text):
        found.setdefault(m.group(1), []).append(m.group(2).strip())
    found["text"] = text
    return found


WARN = re.compile(r"^(?P<file>[^:\s][^:]*?):(?:(?P<line>\d+):(?:(?P<col>\d+):)?)? ?warning: "
                  r"(?P<msg>.*?)(?: \[(?P<opt>-W[^\]]+)\])?$")


def warnings(output, linewise=False):
    """{key: line} of the warnings in a compiler's output."""
    found = {}
    for line in output.splitlines():
        m = WARN.match(line)
        if not m:
            continue
        f = m.group("file")
        if os.path.isabs(f) or "/" in f:
            f = os.path.relpath(os.path.realpath(f), ROOT) if os.path.exists(f) else f
        col = None if linewise else m.group("col")
        what = m.group("opt") or m.group("msg")
        found.setdefault((f, m.group("line"), col, what), line)
    return found


def catalogued(line):
    m = WARN.match(line)
    return bool(m and not m.group("opt") and any(c.match(m.group("msg")) for c in CATALOGUE))


def load_known(path, compiler, major):
    known = []
    if not os.path.exists(path):
        return known
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            who, pattern = line.split(None, 1)
            if who in (compiler, "%s-%s" % (compiler, major), "both"):
                known.append([re.compile(pattern), "%s:%d" % (os.path.basename(path), n), 0])
    return known


class Sweep:
    def __init__(self, a):
        self.a = a
        self.plugin_cc = shlex.split(a.plugin_cc)
        self.cc = self.plugin_cc[0]
        self.inc = a.include
        self.failures = []
        self.compiles = 0
        self.skipped = []
        self.known = load_known(a.known, a.compiler, self.major(self.cc))
        if a.compiler == "gcc":
            self.flags = gcc_flags(self.cc)
        else:
            self.flags = ["-Weverything"]
        self.native = a.compiler == "clang" and a.reference and \
            self.major(a.reference) == self.major(self.cc)
        self.version = self.plugin_macro()

    @staticmethod
    def major(cc):
        out = run([cc, "-dumpversion"]).stdout.decode().strip()
        return out.split(".")[0]

    def plugin_macro(self):
        p = subprocess.run(self.plugin_cc + ["-E", "-P", "-x", "c", "-"], input=b"__CDEFER__\n",
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=COMPILE_TIMEOUT)
        return p.stdout.decode().strip()

    def erased(self, d):
        cmd = [self.cc, "-I" + self.inc, "-fexceptions", "-D_Defer=",
               "-D__STDC_DEFER_TS25755__=1", "-DCDEFER_RESULT_IGNORE"]
        if "__CDEFER__" in d["text"]:  # the program tests the macro itself
            cmd.append("-D__CDEFER__=" + self.version)
        return cmd

    def reference(self):
        return [self.a.reference, "-fdefer-ts", "-fexceptions", "-fno-crash-diagnostics",
                "-I" + self.inc, "-DCDEFER_RESULT_IGNORE"]

    def compile(self, base, src, std, extra, pipeline, tmp):
        """(ok, output) of one build; with pipeline, -E first, then the .i."""
        common = self.flags + ["-std=" + std, "-O2", "-fdiagnostics-color=never"] + extra
        self.compiles += 1
        if not pipeline:
            p = run(base + common + ["-c", src, "-o", "/dev/null"])
            return p.returncode == 0, p.stdout.decode(errors="replace")
        i = tmp + ".i"
        p = run(base + common + ["-E", src, "-o", i])
        if p.returncode != 0:
            return False, p.stdout.decode(errors="replace")
        q = run(base + common + ["-c", i, "-o", "/dev/null"])
        return q.returncode == 0, p.stdout.decode(errors="replace") + q.stdout.decode(errors="replace")

    def check(self, src, std, pipeline=False):
        d = directives(src)
        only = {o.split()[0] for o in d.get("ONLY", []) if o.split()}
        if only and self.a.compiler not in only:
            return
        for m in d.get("MIN-GCC", []):
            n = m.split()[0]
            if self.a.compiler == "gcc" and n.isdigit() and int(self.major(self.cc)) < int(n):
                return
        if pipeline and self.a.compiler == "clang" and \
                not re.search(r"#\s*include\s*<(stddefer|cdefer)\.h>", d["text"]):
            return  # Clang: -E defines _Defer only through the header (DESIGN-clang.md)
        extra = shlex.split(" ".join(d.get("CFLAGS", [])))
        extra = [e for e in extra if not e.startswith("-W")]  # -Wno-error and the like
        name = os.path.relpath(src, ROOT)
        what = "%s -std=%s%s" % (name, std, " (-E pipeline)" if pipeline else "")
        tmp = os.path.join(self.a.tmp, os.path.basename(src) + "." + std)
        ok, out = self.compile(self.plugin_cc, src, std, extra, pipeline, tmp + ".plugin")
        base_ok, base_out, how = False, "", ""
        # clang-22 is the baseline except where it is known wrong on the
        # program (REFERENCE-WRONG: some of those crash it, e.g. computed
        # gotos in deferred statements with -fexceptions) or has no result
        # for it (NO-REFERENCE: it never finishes compiling one of them).
        if self.native and not d.get("REFERENCE-WRONG") and not d.get("NO-REFERENCE"):
            base_ok, base_out = self.compile(self.reference(), src, std, extra, pipeline, tmp + ".ref")
            how = "clang-22 -fdefer-ts"
        if not base_ok:
            base_ok, base_out = self.compile(self.erased(d), src, std, extra, pipeline, tmp + ".twin")
            how = "erased twin"
        if not base_ok:
            self.skipped.append(what)
            return
        if not ok:
            self.failures.append("%s: the plugin build fails where the baseline (%s) compiles:\n%s"
                                 % (what, how, out[:4000]))
            return
        mine, theirs = warnings(out, pipeline), warnings(base_out, pipeline)
        extra_w = []
        for key, line in mine.items():
            if key in theirs or catalogued(line):
                continue
            hit = next((k for k in self.known if k[0].search(line)), None)
            if hit:
                hit[2] += 1
                continue
            extra_w.append(line)
        if extra_w:
            self.failures.append("%s: warnings only the plugin build has (baseline: %s):\n  %s"
                                 % (what, how, "\n  ".join(extra_w)))

    def main(self, programs):
        full = self.a.full
        for i, src in enumerate(programs):
            if self.a.std:
                stds = [self.a.std]
            elif full:
                stds = list(STDS)
            else:
                stds = ["c2x", STDS[i % 3]]
            for std in stds:
                self.check(src, std)
            if full or self.a.pipeline or src.startswith(HERE + os.sep):
                self.check(src, stds[-1] if self.a.std else "c2x", pipeline=True)
        for pattern, where, hits in self.known:
            # A known warning that a whole default run no longer shows is fixed.
            if hits == 0 and not self.a.std and not self.a.programs:
                self.failures.append("%s: known warning '%s' no longer seen: remove the entry"
                                     % (where, pattern.pattern))
        for f in self.failures:
            print("FAIL: " + f)
        print("sweep (%s, %s, baseline %s): %d programs, %d compiles, %d skipped, %d known, %d failures"
              % (self.a.compiler, self.cc, "clang-22 -fdefer-ts" if self.native else "erased twin",
                 len(programs), self.compiles, len(self.skipped),
                 sum(k[2] for k in self.known), len(self.failures)))
        if self.a.verbose:
            for s in self.skipped:
                print("skipped (the baseline cannot compile it): " + s)
            if self.a.compiler == "gcc":
                print("GCC warning options: " + " ".join(self.flags))
        return 1 if self.failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--compiler", choices=("gcc", "clang"), required=True)
    ap.add_argument("--plugin-cc", required=True, help="the plugin compiler command (lit's %%cc)")
    ap.add_argument("--include", default=os.path.join(ROOT, "runtime", "include"))
    ap.add_argument("--reference", default="", help="clang-22 for the native baseline")
    ap.add_argument("--known", default=os.path.join(HERE, "known.txt"))
    ap.add_argument("--tmp", default="/tmp")
    ap.add_argument("--full", action="store_true", default=os.environ.get("CDEFER_SWEEP") == "full")
    ap.add_argument("--pipeline", action="store_true", help="also the -E pipeline (with --full: always)")
    ap.add_argument("--std", help="only this -std")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("programs", nargs="*", help="default: test/run/*.c and test/sweep/Inputs/*.c")
    a = ap.parse_args()
    os.makedirs(a.tmp, exist_ok=True)
    programs = a.programs
    if not programs:
        for d in (os.path.join(ROOT, "test", "run"), os.path.join(HERE, "Inputs")):
            programs += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".c"))
    os.environ["LC_ALL"] = "C"
    return Sweep(a).main(programs)


if __name__ == "__main__":
    sys.exit(main())
