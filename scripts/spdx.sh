#!/usr/bin/env bash
# scripts/spdx.sh - the SPDX licence line in every source file (LICENSE).
#
#   scripts/spdx.sh           check: list each source file whose first 10
#                             lines lack the line; exit 1 if there is one
#   scripts/spdx.sh --fix     add the line to each such file's header comment
#   scripts/spdx.sh --list    print the files it considers source files
#
# Source files: the tracked files (git ls-files; every file when the tree is
# not a git checkout) that are C, C++, Go, Python, shell, CMake, Make, Meson,
# lit configuration or lit tests.  Not the test corpora under test/run,
# test/diag, test/runtime, test/gcc and test/clang, nor the example
# programs (examples/*.c), nor the SQLite port's patch: their line numbers
# are part of what the tests check (diagnostics, panic reports), and a line
# added at the top would shift them.
#
# --fix ends the file's header comment (the opening /* ... */ block, the
# opening run of // or # lines, after a #! line) with the line; a file
# without a header comment gets the line as a comment of its own on line 1
# (line 2 after a #! line).
#
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -euo pipefail
cd "$(dirname "$0")/.."

ID="SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception"
mode=check
case "${1:-}" in
  "") ;;
  --fix) mode=fix ;;
  --list) mode=list ;;
  *) echo "usage: $0 [--fix | --list]" >&2; exit 2 ;;
esac

files() {
  if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$(pwd -P)" ]; then
    git ls-files
  else
    find . -path ./build -prune -o -path './build-*' -prune -o -path ./.git -prune \
      -o -type f -print | sed 's|^\./||'
  fi
}

# The comment style of a source file: c, hash, or nothing (not a source file).
style() {
  case "$1" in
    test/run/*|test/diag/*|test/runtime/*|test/gcc/*|test/clang/*) ;;
    examples/*.c|examples/port/*.patch) ;;
    */lit.local.cfg|*.cfg|*.py|*.py.in|*.sh|*.cmake|*.cmake.in|*.pc.in|*CMakeLists.txt|*Makefile|*meson.build|*.test|.ci/run)
      echo hash ;;
    *.c|*.h|*.cc|*.cpp|*.go) echo c ;;
  esac
  case "$1" in
    test/*/lit.local.cfg) echo hash ;;     # the suites' configuration is not corpus
  esac
}

has_id() { head -n 60 "$1" | grep -q "SPDX-License-Identifier:"; }

fix() {
  local f=$1 kind=$2 tmp
  tmp=$(mktemp)
  awk -v id="$ID" -v kind="$kind" '
    function flush_run() { if (run) { print prefix id; run = 0 } }
    NR == 1 && /^#!/ { print; next }
    done { print; next }
    kind == "c" && !started && /^[ \t]*\/\*/ { started = 1; block = 1 }
    block {
      if (index($0, "*/")) {
        line = $0
        if (line ~ /^[ \t]*\*\/[ \t]*$/) { print " * " id; print line }
        else { sub(/[ \t]*\*\/[ \t]*$/, "", line); print line; print " * " id " */" }
        block = 0; done = 1; next
      }
      print; next
    }
    !started && kind == "c" && /^\/\// { started = 1; run = 1; prefix = "// " }
    !started && kind == "hash" && /^#/ { started = 1; run = 1; prefix = "# " }
    run {
      if ((prefix == "// " && /^\/\//) || (prefix == "# " && /^#/)) { print; next }
      flush_run(); done = 1; print; next
    }
    !started {
      print (kind == "c" ? "/* " id " */" : "# " id)
      started = 1; done = 1; print; next
    }
    END { flush_run(); if (!started) print (kind == "c" ? "/* " id " */" : "# " id) }
  ' "$f" >"$tmp"
  cat "$tmp" >"$f"          # keeps the file's mode (scripts stay executable)
  rm -f "$tmp"
}

missing=0
while IFS= read -r f; do
  [ -f "$f" ] || continue
  kind=$(style "$f" | tail -n 1)
  [ -n "$kind" ] || continue
  case $mode in
    list) echo "$f" ;;
    check) has_id "$f" || { echo "no SPDX line: $f"; missing=$((missing + 1)); } ;;
    fix) has_id "$f" || { fix "$f" "$kind"; echo "added: $f"; } ;;
  esac
done < <(files)

if [ $mode = check ] && [ $missing -gt 0 ]; then
  echo "$missing source files without '$ID' (scripts/spdx.sh --fix adds it)"
  exit 1
fi
exit 0
