// docs/DESIGN-clang.md, "Panics raised by deferred code": Clang sends the
// calls an EH cleanup makes to a terminate pad (`catch ptr null` + abort());
// the plugin's pass (clang-plugin/ehpass.cpp) gives the landing pad's call of
// a deferred statement's function a cleanup pad of its own instead, which
// goes on with the function's other cleanups (here the user's cleanup
// variable) and resumes.  A user's __attribute__((cleanup)) function keeps
// Clang's terminate pad: the pass changes deferred statements only.
// Without LLVM passes (-disable-llvm-passes) Clang's own form is left.
// RUN: %clang-plugin-cc -O0 -S -emit-llvm %s -o - | %FileCheck %s
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | %FileCheck --check-prefix=CG %s
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <stddefer.h>

void may_unwind(int);
static void mine(int *p) { may_unwind(*p); }

void both(int n)
{
    int c __attribute__((cleanup(mine))) = n;
    defer may_unwind(n + 1);
    may_unwind(n + 2);
}

// CHECK-LABEL: define {{.*}}void @both(
// CHECK: invoke void @may_unwind(
// CHECK-NEXT: to label %{{[0-9]+}} unwind label %[[LP:[0-9]+]]
// CHECK: [[LP]]:
// CHECK-NEXT: landingpad
// CHECK-NEXT: cleanup
// CHECK: invoke void @__cdefer_fn_{{[0-9]+}}(
// CHECK-NEXT: to label %[[NEXT:[0-9]+]] unwind label %[[UNW:[0-9]+]]
// CHECK: [[UNW]]:
// CHECK-NEXT: landingpad
// CHECK-NEXT: cleanup
// CHECK-NOT: catch
// CHECK: br label %[[NEXT]]
// CHECK: [[NEXT]]:
// CHECK: invoke void @mine(
// CHECK-NEXT: to label %{{[0-9]+}} unwind label %[[TERM:[0-9]+]]
// CHECK: resume
// CHECK: [[TERM]]:
// CHECK-NEXT: landingpad
// CHECK-NEXT: catch {{ptr|i8\*}} null
// CHECK-NEXT: call void @abort()
// CHECK: }

// CG-LABEL: define {{.*}}void @both(
// CG: catch {{ptr|i8\*}} null
// CG-NEXT: call void @abort()
