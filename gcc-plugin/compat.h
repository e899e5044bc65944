/* compat.h - GCC version differences, kept in one place.
 *
 * cdefer-gcc.so is built against one GCC's plugin headers and refuses to
 * load into another version (plugin.cc checks).  GCC 11 and 12 differ only
 * in the spots below; everything else is written against the common API.  */
#ifndef CDEFER_GCC_COMPAT_H
#define CDEFER_GCC_COMPAT_H

#include "gcc-plugin.h"
#include "plugin-version.h"

#if GCC_VERSION < 11000
#  error "cdefer-gcc needs GCC 11 or newer"
#endif

/* Both 11 and 12 build C loops as FOR_STMT/WHILE_STMT/DO_STMT and switches
   as SWITCH_STMT (c-family codes) and lower them in c_genericize, after
   PLUGIN_PRE_GENERICIZE.  GCC 11 still had them in c-family too.  */
#define CDEFER_HAVE_C_LOOP_STMTS 1

#endif
