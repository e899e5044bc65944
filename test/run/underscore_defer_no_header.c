// SPEC 1, 2: `_Defer` works without any header; without <stddefer.h> the name
// `defer` is an ordinary identifier.
#include <stdio.h>

static int defer(int n)
{
    return n * 2;
}

int main(void)
{
    int twice = defer(21);
    {
        _Defer printf("_Defer ran, defer(21) = %d\n", twice);
        puts("body");
    }
    return 0;
}
