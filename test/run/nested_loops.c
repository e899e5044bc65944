// SPEC 3.1, 3.2: `break` out of an inner loop runs only the inner body's
// defers; the outer body's defer runs at the end of each outer iteration.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 2; i++) {
        defer printf("outer defer %d\n", i);
        for (int j = 0; j < 3; j++) {
            defer printf("  inner defer %d.%d\n", i, j);
            if (j == 1)
                break;
            printf("  inner body %d.%d\n", i, j);
        }
        printf("outer body %d\n", i);
    }
    return 0;
}
