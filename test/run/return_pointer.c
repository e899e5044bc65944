// SPEC 3.4: a returned pointer is computed before the defers run: a defer that
// reassigns the pointer does not change it, one that writes through it does
// change what the caller then reads.
#include <stddefer.h>
#include <stddef.h>
#include <stdio.h>

static int a = 1, b = 2;

static const char *name(const int *p)
{
    return p == &a ? "&a" : p == &b ? "&b" : p == NULL ? "NULL" : "?";
}

static int *reassigned(void)
{
    int *p = &a;
    defer p = &b;
    return p;
}

static int *cleared(void)
{
    int *p = &b;
    defer p = NULL;
    return p;
}

static int *written_through(void)
{
    int *p = &a;
    defer *p = 10;
    return p;
}

int main(void)
{
    printf("reassigned returns %s\n", name(reassigned()));
    printf("cleared returns %s\n", name(cleared()));
    int *r = written_through();
    printf("written_through returns %s, *p = %d\n", name(r), *r);
    return 0;
}
