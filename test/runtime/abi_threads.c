// Runtime ABI, no plugin: 16 threads panic and recover at once, thousands
// of times, each seeing only its own panics (per-thread state), with the
// deferred statements of every frame run each time; some iterations nest a
// second panic, raised and recovered by a function that deferred code
// calls, inside the first.  Also run under ThreadSanitizer, ASan+UBSan and
// valgrind.
// NO-PLUGIN: the RUN lines pick their compilers; once is enough
//
// Starts threads: not where qemu-user runs none (test/lit/cross.py: qemu-i386).
// REQUIRES: threads
// RUN: %target-gcc -std=c11 -O2 -pthread -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.g2
// RUN: %run --timeout 60 %t.g2 | %FileCheck --match-full-lines %s
// RUN: clang-19 %clang-target -std=c11 -O2 -pthread -fexceptions -DOUTLINE -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.c19
// RUN: %run --timeout 60 %t.c19 | %FileCheck --match-full-lines %s
//
// RUN: %if sanitizers %{ %target-gcc -std=c11 -O1 -g -pthread -fexceptions -fsanitize=thread -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gtsan %}
// RUN: %if sanitizers %{ env TSAN_OPTIONS=halt_on_error=1:exitcode=66 %run --timeout 120 %t.gtsan 1000 | %FileCheck --match-full-lines %s %}
// RUN: %if sanitizers %{ clang-19 %clang-target -std=c11 -O1 -g -pthread -fexceptions -fsanitize=thread -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.ctsan %}
// RUN: %if sanitizers %{ env TSAN_OPTIONS=halt_on_error=1:exitcode=66 %run --timeout 120 %t.ctsan 1000 | %FileCheck --match-full-lines %s %}
//
// RUN: %if sanitizers %{ %target-gcc -std=c11 -O1 -g -pthread -fexceptions -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gasan %}
// RUN: %if sanitizers %{ %run --timeout 120 %t.gasan 1000 | %FileCheck --match-full-lines %s %}
// RUN: %if sanitizers %{ clang-19 %clang-target -std=c11 -O1 -g -pthread -fexceptions -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.casan %}
// RUN: %if sanitizers %{ %run --timeout 120 %t.casan 1000 | %FileCheck --match-full-lines %s %}
// RUN: %if sanitizers %{ env ASAN_OPTIONS=detect_stack_use_after_return=1 %run --timeout 120 %t.gasan 300 | %FileCheck --match-full-lines %s %}
//
// RUN: %if valgrind %{ %run --timeout 300 valgrind -q --error-exitcode=99 --leak-check=full %t.g2 100 | %FileCheck --match-full-lines %s %}

#define _POSIX_C_SOURCE 200809L
#include "abi.h"

#include <pthread.h>

#define NTHREADS 16

static pthread_barrier_t start;
static int iterations = 3000;

struct tally {
    long recovered, right_message, right_value, right_result, cleanups, nested;
};
static struct tally tallies[NTHREADS];

struct count_env { long *n; };
DEFER_FN defer_count(struct count_env *e) { ++*e->n; }

__attribute__((noinline)) static void descend(int depth, int id, int i, long *cleanups)
{
    if (depth < 0)
        return;
    DEFER_DECL(defer_count, struct count_env) = { cleanups };
    if (depth == 0)
        panic_value((void *)(long)(id * 100000 + i), "t%d i%d", id, i);
    descend(depth - 1, id, i, cleanups);
}

struct grab_env { __cdefer_frame *f; const cdefer_panic_info *volatile *out; };
DEFER_FN defer_grab(struct grab_env *e)
{
    *e->out = __cdefer_recover_in(e->f);
    __CDEFER_BARRIER();
}

/* A function called by deferred code that panics and recovers itself. */
__attribute__((noinline)) static int nested(int id, long *cleanups)
{
    RECOVERING(int, -id);
    const cdefer_panic_info *volatile got = NULL;
    DEFER_DECL(defer_count, struct count_env) = { cleanups };
    DEFER_DECL(defer_grab, struct grab_env) = { &cdefer_f_, &got };
    DEFER_DECL(defer_count, struct count_env) = { cleanups };
    panic("nested in t%d", id);
    RETURN(0);
}

struct nest_env { int id; long *cleanups, *nested_ok; };
DEFER_FN defer_nest(struct nest_env *e)
{
    if (nested(e->id, e->cleanups) == -e->id)
        ++*e->nested_ok;
}

__attribute__((noinline)) static int work(int id, int i, struct tally *t,
                                         const cdefer_panic_info *volatile *got)
{
    RECOVERING(int, 0);
    DEFER_DECL(defer_count, struct count_env) = { &t->cleanups };
    DEFER_DECL(defer_grab, struct grab_env) = { &cdefer_f_, got };
    int nest = i % 7 == 3;
    struct nest_env ne = { id, &t->cleanups, &t->nested };
    if (nest) {
        /* a deferred statement that calls a function that panics and
         * recovers, while this panic is being unwound */
        DEFER_DECL(defer_nest, struct nest_env) = ne;
        descend(i % 5, id, i, &t->cleanups);
    }
    descend(i % 5, id, i, &t->cleanups);
    RETURN(1);
}

static void *thread_main(void *arg)
{
    int id = (int)(long)arg;
    struct tally *t = &tallies[id];
    pthread_barrier_wait(&start);
    for (int i = 0; i < iterations; i++) {
        const cdefer_panic_info *volatile got = NULL;
        int r = work(id, i, t, &got);
        char want[32];
        snprintf(want, sizeof want, "t%d i%d", id, i);
        if (got) {
            t->recovered++;
            if (!strcmp(got->message, want))
                t->right_message++;
            if (got->value == (void *)(long)(id * 100000 + i))
                t->right_value++;
        }
        if (r == 0)
            t->right_result++;
    }
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
        struct tally *t = &tallies[id];
        long want_cleanups = 0, want_nested = 0;
        for (int i = 0; i < iterations; i++) {
            /* work's own + descend's (i % 5 + 1), twice when nesting, plus
             * nested()'s two */
            int nest = i % 7 == 3;
            want_cleanups += 1 + (i % 5 + 1) + (nest ? 2 : 0);
            want_nested += nest;
        }
        if (t->recovered != iterations || t->right_message != iterations ||
            t->right_value != iterations || t->right_result != iterations ||
            t->cleanups != want_cleanups || t->nested != want_nested) {
            printf("thread %d: recovered %ld, message %ld, value %ld, result %ld, "
                   "cleanups %ld/%ld, nested %ld/%ld\n", id, t->recovered,
                   t->right_message, t->right_value, t->right_result, t->cleanups,
                   want_cleanups, t->nested, want_nested);
            bad++;
        }
    }
    printf("%d threads x %d panics: %s\n", NTHREADS, iterations, bad ? "FAILED" : "all recovered");
    return bad != 0;
}
// CHECK: 16 threads x {{[0-9]+}} panics: all recovered
// CHECK-NOT: {{.+}}
