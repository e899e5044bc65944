// SPEC 3.3: the deferred statement sees variables as they are when it runs,
// not as they were when the defer was reached.
#include <stddefer.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    int x = 1;
    char msg[16] = "start";
    {
        defer printf("deferred sees x = %d, msg = %s\n", x, msg);
        x = 2;
        strcpy(msg, "changed");
        x = 3;
    }
    return 0;
}
