// User-level named result with recover (SPEC 4, 5).  After a
// recover, a function with a named result returns the result's final value
// (deferred code may set it after the recover); without a panic, `return
// e;` stores e in it and deferred code may change it, as in Go.
//
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// RUN: %if sanitizers %{ %cc -std=c99 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.asan %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.asan | %FileCheck --match-full-lines %s %}
// RUN: %if sanitizers %{ env ASAN_OPTIONS=detect_stack_use_after_return=1 %run --timeout 60 %t.asan | %FileCheck --match-full-lines %s %}
// CHECK:      save ok -> 0
// CHECK-NEXT: save with a failing close -> -1
// CHECK-NEXT: save with a panic -> -2 (recovered: disk on fire)
// CHECK-NEXT: panic before the result is set -> 0
// CHECK-NEXT: panic after return 7 -> 7
// CHECK-NEXT: struct result after a panic -> {3, "set by defer"}
// CHECK-NOT:  {{.+}}

#include <cdefer.h>
#include <stdio.h>
#include <string.h>

static int close_fails, write_panics;
static char why[64];

static int fake_close(void) { return close_fails ? -1 : 0; }
static void fake_write(void) { if (write_panics) panic("disk on fire"); }

/* SPEC 5's example, plus a recover that turns a panic into an error. */
static int save(void)
{
    cdefer_result int err = 0;
    defer {
        const cdefer_panic_info *r = recover();
        if (r) {
            snprintf(why, sizeof why, "%s", r->message);
            err = -2;
        }
    }
    defer { if (fake_close() != 0 && err == 0) err = -1; }
    fake_write();
    return err;
}

/* A panic before any assignment: the result's initial value... */
static int early(void)
{
    cdefer_result int res = 0;
    defer (void)recover();
    panic("early");
    return res;
}

/* ...and after `return 7;` stored 7 in it. */
static int late(void)
{
    cdefer_result int res = 0;
    defer (void)recover();
    defer panic("late");
    return 7;
}

struct S { int n; char s[16]; };
static struct S with_struct(void)
{
    cdefer_result struct S out = { 0, "" };
    defer {
        if (recover()) {
            out.n = 3;
            strcpy(out.s, "set by defer");
        }
    }
    panic("struct");
    return out;
}

int main(void)
{
    printf("save ok -> %d\n", save());
    close_fails = 1;
    printf("save with a failing close -> %d\n", save());
    close_fails = 0;
    write_panics = 1;
    int r = save();
    printf("save with a panic -> %d (recovered: %s)\n", r, why);
    printf("panic before the result is set -> %d\n", early());
    printf("panic after return 7 -> %d\n", late());
    struct S s = with_struct();
    printf("struct result after a panic -> {%d, \"%s\"}\n", s.n, s.s);
    return 0;
}
