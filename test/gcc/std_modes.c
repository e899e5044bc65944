// The expansion of _Defer is warning-free under -Wall -Wextra -Wpedantic in
// every C standard mode from C99 on, ISO and GNU: braced, braceless (only
// the plugin's own W2 warning, which -Wno-error does not hide here: it is
// checked), nested, in loops, in switch case blocks, defer of defer.
// RUN: %gcc-plugin-cc -std=c99 -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=c11 -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=c17 -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=c2x -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=gnu99 -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=gnu11 -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=gnu17 -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=gnu2x -Wall -Wextra -Wpedantic -fsyntax-only %s 2>&1 | %FileCheck %s
// RUN: %gcc-plugin-cc -std=c11 -Wall -Wextra -Wpedantic -Wno-error -O2 -c %s -o /dev/null 2>&1 | %FileCheck %s
// CHECK-NOT: warning:
// CHECK: std_modes.c:[[#BRACELESS:]]:9: warning: defer statement as the body of 'if' forms its own block
// CHECK-NOT: warning:
// CHECK-NOT: error:
#include <stddefer.h>
#include <stdio.h>

int f(int n)
{
    int total = 0;
    defer printf("total %d\n", total);
    for (int i = 0; i < n; i++) {
        defer total++;
        if (i == 2)
            continue;
        switch (i) {
        case 0: {
            defer puts("case 0 done");
            break;
        }
        case 1: {
            defer { defer puts("inner"); puts("outer"); }
            total += 10;
            break;
        }
        default:
            break;
        }
    }
    if (n)
        defer puts("braceless");
    _Defer puts("spelled _Defer"); defer puts("two on one line");
    return total;
}
