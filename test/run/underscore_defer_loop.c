// SPEC 2, 3.5: `_Defer` spelled without any header, in a loop body: it runs at
// the end of every iteration.
#include <stdio.h>

int main(void)
{
    int total = 0;
    for (int i = 1; i <= 3; i++) {
        _Defer printf("iteration %d done, total %d\n", i, total);
        total += i;
    }
    return 0;
}
