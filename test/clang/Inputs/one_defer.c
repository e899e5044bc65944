// A defer, and a statement expression holding one as an operand of &&:
// preprocessed with -E -P, then compiled under -Weverything
// (test/clang/marker_forms_in_preprocessed.c).
#include <stddefer.h>
void g(int);
int f(int x);
int f(int x)
{
    defer g(1);
    if (({ defer g(2); 1; }) && x)
        g(3);
    return x;
}
