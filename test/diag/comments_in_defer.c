// Comments at every token boundary of a defer change nothing: a braced
// deferred statement that starts with a label is no E10 error; E10 is still
// found after a comment, and E4 is at the `return` keyword after one.  The
// plugins take these from the compiler's tokens, so the same holds for a
// preprocessed file compiled after its source was deleted.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
// RUN: rm -rf %t.dir && mkdir %t.dir && cp %s %t.dir/comments_in_defer.c
// RUN: %cc -E %t.dir/comments_in_defer.c -o %t.dir/pre.i && rm %t.dir/comments_in_defer.c
// RUN: not %cc -fsyntax-only %t.dir/pre.i 2>&1 | %FileCheck --check-prefixes=PRE --allow-unused-prefixes %s \
// RUN:   --implicit-check-not=error: \
// RUN:   --implicit-check-not="internal compiler error" --implicit-check-not="Segmentation fault"
#include <stddefer.h>
#include <stdio.h>

void braced_label_after_comments(void)
{
    /* a */ defer /* b */ { /* c */ L: /* d */ puts("labelled, braced"); /* e */ } /* f */
    /* g */ _Defer // h
    // i
    { // j
    M: puts("labelled, braced"); // k
    } // l
    puts("body");
}

void labelled_after_a_comment(void)
{
    // CHECK: {{.*}}comments_in_defer.c:[[@LINE+3]]:32: error: a deferred statement cannot be a labelled statement{{$}}
    // PRE: {{.*}}comments_in_defer.c:[[@LINE+2]]:{{[0-9]+}}: error: a deferred statement cannot be a labelled statement{{$}}
    // CHECK: {{.*}}comments_in_defer.c:[[@LINE+1]]:5: note: defer statement is here
    _Defer /* { not a brace */ L: puts("labelled");
    puts("body");
}

int return_after_a_comment(int c)
{
    defer {
        if (c)
            // CHECK: {{.*}}comments_in_defer.c:[[@LINE+3]]:13: error: return statement would leave the deferred statement of the defer at {{.*}}comments_in_defer.c:[[@LINE-2]]:5{{$}}
            // CHECK: {{.*}}comments_in_defer.c:[[@LINE-3]]:5: note: defer statement is here
            // PRE: {{.*}}comments_in_defer.c:[[@LINE+1]]:{{[0-9]+}}: error: return statement would leave the deferred statement
            return /* a value */ 1;
    }
    return 0;
}
