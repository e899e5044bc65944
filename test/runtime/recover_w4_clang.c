// W4 (docs/DIAGNOSTICS.md), Clang plugin: with unwinding off
// (-Xclang -plugin-arg-cdefer -Xclang unwind=off) deferred statements
// do not run during a panic, so a recover() in one always returns NULL: a
// warning at the `recover` name, an error with -Werror, silenced by -w.
// The program and its CHECK lines: Inputs/recover_w4.c (shared with
// recover_w4_gcc.c).  With unwinding on it is not warned about.
// ONLY: clang (the option is spelled per compiler)
//
// RUN: %cc -Xclang -plugin-arg-cdefer -Xclang unwind=off -fsyntax-only %S/Inputs/recover_w4.c 2>&1 | %FileCheck %S/Inputs/recover_w4.c --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %cc -Xclang -plugin-arg-cdefer -Xclang unwind=off -fsyntax-only -Werror %S/Inputs/recover_w4.c
// RUN: %cc -Xclang -plugin-arg-cdefer -Xclang unwind=off -fsyntax-only -w %S/Inputs/recover_w4.c 2>&1 | count 0
// RUN: %cc -fsyntax-only %S/Inputs/recover_w4.c 2>&1 | %FileCheck --check-prefix=ON %S/Inputs/recover_w4.c --implicit-check-not=warning: --implicit-check-not=error:
