// SPEC 3.3: the deferred statement refers to the enclosing function's own
// objects, not to copies: addresses compare equal, and `sizeof` of an array
// is the array's size.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    int x = 0;
    char buf[32] = "";
    int *px = &x;
    char (*pbuf)[32] = &buf;
    {
        defer {
            printf("&x: %s\n", &x == px ? "same object" : "different object");
            printf("&buf: %s\n", &buf == pbuf ? "same object" : "different object");
            printf("sizeof buf = %d\n", (int)sizeof buf);
            printf("sizeof x = sizeof(int): %s\n", sizeof x == sizeof(int) ? "yes" : "no");
        }
        puts("body");
    }
    return 0;
}
