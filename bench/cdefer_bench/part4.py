# bench/cdefer_bench/part4.py - part 4, scaling: for each axis of
# bench/src/gen.py (defers, returns, nesting, exits, targets, gotos) and
# each series (hand-written, cdefer, cdefer unwind=off, GCC's cleanup
# attribute, Clang 22's native _Defer) one generated function per n:
# compile time, .text bytes, instructions per call of its longest path;
# points whose compile time extrapolates past the limit are skipped.
# Returns the JSON of results.json's "part4" (scaling.py renders it).
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import math
import os

import gen  # bench/src/gen.py (on sys.path: see __init__.py)

from .common import COMPILE_TIMEOUT, NATIVE, SRC, disp, first_error, have, log, run, sections, write


def series(tc):
    """(id, label, compiler, flags, kind of source, plugin it needs)."""
    deep = ['-fbracket-depth=4096']
    return [
        ('gcc-goto', 'GCC hand-written', tc.gcc, [], 'goto', None),
        ('gcc-cdefer', 'GCC cdefer', tc.gcc, tc.gcc_plugin(False), 'defer', tc.gcc_so),
        ('gcc-cdefer-off', 'GCC cdefer unwind=off', tc.gcc, tc.gcc_plugin(True), 'defer', tc.gcc_so),
        ('gcc-cleanup', 'GCC cleanup attribute', tc.gcc, [], 'cleanup', None),
        ('clang22-goto', 'Clang 22 hand-written', tc.clang, deep, 'goto', None),
        ('clang22-cdefer', 'Clang 22 cdefer', tc.clang, deep + tc.clang_plugin(tc.clang_so, False), 'defer', tc.clang_so),
        ('clang22-native', 'Clang 22 -fdefer-ts -fexceptions', tc.clang, deep + NATIVE + ['-fexceptions'], 'defer', None),
    ]


def _predicted_skip(args, s, n):
    """Why point n is not run (its compile time extrapolated past the limit), or None."""
    done = [p for p in s['points'] if p.get('compile_wall') and not p.get('error')]
    if not (args.predict_limit and len(done) >= 2 and done[-1]['compile_wall'] > 2):
        return None
    a, b = done[-2], done[-1]
    k = math.log(max(b['compile_wall'], 1e-3) / max(a['compile_wall'], 1e-3)) / math.log(b['n'] / a['n'])
    k = max(1.0, k)
    # Superlinear compile times steepen (Clang's defers: 1.6 from 1000 to 3000, 2.6 from
    # 3000 to 10000): extrapolate them half a power faster.
    steep = 0.5 if k > 1.2 else 0.0
    pred = b['compile_wall'] * (n / b['n']) ** (k + steep)
    if pred <= args.predict_limit:
        return None
    return ('not run: extrapolated compile time %.0f s (wall; slope %.1f from n=%d '
            'and %d%s; run with --long to measure)' % (
                pred, k, a['n'], b['n'], ', +%.1f as superlinear' % steep if steep else ''))


def _point(B, d, main_o, axis, n, cc, flags, kind, pt):
    """Compile, size and run one point; returns why the series stops after it (or None)."""
    args = B.args
    src_d, src_g = gen.scaling(axis, n)
    src = write(os.path.join(d, '%s_%d_%s.c' % (axis, n, kind)),
                src_d if kind == 'defer' else src_g if kind == 'goto' else gen.scaling_cleanup(axis, n))
    obj = os.path.join(d, 'f.o')
    r = run([cc] + flags + ['-O2', '-c', src, '-o', obj], timeout=COMPILE_TIMEOUT)
    pt['compile_s'] = r.cpu
    pt['compile_wall'] = r.wall
    if not r.ok:
        pt['error'] = first_error(r)
        if r.timed_out:
            pt['timeout'] = COMPILE_TIMEOUT
        return 'after %s at %d' % ('timeout' if r.timed_out else 'failure', n)
    stop = None
    if r.wall > args.slow_limit and args.predict_limit:
        stop = ('not run: the point before (n=%d) took %.0f s to compile, more than %d s; run with '
                '--long to measure' % (n, r.wall, args.slow_limit))
    secs = sections(obj)
    pt['text'] = secs['text']
    pt['eh'] = secs['eh_frame'] + secs['except']
    exe = os.path.join(d, 'scale_exe')
    # static: valgrind starts 4x faster, and f's code is the same
    lr = run([B.tc.gcc, '-static', main_o, obj, '-o', exe], timeout=COMPILE_TIMEOUT)
    if not lr.ok:
        pt['error'] = 'link: ' + first_error(lr)
        return stop
    calls = max(5, args.scale_ir_budget // n)
    ir, err = B.ir_per_call(lambda k: [exe, str(k)], calls, timeout=300)
    pt['ir'] = ir
    if err:
        pt['error'] = 'callgrind: ' + err
    return stop


def measure(B):
    args, tc = B.args, B.tc
    d = B.dir('p4')
    main_o = os.path.join(d, 'scale_main.o')
    r = run([tc.gcc, '-O2', '-c', os.path.join(SRC, 'scale_main.c'), '-o', main_o], timeout=COMPILE_TIMEOUT)
    if not r.ok:
        raise SystemExit('scale_main.c: ' + first_error(r))
    res = {'axes': {}, 'slow_limit': args.slow_limit, 'predict_limit': args.predict_limit}
    for axis, sizes in args.axes:
        ax = {'sizes': sizes, 'series': {}}
        for sid, label, cc, flags, kind, so in series(tc):
            s = {'label': label, 'points': []}
            ax['series'][sid] = s
            if not have(cc):
                s['error'] = 'compiler not found'
                continue
            if so and not os.path.isfile(so):
                s['error'] = 'plugin not built yet'
                continue
            stop = None
            for n in sizes:
                pt = {'n': n}
                s['points'].append(pt)
                if stop:
                    pt['skipped'] = stop
                    continue
                if (axis, n) in args.long_only:
                    pt['skipped'] = args.long_only[(axis, n)]
                    continue
                why = _predicted_skip(args, s, n)
                if why:
                    pt['skipped'] = stop = why
                    continue
                stop = _point(B, d, main_o, axis, n, cc, flags, kind, pt)
            log('part4 %-8s %-15s %s' % (axis, sid, ' '.join(
                '%d:%s/%s/%s' % (p['n'], ('%.2fs' % p['compile_s']) if 'compile_s' in p else '-',
                                 p.get('text', '-'), ('%.0f' % p['ir']) if p.get('ir') else '-')
                for p in s['points'])))
        res['axes'][axis] = ax
    B.cmd('4', 'compile (example)', '%s -fplugin=%s -Iruntime/include -O2 -c '
          'bench/out/p4/AXIS_N_defer.c -o f.o   (generator: bench/src/gen.py AXIS N)'
          % (os.path.basename(tc.gcc), disp(tc.gcc_so)))
    B.cmd('4', 'run', 'valgrind --tool=callgrind scale_exe CALLS and 2*CALLS; '
          'Ir per call of f(-5) (its longest path)')
    return res
