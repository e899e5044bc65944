// SPEC 3.1: a defer in a function's outermost block runs when a void function
// falls off its end, before control is back in the caller.
#include <stddefer.h>
#include <stdio.h>

static void work(void)
{
    defer puts("work: deferred");
    puts("work: body");
}

int main(void)
{
    puts("main: calling work");
    work();
    puts("main: work returned");
    return 0;
}
