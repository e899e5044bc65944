// SPEC 3.4: `return e;` evaluates e before any deferred statement runs.
#include <stddefer.h>
#include <stdio.h>

static int compute(void)
{
    puts("computing the return value");
    return 42;
}

static int f(void)
{
    defer puts("deferred");
    puts("body");
    return compute();
}

int main(void)
{
    int r = f();
    printf("f() = %d\n", r);
    return 0;
}
