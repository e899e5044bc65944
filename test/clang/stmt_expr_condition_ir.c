// SPEC 6: a statement expression with a defer used directly as an if or
// switch condition (which the plugin keeps CodeGen from folding away, see
// test/run/stmt_expr_condition.c) costs nothing at -O2: its IR is that of
// the same code computing the condition into a variable first.  Compiled
// with and without -DHAND; the bodies are normalised and diffed.
// RUN: %clang-plugin-cc -O2 -S -emit-llvm %s -o %t.defer.ll
// RUN: %clang-plugin-cc -O2 -S -emit-llvm -DHAND %s -o %t.hand.ll
// RUN: sed -n -e '/^define.*@\(in_if\|in_switch\)(/,/^}/p' %t.defer.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.defer.body
// RUN: sed -n -e '/^define.*@\(in_if\|in_switch\)(/,/^}/p' %t.hand.ll | sed -e 's/![a-z.]*[ !][0-9]*//g' -e 's/#[0-9]*//g' -e 's/ *; preds = .*//' > %t.hand.body
// RUN: %FileCheck %s < %t.defer.body
// RUN: diff %t.hand.body %t.defer.body
#include <stddefer.h>

void f(int);
int g(void);

int in_if(int x)
{
#ifdef HAND
    int t = ({ defer f(x); 1; });
    if (t)
#else
    if (({ defer f(x); 1; }))
#endif
        return g();
    return 0;
}

int in_switch(int x)
{
#ifdef HAND
    int t = ({ defer f(x); 2; });
    switch (t) {
#else
    switch (({ defer f(x); 2; })) {
#endif
    case 2:
        return g();
    default:
        return 0;
    }
}
// CHECK: define {{.*}}@in_if(
// CHECK: {{call|invoke}} void @f(
// CHECK: call {{.*}}@g(
// CHECK: define {{.*}}@in_switch(
// CHECK: {{call|invoke}} void @f(
// CHECK: call {{.*}}@g(
