// E11 (docs/DIAGNOSTICS.md, SPEC 3 constraints): a call to a setjmp-family
// function inside a deferred statement is an error at the called name, naming
// it, with a note at the defer. (setjmp and sigsetjmp, macros in glibc, are in
// e11_setjmp_macros.c.)
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#define _DEFAULT_SOURCE 1 /* _longjmp, sigjmp_buf in strict ISO modes too */
#include <setjmp.h>
#include <stddefer.h>
#include <stdio.h>

static jmp_buf env;
static sigjmp_buf senv;
static void *bbuf[5];

void call_underscore_setjmp(void)
{
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:12: error: call to '_setjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    _Defer _setjmp(env);
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}

void call_longjmp(void)
{
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:11: error: call to 'longjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    defer longjmp(env, 1);
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}

void call_underscore_longjmp(void)
{
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:12: error: call to '_longjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    _Defer _longjmp(env, 1);
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}

void call_siglongjmp(int c)
{
    _Defer {
        if (c)
            // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:13: error: call to 'siglongjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE-2]]:5{{$}}
            siglongjmp(senv, 1);
        // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-4]]:5: note: defer statement is here
    }
    puts("body");
}

void call_builtin_setjmp(void)
{
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:16: error: call to '__builtin_setjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    defer if (!__builtin_setjmp(bbuf))
        puts("set");
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-2]]:5: note: defer statement is here
    puts("body");
}

void call_builtin_longjmp(void)
{
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:12: error: call to '__builtin_longjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    _Defer __builtin_longjmp(bbuf, 1);
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}

// The names glibc's macros and _FORTIFY_SOURCE call (common/names.def), written directly.
extern int __setjmp(struct __jmp_buf_tag __env[1]);
extern void __longjmp_chk(struct __jmp_buf_tag __env[1], int __val);

void call_dunder_names(void)
{
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:12: error: call to '__setjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    _Defer __setjmp(env);
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-1]]:5: note: defer statement is here
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:12: error: call to '__sigsetjmp' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    _Defer __sigsetjmp(senv, 0);
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-1]]:5: note: defer statement is here
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE+1]]:12: error: call to '__longjmp_chk' in the deferred statement of the defer at {{.*}}e11_setjmp_family.c:[[@LINE+1]]:5{{$}}
    _Defer __longjmp_chk(env, 1);
    // CHECK: {{.*}}e11_setjmp_family.c:[[@LINE-1]]:5: note: defer statement is here
    puts("body");
}
