// -Wclobbered (in -Wextra) is kept quiet in recovering functions
// (docs/RUNTIME.md 2.2 item 7): after the longjmp they only return the
// result slot.  GCC warns about this recursive function's parameters when
// the same lowering is written by hand; a user's own setjmp in another
// function of the file is still warned about.
// RUN: %gcc-plugin-cc -O2 -Wextra -c %s -o /dev/null 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %gcc-plugin-cc -O2 -Wextra -DBY_HAND -c %s -o /dev/null 2>&1 | %FileCheck %s --check-prefix=HAND
#include <cdefer.h>
#include <setjmp.h>
#include <stdio.h>
int work(int);

#ifdef BY_HAND
// HAND: recover_clobbered.c:[[#@LINE+1]]:13: warning: argument 'n' might be clobbered by 'longjmp' or 'vfork' [-Wclobbered]
int rec(int n, int k)
{
    __cdefer_frame f;
    int res = 0;
    f.__result = &res;
    f.__frame = __builtin_frame_address(0);
    if (__builtin_expect(__cdefer_setjmp(&f), 0))
        return res;
    defer { if (__cdefer_recover_in(&f)) printf("recovered\n"); }
#else
int rec(int n, int k)
{
    defer { if (recover()) printf("recovered\n"); }
#endif
    while (n > 0) {
        k += work(n);
        n--;
    }
    if (k > 3)
        return rec(k - 5, n);
    return k;
}

jmp_buf jb;
// CHECK: recover_clobbered.c:[[#@LINE+2]]:20: warning: argument 'n' might be clobbered by 'longjmp' or 'vfork' [-Wclobbered]
// CHECK: recover_clobbered.c:[[#@LINE+1]]:27: warning: argument 'k' might be clobbered by 'longjmp' or 'vfork' [-Wclobbered]
int own_setjmp(int n, int k)
{
    if (setjmp(jb))
        return k;
    while (n > 0) {
        k += work(n);
        n--;
    }
    if (k > 3)
        return own_setjmp(k - 5, n);
    return k;
}
