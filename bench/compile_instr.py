#!/usr/bin/env python3
# bench/compile_instr.py - the plugins' compile cost in instructions
# (callgrind on clang -cc1 / GCC's cc1), run by hand; not part of bench/run.sh.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""bench/compile_instr.py - the plugins' compile cost in instructions, from
one run: callgrind on the compiler proper (`clang -cc1`, or GCC's `cc1`: the
command the driver's `-###` prints), summed Ir, so the figures repeat on a
loaded machine where seconds do not.

  bench/compile_instr.py heavy [--funcs N] [--opt -O0,-O2] [--compiler gcc]
      the defer-heavy file of bench/src/gen.py vs its goto twin: the plugin
      with unwinding on (default) and off, the same file written with
      __attribute__((cleanup)) and -fexceptions (the compiler's own
      mechanism), clang-22's native `_Defer` (-fdefer-ts, with and without
      -fexceptions; Clang only), the goto twin with the plugin loaded
      (defer-free code) and with -fexceptions; Ir and the ratios to the
      goto twin, to the cleanup version and to native -fexceptions.
  bench/compile_instr.py scaling [--ns 250,500,1000,2000] [--axis defers]
      one scaling function of gen.py (n one-line defers in one block) at
      each n: Ir, and the log-log slope between successive points (1: linear).
  bench/compile_instr.py profile FILE.out
      the split of one callgrind output: plugin, Sema/parse, CodeGen, LLVM
      optimisation, back end (inclusive Ir of their entry points).

Options: --compiler clang|gcc (default clang), --build-dir DIR (default
build/: the compilers its CMakeCache.txt names, DIR/cdefer-clang.so and
DIR/gcc/cdefer.so), --clang PATH, --so PATH (override those two),
--keep DIR (keep the callgrind outputs for `profile`), --json FILE.
Every run is under `nice -n 10`, with a time limit (--timeout, s)."""
import argparse
import json
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from cdefer_bench.toolchain import Toolchain  # noqa: E402  (also puts bench/src on sys.path)
import gen  # noqa: E402

INC = os.path.join(ROOT, 'runtime', 'include')


def cc1(cc, args):
    """The compiler proper's command the driver CC runs for `CC ARGS`
    (clang -cc1, or GCC's cc1)."""
    r = subprocess.run([cc, '-###'] + args, capture_output=True, text=True, timeout=60)
    for line in r.stderr.splitlines():
        words = shlex.split(line) if line.startswith(' ') else []
        if '"-cc1"' in line or (words and os.path.basename(words[0]) == 'cc1'):
            return shlex.split(line)
    raise RuntimeError('no compiler line for %s: %s' % (args, r.stderr[-500:]))


def callgrind(cmd, out, timeout):
    """Summed Ir of CMD under callgrind (None on failure or timeout)."""
    full = ['nice', '-n', '10', 'valgrind', '--tool=callgrind', '--callgrind-out-file=' + out] + cmd
    try:
        r = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, 'timeout (%d s)' % timeout
    m = re.search(r'Collected : (\d+)', r.stderr)
    if r.returncode != 0 or not m:
        return None, (r.stderr.strip().splitlines() or ['exit %d' % r.returncode])[-1][:300]
    return int(m.group(1)), None


def configs(gcc, so, src_defer, src_goto, src_cleanup):
    """[(key, driver args)]: the configurations compared.  GCC takes the
    plugin's options only when it is loaded as cdefer.so (SO then)."""
    plug = ['-fplugin=' + so, '-I' + INC]
    off = (['-fplugin-arg-cdefer-gcc-unwind=off'] if gcc
           else ['-Xclang', '-plugin-arg-cdefer', '-Xclang', 'unwind=off'])
    native = ['-fdefer-ts', '-std=c2y', '-I' + INC]
    rows = [('goto', [src_goto]),
            ('goto-eh', ['-fexceptions', src_goto]),
            ('goto+plugin', plug + [src_goto])]
    if src_cleanup:
        rows.append(('cleanup-eh', ['-fexceptions', src_cleanup]))
    if not gcc:
        rows += [('native', native + [src_defer]),
                 ('native-eh', native + ['-fexceptions', src_defer])]
    return rows + [('plugin', plug + [src_defer]),
                   ('plugin-off', plug + off + [src_defer])]


def measure(cc, so, src_defer, src_goto, opt, keys, keep, timeout, src_cleanup=None, gcc=False):
    res = {}
    for key, args in configs(gcc, so, src_defer, src_goto, src_cleanup):
        if keys and key not in keys:
            continue
        cmd = cc1(cc, [opt, '-c'] + args + ['-o', os.devnull])
        out = os.path.join(keep, 'cg.%s%s.%s.out' % (key, opt, os.path.basename(src_defer)))
        ir, err = callgrind(cmd, out, timeout)
        res[key] = ir if ir is not None else err
        print('  %-12s %s %s' % (key, opt, ir if ir is not None else err), file=sys.stderr, flush=True)
    return res


def ratio(a, b):
    return '%.3f' % (a / b) if isinstance(a, int) and isinstance(b, int) and b else '–'


def heavy(a):
    d, g = gen.heavy(a.funcs)
    c = gen.heavy_cleanup(a.funcs)
    sd, sg = os.path.join(a.keep, 'heavy_defer.c'), os.path.join(a.keep, 'heavy_goto.c')
    sc = os.path.join(a.keep, 'heavy_cleanup.c')
    for path, text in ((sd, d), (sg, g), (sc, c)):
        with open(path, 'w') as f:
            f.write(text)
    out = {}
    print('%s, gen.py heavy %d' % (a.cc, a.funcs))
    print('| config | -O | Ir | / goto | / cleanup-eh | / native-eh |')
    print('|---|---|---:|---:|---:|---:|')
    for opt in a.opt.split(','):
        r = measure(a.cc, a.so, sd, sg, opt, a.only, a.keep, a.timeout, sc, a.compiler == 'gcc')
        out[opt] = r
        for k, v in r.items():
            print('| %s | %s | %s | %s | %s | %s |' % (k, opt, v, ratio(v, r.get('goto')),
                                                      ratio(v, r.get('cleanup-eh')), ratio(v, r.get('native-eh'))))
    return out


def scaling(a):
    out = {}
    keys = a.only or ['goto', 'native-eh', 'plugin', 'plugin-off']
    for n in [int(x) for x in a.ns.split(',')]:
        d, g = gen.scaling(a.axis, n)
        sd, sg = os.path.join(a.keep, '%s_%d_defer.c' % (a.axis, n)), os.path.join(a.keep, '%s_%d_goto.c' % (a.axis, n))
        open(sd, 'w').write(d)
        open(sg, 'w').write(g)
        out[n] = measure(a.cc, a.so, sd, sg, a.opt.split(',')[0], keys, a.keep, a.timeout,
                         gcc=a.compiler == 'gcc')
    ns = sorted(out)
    print('| config | ' + ' | '.join('n=%d' % n for n in ns) + ' | slopes (successive points) |')
    print('|---|' + '---:|' * len(ns) + '---|')
    for k in keys:
        vals = [out[n].get(k) for n in ns]
        sl = []
        for i in range(1, len(ns)):
            v0, v1 = vals[i - 1], vals[i]
            if isinstance(v0, int) and isinstance(v1, int) and v1 > v0 > 0:
                sl.append('%.2f' % (math.log(v1 / v0) / math.log(ns[i] / ns[i - 1])))
            else:
                sl.append('–')
        print('| %s | %s | %s |' % (k, ' | '.join(str(v) for v in vals), ', '.join(sl)))
    return out


# Inclusive-Ir entry points of the phases of one cc1 run (callgrind_annotate --inclusive=yes).
PHASES = [
    ('plugin (cdefer)', r'cdefer::\(anonymous namespace\)::Consumer::handleFunction'),
    ('parse + Sema', r'clang::Parser::ParseTopLevelDecl\b'),
    ('CodeGen (AST -> IR)', r'clang::CodeGen::CodeGenFunction::GenerateCode\b'),
    ('IR optimisation', r'llvm::PassManager<llvm::Module, llvm::AnalysisManager<llvm::Module>>::run\b'),
    ('back end (codegen passes)', r'llvm::legacy::PassManager::run\b'),
]


def profile(a):
    r = subprocess.run(['callgrind_annotate', '--inclusive=yes', '--threshold=100', a.file],
                       capture_output=True, text=True, timeout=600)
    total = None
    rows = []
    for line in r.stdout.splitlines():
        m = re.match(r'^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(?:\*\s+)?(.*)$', line)
        if not m:
            continue
        v = int(m.group(1).replace(',', ''))
        if 'PROGRAM TOTALS' in m.group(2):
            total = v
        rows.append((v, m.group(2)))
    print('total Ir: %s' % total)
    for name, pat in PHASES:
        best = max((v for v, f in rows if re.search(pat, f)), default=0)
        print('  %-28s %14d  %5.1f %%' % (name, best, 100.0 * best / total if total else 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('what', choices=['heavy', 'scaling', 'profile'])
    ap.add_argument('file', nargs='?')
    ap.add_argument('--compiler', choices=['clang', 'gcc'], default='clang')
    ap.add_argument('--build-dir', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--clang', default=None, help='default: the Clang of BUILD/CMakeCache.txt (Clang_DIR)')
    ap.add_argument('--so', default=None, help='default: BUILD/cdefer-clang.so')
    ap.add_argument('--funcs', type=int, default=200)
    ap.add_argument('--opt', default='-O0,-O2')
    ap.add_argument('--ns', default='250,500,1000,2000')
    ap.add_argument('--axis', default='defers')
    ap.add_argument('--only', default='', help='comma-separated config keys')
    ap.add_argument('--keep', default='')
    ap.add_argument('--json', default='')
    ap.add_argument('--timeout', type=int, default=1200)
    a = ap.parse_args()
    a.only = [k for k in a.only.split(',') if k]
    if a.what == 'profile':
        return profile(a)
    tc = Toolchain(a.build_dir)
    if a.compiler == 'gcc':
        a.cc = tc.gcc
        a.so = a.so or tc.gcc_named_so
    else:
        a.cc = a.clang or tc.clang
        a.so = a.so or tc.clang_so
        if not a.cc:
            ap.error('no Clang in %s/CMakeCache.txt (Clang_DIR): give --build-dir or --clang' % a.build_dir)
    a.keep = a.keep or tempfile.mkdtemp(prefix='cdefer-instr-')
    os.makedirs(a.keep, exist_ok=True)
    out = heavy(a) if a.what == 'heavy' else scaling(a)
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(out, f, indent=1)


if __name__ == '__main__':
    main()
