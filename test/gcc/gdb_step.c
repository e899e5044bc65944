// SPEC 6: debug info.  At -O0, stepping with gdb through a function with a
// defer shows the deferred statement's own source line when it runs: after
// the last statement of the block on fall-off, and after the `return` on
// the early return.
// REQUIRES: gdb
// RUN: %gcc-plugin-cc -O0 -g %s -o %t
// RUN: %run %t | %FileCheck --check-prefix=OUT %s
// RUN: gdb -batch -nx -ex 'break work' -ex run -ex next -ex next -ex next -ex next -ex next -ex next -ex continue -ex next -ex next -ex next -ex next -ex next %t 2>&1 | %FileCheck %s
// OUT: 204
//
// First call, work(1): falls off the end.
// CHECK:      Breakpoint 1, work (n=1)
// CHECK-NEXT: bump(1); // L1
// CHECK-NEXT: if (n > 2) // L2
// CHECK-NEXT: bump(2); // L4
// CHECK-NEXT: return 0; // L5
// CHECK-NEXT: _Defer bump(100); // DEFERRED
// CHECK-NEXT: } // END
// Second call, work(5): returns early.
// CHECK:      Breakpoint 1, work (n=5)
// CHECK-NEXT: bump(1); // L1
// CHECK-NEXT: if (n > 2) // L2
// CHECK-NEXT: return n; // L3
// CHECK-NEXT: _Defer bump(100); // DEFERRED
// CHECK-NEXT: } // END
#include <stdio.h>
int counter;
__attribute__((noinline)) void bump(int k) { counter += k; }
int work(int n)
{
    _Defer bump(100); // DEFERRED
    bump(1); // L1
    if (n > 2) // L2
        return n; // L3
    bump(2); // L4
    return 0; // L5
} // END
int main(void) { work(1); work(5); printf("%d\n", counter); return 0; }
