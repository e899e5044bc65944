// The dump option (SPEC 6: print, per function, which defers guard which
// exits; docs/USER-GUIDE.md "What the plugin did: the dump"): one format,
// common/dump.h, and one expected dump for both plugins.  Only the
// lowering at the end of a defer's line names each compiler's own
// mechanism (for GCC try/finally, at once or no effect; for Clang the
// cleanup function and its captures).  The expected dumps are at the end,
// with the line numbers of the code above them.
// RUN: %cc %dump -w -c %s -o /dev/null 2>&1 | %FileCheck %s --check-prefixes=%prefixes --match-full-lines --strict-whitespace
// RUN: %cc %dump %unwind-off -w -c %s -o /dev/null 2>&1 | %FileCheck %s --check-prefix=OFF --match-full-lines --strict-whitespace
// Without the option there is no dump.
// RUN: %cc -w -c %s -o /dev/null 2>&1 | %FileCheck %s --check-prefix=NODUMP --allow-empty
#include <cdefer.h>
void use(int);
_Noreturn void stop(void);

/* Every way out of a scope, in source order; a break or continue that
   stays inside the scope is no exit; the end of the block is none when
   control cannot reach it (line 33).  */
int loop(int n)
{
    _Defer use(0);
    for (int i = 0; i < n; i++) {
        _Defer use(i);
        if (i == 1) continue;
        if (i == 2) break;
        if (i == 3) goto out;
        if (i == 4) return i;
        switch (i) { case 5: break; }
    }
out:
    return n;
}

/* A defer inside a deferred statement is indented one more level and
   numbered in source order; a defer with nothing after it in its block
   runs at once, at the end of that block.  */
void nested(void)
{
    _Defer { _Defer use(1); use(2); }
    _Defer {}
    use(3);
    _Defer use(4);
}

/* A braceless defer is its own block; a call of a noreturn function ends
   a block as a jump does; an if ends it when both arms do.  */
void braceless(int c)
{
    if (c)
        _Defer use(7);
    _Defer use(c);
    if (c > 1) {
        _Defer use(8);
        if (c > 2)
            stop();
        else
            use(9);
    }
    if (c > 3) {
        _Defer use(10);
        if (c > 4)
            stop();
        else
            return;
    }
    stop();
}

/* No defer, no output.  */
void plain(void) { use(5); }

/* A named result and a function that recovers (docs/RUNTIME.md 2) say so
   after the function line, a named result without a defer too; with
   unwinding off no recover() is lowered (W4).  */
int saved(void)
{
    cdefer_result int err = 0;
    _Defer if (recover() || recover()) err = -1;
    use(6);
    return err;
}

int named_only(void)
{
    cdefer_result int r = 1;
    return r;
}

// CHECK:cdefer: function 'loop' at {{.*}}dump.c:19:5
// GCC-NEXT:cdefer:   defer #1 at {{.*}}dump.c:21:5: try/finally
// CLANG-NEXT:cdefer:   defer #1 at {{.*}}dump.c:21:5: cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT:cdefer:     exit: return at {{.*}}dump.c:27:21
// CHECK-NEXT:cdefer:     exit: return at {{.*}}dump.c:31:5
// CHECK-NEXT:cdefer:     exit: unwind
// GCC-NEXT:cdefer:   defer #2 at {{.*}}dump.c:23:9: try/finally
// CLANG-NEXT:cdefer:   defer #2 at {{.*}}dump.c:23:9: cleanup __cdefer_fn_{{[0-9]+}}(i)
// CHECK-NEXT:cdefer:     exit: end of block
// CHECK-NEXT:cdefer:     exit: continue at {{.*}}dump.c:24:21
// CHECK-NEXT:cdefer:     exit: break at {{.*}}dump.c:25:21
// CHECK-NEXT:cdefer:     exit: goto 'out' at {{.*}}dump.c:26:21
// CHECK-NEXT:cdefer:     exit: return at {{.*}}dump.c:27:21
// CHECK-NEXT:cdefer:     exit: unwind
//
// CHECK-NEXT:cdefer: function 'nested' at {{.*}}dump.c:37:6
// GCC-NEXT:cdefer:   defer #1 at {{.*}}dump.c:39:5: try/finally
// CLANG-NEXT:cdefer:   defer #1 at {{.*}}dump.c:39:5: cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT:cdefer:     exit: end of block
// CHECK-NEXT:cdefer:     exit: unwind
// GCC-NEXT:cdefer:     defer #2 at {{.*}}dump.c:39:14: try/finally
// CLANG-NEXT:cdefer:     defer #2 at {{.*}}dump.c:39:14: cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT:cdefer:       exit: end of block
// CHECK-NEXT:cdefer:       exit: unwind
// GCC-NEXT:cdefer:   defer #3 at {{.*}}dump.c:40:5: no effect
// CLANG-NEXT:cdefer:   defer #3 at {{.*}}dump.c:40:5: cleanup __cdefer_fn_{{[0-9]+}}()
// CLANG-NEXT:cdefer:     exit: end of block
// CLANG-NEXT:cdefer:     exit: unwind
// GCC-NEXT:cdefer:   defer #4 at {{.*}}dump.c:42:5: at once
// CLANG-NEXT:cdefer:   defer #4 at {{.*}}dump.c:42:5: cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT:cdefer:     exit: end of block
//
// CHECK-NEXT:cdefer: function 'braceless' at {{.*}}dump.c:47:6
// GCC-NEXT:cdefer:   defer #1 at {{.*}}dump.c:50:9: at once
// CLANG-NEXT:cdefer:   defer #1 at {{.*}}dump.c:50:9: cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT:cdefer:     exit: end of block
// GCC-NEXT:cdefer:   defer #2 at {{.*}}dump.c:51:5: try/finally
// CLANG-NEXT:cdefer:   defer #2 at {{.*}}dump.c:51:5: cleanup __cdefer_fn_{{[0-9]+}}(c)
// CHECK-NEXT:cdefer:     exit: return at {{.*}}dump.c:64:13
// CHECK-NEXT:cdefer:     exit: unwind
// GCC-NEXT:cdefer:   defer #3 at {{.*}}dump.c:53:9: try/finally
// CLANG-NEXT:cdefer:   defer #3 at {{.*}}dump.c:53:9: cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT:cdefer:     exit: end of block
// CHECK-NEXT:cdefer:     exit: unwind
// GCC-NEXT:cdefer:   defer #4 at {{.*}}dump.c:60:9: try/finally
// CLANG-NEXT:cdefer:   defer #4 at {{.*}}dump.c:60:9: cleanup __cdefer_fn_{{[0-9]+}}()
// CHECK-NEXT:cdefer:     exit: return at {{.*}}dump.c:64:13
// CHECK-NEXT:cdefer:     exit: unwind
// CHECK-NOT:cdefer: function 'plain'{{.*}}
//
// CHECK:cdefer: function 'saved' at {{.*}}dump.c:75:5
// CHECK-NEXT:cdefer:   named result 'err' at {{.*}}dump.c:77:23
// CHECK-NEXT:cdefer:   recovers: 2 recover() calls
// GCC-NEXT:cdefer:   defer #1 at {{.*}}dump.c:78:5: try/finally
// CLANG-NEXT:cdefer:   defer #1 at {{.*}}dump.c:78:5: cleanup __cdefer_fn_{{[0-9]+}}(__cdefer_f, err)
// CHECK-NEXT:cdefer:     exit: return at {{.*}}dump.c:80:5
// CHECK-NEXT:cdefer:     exit: unwind
// CHECK-NEXT:cdefer: function 'named_only' at {{.*}}dump.c:83:5
// CHECK-NEXT:cdefer:   named result 'r' at {{.*}}dump.c:85:23
// CHECK-NOT:{{.+}}
//
// Unwinding off: no unwind exit, no recover lowered.
// OFF:cdefer: function 'loop' at {{.*}}dump.c:19:5
// OFF-NEXT:cdefer:   defer #1 at {{.*}}dump.c:21:5: {{.+}}
// OFF-NEXT:cdefer:     exit: return at {{.*}}dump.c:27:21
// OFF-NEXT:cdefer:     exit: return at {{.*}}dump.c:31:5
// OFF-NEXT:cdefer:   defer #2 at {{.*}}dump.c:23:9: {{.+}}
// OFF-NOT:cdefer:{{.*}}exit: unwind
// OFF:cdefer: function 'saved' at {{.*}}dump.c:75:5
// OFF-NEXT:cdefer:   named result 'err' at {{.*}}dump.c:77:23
// OFF-NEXT:cdefer:   defer #1 at {{.*}}dump.c:78:5: {{.+}}
// OFF-NEXT:cdefer:     exit: return at {{.*}}dump.c:80:5
// OFF-NOT:cdefer:{{.*}}exit: unwind
//
// NODUMP-NOT: cdefer:
