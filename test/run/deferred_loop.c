// SPEC 2, 3 (constraints): the deferred statement may be a loop; `break` and
// `continue` of a loop nested inside the deferred statement are allowed.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int items[] = {3, 0, 5, -1, 9};
    {
        defer for (int i = 0; i < 5; i++) {
            if (items[i] == 0)
                continue;
            if (items[i] < 0)
                break;
            printf("release %d\n", items[i]);
        }
        items[0] = 4;
        puts("body");
    }
    puts("after block");
    return 0;
}
