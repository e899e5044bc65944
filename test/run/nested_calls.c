// SPEC 3.1, 3.2: each function runs its own defers when it returns; a callee's
// defers run before the caller continues.
#include <stddefer.h>
#include <stdio.h>

static void leaf(void)
{
    defer puts("    leaf defer");
    puts("    leaf");
}

static void middle(void)
{
    defer puts("  middle defer");
    puts("  middle before leaf");
    leaf();
    puts("  middle after leaf");
}

int main(void)
{
    {
        defer puts("main defer");
        puts("main before middle");
        middle();
        puts("main after middle");
    }
    return 0;
}
