// A function that mixes __attribute__((cleanup)) variables with defer
// (SPEC 4): a deferred statement that panics when the function returns
// normally still lets the panic run the cleanup variable and the enclosing
// deferred statement, innermost first, and a caller's recover gets it.
// (The Clang plugin keeps Clang's own landing pads in such a function,
// docs/DESIGN-clang.md.)
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
//
// CHECK:      body
// CHECK-NEXT: deferred panic
// CHECK-NEXT: cleanup 7
// CHECK-NEXT: defer outer
// CHECK-NEXT: top: recover -> from defer
// CHECK-NEXT: top returned 0
// CHECK-NEXT: done
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>

static void closer(int *p)
{
    printf("cleanup %d\n", *p);
}

__attribute__((noinline)) static void mixed(void)
{
    defer printf("defer outer\n");
    int c __attribute__((cleanup(closer))) = 7;
    (void)c;                            /* Clang 14: -Wunused-variable */
    defer {
        printf("deferred panic\n");
        panic("from defer");
    }
    printf("body\n");
}

__attribute__((noinline)) static int top(void)
{
    defer {
        const cdefer_panic_info *r = recover();
        printf("top: recover -> %s\n", r ? r->message : "NULL");
    }
    mixed();
    return 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("top returned %d\n", top());
    printf("done\n");
    return 0;
}
