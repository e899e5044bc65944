#!/usr/bin/env bash
# bench/run.sh - build and measure every cdefer benchmark, write
# docs/PERFORMANCE.md and its charts (docs/img/*.png): installs the Debian
# packages the harness needs, then runs bench/bench.py with the arguments.
#
#   bench/run.sh            full run (~45 min on 2 busy shared cores)
#   bench/run.sh --quick    fewer repetitions, smaller ranges (~5-8 min)
#   bench/run.sh --only part1,part4     re-measure some parts, keep the rest
#   bench/run.sh --report-only          rewrite the report from bench/out/results.json
#   bench/run.sh --build-dir DIR        measure the build tree DIR (default build/)
#   bench/run.sh --clang19-build DIR    the Clang 19 tree (default BUILD/matrix/clang-19)
#   bench/run.sh --out DIR              results and build products in DIR (default bench/out),
#                                       report in DIR/PERFORMANCE.md (or --report FILE)
#   bench/run.sh --build    first build the project (cmake -B BUILD && cmake --build BUILD)
#
# The compilers and plugins are those of the build tree, read from
# BUILD/CMakeCache.txt: the GCC cdefer-gcc.so is built for (CDEFER_GCC), the
# Clang cdefer-clang.so is built for (Clang_DIR), BUILD/cdefer-gcc.so,
# BUILD/cdefer-clang.so, BUILD/libcdefer.a; the Clang 19 rows likewise from
# the Clang 19 tree's cache (test/matrix.sh makes build/matrix/clang-19).
# Rows whose compiler or plugin is missing are reported as missing.
#
# Debian packages it needs (installed with apt-get when missing):
#   gcc g++ binutils make  - the GCC rows, objdump/nm/size
#   clang-22 clang-19      - the Clang rows and clang -fdefer-ts (apt.llvm.org suites,
#                            as in scripts/packages.txt)
#   valgrind               - callgrind instruction counts
#   golang-go              - the Go defer / panic rows
#   gnuplot-nox            - the PNG charts
#   npm                    - `npm pack better-sqlite3` for the SQLite amalgamation
#   python3                - the harness (bench/bench.py, standard library only)
#   tar                    - unpacking the npm tarball
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

# command that shows it is present : Debian package that provides it
NEEDS=(gcc:gcc g++:g++ objdump:binutils make:make clang-22:clang-22 clang-19:clang-19
       valgrind:valgrind go:golang-go gnuplot:gnuplot-nox npm:npm /usr/bin/python3:python3 tar:tar)

missing=()
for n in "${NEEDS[@]}"; do
  command -v "${n%%:*}" >/dev/null 2>&1 || missing+=("${n##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

args=()
build_first=""
build_dir="$root/build"
prev=""
for a in "$@"; do
  case "$prev" in --build-dir) build_dir=$a ;; esac
  case "$a" in --build-dir=*) build_dir=${a#--build-dir=} ;; esac
  prev=$a
  if [ "$a" = "--build" ]; then
    build_first=1
  else
    args+=("$a")
  fi
done
if [ -n "$build_first" ]; then
  "$root/scripts/install-deps.sh"
  cmake -S "$root" -B "$build_dir" >/dev/null && cmake --build "$build_dir" -j2 >/dev/null
fi

# Debian's python3 (not a pyenv shim): the harness needs only its standard library.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
exec "$py" "$here/bench.py" "${args[@]+"${args[@]}"}"
