// SPEC 2, 3.3: the deferred statement may be an `if`/`else`; its condition is
// evaluated when the deferred statement runs.
#include <stddefer.h>
#include <stdio.h>

static void transaction(int ok)
{
    int status = 0;
    printf("transaction(%d)\n", ok);
    defer if (status) printf("  rollback (status %d)\n", status); else puts("  commit");
    if (!ok)
        status = 7;
    puts("  body");
}

int main(void)
{
    transaction(1);
    transaction(0);
    return 0;
}
