// SPEC 2: the deferred statement may be a `while` loop; it runs to completion
// when the block ends.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int n = 0;
    {
        defer while (n > 0)
            printf("unwind %d\n", n--);
        for (int i = 0; i < 3; i++)
            printf("push %d\n", ++n);
    }
    printf("n = %d\n", n);
    return 0;
}
