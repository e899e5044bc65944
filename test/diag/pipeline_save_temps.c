// SPEC 7: -save-temps (preprocess, compile, assemble as separate steps, keeping
// the intermediate files) works and gives the same program.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %cc -save-temps=obj -c %s -o %t.dir/prog.o
// RUN: %cc %t.dir/prog.o -o %t.dir/prog.exe
// RUN: %run %t.dir/prog.exe | %FileCheck %s
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 2; i++) {
        defer printf("deferred %d\n", i);
        printf("body %d\n", i);
    }
    return 0;
}
// CHECK: body 0
// CHECK-NEXT: deferred 0
// CHECK-NEXT: body 1
// CHECK-NEXT: deferred 1
