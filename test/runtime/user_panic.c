// User-level panic without recover, as users write it: `defer` and
// panic()/panic_value() from <cdefer.h>.  An unrecovered panic runs every
// reached deferred statement of every frame, innermost first (also across
// libc's qsort calling a comparator that panics), flushes stdio, prints the
// Go-style report on stderr and exits with status 2 without running atexit
// handlers; CDEFER_TRACEBACK=crash makes it abort() instead.  Checked with
// the plugin (%cc, exceptions on by default) and with clang-22's native
// _Defer (-fdefer-ts -fexceptions).
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.O0
// RUN: sh -c '%run %t.O0 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ERR %s <%t.err
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: sh -c '%run %t.O2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ERR %s <%t.err
// RUN: sh -c 'CDEFER_TRACEBACK=crash %run %t.O2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=CRASH %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ERR %s <%t.err
//
// The reference: clang-22's own _Defer with this runtime.
// RUN: clang-22 %clang-target -std=c2y -fdefer-ts -fexceptions -O1 -Wall -Wextra -Werror -I%cdefer-inc %s %cdefer-lib/libcdefer.a -o %t.ref
// RUN: sh -c '%run %t.ref >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ERR %s <%t.err
//
// EXIT: exit=2
// CRASH: exit=134

#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

static void on_exit_handler(void) { printf("atexit handler ran\n"); }

static int payload = 5;

__attribute__((noinline)) static void leaf(int depth)
{
    defer printf("defer leaf\n");
    if (depth >= 0)
        panic_value(&payload, "boom at depth %d: %s", depth, "deep");
    // ERR:      {{^}}panic: boom at depth 0: deep{{$}}
    // ERR-NEXT: {{^}}	at {{.*}}user_panic.c:[[#@LINE-2]] (leaf){{$}}
    // ERR-NEXT: {{^}}leaf{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
    // ERR-NEXT: {{^	.+(user_panic.c:[0-9]+|\+0x[0-9a-f]+)$}}
    // ERR:      {{^}}down{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
    // ERR-NOT:  panic:
    printf("not reached: after panic\n");
}

__attribute__((noinline)) static void down(int n)
{
    if (n < 0)
        return;
    defer printf("defer down(%d) first\n", n);
    {
        defer printf("defer down(%d) inner block\n", n);
        if (n == 0)
            leaf(0);
        else
            down(n - 1);
        printf("not reached: down(%d) after the call\n", n);
    }
    defer printf("not reached: defer after the block in down(%d)\n", n);
}

static int calls;
static int cmp(const void *a, const void *b)
{
    defer printf("defer comparator\n");
    if (++calls == 3)
        down(2);
    return *(const int *)a - *(const int *)b;
}

__attribute__((noinline)) static void sorter(void)
{
    int *v = malloc(6 * sizeof *v);
    defer { printf("defer sorter frees\n"); free(v); }
    for (int i = 0; i < 6; i++)
        v[i] = 6 - i;
    qsort(v, 6, sizeof *v, cmp);
    printf("not reached: after qsort\n");
}

int main(void)
{
    atexit(on_exit_handler);
    defer printf("defer main\n");
    printf("start\n");
    for (int i = 0; i < 2; i++) {
        defer printf("defer loop %d\n", i);
    }
    printf("still buffered");
    printf(" at the panic\n");
    sorter();
    printf("not reached: end of main\n");
    return 0;
}

// OUT:      start
// OUT-NEXT: defer loop 0
// OUT-NEXT: defer loop 1
// OUT-NEXT: still buffered at the panic
// OUT-NEXT: defer comparator
// OUT-NEXT: defer comparator
// OUT-NEXT: defer leaf
// OUT-NEXT: defer down(0) inner block
// OUT-NEXT: defer down(0) first
// OUT-NEXT: defer down(1) inner block
// OUT-NEXT: defer down(1) first
// OUT-NEXT: defer down(2) inner block
// OUT-NEXT: defer down(2) first
// OUT-NEXT: defer comparator
// OUT-NEXT: defer sorter frees
// OUT-NEXT: defer main
// OUT-NOT:  {{.+}}
