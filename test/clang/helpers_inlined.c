// docs/DESIGN-clang.md, Lowering: each deferred statement's function
// __cdefer_fn_N is a `static inline` always_inline function that uses no
// floating-point intrinsics, so at -O1 and up the always-inliner puts it into
// its function and none is left out of line.  (Under Clang 15 a misplaced
// FunctionDecl::Create argument made the plugin's functions strictfp, the
// inliner left them out of line, and with the EH chain of cdefer <= 0.9
// LLVM then marked their callers nounwind:
// test/runtime/unwind_from_deferred_only_call.c.)  At -O0 with unwinding on
// __cdefer_fn_N stays out of line (one copy per statement) and is never
// nounwind when its statement may unwind.
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | %FileCheck --check-prefix=CG %s
// RUN: %clang-plugin-cc -O0 -S -emit-llvm %s -o - | %FileCheck --check-prefix=OUT0 %s
// RUN: %clang-plugin-cc -O1 -S -emit-llvm %s -o - | %FileCheck --check-prefix=OUT %s
// RUN: %clang-plugin-cc -O2 -S -emit-llvm %s -o - | %FileCheck --check-prefix=OUT %s
#include <stddefer.h>

void may_unwind(int);
int g;

// CG-NOT: strictfp
// CG: define internal void @__cdefer_fn_{{[0-9]+}}(
// CG-NOT: strictfp
// OUT-NOT: define {{.*}}@__cdefer_fn_
// OUT-NOT: strictfp
// OUT0: define internal void @__cdefer_fn_{{[0-9]+}}({{.*}}) #[[FN:[0-9]+]]
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
