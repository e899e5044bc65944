// SPEC 7: without the plugin, <stddefer.h> stops with an #error that names the
// missing -fplugin= flag (GCC, which has no native _Defer).
// ONLY: gcc
// RUN: not %bare-gcc -fsyntax-only -I%cdefer-inc %s 2>&1 | %FileCheck %s
// CHECK: error: #error {{.*}}-fplugin={{.*}}/gcc/cdefer.so
#include <stddefer.h>
