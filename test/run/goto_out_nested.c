// SPEC 3.1, 3.2: a forward `goto` out of several nested blocks runs every
// reached defer of every block it leaves, innermost block first.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer puts("level 1 defer");
        {
            defer puts("level 2 defer A");
            defer puts("level 2 defer B");
            {
                defer puts("level 3 defer");
                puts("goto out");
                goto out;
            }
        }
    }
out:
    puts("at out");
    return 0;
}
