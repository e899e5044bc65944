// A computed goto may reach any label whose address is taken.  When such a
// label lies inside a defer's scope (or deferred statement) that the goto
// is outside of, the jump would enter it, which the TS forbids and after
// which GCC would run a defer that was never reached: the GCC plugin
// refuses the function (as Clang does for cleanups).  Not yet in
// docs/DIAGNOSTICS.md, so GCC only.  Computed gotos that stay inside the
// scope, or reach only labels outside every defer, are fine.
// RUN: not %gcc-plugin-cc -fsyntax-only %s 2>&1 | %FileCheck %s --implicit-check-not=error: --implicit-check-not=note: --implicit-check-not=warning:
void use(int);

int into_scope(int x)
{
    void *p = x ? &&L : &&M;
    // CHECK: computed_goto.c:[[@LINE+1]]:5: error: computed goto may jump to label 'L', which bypasses the defer statement at {{.*}}computed_goto.c:[[@LINE+2]]:5
    goto *p;
    _Defer use(1);
    // CHECK: computed_goto.c:[[@LINE-1]]:5: note: defer statement is here
L:
    return 1;
M:
    return 2;
}

int into_deferred(int x)
{
    static void *t[] = { &&A, &&B };
    // CHECK: computed_goto.c:[[@LINE+1]]:5: error: computed goto may jump to label 'B', which enters the deferred statement of the defer at {{.*}}computed_goto.c:[[@LINE+4]]:5
    goto *t[x];
A:
    return 1;
    _Defer { B: use(2); }
    // CHECK: computed_goto.c:[[@LINE-1]]:5: note: defer statement is here
    return 2;
}

int within_scope(int x)
{
    _Defer use(3);
    void *p = &&again;
again:
    if (x-- > 0)
        goto *p;
    return 0;
}

int outside_every_defer(int x)
{
    void *p = x ? &&one : &&two;
    goto *p;
one:
    { _Defer use(4); }
    return 1;
two:
    return 2;
}
