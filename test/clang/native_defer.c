// lowering=native (Clang 22+, docs/DESIGN-clang.md): the marker becomes
// Clang's own DeferStmt.  Same semantics as the default lowering: returned
// structs are copied before deferred code runs (NRVO off), and a deferred
// statement holding a label keeps the cleanup-function lowering (CodeGen
// emits a DeferStmt body once per exit path, which would define the label
// twice).  On older Clangs the option is refused.
// REQUIRES: clang-native-defer
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes -Xclang -plugin-arg-cdefer -Xclang lowering=native %s -o - | %FileCheck --check-prefix=IR %s
// RUN: %clang-plugin-cc -O0 -Xclang -plugin-arg-cdefer -Xclang lowering=native %s -o %t0.exe && %run %t0.exe | %FileCheck %s
// RUN: %clang-plugin-cc -O2 -Xclang -plugin-arg-cdefer -Xclang lowering=native %s -o %t2.exe && %run %t2.exe | %FileCheck %s
// RUN: %clang-plugin-cc -c -o %t.o -Xclang -plugin-arg-cdefer -Xclang lowering=native -Xclang -plugin-arg-cdefer -Xclang dump %s 2>&1 | %FileCheck --check-prefix=DUMP %s
#include <stddefer.h>
#include <stdio.h>

struct S { int a, b[8]; };

struct S make(void)
{
    struct S s = {0};
    defer s.a = 99;
    return s;
}

int labelled(int n)
{
    int r = 0;
    {
        defer {
            int i = 0;
        again:
            r += i;
            if (++i < n)
                goto again;
        }
    }
    return r;
}

int main(void)
{
    printf("make: a = %d\n", make().a);
    printf("labelled: %d\n", labelled(4));
    return 0;
}
// CHECK: make: a = 0
// CHECK-NEXT: labelled: 6
// IR: define {{.*}}void @make(
// IR-NOT: __cdefer_fn
// IR: define {{.*}}i32 @labelled(
// IR: call void @__cdefer_fn_
// DUMP: cdefer:   defer #1 at {{.*}}native_defer.c:20:5: native DeferStmt
// DUMP: cdefer:   defer #1 at {{.*}}native_defer.c:28:9: cleanup __cdefer_fn_
