// SPEC 3.1: deferred statements run while pthread_exit unwinds, and the
// value passed to pthread_exit still reaches pthread_join.
// NEEDS-UNWIND: pthread_exit runs deferred code only through the unwinder
// Not where qemu-user runs no thread (test/lit/cross.py: qemu-i386).
// REQUIRES: threads
// CFLAGS: -pthread
#include <pthread.h>
#include <stddefer.h>
#include <stdint.h>
#include <stdio.h>

static int counter;

static void *thread(void *arg)
{
    (void)arg;
    defer { counter += 10; puts("defer ran"); }
    pthread_exit((void *)(intptr_t)42);
}

int main(void)
{
    pthread_t t;
    void *ret = NULL;
    if (pthread_create(&t, NULL, thread, NULL) != 0)
        return 1;
    pthread_join(t, &ret);
    printf("value %d, counter %d\n", (int)(intptr_t)ret, counter);
    return 0;
}
