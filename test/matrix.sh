#!/usr/bin/env bash
# The compiler matrix: builds the plugins against every other installed
# GCC (11, 12) and Clang (13, 14, 15, 16, 19, 22: every Clang Debian 12 ships) than the default build used, and runs
# the suite with each: the whole suite with the other GCC, a share of it with
# each other Clang (below; CDEFER_FULL=1: the whole suite with each).  Results go to build/lit-results-*.json for
# test/lit/summary.py.  Run from the top of the tree after the default build.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
cd "$(dirname "$0")/.."
lit=$(sed -n 's/^CDEFER_LIT:FILEPATH=//p' build/CMakeCache.txt)
default_clang=$(sed -n 's/^Clang_DIR:PATH=\/usr\/lib\/llvm-\([0-9]*\)\/.*/\1/p' build/CMakeCache.txt)
default_gcc=$(sed -n 's/^CDEFER_GCC:STRING=//p' build/CMakeCache.txt)
status=0
mkdir -p build/matrix
# A matrix build that fails is a failed test in the summary, not a silent gap.
build_failed() {
  echo "matrix: $1 build failed"; tail -n 40 "$2"; status=1
  printf '{"__version__": [0, 0, 0], "elapsed": 0, "tests": [{"name": "matrix :: %s build", "code": "FAIL", "output": "", "elapsed": 0}]}\n' \
    "$1" > "build/lit-results-$1-build.json"
}
clangs="13 14 15 16 19 22"
# The other Clangs share the suite: with K of them, the I-th runs every
# K-th test from the I-th on (lit --num-shards K --run-shard I), so each
# test runs with one of them and the README's test command stays within its
# time budget (docs/TESTING.md).  CDEFER_FULL=1 runs the whole suite with
# each.
others=
for v in $clangs; do
  [ "$v" = "$default_clang" ] && continue
  [ -f /usr/lib/llvm-$v/lib/cmake/clang/ClangConfig.cmake ] || continue
  others="$others $v"
done
nshards=$(echo $others | wc -w)
[ "${CDEFER_FULL:-0}" = 1 ] && nshards=1
shard=0
for v in $others; do
  ls clang-plugin/*.cpp >/dev/null 2>&1 || continue
  shard=$((shard % nshards + 1))
  b=build/matrix/clang-$v
  echo "== matrix: Clang $v (tests $shard of $nshards)"
  cmake -S . -B $b -DCDEFER_BUILD_GCC_PLUGIN=OFF -DCDEFER_CLANG_VERSION=$v >$b.log 2>&1 &&
    cmake --build $b -j2 --target cdefer-clang >>$b.log 2>&1 ||
    { build_failed clang-$v $b.log; continue; }
  /usr/bin/python3 "$lit" -q --timeout=600 -o build/lit-results-clang-$v.json \
    --num-shards "$nshards" --run-shard "$shard" \
    --filter 'clang' --param gcc_plugin= --param clang=/usr/lib/llvm-$v/bin/clang \
    --param clang_plugin=$PWD/$b/cdefer-clang.so build/test
done
for g in gcc-11 gcc-12; do
  [ "$g" = "$default_gcc" ] || [ "$g" = "gcc-$(gcc -dumpversion)" -a "$default_gcc" = gcc ] && continue
  command -v $g >/dev/null && [ -f "$($g -print-file-name=plugin)/include/gcc-plugin.h" ] || continue
  ls gcc-plugin/*.cc >/dev/null 2>&1 || continue
  gxx=g++-${g#gcc-}
  command -v $gxx >/dev/null || gxx=g++     # the plugin ABI is C++; any g++ builds it
  b=build/matrix/$g
  echo "== matrix: $g"
  mkdir -p $b
  cmake -S . -B $b -DCDEFER_BUILD_CLANG_PLUGIN=OFF -DCDEFER_GCC=$g -DCMAKE_CXX_COMPILER=$gxx >$b.log 2>&1 &&
    cmake --build $b -j2 --target cdefer-gcc >>$b.log 2>&1 ||
    { build_failed $g $b.log; continue; }
  /usr/bin/python3 "$lit" -q --timeout=600 -o build/lit-results-$g.json \
    --filter '/gcc|gcc/' --param clang_plugin= --param gcc=$g --param gcc_plugin=$PWD/$b/gcc/cdefer.so build/test
done
exit $status
