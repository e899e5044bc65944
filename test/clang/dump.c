// SPEC 6 / docs/DESIGN-clang.md "The dump": -Xclang -plugin-arg-cdefer -Xclang dump
// prints, per function with defers, each defer, the cleanup function its
// statement became with its captures, and every exit that runs it.
// RUN: %clang-plugin-cc -c %s -o %t.o -Xclang -plugin-arg-cdefer -Xclang dump 2>&1 | %FileCheck %s
// RUN: %clang-plugin-cc -c %s -o %t.o -Xclang -plugin-arg-cdefer -Xclang dump -Xclang -plugin-arg-cdefer -Xclang unwind=off 2>&1 | %FileCheck --check-prefix=NOUNWIND %s
// Without the option there is no dump.
// RUN: %clang-plugin-cc -c %s -o %t.o 2>&1 | %FileCheck --allow-empty --check-prefix=NODUMP %s
// An unknown option is an error.
// RUN: not %clang-plugin-cc -c %s -o %t.o -Xclang -plugin-arg-cdefer -Xclang frobnicate 2>&1 | %FileCheck --check-prefix=BADARG %s
#include <stddefer.h>
#include <stdio.h>

int g(int n)
{
    int x = n;
    defer printf("%d\n", x);
    for (int i = 0; i < n; i++) {
        defer puts("iter");
        if (i == 2)
            continue;
        if (i == 3)
            break;
        if (i == 4)
            goto out;
        if (i == 5)
            return -1;
    }
out:
    return x;
}

void nodefer(void) { puts("none"); }

// CHECK: cdefer: function 'g' at {{.*}}dump.c:13:5
// CHECK-NEXT: cdefer:   defer #1 at {{.*}}dump.c:16:5 -> cleanup __cdefer_fn_{{[0-9]+}}(x)
// CHECK-NEXT: cdefer:     runs at end of block {{.*}}dump.c:30:1
// CHECK-NEXT: cdefer:     runs at return {{.*}}dump.c:26:13
// CHECK-NEXT: cdefer:     runs at return {{.*}}dump.c:29:5
// CHECK-NEXT: cdefer:     runs on unwinding (landing pad)
// CHECK-NEXT: cdefer:   defer #2 at {{.*}}dump.c:18:9 -> cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT: cdefer:     runs at end of block {{.*}}dump.c:27:5
// CHECK-NEXT: cdefer:     runs at continue {{.*}}dump.c:20:13
// CHECK-NEXT: cdefer:     runs at break {{.*}}dump.c:22:13
// CHECK-NEXT: cdefer:     runs at goto 'out' {{.*}}dump.c:24:13
// CHECK-NEXT: cdefer:     runs at return {{.*}}dump.c:26:13
// CHECK-NEXT: cdefer:     runs on unwinding (landing pad)
// CHECK-NOT: nodefer
// NOUNWIND: cdefer:   defer #1
// NOUNWIND-NOT: unwinding
// NODUMP-NOT: cdefer:
// BADARG: error: cdefer: unknown plugin argument 'frobnicate'
