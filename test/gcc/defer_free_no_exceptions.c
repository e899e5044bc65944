// Issue 17 item 2: the plugin turns on -fexceptions for a translation unit
// only where unwinding has something to run (gcc-plugin/exceptions.cc).
// A unit without defers, recover(), named results or cleanup variables is
// compiled as without the plugin: GCC's EH lowering treats the call of g
// as one that cannot throw (its value goes straight into an SSA name).
// A defer, a cleanup variable or -flto (the unit meets others at link
// time) keeps -fexceptions for the whole unit: the call may throw (its
// value goes through a temporary), as with a command-line -fexceptions.
// test/runtime/unwind_through_defer_free_unit.c runs panics through such
// units.
// RUN: %gcc-plugin-cc -O2 -c %s -fdump-tree-eh=%t.plain -o %t.o
// RUN: sed -n '/^;; Function f /,/^}/p' %t.plain | %FileCheck --check-prefix=OFF %s
// RUN: %gcc-plugin-cc -O2 -c %s -DWITH_DEFER -fdump-tree-eh=%t.defer -o %t.o
// RUN: sed -n '/^;; Function f /,/^}/p' %t.defer | %FileCheck --check-prefix=ON %s
// RUN: %gcc-plugin-cc -O2 -c %s -DWITH_CLEANUP -fdump-tree-eh=%t.cleanup -o %t.o
// RUN: sed -n '/^;; Function f /,/^}/p' %t.cleanup | %FileCheck --check-prefix=ON %s
// RUN: %gcc-plugin-cc -O2 -c %s -flto -fdump-tree-eh=%t.lto -o %t.o
// RUN: sed -n '/^;; Function f /,/^}/p' %t.lto | %FileCheck --check-prefix=ON %s
// With unwind=off it is never on.
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-unwind=off -O2 -c %s -DWITH_DEFER -fdump-tree-eh=%t.off -o %t.o
// RUN: sed -n '/^;; Function f /,/^}/p' %t.off | %FileCheck --check-prefix=OFF %s
// OFF: ;; Function f
// OFF: _{{[0-9]+}} = g (k);
// ON: ;; Function f
// ON: D.{{[0-9]+}} = g (k);
int g(int);
int f(int k) { return g(k) + 1; }
#ifdef WITH_DEFER
#include <stddefer.h>
void h(int k) { defer g(k); g(k + 1); }
#endif
#ifdef WITH_CLEANUP
static void cl(int *p) { g(*p); }
void h(int k) { int c __attribute__((cleanup(cl))) = k; g(c); }
#endif
