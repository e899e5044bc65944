// SPEC 3.6: abort() does not run deferred statements: the process dies by
// SIGABRT (exit status 128 + 6). Core dumps are switched off first.
// EXIT: 134
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

static void f(void)
{
    defer {
        puts("f defer (must not run)");
        fflush(stdout);
    }
    puts("f calls abort()");
    fflush(stdout);
    abort();
}

int main(void)
{
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    defer {
        puts("main defer (must not run)");
        fflush(stdout);
    }
    puts("main");
    f();
    return 0;
}
