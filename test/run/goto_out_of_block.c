// SPEC 3.1: a `goto` to a label outside the defer's block runs the defer
// before control reaches the label.
#include <stddefer.h>
#include <stdio.h>

static void f(int fail)
{
    printf("f(%d)\n", fail);
    {
        defer puts("  cleanup");
        puts("  work");
        if (fail)
            goto error;
        puts("  success");
    }
    puts("  end of f");
    return;
error:
    puts("  error path");
}

int main(void)
{
    f(0);
    f(1);
    return 0;
}
