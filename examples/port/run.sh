#!/usr/bin/env bash
# examples/port/run.sh - a real-world port: SQLite's cleanup-heavy functions
# converted from `goto` cleanup to `defer`.
#
# Fetches the SQLite amalgamation that the npm package better-sqlite3 ships
# (no third-party code is kept in this tree), checks it is the version the
# patch was made against, applies sqlite-defer.patch, builds the original and
# the converted amalgamation with the same compiler, runs driver.c against
# both (a SQL script that goes through every converted function, then the
# same script once per injected allocation failure, checking for leaks), and
# requires identical output.  With --sizes it also compares code size at -O2.
#
#   examples/port/run.sh [--cc gcc|clang] [--stride N] [--opt -O1] [--sizes] [--out DIR]
#
#   --cc KIND    the plugin to use (default: every one that pkg-config or
#                the environment provides); compiler commands come from
#                CDEFER_GCC_CC / CDEFER_CLANG_CC if set, e.g.
#                CDEFER_GCC_CC="gcc -fplugin=P/lib/cdefer/gcc/cdefer.so -I P/include/cdefer",
#                else from `pkg-config --cflags cdefer-KIND` with gcc / clang
#   --stride N   fail allocation 1, 1+N, 1+2N, ... (default 29; 1 = all)
#   --opt FLAG   optimisation for the behaviour test (default -O1)
#   --sizes      also build at -O2 and print per-function and total sizes
#   --out DIR    work directory (default: ./port-build)
#
# The tarball is cached in ${XDG_CACHE_HOME:-~/.cache}/cdefer-port; set
# CDEFER_PORT_TARBALL to use a file you already have.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PKG=better-sqlite3@12.11.1
SQLITE_SHA256=60d2f39a3726cd6b9021da6f4e868608d66fbb6528a9f513dc8ffcc640493422
CONVERTED="sqlite3_exec sqlite3DeleteFrom sqlite3Update sqlite3Insert sqlite3CreateIndex
 sqlite3BeginTrigger sqlite3FinishTrigger sqlite3AlterRenameTable sqlite3AlterRenameColumn
 sqlite3AlterDropColumn sqlite3CreateForeignKey"

kinds=() stride=29 opt=-O1 sizes=0 out=$PWD/port-build
while [ $# -gt 0 ]; do
  case $1 in
    --cc) kinds+=("$2"); shift 2 ;;
    --stride) stride=$2; shift 2 ;;
    --opt) opt=$2; shift 2 ;;
    --sizes) sizes=1; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--cc gcc|clang] [--stride N] [--opt FLAG] [--sizes] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
cd "$out"

# --- the source -----------------------------------------------------------
cache=${XDG_CACHE_HOME:-$HOME/.cache}/cdefer-port
tarball=${CDEFER_PORT_TARBALL:-$cache/better-sqlite3-12.11.1.tgz}
if [ ! -f "$tarball" ]; then
  command -v npm >/dev/null || { echo "port: npm is needed to fetch $PKG (apt-get install npm)" >&2; exit 1; }
  mkdir -p "$cache"
  echo "port: fetching $PKG with npm pack" >&2
  (cd "$cache" && timeout 300 npm pack --silent "$PKG" >/dev/null)
fi
rm -rf package
tar xzf "$tarball" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
echo "$SQLITE_SHA256  package/deps/sqlite3/sqlite3.c" | sha256sum -c --quiet ||
  { echo "port: $tarball does not hold the SQLite 3.53.2 the patch is for" >&2; exit 1; }
cp package/deps/sqlite3/sqlite3.h .
cp package/deps/sqlite3/sqlite3.c sqlite3-goto.c
cp package/deps/sqlite3/sqlite3.c sqlite3.c
patch --quiet sqlite3.c < "$here/sqlite-defer.patch"
mv sqlite3.c sqlite3-defer.c

removed=$(grep -c '^-[^-]' "$here/sqlite-defer.patch" || true)
added=$(grep -c '^+[^+]' "$here/sqlite-defer.patch" || true)
gotos=$(grep -c '^-.*\bgoto ' "$here/sqlite-defer.patch" || true)
labels=$(grep -cE '^- ?[a-z_]+:$' "$here/sqlite-defer.patch" || true)
defers=$(grep -c '^+.*\bdefer\b' "$here/sqlite-defer.patch" || true)
echo "patch: $(echo $CONVERTED | wc -w) functions, $gotos gotos and $labels cleanup labels removed," \
     "$defers defer statements; $removed lines removed, $added added"

# --- compilers ------------------------------------------------------------
cc_for() {
  case $1 in
    gcc) [ -n "${CDEFER_GCC_CC:-}" ] && { echo "$CDEFER_GCC_CC"; return; }
         f=$(pkg-config --cflags cdefer-gcc 2>/dev/null) && echo "gcc $f" ;;
    clang) [ -n "${CDEFER_CLANG_CC:-}" ] && { echo "$CDEFER_CLANG_CC"; return; }
           f=$(pkg-config --cflags cdefer-clang 2>/dev/null) && echo "clang $f" ;;
  esac
}
if [ ${#kinds[@]} -eq 0 ]; then
  for k in gcc clang; do [ -n "$(cc_for $k)" ] && kinds+=("$k"); done
fi
[ ${#kinds[@]} -gt 0 ] || { echo "port: no cdefer compiler (set CDEFER_GCC_CC or PKG_CONFIG_PATH)" >&2; exit 1; }

status=0
for kind in "${kinds[@]}"; do
  cc=$(cc_for "$kind")
  [ -n "$cc" ] || { echo "port: no $kind with the cdefer plugin" >&2; exit 1; }
  bare=${cc%% *}                               # the compiler without the plugin
  echo "== $kind: $cc"
  $bare $opt -c sqlite3-goto.c -o $kind-goto.o
  $cc $opt -Wall -c sqlite3-defer.c -o $kind-defer.o
  for v in goto defer; do
    $bare $opt -I. "$here/driver.c" $kind-$v.o -o driver-$kind-$v -lm -lpthread -ldl
    timeout 600 ./driver-$kind-$v "$stride" > $kind-$v.out || { echo "port: driver-$kind-$v failed ($?)"; status=1; }
  done
  echo "$kind goto:  $(tail -n 1 $kind-goto.out)"
  echo "$kind defer: $(tail -n 1 $kind-defer.out)"
  if cmp -s $kind-goto.out $kind-defer.out; then
    echo "$kind: behaviour unchanged ($(grep -c '^== allocation' $kind-defer.out) fault rounds, identical output)"
  else
    echo "$kind: OUTPUT DIFFERS"; diff $kind-goto.out $kind-defer.out | head -20; status=1
  fi

  if [ $sizes = 1 ]; then
    # Same compiler, -O2, landing pads on for both (the plugin's default is
    # -fexceptions), and both off (unwind=off).
    if [ $kind = gcc ]; then noun="-fplugin-arg-cdefer-gcc-unwind=off"; else noun="-Xclang -plugin-arg-cdefer -Xclang unwind=off"; fi
    $bare -O2 -c sqlite3-goto.c -o $kind-goto-O2.o
    $bare -O2 -fexceptions -c sqlite3-goto.c -o $kind-goto-exc-O2.o
    $cc -O2 -c sqlite3-defer.c -o $kind-defer-O2.o
    $cc -O2 $noun -c sqlite3-defer.c -o $kind-defer-nounwind-O2.o 2>/dev/null ||
      { echo "($kind: unwind=off not accepted; skipping that column)"; cp $kind-defer-O2.o $kind-defer-nounwind-O2.o; }
    printf '%-26s %10s %10s %10s %10s\n' "$kind -O2 (bytes)" goto defer-nounw goto-exc defer
    for f in $CONVERTED; do
      row=$f
      for o in goto defer-nounwind goto-exc defer; do
        hex=$(nm -S --defined-only $kind-$o-O2.o | awk -v f=$f '$4==f {print $2; exit}')
        row="$row $([ -n "$hex" ] && echo $((16#$hex)) || echo -)"
      done
      printf '%-26s %10s %10s %10s %10s\n' $row
    done
    for o in goto defer-nounwind goto-exc defer; do
      printf '%s ' "$o: $(size -A $kind-$o-O2.o | awk '$1==".text"{t=$2} $1==".eh_frame"{e=$2} $1==".gcc_except_table"{x=$2} END{print ".text", t, ".eh_frame", e, ".gcc_except_table", x+0}')"
      echo
    done
  fi
done
exit $status
