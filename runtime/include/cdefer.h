/* cdefer.h - <stddefer.h> plus cdefer's extensions: Go's panic/recover
 * (SPEC section 4, link with -lcdefer) and the named result cdefer_result
 * (SPEC section 5, needs no library).
 *
 * Usable from C99 on (and from C++).  docs/RUNTIME.md describes the
 * runtime; cdefer_abi.h is what the plugins generate code against.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_H
#define CDEFER_H

#include "stddefer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* _Noreturn, spelled for every dialect that may include this header. */
#if defined(__cplusplus)
#  define CDEFER_NORETURN [[noreturn]]
#elif defined(__GNUC__) || defined(__clang__)
#  define CDEFER_NORETURN __attribute__((__noreturn__))
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#  define CDEFER_NORETURN _Noreturn
#else
#  define CDEFER_NORETURN
#endif

#if defined(__GNUC__) || defined(__clang__)
#  define CDEFER_PRINTF(fmt, args) \
    __attribute__((__format__(__printf__, fmt, args), __cold__))
#else
#  define CDEFER_PRINTF(fmt, args)
#endif

/* The record of a panic.  recover() returns it; it stays valid until the
 * thread's next panic. */
typedef struct cdefer_panic_info {
    const char *message;   /* formatted message */
    void *value;           /* payload of panic_value, else NULL */
    const char *file;      /* where it was raised */
    int line;
    const char *func;
} cdefer_panic_info;

/* Unwind the calling thread's stack, running every reached deferred
 * statement of every frame, innermost first.  FMT is a printf format
 * (NULL means an empty message).  Cold: callers keep their panic paths
 * out of the way. */
CDEFER_NORETURN void cdefer_panic(const char *file, int line, const char *func,
                                  const char *fmt, ...) CDEFER_PRINTF(4, 5);
/* The same, with a payload that recover() hands back in ->value. */
CDEFER_NORETURN void cdefer_panic_value(const char *file, int line, const char *func,
                                        void *value, const char *fmt, ...)
    CDEFER_PRINTF(5, 6);
/* What recover() is.  Called directly inside a deferred statement, the
 * plugin rewrites the call (cdefer_abi.h) so that it stops the panic being
 * unwound through the calling function.  The function itself, reached in
 * any other way, always returns NULL and changes nothing, as Go's recover
 * does outside a deferred call. */
const cdefer_panic_info *cdefer_recover(void);

#ifndef CDEFER_NO_SHORT_NAMES
#  define panic(...) cdefer_panic(__FILE__, __LINE__, __func__, __VA_ARGS__)
#  define panic_value(...) cdefer_panic_value(__FILE__, __LINE__, __func__, __VA_ARGS__)
#  define recover() cdefer_recover()
#endif

/* cdefer_result: marks a local as the function's named result (SPEC
 * section 5).  The plugin registers the attribute.  Without the plugin the
 * attribute does not exist and the meaning cannot be had (a native-TS
 * compiler would return the value of the `return` expression, not the
 * variable's final value), so using the macro is an error there unless
 * CDEFER_RESULT_IGNORE is defined, which makes it expand to nothing. */
#if defined(__CDEFER__)
/* Spelled __cdefer_result__ (the same attribute to both compilers): a
 * macro naming itself would draw Clang's -Wdisabled-macro-expansion. */
#  define cdefer_result __attribute__((__cdefer_result__))
#elif defined(CDEFER_RESULT_IGNORE)
#  define cdefer_result
#else
/* (GCC drops a _Pragma("GCC error") met in a function body; a failing
 * static assertion, a declaration of its own, errors everywhere.) */
#  define cdefer_result \
    _Static_assert(0, "cdefer_result needs the cdefer plugin (define CDEFER_RESULT_IGNORE to ignore it)");
#endif

#ifdef __cplusplus
}
#endif

/* With the plugin, the declarations its recover() lowering refers to. */
#if defined(__CDEFER__)
#  include "cdefer_abi.h"
#endif

#endif /* CDEFER_H */
