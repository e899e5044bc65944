# bench/cdefer_bench/part5.py - part 5, panic/recover: a round trip (raise
# DEPTH frames down, recover at the top) with cdefer's runtime (recover() as
# the plugins lower it, and lowered by hand per cdefer_abi.h), C++
# throw/catch, setjmp/longjmp and Go; instructions under callgrind, wall
# clock, and for cdefer where the instructions go (inclusive Ir of the
# runtime's functions).  Returns the JSON of results.json's "part5".
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import re

from .common import COMPILE_TIMEOUT, GO_ENV, INC, SRC, disp, first_error, log, median, run, shq

# The runtime's functions (runtime/src/panic.c, frames.c) and the unwinder's
# and libc's entry points whose inclusive cost the report lists per round trip.
PROFILE_FUNCS = ['cdefer_panic', '_Unwind_ForcedUnwind', '_Unwind_Resume', '_Unwind_Find_FDE', '__gcc_personality_v0',
                 'stop', 'land', 'cdefer_frame_stop_at', 'cdefer_frame_ids', 'format_message', '__cdefer_recover_in',
                 '_dl_find_object', 'vsnprintf', '__vsnprintf_internal', '_setjmp', '__longjmp', 'longjmp',
                 '__libc_siglongjmp']

NOT_STOPPED = 'recover() did not stop the panic (the program printed "panic: boom")'


def runtime_has_panic():
    try:
        txt = open(os.path.join(INC, 'cdefer.h')).read()
    except OSError:
        return False
    return 'cdefer_panic' in txt and 'cdefer_recover' in txt


def profile(outf, calls):
    """Inclusive instructions per round trip of the runtime's main
    functions, from the callgrind output outf."""
    r = run(['callgrind_annotate', '--inclusive=yes', '--threshold=100', outf], timeout=120, nice=False)
    prof = {}
    for line in r.out.splitlines():
        m = re.match(r'^\s*([\d,]+)\s+\([^)]*\)\s+\S*?:([\w.]+)(?:\'\d+)?\s', line)
        name = m.group(2).split('.')[0] if m else None          # format_message.constprop.0
        if m and name in PROFILE_FUNCS and name not in prof:
            prof[name] = int(m.group(1).replace(',', '')) / calls
    return prof


def specs(tc):
    lib = [tc.libcdefer, '-lpthread']
    hand = 'cdefer runtime, recover() lowered by hand per cdefer_abi.h'
    return [
        ('cdefer-gcc', 'cdefer panic/recover (GCC plugin)', tc.gcc, tc.gcc_plugin(False), 'p_cdefer.c', lib, tc.gcc_so),
        ('cdefer-clang22', 'cdefer panic/recover (Clang 22 plugin)', tc.clang, tc.clang_plugin(tc.clang_so, False),
         'p_cdefer.c', lib, tc.clang_so),
        ('cdefer-abi-gcc', hand + ' (GCC plugin)', tc.gcc, tc.gcc_plugin(False), 'p_abi.c', lib, tc.gcc_so),
        ('cdefer-abi-clang22', hand + ' (Clang 22 plugin)', tc.clang, tc.clang_plugin(tc.clang_so, False),
         'p_abi.c', lib, tc.clang_so),
        ('cxx-g++', 'C++ throw/catch (g++)', tc.gxx, [], 'p_cxx.cpp', [], None),
        ('cxx-clang++22', 'C++ throw/catch (clang++-22)', tc.clangxx, [], 'p_cxx.cpp', [], None),
        ('setjmp-gcc', 'setjmp/longjmp (gcc)', tc.gcc, [], 'p_setjmp.c', [], None),
    ]


def _build(B, d):
    tc = B.tc
    drv = os.path.join(d, 'p_driver.o')
    r = run([tc.gcc, '-O2', '-c', os.path.join(SRC, 'p_driver.c'), '-o', drv], timeout=COMPILE_TIMEOUT)
    if not r.ok:
        raise SystemExit('p_driver.c: ' + first_error(r))
    rows = []
    rt_err = None if os.path.isfile(tc.libcdefer) and runtime_has_panic() else (
        'runtime not built yet (%s with panic/recover in runtime/include/cdefer.h)' % disp(tc.libcdefer))
    for rid, label, cc, flags, src, libs, so in specs(tc):
        row = {'id': rid, 'label': label}
        rows.append(row)
        if rid.startswith('cdefer') and rt_err:
            row['error'] = rt_err
            continue
        if not cc:
            row['error'] = 'no such compiler in the CMake cache'
            continue
        if so and not os.path.isfile(so):
            row['error'] = 'plugin not built yet'
            continue
        obj, exe = os.path.join(d, rid + '.o'), os.path.join(d, rid)
        cmd = [cc] + flags + ['-O2', '-c', os.path.join(SRC, src), '-o', obj]
        r = run(cmd, timeout=COMPILE_TIMEOUT)
        row['command'] = shq(cmd)
        if not r.ok:
            row['error'] = 'compile failed: ' + first_error(r)
            continue
        r = run([tc.gxx if src.endswith('.cpp') else tc.gcc, drv, obj, '-o', exe] + libs, timeout=COMPILE_TIMEOUT)
        if not r.ok:
            row['error'] = 'link failed: ' + first_error(r)
            continue
        row['exe'] = exe
    goexe, goerr = B.build_go('5')
    rows.append({'id': 'go', 'label': 'Go panic/recover', 'exe': goexe, 'error': goerr, 'go': True})
    return rows


def measure(B):
    args = B.args
    rows = _build(B, B.dir('p5'))

    def cmd_of(row, depth, n):
        if row.get('go'):
            return [row['exe'], 'panic%d' % depth, '-', str(n)]
        return [row['exe'], str(depth), str(n)]

    for row in rows:
        if row.get('error'):
            log('part5 %-15s skipped: %s' % (row['id'], row['error']))
            continue
        env = GO_ENV if row.get('go') else None
        r = run(cmd_of(row, 1, 10), timeout=60, env=env)
        if not r.ok:
            row['error'] = NOT_STOPPED if 'panic: boom' in r.err else 'run failed: ' + first_error(r)
            log('part5 %-15s %s' % (row['id'], row['error']))
            continue
        for depth in (1, 10):
            ir, err = B.ir_per_call(lambda n: cmd_of(row, depth, n), args.panic_cg, env)
            row['ir_%d' % depth] = ir
            if err:
                row['error'] = 'callgrind: ' + (NOT_STOPPED if 'panic: boom' in err else err)
                break
            if row['id'].startswith('cdefer'):
                row['profile_%d' % depth] = profile(B.callgrind_out, 2 * args.panic_cg)
            runs = []
            for _ in range(args.panic_reps):
                r = run(cmd_of(row, depth, args.panic_calls), timeout=120, env=env)
                if r.ok:
                    runs.append(float(r.out.split()[0]))
                else:
                    row['error'] = 'run failed: ' + first_error(r)
                    break
            row['ns_%d' % depth] = median(runs)
        log('part5 %-15s Ir %s / %s' % (row['id'], row.get('ir_1'), row.get('ir_10')))
    for row in rows:
        row.pop('exe', None)
    B.cmd('5', 'round trip', 'p_driver DEPTH N: trip(DEPTH) recurses DEPTH noinline frames and '
          'raises; the top frame recovers (callgrind N = %d/%d, wall N = %d, median of %d)'
          % (args.panic_cg, 2 * args.panic_cg, args.panic_calls, args.panic_reps))
    return {'rows': rows}
