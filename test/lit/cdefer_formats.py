# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""LIT test formats for cdefer: one source file, one test per compiler variant.

RunCorpus (test/run/): each NAME.c is a plain C program whose exact stdout is
NAME.out (and whose exit status is 0 unless it says `// EXIT: N`).  It is
compiled and run once per variant:

    gcc-O0 gcc-O2 gcc-O2-nounwind        GCC + cdefer-gcc.so
    clang-O0 clang-O2 clang-O2-nounwind  Clang + cdefer-clang.so
    reference                            clang-22 -fdefer-ts -std=c2y -fexceptions

Directives, in `//` comments anywhere in the program:
    // CFLAGS: ...            extra compile/link flags for every variant
    // ONLY: gcc | clang      only that compiler's variants (reason after it);
                              the reference runs only where the TS allows it
    // NO-REFERENCE: why      the program uses something the TS does not have
    // REFERENCE-WRONG: why   clang-22 is known to get this program wrong
                              (expected to fail there: XFAIL; passing is XPASS)
    // EXIT: N                expected exit status
    // MIN-GCC: N why         needs GCC N or later (UNSUPPORTED, with the
                              reason, on an older GCC of the matrix)
    // NEEDS-UNWIND: why      deferred code must run during unwinding
                              (pthread_exit, pthread_cancel): the -nounwind
                              variants, which turn unwinding off, skip it
    // REQUIRES: f1, f2       lit features every variant needs (threads,
                              signal-unwind: what qemu-user cannot run for
                              some targets, test/lit/cross.py); where one
                              is missing, UNSUPPORTED with its name

VariantShTest (test/diag/, test/runtime/): ordinary RUN lines, run once per
plugin with %cc (the plugin compiler command), %cc-name (gcc or clang) and
%prefixes (CHECK,GCC or CHECK,CLANG for FileCheck --check-prefixes),
%flto (-flto, plus what the target's Clang LTO link needs: cross.py), and
the plugin's options %dump and %unwind-off, spelled for that plugin;
%analyze (the compiler's static analyzer: Clang --analyze, GCC
-fanalyzer), %check-diags (FileCheck of this file with %prefixes, no other error,
warning or note, no crash) and %no-crash-checks (the crash messages that
no FileCheck of a compile may pass over).
`// ONLY: gcc` limits a file to one plugin.  `// NO-PLUGIN: why` makes a
file one test, variant `plain`, that runs whether or not a plugin was built
(its RUN lines name their compilers themselves; %cc is not available).

A variant whose compiler or a REQUIRES feature is missing is UNSUPPORTED
(skipped, and counted so);
a variant a directive rules out (ONLY, NO-REFERENCE, NEEDS-UNWIND) is not a
test at all.
"""
import os
import re
import shlex
import subprocess

import lit.formats
import lit.Test
import lit.TestRunner


class Toolchains:
    def __init__(self, include_dir, obj_root, gcc, gcc_plugin, clang, clang_plugin,
                 reference, run, gcc_major=0, clang_target="", clang_lto=""):
        self.include_dir = include_dir
        self.obj_root = obj_root
        self.gcc = gcc
        self.gcc_plugin = gcc_plugin
        self.clang = clang
        self.clang_plugin = clang_plugin
        self.reference = reference
        self.run = run
        self.gcc_major = gcc_major
        # --target=TRIPLE for a cross build's Clang variants (test/lit/cross.py)
        self.clang_target = clang_target
        # what a Clang -flto link needs besides -flto (cross.Target.clang_lto_flags)
        self.clang_lto = clang_lto

    def gcc_cc(self):
        if not self.gcc:
            return ""
        return "%s -fplugin=%s -I%s" % (self.gcc, self.gcc_plugin, self.include_dir)

    def clang_cc(self):
        if not self.clang:
            return ""
        return " ".join(w for w in (self.clang, self.clang_target, "-fplugin=" + self.clang_plugin,
                                    "-I" + self.include_dir) if w)

    def reference_cc(self):
        if not self.reference:
            return ""
        # No crash reproducers in /tmp for the reference's known crashes.
        return " ".join(w for w in (
            self.reference, self.clang_target, "-fdefer-ts -std=c2y -fexceptions",
            "-fno-crash-diagnostics", "-I" + self.include_dir) if w)

    def cc(self, name):
        return {"gcc": self.gcc_cc, "clang": self.clang_cc,
                "reference": self.reference_cc}[name]()


class VariantTest(lit.Test.Test):
    """A test named SUITE/dir/file.c/VARIANT whose source is dir/file.c."""

    def __init__(self, suite, path_in_suite, config, variant):
        super().__init__(suite, path_in_suite + (variant,), config)
        self.variant = variant
        self._src = suite.getSourcePath(path_in_suite)
        self._exec = suite.getExecPath(path_in_suite) + "." + variant

    def getSourcePath(self):
        return self._src

    def getExecPath(self):
        return self._exec


def _directives(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    found = {}
    for m in re.finditer(r"//\s*(CFLAGS|ONLY|NO-REFERENCE|REFERENCE-WRONG|EXIT|NEEDS-UNWIND|NO-PLUGIN|MIN-GCC|REQUIRES):(.*)", text):
        found.setdefault(m.group(1), []).append(m.group(2).strip())
    return found


def _too_old_gcc(directives, tc):
    """The MIN-GCC reason when the GCC under test is older, else None."""
    for d in directives.get("MIN-GCC", []):
        parts = d.split(None, 1)
        if parts and parts[0].isdigit() and tc.gcc_major and tc.gcc_major < int(parts[0]):
            return "needs GCC %s or later: %s" % (parts[0], parts[1] if len(parts) > 1 else "")
    return None


def _missing_features(directives, config):
    """The features a run program's `// REQUIRES: a, b (why)` names that
    the configuration lacks (test/lit/cross.py: what qemu-user cannot run)."""
    want = [w.strip() for d in directives.get("REQUIRES", [])
            for w in d.split("(")[0].split(",") if w.strip()]
    return [w for w in want if w not in config.available_features]


def _only(directives):
    """The set of compilers a file is limited to, or None."""
    if "ONLY" not in directives:
        return None
    return {d.split()[0] for d in directives["ONLY"] if d.split()}


class _VariantFormat(lit.formats.TestFormat):
    def variants(self):
        raise NotImplementedError

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        source_path = testSuite.getSourcePath(path_in_suite)
        for filename in sorted(os.listdir(source_path)):
            if filename.startswith(".") or filename in localConfig.excludes:
                continue
            filepath = os.path.join(source_path, filename)
            if os.path.isdir(filepath):
                continue
            if os.path.splitext(filename)[1] not in localConfig.suffixes:
                continue
            for variant in self.variants_of(filepath):
                yield VariantTest(testSuite, path_in_suite + (filename,), localConfig,
                                  variant)

    def variants_of(self, filepath):
        return self.variants()


class VariantShTest(_VariantFormat):
    """RUN lines executed once per plugin."""

    def variants(self):
        return ("gcc", "clang")

    def variants_of(self, filepath):
        d = _directives(filepath)
        if "NO-PLUGIN" in d:
            return ("plain",)
        only = _only(d)
        return tuple(v for v in self.variants() if only is None or v in only)

    def execute(self, test, litConfig):
        if test.variant == "plain":
            return lit.TestRunner.executeShTest(test, litConfig, False, extra_substitutions=[
                ("%cc-name", "plain"), ("%cc", "false"), ("%prefixes", "CHECK")])
        tc = test.config.cdefer
        cc = tc.cc(test.variant)
        if not cc:
            return lit.Test.Result(lit.Test.UNSUPPORTED,
                                   "cdefer-%s.so not built or compiler missing" % test.variant)
        d = _directives(test.getSourcePath())
        only = _only(d)
        if only is not None and test.variant not in only:
            return lit.Test.Result(lit.Test.UNSUPPORTED, "file is limited to %s" % sorted(only))
        old_gcc = _too_old_gcc(d, tc) if test.variant == "gcc" else None
        if old_gcc:
            return lit.Test.Result(lit.Test.UNSUPPORTED, old_gcc)
        subs = [("%check-diags", CHECK_DIAGS), ("%no-crash-checks", NO_CRASH_CHECKS),
                ("%cc-name", test.variant),
                ("%cc", cc),
                ("%flto", " ".join(w for w in ("-flto", tc.clang_lto if test.variant == "clang" else "") if w)),
                ("%prefixes", "CHECK," + test.variant.upper()),
                ("%dump", PLUGIN_ARG[test.variant] % "dump"),
                ("%unwind-off", PLUGIN_ARG[test.variant] % "unwind=off"),
                ("%analyze", ANALYZE[test.variant])]
        return lit.TestRunner.executeShTest(test, litConfig, False, extra_substitutions=subs)


# What a crashing compiler prints: no FileCheck of a compile's output may
# pass over one (%no-crash-checks).
NO_CRASH_CHECKS = ('--implicit-check-not="internal compiler error" '
                   '--implicit-check-not="Segmentation fault" '
                   '--implicit-check-not="PLEASE submit" --implicit-check-not="Stack dump"')
# %check-diags: FileCheck this file's CHECK and plugin lines against the
# diagnostics on stdin, and allow no other error, warning or note.
CHECK_DIAGS = ("%FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s "
               "--implicit-check-not=error: --implicit-check-not=warning: "
               "--implicit-check-not=note: " + NO_CRASH_CHECKS)

# The compiler's static analyzer, its warnings one line each and no notes
# (%analyze): Clang's `--analyze`, GCC's `-fanalyzer`.
ANALYZE = {"gcc": "-fanalyzer -fdiagnostics-plain-output -fdiagnostics-path-format=none -c -o /dev/null",
           "clang": "--analyze -fno-caret-diagnostics -o /dev/null"}

# How each plugin takes an option of common/names.def (%dump, %unwind-off).
PLUGIN_ARG = {"gcc": "-fplugin-arg-cdefer-gcc-%s",
              "clang": "-Xclang -plugin-arg-cdefer -Xclang %s"}


RUN_VARIANTS = (
    ("gcc-O0", "gcc", "-O0 -g"),
    ("gcc-O2", "gcc", "-O2"),
    ("gcc-O2-nounwind", "gcc", "-O2 -fplugin-arg-cdefer-gcc-unwind=off"),
    ("clang-O0", "clang", "-O0 -g"),
    ("clang-O2", "clang", "-O2"),
    ("clang-O2-nounwind", "clang", "-O2 -Xclang -plugin-arg-cdefer -Xclang unwind=off"),
    ("reference", "reference", "-O0 -g"),
)

COMPILE_TIMEOUT = 120
RUN_TIMEOUT = 10
OUTPUT_CAP = 1 << 20


class RunCorpus(_VariantFormat):
    """Compile, run, compare stdout with NAME.out and the exit status."""

    def variants(self):
        return tuple(v[0] for v in RUN_VARIANTS)

    def variants_of(self, filepath):
        # A variant a directive rules out is no test at all, so that
        # "skipped" in the summary only ever means a missing compiler.
        d = _directives(filepath)
        only = _only(d)
        out = []
        for name, compiler, _ in RUN_VARIANTS:
            if compiler == "reference" and "NO-REFERENCE" in d:
                continue
            if only is not None and compiler != "reference" and compiler not in only:
                continue
            if "NEEDS-UNWIND" in d and name.endswith("-nounwind"):
                continue
            out.append(name)
        return tuple(out)

    def execute(self, test, litConfig):
        name, compiler, flags = next(v for v in RUN_VARIANTS if v[0] == test.variant)
        tc = test.config.cdefer
        cc = tc.cc(compiler)
        if not cc:
            return lit.Test.Result(lit.Test.UNSUPPORTED, "%s not available" % compiler)
        src = test.getSourcePath()
        d = _directives(src)
        only = _only(d)
        if compiler == "reference" and "NO-REFERENCE" in d:
            return lit.Test.Result(lit.Test.UNSUPPORTED,
                                   "not a TS program: " + "; ".join(d["NO-REFERENCE"]))
        if only is not None and compiler != "reference" and compiler not in only:
            return lit.Test.Result(lit.Test.UNSUPPORTED, "file is limited to %s" % sorted(only))
        old_gcc = _too_old_gcc(d, tc) if compiler == "gcc" else None
        if old_gcc:
            return lit.Test.Result(lit.Test.UNSUPPORTED, old_gcc)
        missing = _missing_features(d, test.config)
        if missing:
            return lit.Test.Result(lit.Test.UNSUPPORTED, "missing feature(s): " + ", ".join(missing))
        ref_wrong = compiler == "reference" and "REFERENCE-WRONG" in d
        expected_path = os.path.splitext(src)[0] + ".out"
        if not os.path.exists(expected_path):
            return lit.Test.Result(lit.Test.UNRESOLVED, "missing " + expected_path)
        with open(expected_path, "rb") as f:
            expected = f.read()
        want_rc = int(d.get("EXIT", ["0"])[0].split()[0])
        exe = test.getExecPath() + ".exe"
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        cmd = (shlex.split(cc) + ["-Wall", "-Wextra", "-Werror"] + shlex.split(flags) +
               [src, "-o", exe] + shlex.split(" ".join(d.get("CFLAGS", []))))
        log = "$ " + " ".join(shlex.quote(c) for c in cmd) + "\n"
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=COMPILE_TIMEOUT)
        except subprocess.TimeoutExpired:
            return self._result(ref_wrong, d, log + "compiler timed out\n")
        log += p.stdout.decode(errors="replace")[:20000]
        if p.returncode != 0:
            return self._result(ref_wrong, d, log + "compile failed (%d)\n" % p.returncode)
        run = shlex.split(tc.run) + ["--timeout", str(RUN_TIMEOUT), "--cap", str(OUTPUT_CAP), exe]
        try:
            r = subprocess.run(run, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=RUN_TIMEOUT + 30)
        except subprocess.TimeoutExpired:
            return self._result(ref_wrong, d, log + "program timed out\n")
        problems = []
        if r.stdout != expected:
            problems.append("stdout differs from %s\n--- expected\n%s--- got\n%s" % (
                os.path.basename(expected_path), expected.decode(errors="replace"),
                r.stdout.decode(errors="replace")[:20000]))
        if r.returncode != want_rc:
            problems.append("exit status %d, expected %d" % (r.returncode, want_rc))
        if r.stderr:
            log += "--- stderr\n" + r.stderr.decode(errors="replace")[:20000]
        if problems:
            return self._result(ref_wrong, d, log + "\n".join(problems) + "\n")
        if ref_wrong:
            return lit.Test.Result(lit.Test.XPASS, log + "clang-22 now gets this right: "
                                   "drop REFERENCE-WRONG\n")
        return lit.Test.Result(lit.Test.PASS, log)

    @staticmethod
    def _result(ref_wrong, d, log):
        if ref_wrong:
            return lit.Test.Result(lit.Test.XFAIL, log + "known reference bug: " +
                                   "; ".join(d["REFERENCE-WRONG"]) + "\n")
        return lit.Test.Result(lit.Test.FAIL, log)
