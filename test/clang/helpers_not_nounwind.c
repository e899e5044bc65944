// SPEC 3.1/6: a function whose only call that may unwind sits in a deferred
// statement is not marked nounwind by CodeGen (the call of the statement's
// function __cdefer_fn_N may unwind), so its callers keep their invokes and
// landing pads, whether it is emitted before or after them.  After inlining, LLVM
// still infers nounwind where it is true (deferred code that only calls
// nothrow functions).  Runtime behaviour: test/runtime/unwind_from_deferred_only_call.c.
// RUN: %clang-plugin-cc -O0 -S -emit-llvm -Xclang -disable-llvm-passes %s -o - | %FileCheck --check-prefix=O0 %s
// RUN: %clang-plugin-cc -O2 -S -emit-llvm %s -o - | %FileCheck --check-prefix=O2 %s
#include <stddefer.h>
#include <stdlib.h>

void may_unwind(void);
void later(void);

// O0: define {{.*}}void @first() #[[FIRST:[0-9]+]]
// O2: ; Function Attrs: noinline uwtable{{$}}
// O2-NEXT: define {{.*}}void @first()
__attribute__((noinline)) void first(void)
{
    defer may_unwind();
}

// O0-LABEL: define {{.*}}void @caller()
// O0: invoke void @first()
// O0: invoke void @later()
// O0: landingpad
// O2-LABEL: define {{.*}}void @caller()
// O2: invoke void @first()
// O2: invoke void @later()
// O2: landingpad
void caller(void)
{
    defer may_unwind();
    first();
    later();
}

// O0: define {{.*}}void @later() #[[LATER:[0-9]+]]
// O2: ; Function Attrs: noinline uwtable{{$}}
// O2-NEXT: define {{.*}}void @later()
__attribute__((noinline)) void later(void)
{
    defer may_unwind();
}

// O2: ; Function Attrs: {{.*}}nounwind
// O2-NEXT: define {{.*}}void @only_free(
__attribute__((noinline)) void only_free(char *p)
{
    defer free(p);
}

// O0-NOT: attributes #[[FIRST]] = {{{.*}}nounwind
// O0-NOT: attributes #[[LATER]] = {{{.*}}nounwind
