// SPEC 3.1, 3.5: a defer in a loop body runs at the end of each iteration; in
// the iteration that calls pthread_exit it runs during unwinding, before the
// function's own defer.
// NEEDS-UNWIND: pthread_exit runs deferred code only through the unwinder
// Not where qemu-user runs no thread (test/lit/cross.py: qemu-i386).
// REQUIRES: threads
// CFLAGS: -pthread
#include <pthread.h>
#include <stddefer.h>
#include <stdio.h>

static void *thread(void *arg)
{
    (void)arg;
    defer puts("function defer");
    for (int i = 0; i < 3; i++) {
        defer printf("iteration %d defer\n", i);
        if (i == 1)
            pthread_exit(NULL);
        printf("iteration %d\n", i);
    }
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
