// SPEC 3.1, 3.5: `continue` runs the defers of the loop body before the next
// iteration.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 4; i++) {
        defer printf("defer %d\n", i);
        if (i % 2) {
            printf("continue %d\n", i);
            continue;
        }
        printf("body %d\n", i);
    }
    puts("after loop");
    return 0;
}
