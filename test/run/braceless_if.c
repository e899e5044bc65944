// SPEC 3.5: a defer that is the direct substatement of `if`/`else` without
// braces forms its own block: its deferred statement runs immediately (the
// plugins warn about it, hence -Wno-error).
// CFLAGS: -Wno-error
#include <stddefer.h>
#include <stdio.h>

static void f(int c)
{
    printf("f(%d)\n", c);
    defer puts("  function defer");
    if (c)
        defer puts("  then: runs immediately");
    else
        defer puts("  else: runs immediately");
    puts("  after if");
}

int main(void)
{
    f(1);
    f(0);
    return 0;
}
