/* examples/recover.c - Go's recover and a named result: a deferred
 * statement that calls recover() stops a panic passing through its
 * function, which then returns normally with its named result's value.
 * Needs -lcdefer (pkg-config --libs cdefer-gcc, CMake's cdefer::cdefer).
 *
 * In Go:
 *     func parse(s string) (n int) {
 *         defer func() {
 *             if r := recover(); r != nil { fmt.Println("recovered:", r); n = -1 }
 *         }()
 *         for _, c := range s { n = n*10 + digit(c) }
 *         return n
 *     }
 */
#include <cdefer.h>
#include <stdio.h>

static int digit(char c)
{
    if (c < '0' || c > '9')
        panic("not a digit: '%c'", c);
    return c - '0';
}

/* The number S spells, or -1 if a panic stopped the parse. */
static int parse(const char *s)
{
    cdefer_result int n = 0;            /* what parse returns, even after a recover */
    defer {
        const cdefer_panic_info *p = recover();
        if (p) {
            printf("recovered: %s (raised in %s)\n", p->message, p->func);
            n = -1;
        }
    }
    for (; *s; s++)
        n = n * 10 + digit(*s);
    return n;
}

int main(void)
{
    printf("%d\n", parse("42"));
    printf("%d\n", parse("4x2"));
    printf("%d\n", parse("7"));
    return 0;
}
