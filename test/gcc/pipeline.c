// SPEC 7: preprocess-then-compile pipelines (gcc -E then the .i, as ccache
// and distcc do; -save-temps) and -flto (lto1 loads the plugin too) build a
// program whose defers run, at -O0 and -O2.
//
// RUN: %gcc-plugin-cc -E %s -o %t.i
// RUN: %FileCheck --check-prefix=PRE --input-file=%t.i %s
// PRE: _Defer: __attribute__((__cdefer_scope__)) switch (__cdefer_mark(cdefer_requires_plugin__fplugin_cdefer_gcc_so))
// A .i written by cdefer 0.1.0 (marker without argument)
// still compiles, and runs its defers:
// RUN: sed -e 's/__cdefer_mark(cdefer_requires_plugin__fplugin_cdefer_gcc_so)/__cdefer_mark()/g' %t.i > %t.old.i
// RUN: %FileCheck --check-prefix=OLD --input-file=%t.old.i %s
// OLD: _Defer: __attribute__((__cdefer_scope__)) switch (__cdefer_mark())
// RUN: %gcc-plugin-cc -Wall -Wextra -Werror -O2 %t.old.i -o %t.old && %run %t.old | %FileCheck %s
// RUN: %gcc-plugin-cc -Wall -Wextra -Werror -O2 %t.i -o %t.two && %run %t.two | %FileCheck %s
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir && %gcc-plugin-cc -Wall -Wextra -Werror -save-temps -O0 %s -o %t.st && %run %t.st | %FileCheck %s
// RUN: %gcc-plugin-cc -Wall -Wextra -Werror -flto -O2 %s -o %t.lto && %run %t.lto | %FileCheck %s
// RUN: %gcc-plugin-cc -c -flto -O2 %s -o %t.lto.o && %gcc-plugin-cc -flto -O2 %t.lto.o -o %t.lto2 && %run %t.lto2 | %FileCheck %s
// CHECK: body
// CHECK-NEXT: second
// CHECK-NEXT: first
// CHECK-NEXT: loop 0
// CHECK-NEXT: end 0
// CHECK-NEXT: loop 1
// CHECK-NEXT: end 1
// CHECK-NEXT: result 7
#include <stddefer.h>
#include <stdio.h>

static int value = 7;

__attribute__((noinline)) static int f(void)
{
    defer puts("first");
    defer puts("second");
    puts("body");
    return value;
}

int main(void)
{
    int r = f();
    for (int i = 0; i < 2; i++) {
        defer printf("end %d\n", i);
        printf("loop %d\n", i);
    }
    printf("result %d\n", r);
    return 0;
}
