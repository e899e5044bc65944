/* examples/panic.c - panic unwinds the stack and runs every deferred
 * statement it passes, innermost first, as Go's does; an unrecovered panic
 * then reports itself and ends the process with status 2.
 * Needs -lcdefer (pkg-config --libs cdefer-gcc, CMake's cdefer::cdefer). */
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

static int checked_div(int a, int b)
{
    if (b == 0)
        panic("division by zero: %d / %d", a, b);
    return a / b;
}

static void report(const int *v, int n)
{
    printf("report:");
    defer printf("\n");                 /* also runs while the panic passes */
    for (int i = 0; i < n; i++)
        printf(" %d", checked_div(100, v[i]));
}

int main(void)
{
    int *values = malloc(3 * sizeof *values);
    if (!values)
        return 1;
    defer {
        free(values);
        printf("values freed\n");
        fflush(stdout);
    }
    values[0] = 4, values[1] = 5, values[2] = 0;
    report(values, 2);
    report(values, 3);                  /* panics at values[2] */
    printf("not reached\n");
    return 0;
}
