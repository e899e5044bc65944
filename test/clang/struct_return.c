// SPEC 3.4: `return s;` copies s before the deferred code runs, also when s
// is a struct returned by value (Clang's NRVO would otherwise make s the
// return slot, as Clang 22's native _Defer does).  The plugin turns NRVO off
// in functions with defers: the frontend IR copies s into the result.
// RUN: %clang-plugin-cc -O0 %s -o %t0.exe && %run %t0.exe | %FileCheck %s
// RUN: %clang-plugin-cc -O2 %s -o %t2.exe && %run %t2.exe | %FileCheck %s
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | %FileCheck --check-prefix=IR %s
#include <stddefer.h>
#include <stdio.h>

struct S { int a, b[8]; };

struct S make(void)
{
    struct S s = {0};
    defer s.a = 99;
    s.b[0] = 1;
    return s;
}

struct S nested(int c)
{
    struct S s = {0};
    {
        defer s.a = 7;
        if (c)
            return s;
    }
    s.b[1] = s.a;
    return s;
}

int main(void)
{
    struct S s = make();
    printf("make: a = %d, b[0] = %d\n", s.a, s.b[0]);
    s = nested(1);
    printf("nested(1): a = %d\n", s.a);
    s = nested(0);
    printf("nested(0): a = %d, b[1] = %d\n", s.a, s.b[1]);
    return 0;
}
// CHECK: make: a = 0, b[0] = 1
// CHECK-NEXT: nested(1): a = 0
// CHECK-NEXT: nested(0): a = 7, b[1] = 7
// The copy into the sret slot comes first, then the deferred code.
// IR: define {{.*}}void @make({{.*}}sret(%struct.S)
// IR: %[[S:[0-9a-z.]+]] = alloca %struct.S
// IR: call void @llvm.memcpy.
// IR-NEXT: call void @__cdefer_fn_
// IR-NEXT: ret void
