// Valid (SPEC 3 constraints): setjmp/longjmp outside deferred statements are
// allowed, also in a function that has defers, and a deferred statement may
// call a function that uses them, or functions whose names merely contain
// "setjmp"/"longjmp".
// RUN: %cc -fsyntax-only -Wall -Wextra -Werror %s 2>&1 | count 0
// RUN: %cc -c -O2 -Wall -Wextra -Werror %s -o %t.o
#include <setjmp.h>
#include <stddefer.h>
#include <stdio.h>

static jmp_buf env;

static void my_longjmp(void)
{
    longjmp(env, 1);
}

static int setjmp_count(void)
{
    return 0;
}

static void helper(void)
{
    if (setjmp(env) == 0)
        puts("helper: set");
}

int outside(void)
{
    defer puts("deferred");
    if (setjmp(env) != 0)
        return 1;
    {
        defer helper();
        defer printf("%d\n", setjmp_count());
        puts("body");
    }
    my_longjmp();
    return 0;
}
