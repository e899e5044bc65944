// User-level panics raised by deferred code during a panic (SPEC 4).
// A panic that leaves deferred code run by a panic replaces it (the report
// lists both, oldest first); recover then returns the newest; a panic raised
// and recovered inside a function the deferred code calls leaves the first
// one going; recover-then-panic reports the first as "[recovered]".
//
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O0
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.O2
// RUN: sh -c '%run %t.O0 replace >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=REPLACE --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=REPLACE-ERR %s <%t.err
// RUN: %run %t.O2 replace-recovered | %FileCheck --check-prefix=REPLREC --match-full-lines %s
// RUN: sh -c '%run %t.O2 repanic >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=REPANIC --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=REPANIC-ERR %s <%t.err
// RUN: %run %t.O0 repanic-recovered | %FileCheck --check-prefix=REPANICREC --match-full-lines %s
// RUN: %run %t.O0 inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s
// RUN: %run %t.O2 inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s
// RUN: sh -c '%run %t.O2 chain >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=CHAIN-ERR %s <%t.err
// RUN: %run %t.O2 chain-recovered | %FileCheck --check-prefix=CHAINREC --match-full-lines %s
// RUN: %run %t.O0 after-recover | %FileCheck --check-prefix=AFTERREC --match-full-lines %s
// RUN: %run %t.O2 after-recover | %FileCheck --check-prefix=AFTERREC --match-full-lines %s
// RUN: sh -c '%run %t.O2 after-recover-escapes >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=AFTERESC --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=AFTERESC-ERR %s <%t.err
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.O2 repanic-recovered | %FileCheck --check-prefix=REPANICREC --match-full-lines %s %}
//
// EXIT2: exit=2

#include <cdefer.h>
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static void thrower(const char *what)
{
    defer printf("defer thrower\n");
    panic("%s", what);
}

#define SHOW(tag)                                                             \
    do {                                                                      \
        const cdefer_panic_info *r_ = recover();                              \
        printf("%s: recover -> %s\n", tag, r_ ? r_->message : "NULL");        \
    } while (0)

/* replace */
__attribute__((noinline)) static void replace(void)
{
    defer printf("defer replace outer\n");
    defer { printf("deferred panic\n"); panic("second"); }
    defer printf("defer replace inner\n");
    thrower("first");
}
// REPLACE:      defer thrower
// REPLACE-NEXT: defer replace inner
// REPLACE-NEXT: deferred panic
// REPLACE-NEXT: defer replace outer
// REPLACE-NEXT: defer main
// REPLACE-NOT:  {{.+}}
// REPLACE-ERR:      {{^}}panic: first{{$}}
// REPLACE-ERR-NEXT: {{^}}	panic: second{{$}}
// REPLACE-ERR-NEXT: {{^}}	at {{.*}}recover_nested.c:[[#]] (replace){{$}}
// REPLACE-ERR-NEXT: {{^[A-Za-z_][A-Za-z0-9_.]*(\(\.\.\.\)|\+0x[0-9a-f]+)$}}
// REPLACE-ERR-NEXT: {{^	.+(:[0-9]+|\+0x[0-9a-f]+)$}}

/* replace-recovered */
__attribute__((noinline)) static int replace_recovered(void)
{
    defer SHOW("replace_recovered");
    defer panic("second");
    thrower("first");
    return 1;
}
// REPLREC:      defer thrower
// REPLREC-NEXT: replace_recovered: recover -> second
// REPLREC-NEXT: replace_recovered returned 0
// REPLREC-NEXT: after: recover -> NULL
// REPLREC-NEXT: defer main
// REPLREC-NOT:  {{.+}}

/* repanic */
__attribute__((noinline)) static int repanic(void)
{
    defer printf("defer repanic outer\n");
    defer {
        const cdefer_panic_info *r = recover();
        printf("repanic: recovered \"%s\", panicking again\n", r ? r->message : "NULL");
        panic("again after %s", r ? r->message : "NULL");
    }
    thrower("first");
    return 1;
}
__attribute__((noinline)) static int repanic_recovered(void)
{
    defer SHOW("repanic_recovered");
    int r = repanic();
    printf("not reached: %d\n", r);
    return r;
}
// REPANIC:      defer thrower
// REPANIC-NEXT: repanic: recovered "first", panicking again
// REPANIC-NEXT: defer repanic outer
// REPANIC-NEXT: defer main
// REPANIC-NOT:  {{.+}}
// REPANIC-ERR:      {{^}}panic: first [recovered]{{$}}
// REPANIC-ERR-NEXT: {{^}}	panic: again after first{{$}}
// REPANIC-ERR-NEXT: {{^}}	at {{.*}}recover_nested.c:[[#]] (repanic){{$}}
// REPANICREC:      defer thrower
// REPANICREC-NEXT: repanic: recovered "first", panicking again
// REPANICREC-NEXT: defer repanic outer
// REPANICREC-NEXT: repanic_recovered: recover -> again after first
// REPANICREC-NEXT: repanic_recovered returned 0
// REPANICREC-NEXT: after: recover -> NULL
// REPANICREC-NEXT: defer main
// REPANICREC-NOT:  {{.+}}

/* inner-recovered */
__attribute__((noinline)) static int inner(void)
{
    defer SHOW("inner");
    thrower("inner panic");
    return 1;
}
__attribute__((noinline)) static void middle(void)
{
    defer printf("defer middle outer\n");
    defer printf("middle: inner() returned %d\n", inner());
    thrower("outer panic");
}
__attribute__((noinline)) static int top(void)
{
    defer SHOW("top");
    middle();
    return 1;
}
// INNERREC:      defer thrower
// INNERREC-NEXT: defer thrower
// INNERREC-NEXT: inner: recover -> inner panic
// INNERREC-NEXT: middle: inner() returned 0
// INNERREC-NEXT: defer middle outer
// INNERREC-NEXT: top: recover -> outer panic
// INNERREC-NEXT: top returned 0
// INNERREC-NEXT: after: recover -> NULL
// INNERREC-NEXT: defer main
// INNERREC-NOT:  {{.+}}

/* chain: 40 frames, each with a deferred panic */
__attribute__((noinline)) static void chain(int n)
{
    if (n < 0)
        return;
    defer panic("deferred %d", n);
    if (n == 0)
        thrower("chain start");
    else
        chain(n - 1);
}
__attribute__((noinline)) static int chain_recovered(void)
{
    defer SHOW("chain_recovered");
    chain(39);
    return 1;
}
// CHAIN-ERR:          {{^}}panic: chain start{{$}}
// CHAIN-ERR-NEXT:     {{^}}	panic: deferred 0{{$}}
// CHAIN-ERR-COUNT-38: {{^}}	panic: deferred {{[0-9]+}}{{$}}
// CHAIN-ERR-NEXT:     {{^}}	panic: deferred 39{{$}}
// CHAIN-ERR-NEXT:     {{^}}	at {{.*}}recover_nested.c:[[#]] (chain){{$}}
// CHAINREC:      defer thrower
// CHAINREC-NEXT: chain_recovered: recover -> deferred 39
// CHAINREC-NEXT: chain_recovered returned 0
// CHAINREC-NEXT: after: recover -> NULL
// CHAINREC-NEXT: defer main

/* after-recover: the recovering function's next deferred statement panics;
 * an earlier-registered deferred recover of the same function gets it */
__attribute__((noinline)) static int after_recover(int outer_recover)
{
    defer if (outer_recover) SHOW("after_recover C");
    defer { printf("deferred panic\n"); panic("second"); }
    defer SHOW("after_recover B");
    thrower("first");
    return 1;
}
// AFTERREC:      defer thrower
// AFTERREC-NEXT: after_recover B: recover -> first
// AFTERREC-NEXT: deferred panic
// AFTERREC-NEXT: after_recover C: recover -> second
// AFTERREC-NEXT: after_recover returned 0
// AFTERREC-NEXT: after: recover -> NULL
// AFTERREC-NEXT: defer main
// AFTERREC-NOT:  {{.+}}
// AFTERESC:      defer thrower
// AFTERESC-NEXT: after_recover B: recover -> first
// AFTERESC-NEXT: deferred panic
// AFTERESC-NEXT: defer main
// AFTERESC-NOT:  {{.+}}
// AFTERESC-ERR:      {{^}}panic: first [recovered]{{$}}
// AFTERESC-ERR-NEXT: {{^}}	panic: second{{$}}
// AFTERESC-ERR-NEXT: {{^}}	at {{.*}}recover_nested.c:[[#]] (after_recover){{$}}

__attribute__((noinline)) static void after(void)
{
    defer SHOW("after");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    setvbuf(stdout, NULL, _IONBF, 0);
    defer printf("defer main\n");
    if (!strcmp(mode, "replace")) {
        replace();
    } else if (!strcmp(mode, "replace-recovered")) {
        printf("replace_recovered returned %d\n", replace_recovered());
        after();
    } else if (!strcmp(mode, "repanic")) {
        repanic();
    } else if (!strcmp(mode, "repanic-recovered")) {
        printf("repanic_recovered returned %d\n", repanic_recovered());
        after();
    } else if (!strcmp(mode, "inner-recovered")) {
        printf("top returned %d\n", top());
        after();
    } else if (!strcmp(mode, "after-recover")) {
        printf("after_recover returned %d\n", after_recover(1));
        after();
    } else if (!strcmp(mode, "after-recover-escapes")) {
        after_recover(0);
    } else if (!strcmp(mode, "chain")) {
        chain(39);
    } else if (!strcmp(mode, "chain-recovered")) {
        printf("chain_recovered returned %d\n", chain_recovered());
        after();
    } else {
        printf("unknown mode\n");
    }
    return 0;
}
