// SPEC 6: a defer is a normal-and-EH cleanup.  The frontend's IR (before any
// LLVM pass) shows the deferred statement moved into a function that is
// called on the normal exit and, with unwinding on (the default), from a
// landing pad that then resumes; with unwind=off there is no landing pad, no
// invoke and no personality.  At -O0 with unwinding on the statement's
// function __cdefer_fn_N stays out of line (one copy of the statement, not
// one per exit: docs/DESIGN-clang.md), and after the plugin's pass
// (ehpass.cpp) the landing pad's call of it unwinds to a cleanup pad that
// goes on to the function's resume, not to Clang's terminate pad (abort):
// a panic raised by the deferred statement during a panic unwinds on.
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | %FileCheck --check-prefixes=CHECK,EH %s
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes -Xclang -plugin-arg-cdefer -Xclang unwind=off %s -o - | %FileCheck --check-prefixes=CHECK,NOEH %s
// RUN: %clang-plugin-cc -O0 -S -emit-llvm %s -o - | %FileCheck --check-prefix=O0 %s
// (Patterns accept Clang 14's typed pointers as well as opaque `ptr`.)
#include <stddefer.h>

void use(int *);

int f(int n)
{
    int x = n;
    defer use(&x);
    use(&x);
    return x;
}

// CHECK-LABEL: define {{.*}}i32 @f(
// EH-SAME: personality {{.*}}@__gcc_personality_v0
// NOEH-NOT: personality
// CHECK: [[ENV:%[0-9a-z.]+]] = alloca %struct.__cdefer_env_1
// CHECK: store {{ptr|i32\*}} [[X:%[0-9a-z.]+]], {{ptr|i32\*\*}}
// EH: invoke void @use({{ptr|i32\*}} {{(noundef )?}}[[X]])
// EH-NEXT: to label %[[CONT:[0-9]+]] unwind label %[[PAD:[0-9]+]]
// NOEH: call void @use({{ptr|i32\*}} {{(noundef )?}}[[X]])
// NOEH-NOT: invoke
// The return value is loaded before the deferred code runs.
// CHECK: [[RET:%[0-9]+]] = load i32, {{ptr|i32\*}} [[X]]
// CHECK-NEXT: call void @__cdefer_fn_1({{ptr|%struct.__cdefer_env_1\*}} {{(noundef )?}}[[ENV]])
// CHECK-NEXT: ret i32 [[RET]]
// EH: [[PAD]]:
// EH-NEXT: landingpad { {{ptr|i8\*}}, i32 }
// EH-NEXT: cleanup
// EH: invoke void @__cdefer_fn_1({{ptr|%struct.__cdefer_env_1\*}} {{(noundef )?}}[[ENV]])
// EH: resume { {{ptr|i8\*}}, i32 }
// NOEH-NOT: landingpad
// CHECK-LABEL: define internal void @__cdefer_fn_1(
// CHECK: call void @use(
// CHECK-NOT: landingpad
// CHECK: ret void
// NOEH: attributes #{{[0-9]+}} = { alwaysinline

// O0-LABEL: define {{.*}}i32 @f(
// O0: call void @__cdefer_fn_1(
// O0-NEXT: ret i32
// O0: landingpad
// O0-NEXT: cleanup
// O0: invoke void @__cdefer_fn_1(
// O0-NEXT: to label %[[NEXT:[0-9]+]] unwind label %[[UNW:[0-9]+]]
// O0: [[UNW]]:
// O0-NEXT: landingpad
// O0-NEXT: cleanup
// O0: br label %[[NEXT]]
// O0: [[NEXT]]:
// O0: resume
// O0-NOT: catch {{ptr|i8\*}} null
// O0-NOT: call void @abort
// O0: define internal void @__cdefer_fn_1(
