// E8 (docs/DIAGNOSTICS.md): the `defer` spelling from <stddefer.h> at file
// scope is the same error, at the `defer` token, with no note.
// RUN: not %cc -fsyntax-only %s 2>&1 | %check-diags
#include <stddefer.h>

static int counter;

// CHECK: {{.*}}e8_file_scope_defer.c:[[@LINE+1]]:1: error: defer statement outside a function{{$}}
defer counter = 0;

int get(void)
{
    return counter;
}
