/* A translation unit without defers but with a variable that has a cleanup
 * attribute: compiled with the GCC plugin it keeps -fexceptions, so the
 * cleanup runs while a panic unwinds through it, as before
 * (gcc-plugin/exceptions.cc).  Used by
 * test/runtime/unwind_through_defer_free_unit.c.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include <stdio.h>

extern void (*volatile unit_cb)(int);

static void closer(int *p)
{
    printf("unit cleanup %d\n", *p);
}

__attribute__((noinline)) int through_cleanup(int k)
{
    int c __attribute__((cleanup(closer))) = k;
    unit_cb(c + 1);
    printf("through_cleanup: not reached\n");
    return c;
}
