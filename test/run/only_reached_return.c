// SPEC 3.2: a defer after an early `return` was never reached and does not run.
#include <stddefer.h>
#include <stdio.h>

static void f(int n)
{
    printf("f(%d)\n", n);
    defer puts("  first defer");
    if (n == 0) {
        puts("  early return");
        return;
    }
    defer puts("  second defer");
    puts("  end of f");
}

int main(void)
{
    f(0);
    f(1);
    return 0;
}
