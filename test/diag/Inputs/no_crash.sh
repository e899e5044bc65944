#!/bin/sh
# no_crash.sh CC CC_NAME WORKDIR [--stress] PATH... : compile every .c file
# under each PATH (and, with --stress, only the generated stress inputs) with
# CC, each under `timeout 300` (the 3000-defer input takes seconds of CPU at
# -O2; CI is loaded); fail if any
# compile crashes, times out or dies by a signal. Errors are fine: only crashes
# count (SPEC 3: no input, valid or not, may crash the compiler).
CC=$1; NAME=$2; WORK=$3; shift 3
stress=""
if [ "${1:-}" = --stress ]; then stress=1; shift; fi
mkdir -p "$WORK" || exit 2
EXTRA=""
[ "$NAME" = clang ] && EXTRA="-fno-crash-diagnostics"

# Generated stress inputs: deep nesting of blocks with defers, many defers in
# one block, a long `_Defer _Defer ... ` chain, deeply nested deferred blocks.
gen="$WORK/generated"
mkdir -p "$gen"
[ -n "$stress" ] || gen=""
[ -z "$gen" ] || {
{
    echo 'int puts(const char *);'
    echo 'void deep(void) {'
    i=0; while [ $i -lt 300 ]; do echo "{ _Defer puts(\"$i\");"; i=$((i+1)); done
    i=0; while [ $i -lt 300 ]; do echo "}"; i=$((i+1)); done
    echo '}'
} > "$gen/deep_blocks.c"
{
    echo 'int puts(const char *);'
    echo 'void many(void) {'
    i=0; while [ $i -lt 3000 ]; do echo "_Defer puts(\"$i\");"; i=$((i+1)); done
    echo '}'
} > "$gen/many_defers.c"
{
    echo 'int puts(const char *);'
    printf 'void chain(void) { '
    i=0; while [ $i -lt 200 ]; do printf '_Defer '; i=$((i+1)); done
    echo 'puts("end"); }'
} > "$gen/defer_chain.c"
{
    echo 'int puts(const char *);'
    printf 'void nested(void) { '
    i=0; while [ $i -lt 200 ]; do printf '_Defer { puts("%d"); ' $i; i=$((i+1)); done
    i=0; while [ $i -lt 200 ]; do printf '} '; i=$((i+1)); done
    echo '}'
} > "$gen/nested_deferred.c"
{
    echo 'int puts(const char *);'
    echo 'void jumps(int c) {'
    i=0; while [ $i -lt 200 ]; do echo "{ _Defer puts(\"$i\"); if (c == $i) goto L$i; L$i: ; }"; i=$((i+1)); done
    i=0; while [ $i -lt 200 ]; do echo "goto M$i; _Defer puts(\"m$i\"); M$i: ;"; i=$((i+1)); done
    echo '}'
} > "$gen/many_jumps.c"
}

fail=0
n=0
for dir in "$@" $gen; do
    for f in "$dir"/*.c; do
        [ -f "$f" ] || continue
        n=$((n+1))
        log="$WORK/log.txt"
        # shellcheck disable=SC2086
        timeout 300 $CC $EXTRA -c -O2 -g -Wall -Wextra "$f" -o "$WORK/out.o" >"$log" 2>&1
        rc=$?
        why=""
        if [ $rc -eq 124 ]; then
            why="timed out after 300s"
        elif [ $rc -gt 124 ]; then
            why="exit status $rc (signal or timeout failure)"
        elif grep -q -e 'internal compiler error' -e 'Segmentation fault' \
                  -e 'PLEASE submit a bug report' -e 'Stack dump' \
                  -e 'failed due to signal' -e 'terminated program' "$log"; then
            why="crash message in the output"
        fi
        if [ -n "$why" ]; then
            echo "CRASH: $f: $why"
            head -c 4000 "$log"
            fail=1
        fi
    done
done
echo "no_crash: compiled $n files with $NAME"
[ $n -gt 0 ] || { echo "no_crash: no input files"; exit 1; }
exit $fail
