// SPEC 3 (constraints, GNU extensions): an asm goto that stays within a
// defer's scope is a plain jump there: it neither runs nor skips the
// deferred statement, which runs once when the block is left.  (x86-64
// `jmp`; elsewhere the same jump is a plain goto.)
#include <stddefer.h>
#include <stdio.h>

#if defined(__x86_64__)
#  define JUMP(l) __asm__ goto("jmp %l0" :::: l)
#else
#  define JUMP(l) goto l
#endif

static void forward(int n)
{
    defer printf("deferred %d\n", n);
    if (n)
        JUMP(skip);
    puts("not skipped");
skip:
    puts("after skip");
}

static void backward(void)
{
    int i = 0;
    defer printf("deferred after %d rounds\n", i);
again:
    printf("round %d\n", i);
    if (++i < 3)
        JUMP(again);
}

int main(void)
{
    forward(0);
    forward(1);
    backward();
    return 0;
}
