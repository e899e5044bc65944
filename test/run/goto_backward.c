// SPEC 3.1: a backward `goto` to a label before the defer in the same block
// runs the deferred statement; reaching the defer again registers it again.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int n = 0, runs = 0;
    {
again:
        printf("top %d\n", n);
        defer {
            runs++;
            printf("defer %d (run %d)\n", n, runs);
        }
        n++;
        if (n < 3)
            goto again;
        puts("end of block");
    }
    printf("n = %d, runs = %d\n", n, runs);
    return 0;
}
