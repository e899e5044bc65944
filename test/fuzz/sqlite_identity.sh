#!/usr/bin/env bash
# test/fuzz/sqlite_identity.sh [BUILD] - defer-free code is unchanged by the
# plugins (issue 7, item 4), on the SQLite amalgamation (about 260 000 lines).
#
# For GCC + BUILD/gcc/cdefer.so and Clang + BUILD/cdefer-clang.so, at -O2:
#   - sqlite3.o built without the plugin and with it loaded with unwind=off
#     must be byte-identical;
#   - with unwinding on (the plugin's default), test/fuzz/Inputs/sqlite_prog.c linked
#     with that sqlite3.o must print what it prints with the plain one.
# The amalgamation comes from the npm package better-sqlite3, fetched with
# `npm pack` as examples/port/run.sh does and kept in the same cache
# (${XDG_CACHE_HOME:-~/.cache}/cdefer-port, or CDEFER_PORT_TARBALL); nothing
# of it is committed.  Work files go to BUILD/fuzz-sqlite.
# Ends with "N passed, N failed".
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
PKG=better-sqlite3@12.11.1
SQLITE_SHA256=60d2f39a3726cd6b9021da6f4e868608d66fbb6528a9f513dc8ffcc640493422
cache=${XDG_CACHE_HOME:-$HOME/.cache}/cdefer-port
tarball=${CDEFER_PORT_TARBALL:-$cache/better-sqlite3-12.11.1.tgz}
out=$build/fuzz-sqlite
mkdir -p "$out" && cd "$out" || exit 1

if [ ! -f "$tarball" ]; then
  command -v npm >/dev/null || { echo "sqlite: npm is needed to fetch $PKG"; echo "0 passed, 1 failed"; exit 1; }
  mkdir -p "$cache"
  echo "sqlite: fetching $PKG with npm pack"
  (cd "$cache" && timeout 300 npm pack --silent "$PKG" >/dev/null) ||
    { echo "sqlite: npm pack failed"; echo "0 passed, 1 failed"; exit 1; }
fi
tar xzf "$tarball" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h &&
  cp package/deps/sqlite3/sqlite3.[ch] . && rm -rf package || exit 1
echo "$SQLITE_SHA256  sqlite3.c" | sha256sum -c --quiet ||
  { echo "sqlite: $tarball is not the expected SQLite 3.53.2"; echo "0 passed, 1 failed"; exit 1; }

clang=$(sed -n 's|^Clang_DIR:PATH=\(.*\)/lib/cmake/clang$|\1/bin/clang|p' "$build/CMakeCache.txt")
passed=0 failed=0
check() {  # NAME PLAIN-CC PLUGIN-FLAGS UNWIND-OFF-FLAGS
  local name=$1 cc=$2 plugin=$3 off=$4 v
  for v in plain off on; do
    mkdir -p $name-$v && rm -f $name-$v/sqlite3.o
    case $v in plain) flags= ;; off) flags="$plugin $off" ;; on) flags=$plugin ;; esac
    # shellcheck disable=SC2086
    timeout 1200 $cc $flags -O2 -w -c sqlite3.c -o $name-$v/sqlite3.o 2>&1 | head -c 4000 ||
      { echo "FAIL $name $v: compile"; failed=$((failed + 1)); return; }
    [ -f $name-$v/sqlite3.o ] || { echo "FAIL $name $v: no object"; failed=$((failed + 1)); return; }
  done
  if cmp -s $name-plain/sqlite3.o $name-off/sqlite3.o; then
    echo "PASS $name: sqlite3.o identical with and without the plugin (unwind=off)," \
         "$(size -A $name-plain/sqlite3.o | awk '$1==".text"{print $2}') bytes of .text"
    passed=$((passed + 1))
  else
    echo "FAIL $name: sqlite3.o differs with the plugin (unwind=off)"
    diff <(objdump -d -s -r $name-plain/sqlite3.o | tail -n +3) \
         <(objdump -d -s -r $name-off/sqlite3.o | tail -n +3) | head -20
    failed=$((failed + 1))
  fi
  for v in plain on; do
    $cc -O1 -I. "$here/Inputs/sqlite_prog.c" $name-$v/sqlite3.o -o $name-$v/prog -lm -lpthread -ldl &&
      timeout 120 $name-$v/prog 2>&1 | head -c 1000000 > $name-$v.out
  done
  if [ -s $name-plain.out ] && cmp -s $name-plain.out $name-on.out; then
    echo "PASS $name: sqlite_prog prints the same with unwinding on ($(wc -l < $name-on.out) lines)"
    passed=$((passed + 1))
  else
    echo "FAIL $name: sqlite_prog output differs with unwinding on (or is empty)"
    diff $name-plain.out $name-on.out | head -20
    failed=$((failed + 1))
  fi
}
if [ -f "$build/gcc/cdefer.so" ]; then
  check gcc gcc "-fplugin=$build/gcc/cdefer.so" -fplugin-arg-cdefer-gcc-unwind=off
fi
if [ -f "$build/cdefer-clang.so" ] && [ -x "$clang" ]; then
  check clang "$clang" "-fplugin=$build/cdefer-clang.so" "-Xclang -plugin-arg-cdefer -Xclang unwind=off"
fi
[ $((passed + failed)) -gt 0 ] || { echo "sqlite: no plugin built in $build"; failed=1; }
echo "$passed passed, $failed failed"
[ $failed = 0 ]
