// SPEC 3.6: exit() does not run deferred statements (of the caller or of main);
// it does run atexit handlers and flush stdout.
// EXIT: 3
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>

static void handler(void)
{
    puts("atexit handler");
}

static void f(void)
{
    defer puts("f defer (must not run)");
    puts("f calls exit(3)");
    exit(3);
}

int main(void)
{
    atexit(handler);
    defer puts("main defer (must not run)");
    puts("main");
    f();
    return 0;
}
