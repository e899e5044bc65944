/* examples/hello.c - defer in a few lines: cleanup next to acquisition,
 * run on every way out of the block. */
#include <stddefer.h>
#include <stdio.h>
#include <stdlib.h>

static int sum_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    defer {
        fclose(f);
        printf("closed %s\n", path);
    }

    char *buf = malloc(64);
    if (!buf)
        return -1;                      /* f is closed here too */
    defer free(buf);

    int total = 0;
    while (fgets(buf, 64, f))
        total += atoi(buf);
    return total;                       /* computed first, then buf freed, f closed */
}

int main(void)
{
    const char *path = "hello-example.txt";
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    fputs("1\n2\n39\n", f);
    fclose(f);
    defer remove(path);

    for (int i = 0; i < 3; i++) {
        defer printf("end of iteration %d\n", i);   /* runs once per iteration */
        printf("iteration %d\n", i);
    }
    printf("sum = %d\n", sum_file(path));
    return 0;
}
