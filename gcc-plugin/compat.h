/* compat.h - GCC version differences, kept in one place.
 *
 * cdefer-gcc.so is built against one GCC's plugin headers and refuses to
 * load into another version (plugin.cc checks).  GCC 11 and 12 differ only
 * in the spots below; everything else is written against the common API.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_GCC_COMPAT_H
#define CDEFER_GCC_COMPAT_H

#include "gcc-plugin.h"
#include "plugin-version.h"

/* The GCC the plugin is built for (GCC_VERSION is the compiler building
   the plugin, which may be another one).  */
#define CDEFER_GCC_MAJOR GCCPLUGIN_VERSION_MAJOR
#if CDEFER_GCC_MAJOR < 11
#  error "cdefer-gcc needs GCC 11 or newer"
#endif

/* Both 11 and 12 build C loops as FOR_STMT/WHILE_STMT/DO_STMT and switches
   as SWITCH_STMT (c-family codes) and lower them in c_genericize, after
   PLUGIN_PRE_GENERICIZE: the checks and the lowering see them on both.  */

/* GCC 11's tree-eh crashes (a segfault in the cfg pass, at -O1 and up
   with unwinding) on a finally block whose first statement is a label,
   e.g. from `_Defer { L: f(); }`; GCC 12 does not.  lower.cc then puts an
   empty basic asm first (test/run/defer_label_block_in_macro.c).  */
#define CDEFER_GCC_LEADING_LABEL_ICE (CDEFER_GCC_MAJOR < 12)

#endif
