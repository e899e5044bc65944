// SPEC 3.3: copying a value into a local before the defer captures it; the
// deferred statement reads the copy, which later assignments do not change.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int x = 1;
    {
        int saved = x;
        defer printf("saved = %d, x = %d\n", saved, x);
        x = 2;
    }
    return 0;
}
