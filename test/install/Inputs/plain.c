/* A C file that uses no defer.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
int plain(int x) { return x + 1; }
