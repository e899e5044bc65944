# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Cross-target testing: the target a build's tests compile for and run on.

A build configured with a cross GCC (`cmake -DCDEFER_GCC=aarch64-linux-gnu-gcc-12`,
cmake/Cross.cmake) records its triple in lit.site.cfg.py; this module turns
it into what the suites need:

    gcc variants        the cross GCC with the cdefer-gcc.so built for it
    clang variants      the host Clang and cdefer-clang.so with --target=TRIPLE
                        (the driver finds Debian's cross sysroot /usr/TRIPLE)
    reference           clang-22 -fdefer-ts --target=TRIPLE
    %run                run_capped.py --qemu qemu-ARCH --sysroot /usr/TRIPLE
    %clang-target       --target=TRIPLE (empty natively), for RUN lines that
                        name a Clang themselves; on riscv64 also the LLD
                        link (clang_flags)
    %target-gcc         the GCC for the target (plain `gcc` natively)
    %strip              the target's strip (TRIPLE-strip; the host's strip
                        does not know other machines' ELF)
    %flto               -flto, and for Clang on 32-bit ARM the Clang's own LLD
                        (clang_lto_flags)

Features: `target-ARCH` (x86_64 natively; aarch64, arm, s390x, riscv64,
i686, powerpc64le) and `qemu` for a cross build; `threads` and
`signal-unwind` where qemu-user can run threads and unwind out of a signal
handler (NO_THREADS, NO_SIGNAL_UNWIND); `target-libdw` where the
programs can load the target's libdw (has_libdw); `valgrind` and `sanitizers`
(ASan, UBSan, TSan) only natively: valgrind does not run under qemu-user,
and the sanitizers' shadow memory does not fit qemu-user's address space.
"""
import os
import platform
import shutil

# Debian triple's first field -> qemu-user binary.
QEMU = {
    "aarch64": "qemu-aarch64",
    "arm": "qemu-arm",
    "s390x": "qemu-s390x",
    "riscv64": "qemu-riscv64",
    "i686": "qemu-i386",
    "powerpc64le": "qemu-ppc64le",
}

# Targets whose Clang programs are linked with LLD (Target.clang_flags).
LLD_LINKED = {"riscv64"}

# What qemu-user (Debian 12: 7.2) cannot run for a target, whoever built
# the program; each shown with a plain C program without cdefer
# (docs/TESTING.md, "Cross targets").  Natively the features are always on.
#
# `threads`: a program can start a thread.  Not under qemu-i386: a
# program's first pthread_create spins for ever (GCC's and Clang's, -O0 and
# -O2; the thread never runs).
NO_THREADS = {"i686"}
# `signal-unwind`: the unwinder can leave a signal handler's frame, which
# pthread_cancel needs when the thread is blocked in a cancellation point
# (glibc raises the cancellation from its SIGCANCEL handler).  Not under
# qemu-ppc64le: its signal trampoline is `li r0,N; sc`, libgcc's unwinder
# (rs6000/linux-unwind.h) knows a signal frame by the kernel's
# `addi r1,r1,128; li r0,N; sc`, so the unwind ends in the handler and
# glibc ends the thread without running any cleanup
# (__attribute__((cleanup)) ones neither).
NO_SIGNAL_UNWIND = {"powerpc64le"}


class Target:
    def __init__(self, triple):
        self.triple = triple or ""
        self.arch = self.triple.split("-")[0] if self.triple else platform.machine()
        self.cross = bool(self.triple)
        self.sysroot = "/usr/" + self.triple if self.cross else ""
        self.qemu = (shutil.which(QEMU.get(self.arch, "qemu-" + self.arch)) or "") if self.cross else ""

    def run_options(self):
        """Options for run_capped.py: run the program under qemu-user."""
        if not self.cross:
            return ""
        return " --qemu %s --sysroot %s" % (self.qemu or "qemu-missing", self.sysroot)

    def strip(self):
        return self.triple + "-strip" if self.cross else "strip"

    def clang_flags(self, clang="", cfg_dir=""):
        """--target=TRIPLE, and what links the target's programs.  riscv64:
        Debian 12's riscv64-linux-gnu-ld (binutils 2.40) segfaults linking
        some of Clang's -O0 objects (most programs of test/runtime, the
        reference's too), so every Clang, the one under test and the ones a
        RUN line names (clang-19), links them with the LLD of the Clang under
        test (lld-N): the system ld.lld may be an older LLVM's, which cannot
        read -flto bitcode and (lld 14) cannot link GCC's riscv64 crt
        objects (R_RISCV_ALIGN needs linker relaxation).  The --ld-path
        option comes from a configuration file written to CFG_DIR
        (clang-link.cfg), because Clang does not warn about an unused
        option from there: on the command line it would be an error under
        -Werror wherever a RUN line only compiles (-c, -S, -fsyntax-only).
        `--config FILE`, not `--config=FILE`, which Clang 14 and older do
        not take."""
        if not self.cross:
            return ""
        flags = "--target=" + self.triple
        if self.arch in LLD_LINKED and clang and cfg_dir:
            lld = os.path.join(os.path.dirname(os.path.realpath(shutil.which(clang) or clang)), "ld.lld")
            if os.path.exists(lld):
                os.makedirs(cfg_dir, exist_ok=True)
                cfg = os.path.join(cfg_dir, "clang-link.cfg")
                text = "# test/lit/cross.py: Clang links %s programs with LLD\n--ld-path=%s\n" % (
                    self.arch, lld)
                if not os.path.exists(cfg) or open(cfg).read() != text:
                    with open(cfg, "w") as f:
                        f.write(text)
                flags += " --config " + cfg
        return flags

    def clang_lto_flags(self, clang):
        """Link flags for a Clang -flto build.  32-bit ARM: Debian 12's
        arm-linux-gnueabihf-ld (binutils 2.40) aborts with an internal error
        in bfd_elf32_swap_symbol_out linking some programs from Clang's LTO
        objects (repanic_*.c), so those links use the LLD of the Clang under
        test (package lld-N); the system ld.lld may be an older LLVM's, which
        cannot read the bitcode."""
        if self.arch != "arm" or not clang:
            return ""
        lld = os.path.join(os.path.dirname(os.path.realpath(shutil.which(clang) or clang)), "ld.lld")
        return "--ld-path=" + lld if os.path.exists(lld) else ""

    def has_libdw(self):
        """Whether a program run for the target can dlopen libdw.so.1 (the
        panic report's file:line, runtime/src/tb_dwarf.c).  Natively the
        libdw1 package is required (scripts/packages.txt).  Under qemu-user
        the target's loader looks in the sysroot first and then in the
        host's multiarch directories: only a libdw1:ARCH there would do,
        which Debian's cross toolchain packages do not bring."""
        if not self.cross:
            return True
        return any(os.path.exists(os.path.join(d, "libdw.so.1")) for d in (
            self.sysroot + "/lib", self.sysroot + "/usr/lib", "/lib/" + self.triple,
            "/usr/lib/" + self.triple))

    def features(self):
        f = {"target-" + self.arch}
        if self.has_libdw():
            f.add("target-libdw")
        if self.arch not in NO_THREADS:
            f.add("threads")
        if self.arch not in NO_SIGNAL_UNWIND:
            f.add("signal-unwind")
        if self.cross:
            f.add("qemu")
        else:
            f.add("sanitizers")
            f.add("valgrind")      # natively a missing valgrind fails, as before
        return f

    def missing(self):
        """Why the target's programs cannot run here, or None."""
        if self.cross and not self.qemu:
            return "%s not installed (apt-get install qemu-user)" % QEMU.get(self.arch, "qemu")
        if self.cross and not os.path.isdir(self.sysroot):
            return "no cross sysroot %s" % self.sysroot
        return None
