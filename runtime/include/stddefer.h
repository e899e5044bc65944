/* stddefer.h - the TS 25755 header: `defer` as the spelling of `_Defer`.
 *
 * With the cdefer plugin loaded (__CDEFER__ is predefined) `_Defer` is the
 * plugin's keyword.  Without it, a compiler that implements the TS natively
 * predefines __STDC_DEFER_TS25755__ and we use its `_Defer`.  Anything else
 * cannot compile a defer statement, so we stop with an error that says
 * which flag is missing. */
#ifndef CDEFER_STDDEFER_H
#define CDEFER_STDDEFER_H

#if !defined(__CDEFER__) && !defined(__STDC_DEFER_TS25755__) && \
    !defined(CDEFER_PARSE_ONLY)
#  if defined(__clang__)
#    error "defer needs the cdefer plugin: compile with -fplugin=PATH/cdefer-clang.so (or clang-22 -fdefer-ts)"
#  else
#    error "defer needs the cdefer plugin: compile with -fplugin=PATH/cdefer-gcc.so"
#  endif
#endif

#ifndef __STDC_VERSION_STDDEFER_H__
#  define __STDC_VERSION_STDDEFER_H__ 202602L
#endif

#ifndef defer
#  define defer _Defer
#endif

#endif /* CDEFER_STDDEFER_H */
