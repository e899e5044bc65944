/* The sweep's program for what test/run does not use: <cdefer.h>'s whole
 * API (cdefer_result, recover, panic, panic_value), empty defers (W1), and
 * defers in the places the TS allows (braced case blocks, statement
 * expressions, nested defers, loops).  Compiled, never run.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

int parse(const char *s);
int sum(int n);
void loop(int n);
int pick(int k);

int parse(const char *s)
{
    cdefer_result int rc = 0;
    defer {
        const cdefer_panic_info *p = recover();
        if (p) {
            fprintf(stderr, "recovered: %s\n", p->message);
            rc = -1;
        }
    }
    if (!s)
        panic("no input");
    if (*s == '!')
        panic_value((void *)(size_t)1, "bad input %s", s);
    return atoi(s);
}

int sum(int n)
{
    int total = 0;
    _Defer;
    defer {}
    for (int i = 0; i < n; i++) {
        defer total += i;
        _Defer defer total++;
    }
    int v = ({ defer total *= 2; total + 1; });
    return v;
}

void loop(int n)
{
    char *buf = malloc(16);
    if (!buf)
        return;
    defer free(buf);
    while (n-- > 0) {
        defer puts("iteration");
        if (n == 3)
            break;
        if (n == 5)
            continue;
    }
}

int pick(int k)
{
    switch (k) {
    case 1: {
        defer puts("one");
        return 1;
    }
    default: {
        defer puts("other");
        break;
    }
    }
    return 0;
}
