// SPEC 3 (constraints, GNU extensions): a computed `goto *p` whose every
// possible target lies inside the same deferred statement is allowed, and
// jumps inside it: an address chosen at run time; the deferred statement
// runs on return.  computed_goto_in_deferred.c: a static table.
// NO-REFERENCE: clang-22 -fexceptions does not finish compiling this function (still compiling after minutes at -O0; it compiles without -fexceptions), so there is no reference result
#include <stddefer.h>
#include <stdio.h>

static int chosen(int i)
{
    defer {
        void *p = i ? &&yes : &&no;
        goto *p;
    no:
        puts("deferred no");
        goto out;
    yes:
        puts("deferred yes");
    out:
        puts("deferred out");
    }
    puts("chosen body");
    return i + 10;
}

int main(void)
{
    printf("chosen %d\n", chosen(0));
    printf("chosen %d\n", chosen(1));
    return 0;
}
