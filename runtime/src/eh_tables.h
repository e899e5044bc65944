/* eh_tables.h - libcdefer internal: answers read from the compilers'
 * unwind tables (eh_tables.c).
 *
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_EH_TABLES_H
#define CDEFER_EH_TABLES_H

#include <stdint.h>

#include "traceback.h"             /* CDEFER_HIDDEN */

/* The landing pad the unwinder installs for the call whose address minus
 * one is IP, in the function (partition) starting at START with
 * language-specific data LSDA; 0 when none or not known. */
CDEFER_HIDDEN uintptr_t cdefer_landing_pad(const unsigned char *lsda, uintptr_t start, uintptr_t ip);

/* The CFA rule of the frame at IP (a call's address minus one) by its
 * .eh_frame entry: the CFA is DWARF register *REG plus *OFF there.  0 when
 * there is none or it is not such a rule (an expression). */
CDEFER_HIDDEN int cdefer_cfa_rule(uintptr_t ip, uint64_t *reg, int64_t *off);

#endif
