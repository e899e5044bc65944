// SPEC 3.3, 3.4 by analogy (GNU statement expression): the value of a statement
// expression is computed before the defers of its block run; a defer that
// modifies the variable named last does not change the value.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int after = 0;
    int w = ({
        int x = 1;
        defer {
            x = 2;
            after = x;
        }
        x;
    });
    printf("w = %d, deferred code set x to %d\n", w, after);
    return 0;
}
