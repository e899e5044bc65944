/* test/distcc/part.h - what part.c gives main.c.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
int part(int x);
