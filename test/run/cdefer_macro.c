// SPEC 1: the plugin predefines __CDEFER__, its version as MMmmpp (0.1.0 is
// 100, the first release), an integer constant usable in #if and in constant
// expressions, without any header.
// NO-REFERENCE: __CDEFER__ is the cdefer plugin's own macro; clang-22 does not define it
#if !defined(__CDEFER__)
#error "__CDEFER__ is not predefined"
#endif
#if __CDEFER__ < 100 || __CDEFER__ > 999999
#error "__CDEFER__ is not a version number MMmmpp of at least 0.1.0"
#endif
_Static_assert(__CDEFER__ / 10000 <= 99 && __CDEFER__ / 100 % 100 <= 99, "MMmmpp");
#include <stdio.h>

int main(void)
{
    static const char tag[__CDEFER__ >= 100 ? 3 : -1] = "ok";
    printf("__CDEFER__ %s\n", tag);
    return 0;
}
