// SPEC 2, 3.3: a deferred compound statement runs its statements in order, with
// its own locals, and sees the enclosing variables as they are when it runs.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int x = 1;
    {
        defer {
            int y = x * 10;
            printf("deferred: x = %d\n", x);
            printf("deferred: y = %d\n", y);
            x = y;
        }
        x = 2;
        puts("body");
    }
    printf("after block: x = %d\n", x);
    return 0;
}
