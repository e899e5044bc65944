// SPEC 3.1: pthread_cancel acting at a cancellation point (pause) unwinds the
// thread and runs its reached deferred statements, innermost first.
// NEEDS-UNWIND: cancellation runs deferred code only through the unwinder
// Not where qemu-user runs no thread (qemu-i386) or the unwinder cannot
// leave the signal handler that cancels a thread blocked in pause()
// (qemu-ppc64le): test/lit/cross.py.
// REQUIRES: threads, signal-unwind
// CFLAGS: -pthread
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stddefer.h>
#include <stdio.h>
#include <unistd.h>

static pthread_barrier_t ready;

static void *thread(void *arg)
{
    (void)arg;
    defer puts("outer defer");
    {
        defer puts("inner defer");
        pthread_barrier_wait(&ready);
        for (;;)
            pause();            /* a cancellation point */
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    void *ret = NULL;
    pthread_barrier_init(&ready, NULL, 2);
    if (pthread_create(&t, NULL, thread, NULL) != 0)
        return 1;
    pthread_barrier_wait(&ready);
    pthread_cancel(t);
    pthread_join(t, &ret);
    puts(ret == PTHREAD_CANCELED ? "cancelled" : "not cancelled");
    return 0;
}
