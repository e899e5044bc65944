// SPEC 3.5: a defer that is the direct body of `for`/`while` without braces
// forms its own block: its deferred statement runs immediately, every
// iteration (the while loop below would never end otherwise; the plugins warn
// about the form, hence -Wno-error).
// CFLAGS: -Wno-error
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    defer puts("main defer");
    for (int i = 0; i < 3; i++)
        defer printf("for %d\n", i);
    puts("after for");
    int j = 0;
    while (j < 2)
        defer printf("while %d\n", j++);
    printf("after while, j = %d\n", j);
    return 0;
}
