// docs/DESIGN-clang.md "Never nounwind because of the helpers": the
// plugin's `nothrow` helpers (__cdefer_fn_N -- at -O0 its wrapper
// __cdefer_run_N --, __cdefer_unw_N, __cdefer_unwinds_N) are `static
// inline` always_inline functions that use
// no floating-point intrinsics, so the always-inliner puts each one into its
// function at every -O and none is left out of line, where its `nothrow`
// would be a lie about deferred code that may unwind.  (Under Clang 15 a
// misplaced FunctionDecl::Create argument made them strictfp, the inliner
// left them out of line, LLVM marked their callers nounwind and a panic
// raised by deferred code skipped the callers' deferred statements:
// test/runtime/unwind_from_deferred_only_call.c.)  The helpers that may
// unwind (__cdefer_out_N, __cdefer_from_N, and __cdefer_fn_N at -O0) may stay
// out of line; they are never nounwind.
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | %FileCheck --check-prefix=CG %s
// RUN: %clang-plugin-cc -O0 -S -emit-llvm %s -o - | %FileCheck --check-prefix=OUT0 %s
// RUN: %clang-plugin-cc -O1 -S -emit-llvm %s -o - | %FileCheck --check-prefix=OUT %s
// RUN: %clang-plugin-cc -O2 -S -emit-llvm %s -o - | %FileCheck --check-prefix=OUT %s
#include <stddefer.h>

void may_unwind(int);
int g;

// CG-NOT: strictfp
// CG: ; Function Attrs: alwaysinline nounwind{{.*}}
// CG-NEXT: define internal void @__cdefer_unwinds_{{[0-9]+}}()
// CG: ; Function Attrs: alwaysinline nounwind{{.*}}
// CG-NEXT: define internal void @__cdefer_run_{{[0-9]+}}(
// CG-NOT: strictfp
// OUT-NOT: define {{.*}}@__cdefer_{{(fn|run|unw|unwinds)}}_
// OUT-NOT: strictfp
// OUT0-NOT: define {{.*}}@__cdefer_{{(run|unw|unwinds)}}_
// OUT0: define internal void @__cdefer_fn_{{[0-9]+}}({{.*}}) #[[FN:[0-9]+]]
// OUT0-NOT: define {{.*}}@__cdefer_{{(run|unw|unwinds)}}_
// OUT0-NOT: attributes #[[FN]] = {{{.*}}nounwind
// OUT0-NOT: strictfp
__attribute__((noinline)) void leaf(int n)
{
    defer may_unwind(n);
    g++;
}

__attribute__((noinline)) void nested(int n)
{
    defer {
        defer may_unwind(n + 1);
        may_unwind(n);
    }
    if (n) {
        defer may_unwind(2);
        leaf(n);
        return;
    }
    leaf(n + 3);
}
