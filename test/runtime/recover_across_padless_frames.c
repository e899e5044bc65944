// A panic crosses frames without a landing pad (functions without deferred
// statements, libc's qsort) between the raise, the frames whose deferred
// code runs and the recovering frame.  The stop function notes a frame's
// identity only when the frame has a landing pad (runtime/src/frames.c:
// cdefer_frame_note), so the frames without one must change nothing: the
// recovering frame still recovers (after its cleanup variable and deferred
// statements ran, innermost first), a recovering function called by
// deferred code of a frame in between gets NULL, a panic raised by a
// function without pads that deferred code calls replaces the older one and
// is the one recovered, and the thread panics again normally afterwards.
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O3 -fno-omit-frame-pointer -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O3
// RUN: %run %t.O3 | %FileCheck --match-full-lines %s
//
// CHECK:      round 0
// CHECK-NEXT: padded: deferred
// CHECK-NEXT: probe: recover -> NULL
// CHECK-NEXT: trip: inner defer
// CHECK-NEXT: trip: cleanup 5
// CHECK-NEXT: trip: recover -> deep 3
// CHECK-NEXT: trip returned 42
// CHECK-NEXT: round 1
// CHECK-NEXT: padded: deferred
// CHECK-NEXT: probe: recover -> NULL
// CHECK-NEXT: trip: inner defer
// CHECK-NEXT: trip: cleanup 5
// CHECK-NEXT: trip: recover -> deep 3
// CHECK-NEXT: trip returned 42
// CHECK-NEXT: replaced: deferred raises
// CHECK-NEXT: replaced: recover -> from padless 9
// CHECK-NEXT: replaced returned 0
// CHECK-NEXT: sorted: recover -> compare 2
// CHECK-NEXT: sorted returned 7
// CHECK-NEXT: done
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

static volatile int sink;

static void closer(int *p)
{
    printf("trip: cleanup %d\n", *p);
}

/* A recovering function called by deferred code during a panic: its own
 * deferred recover is not in the frame being cleaned up. */
__attribute__((noinline)) static void probe(void)
{
    defer printf("probe: recover -> %s\n", recover() ? "record" : "NULL");
    sink++;
}

/* No deferred statement: no landing pad. */
__attribute__((noinline)) static void raise_deep(int n)
{
    if (n < 0)
        return;             /* (GCC's -Winfinite-recursion takes panic for no way out) */
    if (n == 0)
        panic("deep %d", 3);
    raise_deep(n - 1);
    sink++;
}

__attribute__((noinline)) static void padded(int n)
{
    defer {
        printf("padded: deferred\n");
        probe();
    }
    raise_deep(n);
    sink++;
}

__attribute__((noinline)) static void plain(int n)
{
    padded(n);
    sink++;
}

__attribute__((noinline)) static int trip(void)
{
    cdefer_result int r = 42;
    defer {
        const cdefer_panic_info *p = recover();
        printf("trip: recover -> %s\n", p ? p->message : "NULL");
    }
    int c __attribute__((cleanup(closer))) = 5;
    (void)c;
    defer printf("trip: inner defer\n");
    plain(2);
    r = 1;
    return r;
}

/* Raised by a function without pads that deferred code calls. */
__attribute__((noinline)) static void padless_raise(int v)
{
    panic("from padless %d", v);
}

__attribute__((noinline)) static void raises_in_defer(void)
{
    defer {
        printf("replaced: deferred raises\n");
        padless_raise(9);
    }
    panic("outer");
}

__attribute__((noinline)) static int replaced(void)
{
    defer {
        const cdefer_panic_info *r = recover();
        printf("replaced: recover -> %s\n", r ? r->message : "NULL");
    }
    raises_in_defer();
    return 1;
}

static int compare(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    if (x == 2 || y == 2)
        panic("compare %d", 2);
    return (x > y) - (x < y);
}

__attribute__((noinline)) static int sorted(void)
{
    cdefer_result int r = 7;
    defer {
        const cdefer_panic_info *p = recover();
        printf("sorted: recover -> %s\n", p ? p->message : "NULL");
    }
    int v[] = { 3, 1, 2, 5, 4 };
    qsort(v, 5, sizeof v[0], compare);
    return -1;
}

int main(void)
{
    for (int i = 0; i < 2; i++) {
        printf("round %d\n", i);
        printf("trip returned %d\n", trip());
    }
    printf("replaced returned %d\n", replaced());
    printf("sorted returned %d\n", sorted());
    printf("done\n");
    return 0;
}
