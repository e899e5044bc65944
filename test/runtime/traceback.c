// The report of an unrecovered panic names every frame, static functions
// included, and gives its file:line when the program has debug information
// (docs/RUNTIME.md "Unrecovered panics"): the program of issue 19, built
// at -O0 and -O2, with and without -g, stripped, against the static and the
// shared libcdefer, run with libdw hidden, and with CDEFER_TRACEBACK=none
// and crash.  Each frame is `FUNCTION+0xOFF` then `\tFILE:LINE`, or
// `\tOBJECT+0xOFF` without line information; a function inlined there
// (-O2) adds `FUNCTION(...)` / `\tFILE:LINE` before it.
// Where the program cannot load its target's libdw (under qemu-user with
// Debian's cross packages: no libdw1:ARCH; feature target-libdw, cross.py)
// the report is the one without line information, and is checked as such.
//
// -O0 -g, shared and static libcdefer: every frame with its line.
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.g
// RUN: sh -c '%run %t.g >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=OUT --match-full-lines %s <%t.out
// RUN: %if target-libdw %{ %FileCheck --check-prefix=G %s <%t.err %} %else %{ %FileCheck --check-prefix=N %s <%t.err %}
// RUN: %cc -std=c11 -O0 -g -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.gs
// RUN: sh -c '%run %t.gs >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %if target-libdw %{ %FileCheck --check-prefix=G %s <%t.err %} %else %{ %FileCheck --check-prefix=N %s <%t.err %}
// CDEFER_TRACEBACK=crash: the same report, then abort(); none: no frames.
// RUN: sh -c 'CDEFER_TRACEBACK=crash %run %t.g >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=CRASH %s
// RUN: %if target-libdw %{ %FileCheck --check-prefix=G %s <%t.err %} %else %{ %FileCheck --check-prefix=N %s <%t.err %}
// RUN: sh -c 'CDEFER_TRACEBACK=none %run %t.g >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=NONE --match-full-lines %s <%t.err
// RUN: sh -c 'CDEFER_TRACEBACK=single %run %t.g >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %if target-libdw %{ %FileCheck --check-prefix=G %s <%t.err %} %else %{ %FileCheck --check-prefix=N %s <%t.err %}
//
// libdw hidden (a mount namespace covers libdw.so.1): names, no lines.
// RUN: sh -c '%S/Inputs/hide-libdw.sh %run %t.g >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=N %s <%t.err
// Without -g: names, no lines.
// RUN: %cc -std=c11 -O0 -Wall -Wextra -Werror %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.n
// RUN: sh -c '%run %t.n >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=N %s <%t.err
// Stripped: no names left for the program's own frames, which are printed
// as raw addresses.
// RUN: %strip -o %t.st %t.g
// RUN: sh -c '%run %t.st >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=ST %s <%t.err
//
// -O2 -g, static and shared: what is left of the frames (the recursion may
// be a loop, middle inlined; Clang 14 and 19 inline everything into main),
// with lines, inlined functions included.
// RUN: %cc -std=c11 -O2 -g -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.o2g
// RUN: sh -c '%run %t.o2g >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %if target-libdw %{ %FileCheck --check-prefix=O2G %s <%t.err %} %else %{ %FileCheck --check-prefix=O2 %s <%t.err %}
// RUN: %cc -std=c11 -O2 -g -Wall -Wextra -Werror %s -L%cdefer-lib -lcdefer -Wl,-rpath,%cdefer-lib -o %t.o2gd
// RUN: sh -c '%run %t.o2gd >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %if target-libdw %{ %FileCheck --check-prefix=O2G %s <%t.err %} %else %{ %FileCheck --check-prefix=O2 %s <%t.err %}
// RUN: %cc -std=c11 -O2 -Wall -Wextra -Werror %s %cdefer-lib/libcdefer.a -o %t.o2
// RUN: sh -c '%run %t.o2 >%t.out 2>%t.err; echo "exit=$?"' | %FileCheck --check-prefix=EXIT %s
// RUN: %FileCheck --check-prefix=O2 %s <%t.err
//
// EXIT: exit=2
// CRASH: exit=134
// OUT: middle cleanup

#include <cdefer.h>
#include <stdio.h>
void inner(int n) { if (n > 0) inner(n - 1); else if (n == 0) panic("out of range: %d", n); }
// G:         {{^}}panic: out of range: 0{{$}}
// G-NEXT:    {{^}}	at {{.*}}traceback.c:[[#@LINE-2]] (inner){{$}}
// G-NEXT:    {{^}}inner+0x{{[0-9a-f]+$}}
// G-NEXT:    {{^}}	{{.*}}traceback.c:[[#@LINE-4]]{{$}}
// G-NEXT:    {{^}}inner+0x{{[0-9a-f]+$}}
// G-NEXT:    {{^}}	{{.*}}traceback.c:[[#@LINE-6]]{{$}}
// G-NEXT:    {{^}}inner+0x{{[0-9a-f]+$}}
// G-NEXT:    {{^}}	{{.*}}traceback.c:[[#@LINE-8]]{{$}}
// N:         {{^}}panic: out of range: 0{{$}}
// N-NEXT:    {{^}}	at {{.*}}traceback.c:[[#@LINE-10]] (inner){{$}}
// N-NEXT:    {{^}}inner+0x{{[0-9a-f]+$}}
// N-NEXT:    {{^}}	/{{.*}}+0x{{[0-9a-f]+$}}
// N-NEXT:    {{^}}inner+0x{{[0-9a-f]+$}}
// N-NEXT:    {{^}}	/{{.*}}+0x{{[0-9a-f]+$}}
// N-NEXT:    {{^}}inner+0x{{[0-9a-f]+$}}
// N-NEXT:    {{^}}	/{{.*}}+0x{{[0-9a-f]+$}}
// ST:        {{^}}panic: out of range: 0{{$}}
// ST-NEXT:   {{^}}	at {{.*}}traceback.c:[[#@LINE-18]] (inner){{$}}
// ST-NEXT:   {{^}}#0 0x{{[0-9a-f]+}} in ?? (/{{.*}}+0x{{[0-9a-f]+}}){{$}}
// ST-NEXT:   {{^}}#1 0x{{[0-9a-f]+}} in ?? (/{{.*}}+0x{{[0-9a-f]+}}){{$}}
// ST-NEXT:   {{^}}#2 0x{{[0-9a-f]+}} in ?? (/{{.*}}+0x{{[0-9a-f]+}}){{$}}
// ST-NEXT:   {{^}}#3 0x{{[0-9a-f]+}} in ?? (/{{.*}}+0x{{[0-9a-f]+}}){{$}}
// main may keep its name: s390x's start code (Scrt1.o) loads main's address
// from the GOT, so the linker puts main in the dynamic symbol table, which
// strip keeps.
// ST-NEXT:   {{^(#4 0x[0-9a-f]+ in \?\? \(/.*\+0x[0-9a-f]+\)|main\+0x[0-9a-f]+)$}}
// O2G:       {{^}}panic: out of range: 0{{$}}
// O2G-NEXT:  {{^}}	at {{.*}}traceback.c:[[#@LINE-28]] (inner){{$}}
// O2G-NEXT:  {{^}}inner{{(\.[a-z]+(\.[0-9]+)?)*(\+0x[0-9a-f]+|\(\.\.\.\))$}}
// O2G-NEXT:  {{^}}	{{.*}}traceback.c:[[#@LINE-30]]{{$}}
// O2:        {{^}}panic: out of range: 0{{$}}
// O2-NEXT:   {{^}}	at {{.*}}traceback.c:[[#@LINE-32]] (inner){{$}}
// O2-NEXT:   {{^(inner|middle|main)(\.[a-z]+(\.[0-9]+)?)*\+0x[0-9a-f]+$}}
// O2-NEXT:   {{^}}	/{{.*}}+0x{{[0-9a-f]+$}}
static void middle(void) { defer puts("middle cleanup"); inner(2); }
// G-NEXT:    {{^}}middle+0x{{[0-9a-f]+$}}
// G-NEXT:    {{^}}	{{.*}}traceback.c:[[#@LINE-2]]{{$}}
// N-NEXT:    {{^}}middle+0x{{[0-9a-f]+$}}
// N-NEXT:    {{^}}	/{{.*}}+0x{{[0-9a-f]+$}}
// O2G:       {{^}}middle{{(\.[a-z]+(\.[0-9]+)?)*(\+0x[0-9a-f]+|\(\.\.\.\))$}}
// O2G-NEXT:  {{^}}	{{.*}}traceback.c:[[#@LINE-6]]{{$}}
int main(void) { middle(); return 0; }
// G-NEXT:    {{^}}main+0x{{[0-9a-f]+$}}
// G-NEXT:    {{^}}	{{.*}}traceback.c:[[#@LINE-2]]{{$}}
// N-NEXT:    {{^}}main+0x{{[0-9a-f]+$}}
// N-NEXT:    {{^}}	/{{.*}}+0x{{[0-9a-f]+$}}
// O2G-NEXT:  {{^}}main+0x{{[0-9a-f]+$}}
// O2G-NEXT:  {{^}}	{{.*}}traceback.c:[[#@LINE-6]]{{$}}
// (without -g at -O2 the first frame above may already be main)
// G-NOT:     panic:
// N-NOT:     traceback.c:
// O2-NOT:    traceback.c:

// NONE:      panic: out of range: 0
// NONE-NEXT: 	at {{.*}}traceback.c:{{[0-9]+}} (inner)
// NONE-NOT:  {{.}}
