// SPEC 3 (constraints, GNU extensions): a computed `goto *p` whose every
// possible target (every label whose address the function takes) lies
// inside the same deferred statement is allowed, and jumps inside it.  Both
// forms: a static table of label addresses, and an address chosen at run
// time; the deferred statements run on fall-off, continue and return.
// REFERENCE-WRONG: clang-22 -fexceptions crashes compiling the static table (SelectionDAG) and the other program segfaults at run time (correct without -fexceptions)
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
    printf("table %d\n", table(3));
    printf("chosen %d\n", chosen(0));
    printf("chosen %d\n", chosen(1));
    return 0;
}
