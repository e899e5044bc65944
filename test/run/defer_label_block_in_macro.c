// SPEC 3 (constraints, E10): only a deferred statement that *is* a labelled
// statement is an error; a braced deferred statement whose first item is a
// label is fine -- also when one macro expansion holds it after another
// defer, in the same block or after an inner block.  The GCC plugin took
// the second defer for the first there (both share the macro's expansion
// point) and reported E10 (found by test/fuzz/gen.py's macro forms, seeds
// 1, 45, 69, 110); it now tells them apart by the `_Defer` token each was
// expanded from (gcc-plugin/marker.cc, defer_key).  GCC 11 itself crashed
// at -O1 and up on the deferred statement that starts with a label (its
// tree-eh copying the finally block): the plugin puts an empty asm first
// there (gcc-plugin/compat.h, CDEFER_GCC_LEADING_LABEL_ICE).
// REFERENCE-WRONG: clang-22 -fexceptions segfaults compiling a label and goto inside a deferred statement (correct without -fexceptions)
#include <stddefer.h>
#include <stdio.h>

#define SAME_BLOCK                                        \
    defer puts("first deferred");                         \
    defer { again: puts("label deferred"); if (0) goto again; }

#define INNER_BLOCK                                       \
    { defer puts("inner deferred"); }                     \
    defer { again: puts("label deferred 2"); if (0) goto again; }

static void same_block(void)
{
    SAME_BLOCK
    puts("body");
}

static void inner_block(void)
{
    INNER_BLOCK
    puts("body 2");
}

int main(void)
{
    same_block();
    inner_block();
    return 0;
}
