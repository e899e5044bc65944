// SPEC 3.6: longjmp out of a defer's block (from the same function or from a
// callee) does not run the deferred statements. setjmp/longjmp outside
// deferred statements are allowed.
#include <stddefer.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;

static void inner(void)
{
    defer puts("inner defer (must not run)");
    puts("inner: longjmp");
    longjmp(env, 1);
}

static void outer(void)
{
    defer puts("outer defer (must not run)");
    puts("outer: calling inner");
    inner();
}

int main(void)
{
    if (setjmp(env) == 0) {
        puts("main: setjmp returned 0");
        outer();
    } else {
        puts("main: back from a callee's longjmp");
    }
    if (setjmp(env) == 0) {
        defer puts("main block defer (must not run)");
        puts("main: longjmp out of this block");
        longjmp(env, 2);
    } else {
        puts("main: back from the block's longjmp");
    }
    return 0;
}
