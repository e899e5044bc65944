// SPEC 3.1, 4: a panic or pthread_exit raised by a deferred statement that
// runs on a normal exit unwinds through every caller, running their
// deferred statements and reaching their recover() -- also when the
// function's only call that may unwind is the one in its deferred statement
// (raise_*: its body has no other call), at every -O, whether that function
// is defined before its caller (emitted first) or after it.  (Clang's
// CodeGen used to mark such a function nounwind, and the callers' landing
// pads were dropped: the panic escaped with exit 2, pthread_exit skipped
// the callers' deferred code.)
//
// Where qemu-user runs no thread (feature threads, test/lit/cross.py:
// qemu-i386) the program is run with `no-threads`: the panics only, without
// the pthread_exit cases (THREADS lines).
// RUN: %cc -std=c11 -O0 -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 %if !threads %{ no-threads %} | %FileCheck --match-full-lines %if threads %{ --check-prefixes=CHECK,THREADS %} %s
// RUN: %cc -std=c11 -O1 -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O1
// RUN: %run %t.O1 %if !threads %{ no-threads %} | %FileCheck --match-full-lines %if threads %{ --check-prefixes=CHECK,THREADS %} %s
// RUN: %cc -std=c11 -O2 -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 %if !threads %{ no-threads %} | %FileCheck --match-full-lines %if threads %{ --check-prefixes=CHECK,THREADS %} %s
// RUN: %cc -std=c11 -O3 -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O3
// RUN: %run %t.O3 %if !threads %{ no-threads %} | %FileCheck --match-full-lines %if threads %{ --check-prefixes=CHECK,THREADS %} %s
// RUN: %cc -std=c11 -Os -pthread -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.Os
// RUN: %run %t.Os %if !threads %{ no-threads %} | %FileCheck --match-full-lines %if threads %{ --check-prefixes=CHECK,THREADS %} %s
// CHECK:      raise_first deferred
// CHECK-NEXT: middle_first deferred
// CHECK-NEXT: top_first deferred: recover -> raised by raise_first
// CHECK-NEXT: top_first -> -1
// CHECK-NEXT: raise_last deferred
// CHECK-NEXT: middle_last deferred
// CHECK-NEXT: top_last deferred: recover -> raised by raise_last
// CHECK-NEXT: top_last -> -1
// THREADS-NEXT: raise_first deferred
// THREADS-NEXT: middle_first deferred
// THREADS-NEXT: top_first deferred: recover -> NULL
// THREADS-NEXT: thread deferred
// THREADS-NEXT: joined
// THREADS-NEXT: raise_last deferred
// THREADS-NEXT: middle_last deferred
// THREADS-NEXT: top_last deferred: recover -> NULL
// THREADS-NEXT: thread deferred
// THREADS-NEXT: joined
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { PANIC = 1, EXIT = 2 };
static volatile int mode;

/* Defined before its callers: CodeGen has emitted it when it emits them. */
__attribute__((noinline)) void raise_first(void)
{
    defer {
        printf("raise_first deferred\n");
        if (mode == PANIC)
            panic("raised by raise_first");
        if (mode == EXIT)
            pthread_exit(0);
    }
}

__attribute__((noinline)) void middle_first(void)
{
    defer printf("middle_first deferred\n");
    raise_first();
}

__attribute__((noinline)) int top_first(void)
{
    cdefer_result int r = 0;
    defer {
        const cdefer_panic_info *p = recover();
        printf("top_first deferred: recover -> %s\n", p ? p->message : "NULL");
        if (p)
            r = -1;
    }
    middle_first();
    return 1;
}

/* Defined after its callers. */
void raise_last(void);

__attribute__((noinline)) void middle_last(void)
{
    defer printf("middle_last deferred\n");
    raise_last();
}

__attribute__((noinline)) int top_last(void)
{
    cdefer_result int r = 0;
    defer {
        const cdefer_panic_info *p = recover();
        printf("top_last deferred: recover -> %s\n", p ? p->message : "NULL");
        if (p)
            r = -1;
    }
    middle_last();
    return 1;
}

__attribute__((noinline)) void raise_last(void)
{
    defer {
        printf("raise_last deferred\n");
        if (mode == PANIC)
            panic("raised by raise_last");
        if (mode == EXIT)
            pthread_exit(0);
    }
}

static void *thread(void *arg)
{
    defer printf("thread deferred\n");
    if (arg)
        top_first();
    else
        top_last();
    printf("not reached: top returned\n");
    return 0;
}

int main(int argc, char **argv)
{
    mode = PANIC;
    printf("top_first -> %d\n", top_first());
    printf("top_last -> %d\n", top_last());
    if (argc > 1 && strcmp(argv[1], "no-threads") == 0)
        return 0;
    mode = EXIT;
    for (int first = 1; first >= 0; first--) {
        pthread_t t;
        fflush(stdout);
        if (pthread_create(&t, 0, thread, first ? (void *)1 : 0) != 0 || pthread_join(t, 0) != 0)
            return 1;
        printf("joined\n");
    }
    return 0;
}
