// SPEC 2: `_Defer` and `defer` work when they come from a macro expansion,
// including a macro that takes the deferred statement as its argument.
#include <stddefer.h>
#include <stdio.h>

static int locked;

static void lock(const char *who)
{
    locked++;
    printf("lock by %s (depth %d)\n", who, locked);
}

static void unlock(const char *who)
{
    printf("unlock by %s (depth %d)\n", who, locked);
    locked--;
}

#define WITH_LOCK(who) lock(who); _Defer unlock(who)
#define ON_EXIT(stmt) defer stmt
#define TRACE_SCOPE(name) printf("enter %s\n", name); defer printf("leave %s\n", name)

static void g(void)
{
    TRACE_SCOPE("g");
    WITH_LOCK("g");
    puts("g body");
}

int main(void)
{
    TRACE_SCOPE("main");
    {
        WITH_LOCK("main");
        ON_EXIT({ puts("on exit 1"); puts("on exit 2"); });
        g();
    }
    printf("after block, depth %d\n", locked);
    return 0;
}
