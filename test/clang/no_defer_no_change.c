// SPEC 7: loading the plugin into a build of code that uses no defer changes
// nothing in the generated code but the unwind information that enabling
// exceptions adds; with unwind=off, nothing at all.  With unwinding on, the
// only difference is the `nounwind` function attribute (and the attribute
// groups that follow from it, left out of the comparison).
// RUN: %bare-clang -O0 -S -emit-llvm %s -o %t.bare0.ll
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -plugin-arg-cdefer -Xclang unwind=off %s -o %t.plug0.ll
// RUN: diff %t.bare0.ll %t.plug0.ll
// RUN: %bare-clang -O2 -S -emit-llvm %s -o %t.bare2.ll
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -Xclang -plugin-arg-cdefer -Xclang unwind=off %s -o %t.plug2.ll
// RUN: diff %t.bare2.ll %t.plug2.ll
// RUN: %clang-plugin-cc -O0 -S -emit-llvm %s -o %t.eh0.ll
// RUN: sed -e '/^attributes /d' -e 's/nounwind //g' -e 's/#[0-9]*//g' %t.bare0.ll > %t.bare0.norm
// RUN: sed -e '/^attributes /d' -e 's/nounwind //g' -e 's/#[0-9]*//g' %t.eh0.ll > %t.eh0.norm
// RUN: diff %t.bare0.norm %t.eh0.norm
// RUN: not grep -q -e invoke -e landingpad -e personality %t.eh0.ll
#include <stdio.h>
#include <stdlib.h>

struct S { int a[4]; };

static struct S mk(int n)
{
    struct S s = {{n, n + 1, n + 2, n + 3}};
    return s;
}

int work(const char *p, int n)
{
    char *b = malloc(n);
    if (!b)
        return -1;
    for (int i = 0; i < n; i++) {
        if (p[i] == 0)
            break;
        b[i] = p[i];
    }
    printf("%d\n", mk(n).a[2]);
    free(b);
    return 0;
}
