// SPEC 6: at -O2 a function written with defer compiles to the same
// instructions as the same function written by hand with goto cleanup, on
// every target (docs/TESTING.md, "Cross targets": this suite runs on each),
// with each plugin and unwinding off (with it on, the defer version also
// has landing pads, which the goto version has no way to write).  Both
// versions of each function come from this file, without and with -DHAND,
// built by the same compiler with the same flags; Inputs/asm_insns.awk cuts
// each function's instructions out of the assembly (directives and
// comments dropped, local labels renamed in order of appearance) and the
// two are diffed.  It compares two builds, so it needs no per-target
// expectation; the FileCheck lines only make sure the compared text is the
// function (not empty, the calls there).  test/gcc/same_code_O2.c and
// test/clang/same_code_O2.c check more shapes, natively.
//
// RUN: %cc -O2 -S %unwind-off %s -o %t.defer.s
// RUN: %cc -O2 -S %unwind-off -DHAND %s -o %t.hand.s
// RUN: awk -v fn=copy -f %S/Inputs/asm_insns.awk %t.defer.s > %t.copy.defer
// RUN: awk -v fn=copy -f %S/Inputs/asm_insns.awk %t.hand.s > %t.copy.hand
// RUN: diff %t.copy.hand %t.copy.defer
// RUN: %FileCheck --check-prefix=COPY --input-file=%t.copy.defer %s
//
// RUN: awk -v fn=counter_add -f %S/Inputs/asm_insns.awk %t.defer.s > %t.add.defer
// RUN: awk -v fn=counter_add -f %S/Inputs/asm_insns.awk %t.hand.s > %t.add.hand
// RUN: diff %t.add.hand %t.add.defer
// RUN: %FileCheck --check-prefix=ADD --input-file=%t.add.defer %s
// RUN: awk -v fn=process3 -f %S/Inputs/asm_insns.awk %t.defer.s > %t.p3.defer
// RUN: awk -v fn=process3 -f %S/Inputs/asm_insns.awk %t.hand.s > %t.p3.hand
// RUN: diff %t.p3.hand %t.p3.defer
// RUN: %FileCheck --check-prefix=P3 --input-file=%t.p3.defer %s
//
// COPY: {{^}}copy:
// COPY-DAG: xopen
// COPY-DAG: xread
// COPY-DAG: xwrite
// COPY-DAG: xclose
// ADD: {{^}}counter_add:
// ADD-DAG: mutex_lock
// ADD-DAG: mutex_unlock
// P3: {{^}}process3:
// P3-DAG: res_open
// P3-DAG: res_use
// P3-DAG: res_close
//
// Loops are not compared: a defer in a loop body that continue and break
// leave gives other code than its goto twin on some targets.  `each` of
// test/gcc/same_code_O2.c with the Clang plugin, on x86-64 too: one unlock
// call shared by the exits where the twin calls unlock on each (43 against
// 36 lines, 2026-12-07), as for `nested3` in docs/PERFORMANCE.md ("Code");
// bench/src/shapes_defer.c's `sum_open` on riscv64 (both plugins) and
// ppc64le (both): the same instructions, registers allocated or the
// increment scheduled differently (GCC on ppc64le: one instruction fewer
// with defer).  docs/PERFORMANCE.md's per-target table (bench/cross_ratio.py)
// counts the instructions of the benchmark functions on every target.

struct counter { int m; long n; };
struct res { int id; long acc; };
int xopen(const char *);
int xclose(int);
long xread(int, char *, long);
long xwrite(int, const char *, long);
void mutex_lock(int *);
void mutex_unlock(int *);
struct res *res_open(int key);
void res_close(struct res *);
int res_use(struct res *, struct res *, struct res *);

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

long counter_add(struct counter *c, long v)
{
    mutex_lock(&c->m);
    _Defer mutex_unlock(&c->m);
    if (v < 0)
        return -1;
    c->n += v;
    return c->n;
}

int process3(int key)
{
    struct res *a = res_open(key);
    if (!a)
        return -1;
    _Defer res_close(a);
    struct res *b = res_open(key + 1);
    if (!b)
        return -2;
    _Defer res_close(b);
    struct res *c = res_open(key + 2);
    if (!c)
        return -3;
    _Defer res_close(c);
    return res_use(a, b, c);
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

long counter_add(struct counter *c, long v)
{
    long ret;
    mutex_lock(&c->m);
    if (v < 0) {
        ret = -1;
        goto out;
    }
    c->n += v;
    ret = c->n;
out:
    mutex_unlock(&c->m);
    return ret;
}

int process3(int key)
{
    int ret;
    struct res *a = res_open(key);
    if (!a)
        return -1;
    struct res *b = res_open(key + 1);
    if (!b) {
        ret = -2;
        goto out_a;
    }
    struct res *c = res_open(key + 2);
    if (!c) {
        ret = -3;
        goto out_b;
    }
    ret = res_use(a, b, c);
    res_close(c);
out_b:
    res_close(b);
out_a:
    res_close(a);
    return ret;
}

#endif
