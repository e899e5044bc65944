// SPEC 3.1, 3.2: the typical use: resources acquired one after the other are
// released in reverse order on every path out of the function, and only the
// ones that were acquired.
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>

static int acquire(const char *what, int fail)
{
    if (fail) {
        printf("  acquire %s: failed\n", what);
        return 0;
    }
    printf("  acquire %s\n", what);
    return 1;
}

static void release(const char *what)
{
    printf("  release %s\n", what);
}

static int job(int fail_at)
{
    printf("job(%d)\n", fail_at);
    char *buf = malloc(16);
    if (!buf)
        return -1;
    defer {
        free(buf);
        puts("  free buffer");
    }
    if (!acquire("file", fail_at == 1))
        return 1;
    defer release("file");
    if (!acquire("lock", fail_at == 2))
        return 2;
    defer release("lock");
    puts("  work");
    return 0;
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        printf("-> %d\n", job(i));
    return 0;
}
