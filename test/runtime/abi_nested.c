// Runtime ABI, no plugin: panics raised by deferred code that runs during
// a panic.  A panic that leaves such deferred code replaces the panic
// being unwound (the report lists both, oldest first); one raised and
// recovered inside it leaves the first panic going; a recover after the
// replacement returns the newest panic; a re-panic after recover -- in the
// same deferred statement or a later one of the recovering frame -- reports
// the recovered one with " [recovered]", as Go does, unless another
// deferred recover of that frame gets the new panic.
//
// Unwinding out of a deferred statement that runs on the unwind path works
// with GCC, whose cleanup code on that path is itself covered by the outer
// cleanups.  Clang wraps such cleanup code in a terminate handler (abort),
// with the `cleanup` attribute and with clang-22's native _Defer alike, so
// those modes are GCC-only here (docs/RUNTIME.md, "Limits").  A panic
// raised and recovered within a function called by deferred code never
// unwinds through that region and is checked with Clang too.
// NO-PLUGIN: the RUN lines pick their compilers; once is enough
//
// RUN: %target-gcc -std=c11 -O0 -g -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.g0
// RUN: %target-gcc -std=c11 -O2 -fexceptions -DOUTLINE -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.g2
// RUN: clang-19 %clang-target -std=c11 -O2 -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.c19
//
// RUN: sh -c '%run %t.g0 replace >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=REPLACE --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=REPLACE-ERR %s <%t.err
// RUN: sh -c '%run %t.g2 replace >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=REPLACE --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=REPLACE-ERR %s <%t.err
//
// RUN: %run %t.g0 replace-recovered | %FileCheck --check-prefix=REPLREC --match-full-lines %s
// RUN: %run %t.g2 replace-recovered | %FileCheck --check-prefix=REPLREC --match-full-lines %s
//
// RUN: sh -c '%run %t.g0 repanic >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=REPANIC --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=REPANIC-ERR %s <%t.err
// RUN: %run %t.g2 repanic-recovered | %FileCheck --check-prefix=REPANICREC --match-full-lines %s
//
// RUN: %run %t.g0 inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s
// RUN: %run %t.g2 inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s
// RUN: %run %t.c19 inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s
//
// RUN: sh -c '%run %t.g2 inner-escapes >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=ESCAPES --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ESCAPES-ERR %s <%t.err
//
// RUN: sh -c '%run %t.g0 chain >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=CHAIN-ERR %s <%t.err
// RUN: %run %t.g2 chain-recovered | %FileCheck --check-prefix=CHAINREC --match-full-lines %s
//
// RUN: %run %t.g0 after-recover | %FileCheck --check-prefix=AFTERREC --match-full-lines %s
// RUN: %run %t.g2 after-recover | %FileCheck --check-prefix=AFTERREC --match-full-lines %s
// RUN: sh -c '%run %t.g2 after-recover-escapes >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s
// RUN: %FileCheck --check-prefix=AFTERESC --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=AFTERESC-ERR %s <%t.err
//
// Sanitizers and valgrind:
// RUN: %if sanitizers %{ %target-gcc -std=c11 -O1 -g -fexceptions -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gasan %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.gasan replace-recovered | %FileCheck --check-prefix=REPLREC --match-full-lines %s %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.gasan repanic-recovered | %FileCheck --check-prefix=REPANICREC --match-full-lines %s %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.gasan inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.gasan chain-recovered | %FileCheck --check-prefix=CHAINREC --match-full-lines %s %}
// RUN: %if sanitizers %{ env ASAN_OPTIONS=detect_stack_use_after_return=1 %run --timeout 60 %t.gasan repanic-recovered | %FileCheck --check-prefix=REPANICREC --match-full-lines %s %}
// RUN: %if sanitizers %{ env ASAN_OPTIONS=detect_stack_use_after_return=1 %run --timeout 60 %t.gasan inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s %}
// RUN: %if sanitizers %{ sh -c '%run --timeout 60 %t.gasan chain >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s %}
// RUN: %if sanitizers %{ %FileCheck --check-prefix=CHAIN-ERR %s <%t.err %}
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.g2 replace-recovered | %FileCheck --check-prefix=REPLREC --match-full-lines %s %}
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.g2 chain-recovered | %FileCheck --check-prefix=CHAINREC --match-full-lines %s %}
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.c19 inner-recovered | %FileCheck --check-prefix=INNERREC --match-full-lines %s %}
// RUN: %if valgrind %{ sh -c '%run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.g2 repanic >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT2 %s %}
// RUN: %if valgrind %{ %FileCheck --check-prefix=REPANIC-ERR %s <%t.err %}
//
// EXIT2: exit=2

#include "abi.h"

__attribute__((noinline)) static void thrower(const char *what)
{
    DEFER_PRINT("thrower");
    panic("%s", what);
}

/* defer panic("%s", msg); */
DEFER_FN defer_panic(const char **msg)
{
    printf("deferred panic \"%s\"\n", *msg);
    panic("%s", *msg);
}

/* defer { if (on) { r = recover(); print it; } } */
struct cond_env2 { __cdefer_frame *f; int on; const char *tag; };
DEFER_FN defer_recover_if(struct cond_env2 *e)
{
    if (!e->on)
        return;
    struct recover_env re = { e->f, e->tag, NULL };
    defer_recover(&re);
}

/* --- replace: first panic, a deferred statement panics, nobody recovers */
__attribute__((noinline)) static void replace(void)
{
    DEFER_PRINT("replace outer");
    DEFER_DECL(defer_panic, const char *) = "second";
    DEFER_PRINT("replace inner");
    thrower("first");
}
// REPLACE:      defer thrower
// REPLACE-NEXT: defer replace inner
// REPLACE-NEXT: deferred panic "second"
// REPLACE-NEXT: defer replace outer
// REPLACE-NEXT: defer main
// REPLACE-NOT:  {{.+}}
// REPLACE-ERR:      {{^}}panic: first{{$}}
// REPLACE-ERR-NEXT: {{^}}	panic: second{{$}}
// REPLACE-ERR-NEXT: {{^}}	at {{.*}}abi_nested.c:[[#]] (defer_panic){{$}}
// REPLACE-ERR-NEXT: {{^[A-Za-z_][A-Za-z0-9_.]*(\(\.\.\.\)|\+0x[0-9a-f]+)$}}
// REPLACE-ERR-NEXT: {{^	.+(:[0-9]+|\+0x[0-9a-f]+)$}}

/* --- replace-recovered: an outer deferred recover gets the newest ----- */
__attribute__((noinline)) static int replace_recovered(void)
{
    RECOVERING(int, 5);
    DEFER_RECOVER("replace_recovered");
    DEFER_DECL(defer_panic, const char *) = "second";
    thrower("first");
    RETURN(0);
}
// REPLREC:      defer thrower
// REPLREC-NEXT: deferred panic "second"
// REPLREC-NEXT: replace_recovered: recovered "second" ({{.*}})
// REPLREC-NEXT: replace_recovered returned 5
// REPLREC-NEXT: defer thrower
// REPLREC-NEXT: inner: recovered "inner panic" ({{.*}})
// REPLREC-NEXT: after: recover -> NULL
// REPLREC-NEXT: defer main
// REPLREC-NOT:  {{.+}}

/* --- repanic: recover, then panic again from the same deferred code --- */
struct repanic_env { __cdefer_frame *f; };
DEFER_FN defer_repanic(struct repanic_env *e)
{
    const cdefer_panic_info *r = __cdefer_recover_in(e->f);
    printf("repanic: recovered \"%s\", panicking again\n", r ? r->message : "NULL");
    panic("again after %s", r ? r->message : "NULL");
}
__attribute__((noinline)) static int repanic(void)
{
    RECOVERING(int, 1);
    DEFER_PRINT("repanic outer");
    DEFER_DECL(defer_repanic, struct repanic_env) = { &cdefer_f_ };
    thrower("first");
    RETURN(0);
}
__attribute__((noinline)) static int repanic_recovered(void)
{
    RECOVERING(int, 9);
    DEFER_RECOVER("repanic_recovered");
    int r = repanic();
    printf("not reached: %d\n", r);
    RETURN(r);
}
// REPANIC:      defer thrower
// REPANIC-NEXT: repanic: recovered "first", panicking again
// REPANIC-NEXT: defer repanic outer
// REPANIC-NEXT: defer main
// REPANIC-NOT:  {{.+}}
// REPANIC-ERR:      {{^}}panic: first [recovered]{{$}}
// REPANIC-ERR-NEXT: {{^}}	panic: again after first{{$}}
// REPANIC-ERR-NEXT: {{^}}	at {{.*}}abi_nested.c:[[#]] (defer_repanic){{$}}
// REPANIC-ERR-NEXT: {{^[A-Za-z_][A-Za-z0-9_.]*(\(\.\.\.\)|\+0x[0-9a-f]+)$}}
// REPANIC-ERR-NEXT: {{^	.+(:[0-9]+|\+0x[0-9a-f]+)$}}
// REPANICREC:      defer thrower
// REPANICREC-NEXT: repanic: recovered "first", panicking again
// REPANICREC-NEXT: defer repanic outer
// REPANICREC-NEXT: repanic_recovered: recovered "again after first" ({{.*}})
// REPANICREC-NEXT: repanic_recovered returned 9
// REPANICREC-NEXT: after: recover -> NULL
// REPANICREC-NEXT: defer main
// REPANICREC-NOT:  {{.+}}

/* --- inner-recovered: a function called by deferred code panics and
 *     recovers; the first panic goes on and is recovered further up ----- */
__attribute__((noinline)) static int inner(void)
{
    RECOVERING(int, 3);
    DEFER_RECOVER("inner");
    thrower("inner panic");
    RETURN(0);
}
DEFER_FN defer_call_inner(const char **tag)
{
    int r = inner();
    printf("%s: inner() returned %d\n", *tag, r);
}
__attribute__((noinline)) static void middle(void)
{
    DEFER_PRINT("middle outer");
    DEFER_DECL(defer_call_inner, const char *) = "middle";
    thrower("outer panic");
}
__attribute__((noinline)) static int top(void)
{
    RECOVERING(int, 4);
    DEFER_RECOVER("top");
    middle();
    RETURN(0);
}
// INNERREC:      defer thrower
// INNERREC-NEXT: defer thrower
// INNERREC-NEXT: inner: recovered "inner panic" ({{.*}})
// INNERREC-NEXT: middle: inner() returned 3
// INNERREC-NEXT: defer middle outer
// INNERREC-NEXT: top: recovered "outer panic" ({{.*}})
// INNERREC-NEXT: top returned 4
// INNERREC-NEXT: after: recover -> NULL
// INNERREC-NEXT: defer main
// INNERREC-NOT:  {{.+}}

/* --- inner-escapes: the called function does not recover ------------- */
__attribute__((noinline)) static void inner_escapes(void)
{
    DEFER_PRINT("inner_escapes");
    thrower("inner panic");
}
DEFER_FN defer_call_inner_escapes(const char **tag)
{
    printf("%s: calling inner_escapes\n", *tag);
    inner_escapes();
}
__attribute__((noinline)) static void middle2(void)
{
    DEFER_PRINT("middle2 outer");
    DEFER_DECL(defer_call_inner_escapes, const char *) = "middle2";
    thrower("outer panic");
}
// ESCAPES:      defer thrower
// ESCAPES-NEXT: middle2: calling inner_escapes
// ESCAPES-NEXT: defer thrower
// ESCAPES-NEXT: defer inner_escapes
// ESCAPES-NEXT: defer middle2 outer
// ESCAPES-NEXT: defer main
// ESCAPES-NOT:  {{.+}}
// ESCAPES-ERR:      {{^}}panic: outer panic{{$}}
// ESCAPES-ERR-NEXT: {{^}}	panic: inner panic{{$}}
// ESCAPES-ERR-NEXT: {{^}}	at {{.*}}abi_nested.c:[[#]] (thrower){{$}}

/* --- chain: 40 frames, each with a deferred panic ---------------------- */
__attribute__((noinline)) static void chain(int n)
{
    if (n < 0)
        return;
    char msg[32];
    snprintf(msg, sizeof msg, "deferred %d", n);
    DEFER_DECL(defer_panic, const char *) = msg;
    if (n == 0)
        thrower("chain start");
    else
        chain(n - 1);
}
__attribute__((noinline)) static int chain_recovered(void)
{
    RECOVERING(int, 40);
    DEFER_RECOVER("chain_recovered");
    chain(39);
    RETURN(0);
}
// CHAIN-ERR:          {{^}}panic: chain start{{$}}
// CHAIN-ERR-NEXT:     {{^}}	panic: deferred 0{{$}}
// CHAIN-ERR-COUNT-38: {{^}}	panic: deferred {{[0-9]+}}{{$}}
// CHAIN-ERR-NEXT:     {{^}}	panic: deferred 39{{$}}
// CHAIN-ERR-NEXT:     {{^}}	at {{.*}}abi_nested.c:[[#]] (defer_panic){{$}}
// CHAINREC:      chain_recovered: recovered "deferred 39" ({{.*}})
// CHAINREC-NEXT: chain_recovered returned 40
// CHAINREC-NEXT: after: recover -> NULL
// CHAINREC-NEXT: defer main

/* --- after-recover: the recovering frame's next deferred statement panics;
 *     an earlier-registered deferred recover of the same frame gets it --- */
__attribute__((noinline)) static int after_recover(int outer_recover)
{
    RECOVERING(int, 6);
    DEFER_DECL(defer_recover_if, struct cond_env2) = { &cdefer_f_, outer_recover, "after_recover C" };
    DEFER_DECL(defer_panic, const char *) = "second";
    DEFER_RECOVER("after_recover B");
    thrower("first");
    RETURN(0);
}
// AFTERREC:      defer thrower
// AFTERREC-NEXT: after_recover B: recovered "first" ({{.*}})
// AFTERREC-NEXT: deferred panic "second"
// AFTERREC-NEXT: after_recover C: recovered "second" ({{.*}})
// AFTERREC-NEXT: after_recover returned 6
// AFTERREC-NEXT: after: recover -> NULL
// AFTERREC-NEXT: defer main
// AFTERREC-NOT:  {{.+}}
// AFTERESC:      defer thrower
// AFTERESC-NEXT: after_recover B: recovered "first" ({{.*}})
// AFTERESC-NEXT: deferred panic "second"
// AFTERESC-NEXT: defer main
// AFTERESC-NOT:  {{.+}}
// AFTERESC-ERR:      {{^}}panic: first [recovered]{{$}}
// AFTERESC-ERR-NEXT: {{^}}	panic: second{{$}}
// AFTERESC-ERR-NEXT: {{^}}	at {{.*}}abi_nested.c:[[#]] (defer_panic){{$}}

/* After any of these, no panic is left: a deferred recover on a normal
 * exit gets NULL. */
__attribute__((noinline)) static void after(void)
{
    RECOVERING_VOID;
    DEFER_RECOVER("after");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    DEFER_PRINT("main");
    if (!strcmp(mode, "replace")) {
        replace();
    } else if (!strcmp(mode, "replace-recovered")) {
        printf("replace_recovered returned %d\n", replace_recovered());
        /* the thread can panic and recover again */
        int r = inner();
        (void)r;
        after();
    } else if (!strcmp(mode, "repanic")) {
        repanic();
    } else if (!strcmp(mode, "repanic-recovered")) {
        printf("repanic_recovered returned %d\n", repanic_recovered());
        after();
    } else if (!strcmp(mode, "inner-recovered")) {
        printf("top returned %d\n", top());
        after();
    } else if (!strcmp(mode, "inner-escapes")) {
        middle2();
    } else if (!strcmp(mode, "after-recover")) {
        printf("after_recover returned %d\n", after_recover(1));
        after();
    } else if (!strcmp(mode, "after-recover-escapes")) {
        after_recover(0);
    } else if (!strcmp(mode, "chain")) {
        chain(39);
    } else if (!strcmp(mode, "chain-recovered")) {
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
        printf("chain_recovered returned %d\n", chain_recovered());
        after();
    } else {
        printf("unknown mode\n");
        return 1;
    }
    return 0;
}
