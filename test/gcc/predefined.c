// SPEC 1: the plugin predefines __CDEFER__ (MMmmpp), __STDC_DEFER_TS25755__
// (1) and the keyword _Defer, in compiles and under -E; compiling an
// already preprocessed file does not define them again (they are expanded
// in it already).  A defer is marked with a label (gcc-plugin/
// scope_label.cc), and -E (no function parsed) writes that form.
// RUN: %gcc-plugin-cc -dM -E - < /dev/null | %FileCheck %s
// CHECK-DAG: #define __CDEFER__ 100
// CHECK-DAG: #define __STDC_DEFER_TS25755__ 1
// CHECK-DAG: #define _Defer _Defer: __attribute__((__cdefer_scope__)) switch (__cdefer_mark(cdefer_requires_plugin__fplugin_cdefer_gcc_so))
// RUN: %gcc-plugin-cc -fsyntax-only -Wall -Wextra -Werror %s
// RUN: %gcc-plugin-cc -fpreprocessed -dM -E %s | %FileCheck --allow-empty --check-prefix=PRE %s
// PRE-NOT: _Defer
// RUN: %bare-gcc -dM -E - < /dev/null | %FileCheck --check-prefix=BARE %s
// BARE-NOT: CDEFER
#if __CDEFER__ != 100 || __STDC_DEFER_TS25755__ != 1
#error "wrong predefined values"
#endif
#ifndef _Defer
#error "_Defer is not a macro"
#endif
int main(void) { return 0; }
