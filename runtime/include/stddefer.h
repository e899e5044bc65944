/* stddefer.h - the TS 25755 header: `defer` as the spelling of `_Defer`.
 *
 * Three cases, in this order:
 *
 * 1. The cdefer plugin is loaded (it predefines __CDEFER__ and
 *    __STDC_DEFER_TS25755__), or the compiler implements the TS natively
 *    (clang-22 -fdefer-ts predefines __STDC_DEFER_TS25755__): `_Defer` is a
 *    keyword and `defer` spells it.
 *
 * 2. No plugin, but no code is being generated: a tool is parsing the
 *    source.  clangd and clang-tidy cannot load compiler plugins, and would
 *    otherwise stop at the #error below.  This parse-only fallback lets them
 *    parse `defer STMT` as a statement (names in STMT resolve, so hover,
 *    go-to-definition and diagnostics inside STMT work); the deferred
 *    statement is never run in this mode.  It is selected when any of these
 *    is defined:
 *      CDEFER_PARSE_ONLY       set by the user for a tool (.clangd:
 *                              `CompileFlags: {Add: [-DCDEFER_PARSE_ONLY]}`;
 *                              clang-tidy: --extra-arg=-DCDEFER_PARSE_ONLY),
 *                              or by a file that uses no defer and wants
 *                              cdefer.h's declarations only;
 *      CDEFER_PLUGIN_EXPECTED  set, next to -fplugin=, by cdefer's pkg-config
 *                              files and CMake package: a build that asked
 *                              for the plugin but has none loaded is a tool
 *                              reading compile_commands.json (a compiler
 *                              that cannot load a plugin it was given stops
 *                              with its own error);
 *      __clang_analyzer__      the Clang static analyzer (clang --analyze,
 *                              scan-build, clang-tidy) generates no code.
 *    A program that is nevertheless compiled this way does not link: the
 *    fallback refers to cdefer_parse_only__compiled_without_the_cdefer_plugin,
 *    which nothing defines (except under the analyzer, where the deferred
 *    statement is plain dead code, so that the analyzer does not see it run
 *    early).  The fallback also defines CDEFER_RESULT_IGNORE, so that
 *    <cdefer.h>'s cdefer_result parses too.
 *
 * 3. Otherwise the source cannot be compiled: stop with an #error that says
 *    which flag is missing (and parse on as in 2, so that the #error is the
 *    only message).
 *
 * Including this header changes nothing else; `_Defer` needs no header with
 * the plugin.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_STDDEFER_H
#define CDEFER_STDDEFER_H

/* cdefer-clang.so predefines its macros from its AST action, which does not
 * run under -E / -save-temps (nor for ccache and distcc, which preprocess
 * first); its `#pragma cdefer enable` defines them in every mode.  Without
 * the plugin the pragma is unknown, and silenced. */
#if defined(__clang__) && !defined(__CDEFER__) && !defined(__STDC_DEFER_TS25755__)
#  pragma clang diagnostic push
#  pragma clang diagnostic ignored "-Wunknown-pragmas"
#  pragma cdefer enable
#  pragma clang diagnostic pop
#endif

#if !defined(__CDEFER__) && !defined(__STDC_DEFER_TS25755__)
#  if !defined(CDEFER_PARSE_ONLY) && !defined(CDEFER_PLUGIN_EXPECTED) && \
      !defined(__clang_analyzer__)
#    if defined(__clang__)
#      error "defer needs the cdefer plugin: add -fplugin=PREFIX/lib/cdefer/cdefer-clang.so (built for this Clang major) and -I PREFIX/include/cdefer, e.g. $(pkg-config --cflags cdefer-clang) or CMake's cdefer::cdefer; or use clang-22 -fdefer-ts. Tools that cannot load plugins (clangd, clang-tidy): add -DCDEFER_PARSE_ONLY"
#    else
#      error "defer needs the cdefer plugin: add -fplugin=PREFIX/lib/cdefer/gcc/cdefer.so (built for this GCC; GCC passes plugin options only to a plugin file named cdefer.so) and -I PREFIX/include/cdefer, e.g. $(pkg-config --cflags cdefer-gcc) or CMake's cdefer::cdefer"
#    endif
#  endif
/* The parse-only fallback; after the #error too, so that it is the only
 * message. */
#  define CDEFER_PARSING_ONLY 1
#  ifndef CDEFER_RESULT_IGNORE
#    define CDEFER_RESULT_IGNORE 1
#  endif
#  ifndef _Defer
#    if defined(__clang_analyzer__)
#      define _Defer if (1) {} else
#    else
#      ifdef __cplusplus
extern "C"
#      endif
       extern const int cdefer_parse_only__compiled_without_the_cdefer_plugin;
#      define _Defer \
         if (cdefer_parse_only__compiled_without_the_cdefer_plugin) {} else
#    endif
#  endif
#endif

/* The TS's own reserved name: not for -Wreserved-macro-identifier. */
#ifndef __STDC_VERSION_STDDEFER_H__
#  if defined(__clang__)
#    pragma clang diagnostic push
#    pragma clang diagnostic ignored "-Wreserved-macro-identifier"
#  endif
#  define __STDC_VERSION_STDDEFER_H__ 202602L
#  if defined(__clang__)
#    pragma clang diagnostic pop
#  endif
#endif

#ifndef defer
#  define defer _Defer
#endif

#endif /* CDEFER_STDDEFER_H */
