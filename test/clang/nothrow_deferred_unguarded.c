// A deferred statement that cannot unwind (it only calls functions declared
// nothrow, such as glibc's free()) gets no unwind guard: no landing pad of
// its own and no call into the EH chain (__cdefer_from_N / __cdefer_out_N),
// already at -O0.  One that calls a function that may unwind keeps its
// guard, which runs the enclosing deferred statement if it unwinds.
// docs/DESIGN-clang.md, "Panics raised by deferred code".
// RUN: %clang-plugin-cc -O0 -S -emit-llvm %s -o - | %FileCheck %s
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <stddefer.h>
#include <stdlib.h>

void work(void);
void may_unwind(void *p);

// Only work() may unwind: its landing pad runs both deferred statements,
// and nothing else is an invoke or reaches the chain.
// CHECK-LABEL: define {{.*}}void @frees(
// CHECK-NOT: {{invoke|__cdefer_from_|__cdefer_out_}}
// CHECK: invoke void @work()
// CHECK-NOT: {{invoke|__cdefer_from_|__cdefer_out_}}
// CHECK: {{^}}}
void frees(void)
{
    void *p = malloc(1), *q = malloc(2);
    defer free(p);
    defer { free(q); q = 0; }
    work();
}

// may_unwind(q) is guarded: if it unwinds, free(p) still runs.
// CHECK-LABEL: define {{.*}}void @guarded(
// CHECK: invoke void @may_unwind(
// CHECK: invoke void @__cdefer_from_
void guarded(void)
{
    void *p = malloc(1), *q = malloc(2);
    defer free(p);
    defer may_unwind(q);
    work();
}
