// SPEC 3.1, GNU statement expressions: a statement expression that holds a
// defer and yields a constant runs its deferred statement wherever it is
// used as a condition (if, ?:, switch, while, for, do, !, &&, ||, a cast,
// _Generic, nested, parenthesised), before the condition's branch is taken.
#include <stddefer.h>
#include <stdio.h>

int main(void)
{
    if (({ defer puts("if: deferred"); 1; }))
        puts("if: then");
    int x = ({ defer puts("?: deferred"); 1; }) ? 2 : 3;
    printf("?: x = %d\n", x);
    switch (({ defer puts("switch: deferred"); 2; })) {
    case 2:
        puts("switch: case 2");
        break;
    default:
        puts("switch: default");
        break;
    }
    while (({ defer puts("while: deferred"); 0; }))
        puts("while: body");
    for (; ({ defer puts("for: deferred"); 0; });)
        puts("for: body");
    do
        puts("do: body");
    while (({ defer puts("do: deferred"); 0; }));
    if (!({ defer puts("!: deferred"); 0; }))
        puts("!: then");
    if (1 && ({ defer puts("&&: deferred"); 1; }))
        puts("&&: then");
    if (0 || ({ defer puts("||: deferred"); 1; }))
        puts("||: then");
    if ((long)({ defer puts("cast: deferred"); 1; }))
        puts("cast: then");
    if (_Generic(0, int: ({ defer puts("_Generic: deferred"); 1; }), default: 0))
        puts("_Generic: then");
    if (({ int y = ({ defer puts("nested: deferred"); 1; }); y; }))
        puts("nested: then");
    if ((({ defer puts("paren: deferred"); 0; })))
        puts("paren: then");
    else
        puts("paren: else");
    return 0;
}
