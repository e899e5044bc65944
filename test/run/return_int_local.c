// SPEC 3.4: a defer that modifies the local being returned does not change the
// returned value (int); its other side effects are visible to the caller.
#include <stddefer.h>
#include <stdio.h>

static int f(int *seen)
{
    int x = 1;
    defer {
        x = 2;
        *seen = x;
    }
    return x;
}

static int g(void)
{
    int x = 5;
    defer x = 100;
    return x + 10;
}

int main(void)
{
    int seen = 0;
    int r = f(&seen);
    printf("f returned %d, its deferred code set x to %d\n", r, seen);
    printf("g returned %d\n", g());
    return 0;
}
