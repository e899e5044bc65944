// SPEC 3.2: only defers that control reached run during unwinding; one after
// the pthread_exit call was never registered.
// NEEDS-UNWIND: pthread_exit runs deferred code only through the unwinder
// Not where qemu-user runs no thread (test/lit/cross.py: qemu-i386).
// REQUIRES: threads
// CFLAGS: -pthread
#include <pthread.h>
#include <stddefer.h>
#include <stdio.h>

static void *thread(void *arg)
{
    defer puts("reached defer");
    if (arg)
        pthread_exit(NULL);
    defer puts("unreached defer");
    return NULL;
}

int main(void)
{
    static int flag = 1;
    pthread_t t;
    if (pthread_create(&t, NULL, thread, &flag) != 0)
        return 1;
    pthread_join(t, NULL);
    puts("joined");
    return 0;
}
