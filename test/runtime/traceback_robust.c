// The report of an unrecovered panic comes out at the worst moments
// (docs/RUNTIME.md "Unrecovered panics"): 10 000 frames deep (the first 64
// and the last 16 frames, with a count of the others, as Go elides), with
// the heap corrupted (libdw's child process dies; the frames keep their
// names), from a thread other than main, and while another thread holds
// the dynamic loader's lock forever (dladdr would wait for it; the libdw
// child, which needs it for dlopen, is given up after its time limit).
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t
// RUN: sh -c '%run %t deep >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=DEEP %s <%t.err
// The 64 frames after the `at` line (lines 3 to 130) are all rec's, with
// their lines where the program can load its target's libdw (not under
// qemu-user: feature target-libdw, test/lit/cross.py), else with offsets:
// RUN: %if target-libdw %{ awk 'NR >= 3 && NR <= 130 && !/^(rec(\.[a-z]+(\.[0-9]+)?)*\+0x[0-9a-f]+|\t.*traceback_robust.c:[0-9]+)$/ { n++ } END { print n + 0 }' %t.err | %FileCheck --check-prefix=ZERO %s %}
// RUN: %if !target-libdw %{ awk 'NR >= 3 && NR <= 130 && !/^(rec(\.[a-z]+(\.[0-9]+)?)*\+0x[0-9a-f]+|\t.*\+0x[0-9a-f]+)$/ { n++ } END { print n + 0 }' %t.err | %FileCheck --check-prefix=ZERO %s %}
// and there are 80 frames in all (one line starting with a tab each, or
// one `#N 0xADDR in ?? (OBJECT+0xOFF)` line for a frame without a name):
// RUN: grep -cE '^(	[^a]|#[0-9]+ 0x)' %t.err | %FileCheck --check-prefix=EIGHTY %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.o2
// RUN: sh -c '%run %t.o2 deep >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=DEEP %s <%t.err
// RUN: grep -cE '^(	[^a]|#[0-9]+ 0x)' %t.err | %FileCheck --check-prefix=EIGHTY %s
// RUN: awk 'NR >= 3 && NR <= 130 && !/^(rec(\.[a-z]+(\.[0-9]+)?)*\+0x[0-9a-f]+|\t.*\+0x[0-9a-f]+)$/ { n++ } END { print n + 0 }' %t.err | %FileCheck --check-prefix=ZERO %s
//
// RUN: sh -c '%run %t heap >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=HEAP %s <%t.err
// RUN: sh -c '%run %t.o2 heap >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=HEAP %s <%t.err
//
// The two cases below start a thread: not where qemu-user runs none
// (feature threads, test/lit/cross.py: qemu-i386).
// RUN: %if threads %{ sh -c '%run %t thread >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s %}
// RUN: %if threads %{ %if target-libdw %{ %FileCheck --check-prefixes=THREAD,THREAD-DW %s <%t.err %} %else %{ %FileCheck --check-prefixes=THREAD,THREAD-NODW %s <%t.err %} %}
//
// RUN: %cc -shared -fPIC %S/Inputs/block_ctor.c -o %t-block.so
// RUN: %if threads %{ sh -c 'BLOCK_SO=%t-block.so %run --timeout 30 %t lock >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s %}
// RUN: %if threads %{ %FileCheck --check-prefix=LOCK %s <%t.err %}
//
// EXIT: exit=2
// ZERO: {{^0$}}
// EIGHTY: {{^80$}}

#define _GNU_SOURCE 1
#include <cdefer.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int unwound;

/* Each frame has a deferred statement, so that the recursion stays one
 * (a landing pad per frame) at -O2 too. */
__attribute__((noinline)) static int rec(int n)
{
    defer unwound++;
    if (n == 0)
        panic("deep");
    if (n < 0)
        return 0;
    return rec(n - 1) + 1;         /* not a tail call */
}
// DEEP:      {{^}}panic: deep{{$}}
// DEEP-NEXT: {{^}}	at {{.*}}traceback_robust.c:[[#@LINE-6]] (rec){{$}}
// DEEP-NEXT: {{^}}rec{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// DEEP:      {{^}}...99{{[0-9][0-9]}} frames elided...{{$}}
// DEEP-NEXT: {{^}}rec{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// DEEP:      {{^}}run_deep{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// DEEP:      {{^}}main{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// DEEP-NOT:  elided

__attribute__((noinline)) static void run_deep(void)
{
    printf("result %d\n", rec(10000 - 2));
}

/* A use-after-free write into a freed chunk: the allocator's list of
 * 24-byte chunks now leads into garbage; the second malloc(24) from here
 * on aborts (glibc: "unaligned tcache chunk detected") or crashes. */
__attribute__((noinline)) static void corrupt_and_panic(void)
{
    char *volatile a = malloc(24), *volatile b = malloc(24);
    free(a);
    free(b);
    memset(b, 0x41, 16);
    panic("heap corrupted");
}
// HEAP:      {{^}}panic: heap corrupted{{$}}
// HEAP-NEXT: {{^}}	at {{.*}}traceback_robust.c:[[#@LINE-3]] (corrupt_and_panic){{$}}
// HEAP-NEXT: {{^}}corrupt_and_panic{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// HEAP-NEXT: {{^	.+(traceback_robust.c:[0-9]+|\+0x[0-9a-f]+)$}}
// HEAP-NEXT: {{^}}main{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}

__attribute__((noinline)) static void *worker(void *arg)
{
    defer printf("defer worker\n");
    panic("from thread %s", (const char *)arg);
}
// THREAD:      {{^}}panic: from thread two{{$}}
// THREAD-NEXT: {{^}}	at {{.*}}traceback_robust.c:[[#@LINE-3]] (worker){{$}}
// THREAD-NEXT: {{^}}worker+0x{{[0-9a-f]+$}}
// THREAD-DW-NEXT:   {{^}}	{{.*}}traceback_robust.c:[[#@LINE-5]]{{$}}
// THREAD-NODW-NEXT: {{^}}	/{{.*}}+0x{{[0-9a-f]+$}}
// THREAD-NOT:  main+0x

static int ctor_pipe[2];
static void *open_blocking(void *arg)
{
    (void)arg;
    dlopen(getenv("BLOCK_SO"), RTLD_NOW);  /* never returns */
    return NULL;
}

__attribute__((noinline)) static void lock_and_panic(void)
{
    pthread_t t;
    char c, fd[16];
    if (pipe(ctor_pipe) != 0)
        abort();
    snprintf(fd, sizeof fd, "%d", ctor_pipe[1]);
    setenv("BLOCK_CTOR_FD", fd, 1);
    pthread_create(&t, NULL, open_blocking, NULL);
    if (read(ctor_pipe[0], &c, 1) != 1)    /* the loader's lock is taken */
        abort();
    panic("loader locked");
}
// LOCK:      {{^}}panic: loader locked{{$}}
// LOCK-NEXT: {{^}}	at {{.*}}traceback_robust.c:[[#@LINE-3]] (lock_and_panic){{$}}
// LOCK-NEXT: {{^}}lock_and_panic{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// LOCK-NEXT: {{^	.+(traceback_robust.c:[0-9]+|\+0x[0-9a-f]+)$}}
// LOCK-NEXT: {{^}}main{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "deep") == 0)
        run_deep();
    if (strcmp(what, "heap") == 0)
        corrupt_and_panic();
    if (strcmp(what, "thread") == 0) {
        pthread_t t;
        pthread_create(&t, NULL, worker, "two");
        pthread_join(t, NULL);
    }
    if (strcmp(what, "lock") == 0)
        lock_and_panic();
    return 0;
}
