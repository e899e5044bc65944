// SPEC 3.6: death by a signal does not run deferred statements: the process
// dies by SIGTERM (exit status 128 + 15).
// EXIT: 143
#include <stddefer.h>
#include <signal.h>
#include <stdio.h>

static void f(void)
{
    defer {
        puts("f defer (must not run)");
        fflush(stdout);
    }
    puts("f raises SIGTERM");
    fflush(stdout);
    raise(SIGTERM);
    puts("not reached");
}

int main(void)
{
    signal(SIGTERM, SIG_DFL);
    defer {
        puts("main defer (must not run)");
        fflush(stdout);
    }
    puts("main");
    f();
    return 0;
}
