// SPEC 3.1: returning from main runs main's defers before the program's exit
// processing (atexit handlers run after them).
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>

static void handler(void)
{
    puts("atexit handler");
}

int main(void)
{
    atexit(handler);
    defer puts("main defer");
    puts("main body");
    return 0;
}
