// SPEC 2, 3 (constraints): the deferred statement may be a `switch`; its
// `break`s end the switch, not the deferred statement's block.
#include <stddefer.h>
#include <stdio.h>

static void run(int m)
{
    int mode = 0;
    defer switch (mode) {
    case 1:
        puts("  mode 1");
        break;
    case 2:
        puts("  mode 2");
        break;
    default:
        puts("  other mode");
    }
    mode = m;
    printf("run(%d)\n", m);
}

int main(void)
{
    run(2);
    run(1);
    run(5);
    return 0;
}
