/* cdefer_abi.h - the plugin <-> runtime interface for recover().
 *
 * Not for users: <cdefer.h> includes it when the plugin is loaded
 * (__CDEFER__), and the plugins emit code against these names.  The
 * contract, in full, is docs/RUNTIME.md "The recover ABI"; in short, for a
 * function F that calls recover() (cdefer_recover()) lexically inside one of
 * its deferred statements, the plugin emits
 *
 *     __cdefer_frame __cdefer_f;               // F's recovery frame
 *     volatile T __cdefer_res = {0};           // or F's named result
 *     if (__builtin_expect(__cdefer_setjmp(__cdefer_f.__jb), 0))
 *         return __cdefer_res;                 // recovered: F returns
 *     ...
 *     each `return e;`  ->  __cdefer_res = e; <deferred code>; return __cdefer_res;
 *     each such recover()  ->  __cdefer_recover_in(&__cdefer_f)
 *
 * ABI version 1. */
#ifndef CDEFER_ABI_H
#define CDEFER_ABI_H

#define __CDEFER_ABI_VERSION 1

#include <setjmp.h>
#include "cdefer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One per function that recovers, a local of that function (never static,
 * never copied): its address identifies the frame to the runtime. */
typedef struct __cdefer_frame {
    jmp_buf __jb;
} __cdefer_frame;

/* _setjmp (no signal mask saved) under a name only the plugin uses, so no
 * prototype in the user's headers can clash with it.  It must be called
 * directly in F, never through a wrapper. */
#if defined(__GNUC__) || defined(__clang__)
extern int __cdefer_setjmp(jmp_buf __env)
    __asm__("_setjmp") __attribute__((__returns_twice__, __nothrow__));
#endif

/* recover() as seen from F's deferred statements.  If a panic is being
 * unwound and the frame it is running the deferred code of is the one
 * owning *F, the panic is marked recovered and its record returned;
 * once F's remaining deferred statements have run, the runtime longjmps to
 * F->__jb (value 1).  Otherwise NULL, and nothing changes. */
const cdefer_panic_info *__cdefer_recover_in(__cdefer_frame *__f);

#ifdef __cplusplus
}
#endif

#endif /* CDEFER_ABI_H */
