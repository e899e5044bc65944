// SPEC 3.1 (GNU statement expression, which clang-22 accepts): a defer in a
// statement expression runs when its block ends, after the value expression
// has been evaluated and before the statement containing it continues.
#include <stddefer.h>
#include <stdio.h>

static int value(void)
{
    puts("value computed");
    return 7;
}

static int show(int v)
{
    printf("show(%d)\n", v);
    return v;
}

int main(void)
{
    int v = show(({
        defer puts("deferred");
        puts("body");
        value();
    }));
    printf("v = %d\n", v);
    return 0;
}
