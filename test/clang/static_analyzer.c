// SPEC 6 (tooling) / issue 15 item 7: Clang's static analyzer sees deferred
// code run where it runs.  Its CFG has no element for the `cleanup`
// attribute the plugin lowers a defer to, so under `--analyze` the plugin
// writes each exit's calls out (clang-plugin/analyze.cpp): memory a defer
// frees is no leak, a double free or a use after free through deferred code
// is reported, and no warning names a plugin-internal symbol.  Exactly the
// true bugs below are reported.  (clang-22 -fdefer-ts's own analyzer is
// wrong here: it reports a use after free at the first use after
// `defer free(p);` and misses both leaks of pointers a defer does not free.)
// RUN: %clang-plugin-cc --analyze -Xanalyzer -analyzer-output=text %s -o /dev/null 2>&1 | %FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=__cdefer
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
        // CHECK: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: Potential leak of memory pointed to by 'p' [unix.Malloc]
        return 1;
    free(p);
    return 0;
}

int double_free_through_defer(void)
{
    char *p = malloc(8);
    if (!p)
        return -1;
    // CHECK: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: Attempt to {{free|release already}} released memory [unix.Malloc]
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
    // CHECK: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: Use of memory after it is {{released|freed}} [unix.Malloc]
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
    defer free(p);
    p[0] = 1;
    q[0] = 1;
    // CHECK: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: Potential leak of memory pointed to by 'q' [unix.Malloc]
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
        // CHECK: static_analyzer.c:[[@LINE+1]]:{{[0-9]+}}: warning: Attempt to {{free|release already}} released memory [unix.Malloc]
        defer free(q);
        free(q);
        free(p);
    }
    p[0] = 1;
}
