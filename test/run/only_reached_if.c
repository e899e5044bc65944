// SPEC 3.2: a defer in an `if` block that is not taken is never reached and
// does not run; the one in the taken branch runs at the end of that branch.
#include <stddefer.h>
#include <stdio.h>

static void f(int c)
{
    printf("f(%d)\n", c);
    if (c) {
        defer puts("  then-block defer");
        puts("  then");
    } else {
        defer puts("  else-block defer");
        puts("  else");
    }
    puts("  after if");
}

int main(void)
{
    f(1);
    f(0);
    return 0;
}
