// SPEC 3.2: only defers that control reached run: an iteration that leaves the
// body by `continue` or `break` before the defer does not run it.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 5; i++) {
        printf("iteration %d\n", i);
        if (i == 1)
            continue;
        if (i == 3)
            break;
        defer printf("defer %d\n", i);
        printf("body %d\n", i);
    }
    puts("after loop");
    return 0;
}
