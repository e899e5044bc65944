// Runtime ABI, no plugin: recover.  The code a plugin generates for
// recover() is written by hand (Inputs/abi.h).  Checks that recover returns
// the panic's record only in deferred code run by the panic for the frame
// that owns the __cdefer_frame, that the frame's remaining deferred
// statements run and it then returns its result (the value of the
// `return e;` in progress, its named result, or zero) to a caller that
// carries on normally; and that recover returns NULL everywhere else.
// NO-PLUGIN: the RUN lines pick their compilers; once is enough
//
// RUN: %target-gcc -std=c11 -O0 -g -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gcc0
// RUN: %run %t.gcc0 | %FileCheck --match-full-lines %s
// RUN: %target-gcc -std=c11 -O2 -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.gcc2
// RUN: %run %t.gcc2 | %FileCheck --match-full-lines %s
// RUN: %target-gcc -std=c99 -O2 -fexceptions -DOUTLINE -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gcc2o
// RUN: %run %t.gcc2o | %FileCheck --match-full-lines %s
// RUN: clang-19 %clang-target -std=c11 -O2 -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.clang19
// RUN: %run %t.clang19 | %FileCheck --match-full-lines %s
// RUN: clang-19 %clang-target -std=c11 -O0 -fexceptions -DOUTLINE -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.clang19o
// RUN: %run %t.clang19o | %FileCheck --match-full-lines %s
// RUN: clang-22 %clang-target -std=c2y -O1 -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.clang22
// RUN: %run %t.clang22 | %FileCheck --match-full-lines %s
// SafeStack moves address-taken locals (the __cdefer_frame) to another stack:
// RUN: %if sanitizers %{ clang-19 %clang-target -std=c11 -O2 -fexceptions -fsanitize=safe-stack -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.safestack %}
// RUN: %if sanitizers %{ %run %t.safestack | %FileCheck --match-full-lines %s %}
// A static executable (libgcc_eh's unwinder, no dladdr):
// RUN: %target-gcc -static -std=c11 -O2 -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.static
// RUN: %run %t.static | %FileCheck --match-full-lines %s
//
// Sanitizers and valgrind:
// RUN: %if sanitizers %{ %target-gcc -std=c11 -O1 -g -fexceptions -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gasan %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.gasan | %FileCheck --match-full-lines %s %}
// RUN: %if sanitizers %{ clang-19 %clang-target -std=c11 -O1 -g -fexceptions -DOUTLINE -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.casan %}
// RUN: %if sanitizers %{ %run --timeout 60 %t.casan | %FileCheck --match-full-lines %s %}
// ASan's use-after-return detection puts frames on a fake stack (GCC does
// it to the __cdefer_frame too): the runtime finds F by __frame instead.
// RUN: %if sanitizers %{ env ASAN_OPTIONS=detect_stack_use_after_return=1 %run --timeout 60 %t.gasan | %FileCheck --match-full-lines %s %}
// RUN: %if sanitizers %{ env ASAN_OPTIONS=detect_stack_use_after_return=1 %run --timeout 60 %t.casan | %FileCheck --match-full-lines %s %}
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.gcc2 | %FileCheck --match-full-lines %s %}
// RUN: %if valgrind %{ %run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.clang19 | %FileCheck --match-full-lines %s %}

#include "abi.h"

__attribute__((noinline)) static void thrower(const char *what)
{
    DEFER_PRINT("thrower");
    panic("%s", what);
}

/* defer { if (e->on) { r = recover(); ... } } with a switch */
struct cond_env { __cdefer_frame *f; int on; const char *tag; };
DEFER_FN defer_cond_recover(struct cond_env *e)
{
    if (!e->on)
        return;
    const cdefer_panic_info *r = __cdefer_recover_in(e->f);
    printf("%s: recover -> %s\n", e->tag, r ? r->message : "NULL");
}

/* --- 1. recover in the frame the panic passes; zero result ------------- */
__attribute__((noinline)) static int zero_result(void)
{
    RECOVERING(int, 0);
    DEFER_PRINT("zero_result first");
    DEFER_RECOVER("zero_result");
    DEFER_PRINT("zero_result last");
    thrower("one");
    printf("not reached\n");
    RETURN(1);
}
// CHECK:      == 1
// CHECK-NEXT: defer thrower
// CHECK-NEXT: defer zero_result last
// CHECK-NEXT: zero_result: recovered "one" (abi_recover.c:{{[0-9]+}} thrower)
// CHECK-NEXT: defer zero_result first
// CHECK-NEXT: zero_result returned 0

/* --- 2. the value of the return in progress --------------------------- */
DEFER_FN defer_panic(const char **msg) { panic("%s", *msg); }
__attribute__((noinline)) static int return_in_progress(int v)
{
    RECOVERING(int, 0);
    DEFER_RECOVER("return_in_progress");
    DEFER_DECL(defer_panic, const char *) = "from a deferred statement at return";
    DEFER_PRINT("return_in_progress innermost");
    RETURN(v * 2);
}
// CHECK:      == 2
// CHECK-NEXT: defer return_in_progress innermost
// CHECK-NEXT: return_in_progress: recovered "from a deferred statement at return" (abi_recover.c:{{[0-9]+}} defer_panic)
// CHECK-NEXT: return_in_progress returned 42

/* --- 3. a struct result: in progress, and zero ------------------------ */
struct big { int a; double b; char s[40]; };
__attribute__((noinline)) static struct big struct_result(int early)
{
    RECOVERING(struct big, (struct big){0});
    DEFER_RECOVER("struct_result");
    if (early)
        thrower("before any return");
    DEFER_DECL(defer_panic, const char *) = "struct";
    struct big b = { 7, 2.5, "seven" };
    RETURN(b);
}
// CHECK:      == 3
// CHECK-NEXT: struct_result: recovered "struct" (abi_recover.c:{{[0-9]+}} defer_panic)
// CHECK-NEXT: struct_result returned {7, 2.5, "seven"}
// CHECK-NEXT: defer thrower
// CHECK-NEXT: struct_result: recovered "before any return" (abi_recover.c:{{[0-9]+}} thrower)
// CHECK-NEXT: struct_result returned {0, 0, ""}

/* --- 4. a named result, changed by deferred code after the recover ---- */
struct named_env { __cdefer_frame *f; int *err; };
DEFER_FN defer_named(struct named_env *e)
{
    /* defer { if (recover()) err = -err; } */
    if (__cdefer_recover_in(e->f))
        *e->err = -*e->err;
    __CDEFER_BARRIER();
}
__attribute__((noinline)) static int named_result(void)
{
    int err = 0;   /* cdefer_result int err = 0; hoisted by the plugin */
    RECOVERING_NAMED(err);
    DEFER_DECL(defer_named, struct named_env) = { &cdefer_f_, &err };
    err = 5;
    thrower("named");
    err = 6;
    return err;
}
// CHECK:      == 4
// CHECK-NEXT: defer thrower
// CHECK-NEXT: named_result returned -5

/* --- 4b. a struct named result, filled through a non-volatile pointer by
 *         a library call in deferred code after the recover ------------ */
struct msg { int code; char text[32]; };
struct msg_env { __cdefer_frame *f; struct msg *out; };
DEFER_FN defer_fill(struct msg_env *e)
{
    /* defer { const cdefer_panic_info *r = recover();
     *         if (r) { out.code = 500; strcpy(out.text, r->message); } } */
    const cdefer_panic_info *r = __cdefer_recover_in(e->f);
    if (r) {
        e->out->code = 500;
        strcpy(e->out->text, r->message);
    }
    __CDEFER_BARRIER();
}
__attribute__((noinline)) static struct msg named_struct(int fail)
{
    struct msg out = { 0, "" };   /* cdefer_result struct msg out; */
    RECOVERING_NAMED(out);
    DEFER_DECL(defer_fill, struct msg_env) = { &cdefer_f_, &out };
    out.code = 200;
    strcpy(out.text, "fine");
    if (fail)
        thrower("disk on fire");
    return out;
}
// CHECK-NEXT: named_struct returned {200, "fine"}
// CHECK-NEXT: defer thrower
// CHECK-NEXT: named_struct returned {500, "disk on fire"}

/* --- 5. NULL outside a panic, from a called function, from deferred code
 *        run by a normal exit during a panic; a second recover ------------ */
__attribute__((noinline)) static const cdefer_panic_info *helper_plain(void)
{
    return recover();   /* not rewritten: the helper is not a deferred statement */
}
__attribute__((noinline)) static void helper_own_frame(void)
{
    /* a function that recovers, called by a deferred statement during a
     * panic: its deferred recover runs on its normal exit */
    RECOVERING_VOID;
    DEFER_RECOVER("helper_own_frame (normal exit)");
    printf("helper_own_frame body\n");
}
struct calls_env { __cdefer_frame *f; };
DEFER_FN defer_calls(struct calls_env *e)
{
    (void)e;
    printf("helper_plain -> %s\n", helper_plain() ? "record" : "NULL");
    printf("plain recover() -> %s\n", recover() ? "record" : "NULL");
    helper_own_frame();
}
__attribute__((noinline)) static int not_here(int do_panic)
{
    RECOVERING(int, -1);
    DEFER_RECOVER("not_here second");
    DEFER_RECOVER("not_here first");
    DEFER_DECL(defer_calls, struct calls_env) = { &cdefer_f_ };
    if (do_panic)
        thrower("five");
    RETURN(100);
}
// CHECK:      == 5
// CHECK-NEXT: helper_plain -> NULL
// CHECK-NEXT: plain recover() -> NULL
// CHECK-NEXT: helper_own_frame body
// CHECK-NEXT: helper_own_frame (normal exit): recover -> NULL
// CHECK-NEXT: not_here first: recover -> NULL
// CHECK-NEXT: not_here second: recover -> NULL
// CHECK-NEXT: not_here returned 100
// CHECK-NEXT: defer thrower
// CHECK-NEXT: helper_plain -> NULL
// CHECK-NEXT: plain recover() -> NULL
// CHECK-NEXT: helper_own_frame body
// CHECK-NEXT: helper_own_frame (normal exit): recover -> NULL
// CHECK-NEXT: not_here first: recovered "five" (abi_recover.c:{{[0-9]+}} thrower)
// CHECK-NEXT: not_here second: recover -> NULL
// CHECK-NEXT: not_here returned -1

/* --- 6. recursion: the frame that recovers is the one the panic is in:
 *        the innermost, or an outer one (frames below it are unwound) --- */
__attribute__((noinline)) static int recursive(int n, int recover_at)
{
    RECOVERING(int, 1000 + n);
    char tag[32];
    snprintf(tag, sizeof tag, "recursive(%d)", n);
    DEFER_DECL(defer_cond_recover, struct cond_env) = { &cdefer_f_, n == recover_at, tag };
    if (n == 0)
        thrower("bottom");
    int r = recursive(n - 1, recover_at);
    printf("recursive(%d) got %d\n", n, r);
    RETURN(n);
}
// CHECK:      == 6
// CHECK-NEXT: defer thrower
// CHECK-NEXT: recursive(0): recover -> bottom
// CHECK-NEXT: recursive(1) got 1000
// CHECK-NEXT: recursive(2) got 1
// CHECK-NEXT: recursive(3) got 2
// CHECK-NEXT: recursive(3) returned 3
// CHECK-NEXT: defer thrower
// CHECK-NEXT: recursive(2): recover -> bottom
// CHECK-NEXT: recursive(3) got 1002
// CHECK-NEXT: recursive(3) returned 3

/* --- 7. the caller of a recovering function continues; its own deferred
 *        statements run at its normal exit only -------------------------- */
__attribute__((noinline)) static int caller(void)
{
    DEFER_PRINT("caller");
    int r = zero_result();
    printf("caller continues after zero_result() = %d\n", r);
    return r + 1;
}
// CHECK:      == 7
// CHECK-NEXT: defer thrower
// CHECK-NEXT: defer zero_result last
// CHECK-NEXT: zero_result: recovered "one" (abi_recover.c:{{[0-9]+}} thrower)
// CHECK-NEXT: defer zero_result first
// CHECK-NEXT: caller continues after zero_result() = 0
// CHECK-NEXT: defer caller
// CHECK-NEXT: caller returned 1

/* --- 8. payload, formatting, record lifetime --------------------------- */
static int payload = 77;
__attribute__((noinline)) static void raise_value(void) { panic_value(&payload, "with %s", "payload"); }
__attribute__((noinline)) static void raise_long(void)
{
    panic("%s|%0300d|%s", "head", 5, "tail");
}
__attribute__((noinline)) static void raise_null(void)
{
    cdefer_panic_value(__FILE__, __LINE__, __func__, NULL, NULL);
}
__attribute__((noinline)) static const cdefer_panic_info *catch_record(void (*fn)(void))
{
    /* returns the record through its named result */
    const cdefer_panic_info *rec = NULL;
    RECOVERING_NAMED(rec);
    DEFER_RECOVER_OUT("catch_record", &rec);
    fn();
    return rec;
}
// CHECK:      == 8
// CHECK-NEXT: catch_record: recovered "with payload" (abi_recover.c:[[#VALUE_LINE:]] raise_value)
// CHECK-NEXT: value 77, same pointer yes, line ok yes
// CHECK-NEXT: catch_record: recovered "head|{{0{150}0{149}5}}|tail" (abi_recover.c:{{[0-9]+}} raise_long)
// CHECK-NEXT: long message length 310
// CHECK-NEXT: first record still readable: "head|{{0{150}0{149}5}}|tail"
// CHECK-NEXT: catch_record: recovered "" (abi_recover.c:{{[0-9]+}} raise_null)
// CHECK-NEXT: null format: "" value (nil)

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

    printf("== 4\n");
    printf("named_result returned %d\n", named_result());
    struct msg m = named_struct(0);
    printf("named_struct returned {%d, \"%s\"}\n", m.code, m.text);
    m = named_struct(1);
    printf("named_struct returned {%d, \"%s\"}\n", m.code, m.text);

    printf("== 5\n");
    printf("not_here returned %d\n", not_here(0));
    printf("not_here returned %d\n", not_here(1));

    printf("== 6\n");
    printf("recursive(3) returned %d\n", recursive(3, 0));
    printf("recursive(3) returned %d\n", recursive(3, 2));

    printf("== 7\n");
    printf("caller returned %d\n", caller());

    printf("== 8\n");
    const cdefer_panic_info *r = catch_record(raise_value);
    printf("value %d, same pointer %s, line ok %s\n", r ? *(int *)r->value : -1,
           r && r->value == &payload ? "yes" : "no", r && r->line > 0 ? "yes" : "no");
    const cdefer_panic_info *l = catch_record(raise_long);
    printf("long message length %zu\n", l ? strlen(l->message) : (size_t)0);
    printf("first record still readable: \"%s\"\n", l ? l->message : "");
    const cdefer_panic_info *n = catch_record(raise_null);
    printf("null format: \"%s\" value %s\n", n ? n->message : "?", n && !n->value ? "(nil)" : "set");
    return 0;
}
