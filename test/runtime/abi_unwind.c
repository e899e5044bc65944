// Runtime ABI, no plugin: an unrecovered panic runs every cleanup of every
// frame, innermost first (also across libc's qsort), flushes stdio, prints
// the report on stderr and exits with status 2 without running atexit
// handlers; CDEFER_TRACEBACK=crash makes it abort() instead.
// NO-PLUGIN: the RUN lines pick their compilers; once is enough
//
// RUN: %target-gcc -std=c11 -O0 -g -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gcc0
// RUN: sh -c '%run %t.gcc0 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ERR %s <%t.err
// RUN: %target-gcc -std=c11 -O2 -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.gcc2
// RUN: sh -c '%run %t.gcc2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ERR %s <%t.err
// RUN: %if clang-plugin %{ %bare-clang -std=c11 -O2 -fexceptions -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.clangO2 %}
// RUN: %if clang-plugin %{ sh -c '%run %t.clangO2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s %}
// RUN: %if clang-plugin %{ %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out %}
// RUN: %if clang-plugin %{ %FileCheck --check-prefix=ERR %s <%t.err %}
// RUN: %if clang-plugin %{ %bare-clang -std=c11 -O0 -g -fexceptions -DOUTLINE -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.clangO0 %}
// RUN: %if clang-plugin %{ sh -c '%run %t.clangO0 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s %}
// RUN: %if clang-plugin %{ %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out %}
// RUN: %if clang-plugin %{ %FileCheck --check-prefix=ERR %s <%t.err %}
//
// CDEFER_TRACEBACK=crash: the same report, then abort() (134 = 128 + SIGABRT).
// RUN: sh -c 'CDEFER_TRACEBACK=crash %run %t.gcc2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=CRASH %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %FileCheck --check-prefix=ERR %s <%t.err
// Any other value is the default.
// RUN: sh -c 'CDEFER_TRACEBACK=single %run %t.gcc2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
//
// Sanitizers and valgrind (same output, same exit status):
// RUN: %if sanitizers %{ %target-gcc -std=c11 -O1 -g -fexceptions -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.gasan %}
// RUN: %if sanitizers %{ sh -c '%run --timeout 60 %t.gasan >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s %}
// RUN: %if sanitizers %{ %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out %}
// RUN: %if sanitizers %{ %FileCheck --check-prefix=ERR %s <%t.err %}
// RUN: %if sanitizers %{ clang-19 %clang-target -std=c11 -O1 -g -fexceptions -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror -I%cdefer-inc -I%S/Inputs %s %cdefer-lib/libcdefer.a -o %t.casan %}
// RUN: %if sanitizers %{ sh -c '%run --timeout 60 %t.casan >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s %}
// RUN: %if sanitizers %{ %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out %}
// RUN: %if sanitizers %{ %FileCheck --check-prefix=ERR %s <%t.err %}
// RUN: %if valgrind %{ sh -c '%run --timeout 120 valgrind -q --error-exitcode=99 --leak-check=full %t.gcc2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s %}
// RUN: %if valgrind %{ %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out %}
// RUN: %if valgrind %{ %FileCheck --check-prefix=ERR %s <%t.err %}
//
// EXIT: exit=2
// CRASH: exit=134

#include "abi.h"

static void on_exit_handler(void) { printf("atexit handler ran\n"); }

/* One frame: a cleanup, then a panic. */
__attribute__((noinline)) static void leaf(int depth)
{
    DEFER_PRINT("leaf");
    panic("boom at depth %d: %s", depth, "deep");
    // ERR:      {{^}}panic: boom at depth 0: deep{{$}}
    // ERR-NEXT: {{^}}	at {{.*}}abi_unwind.c:[[#@LINE-2]] (leaf){{$}}
}

/* Many frames, each with two deferred statements, via recursion. */
__attribute__((noinline)) static void down(int n)
{
    if (n < 0)
        return;
    char tag[32];
    snprintf(tag, sizeof tag, "down(%d) first", n);
    DEFER_DECL(defer_print, const char *) = tag;
    char tag2[32];
    snprintf(tag2, sizeof tag2, "down(%d) second", n);
    DEFER_DECL(defer_print, const char *) = tag2;
    if (n == 0)
        leaf(0);
    else
        down(n - 1);
    printf("not reached: down(%d) after the call\n", n);
}

static int calls;
static int cmp(const void *a, const void *b)
{
    DEFER_PRINT("comparator");
    if (++calls == 3)
        down(3);
    return *(const int *)a - *(const int *)b;
}

__attribute__((noinline)) static void sorter(void)
{
    DEFER_PRINT("sorter");
    int v[] = {5, 4, 3, 2, 1, 0};
    qsort(v, sizeof v / sizeof v[0], sizeof v[0], cmp);
    printf("not reached: after qsort\n");
}

int main(void)
{
    atexit(on_exit_handler);
    DEFER_PRINT("main");
    printf("start\n");
    printf("unterminated line, still buffered at the panic"); /* no \n */
    printf("\n");
    sorter();
    printf("not reached: end of main\n");
    return 0;
}

// OUT:      start
// OUT-NEXT: unterminated line, still buffered at the panic
// OUT-NEXT: defer comparator
// OUT-NEXT: defer comparator
// OUT-NEXT: defer leaf
// OUT-NEXT: defer down(0) second
// OUT-NEXT: defer down(0) first
// OUT-NEXT: defer down(1) second
// OUT-NEXT: defer down(1) first
// OUT-NEXT: defer down(2) second
// OUT-NEXT: defer down(2) first
// OUT-NEXT: defer down(3) second
// OUT-NEXT: defer down(3) first
// OUT-NEXT: defer comparator
// OUT-NEXT: defer sorter
// OUT-NEXT: defer main
// OUT-NOT:  {{.+}}

// The frames, two lines each (docs/RUNTIME.md): the function with the
// offset of the return address, then FILE:LINE (-g) or OBJECT+0xOFF.
// ERR-NEXT: {{^}}leaf{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// ERR-NEXT: {{^	.+(abi_unwind.c:[0-9]+|\+0x[0-9a-f]+)$}}
// ERR:      {{^}}down{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// ERR-NEXT: {{^	.+(abi_unwind.c:[0-9]+|\+0x[0-9a-f]+)$}}
// ERR:      {{^}}cmp{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// ERR:      {{^}}sorter{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// ERR-NEXT: {{^	.+(abi_unwind.c:[0-9]+|\+0x[0-9a-f]+)$}}
// ERR-NEXT: {{^}}main{{(\.[a-z]+(\.[0-9]+)?)*}}+0x{{[0-9a-f]+$}}
// ERR-NOT:  atexit
// ERR-NOT:  panic:
