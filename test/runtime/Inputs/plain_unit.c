/* A translation unit without defers, recover() or cleanup variables:
 * compiled with the GCC plugin it is compiled without -fexceptions
 * (gcc-plugin/exceptions.cc), with unwind tables.  Used by
 * test/runtime/unwind_through_defer_free_unit.c.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stdio.h>

extern void (*volatile unit_cb)(int);

__attribute__((noinline)) int through(int k)
{
    int r = k * 2;
    unit_cb(r);
    printf("through: not reached\n");
    return r;
}
