// lowering=native (Clang 22+, docs/DESIGN-clang.md): with unwinding on, a
// deferred statement that declares a variable keeps the cleanup-function
// lowering, because Clang 22's CodeGen leaves such a variable uninitialised
// in the copy of a DeferStmt it emits for the unwind path (`int k = 3;`
// read 0 there; a recover() that succeeded read NULL; -O2 code crashed).
// So does a defer enclosing a nested defer that keeps it.  Run on the
// unwind path (a panic), the values must be right at -O0 and -O2, and the
// recover() must stop the panic.  Defers that declare nothing stay native;
// with unwind=off (no unwind path) every defer stays native.
// REQUIRES: clang-native-defer
// RUN: %clang-plugin-cc -O0 -Xclang -plugin-arg-cdefer -Xclang lowering=native %s %cdefer-lib/libcdefer.a -o %t0.exe
// RUN: %run %t0.exe | %FileCheck --match-full-lines %s
// RUN: %clang-plugin-cc -O2 -Xclang -plugin-arg-cdefer -Xclang lowering=native %s %cdefer-lib/libcdefer.a -o %t2.exe
// RUN: %run %t2.exe | %FileCheck --match-full-lines %s
// RUN: %clang-plugin-cc -c -o %t.o -Xclang -plugin-arg-cdefer -Xclang lowering=native -Xclang -plugin-arg-cdefer -Xclang dump %s 2>&1 | %FileCheck --check-prefix=DUMP %s
// RUN: %clang-plugin-cc -c -o %t.o -Xclang -plugin-arg-cdefer -Xclang lowering=native -Xclang -plugin-arg-cdefer -Xclang unwind=off -Xclang -plugin-arg-cdefer -Xclang dump %s 2>&1 | %FileCheck --check-prefix=OFF %s
// CHECK:      loop 2 (k = 3)
// CHECK-NEXT: nested 5
// CHECK-NEXT: plain 7
// CHECK-NEXT: recovered: boom (local 11)
// CHECK-NEXT: f -> 0
// CHECK-NOT:  {{.+}}
#include <cdefer.h>
#include <stdio.h>

__attribute__((noinline)) static void raise_it(void) { panic("boom"); }

__attribute__((noinline)) static int f(int x)
{
    defer {
        const cdefer_panic_info *p = recover();
        int local = x + 10;
        printf("recovered: %s (local %d)\n", p ? p->message : "NULL", local);
    }
    defer printf("plain %d\n", x + 6);
    defer {
        defer {
            int n = x + 4;
            printf("nested %d\n", n);
        }
    }
    defer {
        int k = 3;
        for (int i = 2; i < 3; i++)
            printf("loop %d (k = %d)\n", i, k);
    }
    raise_it();
    return 1;
}

int main(void)
{
    printf("f -> %d\n", f(1));
    return 0;
}
// DUMP:      cdefer: function 'f' at {{.*}}
// DUMP-NEXT: cdefer:   recovers: 1 recover() call
// DUMP-NEXT: cdefer:   defer #1 at {{.*}}native_defer_locals.c:30:5: cleanup __cdefer_fn_{{[0-9]+}}(
// DUMP:      cdefer:   defer #2 at {{.*}}native_defer_locals.c:35:5: native DeferStmt
// DUMP:      cdefer:   defer #3 at {{.*}}native_defer_locals.c:36:5: cleanup __cdefer_fn_{{[0-9]+}}(
// DUMP:      cdefer:   defer #4 at {{.*}}native_defer_locals.c:37:9: cleanup __cdefer_fn_{{[0-9]+}}(
// DUMP:      cdefer:   defer #5 at {{.*}}native_defer_locals.c:42:5: cleanup __cdefer_fn_{{[0-9]+}}(
// OFF:       cdefer:   defer #1 at {{.*}}native_defer_locals.c:30:5: native DeferStmt
// OFF:       cdefer:   defer #2 at {{.*}}native_defer_locals.c:35:5: native DeferStmt
// OFF:       cdefer:   defer #3 at {{.*}}native_defer_locals.c:36:5: native DeferStmt
// OFF:       cdefer:   defer #4 at {{.*}}native_defer_locals.c:37:9: native DeferStmt
// OFF:       cdefer:   defer #5 at {{.*}}native_defer_locals.c:42:5: native DeferStmt
