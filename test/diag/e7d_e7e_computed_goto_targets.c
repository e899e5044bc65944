// E7d, E7e (docs/DIAGNOSTICS.md, SPEC 3 constraints): a computed goto may
// reach any label whose address is taken.  When such a label lies inside a
// defer's scope or deferred statement that the goto is outside of, the jump
// would enter it, which the TS forbids (and after which GCC would run a
// defer never reached): an error at the goto, once per goto, naming the
// first such label.  Both plugins judge it by the same rules
// (common/jumps.h); the Clang plugin also refuses the address of a label
// taken outside its deferred statement (X5: the statement becomes a
// function of its own).  Computed gotos that stay inside the scope, or
// reach only labels outside every defer, are fine.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
void use(int);

int into_scope(int x)
{
    void *p = x ? &&L : &&M;
    // CHECK: computed_goto_targets.c:[[@LINE+1]]:5: error: computed goto may jump to label 'L', which bypasses the defer statement at {{.*}}computed_goto_targets.c:[[@LINE+2]]:5
    goto *p;
    _Defer use(1);
    // CHECK: computed_goto_targets.c:[[@LINE-1]]:5: note: defer statement is here
L:
    return 1;
M:
    return 2;
}

int into_deferred(int x)
{
    static void *t[] = { &&A, &&B };
    // CHECK: computed_goto_targets.c:[[@LINE+1]]:5: error: computed goto may jump to label 'B', which enters the deferred statement of the defer at {{.*}}computed_goto_targets.c:[[@LINE+4]]:5
    goto *t[x];
A:
    return 1;
    _Defer { B: use(2); }
    // CHECK: computed_goto_targets.c:[[@LINE-1]]:5: note: defer statement is here
    // CLANG: computed_goto_targets.c:[[@LINE-7]]:31: error: address of label 'B' crosses the deferred statement of the defer at {{.*}}computed_goto_targets.c:[[@LINE-2]]:5
    // CLANG: computed_goto_targets.c:[[@LINE-3]]:5: note: defer statement is here
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
