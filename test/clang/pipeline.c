// SPEC 7: `-E`, then compiling the .i with the plugin, gives the same lowered
// code as compiling the source: the .i holds the marker loops, which the
// plugin recognises without any macro.  Also -save-temps.  SPEC 7: the same
// .i compiled without the plugin (a ccache or distcc node that lacks it)
// fails, naming the plugin, instead of dropping the defers.
// RUN: %clang-plugin-cc -E %s -o %t.i
// RUN: %FileCheck --check-prefix=PP %s < %t.i
// RUN: %clang-plugin-cc -Wno-unused-command-line-argument -S -emit-llvm -Xclang -disable-llvm-passes %t.i -o - | %FileCheck --check-prefix=IR %s
// RUN: %clang-plugin-cc -Wno-unused-command-line-argument %t.i -o %t.exe
// RUN: %run %t.exe | %FileCheck --check-prefix=OUT %s
// RUN: not %bare-clang -c %t.i -o %t.bare.o 2>&1 | %FileCheck --check-prefix=BARE %s
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %clang-plugin-cc -save-temps=obj %s -o %t.dir/st.exe
// RUN: %run %t.dir/st.exe | %FileCheck --check-prefix=OUT %s
#include <stddefer.h>
#include <stdio.h>

static int f(int n)
{
    defer printf("deferred n = %d\n", n);
    n = 2;
    return n * 10;
}

int main(void)
{
    printf("f() = %d\n", f(1));
    return 0;
}
// PP-NOT: pragma cdefer
// PP: while ((void *)!sizeof(char) && cdefer_requires_plugin__fplugin_cdefer_clang_so) printf("deferred n = %d\n", n);
// IR: define {{.*}} @f(
// IR: call void @__cdefer_fn_
// OUT: deferred n = 2
// OUT-NEXT: f() = 20
// BARE: pipeline.c:20:{{[0-9]+}}: error: use of undeclared identifier 'cdefer_requires_plugin__fplugin_cdefer_clang_so'
