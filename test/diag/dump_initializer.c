// The dump lists the exits of a scope that stand in a statement
// expression inside an initializer list too (the GCC plugin's walks went
// into every operand of an expression but not into the values of an
// initializer list).
// RUN: %cc %dump -w -c %s -o /dev/null 2>&1 | %FileCheck %s --check-prefixes=%prefixes --match-full-lines
#include <stddefer.h>
void use(int);

int f(int x)
{
    {
        _Defer use(0);
        int a[2] = { ({ if (x) return 1; 0; }), 2 };
        struct { int p, q; } s = { .q = ({ if (x > 1) goto out; 1; }) };
        use(a[0] + s.q);
    }
out:
    return 3;
}
// CHECK:cdefer: function 'f' at {{.*}}dump_initializer.c:9:5
// GCC-NEXT:cdefer:   defer #1 at {{.*}}dump_initializer.c:12:9: try/finally
// CLANG-NEXT:cdefer:   defer #1 at {{.*}}dump_initializer.c:12:9: cleanup {{.+}}
// CHECK-NEXT:cdefer:     exit: end of block
// CHECK-NEXT:cdefer:     exit: return at {{.*}}dump_initializer.c:13:32
// CHECK-NEXT:cdefer:     exit: goto 'out' at {{.*}}dump_initializer.c:14:55
// CHECK-NEXT:cdefer:     exit: unwind
