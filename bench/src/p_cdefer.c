/* bench/src/p_cdefer.c - cdefer panic/recover round trip. */
#include <cdefer.h>

extern volatile long bench_sink;

__attribute__((noinline)) int down(int n)
{
    if (n == 0) panic("boom");
    return down(n - 1) + 1;            /* not a tail call: n real frames */
}

__attribute__((noinline)) int trip(int depth)
{
    defer {
        if (recover()) bench_sink += 1;
    }
    return down(depth);
}
