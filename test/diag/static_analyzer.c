// Tooling (docs/USER-GUIDE.md section 7): the compilers' static analyzers
// see deferred code run where it runs.  For a corpus of leak, double-free
// and use-after-free programs with and without defers, each reports exactly
// the true bugs, and no warning names a plugin-internal symbol.  GCC's
// -fanalyzer analyses the lowered GIMPLE (the finally on each exit).
// Clang's analyzer has no CFG element for the `cleanup` attribute a defer
// becomes, so under `--analyze` the Clang plugin writes each exit's calls
// out (clang-plugin/analyze.cpp).  (clang-22 -fdefer-ts's own analyzer is
// wrong here: it reports a use after free at the first use after
// `defer free(p);` and misses both leaks of pointers a defer does not free.)
// RUN: %cc %analyze %s 2>&1 | %check-diags --implicit-check-not=__cdefer
#include <stddefer.h>
#include <stdlib.h>

int cond(void);

int freed_by_defer(void)
{
    char *p = malloc(8);
    if (!p)
        return -1;
    defer free(p);
    p[0] = 1;
    if (cond())
        return 1;
    return p[0];    // read before the deferred free runs: no use after free
}

int true_leak(void)
{
    char *p = malloc(8);
    if (!p)
        return -1;
    p[0] = 1;
    if (cond())
        // CLANG: static_analyzer.c:[[@LINE+2]]:{{[0-9]+}}: warning: Potential leak of memory pointed to by 'p' [unix.Malloc]
        // GCC: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: leak of {{.*}}p{{.*}} [-Wanalyzer-malloc-leak]
        return 1;
    free(p);
    return 0;
}

int double_free_through_defer(void)
{
    char *p = malloc(8);
    if (!p)
        return -1;
    // CLANG: static_analyzer.c:[[@LINE+2]]:{{[0-9]+}}: warning: Attempt to {{free|release already}} released memory [unix.Malloc]
    // GCC: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: double-{{.*}}free{{.*}} of {{.*}}p{{.*}} [-Wanalyzer-double-free]
    defer free(p);
    p[0] = 1;
    free(p);
    return 0;
}

int use_after_free_in_deferred(void)
{
    char *p = malloc(8);
    if (!p)
        return -1;
    // CLANG: static_analyzer.c:[[@LINE+2]]:{{[0-9]+}}: warning: Use of memory after it is {{released|freed}} [unix.Malloc]
    // GCC: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: use after {{.*}}free{{.*}} of {{.*}}p{{.*}} [-Wanalyzer-use-after-free]
    defer { p[0] = 2; }
    free(p);
    return 0;
}

int leak_beside_a_defer(void)
{
    char *p = malloc(8);
    char *q = malloc(8);
    if (!p || !q) {
        free(p);
        free(q);
        return -1;
    }
    // GCC places the leak at the last code run, the deferred statement.
    // GCC: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: leak of {{.*}}q{{.*}} [-Wanalyzer-malloc-leak]
    defer free(p);
    p[0] = 1;
    q[0] = 1;
    // CLANG: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: Potential leak of memory pointed to by 'q' [unix.Malloc]
    return 0;
}

// Every kind of exit runs the deferred statement: falling off the end of a
// loop body, continue, break, goto out of nested blocks.
int loops_and_gotos(int n)
{
    for (int i = 0; i < n; i++) {
        char *p = malloc(8);
        if (!p)
            return -1;
        defer free(p);
        p[0] = (char)i;
        if (i == 3)
            continue;
        if (i == 7)
            break;
        {
            char *q = malloc(8);
            if (!q)
                goto out;
            defer free(q);
            q[0] = p[0];
            if (q[0] == 5)
                goto out;
        }
    }
out:
    return 0;
}

// A defer within a deferred statement, and a function with no defer left
// as it was.
void nested(void)
{
    char *p = malloc(8);
    if (!p)
        return;
    defer {
        char *q = malloc(8);
        defer free(q);
        free(p);
    }
    p[0] = 1;
}

// A true bug inside a defer within a deferred statement is seen too.
void nested_double_free(void)
{
    char *p = malloc(8);
    if (!p)
        return;
    defer {
        char *q = malloc(8);
        // CLANG: static_analyzer.c:[[@LINE+2]]:{{[0-9]+}}: warning: Attempt to {{free|release already}} released memory [unix.Malloc]
        // GCC: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: double-{{.*}}free{{.*}} of {{.*}}q{{.*}} [-Wanalyzer-double-free]
        defer free(q);
        free(q);
        free(p);
    }
    p[0] = 1;
}
