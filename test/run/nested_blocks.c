// SPEC 3.2: each block runs its own defers when it ends: innermost block first,
// each before the code that follows it in the enclosing block.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer puts("level 1 defer");
        puts("level 1");
        {
            defer puts("level 2 defer");
            puts("level 2");
            {
                defer puts("level 3 defer");
                puts("level 3");
            }
            puts("level 2 after inner block");
        }
        puts("level 1 after inner block");
    }
    puts("done");
    return 0;
}
