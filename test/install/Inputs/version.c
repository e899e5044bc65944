/* version.c - prints __CDEFER__ (test/install/version.test).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stddefer.h>
cdefer-version __CDEFER__
