/* bench/src/p_abi.c - the same round trip with recover() lowered by hand
 * exactly as runtime/include/cdefer_abi.h says the plugins emit it (ABI
 * version 1).  Measures the runtime's panic/recover cost apart from what
 * a plugin's own lowering adds (p_cdefer.c).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <cdefer.h>

extern volatile long bench_sink;

__attribute__((noinline)) int down(int n)
{
    if (n == 0) panic("boom");
    int r = down(n - 1);
    bench_sink += r;                   /* after the call: no tail call, no accumulator loop */
    return r + 1;
}

__attribute__((noinline)) int trip(int depth)
{
    __cdefer_frame __cdefer_f;
    int __cdefer_res = 0;
    __cdefer_f.__result = &__cdefer_res;
    __cdefer_f.__frame = __builtin_frame_address(0);
    if (__builtin_expect(__cdefer_setjmp(&__cdefer_f), 0))
        return __cdefer_res;
    defer {
        if (__cdefer_recover_in(&__cdefer_f)) bench_sink += 1;
        __CDEFER_BARRIER();
    }
    __cdefer_res = down(depth);
    return __cdefer_res;
}
