#!/bin/sh
# each_case_is_error.sh CC FILE N: compile FILE with -DCASE=1..N, each with
# -fsyntax-only and with -O2 -c (the middle end too), under `timeout 120`;
# every compile must fail with an `error:` and print no internal compiler
# error, no "confused by earlier errors" and no segfault.  Prints the
# failing cases, exits 1 if there is one.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
CC=$1; FILE=$2; N=$3
bad=0
i=1
while [ "$i" -le "$N" ]; do
    for mode in "-fsyntax-only" "-O2 -c -o /dev/null"; do
        out=$(timeout 120 $CC $mode -DCASE=$i "$FILE" 2>&1); rc=$?
        why=""
        if [ "$rc" -eq 0 ]; then why="compiled without an error"
        elif [ "$rc" -ge 124 ]; then why="exit status $rc (timeout or signal)"
        elif ! printf '%s\n' "$out" | grep -q 'error:'; then why="no error: line"
        elif printf '%s\n' "$out" | grep -q -e 'internal compiler error' \
                -e 'confused by earlier errors' -e 'Segmentation'; then why="crashed"
        fi
        if [ -n "$why" ]; then
            echo "CASE=$i $mode: $why"
            printf '%s\n' "$out" | head -c 2000
            bad=1
        fi
    done
    i=$((i + 1))
done
exit $bad
