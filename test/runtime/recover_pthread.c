// User-level: pthread_exit and pthread_cancel run deferred statements but
// are not panics: recover() in them returns NULL and the thread still ends
// (SPEC 3.1, 4).  (Without the recover lowering recover() would be NULL
// everywhere and this would pass vacuously: the third line checks that a
// panic is recovered in the same thread before.)
//
//
// Where the unwinder cannot leave a signal handler's frame (feature
// signal-unwind, test/lit/cross.py: qemu-ppc64le) the program is run with
// `no-cancel`, which leaves the pthread_cancel case out: cancellation of a
// thread blocked in read() is raised from glibc's signal handler.
// REQUIRES: threads
//
// RUN: %cc -std=c11 -O0 -g -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 %if !signal-unwind %{ no-cancel %} | %FileCheck --match-full-lines %if signal-unwind %{ --check-prefixes=CHECK,CANCEL %} %s
// RUN: %cc -std=c11 -O2 -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 %if !signal-unwind %{ no-cancel %} | %FileCheck --match-full-lines %if signal-unwind %{ --check-prefixes=CHECK,CANCEL %} %s
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.O2 | %FileCheck --match-full-lines --check-prefixes=CHECK,CANCEL %s %}
// CHECK:      pthread_exit: cleanups 2, recover -> NULL, exit value 42
// CANCEL-NEXT: pthread_cancel: cleanups 1, recover -> NULL, cancelled yes
// CHECK-NEXT: earlier panic: recover -> boom, returned 0
// CHECK-NEXT: pthread_exit after a recovered panic: cleanups 2, recover -> NULL, exit value 42
// CHECK-NOT:  {{.+}}

#define _POSIX_C_SOURCE 200809L
#include <cdefer.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct seen { int cleanups; char got[32]; };

__attribute__((noinline)) static void exit_now(struct seen *s)
{
    defer s->cleanups++;
    pthread_exit((void *)42);
}

__attribute__((noinline)) static int exiter(struct seen *s)
{
    defer s->cleanups++;
    defer {
        const cdefer_panic_info *r = recover();
        snprintf(s->got, sizeof s->got, "%s", r ? r->message : "NULL");
    }
    exit_now(s);
    return 1;
}

static void *exit_thread(void *arg)
{
    exiter(arg);
    printf("not reached: exiter returned\n");
    return NULL;
}

static sem_t ready;
static int never[2];

__attribute__((noinline)) static int cancelled(struct seen *s)
{
    defer s->cleanups++;
    defer {
        const cdefer_panic_info *r = recover();
        snprintf(s->got, sizeof s->got, "%s", r ? r->message : "NULL");
    }
    sem_post(&ready);
    char c;
    while (read(never[0], &c, 1) >= 0)   /* a cancellation point; blocks */
        ;
    return 1;
}

static void *cancel_thread(void *arg)
{
    cancelled(arg);
    printf("not reached: cancelled returned\n");
    return NULL;
}

__attribute__((noinline)) static int recovers(char *got, size_t n)
{
    defer {
        const cdefer_panic_info *r = recover();
        snprintf(got, n, "%s", r ? r->message : "NULL");
    }
    panic("boom");
    return 1;
}

static void *recover_then_exit_thread(void *arg)
{
    char got[32] = "";
    int r = recovers(got, sizeof got);
    printf("earlier panic: recover -> %s, returned %d\n", got, r);
    exiter(arg);
    return NULL;
}

int main(int argc, char **argv)
{
    int cancel = !(argc > 1 && strcmp(argv[1], "no-cancel") == 0);
    setvbuf(stdout, NULL, _IONBF, 0);
    if (pipe(never) != 0)
        return 1;
    sem_init(&ready, 0, 0);
    pthread_t th;
    void *ret;

    struct seen a = {0};
    pthread_create(&th, NULL, exit_thread, &a);
    pthread_join(th, &ret);
    printf("pthread_exit: cleanups %d, recover -> %s, exit value %ld\n", a.cleanups, a.got,
           (long)ret);

    if (cancel) {
        struct seen b = {0};
        pthread_create(&th, NULL, cancel_thread, &b);
        sem_wait(&ready);
        pthread_cancel(th);
        pthread_join(th, &ret);
        printf("pthread_cancel: cleanups %d, recover -> %s, cancelled %s\n", b.cleanups, b.got,
               ret == PTHREAD_CANCELED ? "yes" : "no");
    }

    struct seen c = {0};
    pthread_create(&th, NULL, recover_then_exit_thread, &c);
    pthread_join(th, &ret);
    printf("pthread_exit after a recovered panic: cleanups %d, recover -> %s, exit value %ld\n",
           c.cleanups, c.got, (long)ret);
    return 0;
}
