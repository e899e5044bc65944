// A panic unwinds through functions of other translation units compiled
// with the plugin that have no defers (SPEC 4): the deferred statements of
// the function that called them and the recover() further out still run.
// With the GCC plugin such a unit is compiled without -fexceptions unless
// it has a cleanup variable (gcc-plugin/exceptions.cc): Inputs/plain_unit.c
// has none (its frame is crossed through its unwind tables),
// Inputs/cleanup_unit.c has one (its cleanup runs, as with -fexceptions).
// With -flto every unit keeps -fexceptions: a unit compiled without it
// would make GCC infer `nothrow` for `through` and drop the landing pad of
// its call in `caller`.
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror -c %S/Inputs/plain_unit.c -o %t.plain.o
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror -c %S/Inputs/cleanup_unit.c -o %t.cleanup.o
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s %t.plain.o %t.cleanup.o %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror -c %S/Inputs/plain_unit.c -o %t.plain2.o
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror -c %S/Inputs/cleanup_unit.c -o %t.cleanup2.o
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %t.plain2.o %t.cleanup2.o %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 %flto -Wall -Wextra -Werror %s %S/Inputs/plain_unit.c %S/Inputs/cleanup_unit.c %cdefer-lib/libcdefer.a -o %t.lto
// RUN: %run %t.lto | %FileCheck --match-full-lines %s
//
// CHECK:      boom 6
// CHECK-NEXT: caller defer 0
// CHECK-NEXT: top: recover -> boom
// CHECK-NEXT: boom 8
// CHECK-NEXT: unit cleanup 7
// CHECK-NEXT: caller defer 1
// CHECK-NEXT: top: recover -> boom
// CHECK-NEXT: done
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>

int through(int k);
int through_cleanup(int k);
void (*volatile unit_cb)(int);

static void boom(int v)
{
    printf("boom %d\n", v);
    panic("boom");
}

__attribute__((noinline)) static int caller(int which)
{
    defer printf("caller defer %d\n", which);
    return which ? through_cleanup(7) : through(3);
}

__attribute__((noinline)) static int top(int which)
{
    defer {
        const cdefer_panic_info *r = recover();
        printf("top: recover -> %s\n", r ? r->message : "NULL");
    }
    return caller(which);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    unit_cb = boom;
    top(0);
    top(1);
    printf("done\n");
    return 0;
}
