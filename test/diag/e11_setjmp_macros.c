// E11 (docs/DIAGNOSTICS.md): setjmp and sigsetjmp are macros in glibc (over
// _setjmp and __sigsetjmp); a call written as setjmp(...) or sigsetjmp(...) in
// a deferred statement is reported at the name as written, and named as
// written.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#define _DEFAULT_SOURCE 1 /* _longjmp, sigjmp_buf in strict ISO modes too */
#include <setjmp.h>
#include <stddefer.h>
#include <stdio.h>

static jmp_buf env;
static sigjmp_buf senv;

void call_setjmp(void)
{
    // CHECK: {{.*}}e11_setjmp_macros.c:[[@LINE+1]]:16: error: call to 'setjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_macros.c:[[@LINE+1]]:5{{$}}
    _Defer if (setjmp(env) == 0)
        puts("set");
    // CHECK: {{.*}}e11_setjmp_macros.c:[[@LINE-2]]:5: note: defer statement is here
    puts("body");
}

void call_sigsetjmp(void)
{
    // CHECK: {{.*}}e11_setjmp_macros.c:[[@LINE+1]]:17: error: call to 'sigsetjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_macros.c:[[@LINE+1]]:5{{$}}
    defer (void)sigsetjmp(senv, 1);
    // CHECK: {{.*}}e11_setjmp_macros.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}
