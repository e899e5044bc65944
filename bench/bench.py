#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""bench/bench.py - cdefer's benchmark harness (run it through bench/run.sh).

Builds and measures, in one run:
  part1  run-time cost per call of two realistic functions, every variant
  part2  code size and shape per function, -O0/-O2/-Os, unwinding on/off
  part3  compile time: plugin loaded vs not (SQLite amalgamation, generated
         defer-heavy file vs its goto twin)
  part3prof  where Clang's -O0 compile of the defer-heavy file spends its
         time, native _Defer vs the plugin (-ftime-report)
  part4  scaling curves (defers, nesting depth, exits per scope, ...)
  part5  panic/recover round trips vs C++ throw/catch, setjmp/longjmp, Go
and writes docs/PERFORMANCE.md plus charts under docs/img/.

Rows whose compiler or plugin is missing (or fails) are reported as such;
re-running picks them up.  Results are kept in bench/out/results.json, so
`--only partN` re-measures one part and rewrites the whole report.

Standard library only (Debian's /usr/bin/python3).
"""
import argparse
import datetime
import glob
import json
import math
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(HERE, 'src')
OUT = os.environ.get('BENCH_OUT') or os.path.join(HERE, 'out')     # BENCH_OUT: a second, parallel store
DOC = os.path.join(OUT, 'PERFORMANCE.md') if os.environ.get('BENCH_OUT') else \
    os.path.join(ROOT, 'docs', 'PERFORMANCE.md')
IMG = os.path.join(ROOT, 'docs', 'img')
INC = os.path.join(ROOT, 'runtime', 'include')
sys.path.insert(0, SRC)
import gen  # noqa: E402
import scaling  # noqa: E402
import compile_profile  # noqa: E402
from scaling import AXIS_DESC  # noqa: E402

GCC = 'gcc'
GXX = 'g++'
CLANG22 = '/usr/lib/llvm-22/bin/clang'
CLANGXX22 = '/usr/lib/llvm-22/bin/clang++'
CLANG19 = '/usr/lib/llvm-19/bin/clang'
GCC_SO = os.path.join(ROOT, 'build', 'cdefer-gcc.so')
CLANG_SO = os.path.join(ROOT, 'build', 'cdefer-clang.so')
LIBCDEFER = os.path.join(ROOT, 'build', 'libcdefer.a')
NICE = ['nice', '-n', '10']
COMPILE_TIMEOUT = 300
CAP = 1 << 20          # bytes of stdout/stderr kept per command; the rest is discarded

COMMANDS = []          # (part, what, command line) - printed in the report


def log(*a):
    print('[bench %s]' % time.strftime('%H:%M:%S'), *a, file=sys.stderr, flush=True)


def find_clang19_so():
    for p in (os.path.join(ROOT, 'build', 'matrix', 'clang-19', 'cdefer-clang.so'),
              *sorted(glob.glob(os.path.join(ROOT, 'build', 'matrix', 'clang-19', '**',
                                             'cdefer-clang*.so'), recursive=True))):
        if os.path.isfile(p):
            return p
    return None


# --------------------------------------------------------------------------
# running things
# --------------------------------------------------------------------------

class Res:
    def __init__(self, rc, out, err, cpu, wall, timed_out):
        self.rc, self.out, self.err = rc, out, err
        self.cpu, self.wall, self.timed_out = cpu, wall, timed_out

    @property
    def ok(self):
        return self.rc == 0 and not self.timed_out


CHILD = {'pid': None}


def _on_signal(signum, frame):
    """Stop the command being run (its own process group) with us."""
    if CHILD['pid']:
        try:
            os.killpg(CHILD['pid'], signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    sys.exit(128 + signum)


def _drain(pipe, buf):
    kept = 0
    while True:
        chunk = pipe.read(65536)
        if not chunk:
            break
        if kept < CAP:
            buf.append(chunk[:CAP - kept])
            kept += len(buf[-1])
    pipe.close()


def run(cmd, timeout=120, nice=True, env=None, cwd=None):
    """Run cmd with a time limit and an output cap; returns Res with the
    child's CPU time (user+sys, including the processes it waited for)."""
    full = (NICE if nice else []) + list(cmd)
    e = dict(os.environ)
    if env:
        e.update(env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=e, cwd=cwd, start_new_session=True)
    CHILD['pid'] = p.pid
    ob, eb = [], []
    th = [threading.Thread(target=_drain, args=(p.stdout, ob)),
          threading.Thread(target=_drain, args=(p.stderr, eb))]
    for t in th:
        t.start()
    timed_out = False
    try:
        p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
    for t in th:
        t.join()
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Res(p.returncode, b''.join(ob).decode('utf-8', 'replace'),
               b''.join(eb).decode('utf-8', 'replace'), cpu, wall, timed_out)


def shq(cmd):
    return ' '.join(c if re.match(r'^[\w@%+=:,./-]+$', c) else "'" + c.replace("'", "'\\''") + "'"
                    for c in cmd)


def first_error(res):
    if res.timed_out:
        return 'timed out'
    lines = [l for l in res.err.splitlines() if l.strip()]
    for l in lines:
        if 'error' in l.lower() or 'internal compiler' in l.lower():
            return l.strip()[:200]
    return (lines[0].strip()[:200] if lines else 'exit code %s' % res.rc)


def callgrind_ir(cmd, env=None, timeout=300):
    """Total instructions executed by cmd under callgrind (None on failure)."""
    outf = os.path.join(OUT, 'callgrind.out')
    r = run(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + outf] + cmd,
            timeout=timeout, env=env)
    m = re.search(r'Collected\s*:\s*(\d+)', r.err)
    if not r.ok or not m:
        return None, r
    return int(m.group(1)), r


def ir_per_call(mk_cmd, n, env=None, timeout=300):
    """(Ir(2n) - Ir(n)) / n: instructions per call with start-up and exit
    costs cancelled out."""
    a, ra = callgrind_ir(mk_cmd(n), env, timeout)
    if a is None:
        return None, first_error(ra)
    b, rb = callgrind_ir(mk_cmd(2 * n), env, timeout)
    if b is None:
        return None, first_error(rb)
    return (b - a) / n, None


def median(xs):
    return statistics.median(xs) if xs else None


# --------------------------------------------------------------------------
# compilers and configurations
# --------------------------------------------------------------------------

def have(path_or_cmd):
    return bool(shutil.which(path_or_cmd)) or os.path.isfile(path_or_cmd)


def version_line(cmd):
    r = run(cmd, timeout=30, nice=False)
    txt = (r.out or r.err).strip().splitlines()
    return txt[0] if txt else '?'


PG_OFF = ['-fplugin-arg-cdefer-gcc-unwind=off']
PC_OFF = ['-Xclang', '-plugin-arg-cdefer', '-Xclang', 'unwind=off']


GCC_ARG_WORKAROUND = {'so': None}


def gcc_plugin(off):
    if off and GCC_ARG_WORKAROUND['so']:
        # GCC takes a plugin's name from its file name up to the first '-'
        # when it parses -fplugin-arg-NAME-KEY, so -fplugin-arg-cdefer-gcc-*
        # only reaches a plugin loaded as "cdefer.so" (build/cdefer.so, a link
        # to cdefer-gcc.so); the plugin accepts the key "gcc-unwind".
        return ['-fplugin=' + GCC_ARG_WORKAROUND['so'], '-I' + INC] + PG_OFF
    return ['-fplugin=' + GCC_SO, '-I' + INC] + (PG_OFF if off else [])


def check_gcc_plugin_arg():
    """Use -fplugin=build/cdefer-gcc.so with the unwind=off flag if GCC
    accepts it, else build/cdefer.so, else a link of our own named
    cdefer.so; returns a note for the report (or None)."""
    GCC_ARG_WORKAROUND['so'] = None
    if not os.path.isfile(GCC_SO):
        return None
    d = os.path.join(OUT, 'probe')
    os.makedirs(d, exist_ok=True)
    src = os.path.join(d, 'empty.c')
    with open(src, 'w') as f:
        f.write('int probe_x;\n')

    def ok():
        return run([GCC] + gcc_plugin(True) + ['-c', src, '-o', os.path.join(d, 'empty.o')], timeout=60)
    r = ok()
    if r.ok:
        return None
    msg = first_error(r)
    for official in (os.path.join(ROOT, 'build', 'gcc', 'cdefer.so'), os.path.join(ROOT, 'build', 'cdefer.so')):
        if not os.path.isfile(official):
            continue
        GCC_ARG_WORKAROUND['so'] = official
        if ok().ok:
            return ('`-fplugin=build/cdefer-gcc.so %s` is rejected by GCC 12 (`%s`: GCC cuts the plugin name '
                    'of `-fplugin-arg-NAME-KEY` at the first `-`); the "unwind off" GCC rows load the plugin as '
                    '`%s` (the build\'s link to it), with which the option works.'
                    % (' '.join(PG_OFF), msg, os.path.relpath(official, ROOT)))
    link = os.path.join(OUT, 'plugins', 'cdefer.so')
    os.makedirs(os.path.dirname(link), exist_ok=True)
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(GCC_SO, link)
    GCC_ARG_WORKAROUND['so'] = link
    if not ok().ok:
        GCC_ARG_WORKAROUND['so'] = None
        return 'the GCC option `%s` fails (`%s`) under every plugin file name tried' % (' '.join(PG_OFF), msg)
    return ('`-fplugin=build/cdefer-gcc.so %s` is rejected by GCC 12 (`%s`: GCC cuts the plugin name of '
            '`-fplugin-arg-NAME-KEY` at the first `-`), and build/cdefer.so is absent; the "unwind off" GCC '
            'rows load the same plugin through a link named `cdefer.so`.' % (' '.join(PG_OFF), msg))


def clang_plugin(so, off):
    return ['-fplugin=' + so, '-I' + INC] + (PC_OFF if off else [])


NATIVE = ['-fdefer-ts', '-std=c2y', '-I' + INC]


def plugin_works(cc, flags):
    """Compile and run a tiny defer program; None if it prints the right thing."""
    d = os.path.join(OUT, 'probe')
    os.makedirs(d, exist_ok=True)
    src = os.path.join(d, 'probe.c')
    with open(src, 'w') as f:
        f.write('#include <stdio.h>\n#include <stddefer.h>\n'
                'static int g(int x) { defer printf("d%d ", x); if (x) return 1; printf("b "); return 0; }\n'
                'int main(void) { g(0); g(1); puts(""); return 0; }\n')
    exe = os.path.join(d, 'probe_%d' % abs(hash((cc,) + tuple(flags))))
    r = run([cc] + flags + ['-O2', src, '-o', exe], timeout=COMPILE_TIMEOUT)
    if not r.ok:
        return 'does not compile: ' + first_error(r)
    r = run([exe], timeout=10)
    if r.out.strip() != 'b d0 d1':
        return 'wrong output %r' % r.out.strip()[:80]
    return None


# --------------------------------------------------------------------------
# part 1: run-time cost per call
# --------------------------------------------------------------------------

def part1_rows(clang19_so):
    """Rows: (id, group, label, unwind, lang, compiler, flags, source)."""
    rows = []
    G, C, C19, GO = 'GCC 12', 'Clang 22', 'Clang 19', 'Go'
    rows += [
        ('gcc-goto', G, 'hand-written goto cleanup', 'off', 'c', GCC, [], 'v_goto.c'),
        ('gcc-goto-eh', G, 'hand-written goto cleanup, -fexceptions', 'on', 'c', GCC, ['-fexceptions'], 'v_goto.c'),
        ('gcc-cdefer-off', G, 'cdefer (GCC plugin)', 'off', 'c', GCC, gcc_plugin(True), 'v_defer.c'),
        ('gcc-cdefer-on', G, 'cdefer (GCC plugin)', 'on', 'c', GCC, gcc_plugin(False), 'v_defer.c'),
        ('gcc-nested-off', G, 'cleanup attribute + nested function', 'off', 'c', GCC, [], 'v_nested.c'),
        ('gcc-nested-on', G, 'cleanup attribute + nested function', 'on', 'c', GCC, ['-fexceptions'], 'v_nested.c'),
        ('gcc-setjmp-off', G, 'setjmp-based defer emulation', 'off', 'c', GCC, [], 'v_setjmp.c'),
        ('gcc-setjmp-on', G, 'setjmp-based defer emulation', 'on', 'c', GCC, ['-fexceptions'], 'v_setjmp.c'),
        ('g++-raii-off', G, 'C++ RAII scope guard (g++)', 'off', 'cxx', GXX, ['-std=c++17', '-fno-exceptions'], 'v_raii.cpp'),
        ('g++-raii-on', G, 'C++ RAII scope guard (g++)', 'on', 'cxx', GXX, ['-std=c++17'], 'v_raii.cpp'),
        ('clang22-goto', C, 'hand-written goto cleanup', 'off', 'c', CLANG22, [], 'v_goto.c'),
        ('clang22-goto-eh', C, 'hand-written goto cleanup, -fexceptions', 'on', 'c', CLANG22, ['-fexceptions'], 'v_goto.c'),
        ('clang22-cdefer-off', C, 'cdefer (Clang plugin)', 'off', 'c', CLANG22, clang_plugin(CLANG_SO, True), 'v_defer.c'),
        ('clang22-cdefer-on', C, 'cdefer (Clang plugin)', 'on', 'c', CLANG22, clang_plugin(CLANG_SO, False), 'v_defer.c'),
        ('clang22-native-off', C, 'clang-22 -fdefer-ts (native)', 'off', 'c', CLANG22, NATIVE, 'v_defer.c'),
        ('clang22-native-on', C, 'clang-22 -fdefer-ts (native)', 'on', 'c', CLANG22, NATIVE + ['-fexceptions'], 'v_defer.c'),
        ('clang22-setjmp-off', C, 'setjmp-based defer emulation', 'off', 'c', CLANG22, [], 'v_setjmp.c'),
        ('clang22-setjmp-on', C, 'setjmp-based defer emulation', 'on', 'c', CLANG22, ['-fexceptions'], 'v_setjmp.c'),
        ('clang++22-raii-off', C, 'C++ RAII scope guard (clang++-22)', 'off', 'cxx', CLANGXX22, ['-std=c++17', '-fno-exceptions'], 'v_raii.cpp'),
        ('clang++22-raii-on', C, 'C++ RAII scope guard (clang++-22)', 'on', 'cxx', CLANGXX22, ['-std=c++17'], 'v_raii.cpp'),
    ]
    rows += [
        ('clang19-goto', C19, 'hand-written goto cleanup', 'off', 'c', CLANG19, [], 'v_goto.c'),
        ('clang19-goto-eh', C19, 'hand-written goto cleanup, -fexceptions', 'on', 'c', CLANG19, ['-fexceptions'], 'v_goto.c'),
        ('clang19-cdefer-off', C19, 'cdefer (Clang 19 plugin)', 'off', 'c', CLANG19,
         clang_plugin(clang19_so or '/missing/build/matrix/clang-19/cdefer-clang.so', True), 'v_defer.c'),
        ('clang19-cdefer-on', C19, 'cdefer (Clang 19 plugin)', 'on', 'c', CLANG19,
         clang_plugin(clang19_so or '/missing/build/matrix/clang-19/cdefer-clang.so', False), 'v_defer.c'),
    ]
    rows += [
        ('go-goto', GO, 'Go, hand-written cleanup', 'n/a', 'go', 'go', [], 'goto'),
        ('go-defer', GO, 'Go defer (open-coded)', 'n/a', 'go', 'go', [], 'defer'),
        ('go-loop', GO, 'Go defer in a loop (runtime defer records)', 'n/a', 'go', 'go', [], 'loop'),
    ]
    return rows


BASELINE = {'GCC 12': 'gcc-goto', 'Clang 22': 'clang22-goto', 'Clang 19': 'clang19-goto', 'Go': 'go-goto'}


def build_go():
    d = os.path.join(OUT, 'go')
    os.makedirs(d, exist_ok=True)
    for f in ('main.go', 'go.mod'):
        shutil.copy(os.path.join(SRC, 'go', f), d)
    exe = os.path.join(d, 'gobench')
    cmd = ['go', 'build', '-buildvcs=false', '-o', exe, '.']
    r = run(cmd, timeout=COMPILE_TIMEOUT, cwd=d, env={'GOFLAGS': '-mod=mod', 'GO111MODULE': 'on'})
    COMMANDS.append(('1', 'Go (in bench/out/go)', shq(cmd)))
    if not r.ok:
        return None, 'go build failed: ' + first_error(r)
    return exe, None


GO_ENV = {'GODEBUG': 'asyncpreemptoff=1', 'GOGC': '100'}


def part1(args, R):
    d = os.path.join(OUT, 'p1')
    os.makedirs(d, exist_ok=True)
    res = {'rows': [], 'calls': args.calls, 'cg_calls': args.cg_calls, 'reps': args.reps}
    helpers = os.path.join(d, 'helpers.o')
    drv = os.path.join(d, 'driver.o')
    for src, obj in (('helpers.c', helpers), ('driver.c', drv)):
        cmd = [GCC, '-O2', '-c', os.path.join(SRC, src), '-o', obj]
        r = run(cmd, timeout=COMPILE_TIMEOUT)
        COMMANDS.append(('1', 'shared ' + src, shq(cmd)))
        if not r.ok:
            raise SystemExit('cannot build %s: %s' % (src, first_error(r)))
    goexe, goerr = (None, 'go not installed') if not have('go') else build_go()

    rows = []
    for (rid, group, label, unwind, lang, cc, flags, src) in part1_rows(R['clang19_so']):
        row = dict(id=rid, group=group, label=label, unwind=unwind, lang=lang)
        if lang == 'go':
            row['exe'], row['error'] = goexe, goerr
            row['variant'] = src
            rows.append(row)
            continue
        if not have(cc):
            row['error'] = 'compiler %s not installed' % cc
            rows.append(row)
            continue
        missing = [f[len('-fplugin='):] for f in flags if f.startswith('-fplugin=') and
                   not os.path.isfile(f[len('-fplugin='):])]
        if missing:
            row['error'] = 'plugin %s not built yet' % os.path.relpath(missing[0], ROOT)
            rows.append(row)
            continue
        obj = os.path.join(d, rid + '.o')
        exe = os.path.join(d, rid)
        cmd = [cc] + flags + ['-O2', '-c', os.path.join(SRC, src), '-o', obj]
        r = run(cmd, timeout=COMPILE_TIMEOUT)
        row['command'] = shq(cmd)
        if not r.ok:
            row['error'] = 'compile failed: ' + first_error(r)
            rows.append(row)
            continue
        link = [GXX if lang == 'cxx' else GCC, drv, helpers, obj, '-o', exe, '-lpthread']
        r = run(link, timeout=COMPILE_TIMEOUT)
        if not r.ok:
            row['error'] = 'link failed: ' + first_error(r)
            rows.append(row)
            continue
        row['exe'] = exe
        rows.append(row)

    def cmd_of(row, work, n):
        if row['lang'] == 'go':
            return [row['exe'], work, row['variant'], str(n)]
        return [row['exe'], work, str(n)]

    def env_of(row):
        return GO_ENV if row['lang'] == 'go' else None

    works = ('mutex', 'res')
    # instruction counts (primary figure)
    for row in rows:
        if row.get('error'):
            log('part1 %-20s skipped: %s' % (row['id'], row['error']))
            continue
        for w in works:
            ir, err = ir_per_call(lambda n: cmd_of(row, w, n), args.cg_calls, env_of(row))
            row['ir_' + w] = ir
            if err:
                row['error'] = 'callgrind: ' + err
            # checksum at a fixed n: every variant must do the same work
            r = run(cmd_of(row, w, 100000), timeout=120, env=env_of(row))
            parts = r.out.split()
            row['sum_' + w] = parts[1] if r.ok and len(parts) > 1 else None
        log('part1 %-20s Ir/call mutex %s res %s' % (row['id'], row.get('ir_mutex'), row.get('ir_res')))
    # wall clock (secondary), runs interleaved across rows
    live = [row for row in rows if not row.get('error')]
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
    for row in rows:
        row.pop('exe', None)
    res['rows'] = rows
    if rows:
        ex = next((r for r in rows if r['id'] == 'gcc-cdefer-off' and r.get('command')), None)
        if ex:
            COMMANDS.append(('1', 'variant object (example)', ex['command']))
        COMMANDS.append(('1', 'link', 'gcc driver.o helpers.o VARIANT.o -o VARIANT -lpthread  (g++ for C++)'))
        COMMANDS.append(('1', 'instructions', 'valgrind --tool=callgrind VARIANT mutex|res N, '
                         'N = %d and %d; Ir per call = difference / %d' % (args.cg_calls, 2 * args.cg_calls, args.cg_calls)))
        COMMANDS.append(('1', 'wall clock', 'nice -n 10 VARIANT mutex|res %d (median of %d runs, '
                         'interleaved across variants)' % (args.calls, args.reps)))
    return res


# --------------------------------------------------------------------------
# part 2: code size and shape
# --------------------------------------------------------------------------

FUNCS = ['counter_add', 'process3', 'sum_open', 'nested3', 'transfer']


def disasm(obj):
    """{function: [normalised instruction lines]} (f.cold parts folded into f)."""
    r = run(['objdump', '-dr', '--no-show-raw-insn', '-M', 'intel', obj], timeout=60, nice=False)
    funcs, cur = {}, None
    for line in r.out.splitlines():
        m = re.match(r'^[0-9a-f]+ <([^>]+)>:$', line)
        if m:
            name = m.group(1)
            base = name.split('.')[0]
            cur = funcs.setdefault(base, [])
            continue
        if cur is None or not line.strip():
            continue
        m = re.match(r'^\s+[0-9a-f]+:\s+(.*)$', line)
        if m:
            ins = m.group(1).strip()
            if ins.startswith('R_X86_64'):
                cur.append('  reloc ' + re.sub(r'\s+', ' ', ins))
            else:
                ins = re.sub(r'\b[0-9a-f]+ <[^>]+>', '<addr>', ins)
                ins = re.sub(r'#.*$', '', ins).strip()
                cur.append(ins)
    return funcs


def sym_sizes(obj):
    r = run(['nm', '-S', obj], timeout=60, nice=False)
    sizes = {}
    for line in r.out.splitlines():
        p = line.split()
        if len(p) == 4 and p[2].lower() == 't':
            base = p[3].split('.')[0]
            sizes[base] = sizes.get(base, 0) + int(p[1], 16)
    return sizes


def sections(obj):
    r = run(['size', '-A', obj], timeout=60, nice=False)
    s = {'text': 0, 'eh_frame': 0, 'except': 0}
    for line in r.out.splitlines():
        p = line.split()
        if len(p) >= 2 and p[1].isdigit():
            if p[0].startswith('.text'):
                s['text'] += int(p[1])
            elif p[0] == '.eh_frame':
                s['eh_frame'] += int(p[1])
            elif p[0] == '.gcc_except_table':
                s['except'] += int(p[1])
    return s


def count_insns(lines):
    return sum(1 for l in lines if not l.startswith('  reloc'))


def part2(args, R):
    d = os.path.join(OUT, 'p2')
    os.makedirs(d, exist_ok=True)
    comps = [('GCC 12', GCC, None, lambda off: gcc_plugin(off)),
             ('Clang 22', CLANG22, CLANG_SO, lambda off: clang_plugin(CLANG_SO, off))]
    if R['clang19_so']:
        comps.append(('Clang 19', CLANG19, R['clang19_so'], lambda off: clang_plugin(R['clang19_so'], off)))
    out = {'entries': [], 'errors': {}}
    for (cname, cc, so, pflags) in comps:
        so = so or GCC_SO
        for opt in ('-O0', '-O2', '-Os'):
            variants = [('hand', [], ['v_goto.c', 'shapes_goto.c'], 'off'),
                        ('hand-eh', ['-fexceptions'], ['v_goto.c', 'shapes_goto.c'], 'on'),
                        ('cdefer-off', pflags(True), ['v_defer.c', 'shapes_defer.c'], 'off'),
                        ('cdefer-on', pflags(False), ['v_defer.c', 'shapes_defer.c'], 'on')]
            if cname == 'Clang 22':
                variants += [('native-off', NATIVE, ['v_defer.c', 'shapes_defer.c'], 'off'),
                             ('native-on', NATIVE + ['-fexceptions'], ['v_defer.c', 'shapes_defer.c'], 'on')]
            ent = {'compiler': cname, 'opt': opt, 'v': {}}
            for (vname, flags, srcs, unwind) in variants:
                if vname.startswith('cdefer') and not os.path.isfile(so):
                    ent['v'][vname] = {'error': 'plugin not built yet'}
                    continue
                funcs, sizes, secs, err = {}, {}, {'text': 0, 'eh_frame': 0, 'except': 0}, None
                for s in srcs:
                    obj = os.path.join(d, '%s_%s_%s_%s.o' % (cname.replace(' ', ''), opt, vname, s[:-2]))
                    cmd = [cc] + flags + [opt, '-c', os.path.join(SRC, s), '-o', obj]
                    r = run(cmd, timeout=COMPILE_TIMEOUT)
                    if not r.ok:
                        err = 'compile failed: ' + first_error(r)
                        break
                    if cname == 'GCC 12' and opt == '-O2' and s == 'v_defer.c' and vname == 'cdefer-off':
                        COMMANDS.append(('2', 'object (example)', shq(cmd)))
                    funcs.update(disasm(obj))
                    sizes.update(sym_sizes(obj))
                    for k, v in sections(obj).items():
                        secs[k] += v
                if err:
                    ent['v'][vname] = {'error': err}
                    continue
                ent['v'][vname] = {
                    'insns': {f: count_insns(funcs.get(f, [])) for f in FUNCS},
                    'bytes': {f: sizes.get(f, 0) for f in FUNCS},
                    'other_funcs': sorted(set(sizes) - set(FUNCS)),
                    'sections': secs,
                    'norm': {f: funcs.get(f, []) for f in FUNCS},
                }
            # identical instruction streams?
            for vname in list(ent['v']):
                v = ent['v'][vname]
                if 'norm' not in v or vname.startswith('hand'):
                    continue
                base = ent['v'].get('hand-eh' if vname.endswith('-on') else 'hand', {})
                if 'norm' in base:
                    v['identical'] = {f: v['norm'][f] == base['norm'][f] for f in FUNCS}
            for v in ent['v'].values():
                v.pop('norm', None)
            out['entries'].append(ent)
        log('part2 %s done' % cname)
    COMMANDS.append(('2', 'measure', 'objdump -dr --no-show-raw-insn OBJ (instructions per function, '
                     'f.cold folded into f), nm -S (bytes), size -A (.text*, .eh_frame, .gcc_except_table)'))
    return out


# --------------------------------------------------------------------------
# part 3: compile time
# --------------------------------------------------------------------------

def fetch_sqlite():
    d = os.path.join(OUT, 'sqlite')
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
    with open(os.path.join(d, 'VERSION'), 'w') as f:
        f.write(m.group(1) if m else '?')
    return dst, None


def time_compiles(configs, reps, d, sizes=None):
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


def part3(args, R):
    d = os.path.join(OUT, 'p3')
    os.makedirs(d, exist_ok=True)
    res = {'sqlite': {}, 'heavy': {}, 'heavy_funcs': args.heavy_funcs}
    sq, err = (None, 'skipped (--no-sqlite)') if args.no_sqlite else fetch_sqlite()
    res['sqlite_error'] = err
    if sq:
        with open(sq, 'rb') as f:
            res['sqlite_lines'] = sum(1 for _ in f)
        try:
            res['sqlite_version'] = open(os.path.join(os.path.dirname(sq), 'VERSION')).read().strip()
        except OSError:
            pass
    heavy_d, heavy_g = gen.heavy(args.heavy_funcs)
    hd, hg = os.path.join(d, 'heavy_defer.c'), os.path.join(d, 'heavy_goto.c')
    with open(hd, 'w') as f:
        f.write(heavy_d)
    with open(hg, 'w') as f:
        f.write(heavy_g)
    res['heavy_lines'] = heavy_d.count('\n')
    obj = os.path.join(d, 'x.o')
    comps = [('GCC 12', GCC, GCC_SO, gcc_plugin), ('Clang 22', CLANG22, CLANG_SO,
                                                      lambda off: clang_plugin(CLANG_SO, off))]
    for cname, cc, so, pf in comps:
        for opt in ('-O0', '-O2'):
            if sq and (opt == '-O0' or not args.quick):
                cfg = [('none', [cc, opt, '-c', sq, '-o', obj])]
                if os.path.isfile(so):
                    cfg += [('plugin', [cc] + pf(False) + [opt, '-c', sq, '-o', obj])]
                    if opt == '-O0':
                        cfg += [('plugin-off', [cc] + pf(True) + [opt, '-c', sq, '-o', obj])]
                reps = args.sqlite_reps_o0 if opt == '-O0' else args.sqlite_reps_o2
                sz = {}
                t, e = time_compiles(cfg, reps, d, sz)
                res['sqlite'][cname + ' ' + opt] = {'times': t, 'errors': e, 'text': sz,
                                                    'plugin_missing': not os.path.isfile(so)}
                for k, c in cfg:
                    if cname == 'GCC 12' and opt == '-O2' or (cname == 'GCC 12' and args.quick):
                        COMMANDS.append(('3', 'sqlite3.c ' + k, shq(c)))
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
            t, e = time_compiles(cfg, args.heavy_reps, d, sz)
            res['heavy'][cname + ' ' + opt] = {'times': t, 'errors': e, 'text': sz,
                                               'plugin_missing': not os.path.isfile(so)}
            if cname == 'GCC 12' and opt == '-O2':
                for k, c in cfg:
                    COMMANDS.append(('3', 'heavy ' + k, shq(c)))
            log('part3 heavy %s %s %s' % (cname, opt, {k: median(v) for k, v in t.items()}))
    COMMANDS.append(('3', 'timing', 'CPU time (user+sys) of the compiler driver and everything it '
                     'waited for (cc1/as), from getrusage(RUSAGE_CHILDREN); configurations interleaved'))
    return res


def part3prof(args, R):
    """Where Clang spends the -O0 compile of the defer-heavy file with
    unwinding off (bench/compile_profile.py)."""
    d = os.path.join(OUT, 'p3')
    os.makedirs(d, exist_ok=True)
    heavy_d, heavy_g = gen.heavy(args.heavy_funcs)
    hd, hg = os.path.join(d, 'heavy_defer.c'), os.path.join(d, 'heavy_goto.c')
    with open(hd, 'w') as f:
        f.write(heavy_d)
    with open(hg, 'w') as f:
        f.write(heavy_g)
    res = {'reps': args.heavy_reps, 'defers': sum(1 for l in heavy_d.splitlines() if l.strip().startswith('defer '))}
    if not os.path.isfile(CLANG_SO):
        res['error'] = 'Clang plugin not built'
        return res
    obj = lambda k: os.path.join(d, 'prof_%s.o' % k)
    cfg = [('goto', [CLANG22, '-O0', '-c', hg, '-o', obj('goto')]),
           ('native', [CLANG22] + NATIVE + ['-O0', '-c', hd, '-o', obj('native')]),
           ('plugin-off', [CLANG22] + clang_plugin(CLANG_SO, True) + ['-O0', '-c', hd, '-o', obj('plugin-off')])]
    res['times'], res['errors'] = compile_profile.measure(run, cfg, args.heavy_reps, COMPILE_TIMEOUT)
    res['text'] = {k: sections(obj(k))['text'] for k, _ in cfg if k not in res['errors']}
    for k, c in cfg:
        COMMANDS.append(('3', 'profile ' + k, shq(c + ['-ftime-report'])))
    log('part3prof %s' % {k: sum(v.get(x, 0) for x in compile_profile.PHASES) for k, v in res['times'].items()})
    return res


# --------------------------------------------------------------------------
# part 4: scaling
# --------------------------------------------------------------------------

def scale_series():
    return [
        ('gcc-goto', 'GCC hand-written', GCC, [], 'goto', None),
        ('gcc-cdefer', 'GCC cdefer', GCC, gcc_plugin(False), 'defer', GCC_SO),
        ('gcc-cdefer-off', 'GCC cdefer unwind=off', GCC, gcc_plugin(True), 'defer', GCC_SO),
        ('gcc-cleanup', 'GCC cleanup attribute', GCC, [], 'cleanup', None),
        ('clang22-goto', 'Clang 22 hand-written', CLANG22, ['-fbracket-depth=4096'], 'goto', None),
        ('clang22-cdefer', 'Clang 22 cdefer', CLANG22, ['-fbracket-depth=4096'] + clang_plugin(CLANG_SO, False), 'defer', CLANG_SO),
        ('clang22-native', 'Clang 22 -fdefer-ts -fexceptions', CLANG22,
         ['-fbracket-depth=4096'] + NATIVE + ['-fexceptions'], 'defer', None),
    ]


def part4(args, R):
    d = os.path.join(OUT, 'p4')
    os.makedirs(d, exist_ok=True)
    main_o = os.path.join(d, 'scale_main.o')
    r = run([GCC, '-O2', '-c', os.path.join(SRC, 'scale_main.c'), '-o', main_o], timeout=COMPILE_TIMEOUT)
    if not r.ok:
        raise SystemExit('scale_main.c: ' + first_error(r))
    res = {'axes': {}, 'slow_limit': args.slow_limit, 'predict_limit': args.predict_limit}
    for axis, sizes in args.axes:
        ax = {'sizes': sizes, 'series': {}}
        for sid, label, cc, flags, kind, so in scale_series():
            s = {'label': label, 'points': []}
            ax['series'][sid] = s
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
                done = [p for p in s['points'] if p.get('compile_wall') and not p.get('error')]
                if args.predict_limit and len(done) >= 2 and done[-1]['compile_wall'] > 2:
                    a, b = done[-2], done[-1]
                    k = math.log(max(b['compile_wall'], 1e-3) / max(a['compile_wall'], 1e-3)) / math.log(b['n'] / a['n'])
                    k = max(1.0, k)
                    # Superlinear compile times steepen (Clang's defers: 1.6 from 1000 to 3000, 2.6 from
                    # 3000 to 10000): extrapolate them half a power faster.
                    steep = 0.5 if k > 1.2 else 0.0
                    pred = b['compile_wall'] * (n / b['n']) ** (k + steep)
                    if pred > args.predict_limit:
                        pt['skipped'] = ('not run: extrapolated compile time %.0f s (wall; slope %.1f from n=%d '
                                         'and %d%s; run with --long to measure)' % (
                                             pred, k, a['n'], b['n'], ', +%.1f as superlinear' % steep if steep
                                             else ''))
                        stop = pt['skipped']
                        continue
                src_d, src_g = gen.scaling(axis, n)
                src = os.path.join(d, '%s_%d_%s.c' % (axis, n, kind))
                with open(src, 'w') as f:
                    f.write(src_d if kind == 'defer' else src_g if kind == 'goto' else gen.scaling_cleanup(axis, n))
                obj = os.path.join(d, 'f.o')
                cmd = [cc] + flags + ['-O2', '-c', src, '-o', obj]
                r = run(cmd, timeout=COMPILE_TIMEOUT)
                pt['compile_s'] = r.cpu
                pt['compile_wall'] = r.wall
                if not r.ok:
                    pt['error'] = first_error(r)
                    stop = 'after %s at %d' % ('timeout' if r.timed_out else 'failure', n)
                    if r.timed_out:
                        pt['timeout'] = COMPILE_TIMEOUT
                    continue
                if r.wall > args.slow_limit and args.predict_limit:
                    stop = ('not run: the point before (n=%d) took %.0f s to compile, more than %d s; run with '
                            '--long to measure' % (n, r.wall, args.slow_limit))
                secs = sections(obj)
                pt['text'] = secs['text']
                pt['eh'] = secs['eh_frame'] + secs['except']
                exe = os.path.join(d, 'scale_exe')
                # static: valgrind starts 4x faster, and f's code is the same
                lr = run([GCC, '-static', main_o, obj, '-o', exe], timeout=COMPILE_TIMEOUT)
                if not lr.ok:
                    pt['error'] = 'link: ' + first_error(lr)
                    continue
                calls = max(5, args.scale_ir_budget // n)
                ir, err = ir_per_call(lambda k: [exe, str(k)], calls, timeout=300)
                pt['ir'] = ir
                if err:
                    pt['error'] = 'callgrind: ' + err
            log('part4 %-8s %-15s %s' % (axis, sid, ' '.join(
                '%d:%s/%s/%s' % (p['n'], ('%.2fs' % p['compile_s']) if 'compile_s' in p else '-',
                                 p.get('text', '-'), ('%.0f' % p['ir']) if p.get('ir') else '-')
                for p in s['points'])))
        res['axes'][axis] = ax
    COMMANDS.append(('4', 'compile (example)', 'gcc -fplugin=build/cdefer-gcc.so -Iruntime/include -O2 -c '
                     'bench/out/p4/AXIS_N_defer.c -o f.o   (generator: bench/src/gen.py AXIS N)'))
    COMMANDS.append(('4', 'run', 'valgrind --tool=callgrind scale_exe CALLS and 2*CALLS; '
                     'Ir per call of f(-5) (its longest path)'))
    return res


# --------------------------------------------------------------------------
# part 5: panic / recover
# --------------------------------------------------------------------------

def runtime_has_panic():
    h = os.path.join(INC, 'cdefer.h')
    try:
        txt = open(h).read()
    except OSError:
        return False
    return 'cdefer_panic' in txt and 'cdefer_recover' in txt


PROFILE_FUNCS = ['cdefer_panic', 'vpanic', 'capture_backtrace', '_Unwind_Backtrace', '_Unwind_ForcedUnwind',
                 '_Unwind_Find_FDE', '__cdefer_recover_in', 'vsnprintf', '__vsnprintf_internal', '_setjmp',
                 '__longjmp', 'longjmp', '__libc_siglongjmp']


def profile(calls):
    """Inclusive instructions per round trip of the runtime's main
    functions, from the last callgrind output."""
    outf = os.path.join(OUT, 'callgrind.out')
    r = run(['callgrind_annotate', '--inclusive=yes', '--threshold=100', outf], timeout=120, nice=False)
    prof = {}
    for line in r.out.splitlines():
        m = re.match(r'^\s*([\d,]+)\s+\([^)]*\)\s+\S*?:([\w.]+)(?:\'\d+)?\s', line)
        if m and m.group(2) in PROFILE_FUNCS and m.group(2) not in prof:
            prof[m.group(2)] = int(m.group(1).replace(',', '')) / calls
    return prof


def part5(args, R):
    d = os.path.join(OUT, 'p5')
    os.makedirs(d, exist_ok=True)
    drv = os.path.join(d, 'p_driver.o')
    r = run([GCC, '-O2', '-c', os.path.join(SRC, 'p_driver.c'), '-o', drv], timeout=COMPILE_TIMEOUT)
    if not r.ok:
        raise SystemExit('p_driver.c: ' + first_error(r))
    rows = []
    rt_ok = os.path.isfile(LIBCDEFER) and runtime_has_panic()
    rt_err = None if rt_ok else ('runtime not built yet (build/libcdefer.a with panic/recover in '
                                 'runtime/include/cdefer.h)')
    specs = [
        ('cdefer-gcc', 'cdefer panic/recover (GCC plugin)', GCC, gcc_plugin(False), 'p_cdefer.c',
         [LIBCDEFER, '-lpthread'], GCC_SO),
        ('cdefer-clang22', 'cdefer panic/recover (Clang 22 plugin)', CLANG22, clang_plugin(CLANG_SO, False),
         'p_cdefer.c', [LIBCDEFER, '-lpthread'], CLANG_SO),
        ('cdefer-abi-gcc', 'cdefer runtime, recover() lowered by hand per cdefer_abi.h (GCC plugin)', GCC,
         gcc_plugin(False), 'p_abi.c', [LIBCDEFER, '-lpthread'], GCC_SO),
        ('cdefer-abi-clang22', 'cdefer runtime, recover() lowered by hand per cdefer_abi.h (Clang 22 plugin)',
         CLANG22, clang_plugin(CLANG_SO, False), 'p_abi.c', [LIBCDEFER, '-lpthread'], CLANG_SO),
        ('cxx-g++', 'C++ throw/catch (g++)', GXX, [], 'p_cxx.cpp', [], None),
        ('cxx-clang++22', 'C++ throw/catch (clang++-22)', CLANGXX22, [], 'p_cxx.cpp', [], None),
        ('setjmp-gcc', 'setjmp/longjmp (gcc)', GCC, [], 'p_setjmp.c', [], None),
    ]
    for rid, label, cc, flags, src, libs, so in specs:
        row = {'id': rid, 'label': label}
        rows.append(row)
        if rid.startswith('cdefer') and rt_err:
            row['error'] = rt_err
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
        r = run([GXX if src.endswith('.cpp') else GCC, drv, obj, '-o', exe] + libs, timeout=COMPILE_TIMEOUT)
        if not r.ok:
            row['error'] = 'link failed: ' + first_error(r)
            continue
        row['exe'] = exe
    goexe, goerr = (None, 'go not installed') if not have('go') else build_go()
    rows.append({'id': 'go', 'label': 'Go panic/recover', 'exe': goexe, 'error': goerr, 'go': True})

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
            row['error'] = ('recover() did not stop the panic (the plugin does not lower recover() to the '
                            'runtime ABI yet)' if 'panic: boom' in r.err else 'run failed: ' + first_error(r))
            log('part5 %-15s %s' % (row['id'], row['error']))
            continue
        for depth in (1, 10):
            ir, err = ir_per_call(lambda n: cmd_of(row, depth, n), args.panic_cg, env)
            row['ir_%d' % depth] = ir
            if err:
                if 'panic: boom' in err:
                    err = ('recover() did not stop the panic (the plugin does not lower recover() to the '
                           'runtime ABI yet)')
                row['error'] = 'callgrind: ' + err
                break
            if row['id'].startswith('cdefer'):
                row['profile_%d' % depth] = profile(2 * args.panic_cg)
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
    COMMANDS.append(('5', 'round trip', 'p_driver DEPTH N: trip(DEPTH) recurses DEPTH noinline frames and '
                     'raises; the top frame recovers (callgrind N = %d/%d, wall N = %d, median of %d)'
                     % (args.panic_cg, 2 * args.panic_cg, args.panic_calls, args.panic_reps)))
    return {'rows': rows}


# --------------------------------------------------------------------------
# charts (gnuplot)
# --------------------------------------------------------------------------

def gnuplot(script, name):
    if not have('gnuplot'):
        return None
    os.makedirs(IMG, exist_ok=True)
    png = os.path.join(IMG, name)
    full = ('set terminal pngcairo size 1100,%d font "DejaVu Sans,10"\nset output "%s"\n'
            % (script[0], png)) + script[1]
    pf = os.path.join(OUT, name + '.gp')
    with open(pf, 'w') as f:
        f.write(full)
    r = run(['gnuplot', pf], timeout=60, nice=False)
    if not r.ok:
        log('gnuplot %s failed: %s' % (name, first_error(r)))
        return None
    return 'img/' + name


def chart_part1(p1):
    rows = [r for r in p1['rows'] if r.get('ir_mutex') and r.get('ir_res')]
    if not rows:
        return None
    base = {r['id']: r for r in p1['rows']}
    dat = os.path.join(OUT, 'p1.dat')
    with open(dat, 'w') as f:
        for r in rows:
            b = base.get(BASELINE[r['group']], {})
            if not b.get('ir_mutex'):
                continue
            lab = re.sub(r'-off$', '', r['id'])
            lab = re.sub(r'-(on|eh)$', ' +EH', lab)
            f.write('"%s" %.4f %.4f\n' % (lab, r['ir_mutex'] / b['ir_mutex'], r['ir_res'] / b['ir_res']))
    n = len(rows)
    script = '''set title "Instructions per call, ratio to hand-written goto cleanup (same compiler), -O2 (callgrind)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -45 left font ",9"
set logscale y 2
set yrange [0.5:32]
set ytics (0.5,1,2,4,8,16,32)
set grid ytics
set ylabel "ratio (log scale)"
set key top left
set bmargin 9
set rmargin 6
plot "%s" using 2:xtic(1) title "mutex hot path", "" using 3 title "3 resources, early returns", 1 with lines lc rgb "black" dt 2 notitle
''' % dat
    return gnuplot((620, script), 'runtime.png')


def chart_part4(p4):
    charts = {}
    for axis, ax in p4['axes'].items():
        files = []
        for sid, s in ax['series'].items():
            pts = [p for p in s['points'] if p.get('ir') is not None]
            if not pts:
                continue
            f = os.path.join(OUT, 'p4_%s_%s.dat' % (axis, sid))
            with open(f, 'w') as fh:
                for p in s['points']:
                    if p.get('compile_s') is None:
                        continue
                    fh.write('%d %.4f %s %s\n' % (p['n'], p['compile_s'], p.get('text', '?'),
                                                 ('%.1f' % p['ir']) if p.get('ir') else '?'))
            files.append((f, s['label']))
        if not files:
            continue
        def plot(col, title, ylab):
            return ('set title "%s"\nset ylabel "%s"\nplot ' % (title, ylab) +
                    ', '.join('"%s" using 1:%d with linespoints title "%s"' % (f, col, lab)
                              for f, lab in files) + '\n')
        script = ('set datafile missing "?"\nset multiplot layout 1,3 title "scaling: %s (%s), -O2"\n'
                  'set logscale xy\nset grid\nset xlabel "n"\nset key bottom right font ",8" spacing 0.9\n'
                  % (axis, AXIS_DESC.get(axis, '').replace('"', ''))
                  + plot(2, 'compile time', 'CPU s')
                  + plot(3, 'code size', '.text bytes')
                  + plot(4, 'run time', 'instructions per call')
                  + 'unset multiplot\n')
        c = gnuplot((420, script), 'scaling-%s.png' % axis)
        if c:
            charts[axis] = c
    return charts


def chart_part5(p5):
    rows = [r for r in p5['rows'] if r.get('ir_1') and r.get('ir_10')]
    if not rows:
        return None
    dat = os.path.join(OUT, 'p5.dat')
    with open(dat, 'w') as f:
        for r in rows:
            f.write('"%s" %.1f %.1f\n' % (r['label'], r['ir_1'], r['ir_10']))
    script = '''set title "panic/throw + recover/catch round trip: instructions (callgrind)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set xtics rotate by -30 left
set logscale y
set grid ytics
set ylabel "instructions per round trip (log)"
set bmargin 9
set rmargin 12
plot "%s" using 2:xtic(1) title "1 frame deep", "" using 3 title "10 frames deep"
''' % dat
    return gnuplot((520, script), 'panic.png')


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------

def fmt(x, nd=2):
    if x is None:
        return '–'
    if isinstance(x, float):
        return ('%.' + str(nd) + 'f') % x
    return str(x)


def ratio(a, b, nd=2):
    if a is None or b is None or not b:
        return '–'
    return ('%.' + str(nd) + 'f') % (a / b)


def pct(a, b):
    if a is None or b is None or not b:
        return '–'
    return '%+.1f %%' % ((a / b - 1) * 100)


def write_report(R, res, charts):
    L = []
    A = L.append
    meta = res.get('meta', {})
    A('# cdefer performance')
    A('')
    A('Generated by `bench/run.sh%s` on %s (UTC)%s. Do not edit by hand: re-run the script.'
      % (' --quick' if meta.get('quick') else '', meta.get('date', '?'),
         ', in %.0f min' % (meta['duration_s'] / 60) if meta.get('duration_s') and not meta.get('only')
         else ' (`--only %s`; the other parts are kept from earlier runs)' % meta['only'] if meta.get('only')
         else ''))
    A('Every figure is measured in the same run as the baseline it is divided by. The primary figure is '
      'the instruction count under `valgrind --tool=callgrind` (repeatable on this shared machine); '
      'wall-clock medians are secondary and noisy (2 shared cores, other engineers compiling).')
    if res.get('measured'):
        A('Parts measured (UTC, minutes taken): ' + ', '.join(
            '%s %s%s' % (p, res['measured'][p], ' (%.0f min)' % (res['timing'][p] / 60)
                         if res.get('timing', {}).get(p) else '')
            for p in ('part1', 'part2', 'part3', 'part3prof', 'part4', 'part5') if p in res['measured']) + '.')
    if meta.get('quick'):
        A('')
        A('**This is a `--quick` run**: fewer repetitions, smaller scaling ranges and no SQLite `-O2` '
          'compile; use the full run for published figures.')
    A('')
    for note in meta.get('notes', []):
        A('**Note:** ' + note)
        A('')
    A('Plugins present in the latest run: ' + ', '.join('%s %s' % (k, 'yes' if v else '**no**')
                                                   for k, v in meta.get('present', {}).items()) + '.')
    A('')
    # ---- goals
    A('## Goals')
    A('')
    A('| goal | target | measured | met? |')
    A('|---|---|---|---|')
    for g in goals(res):
        A('| %s | %s | %s | %s |' % g)
    A('')
    fs = findings(res)
    if fs:
        A('## Findings')
        A('')
        for f in fs:
            A('- ' + f)
        A('')
    # ---- part 1
    p1 = res.get('part1')
    if p1:
        A('## 1. Run-time cost per call (-O2)')
        A('')
        A('Two realistic functions (bench/src/): **mutex** — `counter_add`: lock a `pthread_mutex_t`, '
          'early return on a negative argument (1 call in 64), update, unlock; **res** — `process3`: '
          'acquire three resources from an out-of-line allocator that fails about 1 time in 32, '
          'returning early with 0, 1 or 2 of them to release, else use and release all three. The '
          'helpers live in another translation unit (no LTO) and write a volatile sink, so nothing '
          'can be deleted; every C/C++ variant prints the same checksum (checked below). '
          'Go rows implement the same logic in Go (sync.Mutex, Go helpers) and are compared with '
          'hand-written Go.')
        A('')
        A('Ratios are to the hand-written goto version built by the same compiler **without** '
          'unwinding (`-fexceptions` off), so "unwind on" rows include the cost of enabling unwinding.')
        A('')
        A('| compiler | variant | unwind | mutex Ir/call | ratio | res Ir/call | ratio | mutex ns | ratio | res ns | ratio | checksum |')
        A('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|')
        byid = {r['id']: r for r in p1['rows']}
        for r in p1['rows']:
            b = byid.get(BASELINE[r['group']], {})
            if r.get('error') and r.get('ir_mutex') is None:
                A('| %s | %s | %s | %s |||||||||' % (r['group'], r['label'], r['unwind'],
                                                    'not measured: ' + r['error'].replace('|', '/')))
                continue
            same = ('same' if r.get('sum_mutex') == b.get('sum_mutex') and r.get('sum_res') == b.get('sum_res')
                    else '**differs**')
            A('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                r['group'], r['label'], r['unwind'],
                fmt(r.get('ir_mutex'), 1), ratio(r.get('ir_mutex'), b.get('ir_mutex')),
                fmt(r.get('ir_res'), 1), ratio(r.get('ir_res'), b.get('ir_res')),
                fmt(r.get('ns_mutex'), 2), ratio(r.get('ns_mutex'), b.get('ns_mutex')),
                fmt(r.get('ns_res'), 2), ratio(r.get('ns_res'), b.get('ns_res')), same))
        A('')
        noise = [r['ns_' + w] / byid[BASELINE[r['group']]]['ns_' + w] for r in p1['rows'] for w in ('mutex', 'res')
                 if r.get('ns_' + w) and r.get('ir_' + w) and byid.get(BASELINE[r['group']], {}).get('ns_' + w)
                 and abs(r['ir_' + w] / byid[BASELINE[r['group']]]['ir_' + w] - 1) < 0.005]
        if len(noise) > 2:
            A('**Noise:** in this run, variants that execute the same number of instructions as their baseline '
              'show wall-clock ratios from %.2f to %.2f; wall-clock differences inside that band are noise '
              '(load average %s).' % (min(noise), max(noise), res.get('meta', {}).get('machine', {}).get(
                  'load average at start', '?').split(' (')[0]))
            A('')
        A('Wall clock: median of %d runs of %d calls each (fewer for variants slower than 150 ns/call, '
          'to keep a run under ~1.5 s), variants interleaved. Instructions: callgrind, %d vs %d calls, '
          'difference divided by %d (start-up cancels out).' % (p1['reps'], p1['calls'], p1['cg_calls'],
                                                               2 * p1['cg_calls'], p1['cg_calls']))
        if charts.get('p1'):
            A('')
            A('![instructions per call, ratio to hand-written](%s)' % charts['p1'])
            A('')
            A('Chart labels: compiler-variant (`nested` = cleanup attribute + nested function, `raii` = C++ '
              'scope guard, `native` = clang-22 -fdefer-ts, `go-loop` = Go defer in a loop); "+EH" = '
              'unwinding on. Go bars are relative to hand-written Go.')
        A('')
    # ---- part 2
    p2 = res.get('part2')
    if p2:
        A('## 2. Code size and shape')
        A('')
        A('Per function: instructions (objdump; GCC\'s `f.cold` split-off part counted with `f`) / bytes '
          '(nm). "hand" is hand-written goto cleanup without unwinding, "hand+EH" the same with '
          '`-fexceptions`; "cdefer off/on" the plugin with unwinding off/on. **=** after a cdefer figure '
          'means the instruction stream (with relocations) is identical to the hand-written one with the '
          'same unwinding setting.')
        A('')
        for ent in p2['entries']:
            vs = [v for v in ('hand', 'hand-eh', 'cdefer-off', 'cdefer-on', 'native-off', 'native-on') if v in ent['v']]
            A('**%s %s**' % (ent['compiler'], ent['opt']))
            A('')
            A('| function | ' + ' | '.join(V_LABEL[v] for v in vs) + ' |')
            A('|---|' + '---:|' * len(vs))
            for f in FUNCS:
                cells = []
                for v in vs:
                    e = ent['v'][v]
                    if 'error' in e:
                        cells.append('–')
                        continue
                    mark = ''
                    if 'identical' in e:
                        mark = ' =' if e['identical'][f] else ' ≠'
                    cells.append('%d / %d%s' % (e['insns'][f], e['bytes'][f], mark))
                A('| %s | %s |' % (f, ' | '.join(cells)))
            cells = []
            for v in vs:
                e = ent['v'][v]
                cells.append('–' if 'error' in e else '%d / %d / %d' % (
                    e['sections']['text'], e['sections']['eh_frame'], e['sections']['except']))
            A('| *.text / .eh_frame / .gcc_except_table bytes* | %s |' % ' | '.join(cells))
            errs = ['%s: %s' % (V_LABEL[v], ent['v'][v]['error']) for v in vs if 'error' in ent['v'][v]]
            others = sorted({o for v in vs for o in ent['v'][v].get('other_funcs', [])})
            if errs:
                A('')
                A('Not measured: ' + '; '.join(errs))
            if others:
                A('')
                A('Other functions in the objects: ' + ', '.join('`%s`' % o for o in others))
            A('')
        A('### The cost of enabling unwinding')
        A('')
        A(unwind_summary(p2))
        A('')
    # ---- part 3
    p3 = res.get('part3')
    if p3:
        A('## 3. Compile time')
        A('')
        A('CPU time (user+sys) of the whole compiler driver (cc1/clang + as) in seconds: the **minimum** over '
          'interleaved repetitions (contention from other processes on this shared machine only ever adds '
          'time, so the minimum is the best estimate), the maximum in brackets; overheads are ratios of '
          'minima. "plugin" = plugin loaded with its defaults (unwinding on); "plugin-off" = `unwind=off`. '
          'On this machine the spread between repetitions of the same command is several per cent, so '
          'differences of 1–2 % are below the noise.')
        A('')
        if p3.get('sqlite_error'):
            A('SQLite: not measured (%s).' % p3['sqlite_error'])
        else:
            A('**SQLite amalgamation** (`sqlite3.c` from npm `better-sqlite3` %s, %s lines, defer-free), `-c`:'
              % (p3.get('sqlite_version', '?'), p3.get('sqlite_lines', '?')))
            A('')
            A('| compiler | opt | no plugin (s) | plugin (s) | overhead | plugin-off (s) | overhead | reps | '
              'noise (max/min − 1 of "no plugin") | .text none / plugin (B) |')
            A('|---|---|---:|---:|---:|---:|---:|---:|---:|---|')
            for k, e in p3['sqlite'].items():
                t = e['times']
                n0 = tmin(t.get('none'))
                z = e.get('text', {})
                A('| %s | %s | %s | %s | %s | %s | %s | %d | %s | %s / %s |' % (
                    k.rsplit(' ', 1)[0], k.rsplit(' ', 1)[1], span(t.get('none')), span(t.get('plugin')),
                    pct(tmin(t.get('plugin')), n0), span(t.get('plugin-off')),
                    pct(tmin(t.get('plugin-off')), n0), len(t.get('none', [])), spread(t.get('none')),
                    z.get('none', '–'), z.get('plugin', '–')))
            A('')
        A('**Generated defer-heavy file** (`bench/src/gen.py heavy %d`: %d functions with 2–5 resources, '
          'a defer and two early returns per resource, every fourth with a defer in a loop; %s lines) vs '
          'the same file written with goto cleanup, `-c`:' % (p3['heavy_funcs'], p3['heavy_funcs'],
                                                             p3.get('heavy_lines', '?')))
        A('')
        A('| compiler | opt | goto, no plugin (s) | goto + plugin | defer + plugin | overhead vs goto | '
          'defer, unwind=off | overhead | native -fdefer-ts | native -fexceptions |')
        A('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
        for k, e in p3['heavy'].items():
            t = e['times']
            g = tmin(t.get('goto'))
            A('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                k.rsplit(' ', 1)[0], k.rsplit(' ', 1)[1], span(t.get('goto')), span(t.get('goto+plugin')),
                span(t.get('defer')), pct(tmin(t.get('defer')), g), span(t.get('defer-unwind-off')),
                pct(tmin(t.get('defer-unwind-off')), g), span(t.get('native')), span(t.get('native-eh'))))
        if any(e.get('text') for e in p3['heavy'].values()):
            A('')
            A('.text bytes of the object (what the compiler had to generate):')
            A('')
            A('| compiler | opt | goto | defer + plugin | ratio | defer, unwind=off | ratio | native | native -fexceptions |')
            A('|---|---|---:|---:|---:|---:|---:|---:|---:|')
            for k, e in p3['heavy'].items():
                z = e.get('text', {})
                A('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                    k.rsplit(' ', 1)[0], k.rsplit(' ', 1)[1], z.get('goto', '–'), z.get('defer', '–'),
                    ratio(z.get('defer'), z.get('goto')), z.get('defer-unwind-off', '–'),
                    ratio(z.get('defer-unwind-off'), z.get('goto')), z.get('native', '–'), z.get('native-eh', '–')))
        errs = ['%s %s: %s' % (k, c, m) for k, e in list(p3['sqlite'].items()) + list(p3['heavy'].items())
                for c, m in e['errors'].items()]
        if errs:
            A('')
            A('Failed: ' + '; '.join(errs))
        A('')
    # ---- part 4
    p4 = res.get('part4')
    if p4:
        for line in scaling.section(p4, charts.get('p4'), COMPILE_TIMEOUT):
            A(line)
        A('')
    # ---- part 5
    p5 = res.get('part5')
    if p5:
        A('## 5. Panic / recover')
        A('')
        A('A round trip: `trip(depth)` calls a recursive noinline function `depth` frames deep that raises '
          '(cdefer `panic("boom")`, C++ `throw boom{"boom"}`, `longjmp`, Go `panic("boom")`); `trip` catches '
          'it (a deferred `recover()`, `catch`, `setjmp`, a deferred `recover()`). Ratios are to C++ '
          'throw/catch built by g++.')
        A('')
        A('| implementation | Ir, 1 frame | ratio | Ir, 10 frames | ratio | ns, 1 frame | ns, 10 frames |')
        A('|---|---:|---:|---:|---:|---:|---:|')
        byid = {r['id']: r for r in p5['rows']}
        b = byid.get('cxx-g++', {})
        for r in p5['rows']:
            if r.get('error') and r.get('ir_1') is None:
                A('| %s | not measured: %s ||||||' % (r['label'], r['error']))
                continue
            A('| %s | %s | %s | %s | %s | %s | %s |' % (
                r['label'], fmt(r.get('ir_1'), 0), ratio(r.get('ir_1'), b.get('ir_1')),
                fmt(r.get('ir_10'), 0), ratio(r.get('ir_10'), b.get('ir_10')),
                fmt(r.get('ns_1'), 0), fmt(r.get('ns_10'), 0)))
        profs = [(r['label'], r['profile_1']) for r in p5['rows'] if r.get('profile_1')]
        if profs:
            A('')
            A('Where a cdefer round trip (1 frame) spends its instructions (callgrind, inclusive, per round '
              'trip; start-up included but negligible):')
            A('')
            for lab, pr in profs:
                A('- %s: ' % lab + ', '.join('`%s` %.0f' % (k, v) for k, v in
                                             sorted(pr.items(), key=lambda kv: -kv[1])))
        if charts.get('p5'):
            A('')
            A('![panic round trip](%s)' % charts['p5'])
        A('')
    # ---- machine and commands
    A('## Machine, compilers, commands')
    A('')
    for k, v in meta.get('machine', {}).items():
        A('- %s: %s' % (k, v))
    A('')
    A('Commands (all measured commands run under `nice -n 10`, each with a time limit and an output cap):')
    A('')
    A('```')
    seen = set()
    for part, what, cmd in res.get('commands', []):
        key = (part, what, cmd)
        if key in seen:
            continue
        seen.add(key)
        A('[part %s] %s:\n    %s' % (part, what, cmd))
    A('```')
    A('')
    A('Re-run: `bench/run.sh` (full, ~45 min on this shared machine) or `bench/run.sh --quick`; `bench/run.sh --only part4` '
      're-measures one part and rewrites this report with the stored results of the others '
      '(bench/out/results.json). Benchmarks are not part of the test suite.')
    with open(DOC, 'w') as f:
        f.write('\n'.join(L) + '\n')


V_LABEL = {'hand': 'hand', 'hand-eh': 'hand+EH', 'cdefer-off': 'cdefer off', 'cdefer-on': 'cdefer on',
           'native-off': 'native', 'native-on': 'native+EH'}


def spread(xs):
    if not xs or len(xs) < 2:
        return 'n/a (1 rep)'
    return '%.1f %%' % ((max(xs) / min(xs) - 1) * 100)


def tmin(xs):
    return min(xs) if xs else None


def span(xs):
    """min of the repetitions, then the max in brackets."""
    if not xs:
        return '–'
    if len(xs) == 1:
        return '%.2f' % xs[0]
    return '%.2f (%.2f)' % (min(xs), max(xs))


def unwind_summary(p2):
    out = []
    for ent in p2['entries']:
        v = ent['v']
        on, off = v.get('cdefer-on', {}), v.get('cdefer-off', {})
        h, he = v.get('hand', {}), v.get('hand-eh', {})
        if 'sections' not in on or 'sections' not in off:
            continue
        def tot(e):
            return e['sections']['text'] + e['sections']['eh_frame'] + e['sections']['except']
        out.append('- %s %s: cdefer with unwinding on vs off: .text %+d B (%s), .eh_frame %+d B, '
                   '.gcc_except_table %+d B; total %s. Hand-written with `-fexceptions` vs without: total %s.'
                   % (ent['compiler'], ent['opt'],
                      on['sections']['text'] - off['sections']['text'],
                      pct(on['sections']['text'], off['sections']['text']),
                      on['sections']['eh_frame'] - off['sections']['eh_frame'],
                      on['sections']['except'] - off['sections']['except'],
                      pct(tot(on), tot(off)),
                      pct(tot(he), tot(h)) if 'sections' in he and 'sections' in h else '–'))
    if not out:
        return 'Not measured (no plugin present).'
    short = []
    for ent in p2['entries']:
        v = ent['v']
        on, off = v.get('cdefer-on', {}), v.get('cdefer-off', {})
        if ent['opt'] != '-O2' or 'sections' not in on or 'sections' not in off:
            continue
        short.append('%s: +%d B of code (%s of .text) and +%d B of unwind tables for these five functions'
                     % (ent['compiler'], on['sections']['text'] - off['sections']['text'],
                        pct(on['sections']['text'], off['sections']['text']),
                        on['sections']['eh_frame'] + on['sections']['except']
                        - off['sections']['eh_frame'] - off['sections']['except']))
    if short:
        out.insert(0, '**In short, at -O2 enabling unwinding costs ' + '; '.join(short) +
                   ', and no instructions on the normal path (part 1). The size grows with the number of calls '
                   'made while a defer is pending that may throw: glibc\'s `pthread_mutex_*` are declared '
                   '`nothrow`, so `counter_add` and `transfer` need no landing pad at all.**\n')
    return ('Unwinding is what makes deferred code run during a panic, `pthread_exit` or `pthread_cancel`. '
            'Its price is landing pads in the code (each call that may unwind while a defer is pending gets '
            'a path that runs the cleanup and resumes unwinding — GCC moves most of them to `.text.unlikely`) '
            'and unwind tables (`.eh_frame`, `.gcc_except_table`), which the loader maps but never touches '
            'unless something unwinds. The run-time cost on the non-unwinding path is in part 1 '
            '("unwind on" rows).\n\n' + '\n'.join(out))


def findings(res):
    """Plain-language conclusions computed from the results."""
    F = []
    p1 = res.get('part1')
    if p1:
        by = {r['id']: r for r in p1['rows']}

        def rr(rid, base, w):
            a, b = by.get(rid, {}).get('ir_' + w), by.get(base, {}).get('ir_' + w)
            return a / b if a and b else None
        parts = []
        for rid, base, lab in (('gcc-cdefer-off', 'gcc-goto', 'GCC'), ('clang22-cdefer-off', 'clang22-goto', 'Clang 22'),
                               ('clang19-cdefer-off', 'clang19-goto', 'Clang 19')):
            m, r = rr(rid, base, 'mutex'), rr(rid, base, 'res')
            if m and r:
                parts.append('%s %.3f / %.3f' % (lab, m, r))
        if parts:
            F.append('**Run time.** With unwinding off, a defer executes as many instructions as hand-written '
                     'goto cleanup (defer / hand-written, mutex / resources: %s). ' % '; '.join(parts) +
                     ' '.join('With unwinding on (%s): %s.' % (lab, ', '.join('%.3f' % x for x in xs if x))
                              for lab, xs in (('GCC', [rr('gcc-cdefer-on', 'gcc-goto', 'mutex'), rr('gcc-cdefer-on', 'gcc-goto', 'res')]),
                                              ('Clang 22', [rr('clang22-cdefer-on', 'clang22-goto', 'mutex'), rr('clang22-cdefer-on', 'clang22-goto', 'res')]))
                              if any(xs)) +
                     ' Landing pads sit off the hot path, so enabling unwinding costs no instructions on the '
                     'normal path (differences under 2 %% are block layout: GCC lays the resource function out '
                     'differently once the landing pads exist). ' 
                     'The alternatives: the cleanup-attribute + nested-function macro and C++ RAII compile to '
                     'the same code as well; the setjmp emulation costs %s x; Go\'s open-coded defer costs '
                     '%s x hand-written Go and a defer inside a loop %s x.' % (
                         '/'.join('%.1f' % x for x in (rr('gcc-setjmp-off', 'gcc-goto', 'mutex'), rr('gcc-setjmp-off', 'gcc-goto', 'res')) if x) or '?',
                         '/'.join('%.1f' % x for x in (rr('go-defer', 'go-goto', 'mutex'), rr('go-defer', 'go-goto', 'res')) if x) or '?',
                         '/'.join('%.0f' % x for x in (rr('go-loop', 'go-goto', 'mutex'), rr('go-loop', 'go-goto', 'res')) if x) or '?'))
    p2 = res.get('part2')
    if p2:
        same, diff = [], []
        for ent in p2['entries']:
            if ent['opt'] == '-O0':
                continue
            v = ent['v'].get('cdefer-off', {})
            if 'identical' not in v:
                continue
            for f in FUNCS:
                (same if v['identical'][f] else diff).append((ent['compiler'], ent['opt'], f, v['insns'][f],
                                                              ent['v']['hand']['insns'][f]))
        if same or diff:
            F.append('**Code.** At -O2/-Os with unwinding off, %d of %d (compiler, level, function) cases are '
                     'instruction-for-instruction identical to hand-written goto cleanup. %s' % (
                         len(same), len(same) + len(diff),
                         ('Not identical: ' + '; '.join('%s %s `%s` %d vs %d instructions' % d for d in diff) +
                          '. In `nested3` the compilers emit an inner block\'s cleanup once per kind of exit '
                          '(`return` vs falling out of the block: GCC copies a finally block for every '
                          'distinct destination, Clang 22\'s native `_Defer` gives the same code as the Clang '
                          'plugin), where the hand-written version shares one path.')
                         if diff else ''))
    p3 = res.get('part3')
    if p3 and p3.get('heavy'):
        rows = []
        for k, e in p3['heavy'].items():
            t, z = e['times'], e.get('text', {})
            g = tmin(t.get('goto'))
            if not g or not t.get('defer'):
                continue
            item = '%s: %s with unwinding, %s without' % (k, pct(tmin(t.get('defer')), g),
                                                         pct(tmin(t.get('defer-unwind-off')), g))
            if t.get('native'):
                item += ' (native `_Defer` %s, with -fexceptions %s)' % (pct(tmin(t.get('native')), g),
                                                                         pct(tmin(t.get('native-eh')), g))
            if z.get('defer') and z.get('goto'):
                item += ', code x%.2f' % (z['defer'] / z['goto'])
            rows.append(item)
        if rows:
            F.append('**Compile time of defer-heavy code** (vs the goto twin): ' + '; '.join(rows) + '. Most of '
                     'the overhead is unwinding: landing pads for every call made while a defer is pending, and '
                     'at -O0 one copy of the cleanup per kind of exit, so more code to compile. Without unwinding '
                     'GCC\'s overhead is much smaller (figures above); the Clang plugin still costs clearly more than Clang\'s native '
                     '`_Defer` (its per-defer synthesized functions and environment structs), which is the part '
                     'the Clang plugin can win back.')
    pp = res.get('part3prof')
    if pp and compile_profile.findings(pp):
        F.append(compile_profile.findings(pp))
    p4 = res.get('part4')
    if p4:
        F += scaling.findings(p4)
    p5 = res.get('part5')
    if p5:
        by = {r['id']: r for r in p5['rows']}
        a, c = by.get('cdefer-abi-gcc', {}), by.get('cxx-g++', {})
        if a.get('ir_1') and c.get('ir_1') and a.get('profile_1'):
            pr = a['profile_1']
            bt = pr.get('capture_backtrace', 0)
            F.append('**Panic.** A cdefer round trip costs %.0f instructions at depth 1 (%.2f x C++ throw/catch) '
                     'and %.0f at depth 10 (%.2f x). `capture_backtrace` (an `_Unwind_Backtrace` walk of the '
                     'whole stack at every panic, for the report of an unrecovered one) takes %.0f of them (%.0f %%)%s. '
                     'Collecting the PCs in the forced-unwind stop function instead (it visits every frame '
                     'anyway, and reaches the end of the stack exactly when the panic is unrecovered) would '
                     'remove that walk and bring the round trip to about %.2f x C++.' % (
                         a['ir_1'], a['ir_1'] / c['ir_1'], a['ir_10'], a['ir_10'] / c['ir_10'],
                         bt, 100 * bt / a['ir_1'],
                         ('; `__cdefer_recover_in` %.0f more' % pr['__cdefer_recover_in'])
                         if pr.get('__cdefer_recover_in') else '',
                         (a['ir_1'] - bt) / c['ir_1']))
    return F


def goals(res):
    G = []
    p1 = res.get('part1')
    if p1:
        byid = {r['id']: r for r in p1['rows']}
        for comp, off, on, base in (('GCC', 'gcc-cdefer-off', 'gcc-cdefer-on', 'gcc-goto'),
                                    ('Clang 22', 'clang22-cdefer-off', 'clang22-cdefer-on', 'clang22-goto'),
                                    ('Clang 19', 'clang19-cdefer-off', 'clang19-cdefer-on', 'clang19-goto')):
            b, o, n = byid.get(base, {}), byid.get(off, {}), byid.get(on, {})
            if o.get('ir_mutex') is None or b.get('ir_mutex') is None:
                if comp != 'Clang 19':
                    G.append(('defer / hand-written Ir per call, %s, -O2, unwind off' % comp, '1.00',
                              'not measured (%s)' % (o.get('error') or 'missing'), '–'))
                continue
            rm, rr = o['ir_mutex'] / b['ir_mutex'], o['ir_res'] / b['ir_res']
            met = abs(rm - 1) < 0.005 and abs(rr - 1) < 0.005
            G.append(('defer / hand-written Ir per call, %s, -O2, unwind off' % comp, '1.00',
                      'mutex %.3f, res %.3f' % (rm, rr),
                      'yes' if met else '**no** (%s)' % ', '.join(
                          '%s %+.1f %%' % (w, (x - 1) * 100) for w, x in (('mutex', rm), ('res', rr)) if abs(x - 1) >= 0.005)))
            if n.get('ir_mutex') is not None:
                G.append(('same, unwinding on (cost stated, no target)', '–',
                          'mutex %.3f, res %.3f' % (n['ir_mutex'] / b['ir_mutex'], n['ir_res'] / b['ir_res']), '–'))
    p3 = res.get('part3')
    if p3:
        for k, e in p3['sqlite'].items():
            t = e['times']
            a, b = tmin(t.get('plugin')), tmin(t.get('none'))
            if a is None or b is None:
                G.append(('plugin compile overhead, defer-free sqlite3.c, %s' % k, '≤ 1 %',
                          'not measured', '–'))
                continue
            ov = (a / b - 1) * 100
            xs = t.get('none', [])
            sp = (max(xs) / min(xs) - 1) * 100 if len(xs) > 1 else None
            if ov <= 1:
                verdict = 'yes' + (' (within the noise)' if sp is not None and sp > 1 else '')
            elif sp is not None and ov < sp:
                verdict = ('**not confirmed**: %+.1f %% is inside the run-to-run spread (%.0f %%) of this loaded '
                           'machine; re-measure on a quiet one' % (ov, sp))
            else:
                verdict = '**no** (by %.1f points)' % (ov - 1)
            G.append(('plugin compile overhead, defer-free sqlite3.c, %s' % k, '≤ 1 %',
                      '%+.1f %% (min of %d; spread of repetitions %s)' % (ov, len(xs), spread(xs)), verdict))
        for k, e in p3['heavy'].items():
            t = e['times']
            a, b = tmin(t.get('defer')), tmin(t.get('goto'))
            if a is None or b is None:
                G.append(('defer-heavy file vs its goto version, %s' % k, '≤ 5 %', 'not measured', '–'))
                continue
            ov = (a / b - 1) * 100
            G.append(('defer-heavy file vs its goto version, %s' % k, '≤ 5 %',
                      '%+.1f %% (unwind=off: %s)' % (ov, pct(tmin(t.get('defer-unwind-off')), b)),
                      'yes' if ov <= 5 else '**no** (by %.1f points)' % (ov - 5)))
    p4 = res.get('part4')
    if p4:
        G.append(scaling.goal(p4))
    p5 = res.get('part5')
    if p5:
        byid = {r['id']: r for r in p5['rows']}
        b = byid.get('cxx-g++', {})
        for rid in ('cdefer-gcc', 'cdefer-clang22', 'cdefer-abi-gcc', 'cdefer-abi-clang22'):
            r = byid.get(rid, {})
            if r.get('ir_1') is None or b.get('ir_1') is None:
                G.append(('panic+recover ≤ C++ throw/catch (%s)' % rid, '≤ 1.00',
                          'not measured (%s)' % (r.get('error') or '?'), '–'))
                continue
            r1, r10 = r['ir_1'] / b['ir_1'], r['ir_10'] / b['ir_10']
            G.append(('panic+recover ≤ C++ throw/catch (%s), Ir ratio' % rid, '≤ 1.00',
                      '1 frame %.2f, 10 frames %.2f' % (r1, r10),
                      'yes' if r1 <= 1 and r10 <= 1 else '**no** (by %+.0f %% / %+.0f %%)' % ((r1 - 1) * 100, (r10 - 1) * 100)))
    return G


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def machine_info(R):
    info = {}
    try:
        cpu = [l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')]
        info['CPU'] = '%s x %d' % (cpu[0], len(cpu)) if cpu else '?'
    except OSError:
        pass
    try:
        mem = [l for l in open('/proc/meminfo') if l.startswith('MemTotal')][0].split()[1]
        info['memory'] = '%.1f GiB' % (int(mem) / 1048576)
    except (OSError, IndexError):
        pass
    info['kernel'] = platform.release()
    try:
        info['OS'] = [l.split('=', 1)[1].strip().strip('"') for l in open('/etc/os-release')
                      if l.startswith('PRETTY_NAME')][0]
    except (OSError, IndexError):
        pass
    info['load average at start'] = ' '.join('%.2f' % x for x in os.getloadavg()) + \
        ' (1/5/15 min; 2 cores shared with other engineers\' builds)'

    info['gcc'] = version_line([GCC, '--version'])
    info['g++'] = version_line([GXX, '--version'])
    for c in (CLANG22, CLANG19):
        if have(c):
            info[os.path.basename(os.path.dirname(os.path.dirname(c))) + ' clang'] = version_line([c, '--version'])
    if have('go'):
        info['go'] = version_line(['go', 'version'])
    if have('valgrind'):
        info['valgrind'] = version_line(['valgrind', '--version'])
    r = run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], timeout=10, nice=False)
    info['cdefer commit'] = r.out.strip() or '?'
    for name, p in (('GCC plugin', GCC_SO), ('Clang 22 plugin', CLANG_SO),
                    ('Clang 19 plugin', R['clang19_so']), ('runtime', LIBCDEFER)):
        if p and os.path.isfile(p):
            info[name] = '%s (built %s UTC)' % (os.path.relpath(p, ROOT), datetime.datetime.utcfromtimestamp(
                os.path.getmtime(p)).strftime('%Y-%m-%d %H:%M'))
        else:
            info[name] = 'absent'
    return info


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--quick', action='store_true', help='fewer repetitions, smaller ranges (~5 min)')
    ap.add_argument('--only', default='', help='comma-separated parts to re-measure (part1..part5, part3prof)')
    ap.add_argument('--long', action='store_true',
                    help='scaling: also run points whose compile time extrapolates beyond %d s' % 150)
    ap.add_argument('--no-sqlite', action='store_true', help='part3: only the generated defer-heavy file')
    ap.add_argument('--report-only', action='store_true', help='rewrite the report from stored results')
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    q = args.quick
    args.calls = 2000000 if q else 10000000
    args.cg_calls = 20000
    args.reps = 3 if q else 7
    args.heavy_funcs = 1000
    args.heavy_reps = 1 if q else 3
    args.sqlite_reps_o0 = 1 if q else 5
    args.sqlite_reps_o2 = 0 if q else 2
    args.slow_limit = 60 if q else 100
    args.scale_ir_budget = 200000
    args.predict_limit = None if args.long else 150
    # Points only --long runs: returns at n=10000 took 1.5-4 min of CPU per series (timeout for the
    # cleanup attribute) in the 2026-11-22 run, GCC's hand-written version included (compile slope 2),
    # i.e. ~20 min of a full run for a point of an axis the issue does not ask to go that far.
    args.long_only = {} if args.long else {
        ('returns', 10000): 'not run by default: at n=10000 every series takes 1.5-5 min here, the '
                            'hand-written one included (GCC\'s compile time on this shape has slope 2); '
                            'run with --long to measure'}
    args.panic_cg = 1000
    args.panic_calls = 20000 if q else 100000
    args.panic_reps = 3 if q else 7
    if q:
        args.axes = [('defers', [1, 10, 100, 1000]), ('returns', [1, 10, 100, 1000]),
                     ('nesting', [1, 10, 100, 300]), ('exits', [1, 10, 100, 300]),
                     ('targets', [1, 10, 100, 300]), ('gotos', [1, 10, 100, 300])]
    else:
        args.axes = [('defers', [1, 10, 100, 1000, 3000, 10000]), ('returns', [1, 10, 100, 1000, 3000, 10000]),
                     ('nesting', [1, 10, 100, 300, 1000]), ('exits', [1, 10, 100, 300, 1000]),
                     ('targets', [1, 10, 100, 300, 1000]), ('gotos', [1, 10, 100, 300, 1000])]
    if os.environ.get('BENCH_AXES'):          # e.g. BENCH_AXES=gotos,exits BENCH_MAXN=300
        keep = os.environ['BENCH_AXES'].split(',')
        maxn = int(os.environ.get('BENCH_MAXN', '1000000'))
        args.axes = [(a, [n for n in ns if n <= maxn]) for a, ns in args.axes if a in keep]
    os.makedirs(OUT, exist_ok=True)
    R = {'clang19_so': find_clang19_so()}
    store = os.path.join(OUT, 'results.json')
    res = {}
    if os.path.isfile(store) and (args.only or args.report_only):
        res = json.load(open(store))
    parts = [p.strip() for p in args.only.split(',') if p.strip()] or \
        ([] if args.report_only else ['part1', 'part2', 'part3', 'part3prof', 'part4', 'part5'])
    if not args.report_only:
        old_meta = res.get('meta', {})
        # When and how long each part was measured (an --only run keeps the others' results).
        for p in ('part1', 'part2', 'part3', 'part3prof', 'part4', 'part5'):
            if p in res and p not in res.setdefault('measured', {}) and old_meta.get('date'):
                res['measured'][p] = old_meta['date']
        res['meta'] = {
            'date': datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M'),
            'quick': q,
            'only': args.only,
            'present': {'cdefer-gcc.so': os.path.isfile(GCC_SO), 'cdefer-clang.so (22)': os.path.isfile(CLANG_SO),
                        'cdefer-clang.so (19)': bool(R['clang19_so']), 'libcdefer.a': os.path.isfile(LIBCDEFER)},
            'machine': machine_info(R),
        }
        note = check_gcc_plugin_arg()
        # Notes about the parts kept from earlier runs stay (--only); the GCC one is made anew.
        res['meta']['notes'] = [n for n in old_meta.get('notes', []) if args.only and
                                not n.startswith('`-fplugin=build/cdefer-gcc.so')]
        if note:
            log('GCC plugin: ' + note)
            res['meta']['notes'].insert(0, note)
        for name, what, p in (('GCC plugin', 'gcc', GCC_SO), ('Clang 22 plugin', CLANG22, CLANG_SO)):
            if os.path.isfile(p):
                flags = gcc_plugin(False) if what == 'gcc' else clang_plugin(p, False)
                e = plugin_works(what, flags)
                if e:
                    log('%s probe: %s' % (name, e))
                    res['meta']['machine'][name] += ' — probe: ' + e
    old_cmds = [c for c in res.get('commands', []) if 'part' + c[0] not in parts]
    t_all = time.monotonic()
    for p in parts:
        t0 = time.monotonic()
        log('=== %s ===' % p)
        res[p] = globals()[p](args, R)
        res.setdefault('timing', {})[p] = time.monotonic() - t0
        res.setdefault('measured', {})[p] = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M')
        res['commands'] = old_cmds + COMMANDS
        with open(store, 'w') as f:
            json.dump(res, f, indent=1)
        log('%s took %.0f s' % (p, time.monotonic() - t0))
    if not args.report_only and 'meta' in res:
        res['meta']['machine']['load average at end'] = ' '.join('%.2f' % x for x in os.getloadavg())
        res['meta']['duration_s'] = time.monotonic() - t_all
        with open(store, 'w') as f:
            json.dump(res, f, indent=1)
    charts = {}
    if res.get('part1'):
        charts['p1'] = chart_part1(res['part1'])
    if res.get('part4'):
        charts['p4'] = chart_part4(res['part4'])
    if res.get('part5'):
        charts['p5'] = chart_part5(res['part5'])
    write_report(R, res, charts)
    log('wrote %s (total %.0f s)' % (os.path.relpath(DOC, ROOT), time.monotonic() - t_all))


if __name__ == '__main__':
    main()
