# bench/cdefer_bench/part1.py - part 1, run-time cost per call: builds every
# variant of the two workloads (bench/src/v_*.c, v_raii.cpp, go/) with each
# compiler, checks that they compute the same checksum, counts instructions
# per call under callgrind and times them (wall clock, interleaved).
# Returns the JSON of results.json's "part1".
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os

from .common import COMPILE_TIMEOUT, GO_ENV, NATIVE, SRC, disp, first_error, have, log, median, run, shq

# The baseline each group's ratios are taken to (the renderer uses it too).
BASELINE = {'GCC 12': 'gcc-goto', 'Clang 22': 'clang22-goto', 'Clang 19': 'clang19-goto', 'Go': 'go-goto'}


def rows(tc):
    """Rows: (id, group, label, unwind, lang, compiler, flags, source)."""
    G, C, C19, GO = 'GCC 12', 'Clang 22', 'Clang 19', 'Go'
    gcc, gxx = tc.gcc, tc.gxx
    cl, clxx, cl19 = tc.clang, tc.clangxx, tc.clang19        # None: not in the CMake cache
    so19 = tc.clang19_so or os.path.join(tc.clang19_build, 'cdefer-clang.so')
    return [
        ('gcc-goto', G, 'hand-written goto cleanup', 'off', 'c', gcc, [], 'v_goto.c'),
        ('gcc-goto-eh', G, 'hand-written goto cleanup, -fexceptions', 'on', 'c', gcc, ['-fexceptions'], 'v_goto.c'),
        ('gcc-cdefer-off', G, 'cdefer (GCC plugin)', 'off', 'c', gcc, tc.gcc_plugin(True), 'v_defer.c'),
        ('gcc-cdefer-on', G, 'cdefer (GCC plugin)', 'on', 'c', gcc, tc.gcc_plugin(False), 'v_defer.c'),
        ('gcc-nested-off', G, 'cleanup attribute + nested function', 'off', 'c', gcc, [], 'v_nested.c'),
        ('gcc-nested-on', G, 'cleanup attribute + nested function', 'on', 'c', gcc, ['-fexceptions'], 'v_nested.c'),
        ('gcc-setjmp-off', G, 'setjmp-based defer emulation', 'off', 'c', gcc, [], 'v_setjmp.c'),
        ('gcc-setjmp-on', G, 'setjmp-based defer emulation', 'on', 'c', gcc, ['-fexceptions'], 'v_setjmp.c'),
        ('g++-raii-off', G, 'C++ RAII scope guard (g++)', 'off', 'cxx', gxx, ['-std=c++17', '-fno-exceptions'], 'v_raii.cpp'),
        ('g++-raii-on', G, 'C++ RAII scope guard (g++)', 'on', 'cxx', gxx, ['-std=c++17'], 'v_raii.cpp'),
        ('clang22-goto', C, 'hand-written goto cleanup', 'off', 'c', cl, [], 'v_goto.c'),
        ('clang22-goto-eh', C, 'hand-written goto cleanup, -fexceptions', 'on', 'c', cl, ['-fexceptions'], 'v_goto.c'),
        ('clang22-cdefer-off', C, 'cdefer (Clang plugin)', 'off', 'c', cl, tc.clang_plugin(tc.clang_so, True), 'v_defer.c'),
        ('clang22-cdefer-on', C, 'cdefer (Clang plugin)', 'on', 'c', cl, tc.clang_plugin(tc.clang_so, False), 'v_defer.c'),
        ('clang22-native-off', C, 'clang-22 -fdefer-ts (native)', 'off', 'c', cl, NATIVE, 'v_defer.c'),
        ('clang22-native-on', C, 'clang-22 -fdefer-ts (native)', 'on', 'c', cl, NATIVE + ['-fexceptions'], 'v_defer.c'),
        ('clang22-setjmp-off', C, 'setjmp-based defer emulation', 'off', 'c', cl, [], 'v_setjmp.c'),
        ('clang22-setjmp-on', C, 'setjmp-based defer emulation', 'on', 'c', cl, ['-fexceptions'], 'v_setjmp.c'),
        ('clang++22-raii-off', C, 'C++ RAII scope guard (clang++-22)', 'off', 'cxx', clxx, ['-std=c++17', '-fno-exceptions'], 'v_raii.cpp'),
        ('clang++22-raii-on', C, 'C++ RAII scope guard (clang++-22)', 'on', 'cxx', clxx, ['-std=c++17'], 'v_raii.cpp'),
        ('clang19-goto', C19, 'hand-written goto cleanup', 'off', 'c', cl19, [], 'v_goto.c'),
        ('clang19-goto-eh', C19, 'hand-written goto cleanup, -fexceptions', 'on', 'c', cl19, ['-fexceptions'], 'v_goto.c'),
        ('clang19-cdefer-off', C19, 'cdefer (Clang 19 plugin)', 'off', 'c', cl19, tc.clang_plugin(so19, True), 'v_defer.c'),
        ('clang19-cdefer-on', C19, 'cdefer (Clang 19 plugin)', 'on', 'c', cl19, tc.clang_plugin(so19, False), 'v_defer.c'),
        ('go-goto', GO, 'Go, hand-written cleanup', 'n/a', 'go', 'go', [], 'goto'),
        ('go-defer', GO, 'Go defer (open-coded)', 'n/a', 'go', 'go', [], 'defer'),
        ('go-loop', GO, 'Go defer in a loop (runtime defer records)', 'n/a', 'go', 'go', [], 'loop'),
    ]


def _build(B, d):
    """Compile and link every row; returns the rows (dicts) with 'exe' or 'error'."""
    tc = B.tc
    helpers, drv = os.path.join(d, 'helpers.o'), os.path.join(d, 'driver.o')
    for src, obj in (('helpers.c', helpers), ('driver.c', drv)):
        cmd = [tc.gcc, '-O2', '-c', os.path.join(SRC, src), '-o', obj]
        r = run(cmd, timeout=COMPILE_TIMEOUT)
        B.cmd('1', 'shared ' + src, shq(cmd))
        if not r.ok:
            raise SystemExit('cannot build %s: %s' % (src, first_error(r)))
    goexe, goerr = B.build_go('1')
    out = []
    for (rid, group, label, unwind, lang, cc, flags, src) in rows(tc):
        row = dict(id=rid, group=group, label=label, unwind=unwind, lang=lang)
        out.append(row)
        if lang == 'go':
            row['exe'], row['error'] = goexe, goerr
            row['variant'] = src
            continue
        if not cc:
            row['error'] = ('no Clang 19 build tree (%s/CMakeCache.txt)' % disp(tc.clang19_build) if group == 'Clang 19'
                            else 'no Clang_DIR in %s/CMakeCache.txt' % disp(tc.build))
            continue
        if not have(cc):
            row['error'] = 'compiler %s not installed' % cc
            continue
        missing = [f[len('-fplugin='):] for f in flags if f.startswith('-fplugin=') and
                   not os.path.isfile(f[len('-fplugin='):])]
        if missing:
            row['error'] = 'plugin %s not built yet' % disp(missing[0])
            continue
        obj, exe = os.path.join(d, rid + '.o'), os.path.join(d, rid)
        cmd = [cc] + flags + ['-O2', '-c', os.path.join(SRC, src), '-o', obj]
        r = run(cmd, timeout=COMPILE_TIMEOUT)
        row['command'] = shq(cmd)
        if not r.ok:
            row['error'] = 'compile failed: ' + first_error(r)
            continue
        link = [tc.gxx if lang == 'cxx' else tc.gcc, drv, helpers, obj, '-o', exe, '-lpthread']
        r = run(link, timeout=COMPILE_TIMEOUT)
        if not r.ok:
            row['error'] = 'link failed: ' + first_error(r)
            continue
        row['exe'] = exe
    return out


def measure(B):
    args = B.args
    d = B.dir('p1')
    res = {'rows': [], 'calls': args.calls, 'cg_calls': args.cg_calls, 'reps': args.reps}
    rs = _build(B, d)

    def cmd_of(row, work, n):
        if row['lang'] == 'go':
            return [row['exe'], work, row['variant'], str(n)]
        return [row['exe'], work, str(n)]

    def env_of(row):
        return GO_ENV if row['lang'] == 'go' else None

    works = ('mutex', 'res')
    # instruction counts (primary figure)
    for row in rs:
        if row.get('error'):
            log('part1 %-20s skipped: %s' % (row['id'], row['error']))
            continue
        for w in works:
            ir, err = B.ir_per_call(lambda n: cmd_of(row, w, n), args.cg_calls, env_of(row))
            row['ir_' + w] = ir
            if err:
                row['error'] = 'callgrind: ' + err
            # checksum at a fixed n: every variant must do the same work
            r = run(cmd_of(row, w, 100000), timeout=120, env=env_of(row))
            parts = r.out.split()
            row['sum_' + w] = parts[1] if r.ok and len(parts) > 1 else None
        log('part1 %-20s Ir/call mutex %s res %s' % (row['id'], row.get('ir_mutex'), row.get('ir_res')))
    # wall clock (secondary), runs interleaved across rows
    live = [row for row in rs if not row.get('error')]
    for row in live:
        for w in works:
            row['ns_' + w + '_runs'] = []
            r = run(cmd_of(row, w, 1000000), timeout=120, env=env_of(row))   # calibrate, warm up
            est = float(r.out.split()[0]) if r.ok else 100.0
            row['n_' + w] = int(min(args.calls, max(100000, 1.5e9 / max(est, 1e-3))))
    for rep in range(args.reps):
        for row in live:
            for w in works:
                r = run(cmd_of(row, w, row['n_' + w]), timeout=120, env=env_of(row))
                if r.ok:
                    row['ns_' + w + '_runs'].append(float(r.out.split()[0]))
        log('part1 wall-clock rep %d/%d done' % (rep + 1, args.reps))
    for row in live:
        for w in works:
            row['ns_' + w] = median(row['ns_' + w + '_runs'])
    for row in rs:
        row.pop('exe', None)
    res['rows'] = rs
    ex = next((r for r in rs if r['id'] == 'gcc-cdefer-off' and r.get('command')), None)
    if ex:
        B.cmd('1', 'variant object (example)', ex['command'])
    B.cmd('1', 'link', 'gcc driver.o helpers.o VARIANT.o -o VARIANT -lpthread  (g++ for C++)')
    B.cmd('1', 'instructions', 'valgrind --tool=callgrind VARIANT mutex|res N, '
          'N = %d and %d; Ir per call = difference / %d' % (args.cg_calls, 2 * args.cg_calls, args.cg_calls))
    B.cmd('1', 'wall clock', 'nice -n 10 VARIANT mutex|res %d (median of %d runs, '
          'interleaved across variants)' % (args.calls, args.reps))
    return res
