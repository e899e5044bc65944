# bench/cdefer_bench/part3.py - part 3, compile time: the SQLite amalgamation
# (defer-free; fetched with `npm pack better-sqlite3`) with and without the
# plugins, and the generated defer-heavy file (bench/src/gen.py heavy) vs
# its goto twin and Clang 22's native _Defer, CPU time of interleaved
# repetitions; and part3prof, where Clang's -O0 compile of the defer-heavy
# file goes (-ftime-report phases: hand-written goto, native _Defer, the
# plugin with unwind=off).  Returns the JSON of "part3" and "part3prof".
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import glob
import os
import re
import shutil

import gen  # bench/src/gen.py (on sys.path: see __init__.py)

from .common import COMPILE_TIMEOUT, NATIVE, first_error, have, log, median, run, sections, shq, write

# -ftime-report rows kept: the four phases of "Clang time report" and the
# passes that differ between the configurations.
PHASES = ['Front end', 'LLVM IR generation', 'Optimizer', 'Machine code generation']
PASSES = ['AlwaysInlinerPass', 'X86 DAG->DAG Instruction Selection', 'X86 Assembly Printer']
ROW = re.compile(r'^\s*([\d.]+) \(\s*[\d.]+%\)\s+([\d.]+) \(\s*[\d.]+%\)\s+([\d.]+) \(\s*[\d.]+%\)'
                 r'\s+[\d.]+ \(\s*[\d.]+%\)\s+(.+?)\s*$')


def fetch_sqlite(out):
    d = os.path.join(out, 'sqlite')
    dst = os.path.join(d, 'sqlite3.c')
    if os.path.isfile(dst) and os.path.getsize(dst) > 1000000:
        return dst, None
    os.makedirs(d, exist_ok=True)
    if not have('npm'):
        return None, 'npm not installed'
    r = run(['npm', 'pack', 'better-sqlite3', '--silent'], timeout=300, cwd=d, nice=False)
    tgz = sorted(glob.glob(os.path.join(d, 'better-sqlite3-*.tgz')))
    if not r.ok or not tgz:
        return None, 'npm pack better-sqlite3 failed: ' + first_error(r)
    r = run(['tar', 'xzf', tgz[-1], '-C', d, 'package/deps/sqlite3/sqlite3.c'], timeout=120, nice=False)
    src = os.path.join(d, 'package', 'deps', 'sqlite3', 'sqlite3.c')
    if not r.ok or not os.path.isfile(src):
        return None, 'cannot extract sqlite3.c: ' + first_error(r)
    shutil.move(src, dst)
    shutil.rmtree(os.path.join(d, 'package'), ignore_errors=True)
    m = re.search(r'better-sqlite3-([\d.]+)\.tgz', tgz[-1])
    write(os.path.join(d, 'VERSION'), m.group(1) if m else '?')
    return dst, None


def time_compiles(configs, reps, sizes=None):
    """configs: [(key, cmd)] ; interleaved repetitions; returns {key: [cpu s]}.
    With a dict `sizes`, also records the .text size of each output (-o)."""
    times = {k: [] for k, _ in configs}
    errs = {}
    for rep in range(reps):
        for k, cmd in configs:
            if k in errs:
                continue
            r = run(cmd, timeout=COMPILE_TIMEOUT)
            if not r.ok:
                errs[k] = first_error(r)
                continue
            times[k].append(r.cpu)
            if sizes is not None and k not in sizes:
                sizes[k] = sections(cmd[cmd.index('-o') + 1])['text']
    return times, errs


def heavy_sources(d, funcs):
    """Write the defer-heavy file and its goto twin; returns (paths, text of the defer one)."""
    heavy_d, heavy_g = gen.heavy(funcs)
    hd = write(os.path.join(d, 'heavy_defer.c'), heavy_d)
    hg = write(os.path.join(d, 'heavy_goto.c'), heavy_g)
    return hd, hg, heavy_d


def _compilers(tc):
    return [('GCC 12', tc.gcc, tc.gcc_so, tc.gcc_plugin),
            ('Clang 22', tc.clang, tc.clang_so, lambda off: tc.clang_plugin(tc.clang_so, off))]


def measure(B):
    args, tc = B.args, B.tc
    d = B.dir('p3')
    res = {'sqlite': {}, 'heavy': {}, 'heavy_funcs': args.heavy_funcs}
    sq, err = (None, 'skipped (--no-sqlite)') if args.no_sqlite else fetch_sqlite(B.out)
    res['sqlite_error'] = err
    if sq:
        with open(sq, 'rb') as f:
            res['sqlite_lines'] = sum(1 for _ in f)
        try:
            res['sqlite_version'] = open(os.path.join(os.path.dirname(sq), 'VERSION')).read().strip()
        except OSError:
            pass
    hd, hg, heavy_d = heavy_sources(d, args.heavy_funcs)
    res['heavy_lines'] = heavy_d.count('\n')
    obj = os.path.join(d, 'x.o')
    for cname, cc, so, pf in _compilers(tc):
        if not have(cc):
            log('part3 %s: compiler not found' % cname)
            continue
        for opt in ('-O0', '-O2'):
            if sq and (opt == '-O0' or not args.quick):
                cfg = [('none', [cc, opt, '-c', sq, '-o', obj])]
                if os.path.isfile(so):
                    cfg += [('plugin', [cc] + pf(False) + [opt, '-c', sq, '-o', obj])]
                    if opt == '-O0':
                        cfg += [('plugin-off', [cc] + pf(True) + [opt, '-c', sq, '-o', obj])]
                reps = args.sqlite_reps_o0 if opt == '-O0' else args.sqlite_reps_o2
                sz = {}
                t, e = time_compiles(cfg, reps, sz)
                res['sqlite'][cname + ' ' + opt] = {'times': t, 'errors': e, 'text': sz,
                                                    'plugin_missing': not os.path.isfile(so)}
                for k, c in cfg:
                    if cname == 'GCC 12' and opt == '-O2' or (cname == 'GCC 12' and args.quick):
                        B.cmd('3', 'sqlite3.c ' + k, shq(c))
                log('part3 sqlite %s %s %s' % (cname, opt, {k: median(v) for k, v in t.items()}))
            cfg = [('goto', [cc, opt, '-c', hg, '-o', obj])]
            if os.path.isfile(so):
                cfg += [('goto+plugin', [cc] + pf(False) + [opt, '-c', hg, '-o', obj]),
                        ('defer', [cc] + pf(False) + [opt, '-c', hd, '-o', obj]),
                        ('defer-unwind-off', [cc] + pf(True) + [opt, '-c', hd, '-o', obj])]
            if cname == 'Clang 22':
                cfg += [('native', [cc] + NATIVE + [opt, '-c', hd, '-o', obj]),
                        ('native-eh', [cc] + NATIVE + ['-fexceptions', opt, '-c', hd, '-o', obj])]
            sz = {}
            t, e = time_compiles(cfg, args.heavy_reps, sz)
            res['heavy'][cname + ' ' + opt] = {'times': t, 'errors': e, 'text': sz,
                                               'plugin_missing': not os.path.isfile(so)}
            if cname == 'GCC 12' and opt == '-O2':
                for k, c in cfg:
                    B.cmd('3', 'heavy ' + k, shq(c))
            log('part3 heavy %s %s %s' % (cname, opt, {k: median(v) for k, v in t.items()}))
    B.cmd('3', 'timing', 'CPU time (user+sys) of the compiler driver and everything it '
          'waited for (cc1/as), from getrusage(RUSAGE_CHILDREN); configurations interleaved')
    return res


# --------------------------------------------------------------------------
# part3prof: -ftime-report of Clang's -O0 compile of the defer-heavy file
# --------------------------------------------------------------------------

def parse_time_report(text):
    """{row name: user+sys s} of the rows in PHASES and PASSES."""
    out = {}
    for line in text.splitlines():
        m = ROW.match(line)
        if m and m.group(4) in PHASES + PASSES and m.group(4) not in out:
            out[m.group(4)] = float(m.group(3))
    return out


def time_report(configs, reps, timeout):
    """configs: [(key, cmd)] (cmd without -ftime-report); returns
    {key: {row: min s}}, {key: error}."""
    best, errs = {}, {}
    for _ in range(reps):
        for k, cmd in configs:
            if k in errs:
                continue
            r = run(cmd + ['-ftime-report'], timeout=timeout)
            if not r.ok:
                errs[k] = (r.err.strip().splitlines() or ['exit code %s' % r.rc])[-1][:200]
                continue
            rows = parse_time_report(r.err)
            b = best.setdefault(k, {})
            for name, v in rows.items():
                b[name] = min(v, b.get(name, v))
    return best, errs


def measure_prof(B):
    """Where Clang spends the -O0 compile of the defer-heavy file with
    unwinding off."""
    args, tc = B.args, B.tc
    d = B.dir('p3')
    hd, hg, heavy_d = heavy_sources(d, args.heavy_funcs)
    res = {'reps': args.heavy_reps, 'defers': sum(1 for l in heavy_d.splitlines() if l.strip().startswith('defer '))}
    if not os.path.isfile(tc.clang_so) or not have(tc.clang):
        res['error'] = 'Clang plugin not built' if have(tc.clang) else 'no Clang in the CMake cache'
        return res

    def obj(k):
        return os.path.join(d, 'prof_%s.o' % k)
    cc = tc.clang
    cfg = [('goto', [cc, '-O0', '-c', hg, '-o', obj('goto')]),
           ('native', [cc] + NATIVE + ['-O0', '-c', hd, '-o', obj('native')]),
           ('plugin-off', [cc] + tc.clang_plugin(tc.clang_so, True) + ['-O0', '-c', hd, '-o', obj('plugin-off')])]
    res['times'], res['errors'] = time_report(cfg, args.heavy_reps, COMPILE_TIMEOUT)
    res['text'] = {k: sections(obj(k))['text'] for k, _ in cfg if k not in res['errors']}
    for k, c in cfg:
        B.cmd('3', 'profile ' + k, shq(c + ['-ftime-report']))
    log('part3prof %s' % {k: sum(v.get(x, 0) for x in PHASES) for k, v in res['times'].items()})
    return res
