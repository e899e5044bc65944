// recover() in code running on another stack (SPEC 4): a signal handler on
// an alternate stack, raised by deferred code while a panic cleans up f(),
// calls g(), whose deferred recover() runs because g() returns normally.
// It must return NULL (g() is not the frame the panic is cleaning up) and
// leave the panic going; f()'s own deferred recover then gets it.  The
// alternate stack is a buffer on the main thread's stack and the panic runs
// in another thread, so the handler's frames lie above the stack pointer of
// the frame being cleaned up: only the runtime's same-stack check
// (docs/RUNTIME.md 3.2) tells them apart.  Both stacks are halves of one
// mapping (the thread's below), so the layout is the same on every machine
// (under qemu-user the main stack lies below the thread stacks).
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -lpthread -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -lpthread -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
//
// CHECK:      layout: alternate stack above the thread's stack
// CHECK-NEXT: handler: g's recover -> NULL
// CHECK-NEXT: f: recover -> boom
// CHECK-NEXT: f returned 0
// CHECK-NEXT: done
// CHECK-NOT:  {{.+}}

#define _GNU_SOURCE 1
#include <cdefer.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { ALT_SIZE = 256 * 1024, THREAD_STACK = 1024 * 1024 };

static char *alt;                      /* just above the thread's stack */
static const char *volatile g_saw = "not run";

__attribute__((noinline)) static int g(void)
{
    defer {
        const cdefer_panic_info *r = recover();
        g_saw = r ? r->message : "NULL";
    }
    return 1;
}

static void on_signal(int sig)
{
    (void)sig;
    g();
}

__attribute__((noinline)) static int f(void)
{
    defer {
        const cdefer_panic_info *r = recover();
        printf("f: recover -> %s\n", r ? r->message : "NULL");
    }
    defer {
        raise(SIGUSR1);
        printf("handler: g's recover -> %s\n", g_saw);
    }
    panic("boom");
    return 1;
}

static void *thread_main(void *arg)
{
    int here;
    stack_t ss;
    (void)arg;
    printf("layout: alternate stack %s the thread's stack\n",
           (uintptr_t)alt > (uintptr_t)&here ? "above" : "NOT above");
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = alt;
    ss.ss_size = ALT_SIZE;
    if (sigaltstack(&ss, NULL) != 0) {
        printf("sigaltstack failed\n");
        return NULL;
    }
    printf("f returned %d\n", f());
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    pthread_attr_t attr;
    pthread_t t;
    char *region = mmap(NULL, THREAD_STACK + ALT_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    setvbuf(stdout, NULL, _IONBF, 0);
    if (region == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    alt = region + THREAD_STACK;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstack(&attr, region, THREAD_STACK) != 0 ||
        pthread_create(&t, &attr, thread_main, NULL) != 0 || pthread_join(t, NULL) != 0) {
        printf("thread failed\n");
        return 1;
    }
    printf("done\n");
    return 0;
}
