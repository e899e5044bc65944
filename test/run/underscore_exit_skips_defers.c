// SPEC 3.6: _Exit() does not run deferred statements. (_Exit does not flush
// stdio, so the program flushes first.)
// EXIT: 4
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>

static void f(void)
{
    defer puts("f defer (must not run)");
    puts("f calls _Exit(4)");
    fflush(stdout);
    _Exit(4);
}

int main(void)
{
    defer puts("main defer (must not run)");
    puts("main");
    f();
    return 0;
}
