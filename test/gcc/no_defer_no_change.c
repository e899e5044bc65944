// SPEC 7: loading the plugin into a build of code that uses no defer
// changes nothing in the generated code: with unwind=off and with the
// default the assembly is the same as without the plugin (a unit without
// defers, recover() or cleanup variables is compiled without -fexceptions,
// with unwind tables, which x86-64 has anyway: gcc-plugin/exceptions.cc,
// defer_free_no_exceptions.c).
// RUN: %bare-gcc -O2 -S %s -o %t.plain.s
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-unwind=off -O2 -S %s -o %t.off.s
// RUN: diff %t.plain.s %t.off.s
// RUN: %gcc-plugin-cc -O2 -S %s -o %t.on.s
// RUN: diff %t.plain.s %t.on.s
// RUN: grep -v '^[[:space:]]*\.' %t.on.s > %t.on.insns
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
