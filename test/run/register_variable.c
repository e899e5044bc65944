// SPEC 3.3: a deferred statement may use a `register` variable (whose address
// cannot be taken) and sees its value at run time.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    register int r = 1;
    {
        defer printf("deferred sees r = %d\n", r);
        r = 2;
    }
    printf("after block r = %d\n", r);
    return 0;
}
