// SPEC 3.1: a defer runs when control reaches the closing brace of its block,
// before the statements that follow the block.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    puts("before block");
    {
        defer puts("deferred");
        puts("in block");
    }
    puts("after block");
    return 0;
}
