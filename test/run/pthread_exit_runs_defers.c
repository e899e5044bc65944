// SPEC 3.1: pthread_exit unwinds the thread's stack and runs every reached
// deferred statement, innermost first, in every frame.
// NEEDS-UNWIND: pthread_exit runs deferred code only through the unwinder
// Not where qemu-user runs no thread (test/lit/cross.py: qemu-i386).
// REQUIRES: threads
// CFLAGS: -pthread
#include <pthread.h>
#include <stddefer.h>
#include <stdio.h>

static void leave(void)
{
    defer puts("leave defer");
    puts("leave: pthread_exit");
    pthread_exit(NULL);
}

static void *thread(void *arg)
{
    (void)arg;
    defer puts("thread defer");
    {
        defer puts("block defer");
        leave();
    }
    puts("not reached");
    return NULL;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, thread, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    puts("joined");
    return 0;
}
