// SPEC 3.2, 3.3: a later-registered deferred statement runs first, and an
// earlier-registered one sees the variables as the later one left them.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int x = 1;
    {
        defer printf("first registered sees x = %d\n", x);
        defer {
            printf("second registered sees x = %d\n", x);
            x = 5;
        }
        x = 2;
    }
    printf("after block x = %d\n", x);
    return 0;
}
