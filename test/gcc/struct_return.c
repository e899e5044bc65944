// SPEC 3.4: `return e;` computes e before the deferred code runs, structs
// returned by value included (large ones go through the hidden return slot,
// where GCC's named-return-value pass could merge the local with the
// result), at every optimisation level.
// RUN: %gcc-plugin-cc -O0 %s -o %t.0 && %run %t.0 | %FileCheck %s
// RUN: %gcc-plugin-cc -O1 %s -o %t.1 && %run %t.1 | %FileCheck %s
// RUN: %gcc-plugin-cc -O2 %s -o %t.2 && %run %t.2 | %FileCheck %s
// RUN: %gcc-plugin-cc -O3 %s -o %t.3 && %run %t.3 | %FileCheck %s
// RUN: %gcc-plugin-cc -Os %s -o %t.s && %run %t.s | %FileCheck %s
// RUN: %gcc-plugin-cc -O2 -flto %s -o %t.lto && %run %t.lto | %FileCheck %s
// CHECK: big 0 0 small 0 scalar 1 ptr 0 chained 0 1
#include <stdio.h>
#include <stddefer.h>

struct big { int a; int pad[31]; };
struct small { int a, b; };

__attribute__((noinline)) struct big get_big(void)
{
    struct big s = {0};
    defer s.a = 99;
    defer s.pad[30] = 98;
    return s;
}

__attribute__((noinline)) struct small get_small(void)
{
    struct small s = {0, 0};
    defer s.a = 99;
    return s;
}

__attribute__((noinline)) int get_scalar(void)
{
    int x = 1;
    defer x = 99;
    return x;
}

static int target;
__attribute__((noinline)) int *get_ptr(void)
{
    int *p = NULL;
    defer p = &target;
    return p;
}

__attribute__((noinline)) struct big chained(int n)
{
    struct big s = {0};
    defer s.a = 99;
    if (n > 0) {
        defer s.a = 77;
        s.pad[0] = n;
        return s;
    }
    return s;
}

int main(void)
{
    struct big b = get_big();
    struct small sm = get_small();
    struct big c = chained(1);
    printf("big %d %d small %d scalar %d ptr %d chained %d %d\n", b.a, b.pad[30],
           sm.a, get_scalar(), get_ptr() != NULL, c.a, c.pad[0]);
    return 0;
}
