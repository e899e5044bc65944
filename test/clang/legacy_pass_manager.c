// With -flegacy-pass-manager (Clang 13 and 14 only) no pass plugin runs, so
// the plugin's LLVM pass (clang-plugin/ehpass.cpp) cannot give deferred code
// run by a landing pad its unwind edge: the plugin says so instead of
// leaving Clang's terminate pad silently.  The default pass manager gets no
// warning, and its IR has no terminate pad for the deferred statement.
// REQUIRES: clang-legacy-pm
// RUN: %clang-plugin-cc -O0 -flegacy-pass-manager -S -emit-llvm %s -o %t.ll 2>&1 | %FileCheck --check-prefix=WARN %s
// RUN: %FileCheck --check-prefix=LEGACY %s < %t.ll
// RUN: %clang-plugin-cc -O0 -fno-legacy-pass-manager -S -emit-llvm %s -o - 2>&1 | %FileCheck --check-prefix=NEW %s
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include <stddefer.h>

void may_unwind(int);

void f(int n)
{
    defer may_unwind(n);
    may_unwind(n + 1);
}

// WARN: warning: cdefer: with -flegacy-pass-manager a panic raised by deferred code while a panic runs it aborts the program; drop -flegacy-pass-manager
// LEGACY: catch i8* null
// NEW-NOT: warning:
// NEW-LABEL: define {{.*}}void @f(
// NEW-NOT: catch i8* null
// NEW: }
