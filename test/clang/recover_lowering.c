// SPEC 4, docs/RUNTIME.md 2: only a function that calls recover() inside one
// of its deferred statements gets the recover frame: the _setjmp at entry,
// the frame address, and __cdefer_recover_in for its recover() call.  A
// function with defers but no recover, and one whose recover() is outside
// any deferred statement, get none of it (no _setjmp, no __cdefer_ call).
// With unwind=off recover can never succeed, and nothing is emitted.
// (The deferred code ends with the barrier: a single-thread fence.)
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | %FileCheck %s
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes -Xclang -plugin-arg-cdefer -Xclang unwind=off %s -o - | %FileCheck --check-prefix=OFF %s
#include <cdefer.h>
#include <stdio.h>

// CHECK-LABEL: define {{.*}}i32 @plain(
// CHECK-NOT: _setjmp
// CHECK-NOT: __cdefer_frame
// CHECK-NOT: __cdefer_recover_in
// CHECK-NOT: llvm.frameaddress
// CHECK: ret i32
// CHECK-NEXT: }
int plain(int x)
{
    defer printf("plain %d\n", x);
    return x + 1;
}

// CHECK-LABEL: define {{.*}}i32 @outside(
// CHECK-NOT: _setjmp
// CHECK-NOT: __cdefer_
// CHECK: call {{.*}}@cdefer_recover()
// CHECK-NOT: _setjmp
// CHECK-NOT: __cdefer_
// CHECK: ret i32
// CHECK-NEXT: }
int outside(void)
{
    return recover() != 0;
}

// CHECK-LABEL: define {{.*}}i32 @recovering(
// CHECK: [[F:%[0-9]+]] = alloca %struct.__cdefer_frame
// CHECK: [[RES:%[0-9]+]] = alloca i32
// CHECK: store i32 0, {{.*}} [[RES]]
// CHECK: call {{.*}}@llvm.frameaddress{{.*}}(i32 0)
// CHECK: call i32 @_setjmp({{.*}} [[F]])
// CHECK: call void @__cdefer_fn_{{[0-9]+}}(
// CHECK-LABEL: define internal void @__cdefer_fn_
// CHECK: call {{(ptr|%struct.cdefer_panic_info\*)}} @__cdefer_recover_in(
// CHECK-NOT: @cdefer_recover(
// CHECK: fence syncscope("singlethread") seq_cst
// OFF-NOT: _setjmp
// OFF-NOT: __cdefer_recover_in
int recovering(int x)
{
    defer {
        if (recover())
            printf("recovered\n");
    }
    if (x < 0)
        panic("negative");
    return x;
}
