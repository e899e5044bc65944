// -Wswitch-default (real projects build with it and -Werror: cJSON) says
// nothing about defers, whatever their form; a switch of the user's without
// a default label is still reported, at its own line.  The same for the
// preprocessed file (ccache, distcc).
// RUN: %cc -fsyntax-only -Wall -Wextra -Wswitch-default -Werror %s 2>&1 | count 0
// RUN: %cc -E %s -o %t.i
// RUN: %cc -fsyntax-only -Wswitch-default -Werror=switch-default %t.i 2>&1 | %FileCheck %s --check-prefix=PREPROCESSED --allow-empty --implicit-check-not=error:
// The user's switch is reported: GCC only (Clang before 18 accepts
// -Wswitch-default and never warns; Clang's marker has no switch anyway).
// RUN: sh -c 'test %cc-name = clang && exit 0; %cc -fsyntax-only -Wswitch-default -Werror -DUSER_SWITCH %s 2>&1 | %FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:'
// PREPROCESSED-NOT: switch-default
#include <stddefer.h>
#include <stdio.h>

#define CLOSE(x) defer printf("close %d\n", x)

int f(int c)
{
    defer puts("plain");
    _Defer { puts("braced"); }
    if (c) {
        defer puts("in a block");
    }
    defer defer puts("nested");
    CLOSE(c);
    int v = ({ defer puts("in a statement expression"); c; });
    switch (c) {
    default:
        break;
    }
#ifdef USER_SWITCH
    // CHECK: {{.*}}switch_default_quiet.c:[[@LINE+1]]:5: error: {{.*}}switch-default
    switch (c) {
    case 1:
        return 1;
    }
#endif
    return v;
}
