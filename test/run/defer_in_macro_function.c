// SPEC 2, 3.1: a defer runs when the function that holds it comes whole
// from a macro expansion, when the defer is in a macro argument that is
// expanded together with the function (the plugin must not take it for the
// previous function's), when one macro defines two functions and only one
// has a defer, and right after a defer-free function.
#include <stddefer.h>
#include <stdio.h>

#define FN(name, v) static int name(void) { defer printf("%s deferred\n", #name); return v; }
#define FN_BODY(name, body) static void name(void) body
#define TWO(a, b) static int a(void) { return 1; } static int b(void) { defer printf("%s deferred\n", #b); return 2; }

static int plain(void) { return 0; }
FN_BODY(from_arg, { defer puts("from_arg deferred"); puts("from_arg body"); })
FN(fa, 1) FN(fb, 2)
TWO(first, second)
static int plain2(void) { return 3; }
FN_BODY(again, { defer puts("again deferred"); puts("again body"); })

int main(void)
{
    printf("plain %d\n", plain());
    from_arg();
    printf("fa %d\n", fa());
    printf("fb %d\n", fb());
    printf("first %d\n", first());
    printf("second %d\n", second());
    printf("plain2 %d\n", plain2());
    again();
    return 0;
}
