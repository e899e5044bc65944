// SPEC 3.1, 3.2: `continue` from a braced case block runs that block's defer,
// then the loop body's defer, innermost first.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 2; i++) {
        defer printf("loop defer %d\n", i);
        switch (i) {
        case 0: {
            defer puts("case 0 defer");
            puts("case 0: continue");
            continue;
        }
        default:
            puts("default");
        }
        printf("after switch %d\n", i);
    }
    return 0;
}
