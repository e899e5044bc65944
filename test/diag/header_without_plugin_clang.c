// SPEC 7: without the plugin (and without -fdefer-ts), <stddefer.h> stops with
// an #error that names the missing -fplugin= flag.
// ONLY: clang
// RUN: not %bare-clang -fsyntax-only -I%cdefer-inc %s 2>&1 | %FileCheck %s
// CHECK: error: {{.*}}-fplugin={{.*}}cdefer-clang.so
#include <stddefer.h>
