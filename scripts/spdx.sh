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
# --fix puts the line
#   C-style files: as the second line of the opening /* or // comment, or as
#                  a comment of its own on line 1 when there is none;
#   #-comment files: after a #! line or the first comment line, else on line 1.
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
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
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

has_id() { head -n 10 "$1" | grep -q "SPDX-License-Identifier:"; }

fix() {
  local f=$1 kind=$2 first tmp
  first=$(head -n 1 "$f")
  tmp=$(mktemp)
  if [ "$kind" = c ]; then
    case "$first" in
      //*) { printf '%s\n' "$first"; printf '// %s\n' "$ID"; tail -n +2 "$f"; } >"$tmp" ;;
      /\**\*/*) { printf '%s\n' "$first"; printf '/* %s */\n' "$ID"; tail -n +2 "$f"; } >"$tmp" ;;
      /\**) { printf '%s\n' "$first"; printf ' * %s\n' "$ID"; tail -n +2 "$f"; } >"$tmp" ;;
      *) { printf '/* %s */\n' "$ID"; cat "$f"; } >"$tmp" ;;
    esac
  else
    case "$first" in
      \#*) { printf '%s\n' "$first"; printf '# %s\n' "$ID"; tail -n +2 "$f"; } >"$tmp" ;;
      *) { printf '# %s\n' "$ID"; cat "$f"; } >"$tmp" ;;
    esac
  fi
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
