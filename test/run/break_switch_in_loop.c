// SPEC 3.1: a `break` that leaves a switch nested in the defer's scope does not
// leave the scope: the loop body's defer runs once, at the end of the body.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 2; i++) {
        defer printf("defer %d\n", i);
        switch (i) {
        case 0:
            puts("case 0: break out of the switch");
            break;
        default:
            puts("default: break out of the switch");
            break;
        }
        printf("after switch %d\n", i);
    }
    return 0;
}
