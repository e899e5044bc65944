// SPEC 3.1, 3.2: a deferred statement may call a function that uses defer; that
// function's defers run inside the call, before the next deferred statement.
#include <stddefer.h>
#include <stdio.h>

static void cleanup(const char *what)
{
    defer printf("  cleanup(%s) done\n", what);
    printf("  cleanup(%s) start\n", what);
}

int main(void)
{
    {
        defer cleanup("a");
        defer cleanup("b");
        puts("body");
    }
    puts("after block");
    return 0;
}
