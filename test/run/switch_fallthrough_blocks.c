// SPEC 3.1: falling through from one braced case block into the next runs the
// first block's defer before the second block starts; each block's defer runs
// once, at its own closing brace.
#include <stddefer.h>
#include <stdio.h>

static void run(int v)
{
    printf("switch (%d)\n", v);
    switch (v) {
    case 1: {
        defer puts("  defer 1");
        puts("  block 1");
    }
        __attribute__((fallthrough));
    case 2: {
        defer puts("  defer 2");
        puts("  block 2");
    }
        __attribute__((fallthrough));
    case 3: {
        defer puts("  defer 3");
        puts("  block 3");
    }
    }
}

int main(void)
{
    run(1);
    run(3);
    return 0;
}
