// SPEC 3.3: the deferred statement is part of the enclosing function: __func__
// in it names that function.
#include <stddefer.h>
#include <stdio.h>

static void worker(void)
{
    defer printf("deferred in %s\n", __func__);
    printf("body of %s\n", __func__);
}

int main(void)
{
    worker();
    {
        defer printf("deferred in %s\n", __func__);
    }
    return 0;
}
