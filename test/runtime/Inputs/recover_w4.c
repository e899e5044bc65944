// The program of recover_w4_gcc.c and recover_w4_clang.c (W4,
// docs/DIAGNOSTICS.md): compiled with unwinding off, each recover() in a
// deferred statement (at any depth, either spelling) is warned about at the
// `recover` name; one outside any deferred statement keeps W3 alone.
#include <cdefer.h>
#include <stdio.h>

int outside(void)
{
    defer puts("no recover here");
    return recover() != 0;
// CHECK: recover_w4.c:[[#@LINE-1]]:12: warning: 'recover()' outside a deferred statement always returns NULL
// ON: recover_w4.c:[[#@LINE-2]]:12: warning: 'recover()' outside a deferred statement always returns NULL
}

int f(void)
{
    defer {
        const cdefer_panic_info *p = recover();
// CHECK: recover_w4.c:[[#@LINE-1]]:38: warning: 'recover()' always returns NULL with unwinding off: deferred statements do not run during a panic
        if (p)
            puts(p->message);
    }
    defer {
        defer (void)cdefer_recover();
// CHECK: recover_w4.c:[[#@LINE-1]]:21: warning: 'recover()' always returns NULL with unwinding off: deferred statements do not run during a panic
    }
    return 0;
}
