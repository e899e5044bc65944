// SPEC 6: at -O2 a function written with defer compiles to the same
// instructions as the same function written by hand with goto cleanup.
// Both versions of each function are compiled with the plugin loaded, their
// instructions are extracted from the assembly (directives dropped, local
// labels renumbered away) and compared.  First with the unwind option off
// (%gcc-plugin-cc loads the plugin as .../cdefer.so, the name under which
// -fplugin-arg-cdefer-gcc-* reaches it), then with exceptions on and callees that cannot throw, where
// no landing pad is needed either.
//
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-unwind=off -O2 -S %s -o %t.defer.s
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-unwind=off -O2 -S -DHAND %s -o %t.hand.s
// RUN: sed -n '/^copy:/,/\.cfi_endproc/p' %t.defer.s | grep -v '^[[:space:]]*\.' | sed -E 's/\.L[0-9]+/.L/g' > %t.copy.defer
// RUN: sed -n '/^copy:/,/\.cfi_endproc/p' %t.hand.s | grep -v '^[[:space:]]*\.' | sed -E 's/\.L[0-9]+/.L/g' > %t.copy.hand
// RUN: diff %t.copy.defer %t.copy.hand
// RUN: %FileCheck --check-prefix=COPY --input-file=%t.copy.defer %s
// RUN: sed -n '/^each:/,/\.cfi_endproc/p' %t.defer.s | grep -v '^[[:space:]]*\.' | sed -E 's/\.L[0-9]+/.L/g' > %t.each.defer
// RUN: sed -n '/^each:/,/\.cfi_endproc/p' %t.hand.s | grep -v '^[[:space:]]*\.' | sed -E 's/\.L[0-9]+/.L/g' > %t.each.hand
// RUN: diff %t.each.defer %t.each.hand
// RUN: %FileCheck --check-prefix=EACH --input-file=%t.each.defer %s
//
// RUN: %gcc-plugin-cc -O2 -S -DNOTHROW %s -o %t.nt.defer.s
// RUN: %gcc-plugin-cc -O2 -S -DNOTHROW -DHAND %s -o %t.nt.hand.s
// RUN: sed -n '/^copy:/,/\.cfi_endproc/p' %t.nt.defer.s | grep -v '^[[:space:]]*\.' | sed -E 's/\.L[0-9]+/.L/g' > %t.nt.defer
// RUN: sed -n '/^copy:/,/\.cfi_endproc/p' %t.nt.hand.s | grep -v '^[[:space:]]*\.' | sed -E 's/\.L[0-9]+/.L/g' > %t.nt.hand
// RUN: diff %t.nt.defer %t.nt.hand
// RUN: %FileCheck --check-prefix=COPY --input-file=%t.nt.defer %s

// The extracted functions are not empty: they call what they should.
// COPY: copy:
// COPY: call{{.*}}xopen
// COPY-DAG: call{{.*}}xread
// COPY-DAG: call{{.*}}xwrite
// COPY-DAG: call{{.*}}xclose
// EACH: each:
// EACH: call{{.*}}lock
// EACH-DAG: call{{.*}}unlock

#ifdef NOTHROW
#define NT __attribute__((nothrow))
#else
#define NT
#endif
int xopen(const char *) NT;
int xclose(int) NT;
long xread(int, char *, long) NT;
long xwrite(int, const char *, long) NT;
void lock(int) NT;
void unlock(int) NT;
int work(int) NT;

#ifndef HAND
int copy(const char *from, const char *to)
{
    int in = xopen(from);
    if (in < 0)
        return -1;
    _Defer xclose(in);
    int out = xopen(to);
    if (out < 0)
        return -2;
    _Defer xclose(out);
    char buf[256];
    long n;
    while ((n = xread(in, buf, sizeof buf)) > 0)
        if (xwrite(out, buf, n) != n)
            return -3;
    return n < 0 ? -4 : 0;
}

int each(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        lock(i);
        _Defer unlock(i);
        int r = work(i);
        if (r < 0)
            break;
        if (r == 0)
            continue;
        sum += r;
    }
    return sum;
}
#else
int copy(const char *from, const char *to)
{
    int ret;
    int in = xopen(from);
    if (in < 0)
        return -1;
    int out = xopen(to);
    if (out < 0) {
        ret = -2;
        goto close_in;
    }
    char buf[256];
    long n;
    while ((n = xread(in, buf, sizeof buf)) > 0)
        if (xwrite(out, buf, n) != n) {
            ret = -3;
            goto close_out;
        }
    ret = n < 0 ? -4 : 0;
close_out:
    xclose(out);
close_in:
    xclose(in);
    return ret;
}

int each(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        lock(i);
        int r = work(i);
        if (r < 0) {
            unlock(i);
            break;
        }
        if (r == 0) {
            unlock(i);
            continue;
        }
        sum += r;
        unlock(i);
    }
    return sum;
}
#endif
