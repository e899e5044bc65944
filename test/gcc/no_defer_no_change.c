// SPEC 7: loading the plugin into a build of code that uses no defer
// changes nothing in the generated code, except for the unwind tables that
// enabling exceptions adds: with unwind=off the assembly is the same as
// without the plugin, and with the default the instructions are.
// RUN: %bare-gcc -O2 -S %s -o %t.plain.s
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-unwind=off -O2 -S %s -o %t.off.s
// RUN: diff %t.plain.s %t.off.s
// RUN: %gcc-plugin-cc -O2 -S %s -o %t.on.s
// RUN: grep -v '^[[:space:]]*\.' %t.plain.s > %t.plain.insns
// RUN: grep -v '^[[:space:]]*\.' %t.on.s > %t.on.insns
// RUN: diff %t.plain.insns %t.on.insns
// RUN: %FileCheck --input-file=%t.on.insns %s
// CHECK: sum:
// CHECK: call{{.*}}get
#include <stdlib.h>

int get(int);

int sum(int n)
{
    int *v = malloc(n * sizeof *v);
    if (!v)
        return -1;
    int s = 0;
    for (int i = 0; i < n; i++) {
        v[i] = get(i);
        s += v[i];
    }
    free(v);
    return s;
}
