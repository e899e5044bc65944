/* Every form of defer, and panic/recover/cdefer_result, for the tools that
 * parse with <stddefer.h>'s parse-only fallback (clangd, clang-tidy).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <cdefer.h>
#include <stdio.h>
#include <stdlib.h>

struct pair { int a, b; };

static void note(const char *what) { puts(what); }

static int digit(char c)
{
    if (c < '0' || c > '9')
        panic("not a digit: %c", c);
    return c - '0';
}

static int parse(const char *s)
{
    cdefer_result int n = 0;
    defer {
        const cdefer_panic_info *p = recover();
        if (p != NULL)
            n = -1;
    }
    for (; *s != '\0'; s++)
        n = n * 10 + digit(*s);
    return n;
}

static struct pair forms(int c)
{
    struct pair s = {0, 0};
    char *buf = malloc(16);
    if (buf == NULL)
        return s;
    defer free(buf);
    defer note("a"); defer note("b");           /* two on one line */
    _Defer note("the keyword");
    if (c != 0)
        defer note("braceless if");
    else
        note("else");
    for (int i = 0; i < c; i++) {
        defer printf("%d\n", i);
        if (i == 2)
            continue;
        if (i == 3)
            break;
    }
    switch (c) {
    case 1: {
        defer note("case block");
        break;
    }
    default:
        break;
    }
    defer {
        defer note("nested");
        for (int j = 0; j < 2; j++)
            if (j == 1)
                break;
    }
    defer s.a = 99;
    defer panic_value(buf, "value %d", c);
    return s;
}

int main(int argc, char **argv)
{
    (void)argv;
    printf("%d\n", parse("42"));
    return forms(argc).a;
}
