// SPEC 5: a cdefer_result variable is the function's result: `return e;`
// stores e into it, the deferred statements run (and may change it), then
// its final value is returned; falling off the end returns it too.  Without
// recover() no frame or _setjmp is emitted.
// RUN: %clang-plugin-cc -std=c11 -O0 -Wall -Wextra -Werror %s -o %t0.exe && %run %t0.exe | %FileCheck %s
// RUN: %clang-plugin-cc -std=c11 -O2 -Wall -Wextra -Werror %s -o %t2.exe && %run %t2.exe | %FileCheck %s
// RUN: %clang-plugin-cc -std=c11 -O0 -S -emit-llvm %s -o - | %FileCheck --check-prefix=IR %s
// IR-NOT: _setjmp
// IR-NOT: __cdefer_recover_in
#include <cdefer.h>
#include <stdio.h>
#include <string.h>

static int negate(int x)
{
    cdefer_result int err = 0;
    defer err = -err;
    if (x > 100) {
        int big = x * 2;
        defer err += 1;
        return big;
    }
    err = x;
    return err;
}

struct msg { char text[16]; int n; };

static struct msg fill(int n)
{
    cdefer_result struct msg m = { "start", 0 };
    defer { strcpy(m.text, "deferred"); m.n++; }
    if (n)
        return (struct msg){ "early", n };
    m.n = 10;
    return m;
}

static int fall_off(int n)
{
    cdefer_result int r = n;
    defer r *= 3;
    for (int i = 0; i < n; i++) {
        defer r++;
    }
}

typedef long myint;
static myint loop_returns(int n)
{
    cdefer_result long r = 0;
    for (int i = 0;; i++) {
        defer r += 100;
        if (i == n)
            return i;
    }
}

int main(void)
{
    printf("%d %d\n", negate(5), negate(200));
    // CHECK: -5 -401
    struct msg a = fill(0), b = fill(7);
    printf("%s %d %s %d\n", a.text, a.n, b.text, b.n);
    // CHECK-NEXT: deferred 11 deferred 8
    printf("%d\n", fall_off(2));
    // CHECK-NEXT: 12
    printf("%ld\n", loop_returns(3));
    // CHECK-NEXT: 103
    return 0;
}
