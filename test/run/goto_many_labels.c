// SPEC 3.1, 3.2: gotos that leave a chain of nested defers for many distinct
// labels (the GCC plugin routes them through one dispatch point after the
// outermost defer they leave: gcc-plugin/dispatch.cc) still run every reached
// deferred statement exactly once, innermost first, and then land on the
// label they named.  Covered: one block of defers each followed by a goto to
// its own label; gotos out of nested blocks; a backward goto; gotos that stay
// inside the outer defer's scope mixed with gotos that leave it; break,
// continue and return next to them in a loop.  (The same inside a deferred
// statement is test/gcc/goto_dispatch.c: clang-22 -fexceptions, the
// reference, hangs or crashes on a goto out of a defer in a deferred
// statement.)
#include <stddefer.h>
#include <stdio.h>

static int fail_at;
static int step(int i)
{
    return i == fail_at;
}

// n x (defer; goto own label): exit i runs the cleanups i..0.
static int chain(void)
{
    {
        defer puts("  undo 0");
        if (step(0)) goto t0;
        defer puts("  undo 1");
        if (step(1)) goto t1;
        defer puts("  undo 2");
        if (step(2)) goto t2;
        defer puts("  undo 3");
        if (step(3)) goto t3;
        defer puts("  undo 4");
        if (step(4)) goto t4;
        puts("  all steps done");
    }
    return -1;
t0: return 100;
t1: return 101;
t2: return 102;
t3: return 103;
t4: return 104;
}

// Gotos from three levels of blocks to seven labels: four outside the outer
// block (one of them before it) and three inside it (those leave only the
// inner defers).
static int levels(void)
{
    int tries = 0;
again:
    tries++;
    {
        defer printf("  outer (try %d)\n", tries);
        {
            defer puts("  middle A");
            defer puts("  middle B");
            {
                defer puts("  inner");
                if (step(10) && tries == 1) goto again;
                if (step(11)) goto out1;
                if (step(12)) goto in_outer1;
                if (step(13)) goto out2;
                if (step(14)) goto in_outer2;
                if (step(16)) goto in_outer3;
            }
            if (step(15)) goto out3;
            puts("  middle end");
        }
        puts("  outer end");
        if (0) {
in_outer1:
            puts("  at in_outer1");
        }
        if (0) {
in_outer2:
            puts("  at in_outer2");
        }
        if (0) {
in_outer3:
            puts("  at in_outer3");
        }
    }
    return tries;
out1:
    return 201;
out2:
    return 202;
out3:
    return 203;
}

// In a loop: break, continue, return and gotos to three labels leave the
// same two defers.
static int loop(void)
{
    int i;
    for (i = 0; i < 3; i++) {
        defer printf("  iteration %d end\n", i);
        defer printf("  iteration %d resource\n", i);
        if (step(20 + i * 10)) break;
        if (step(21 + i * 10)) continue;
        if (step(22 + i * 10)) return 300 + i;
        if (step(23 + i * 10)) goto l1;
        if (step(24 + i * 10)) goto l2;
        if (step(25 + i * 10)) goto l3;
    }
    return i;
l1: return 310;
l2: return 320;
l3: return 330;
}

int main(void)
{
    static const int chain_fail[] = {0, 1, 2, 3, 4, -1};
    for (int j = 0; j < 6; j++) {
        fail_at = chain_fail[j];
        printf("chain, step %d fails:\n", fail_at);
        printf("  -> %d\n", chain());
    }
    static const int levels_fail[] = {10, 11, 12, 13, 14, 15, 16, -1};
    for (int j = 0; j < 8; j++) {
        fail_at = levels_fail[j];
        printf("levels, step %d fails:\n", fail_at);
        printf("  -> %d\n", levels());
    }
    static const int loop_fail[] = {20, 31, 42, 23, 34, 45, -1};
    for (int j = 0; j < 7; j++) {
        fail_at = loop_fail[j];
        printf("loop, step %d fails:\n", fail_at);
        printf("  -> %d\n", loop());
    }
    return 0;
}
