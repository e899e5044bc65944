// E4 is reported at the `return` keyword also where the compiler locates
// the returned expression at an operator after its first operand (GCC's C
// front end: a comma expression at its comma), and the dump's return exits
// are there too.  A preprocessed file compiled after its source was
// deleted still reports each E4 where it is.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
// RUN: %cc %dump -w -c %s -DVALID -o /dev/null 2>&1 | %FileCheck %s --check-prefix=DUMP
// RUN: rm -rf %t.dir && mkdir %t.dir && cp %s %t.dir/e4_return_keyword.c
// RUN: %cc -E %t.dir/e4_return_keyword.c -o %t.dir/pre.i && rm %t.dir/e4_return_keyword.c
// RUN: not %cc -fsyntax-only %t.dir/pre.i 2>&1 | %FileCheck --check-prefixes=PRE,PRE-%cc-name %s \
// RUN:   --implicit-check-not=error: %no-crash-checks
#include <stddefer.h>

int next(int);

#ifndef VALID
int comma_after_call(int n)
{
    defer {
        // CHECK: {{.*}}e4_return_keyword.c:[[@LINE+3]]:13: error: return statement would leave the deferred statement of the defer at {{.*}}e4_return_keyword.c:[[@LINE-1]]:5{{$}}
        // CHECK: {{.*}}e4_return_keyword.c:[[@LINE-2]]:5: note: defer statement is here
        // PRE: {{.*}}e4_return_keyword.c:[[@LINE+1]]:{{[0-9]+}}: error: return statement would leave the deferred statement
            return next(n), n;
    }
    return 0;
}

int comma_after_assignment(int n)
{
    defer {
        // CHECK: {{.*}}e4_return_keyword.c:[[@LINE+6]]:9: error: return statement would leave the deferred statement of the defer at {{.*}}e4_return_keyword.c:[[@LINE-1]]:5{{$}}
        // CHECK: {{.*}}e4_return_keyword.c:[[@LINE-2]]:5: note: defer statement is here
        // (The keyword alone on its line, a comment before the value;
        // without the source text, GCC reports the value's line.)
        // PRE-clang: {{.*}}e4_return_keyword.c:[[@LINE+2]]:{{[0-9]+}}: error: return statement would leave the deferred statement
        // PRE-gcc: {{.*}}e4_return_keyword.c:[[@LINE+2]]:{{[0-9]+}}: error: return statement would leave the deferred statement
        return
            /* the value */ n += 2, n;
    }
    return 0;
}
#endif

int exits(int n)
{
    defer next(0);
    if (n)
        return next(n), n;
    return n += 1, n;
}
// DUMP: cdefer: function 'exits' at {{.*}}e4_return_keyword.c:[[@LINE-7]]:5
// DUMP: cdefer:     exit: return at {{.*}}e4_return_keyword.c:[[@LINE-4]]:9
// DUMP-NEXT: cdefer:     exit: return at {{.*}}e4_return_keyword.c:[[@LINE-4]]:5
