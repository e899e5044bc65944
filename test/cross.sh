#!/usr/bin/env bash
# Cross targets: for each target triple, builds cdefer-gcc.so for the cross
# GCC 12 and libcdefer for the target (cmake -DCDEFER_GCC=TRIPLE-gcc-12,
# cmake/Cross.cmake), and runs test/runtime and test/run through both
# plugins -- the cross GCC, and the default build's cdefer-clang.so with
# --target=TRIPLE -- every program under qemu-user (test/lit/cross.py).
# test/runtime (the unwinder, frame identity, tracebacks: what differs
# between targets) runs whole on every target; the targets share test/run
# (with K targets, the I-th runs every K-th variant from the I-th on), so
# that the README's test command stays within its time budget
# (docs/TESTING.md); CDEFER_FULL=1 runs the whole of test/run on each.
#
#   CDEFER_TARGETS unset      aarch64, armhf and s390x (also: ci)
#   CDEFER_TARGETS=all        also riscv64, i686 and ppc64le
#   CDEFER_TARGETS="T1 T2"    those triples;  CDEFER_TARGETS=none: no target
#   CDEFER_CROSS_GCC=11       the cross GCC 11 instead of 12 (opt-in, not in
#                             the default run): the GCC plugin's variants
#                             only, in build/cross/TRIPLE-gcc11 (packages
#                             gcc-11-TRIPLE gcc-11-plugin-dev-TRIPLE;
#                             Debian 12 has none for riscv64)
#
# Results go to build/lit-results-cross-TRIPLE{,-run}.json (with GCC 11:
# cross-TRIPLE-gcc11{,-run}) for test/lit/summary.py.  Run from the top of
# the tree after the default build.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
cd "$(dirname "$0")/.."
default_targets="aarch64-linux-gnu arm-linux-gnueabihf s390x-linux-gnu"
all_targets="$default_targets riscv64-linux-gnu i686-linux-gnu powerpc64le-linux-gnu"
targets=${CDEFER_TARGETS:-default}
[ "$targets" = default ] && targets=$default_targets
[ "$targets" = ci ] && targets=$default_targets
[ "$targets" = all ] && targets=$all_targets
[ "$targets" = none ] && exit 0
lit=$(sed -n 's/^CDEFER_LIT:FILEPATH=//p' build/CMakeCache.txt)
clang_dir=$(sed -n 's/^Clang_DIR:PATH=\(.*\)\/lib\/cmake\/clang$/\1/p' build/CMakeCache.txt)
clang_args=(--param clang_plugin=)
[ -f build/cdefer-clang.so ] && [ -n "$clang_dir" ] &&
  clang_args=(--param "clang=$clang_dir/bin/clang" --param "clang_plugin=$PWD/build/cdefer-clang.so")
gv=${CDEFER_CROSS_GCC:-12}
suffix= run_filter='^cdefer :: run/' rt_filter='^cdefer :: runtime/'
if [ "$gv" != 12 ]; then
  # the Clang variants and the reference are the default run's already
  suffix=-gcc$gv clang_args=(--param clang_plugin=)
  run_filter='^cdefer :: run/.*/gcc-' rt_filter='^cdefer :: runtime/.*/(gcc|plain)$'
fi
status=0
mkdir -p build/cross
fail() {
  echo "cross: $1: $2"; status=1
  printf '{"__version__": [0, 0, 0], "elapsed": 0, "tests": [{"name": "cross :: %s build", "code": "FAIL", "output": "", "elapsed": 0}]}\n' \
    "$1" > "build/lit-results-cross-$1.json"
}
nshards=$(echo $targets | wc -w)
[ "${CDEFER_FULL:-0}" = 1 ] && nshards=1
shard=0
for t in $targets; do
  b=build/cross/$t$suffix
  shard=$((shard % nshards + 1))
  echo "== cross: $t$suffix (test/runtime; test/run variants $shard of $nshards)"
  command -v "$t-gcc-$gv" >/dev/null ||
    { fail "$t$suffix" "$t-gcc-$gv missing (apt-get install gcc-$gv-$t gcc-$gv-plugin-dev-$t qemu-user)"; continue; }
  cmake -S . -B "$b" -DCDEFER_GCC="$t-gcc-$gv" -DCDEFER_BUILD_CLANG_PLUGIN=OFF >"$b.log" 2>&1 &&
    cmake --build "$b" -j"$(nproc)" >>"$b.log" 2>&1 && [ -f "$b/cdefer-gcc.so" ] ||
    { fail "$t$suffix" "build failed"; tail -n 40 "$b.log"; continue; }
  /usr/bin/python3 "$lit" -q --timeout=600 -o "build/lit-results-cross-$t$suffix.json" \
    --filter "$rt_filter" "${clang_args[@]}" "$b/test"
  /usr/bin/python3 "$lit" -q --timeout=600 -o "build/lit-results-cross-$t$suffix-run.json" \
    --num-shards "$nshards" --run-shard "$shard" \
    --filter "$run_filter" "${clang_args[@]}" "$b/test"
done
exit $status
