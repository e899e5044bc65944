// SPEC 2: <cdefer.h> includes <stddefer.h>, so `defer` works after including
// it alone; plain defer needs no runtime library (no -lcdefer here).
#include <cdefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer puts("deferred");
        puts("body");
    }
    return 0;
}
