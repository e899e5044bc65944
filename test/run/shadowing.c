// SPEC 3.3: names in the deferred statement mean what they mean at the defer;
// a variable of the same name declared later in the block does not change
// which object the deferred statement uses.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int x = 1;
    {
        defer printf("deferred x = %d\n", x);
        int x = 5;
        printf("inner x = %d\n", x);
    }
    x = 2;
    {
        defer printf("deferred x again = %d\n", x);
        {
            int x = 7;
            printf("innermost x = %d\n", x);
        }
        x = 3;
    }
    return 0;
}
