// An attribute-specifier-sequence may precede a defer statement (TS 25755's
// grammar, as for any statement); no attribute applies to one, so an
// attribute there is an error (the same wording in both plugins, as
// clang-22 -fdefer-ts gives it), located at the attribute by Clang and at
// the defer by GCC (where GCC reports an attribute a statement ignores: no
// token of the attribute is left when the plugin sees it).  An empty `[[]]`
// is accepted, also as the body of an if, and the program runs.
// RUN: not %cc -std=c2x -fsyntax-only %s 2>&1 | %check-diags
// RUN: %cc -std=c2x -DEMPTY_ONLY -Wall -Wextra -Wno-comment -Werror %s -o %t && %run %t | %FileCheck --check-prefix=OUT %s
#include <stddefer.h>
#include <stdio.h>

static void empty_attributes(int c)
{
    [[]] defer puts("empty deferred");
    [[]] [[]] _Defer puts("twice empty deferred");
    if (c) {
        [[]] defer puts("in if deferred");
        puts("in if");
    }
    puts("empty body");
}
// OUT: in if
// OUT-NEXT: in if deferred
// OUT-NEXT: empty body
// OUT-NEXT: twice empty deferred
// OUT-NEXT: empty deferred

#ifndef EMPTY_ONLY
void standard_attribute(void)
{
    // GCC: {{.*}}attributes_before_defer.c:[[@LINE+2]]:22: error: 'maybe_unused' attribute cannot be applied to a statement
    // CLANG: {{.*}}attributes_before_defer.c:[[@LINE+1]]:7: error: 'maybe_unused' attribute cannot be applied to a statement
    [[maybe_unused]] defer puts("deferred");
    puts("body");
}

void scoped_attribute(void)
{
    // (Clang's own error: Clang 19 and older name the attribute without its scope.)
    // GCC: {{.*}}attributes_before_defer.c:[[@LINE+2]]:19: error: 'gnu::cold' attribute cannot be applied to a statement
    // CLANG: {{.*}}attributes_before_defer.c:[[@LINE+1]]:7: error: '{{(gnu::)?}}cold' attribute cannot be applied to a statement
    [[gnu::cold]] _Defer puts("deferred");
    puts("body");
}

void on_a_separate_line(void)
{
    // CLANG: {{.*}}attributes_before_defer.c:[[@LINE+2]]:7: error: 'maybe_unused' attribute cannot be applied to a statement
    // GCC: {{.*}}attributes_before_defer.c:[[@LINE+2]]:5: error: 'maybe_unused' attribute cannot be applied to a statement
    [[maybe_unused]]
    _Defer puts("deferred");
    puts("body");
}

void nested_defers(void)
{
    // GCC: {{.*}}attributes_before_defer.c:[[@LINE+4]]:22: error: 'maybe_unused' attribute cannot be applied to a statement
    // GCC: {{.*}}attributes_before_defer.c:[[@LINE+3]]:46: error: 'maybe_unused' attribute cannot be applied to a statement
    // CLANG-DAG: {{.*}}attributes_before_defer.c:[[@LINE+2]]:7: error: 'maybe_unused' attribute cannot be applied to a statement
    // CLANG-DAG: {{.*}}attributes_before_defer.c:[[@LINE+1]]:31: error: 'maybe_unused' attribute cannot be applied to a statement
    [[maybe_unused]] _Defer [[maybe_unused]] defer puts("inner");
    puts("body");
}
#endif

int main(void)
{
    empty_attributes(1);
    return 0;
}
