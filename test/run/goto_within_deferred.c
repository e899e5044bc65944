// SPEC 3 (constraints): a `goto` inside a deferred statement to a label inside
// the same deferred statement is allowed and stays inside it.
// REFERENCE-WRONG: clang-22 -fexceptions segfaults compiling a label and goto inside a deferred statement (correct without -fexceptions)
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer {
            int tries = 0;
retry:
            tries++;
            printf("deferred attempt %d\n", tries);
            if (tries < 3)
                goto retry;
            puts("deferred done");
        }
        puts("body");
    }
    puts("after block");
    return 0;
}
