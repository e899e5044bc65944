# asm_insns.awk - the instruction stream of one function in a compiler's
# assembly output (-S), for comparing two builds of it
# (test/runtime/same_code_goto_O2.c).  Usage: awk -v fn=NAME -f asm_insns.awk FILE.s
#
# From the line `NAME:` to the `.size NAME, ...` directive (GCC and Clang
# write one for every function on ELF targets): directives, blank lines
# and comment-only lines are dropped (the comment characters of the six
# targets: # // @ ; and Clang's `# %bb.N:` block comments); local labels
# (.L5, .LBB0_3, .Ltmp4, .LCF7, .LEHB9; GCC's numeric `0:` on Power) are
# renamed .L1, .L2, ... in the order they first appear, so that two builds
# which differ in label numbering only give the same text while a branch
# to another label still shows, and a local label that nothing in the
# function names is dropped (GCC on armhf leaves one, unused, at the start
# of a function that has a goto); whitespace is normalised.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
BEGIN { inside = 0; n = 0; nl = 0 }
!inside && $0 ~ ("^" fn ":") { inside = 1; next }
!inside { next }
$0 ~ ("^[ \t]*\\.size[ \t]+" fn "[ \t]*,") { inside = 0; exit }
{
    line = $0
    sub(/^[ \t]+/, "", line)
    if (line == "" || line ~ /^(#|\/\/|@|;)/)
        next
    # a directive (but not a label that starts with a dot)
    if (line ~ /^\.[A-Za-z_]/ && line !~ /^\.[A-Za-z_$.0-9]+:/)
        next
    out = ""
    while (match(line, /\.L[A-Za-z_$.]*[0-9][0-9_]*/)) {
        tok = substr(line, RSTART, RLENGTH)
        if (!(tok in name))
            name[tok] = ".L" (++n)
        out = out substr(line, 1, RSTART - 1) name[tok]
        line = substr(line, RSTART + RLENGTH)
    }
    line = out line
    gsub(/[ \t]+/, " ", line)
    sub(/ $/, "", line)
    kept[++nl] = line
}
END {
    # how often each local label is named other than where it is defined
    for (i = 1; i <= nl; i++) {
        rest = kept[i]
        if (rest ~ /^\.L[0-9]+:/)
            sub(/^\.L[0-9]+:/, "", rest)
        while (match(rest, /\.L[0-9]+/)) {
            used[substr(rest, RSTART, RLENGTH)]++
            rest = substr(rest, RSTART + RLENGTH)
        }
    }
    print fn ":"
    for (i = 1; i <= nl; i++) {
        if (match(kept[i], /^\.L[0-9]+:/)) {
            lab = substr(kept[i], 1, RLENGTH - 1)
            if (!(lab in used)) {
                rest = substr(kept[i], RLENGTH + 1)
                sub(/^ /, "", rest)
                if (rest == "" || rest ~ /^(#|\/\/|@|;)/)
                    continue
                kept[i] = rest
            }
        }
        print kept[i]
    }
}
