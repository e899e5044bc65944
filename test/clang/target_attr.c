// SPEC 6: deferred code is compiled as the code of its function is.  The
// synthesized function inherits target("...") (also from #pragma clang
// attribute), no_sanitize, cold, ... (docs/DESIGN-clang.md, "Attributes"), is
// never instrumented on its own (-finstrument-functions), and a diagnostic
// about deferred code names the user's function, never a synthesized one.
// x86-64; the run needs a CPU with AVX2.
// RUN: %clang-plugin-cc -Wall -Wextra -Werror -O0 %s -o %t0 && %run %t0 | %FileCheck --check-prefix=OUT %s
// RUN: %clang-plugin-cc -Wall -Wextra -Werror -O2 %s -o %t2 && %run %t2 | %FileCheck --check-prefix=OUT %s
// RUN: %clang-plugin-cc -S -emit-llvm -Xclang -disable-llvm-passes -fsanitize=address %s -o - | %FileCheck --check-prefix=IR %s
// RUN: %clang-plugin-cc -S -emit-llvm -O0 -finstrument-functions %s -o - | %FileCheck --check-prefix=INSTR %s
// RUN: not %clang-plugin-cc -c -DPLAIN %s -o %t.o 2>&1 | %FileCheck --check-prefix=PLAIN %s
#include <stddefer.h>
#include <immintrin.h>
#include <stdio.h>

__attribute__((target("avx2"))) static int sum8(const int *v)
{
    int r = 0;
    defer {
        __m256i x = _mm256_loadu_si256((const __m256i *)v);
        __m256i y = _mm256_add_epi32(x, x);
        int out[8];
        _mm256_storeu_si256((__m256i *)out, y);
        printf("sum8 deferred: %d\n", out[7]);
    }
    for (int i = 0; i < 8; i++)
        r += v[i];
    return r;
}

#pragma clang attribute push(__attribute__((target("avx"))), apply_to = function)
static float pragma_fn(void)
{
    defer {
        float o[8];
        _mm256_storeu_ps(o, _mm256_set1_ps(2.5f));
        printf("pragma_fn deferred: %.1f\n", o[3]);
    }
    return 1.0f;
}
#pragma clang attribute pop

__attribute__((no_sanitize("address"), cold)) static int nosan(int *p)
{
    defer printf("nosan deferred: %d\n", p[1]);
    return p[0];
}

#ifdef PLAIN
float plain(float *o)
{
    defer _mm256_storeu_ps(o, _mm256_setzero_ps());
    return o[0];
}
#endif

int main(void)
{
    int v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    if (__builtin_cpu_supports("avx2")) {
        printf("sum8 = %d\n", sum8(v));
        printf("pragma_fn = %.1f\n", pragma_fn());
    }
    printf("nosan = %d\n", nosan(v));
    return 0;
}
// OUT: sum8 deferred: 16
// OUT-NEXT: sum8 = 36
// OUT-NEXT: pragma_fn deferred: 2.5
// OUT-NEXT: pragma_fn = 1.0
// OUT-NEXT: nosan deferred: 2
// OUT-NEXT: nosan = 1

// IR-LABEL: define internal i32 @nosan(
// IR: define internal void @__cdefer_fn_{{[0-9]+}}({{.*}}) #[[SUM8:[0-9]+]]
// IR: define internal void @__cdefer_fn_{{[0-9]+}}({{.*}}) #[[PRAGMA:[0-9]+]]
// IR: define internal void @__cdefer_fn_{{[0-9]+}}({{.*}}) #[[NOSAN:[0-9]+]]
// (At -O0 a deferred statement's function is out of line, noinline and
// optnone like its function, and may share its attribute group: any order.)
// IR-DAG: attributes #[[SUM8]] = { {{.*}}"target-features"="{{[^"]*}}+avx2
// IR-DAG: attributes #[[PRAGMA]] = { {{.*}}"target-features"="{{[^"]*}}+avx,
// IR-DAG: attributes #[[NOSAN]] = { {{([^s"]|s[^a])*}}cold{{([^s"]|s[^a])*}}"

// INSTR: call void @__cyg_profile_func_enter({{.*}}@main
// INSTR-NOT: @__cyg_profile_func_{{enter|exit}}({{.*}}@__cdefer

// PLAIN: target_attr.c:52:31: error: always_inline function '_mm256_setzero_ps' requires target feature 'avx', but would be inlined into function 'plain' that is compiled without support for 'avx'
// PLAIN-NOT: __cdefer
