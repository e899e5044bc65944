// SPEC 3 (constraints, GNU extensions): a computed `goto *p` whose every
// possible target (every label whose address the function takes) lies
// inside the same deferred statement is allowed, and jumps inside it: a
// static table of label addresses; the deferred statement runs on fall-off
// and continue.  computed_goto_address_in_deferred.c: an address chosen at
// run time.
// REFERENCE-WRONG: clang-22 -fexceptions crashes compiling the static table (correct without -fexceptions)
#include <stddefer.h>
#include <stdio.h>

static int table(int n)
{
    for (int i = 0; i < n; i++) {
        defer {
            static void *const t[] = { &&even, &&odd };
            goto *t[i & 1];
        even:
            printf("deferred even %d\n", i);
            goto done;
        odd:
            printf("deferred odd %d\n", i);
        done:;
        }
        printf("body %d\n", i);
        if (i == 1)
            continue;
        printf("end %d\n", i);
    }
    return n;
}

int main(void)
{
    printf("table %d\n", table(3));
    return 0;
}
