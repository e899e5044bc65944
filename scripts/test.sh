#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every LIT suite
# with the default compilers, then the compiler matrix (test/matrix.sh) and
# the cross targets (test/cross.sh: aarch64, armhf, s390x under qemu-user;
# CDEFER_TARGETS=all adds riscv64, i686, ppc64le), the Debian packages
# (test/deb.sh), distcc (test/distcc.sh) and a fixed-seed fuzz sample, and
# ends with one line: "N passed, N failed, N skipped".  About 35 minutes on
# a quiet 2-core machine: the other Clangs and the cross targets each run a
# share of the suite; CDEFER_FULL=1 runs all of it with each (about 60
# minutes; docs/TESTING.md, "What the README's test command runs").
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1
cmake -S . -B build >build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" >>build.log 2>&1 || { tail -n 80 build.log; exit 1; }
rm -f build/lit-results-*.json
lit=$(sed -n 's/^CDEFER_LIT:FILEPATH=//p' build/CMakeCache.txt)
[ -n "$lit" ] || { echo "lit not found"; echo "0 passed, 1 failed"; exit 1; }
/usr/bin/python3 "$lit" -v --timeout=600 -o build/lit-results-default.json build/test
test/matrix.sh
test/cross.sh
# The Debian packages, built and used from a scratch root (test/deb.sh), and
# distributed builds through distcc on 127.0.0.1 (test/distcc.sh).
test/deb.sh
test/distcc.sh
# Differential + invalid-input fuzzing, a fixed-seed sample (docs/RELIABILITY.md).
if ls build/cdefer-*.so >/dev/null 2>&1; then
  /usr/bin/python3 test/fuzz/run.py -j"$(nproc)" --seed 1 --json build/lit-results-fuzz.json "${CDEFER_FUZZ_CASES:-150}"
  # Panic/recover programs: every -O level and both plugins agree, and Go
  # agrees where it has the same meaning (test/fuzz/panic_run.py).
  /usr/bin/python3 test/fuzz/panic_run.py -j"$(nproc)" --seed 1 --json build/lit-results-panic-fuzz.json \
    "${CDEFER_PANIC_FUZZ_CASES:-50}"
fi
/usr/bin/python3 test/lit/summary.py build/lit-results-*.json
