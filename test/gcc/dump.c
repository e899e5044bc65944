// -fplugin-arg-cdefer-gcc-dump prints, per function that has a defer, how
// each defer was lowered and which exits its finally guards (format in
// docs/DESIGN-gcc.md).  (%gcc-plugin-cc loads the plugin as .../cdefer.so:
// GCC takes the plugin name of -fplugin-arg-NAME-KEY up to the first '-'.)
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-dump -w -c %s -o /dev/null 2>&1 | %FileCheck %s --match-full-lines --strict-whitespace
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-dump -fplugin-arg-cdefer-gcc-unwind=off -w -c %s -o /dev/null 2>&1 | %FileCheck %s --check-prefix=OFF
// OFF-NOT: exit: unwind
// OFF: cdefer: function 'loop'
// OFF-NOT: exit: unwind
#include <cdefer.h>
void use(int);

// CHECK:cdefer: function 'loop'
// CHECK-NEXT:cdefer:   defer {{.*}}dump.c:[[@LINE+6]]:5: try/finally
// CHECK-NEXT:cdefer:     exit: return {{.*}}dump.c:[[@LINE+17]]:21
// CHECK-NEXT:cdefer:     exit: return {{.*}}dump.c:[[@LINE+21]]:5
// CHECK-NEXT:cdefer:     exit: unwind
int loop(int n)
{
    _Defer use(0);
    for (int i = 0; i < n; i++) {
        // CHECK-NEXT:cdefer:   defer {{.*}}dump.c:[[@LINE+1]]:9: try/finally
        _Defer use(i);
        // CHECK-NEXT:cdefer:     exit: end of block
        // CHECK-NEXT:cdefer:     exit: continue {{.*}}dump.c:[[@LINE+1]]:21
        if (i == 1) continue;
        // CHECK-NEXT:cdefer:     exit: break {{.*}}dump.c:[[@LINE+1]]:21
        if (i == 2) break;
        // CHECK-NEXT:cdefer:     exit: goto 'out' {{.*}}dump.c:[[@LINE+1]]:21
        if (i == 3) goto out;
        // CHECK-NEXT:cdefer:     exit: return {{.*}}dump.c:[[@LINE+1]]:21
        if (i == 4) return i;
        // CHECK-NEXT:cdefer:     exit: unwind
        switch (i) { case 5: break; }
    }
out:
    return n;
}

// A defer inside a deferred statement is indented one more level; one with
// nothing after it in its block runs at once; an empty one is removed.
// CHECK-NEXT:cdefer: function 'nested'
// CHECK-NEXT:cdefer:   defer {{.*}}dump.c:[[@LINE+8]]:5: try/finally
// CHECK-NEXT:cdefer:     exit: end of block
// CHECK-NEXT:cdefer:     exit: unwind
// CHECK-NEXT:cdefer:     defer {{.*}}dump.c:[[@LINE+5]]:14: try/finally
// CHECK-NEXT:cdefer:       exit: end of block
// CHECK-NEXT:cdefer:       exit: unwind
void nested(void)
{
    _Defer { _Defer use(1); use(2); }
    // CHECK-NEXT:cdefer:   defer {{.*}}dump.c:[[@LINE+1]]:5: no effect
    _Defer {}
    use(3);
    // CHECK-NEXT:cdefer:   defer {{.*}}dump.c:[[@LINE+1]]:5: at once
    _Defer use(4);
}

// No defer, no output.
// CHECK-NOT: 'plain'
void plain(void) { use(5); }


// A named result and a recovering function (docs/RUNTIME.md 2) say so
// after the function line; with unwinding off there is no recover lowering.
// CHECK:cdefer: function 'saved'
// OFF:cdefer: function 'saved'
int saved(void)
{
    // CHECK-NEXT:cdefer:   named result 'err' {{.*}}dump.c:[[@LINE+3]]:23
    // CHECK-NEXT:cdefer:   recovers: 2 recover() calls, _setjmp at entry
    // OFF-NEXT:cdefer:   named result 'err' {{.*}}dump.c:[[@LINE+1]]:23
    cdefer_result int err = 0;
    // CHECK-NEXT:cdefer:   defer {{.*}}dump.c:[[@LINE+2]]:5: try/finally
    // OFF-NEXT:cdefer:   defer {{.*}}dump.c:[[@LINE+1]]:5: try/finally
    _Defer if (recover() || recover()) err = -1;
    use(6);
    // CHECK-NEXT:cdefer:     exit: return {{.*}}dump.c:[[@LINE+2]]:5
    // CHECK-NEXT:cdefer:     exit: unwind
    return err;
}
