// User-level recover (SPEC 4), as users write it (the plugins' recover
// lowering, docs/RUNTIME.md section 2).
// recover() directly in a deferred statement run by a panic stops it and
// returns its record; the function's remaining deferred statements run and
// it returns the value of the `return e;` in progress, else zero, to a
// caller that carries on.  recover() is NULL outside panics, in a function
// called by a deferred statement, in deferred code run by a normal exit
// during a panic, and a second time.
//
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.O0
// RUN: %run %t.O0 | %FileCheck --match-full-lines %s
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: %run %t.O2 | %FileCheck --match-full-lines %s
// RUN: %if sanitizers %{ %cc -std=c99 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.asan %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.asan | %FileCheck --match-full-lines %s %}
// RUN: %if sanitizers %{ env ASAN_OPTIONS=detect_stack_use_after_return=1 %run --timeout 60 %t.asan | %FileCheck --match-full-lines %s %}
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.O2 | %FileCheck --match-full-lines %s %}

#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *base(const char *f)
{
    const char *s = strrchr(f, '/');
    return s ? s + 1 : f;
}

#define REPORT(tag)                                                           \
    do {                                                                      \
        const cdefer_panic_info *r_ = recover();                              \
        if (r_)                                                               \
            printf("%s: recovered \"%s\" (%s:%d %s)\n", tag, r_->message,     \
                   base(r_->file), r_->line, r_->func);                       \
        else                                                                  \
            printf("%s: recover -> NULL\n", tag);                             \
    } while (0)

__attribute__((noinline)) static void thrower(const char *what)
{
    defer printf("defer thrower\n");
    panic("%s", what);
}

/* 1. zero result; the remaining deferred statements run */
__attribute__((noinline)) static int zero_result(void)
{
    defer printf("defer zero_result first\n");
    defer REPORT("zero_result");
    defer printf("defer zero_result last\n");
    thrower("one");
    printf("not reached\n");
    return 1;
}
// CHECK:      == 1
// CHECK-NEXT: defer thrower
// CHECK-NEXT: defer zero_result last
// CHECK-NEXT: zero_result: recovered "one" (recover_basic.c:{{[0-9]+}} thrower)
// CHECK-NEXT: defer zero_result first
// CHECK-NEXT: zero_result returned 0

/* 2. the value of the return in progress */
__attribute__((noinline)) static int return_in_progress(int v)
{
    defer REPORT("return_in_progress");
    defer panic("from a deferred statement at return");
    defer printf("defer return_in_progress innermost\n");
    return v * 2;
}
// CHECK:      == 2
// CHECK-NEXT: defer return_in_progress innermost
// CHECK-NEXT: return_in_progress: recovered "from a deferred statement at return" (recover_basic.c:{{[0-9]+}} return_in_progress)
// CHECK-NEXT: return_in_progress returned 42

/* 3. struct results: in progress, and zero */
struct big { int a; double b; char s[40]; };
__attribute__((noinline)) static struct big struct_result(int early)
{
    defer REPORT("struct_result");
    if (early)
        thrower("before any return");
    defer panic("struct");
    struct big b = { 7, 2.5, "seven" };
    return b;
}
// CHECK:      == 3
// CHECK-NEXT: struct_result: recovered "struct" ({{.*}})
// CHECK-NEXT: struct_result returned {7, 2.5, "seven"}
// CHECK-NEXT: defer thrower
// CHECK-NEXT: struct_result: recovered "before any return" ({{.*}})
// CHECK-NEXT: struct_result returned {0, 0, ""}

/* 3b. the deferred code cannot change the value of return e (SPEC 3.4):
 * the deferred statement changes b after the return evaluated it */
__attribute__((noinline)) static struct big struct_kept(void)
{
    struct big b = { 1, 1.5, "one" };
    defer REPORT("struct_kept");
    defer { b.a = 99; panic("after changing b"); }
    return b;
}
// CHECK:      struct_kept: recovered "after changing b" ({{.*}})
// CHECK-NEXT: struct_kept returned {1, 1.5, "one"}

/* 4. NULL: outside a panic, from a called function, from deferred code run
 *    by a normal exit during a panic; a second recover */
__attribute__((noinline)) static const cdefer_panic_info *helper_plain(void)
{
    /* recover() here (not in a deferred statement) is always NULL, and W3
     * says so at compile time; called through a pointer, -Werror passes. */
    const cdefer_panic_info *(*volatile plain_recover)(void) = cdefer_recover;
    return plain_recover();
}
__attribute__((noinline)) static void helper_own_defer(void)
{
    defer REPORT("helper_own_defer (normal exit)");
    printf("helper_own_defer body\n");
}
__attribute__((noinline)) static int not_here(int do_panic)
{
    defer REPORT("not_here second");
    defer REPORT("not_here first");
    defer {
        printf("helper_plain -> %s\n", helper_plain() ? "record" : "NULL");
        helper_own_defer();
    }
    if (do_panic)
        thrower("five");
    return 100;
}
// CHECK:      == 4
// CHECK-NEXT: helper_plain -> NULL
// CHECK-NEXT: helper_own_defer body
// CHECK-NEXT: helper_own_defer (normal exit): recover -> NULL
// CHECK-NEXT: not_here first: recover -> NULL
// CHECK-NEXT: not_here second: recover -> NULL
// CHECK-NEXT: not_here returned 100
// CHECK-NEXT: defer thrower
// CHECK-NEXT: helper_plain -> NULL
// CHECK-NEXT: helper_own_defer body
// CHECK-NEXT: helper_own_defer (normal exit): recover -> NULL
// CHECK-NEXT: not_here first: recovered "five" ({{.*}})
// CHECK-NEXT: not_here second: recover -> NULL
// CHECK-NEXT: not_here returned 0

/* 5. recursion: the frame the panic is in recovers, innermost or outer */
__attribute__((noinline)) static int recursive(int n, int recover_at)
{
    if (n < 0)
        return -1;
    defer {
        if (n == recover_at) {
            const cdefer_panic_info *r = recover();
            printf("recursive(%d): recover -> %s\n", n, r ? r->message : "NULL");
        }
    }
    if (n == 0)
        thrower("bottom");
    int r = recursive(n - 1, recover_at);
    printf("recursive(%d) got %d\n", n, r);
    return n;
}
// CHECK:      == 5
// CHECK-NEXT: defer thrower
// CHECK-NEXT: recursive(0): recover -> bottom
// CHECK-NEXT: recursive(1) got 0
// CHECK-NEXT: recursive(2) got 1
// CHECK-NEXT: recursive(3) got 2
// CHECK-NEXT: recursive(3) returned 3
// CHECK-NEXT: defer thrower
// CHECK-NEXT: recursive(2): recover -> bottom
// CHECK-NEXT: recursive(3) got 0
// CHECK-NEXT: recursive(3) returned 3

/* 6. recover in a nested block of the deferred statement, in a loop body's
 *    defer, and in a void function */
__attribute__((noinline)) static void void_fn(void)
{
    for (int i = 0; i < 3; i++) {
        defer {
            if (i == 1) {
                const cdefer_panic_info *r = recover();
                printf("loop %d: recover -> %s\n", i, r ? r->message : "NULL");
            }
        }
        if (i == 1)
            thrower("in the loop");
        printf("loop %d body\n", i);
    }
    printf("not reached: after the loop\n");
}
// CHECK:      == 6
// CHECK-NEXT: loop 0 body
// CHECK-NEXT: defer thrower
// CHECK-NEXT: loop 1: recover -> in the loop
// CHECK-NEXT: void_fn returned

/* 7. payload, formatting, record lifetime */
static int payload = 77;
__attribute__((noinline)) static void raise_value(void) { panic_value(&payload, "with %s", "payload"); }
__attribute__((noinline)) static void raise_long(void) { panic("%s|%0300d|%s", "head", 5, "tail"); }
static const cdefer_panic_info *last;
__attribute__((noinline)) static void catch_record(void (*fn)(void))
{
    defer last = recover();
    fn();
}
// CHECK:      == 7
// CHECK-NEXT: value 77, same pointer yes, raise_value at line [[#]] of recover_basic.c
// CHECK-NEXT: long message length 310, head|0000

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("== 1\n");
    printf("zero_result returned %d\n", zero_result());
    printf("== 2\n");
    printf("return_in_progress returned %d\n", return_in_progress(21));
    printf("== 3\n");
    struct big b = struct_result(0);
    printf("struct_result returned {%d, %g, \"%s\"}\n", b.a, b.b, b.s);
    b = struct_result(1);
    printf("struct_result returned {%d, %g, \"%s\"}\n", b.a, b.b, b.s);
    b = struct_kept();
    printf("struct_kept returned {%d, %g, \"%s\"}\n", b.a, b.b, b.s);
    printf("== 4\n");
    printf("not_here returned %d\n", not_here(0));
    printf("not_here returned %d\n", not_here(1));
    printf("== 5\n");
    printf("recursive(3) returned %d\n", recursive(3, 0));
    printf("recursive(3) returned %d\n", recursive(3, 2));
    printf("== 6\n");
    void_fn();
    printf("void_fn returned\n");
    printf("== 7\n");
    catch_record(raise_value);
    const cdefer_panic_info *v = last;
    printf("value %d, same pointer %s, %s at line %d of %s\n", v ? *(int *)v->value : -1,
           v && v->value == &payload ? "yes" : "no", v ? v->func : "?", v ? v->line : 0,
           v ? base(v->file) : "?");
    catch_record(raise_long);
    const cdefer_panic_info *l = last;
    printf("long message length %zu, %.9s\n", l ? strlen(l->message) : (size_t)0,
           l ? l->message : "");
    return 0;
}
