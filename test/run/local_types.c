// SPEC 2, 3.3: a deferred statement may use types, enumeration constants and
// typedefs declared locally in the enclosing block before the defer.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    typedef long counter_t;
    enum { LIMIT = 3 };
    struct point {
        int x, y;
    } p = {1, 2};
    counter_t total = 10;
    {
        defer {
            struct point q = p;
            counter_t sum = total + LIMIT;
            printf("q = (%d, %d), sum = %ld\n", q.x, q.y, sum);
        }
        p.y = 20;
        total = 100;
    }
    return 0;
}
