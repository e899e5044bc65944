// A function that mixes __attribute__((cleanup)) variables with defer
// (SPEC 4): a deferred statement that panics when the function returns
// normally still lets the panic run the cleanup variable and the enclosing
// deferred statement, innermost first, and a caller's recover gets it; and
// so does one that panics while a panic runs it (the second panic replaces
// the first).  (Under Clang the landing pad's call of a deferred statement
// unwinds on through the function's other cleanups, the cleanup variable's
// included: clang-plugin/ehpass.cpp; until December 2026 the second case
// aborted in a function with cleanup variables.)
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
// CHECK-NEXT: deferred panic during panic
// CHECK-NEXT: cleanup 8
// CHECK-NEXT: defer outer 2
// CHECK-NEXT: top2: recover -> second
// CHECK-NEXT: top2 returned 0
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

__attribute__((noinline)) static void mixed_during_panic(void)
{
    defer printf("defer outer 2\n");
    int c __attribute__((cleanup(closer))) = 8;
    (void)c;
    defer {
        printf("deferred panic during panic\n");
        panic("second");
    }
    panic("first");
}

__attribute__((noinline)) static int top2(void)
{
    defer {
        const cdefer_panic_info *r = recover();
        printf("top2: recover -> %s\n", r ? r->message : "NULL");
    }
    mixed_during_panic();
    return 1;
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
    printf("top2 returned %d\n", top2());
    printf("done\n");
    return 0;
}
