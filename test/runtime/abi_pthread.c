// Runtime ABI, no plugin: pthread_exit and pthread_cancel are forced
// unwinds of glibc's own, not panics.  They run the deferred statements
// (cleanups) of every frame, and recover() returns NULL in them: the thread
// still ends, with its exit value or PTHREAD_CANCELED -- also while another
// thread is in the middle of a panic, and in a thread that recovered a panic
// before.  pthread_exit called by deferred code that a panic runs ends the
// thread too (GCC only: Clang aborts when its unwind-path cleanup code
// unwinds, see abi_nested.c); the process goes on and can panic again.
// NO-PLUGIN: the RUN lines pick their compilers; once is enough
// Where the unwinder cannot leave a signal handler's frame (feature
// signal-unwind, test/lit/cross.py: qemu-ppc64le) a second argument
// `no-cancel` leaves the pthread_cancel case out (CANCEL lines).
// REQUIRES: threads
//
// RUN: %target-gcc -std=c11 -O0 -g -pthread -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.g0
// RUN: %run %t.g0 all %if !signal-unwind %{ no-cancel %} | %FileCheck --match-full-lines --check-prefixes=CHECK,GCC%if signal-unwind %{,CANCEL%} %s
// RUN: %target-gcc -std=c11 -O2 -pthread -fexceptions -DOUTLINE -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.g2
// RUN: %run %t.g2 all %if !signal-unwind %{ no-cancel %} | %FileCheck --match-full-lines --check-prefixes=CHECK,GCC%if signal-unwind %{,CANCEL%} %s
// RUN: clang-19 %clang-target -std=c11 -O2 -pthread -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.c19
// RUN: %run %t.c19 portable %if !signal-unwind %{ no-cancel %} | %FileCheck --match-full-lines --check-prefixes=CHECK%if signal-unwind %{,CANCEL%} %s
// RUN: clang-22 %clang-target -std=c2y -O0 -pthread -fexceptions -DOUTLINE -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.c22
// RUN: %run %t.c22 portable %if !signal-unwind %{ no-cancel %} | %FileCheck --match-full-lines --check-prefixes=CHECK%if signal-unwind %{,CANCEL%} %s
// RUN: %if sanitizers %{ %target-gcc -std=c11 -O1 -g -pthread -fexceptions -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gasan %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.gasan all | %FileCheck --match-full-lines --check-prefixes=CHECK,GCC,CANCEL %s %}
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.g2 all | %FileCheck --match-full-lines --check-prefixes=CHECK,GCC,CANCEL %s %}

#define _POSIX_C_SOURCE 200809L
#include "abi.h"

#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

struct seen {
    int cleanups;
    int recover_ran;
    const cdefer_panic_info *volatile got;
    char msg[64];   /* the record lives until the thread's next panic or its end */
};

struct count_env { int *n; };
DEFER_FN defer_count(struct count_env *e) { ++*e->n; }

/* defer { s->got = recover(); s->recover_ran = 1; } */
struct watch_env { __cdefer_frame *f; struct seen *s; };
DEFER_FN defer_watch(struct watch_env *e)
{
    e->s->got = __cdefer_recover_in(e->f);
    snprintf(e->s->msg, sizeof e->s->msg, "%s", e->s->got ? e->s->got->message : "NULL");
    e->s->recover_ran = 1;
}

static void report(const char *what, struct seen *s, void *ret, void *want)
{
    printf("%s: cleanups %d, recover ran %d, recover -> %s, exit value %s\n", what,
           s->cleanups, s->recover_ran, s->recover_ran ? s->msg : "NULL",
           ret == want ? "right" : "WRONG");
}

/* --- pthread_exit from a callee ---------------------------------------- */
__attribute__((noinline)) static void exit_now(struct seen *s)
{
    DEFER_DECL(defer_count, struct count_env) = { &s->cleanups };
    pthread_exit((void *)42);
}
__attribute__((noinline)) static int exiter(struct seen *s)
{
    RECOVERING(int, 0);
    DEFER_DECL(defer_count, struct count_env) = { &s->cleanups };
    DEFER_DECL(defer_watch, struct watch_env) = { &cdefer_f_, s };
    exit_now(s);
    RETURN(1);
}
static void *exit_thread(void *arg)
{
    exiter(arg);
    printf("not reached: exiter returned\n");
    return NULL;
}
// CHECK: pthread_exit: cleanups 2, recover ran 1, recover -> NULL, exit value right

/* --- pthread_cancel at a cancellation point ----------------------------- */
static sem_t cancel_ready;
static int never[2];
__attribute__((noinline)) static int cancelled(struct seen *s)
{
    RECOVERING(int, 0);
    DEFER_DECL(defer_count, struct count_env) = { &s->cleanups };
    DEFER_DECL(defer_watch, struct watch_env) = { &cdefer_f_, s };
    sem_post(&cancel_ready);
    char c;
    for (;;)
        if (read(never[0], &c, 1) < 0)   /* a cancellation point; blocks */
            break;
    RETURN(1);
}
static void *cancel_thread(void *arg)
{
    cancelled(arg);
    printf("not reached: cancelled returned\n");
    return NULL;
}
// CANCEL: pthread_cancel: cleanups 1, recover ran 1, recover -> NULL, exit value right

/* --- pthread_exit while another thread is unwinding a panic ------------ */
static sem_t panicker_in_defer, exiter_done;
struct wait_env { int dummy; };
DEFER_FN defer_wait_for_exiter(struct wait_env *e)
{
    (void)e;
    sem_post(&panicker_in_defer);   /* this thread's panic is being unwound */
    sem_wait(&exiter_done);
}
__attribute__((noinline)) static void raise_it(void) { panic("panicker's panic"); }
__attribute__((noinline)) static int panicker(struct seen *s)
{
    RECOVERING(int, 5);
    DEFER_DECL(defer_watch, struct watch_env) = { &cdefer_f_, s };
    DEFER_DECL(defer_wait_for_exiter, struct wait_env) = { 0 };
    raise_it();
    RETURN(1);
}
static void *panicker_thread(void *arg)
{
    return (void *)(long)panicker(arg);
}
struct post_env { sem_t *sem; };
DEFER_FN defer_post(struct post_env *e) { sem_post(e->sem); }
__attribute__((noinline)) static int exiter_during(struct seen *s)
{
    RECOVERING(int, 0);
    DEFER_DECL(defer_post, struct post_env) = { &exiter_done };
    DEFER_DECL(defer_watch, struct watch_env) = { &cdefer_f_, s };
    sem_wait(&panicker_in_defer);
    pthread_exit((void *)43);
    RETURN(1);
}
static void *exiter_during_thread(void *arg)
{
    exiter_during(arg);
    return NULL;
}
// CHECK: pthread_exit during another thread's panic: cleanups 0, recover ran 1, recover -> NULL, exit value right
// CHECK: the other thread's panic: cleanups 0, recover ran 1, recover -> panicker's panic, exit value right

/* --- pthread_exit in a thread that recovered a panic before ------------- */
__attribute__((noinline)) static int recovers(struct seen *s)
{
    RECOVERING(int, 7);
    DEFER_DECL(defer_watch, struct watch_env) = { &cdefer_f_, s };
    raise_it();
    RETURN(1);
}
static void *recovered_then_exit_thread(void *arg)
{
    struct seen first = {0};
    int r = recovers(&first);
    printf("earlier panic: recover -> %s, returned %d\n", first.got ? first.got->message : "NULL", r);
    exiter(arg);
    return NULL;
}
// CHECK: earlier panic: recover -> panicker's panic, returned 7
// CHECK: pthread_exit after a recovered panic: cleanups 2, recover ran 1, recover -> NULL, exit value right

/* --- pthread_exit from deferred code run by a panic (GCC only) -------- */
DEFER_FN defer_exit(struct seen **s)
{
    ++(*s)->cleanups;
    pthread_exit((void *)44);
}
__attribute__((noinline)) static void exits_in_defer(struct seen *s)
{
    DEFER_DECL(defer_count, struct count_env) = { &s->cleanups };
    DEFER_DECL(defer_exit, struct seen *) = s;
    DEFER_DECL(defer_count, struct count_env) = { &s->cleanups };
    raise_it();
}
static void *exit_in_defer_thread(void *arg)
{
    exits_in_defer(arg);
    return NULL;
}
// GCC: pthread_exit from deferred code during a panic: cleanups 3, recover ran 0, recover -> NULL, exit value right
// GCC: a later panic in a new thread: cleanups 0, recover ran 1, recover -> panicker's panic, exit value right

static void run(const char *what, void *(*fn)(void *), struct seen *s, void *want)
{
    pthread_t th;
    void *ret = NULL;
    if (pthread_create(&th, NULL, fn, s) != 0 || pthread_join(th, &ret) != 0) {
        printf("%s: pthread_create/join failed\n", what);
        exit(1);
    }
    report(what, s, ret, want);
}

int main(int argc, char **argv)
{
    int all = argc > 1 && !strcmp(argv[1], "all");
    int cancel = !(argc > 2 && !strcmp(argv[2], "no-cancel"));
    setvbuf(stdout, NULL, _IONBF, 0);
    if (pipe(never) != 0)
        return 1;
    sem_init(&cancel_ready, 0, 0);
    sem_init(&panicker_in_defer, 0, 0);
    sem_init(&exiter_done, 0, 0);

    struct seen s1 = {0};
    run("pthread_exit", exit_thread, &s1, (void *)42);

    if (cancel) {
        struct seen s2 = {0};
        pthread_t th;
        void *ret = NULL;
        pthread_create(&th, NULL, cancel_thread, &s2);
        sem_wait(&cancel_ready);
        pthread_cancel(th);
        pthread_join(th, &ret);
        report("pthread_cancel", &s2, ret, PTHREAD_CANCELED);
    }

    struct seen s3 = {0}, s4 = {0};
    pthread_t p, e;
    void *pret = NULL, *eret = NULL;
    pthread_create(&p, NULL, panicker_thread, &s3);
    pthread_create(&e, NULL, exiter_during_thread, &s4);
    pthread_join(e, &eret);
    pthread_join(p, &pret);
    report("pthread_exit during another thread's panic", &s4, eret, (void *)43);
    report("the other thread's panic", &s3, pret, (void *)5);

    struct seen s5 = {0};
    run("pthread_exit after a recovered panic", recovered_then_exit_thread, &s5, (void *)42);

    if (all) {
        struct seen s6 = {0};
        run("pthread_exit from deferred code during a panic", exit_in_defer_thread, &s6,
            (void *)44);
        struct seen s7 = {0};
        sem_post(&exiter_done);
        run("a later panic in a new thread", panicker_thread, &s7, (void *)5);
    }
    return 0;
}
