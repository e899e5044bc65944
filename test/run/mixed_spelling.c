// SPEC 2: `defer` (from <stddefer.h>) and `_Defer` are the same statement and
// may be mixed freely; they share one LIFO order.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer puts("defer 1 (defer)");
        _Defer puts("defer 2 (_Defer)");
        defer puts("defer 3 (defer)");
        _Defer {
            defer puts("defer 4b (defer inside _Defer)");
            puts("defer 4a (_Defer)");
        }
        puts("body");
    }
    return 0;
}
