// SPEC 3.1: a defer after the last label of a switch body has the rest of the
// switch body as its scope: it runs at the end of the switch, or when a
// `break` leaves it.
#include <stddefer.h>
#include <stdio.h>

static void run(int v)
{
    printf("switch (%d)\n", v);
    switch (v) {
    case 0:
        puts("  case 0");
        break;
    default:
        defer puts("  default defer");
        puts("  default");
        if (v > 5)
            break;
        puts("  default end");
    }
    puts("  after switch");
}

int main(void)
{
    run(0);
    run(3);
    run(9);
    return 0;
}
