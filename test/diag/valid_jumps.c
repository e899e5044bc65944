// Valid (docs/DIAGNOSTICS.md "Jumps that leave a defer's scope ... are fine",
// SPEC 3 constraints): none of these jumps is an error or a warning.
// RUN: %cc -fsyntax-only -Wall -Wextra -Werror %s 2>&1 | count 0
// RUN: %cc -c -O2 -Wall -Wextra -Werror %s -o %t.o
#include <stddefer.h>
#include <stdio.h>

/* break and continue of a loop nested inside the deferred statement */
void loop_in_deferred(int n)
{
    defer for (int i = 0; i < n; i++) {
        if (i == 1)
            continue;
        if (i == 3)
            break;
        printf("%d\n", i);
    }
    puts("body");
}

/* break of a switch nested inside the deferred statement */
void switch_in_deferred(int v)
{
    defer switch (v) {
    case 0:
        puts("zero");
        break;
    default:
        puts("other");
        break;
    }
    puts("body");
}

/* return, break, continue, goto inside a loop nested in the deferred
   statement that stay inside it: a goto within the deferred statement */
void goto_in_deferred(int n)
{
    _Defer {
        int i = 0;
again:
        if (i++ < n)
            goto again;
        goto done;
done:
        puts("deferred done");
    }
    puts("body");
}

/* backward goto to before the defer in the same block */
void backward_goto(int n)
{
top:
    n--;
    defer puts("deferred");
    if (n > 0)
        goto top;
}

/* goto out of the defer's block, forward and backward */
void goto_out(int n)
{
retry:
    {
        defer puts("deferred");
        if (n == 1)
            goto out;
        if (n-- > 2)
            goto retry;
    }
out:
    puts("out");
}

/* return, break and continue that leave a defer's scope */
int leave_scope(int n)
{
    for (int i = 0; i < n; i++) {
        defer puts("iteration");
        if (i == 1)
            continue;
        if (i == 2)
            break;
        if (i == 5)
            return i;
    }
    return 0;
}

/* a goto and labels inside the defer's scope, and a label on the defer */
void within_scope(int n)
{
    if (n)
        goto on_defer;
    puts("not skipped");
on_defer:
    defer puts("deferred");
loop:
    if (n-- > 0)
        goto loop;
}

/* case labels in braced case blocks, each with its own defer */
void case_blocks(int v)
{
    switch (v) {
    case 0: {
        defer puts("zero done");
        puts("zero");
        break;
    }
    case 1: {
        defer puts("one done");
        puts("one");
        break;
    }
    default:
        defer puts("default done");
        puts("default");
    }
}

/* a defer inside a deferred statement, with a loop and break of its own */
void nested_defer(int n)
{
    defer {
        defer for (int i = 0; i < n; i++) {
            if (i == 2)
                break;
            puts("inner");
        }
        puts("outer");
    }
    puts("body");
}

/* a deferred statement may itself contain a switch with a loop inside, and a
   continue of that loop inside the switch */
void switch_loop_in_deferred(int n)
{
    defer while (n-- > 0) {
        switch (n) {
        case 1:
            continue;
        default:
            puts("n");
        }
    }
    puts("body");
}
