// SPEC 7: -flto works: a program using defer built with link-time optimisation
// behaves the same.
// RUN: %cc -flto -O2 %s -o %t.exe
// RUN: %run %t.exe | %FileCheck %s
#include <stddefer.h>
#include <stdio.h>

static int counter;

static int step(int n)
{
    defer counter += n;
    return counter;
}

int main(void)
{
    defer printf("counter = %d\n", counter);
    int a = step(1);
    int b = step(2);
    printf("a = %d, b = %d\n", a, b);
    return 0;
}
// CHECK: a = 0, b = 1
// CHECK-NEXT: counter = 3
