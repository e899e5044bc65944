// SPEC 3.1, 3.5: `break` out of a loop body runs the defers of that body
// (once, for the iteration that breaks).
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 5; i++) {
        defer printf("defer %d\n", i);
        if (i == 2) {
            puts("break");
            break;
        }
        printf("body %d\n", i);
    }
    puts("after loop");
    return 0;
}
