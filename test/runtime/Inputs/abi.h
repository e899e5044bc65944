/* abi.h - for the runtime-ABI tests: what the plugins will generate for
 * defer and recover (docs/RUNTIME.md "The recover ABI"), written by hand so
 * the runtime can be tested with plain gcc/clang and no plugin.
 *
 *  - a deferred statement is a `cleanup` variable whose cleanup function
 *    runs the statement (with -fexceptions it also runs while unwinding),
 *    like the Clang plugin's lowering: the function gets a pointer to a
 *    struct of what the statement uses;
 *  - a function that recovers starts with RECOVERING(T, zero): the
 *    __cdefer_frame, the result slot (its address in the frame), the frame
 *    address and the _setjmp;
 *  - RETURN(e) is what the plugin makes of `return e;` in such a function;
 *  - every deferred statement of such a function ends with
 *    __CDEFER_BARRIER() (here: every cleanup function that can store into
 *    a result).
 *
 * Cleanup functions are static inline always_inline, as the Clang plugin
 * makes them; compiled with -DOUTLINE they are noinline instead, so that
 * __cdefer_recover_in is called from a frame of its own. */
#ifndef TEST_ABI_H
#define TEST_ABI_H

#define CDEFER_PARSE_ONLY 1
#include "cdefer_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef OUTLINE
#  define DEFER_FN static __attribute__((noinline, unused)) void
#else
#  define DEFER_FN static inline __attribute__((always_inline, unused)) void
#endif

/* After the longjmp a recovering function only returns its result slot, so
 * none of its variables can be "clobbered"; GCC's -Wclobbered (in -Wextra)
 * still guesses they might.  The plugins must keep it quiet in recovering
 * functions (docs/RUNTIME.md 2.2); here, for the whole test. */
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic ignored "-Wclobbered"
#endif

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
/* A cleanup variable of TYPE whose cleanup function is FN. */
#define DEFER_DECL(fn, type) __attribute__((cleanup(fn))) type CAT(defer_, __COUNTER__)

/* The prologue of a function that recovers, returning T (zero: T's zero
 * value).  RECOVERING_NAMED(res) uses the named result `res` (declared
 * before, zero-initialised), RECOVERING_VOID is for void functions.  The
 * slot is an ordinary object: storing its address in the frame that
 * _setjmp receives is what keeps its stores and reloads it. */
#define RECOVERING(T, zero)                                                 \
    __cdefer_frame cdefer_f_;                                               \
    T cdefer_res_ = zero;                                                   \
    cdefer_f_.__result = &cdefer_res_;                                      \
    cdefer_f_.__frame = __builtin_frame_address(0);                         \
    if (__builtin_expect(__cdefer_setjmp(&cdefer_f_), 0))                   \
        return cdefer_res_
#define RECOVERING_NAMED(res)                                               \
    __cdefer_frame cdefer_f_;                                               \
    cdefer_f_.__result = &(res);                                            \
    cdefer_f_.__frame = __builtin_frame_address(0);                         \
    if (__builtin_expect(__cdefer_setjmp(&cdefer_f_), 0))                   \
        return res
#define RECOVERING_VOID                                                     \
    __cdefer_frame cdefer_f_;                                               \
    cdefer_f_.__result = NULL;                                              \
    cdefer_f_.__frame = __builtin_frame_address(0);                         \
    if (__builtin_expect(__cdefer_setjmp(&cdefer_f_), 0))                   \
        return
#define RETURN(e) do { cdefer_res_ = (e); return cdefer_res_; } while (0)

/* defer printf("defer %s\n", text); */
DEFER_FN defer_print(const char **text) { printf("defer %s\n", *text); }
#define DEFER_PRINT(text) DEFER_DECL(defer_print, const char *) = (text)

/* defer { const cdefer_panic_info *r = recover(); print it; *out = r; } */
struct recover_env {
    __cdefer_frame *f;
    const char *tag;
    const cdefer_panic_info **out;
};
DEFER_FN defer_recover(struct recover_env *e)
{
    const cdefer_panic_info *r = __cdefer_recover_in(e->f);
    if (r)
        printf("%s: recovered \"%s\" (%s:%d %s)\n", e->tag, r->message,
               strrchr(r->file, '/') ? strrchr(r->file, '/') + 1 : r->file,
               r->line, r->func);
    else
        printf("%s: recover -> NULL\n", e->tag);
    if (e->out)
        *e->out = r;
    __CDEFER_BARRIER();
}
#define DEFER_RECOVER(tag) \
    DEFER_DECL(defer_recover, struct recover_env) = { &cdefer_f_, (tag), NULL }
#define DEFER_RECOVER_OUT(tag, out) \
    DEFER_DECL(defer_recover, struct recover_env) = { &cdefer_f_, (tag), (out) }

#endif /* TEST_ABI_H */
