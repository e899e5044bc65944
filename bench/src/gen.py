#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""bench/src/gen.py - generators for the compile-time and scaling benchmarks.

Every generator returns (defer_source, goto_source): the same function(s)
written with TS 25755 defer and written by hand with goto cleanup, doing the
same calls in the same order on every path.

  gen.py heavy NFUNCS          defer-heavy file (thousands of functions)
  gen.py AXIS N                one scaling function: AXIS in %s
"""
import re
import sys

HDR = '''#include <stddefer.h>
extern void use(int k, int i);
extern int step(int k, int i);
extern void work(int k);
'''
HDR_GOTO = '''extern void use(int k, int i);
extern int step(int k, int i);
extern void work(int k);
'''


def scale_defers(n):
    """n defers in one block, one exit (falling off the end)."""
    d = ['int f(int k)', '{']
    d += ['    defer use(k, %d);' % i for i in range(n)]
    d += ['    work(k);', '    return 0;', '}']
    g = ['int f(int k)', '{', '    work(k);']
    g += ['    use(k, %d);' % i for i in reversed(range(n))]
    g += ['    return 0;', '}']
    return d, g


def scale_returns(n):
    """n steps of `defer undo; if (fail) return`: the resource-acquisition
    pattern; exit i must run i+1 cleanups."""
    d = ['int f(int k)', '{']
    for i in range(n):
        d.append('    defer use(k, %d);' % i)
        d.append('    if (step(k, %d)) return %d;' % (i, i))
    d += ['    work(k);', '    return -1;', '}']
    g = ['int f(int k)', '{', '    int r;']
    for i in range(n):
        g.append('    if (step(k, %d)) { r = %d; goto out%d; }' % (i, i, i))
    g += ['    work(k);', '    r = -1;']
    for i in reversed(range(n)):
        g.append('out%d:' % i)
        g.append('    use(k, %d);' % i)
    g += ['    return r;', '}']
    return d, g


def scale_nesting(n):
    """n nested blocks, each with one defer; an early return at the bottom."""
    d = ['int f(int k)', '{']
    for i in range(n):
        d.append('    {')
        d.append('    defer use(k, %d);' % i)
    d += ['    work(k);', '    if (step(k, 0)) return 1;', '    work(k);']
    d += ['    }'] * n
    d += ['    return 0;', '}']
    g = ['int f(int k)', '{', '    int r = 0;', '    work(k);',
         '    if (step(k, 0)) { r = 1; goto out; }', '    work(k);', 'out:']
    g += ['    use(k, %d);' % i for i in reversed(range(n))]
    g += ['    return r;', '}']
    return d, g


def scale_exits(n):
    """one block with 3 defers and n early returns."""
    d = ['int f(int k)', '{']
    d += ['    defer use(k, %d);' % i for i in range(3)]
    d += ['    if (step(k, %d)) return %d;' % (i, i) for i in range(n)]
    d += ['    return -1;', '}']
    g = ['int f(int k)', '{', '    int r;']
    g += ['    if (step(k, %d)) { r = %d; goto out; }' % (i, i) for i in range(n)]
    g += ['    r = -1;', 'out:']
    g += ['    use(k, %d);' % i for i in reversed(range(3))]
    g += ['    return r;', '}']
    return d, g


def scale_exit_targets(n):
    """one block with 3 defers and n gotos, each to its own label outside
    the block (n distinct destinations after the cleanup)."""
    d = ['int f(int k)', '{', '    int r = 0;', '    {']
    d += ['        defer use(k, %d);' % i for i in range(3)]
    d += ['        if (step(k, %d)) goto t%d;' % (i, i) for i in range(n)]
    d += ['        r = -1;', '    }', '    return r;']
    for i in range(n):
        d += ['t%d:' % i, '    return step(k, %d);' % (100000 + i)]
    d += ['}']
    g = ['int f(int k)', '{', '    int dest;']
    g += ['    if (step(k, %d)) { dest = %d; goto out; }' % (i, i) for i in range(n)]
    g += ['    dest = -1;', 'out:']
    g += ['    use(k, %d);' % i for i in reversed(range(3))]
    g += ['    switch (dest) {']
    g += ['    case %d: goto t%d;' % (i, i) for i in range(n)]
    g += ['    default: return -1;', '    }']
    for i in range(n):
        g += ['t%d:' % i, '    return step(k, %d);' % (100000 + i)]
    g += ['}']
    return d, g


def scale_gotos(n):
    """n steps of `defer undo; if (fail) goto its own error label outside
    the block`: exit i runs i+1 cleanups, then goes to a distinct place."""
    d = ['int f(int k)', '{', '    {']
    for i in range(n):
        d.append('        defer use(k, %d);' % i)
        d.append('        if (step(k, %d)) goto t%d;' % (i, i))
    d += ['        work(k);', '    }', '    return -1;']
    for i in range(n):
        d += ['t%d:' % i, '    return step(k, %d);' % (100000 + i)]
    d += ['}']
    g = ['int f(int k)', '{', '    int dest;']
    for i in range(n):
        g.append('    if (step(k, %d)) { dest = %d; goto out%d; }' % (i, i, i))
    g += ['    work(k);', '    dest = -1;']
    for i in reversed(range(n)):
        g.append('out%d:' % i)
        g.append('    use(k, %d);' % i)
    g += ['    switch (dest) {']
    g += ['    case %d: goto t%d;' % (i, i) for i in range(n)]
    g += ['    default: return -1;', '    }']
    for i in range(n):
        g += ['t%d:' % i, '    return step(k, %d);' % (100000 + i)]
    g += ['}']
    return d, g


AXES = {
    'defers': scale_defers,
    'returns': scale_returns,
    'nesting': scale_nesting,
    'exits': scale_exits,
    'targets': scale_exit_targets,
    'gotos': scale_gotos,
}


def scaling(axis, n):
    d, g = AXES[axis](n)
    return HDR + '\n'.join(d) + '\n', HDR_GOTO + '\n'.join(g) + '\n'


HDR_CLEANUP = HDR_GOTO + '''struct bench_cl { int k, i; };
static inline void bench_cu(struct bench_cl *p) { use(p->k, p->i); }
'''


def scaling_cleanup(axis, n):
    """The defer version written with GCC's __attribute__((cleanup)), the
    mechanism GCC's own C front end offers: every `defer use(k, I);`
    becomes a variable whose cleanup calls use(k, I)."""
    d, _ = AXES[axis](n)
    out = []
    for line in d:
        m = re.match(r'^(\s*)defer use\(k, (\d+)\);$', line)
        if m:
            line = '%sstruct bench_cl c%s __attribute__((cleanup(bench_cu))) = {k, %s};' % (
                m.group(1), m.group(2), m.group(2))
        out.append(line)
    return HDR_CLEANUP + '\n'.join(out) + '\n'


def heavy(nfuncs):
    """A defer-heavy translation unit: nfuncs functions, each acquiring 2-5
    resources with an early return after each acquisition, plus a loop
    with a defer in its body every fourth function."""
    hdr = '''struct res;
extern struct res *res_open(int key);
extern void res_close(struct res *r);
extern int res_check(struct res *r, int k);
extern int res_use(struct res *r, int k);
'''
    d = ['#include <stddefer.h>', hdr]
    g = [hdr]
    for f in range(nfuncs):
        nres = 2 + f % 4
        d += ['int f%d(int k)' % f, '{']
        g += ['int f%d(int k)' % f, '{', '    int r;']
        for i in range(nres):
            # per-function constants keep the bodies distinct (else GCC's
            # identical-code folding at -O2 compiles only four of them)
            d += ['    struct res *r%d = res_open(k + %d);' % (i, f * 8 + i),
                  '    if (!r%d) return -%d;' % (i, i + 1),
                  '    defer res_close(r%d);' % i,
                  '    if (res_check(r%d, k)) return %d;' % (i, i + 10)]
            g += ['    struct res *r%d = res_open(k + %d);' % (i, f * 8 + i)]
            g += ['    if (!r%d) { r = -%d; goto out%d; }' % (i, i + 1, i)]
            g += ['    if (res_check(r%d, k)) { r = %d; goto out%d; }' % (i, i + 10, i + 1)]
        if f % 4 == 3:
            d += ['    for (int i = 0; i < k; i++) {',
                  '        struct res *t = res_open(i);',
                  '        if (!t) break;',
                  '        defer res_close(t);',
                  '        if (res_check(t, i)) continue;',
                  '        res_use(t, i);',
                  '    }']
            g += ['    for (int i = 0; i < k; i++) {',
                  '        struct res *t = res_open(i);',
                  '        if (!t) break;',
                  '        if (res_check(t, i)) { res_close(t); continue; }',
                  '        res_use(t, i);',
                  '        res_close(t);',
                  '    }']
        d += ['    return res_use(r%d, k);' % (nres - 1), '}', '']
        g += ['    r = res_use(r%d, k);' % (nres - 1)]
        for i in reversed(range(nres)):
            g += ['out%d:' % (i + 1), '    res_close(r%d);' % i]
        g += ['out0:', '    return r;', '}', '']
    return '\n'.join(d) + '\n', '\n'.join(g) + '\n'


def heavy_cleanup(nfuncs):
    """heavy()'s defer version written with __attribute__((cleanup))
    variables, the compilers' own mechanism: `defer res_close(X);` becomes a
    variable holding X whose cleanup closes it (X is not assigned again, so
    the copy closes what the defer would)."""
    d, _ = heavy(nfuncs)
    out = []
    for line in d.split('\n'):
        if line == '#include <stddefer.h>':
            continue
        m = re.match(r'^(\s*)defer res_close\((\w+)\);$', line)
        if m:
            line = '%sstruct res *%s_c __attribute__((cleanup(close_p))) = %s;' % (
                m.group(1), m.group(2), m.group(2))
        out.append(line)
        if line.startswith('extern int res_use'):
            out.append('static inline void close_p(struct res **p) { res_close(*p); }')
    return '\n'.join(out)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__ % ', '.join(AXES))
    if sys.argv[1] == 'heavy':
        d, g = heavy(int(sys.argv[2]))
    else:
        d, g = scaling(sys.argv[1], int(sys.argv[2]))
    sys.stdout.write('/* ---- defer ---- */\n' + d + '/* ---- goto ---- */\n' + g)
