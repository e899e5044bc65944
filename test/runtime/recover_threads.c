// User-level: 16 threads panic and recover at once (SPEC 4: panics are per
// thread).
// Each thread panics 2000 times at varying depths, recovers in the frame
// that defers recover(), checks the message and payload are its own and
// that every reached deferred statement ran; some rounds nest a second
// panic, raised and recovered in a function that deferred code calls.
//
//
// Starts threads: not where qemu-user runs none (test/lit/cross.py: qemu-i386).
// REQUIRES: threads
// RUN: %cc -std=c11 -O2 -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t
// RUN: %run --timeout 60 %t | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O0 -g -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run --timeout 60 %t.O0 500 | %FileCheck --match-full-lines %s
// RUN: %if sanitizers %{ %cc -std=c11 -O1 -g -pthread -fsanitize=thread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.tsan %}
// RUN: %if sanitizers %{ env TSAN_OPTIONS=halt_on_error=1:exitcode=66 %run --timeout 120 %t.tsan 500 | %FileCheck --match-full-lines %s %}
// RUN: %if valgrind %{ %run --timeout 300 valgrind -q --error-exitcode=99 --leak-check=full %t 100 | %FileCheck --match-full-lines %s %}
// CHECK: 16 threads x {{[0-9]+}} panics: all recovered
// CHECK-NOT: {{.+}}

#define _POSIX_C_SOURCE 200809L
#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTHREADS 16

static pthread_barrier_t start;
static int iterations = 2000;

struct tally { long recovered, right, cleanups, nested; };
static struct tally tallies[NTHREADS];

__attribute__((noinline)) static void descend(int depth, int id, int i, long *cleanups)
{
    if (depth < 0)
        return;
    defer ++*cleanups;
    if (depth == 0)
        panic_value((void *)(long)(id * 100000 + i), "t%d i%d", id, i);
    descend(depth - 1, id, i, cleanups);
}

__attribute__((noinline)) static int nested(int id, long *cleanups)
{
    defer ++*cleanups;
    defer (void)recover();
    defer ++*cleanups;
    panic("nested in t%d", id);
    return 1;
}

__attribute__((noinline)) static int work(int id, int i, struct tally *t)
{
    defer ++t->cleanups;
    defer {
        const cdefer_panic_info *r = recover();
        char want[32];
        snprintf(want, sizeof want, "t%d i%d", id, i);
        if (r) {
            t->recovered++;
            if (!strcmp(r->message, want) && r->value == (void *)(long)(id * 100000 + i))
                t->right++;
        }
    }
    if (i % 7 == 3) {
        defer if (nested(id, &t->cleanups) == 0) t->nested++;
        descend(i % 5, id, i, &t->cleanups);
    }
    descend(i % 5, id, i, &t->cleanups);
    return 1;
}

static void *thread_main(void *arg)
{
    int id = (int)(long)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < iterations; i++)
        if (work(id, i, &tallies[id]) != 0)
            printf("thread %d round %d: work returned non-zero\n", id, i);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        iterations = atoi(argv[1]);
    pthread_t th[NTHREADS];
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (long id = 0; id < NTHREADS; id++)
        if (pthread_create(&th[id], NULL, thread_main, (void *)id) != 0)
            return 1;
    for (int id = 0; id < NTHREADS; id++)
        pthread_join(th[id], NULL);
    int bad = 0;
    for (int id = 0; id < NTHREADS; id++) {
        long want_cleanups = 0, want_nested = 0;
        for (int i = 0; i < iterations; i++) {
            int nest = i % 7 == 3;
            want_cleanups += 1 + (i % 5 + 1) + (nest ? 2 : 0);
            want_nested += nest;
        }
        struct tally *t = &tallies[id];
        if (t->recovered != iterations || t->right != iterations ||
            t->cleanups != want_cleanups || t->nested != want_nested) {
            printf("thread %d: recovered %ld, right %ld, cleanups %ld/%ld, nested %ld/%ld\n",
                   id, t->recovered, t->right, t->cleanups, want_cleanups, t->nested,
                   want_nested);
            bad++;
        }
    }
    printf("%d threads x %d panics: %s\n", NTHREADS, iterations, bad ? "FAILED" : "all recovered");
    return bad != 0;
}
