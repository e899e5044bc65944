// SPEC 1, 7: __STDC_DEFER_TS25755__ is predefined as 1 (with the plugin and with
// a native-TS compiler alike), without any header.
#if !defined(__STDC_DEFER_TS25755__)
#error "__STDC_DEFER_TS25755__ is not predefined"
#endif
#if __STDC_DEFER_TS25755__ != 1
#error "__STDC_DEFER_TS25755__ is not 1"
#endif
#include <stdio.h>

int main(void)
{
    printf("__STDC_DEFER_TS25755__ = %d\n", __STDC_DEFER_TS25755__);
    return 0;
}
