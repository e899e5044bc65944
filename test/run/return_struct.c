// SPEC 3.4: a struct returned by value is copied before the defers run: a defer
// modifying the local struct does not change what the caller receives.
// REFERENCE-WRONG: clang-22 returns the local through NRVO, so the defer's changes show up in the result
#include <stddefer.h>
#include <stdio.h>

struct S {
    int a;
    int b[8];                   /* big enough to be returned in memory */
};

static struct S zero(void)
{
    struct S s = {0};
    defer s.a = 99;
    return s;
}

static struct S several(void)
{
    struct S s = {.a = 1};
    defer {
        s.a = 2;
        s.b[7] = 7;
    }
    s.b[7] = 3;
    return s;
}

int main(void)
{
    struct S z = zero();
    printf("zero: a = %d\n", z.a);
    struct S v = several();
    printf("several: a = %d, b[7] = %d\n", v.a, v.b[7]);
    return 0;
}
