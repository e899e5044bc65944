// The recover lowering (docs/RUNTIME.md 2.2) touches only functions that
// call recover() inside one of their own deferred statements.  Such a
// function gets the __cdefer_frame, the result slot (zeroed, its address in
// the frame), the frame address, the _setjmp at entry with an early return
// of the slot, `return e;` as `slot = e; goto L;` with `L: return slot;`,
// __cdefer_recover_in(&frame) for its recover() calls and a barrier after
// each deferred statement.  Every other function — defers without recover,
// recover() outside deferred statements, recover() only in a nested
// function's defer — gets no _setjmp and no __cdefer_* call, and its code
// is byte for byte what it is in a file without any recovering function.
// With unwinding off nothing is lowered (recover could never succeed).
//
// RUN: %gcc-plugin-cc -w -c %s -o /dev/null -fdump-tree-gimple=- | %FileCheck %s
// RUN: %gcc-plugin-cc -w -c %s -o /dev/null -fplugin-arg-cdefer-gcc-unwind=off -fdump-tree-gimple=- | %FileCheck %s --check-prefix=OFF
// OFF-NOT: _setjmp
// OFF-NOT: __cdefer_{{f|res|setjmp|recover_in}}
// OFF-LABEL: int recovering (int v)
// OFF:       cdefer_recover ();
// OFF-NOT: _setjmp
// OFF-NOT: __cdefer_{{f|res|setjmp|recover_in}}
//
// The same instructions for `plain` with and without a recovering function
// in the file:
// RUN: %gcc-plugin-cc -O2 -S %s -o %t.with.s
// RUN: %gcc-plugin-cc -O2 -S -DNO_RECOVERING %s -o %t.without.s
// RUN: sed -n '/^plain:/,/\.cfi_endproc/p' %t.with.s > %t.with.plain
// RUN: sed -n '/^plain:/,/\.cfi_endproc/p' %t.without.s > %t.without.plain
// RUN: %FileCheck %s --check-prefix=ASM --input-file=%t.with.plain
// RUN: diff %t.with.plain %t.without.plain
// ASM: plain:
// ASM: call{{.*}}use
#include <cdefer.h>

void use(int);
struct big { int a; double b; char s[40]; };

// CHECK-LABEL: int plain (int x)
// CHECK-NOT:   _setjmp
// CHECK-NOT:   __cdefer_{{f|res|setjmp|recover_in|return}}
// CHECK:       use (0);
// CHECK-NOT:   _setjmp
// CHECK-NOT:   __cdefer_{{f|res|setjmp|recover_in|return}}
// CHECK-LABEL: {{^}}}
int plain(int x)
{
    defer use(0);
    use(x);
    return x + 1;
}

// CHECK-LABEL: outside ()
// CHECK-NOT:   _setjmp
// CHECK-NOT:   __cdefer_{{f|res|setjmp|recover_in|return}}
// CHECK:       cdefer_recover ();
// CHECK-NOT:   _setjmp
// CHECK-NOT:   __cdefer_{{f|res|setjmp|recover_in|return}}
// CHECK-LABEL: {{^}}}
const cdefer_panic_info *outside(void)
{
    defer use(1);
    return recover();
}

// The nested function recovers, the outer one does not.
// CHECK-LABEL: int outer (int n)
// CHECK-NOT:   _setjmp
// CHECK-NOT:   __cdefer_{{f|res|setjmp|recover_in|return}}
// CHECK-LABEL: {{^}}}
int outer(int n)
{
    int inner(void)
    {
        defer (void)recover();
        return n;
    }
    defer use(2);
    return inner();
}
// CHECK-LABEL: int inner ()
// CHECK:       __cdefer_setjmp
// CHECK:       __cdefer_recover_in (&__cdefer_f);

#ifndef NO_RECOVERING
// CHECK-LABEL: int recovering (int v)
// CHECK:         struct __cdefer_frame __cdefer_f;
// CHECK-NEXT:    int __cdefer_res;
// CHECK:         __cdefer_res = 0;
// CHECK-NEXT:    __cdefer_f.__result = &__cdefer_res;
// CHECK-NEXT:    [[FA:_[0-9]+]] = __builtin_frame_address (0);
// CHECK-NEXT:    __cdefer_f.__frame = [[FA]];
// CHECK-NEXT:    [[SJ:_[0-9]+]] = __cdefer_setjmp (&__cdefer_f);
// CHECK-NEXT:    [[L:_[0-9]+]] = (long int) [[SJ]];
// CHECK-NEXT:    [[E:_[0-9]+]] = __builtin_expect ([[L]], 0);
// CHECK-NEXT:    if ([[E]] != 0) goto <[[RECOVERED:D\.[0-9]+]]>; else goto <[[BODY:D\.[0-9]+]]>;
// CHECK-NEXT:    <[[RECOVERED]]>:
// CHECK-NEXT:    [[T:D\.[0-9]+]] = __cdefer_res;
// CHECK:         return [[T]];
// CHECK-NEXT:    <[[BODY]]>:
// CHECK:         try
// CHECK:         __cdefer_res = [[V:_[0-9]+]];
// CHECK-NEXT:    goto __cdefer_return;
// CHECK:         finally
// CHECK:         __cdefer_recover_in (&__cdefer_f);
// CHECK:         __atomic_signal_fence (5);
// CHECK:         use (3);
// CHECK-NEXT:    __atomic_signal_fence (5);
// CHECK:         __cdefer_return:
// CHECK-NEXT:    [[T2:D\.[0-9]+]] = __cdefer_res;
// CHECK-NEXT:    return [[T2]];
int recovering(int v)
{
    defer use(3);
    defer {
        if (recover())
            use(4);
    }
    use(v);
    return v * 3;
}

// A void function: no slot, __result is NULL, a plain return.
// CHECK-LABEL: void recovering_void ()
// CHECK:       __cdefer_f.__result = 0B;
// CHECK:       __cdefer_setjmp (&__cdefer_f);
// CHECK:       __cdefer_recover_in (&__cdefer_f);
void recovering_void(void)
{
    defer (void)recover();
    use(5);
}

// A named result is the slot: zeroed in the prologue, its declaration an
// assignment where it was.
// CHECK-LABEL: struct big recovering_named ()
// CHECK-NOT:   __cdefer_res
// CHECK:       r = {};
// CHECK-NEXT:  __cdefer_f.__result = &r;
// CHECK:       __cdefer_setjmp (&__cdefer_f);
// CHECK:       r.a = 1;
// CHECK-NOT:   r = r;
// CHECK:       goto __cdefer_return;
// CHECK:       __cdefer_return:
// CHECK-NEXT:  <retval> = r;
struct big recovering_named(void)
{
    cdefer_result struct big r = { 1, 2.0, "x" };
    defer if (recover()) r.a = -1;
    use(6);
    return r;
}
#endif

// A named result without recover: no frame, only the returns go through it.
// CHECK-LABEL: int named (int x)
// CHECK-NOT:   __cdefer_f
// CHECK-NOT:   _setjmp
// CHECK:       n = 0;
// CHECK:       n = x;
// CHECK-NEXT:  goto __cdefer_return;
// CHECK:       finally
// CHECK:       n = n * 10;
// CHECK:       __cdefer_return:
// CHECK-NEXT:  D.{{[0-9]+}} = n;
int named(int x)
{
    cdefer_result int n = 0;
    defer n = n * 10;
    return x;
}
