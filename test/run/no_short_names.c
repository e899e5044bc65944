// SPEC 2, 4: with CDEFER_NO_SHORT_NAMES, <cdefer.h> defines no panic/recover
// short names, but `defer` (the TS spelling) is still there.
#define CDEFER_NO_SHORT_NAMES
#include <cdefer.h>
#include <stdio.h>

#if defined(panic) || defined(panic_value) || defined(recover)
#error "CDEFER_NO_SHORT_NAMES must suppress the short names"
#endif
#ifndef defer
#error "defer must stay defined"
#endif

/* The short names are free for the program's own use. */
static int recover(int x)
{
    return x + 1;
}

int main(void)
{
    int r = recover(1);
    {
        defer printf("deferred, r = %d\n", r);
        puts("body");
    }
    return 0;
}
