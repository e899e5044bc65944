// SPEC 6: with -g the deferred statement keeps its own source lines: at -O2
// the deferred call carries a location on the deferred statement's line,
// inlined at the defer's cleanup; at -O0 (below) in __cdefer_fn_N.
// RUN: %clang-plugin-cc -O0 -g -S -emit-llvm %s -o - | sed -e '/ invoke /N' -e 's/\n */ /' | %FileCheck --check-prefix=O0 %s
// RUN: %clang-plugin-cc -O2 -g -S -emit-llvm %s -o - | sed -e '/ invoke /N' -e 's/\n */ /' | %FileCheck %s
#include <stddefer.h>

void mark(int);

void f(int n)
{
    defer {
        mark(1);
        mark(2);
    }
    mark(n);
}
// O0-LABEL: define internal void @__cdefer_fn_
// O0: {{call|invoke}} void @mark(i32 {{(noundef )?}}1){{.*}}, !dbg ![[L1:[0-9]+]]
// O0: {{call|invoke}} void @mark(i32 {{(noundef )?}}2){{.*}}, !dbg ![[L2:[0-9]+]]
// O0-DAG: ![[L1]] = !DILocation(line: 13, column: 9, scope: !{{[0-9]+}})
// O0-DAG: ![[L2]] = !DILocation(line: 14, column: 9, scope: !{{[0-9]+}})
// CHECK-LABEL: define {{.*}}void @f(
// CHECK: {{call|invoke}} void @mark(i32 {{(noundef )?}}1){{.*}}, !dbg ![[L1:[0-9]+]]
// CHECK: {{call|invoke}} void @mark(i32 {{(noundef )?}}2){{.*}}, !dbg ![[L2:[0-9]+]]
// CHECK-DAG: ![[L1]] = !DILocation(line: 13, column: 9, scope: !{{[0-9]+}}, inlinedAt: !{{[0-9]+}})
// CHECK-DAG: ![[L2]] = !DILocation(line: 14, column: 9, scope: !{{[0-9]+}}, inlinedAt: !{{[0-9]+}})
// (The RUN lines join an invoke's `to label ..., !dbg` line is joined to it first: with
// unwinding on, the deferred calls are invokes where the statement's guard
// keeps a landing pad, docs/DESIGN-clang.md.)
// At -O0 (unwinding on) the statement is the body of the out-of-line
// __cdefer_fn_N, with its own lines there (no inlinedAt).
