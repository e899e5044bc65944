// SPEC 3.4: `return e;` evaluates e and converts it to the return type before
// the deferred statements run, whatever the conversion.
#include <stddefer.h>
#include <stdio.h>

static double to_double(void)
{
    int i = 1;
    defer i = 100;
    return i;
}

static unsigned char to_uchar(void)
{
    int i = 300;
    defer i = 5;
    return i;
}

static _Bool to_bool(void)
{
    int i = 2;
    defer i = 0;
    return i;
}

static int from_double(void)
{
    double d = 2.75;
    defer d = -9.5;
    return d;
}

static long long widened(void)
{
    int i = -1;
    defer i = 7;
    return i;
}

int main(void)
{
    printf("to_double: %.1f\n", to_double());
    printf("to_uchar: %d\n", to_uchar());
    printf("to_bool: %d\n", to_bool());
    printf("from_double: %d\n", from_double());
    printf("widened: %lld\n", widened());
    return 0;
}
