// SPEC 3.4: a small struct returned by value (in registers) is copied before
// the defers run: a defer modifying the local does not change the result.
// REFERENCE-WRONG: clang-22 applies NRVO to small structs too: the result shows the defer's changes
#include <stddefer.h>
#include <stdio.h>

struct P {
    int x, y;
};

static struct P make(void)
{
    struct P p = {1, 2};
    defer {
        p.x = 50;
        p.y = 60;
    }
    return p;
}

int main(void)
{
    struct P p = make();
    printf("x = %d, y = %d\n", p.x, p.y);
    return 0;
}
