// Defers run in reverse order of reaching them when the block ends (SPEC 3.1, 3.2).
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer puts("first registered, runs last");
        defer puts("second registered, runs first");
        puts("body");
    }
    puts("after block");
    return 0;
}
