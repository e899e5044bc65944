// Corner cases of the recover and named-result lowering (docs/DESIGN-gcc.md
// section 4): recover() in a statement expression and in a nested defer of
// a deferred statement, in a deferred statement of a statement expression
// in an initializer; a named result declared after a defer, returned from
// a statement expression, _Atomic and const qualified, never named again;
// `return;`-free falling off the end; C99 main's implicit `return 0;` loses
// to the named result.  Each at -O0 and -O2 under -Wall -Wextra -Werror.
// A hand-declared cdefer_recover without <cdefer.h> is an error, not a
// silent NULL.
//
// RUN: %gcc-plugin-cc -std=gnu11 -O0 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: sh -c '%run %t.O0 > %t.out; echo "exit=$?" >> %t.out'
// RUN: %FileCheck %s --match-full-lines < %t.out
// RUN: %gcc-plugin-cc -std=gnu11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: sh -c '%run %t.O2 > %t.out; echo "exit=$?" >> %t.out'
// RUN: %FileCheck %s --match-full-lines < %t.out
// RUN: not %gcc-plugin-cc -fsyntax-only -DNO_HEADER %s 2>&1 | %FileCheck %s --check-prefix=NOHDR
// NOHDR: recover_edge.c:[[#@LINE+6]]:18: error: 'recover()' in a deferred statement needs the declarations of 'cdefer_abi.h': include 'cdefer.h'
#ifdef NO_HEADER
struct cdefer_panic_info;
const struct cdefer_panic_info *cdefer_recover(void);
int main(void)
{
    _Defer (void)cdefer_recover();
    return 0;
}
#else
#include <cdefer.h>
#include <stdio.h>

__attribute__((noinline)) static void boom(const char *m) { panic("%s", m); }

// CHECK:      stmt expr: recovered a, returned 0
__attribute__((noinline)) static int in_stmt_expr(void)
{
    defer printf("stmt expr: recovered %s, ", ({
        const cdefer_panic_info *r = recover();
        r ? r->message : "NULL";
    }));
    boom("a");
    return 1;
}

// CHECK-NEXT: nested defer: recovered b
__attribute__((noinline)) static void in_nested_defer(void)
{
    defer {
        defer {
            const cdefer_panic_info *r = recover();
            printf("nested defer: recovered %s\n", r ? r->message : "NULL");
        }
    }
    boom("b");
}

// CHECK-NEXT: initializer: recovered c, returned 0
__attribute__((noinline)) static int in_initializer(int c)
{
    int x = ({
        defer {
            const cdefer_panic_info *r = recover();
            if (r)
                printf("initializer: recovered %s, ", r->message);
        }
        if (c)
            boom("c");
        5;
    });
    return x;
}

// CHECK-NEXT: late declaration: 12
__attribute__((noinline)) static int late_decl(void)
{
    defer printf("late declaration: ");
    cdefer_result int r = 2;
    defer r += 10;
    return r;
}

// CHECK-NEXT: statement expression return: 41
__attribute__((noinline)) static int stmt_expr_return(int c)
{
    cdefer_result int r = 0;
    defer r += 1;
    int y = ({
        if (c)
            return 40;
        1;
    });
    return y;
}

// CHECK-NEXT: atomic: 6, const: 3, unnamed: 7
__attribute__((noinline)) static int atomic_result(void)
{
    cdefer_result _Atomic int a = 1;
    defer a = a * 2;
    return 3;
}
__attribute__((noinline)) static int const_result(void)
{
    cdefer_result const int c = 3;
    defer (void)recover();
    boom("const");
    return c + 1;
}
__attribute__((noinline)) static int never_named(void)
{
    cdefer_result int r = 0;
    defer (void)0;
    return 7;
}

// Falling off the end of a recovering function returns zero (the slot;
// GCC's "control reaches end" warning then has nothing to say).
// CHECK-NEXT: fell off: 0
__attribute__((noinline)) static int falls_off(int c)
{
    defer (void)recover();
    if (c > 5)
        return c;
}

// main's named result wins over C99's implicit `return 0;`.
// CHECK-NEXT: exit=3
int main(void)
{
    cdefer_result int status = 0;
    defer status = 3;
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("returned %d\n", in_stmt_expr());
    in_nested_defer();
    printf("returned %d\n", in_initializer(1));
    printf("%d\n", late_decl());
    printf("statement expression return: %d\n", stmt_expr_return(1));
    printf("atomic: %d, const: %d, unnamed: %d\n", atomic_result(), const_result(),
           never_named());
    printf("fell off: %d\n", falls_off(1));
}
#endif
