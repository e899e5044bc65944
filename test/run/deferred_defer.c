// SPEC 2: the deferred statement may itself be a defer statement. It forms its
// own block, so when the outer deferred statement runs, the inner one runs at
// once.
// REFERENCE-WRONG: clang-22 -fexceptions crashes (munmap_chunk in EHScopeStack::popCleanup) on `_Defer _Defer` (correct without -fexceptions)
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    {
        defer defer puts("defer defer");
        defer puts("plain defer");
        puts("body");
    }
    puts("after block");
    return 0;
}
