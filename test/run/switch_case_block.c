// SPEC 3.1: a defer in a braced case block runs at the end of that block:
// before the `break` leaves the switch, and before falling through into the
// next case.
#include <stddefer.h>
#include <stdio.h>

static void run(int v)
{
    printf("switch (%d)\n", v);
    switch (v) {
    case 1: {
        defer puts("  case 1 defer");
        puts("  case 1");
        break;
    }
    case 2: {
        defer puts("  case 2 defer");
        puts("  case 2");
    }
        __attribute__((fallthrough));
    case 3:
        puts("  case 3");
        break;
    default:
        puts("  default");
    }
    puts("  after switch");
}

int main(void)
{
    run(1);
    run(2);
    run(3);
    run(4);
    return 0;
}
