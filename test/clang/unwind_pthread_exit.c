// SPEC 3.1 / 6: exceptions are on by default, so pthread_exit (forced
// unwinding) from a callee runs the reached deferred statements of every
// frame, innermost first; with unwind=off it runs none of them.
// RUN: %clang-plugin-cc -O2 -pthread %s -o %t.exe
// RUN: %run %t.exe | %FileCheck --check-prefix=ON %s
// RUN: %clang-plugin-cc -O0 -pthread %s -o %t.o0.exe
// RUN: %run %t.o0.exe | %FileCheck --check-prefix=ON %s
// RUN: %clang-plugin-cc -O2 -pthread -Xclang -plugin-arg-cdefer -Xclang unwind=off %s -o %t.nu.exe
// RUN: %run %t.nu.exe | %FileCheck --check-prefix=OFF %s
#include <pthread.h>
#include <stddefer.h>
#include <stdio.h>

__attribute__((noinline)) static void leave(void)
{
    defer puts("leave deferred");
    pthread_exit(0);
}

static void *thread(void *arg)
{
    (void)arg;
    defer puts("thread deferred (outer)");
    {
        defer puts("thread deferred (inner)");
        _Defer puts("second inner");
        leave();
    }
    return 0;
}

int main(void)
{
    pthread_t t;
    setvbuf(stdout, 0, _IONBF, 0);
    pthread_create(&t, 0, thread, 0);
    pthread_join(t, 0);
    puts("joined");
    return 0;
}
// ON: leave deferred
// ON-NEXT: second inner
// ON-NEXT: thread deferred (inner)
// ON-NEXT: thread deferred (outer)
// ON-NEXT: joined
// OFF-NOT: deferred
// OFF: joined
