# cdefer's LIT configuration, shared by every suite under test/.
#
# Suites and what they hold:
#   run/      runnable programs + NAME.out, run by every compiler variant
#   diag/     diagnostics, FileCheck on stderr, once per plugin
#   gcc/      GIMPLE / assembly shape, GCC plugin only
#   clang/    LLVM IR shape, Clang plugin only
#   runtime/  panic/recover programs, once per plugin
#
# A compiler that is not installed (or a plugin that was not built) turns its
# variants UNSUPPORTED: they show as skipped in the summary, never as passed.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import shutil
import sys

import lit.formats
import lit.util

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lit"))
import cdefer_formats  # noqa: E402
import cross  # noqa: E402

config.name = "cdefer"
config.suffixes = [".c"]
config.excludes = ["Inputs", "lit", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_format = lit.formats.ShTest(execute_external=False)

params = lit_config.params
# The compiler matrix (test/matrix.sh) points one run at another build.
gcc = params.get("gcc", getattr(config, "gcc", "gcc")) or "gcc"
gcc_plugin = params.get("gcc_plugin", getattr(config, "gcc_plugin", ""))
clang = params.get("clang", getattr(config, "clang", ""))
clang_plugin = params.get("clang_plugin", getattr(config, "clang_plugin", ""))
reference = params.get("reference", shutil.which("clang-22") or "")
# A cross build compiles for its target and runs under qemu-user (test/lit/cross.py).
target = cross.Target(params.get("target", getattr(config, "cdefer_target", "")))
if target.missing():
    lit_config.warning("cdefer: %s: the target's programs cannot run" % target.missing())

inc = config.cdefer_include_dir
obj = config.cdefer_obj_root
# Every program a test runs goes through %run: a time limit and an output cap.
run = "%s %s%s" % (sys.executable, os.path.join(config.test_source_root, "lit", "run_capped.py"),
                   target.run_options())

def _gcc_major(cc):
    import subprocess
    try:
        out = subprocess.run([cc, "-dumpversion"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, timeout=30).stdout.decode()
        return int(out.strip().split(".")[0])
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0


config.cdefer = cdefer_formats.Toolchains(
    include_dir=inc,
    obj_root=obj,
    gcc=gcc if gcc_plugin and os.path.exists(gcc_plugin) and shutil.which(gcc) else "",
    gcc_plugin=gcc_plugin,
    clang=clang if clang_plugin and os.path.exists(clang_plugin) and shutil.which(clang) else "",
    clang_plugin=clang_plugin,
    reference=reference,
    run=run,
    gcc_major=_gcc_major(gcc) if gcc_plugin else 0,
    clang_target=target.clang_flags(clang or reference, config.test_exec_root),
    clang_lto=target.clang_lto_flags(clang),
)

config.substitutions.append(("%FileCheck", config.filecheck))
config.substitutions.append(("%run", run))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%cdefer-inc", inc))
config.substitutions.append(("%cdefer-lib", obj))
tc = config.cdefer
if tc.gcc:
    config.available_features.add("gcc-plugin")
    config.available_features.add("gcc-major-%d" % tc.gcc_major)
if tc.clang:
    config.available_features.add("clang-plugin")
if tc.reference:
    config.available_features.add("clang22-reference")
for f in target.features():
    config.available_features.add(f)
# gcc/gdb_step.c and clang/gdb_deferred_locals.c drive gdb in batch mode.
if shutil.which("gdb"):
    config.available_features.add("gdb")
config.substitutions.append(("%gcc-plugin-cc", tc.gcc_cc() or "false"))
config.substitutions.append(("%clang-plugin-cc", tc.clang_cc() or "false"))
config.substitutions.append(("%clang-plugin-so", tc.clang_plugin or "false"))
config.substitutions.append(("%gcc-plugin-so", tc.gcc_plugin or "false"))
config.substitutions.append(("%bare-gcc", tc.gcc or "false"))
config.substitutions.append(("%bare-clang", (tc.clang + " " + tc.clang_target).strip() if tc.clang else "false"))
config.substitutions.append(("%clang-target", tc.clang_target))
config.substitutions.append(("%target-gcc", gcc if target.cross else "gcc"))
config.substitutions.append(("%strip", target.strip()))

# lit's internal shell finds `not`, `count` and FileCheck here.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_bin, config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ("HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# Diagnostics are checked byte for byte: GCC quotes 'like this' only in the
# C locale (in a UTF-8 one it uses typographic quotes).
config.environment["LC_ALL"] = "C"
