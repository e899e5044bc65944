// SPEC 2, 3.1: a defer inside a deferred compound statement is registered when
// the deferred statement runs and runs at the end of that compound statement.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer puts("first registered defer");
        defer {
            defer puts("deferred block: its own defer");
            puts("deferred block: body");
        }
        puts("block body");
    }
    puts("after block");
    return 0;
}
