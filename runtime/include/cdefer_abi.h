/* cdefer_abi.h - the plugin <-> runtime interface for recover().
 *
 * Not for users: <cdefer.h> includes it when the plugin is loaded
 * (__CDEFER__), and the plugins emit code against these names.  The
 * contract -- the prologue the plugin gives a function that calls recover()
 * in one of its deferred statements, the rewrite of its returns and of those
 * calls, the barrier after each deferred statement -- is written once, in
 * docs/RUNTIME.md section 2 ("The recover ABI").
 *
 * ABI version 1.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_ABI_H
#define CDEFER_ABI_H

/* The names below are the implementation's (reserved, `__`): a user's
 * -Wreserved-identifier or -Weverything must not see them.  (Indented, so
 * that -Wtraditional does not ask for it to be.) */
 #pragma GCC system_header

#define __CDEFER_ABI_VERSION 1

#include <setjmp.h>
#include "cdefer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One per function that recovers, a local of that function (never static,
 * never copied).  Both pointers are stored before the setjmp. */
typedef struct __cdefer_frame {
    jmp_buf __jb;      /* first: the frame's address is the jmp_buf's */
    void *__result;    /* &F's result slot: the frame escapes into _setjmp,
                        * so the slot does too, and the compiler keeps every
                        * store to it and reloads it after the longjmp.  The
                        * runtime does not read it. */
    void *__frame;     /* __builtin_frame_address(0) in F: identifies F's
                        * frame on the machine stack, where the frame object
                        * itself may not be (ASan's fake stack for
                        * use-after-return detection, SafeStack's unsafe
                        * stack).  NULL: the frame object's own address. */
} __cdefer_frame;

/* _setjmp (no signal mask saved) under a name only the plugin uses, taking
 * the whole frame so that the frame escapes.  It must be called directly in
 * F, never through a wrapper. */
#if defined(__GNUC__) || defined(__clang__)
extern int __cdefer_setjmp(__cdefer_frame *__f)
    __asm__("_setjmp") __attribute__((__returns_twice__, __nothrow__));
#endif

/* A compiler-only memory barrier (no instruction).  Ends every deferred
 * statement of F, so that what it stored in F's result slot is not
 * deleted as a dead store before the unwinder leaves F: LLVM treats every
 * local as dead at `resume`, and knows nothing of the longjmp back. */
#define __CDEFER_BARRIER() __atomic_signal_fence(__ATOMIC_SEQ_CST)

/* recover() as seen from F's deferred statements.  If a panic is being
 * unwound and the frame it is running the deferred code of is the one
 * owning *F, the panic is marked recovered and its record returned;
 * once F's remaining deferred statements have run, the runtime longjmps to
 * F->__jb (value 1).  Otherwise NULL, and nothing changes.  It never
 * unwinds (nothrow: no landing pad around the call). */
#if defined(__GNUC__) || defined(__clang__)
const cdefer_panic_info *__cdefer_recover_in(__cdefer_frame *__f) __attribute__((__nothrow__));
#else
const cdefer_panic_info *__cdefer_recover_in(__cdefer_frame *__f);
#endif

#ifdef __cplusplus
}
#endif

#endif /* CDEFER_ABI_H */
