// SPEC 3.1: a backward `goto` to a label after the defer (inside its scope)
// does not leave the scope: the defer runs once, when the block ends.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int n = 0;
    {
        defer printf("defer runs with n = %d\n", n);
loop:
        n++;
        printf("n = %d\n", n);
        if (n < 3)
            goto loop;
    }
    puts("after block");
    return 0;
}
