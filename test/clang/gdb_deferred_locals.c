// docs/USER-GUIDE.md "Debugging": under the Clang plugin a deferred
// statement is the body of a synthesized `__cdefer_fn_N` (out of line at -O0
// with unwinding on, as here; inlined into its function otherwise); gdb
// shows it as a frame of its own (an inlined one when inlined), where
// the function's locals are not in scope ("No symbol").  The documented
// way: select the function's frame (`up`, or `frame N` as below) and print
// them there; they are the function's own variables, with their values at
// the time the deferred statement runs; the function's frame is at the
// exit the deferred statement runs for (here the closing brace, where the
// return's cleanups run).  (GCC and clang-22 -fdefer-ts show
// them in the deferred statement's frame directly: gcc/gdb_step.c.)
// REQUIRES: gdb
// RUN: %clang-plugin-cc -O0 -g %s -o %t
// RUN: gdb -batch -nx -ex 'break sink' -ex run -ex 'print buf' -ex 'frame 2' -ex 'print buf' -ex 'print local' -ex 'print n' %t 2>&1 | %FileCheck %s
// CHECK:      Breakpoint 1, sink (s={{.*}} "hello")
// CHECK:      No symbol "buf" in current context.
// CHECK:      #2 {{.*}}work (n=5) at {{.*}}gdb_deferred_locals.c:[[# @LINE + 20]]
// CHECK:      $1 = "hello{{.*}}"
// CHECK-NEXT: $2 = 10
// CHECK-NEXT: $3 = 5
#include <stddefer.h>
#include <stdio.h>
#include <string.h>
__attribute__((noinline)) void sink(const char *s) { puts(s); }
int work(int n)
{
    char buf[16];
    int local = n * 2;
    strcpy(buf, "hello");
    defer {
        sink(buf);
        printf("%d\n", local);
    }
    if (n > 2)
        return n;
    return local;
}
int main(void) { return work(5) == 5 ? 0 : 1; }
