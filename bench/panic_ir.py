#!/usr/bin/python3
# bench/panic_ir.py - the panic round trip of part 5 in instructions only,
# with and without a deferred statement (C++: a destructor, Go: a deferred
# call) in every frame between the raise and the recover, and where a
# cdefer round trip's instructions go.  Run by hand (not by run.sh); the
# numbers of docs/PERFORMANCE.md section 5's "before/after" table.
#
#   bench/panic_ir.py [--build-dir build] [--out DIR] [--n 1000] [--profile]
#                     [--baseline REV]
#
# --baseline REV also builds libcdefer from git revision REV's runtime/
# (the flags CMake's default RelWithDebInfo build uses) and links the same
# cdefer objects against it: a before/after table from one run.
#
# Ir per round trip = (Ir(2N) - Ir(N)) / N under callgrind, as part 5.
# --profile adds, for the cdefer GCC rows, the inclusive Ir per round trip
# of the unwinder's entry points and the runtime's functions, and the
# number of unwinder frame steps (calls of the function that calls
# _Unwind_Find_FDE, libgcc's uw_frame_state_for) per round trip.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import argparse
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'bench', 'src')
INC = os.path.join(ROOT, 'runtime', 'include')
FUNCS = ['cdefer_panic', '_Unwind_ForcedUnwind', '_Unwind_Resume', '_Unwind_Find_FDE',
         '__gcc_personality_v0', 'stop', 'cdefer_frame_stop_at', 'cdefer_frame_ids', 'cdefer_frame_note',
         'format_message', 'free_retired', '__cdefer_recover_in', '__cdefer_resume_in', 'land',
         '_setjmp', 'longjmp', '__longjmp']


def sh(cmd, text=True, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=text, timeout=300, **kw)
    if r.returncode:
        err = r.stderr if text else r.stderr.decode(errors='replace')
        sys.exit('failed: %s\n%s' % (' '.join(cmd), err[-2000:]))
    return r


def cache(build, key):
    for line in open(os.path.join(build, 'CMakeCache.txt')):
        if line.startswith(key + ':'):
            return line.split('=', 1)[1].strip()
    return None


RUNTIME_CFLAGS = ['-O2', '-g', '-DNDEBUG', '-fPIC', '-Wall', '-Wextra', '-funwind-tables', '-std=gnu11']


def baseline_lib(rev, d, gcc):
    """libcdefer.a built from revision REV's runtime/ sources."""
    src = os.path.join(d, 'baseline-' + rev)
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    tar = sh(['git', '-C', ROOT, 'archive', '--format=tar', rev, 'runtime'], text=False)
    subprocess.run(['tar', '-x', '-C', src], input=tar.stdout, check=True)
    rt = os.path.join(src, 'runtime')
    objs = []
    for f in sorted(os.listdir(os.path.join(rt, 'src'))):
        if f.endswith('.c'):
            o = os.path.join(src, f[:-2] + '.o')
            sh([gcc] + RUNTIME_CFLAGS + ['-I' + os.path.join(rt, 'include'), '-c',
                                        os.path.join(rt, 'src', f), '-o', o])
            objs.append(o)
    lib = os.path.join(src, 'libcdefer.a')
    sh(['ar', 'rcs', lib] + objs)
    return lib


def ir(cmd, outf, env=None):
    r = subprocess.run(['timeout', '300', 'valgrind', '--tool=callgrind', '--dump-instr=no',
                        '--callgrind-out-file=' + outf] + cmd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, **env) if env else None)
    m = re.search(r'refs:\s+([\d,]+)', r.stderr)
    if r.returncode or not m or 'panic: boom' in r.stderr:
        sys.exit('failed: %s\n%s' % (' '.join(cmd), r.stderr[-2000:]))
    return int(m.group(1).replace(',', ''))


def profile(outf, calls):
    r = sh(['callgrind_annotate', '--inclusive=yes', '--threshold=100', outf])
    prof = {}
    for line in r.stdout.splitlines():
        m = re.match(r'^\s*([\d,]+)\s+\([^)]*\)\s+\S*?:([\w.]+)(?:\'\d+)?\s', line)
        name = m.group(2).split('.')[0] if m else None
        if m and name in FUNCS and name not in prof:
            prof[name] = int(m.group(1).replace(',', '')) / calls
    # the frame steps: calls of _Unwind_Find_FDE's caller
    r = sh(['callgrind_annotate', '--tree=caller', '--threshold=100', outf])
    steps = 0
    lines = r.stdout.splitlines()
    for i, line in enumerate(lines):
        if re.search(r'\*\s+\S*:_Unwind_Find_FDE\b', line):
            j = i - 1
            while j >= 0 and lines[j].strip():     # the callers, up to the block's blank line
                m = re.search(r'<\s+\S+ \(([\d,]+)x\)', lines[j])
                if m:
                    steps += int(m.group(1).replace(',', ''))
                j -= 1
            break
    prof['frame steps'] = steps / calls
    return prof


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build-dir', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'bench', 'out', 'panic_ir'))
    ap.add_argument('--n', type=int, default=1000)
    ap.add_argument('--profile', action='store_true')
    ap.add_argument('--baseline', metavar='REV')
    a = ap.parse_args()
    B = os.path.abspath(a.build_dir)
    d = a.out
    os.makedirs(d, exist_ok=True)
    gcc = cache(B, 'CDEFER_GCC') or 'gcc'
    cdir = cache(B, 'Clang_DIR')
    clang = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(cdir))),
                         'bin', 'clang') if cdir else 'clang-22'
    lib = [os.path.join(B, 'libcdefer.a'), '-lpthread']
    base_lib = baseline_lib(a.baseline, d, gcc) if a.baseline else None
    drv = os.path.join(d, 'drv.o')
    sh([gcc, '-O2', '-c', os.path.join(SRC, 'p_driver.c'), '-o', drv])
    specs = [('cdefer GCC', gcc, ['-fplugin=' + os.path.join(B, 'cdefer-gcc.so'), '-I' + INC], 'p_cdefer.c', gcc, lib),
             ('cdefer Clang 22', clang, ['-fplugin=' + os.path.join(B, 'cdefer-clang.so'), '-I' + INC],
              'p_cdefer.c', gcc, lib),
             ('C++ g++', 'g++', [], 'p_cxx.cpp', 'g++', [])]
    rows = []
    for label, cc, flags, src, ld, libs in specs:
        for every in (0, 1):
            exe = os.path.join(d, re.sub(r'\W+', '_', label) + ('_every' if every else ''))
            obj = exe + '.o'
            sh([cc] + flags + ['-O2'] + (['-DDEFER_EVERY_FRAME'] if every else []) +
               ['-c', os.path.join(SRC, src), '-o', obj])
            sh([ld, drv, obj, '-o', exe] + libs)
            base = None
            if base_lib and libs:
                base = exe + '_baseline'
                sh([ld, drv, obj, '-o', base, base_lib, '-lpthread'])
            rows.append((label, every, lambda depth, n, exe=exe: [exe, str(depth), str(n)], label == 'cdefer GCC', None,
                         base and (lambda depth, n, exe=base: [exe, str(depth), str(n)])))
    if shutil.which('go'):
        gd = os.path.join(d, 'go')
        os.makedirs(gd, exist_ok=True)
        for f in ('main.go', 'go.mod'):
            shutil.copy(os.path.join(SRC, 'go', f), gd)
        sh(['go', 'build', '-buildvcs=false', '-o', 'gobench', '.'], cwd=gd,
           env=dict(os.environ, GOFLAGS='-mod=mod', GO111MODULE='on'))
        for every in (0, 1):
            rows.append(('Go', every, lambda depth, n, every=every: [
                os.path.join(gd, 'gobench'), 'panic%d' % depth, 'defer' if every else '-', str(n)], False,
                {'GODEBUG': 'asyncpreemptoff=1', 'GOGC': '100'}, None))   # part 5's GO_ENV
    outf = os.path.join(d, 'callgrind.out')
    if base_lib:
        print('| implementation | defer in every frame | Ir, 1 frame, %s | now | Ir, 10 frames, %s | now |'
              % (a.baseline, a.baseline))
        print('|---|---|---:|---:|---:|---:|')
    else:
        print('| implementation | defer in every frame | Ir, 1 frame | Ir, 10 frames |')
        print('|---|---|---:|---:|')
    profs = []
    for label, every, cmd, prof, env, base in rows:
        res = []
        for depth in (1, 10):
            for which, c in (('baseline', base), ('now', cmd)):
                if which == 'baseline' and not base_lib:
                    continue
                if not c:
                    res.append(None)
                    continue
                x = ir(c(depth, a.n), outf, env)
                y = ir(c(depth, 2 * a.n), outf, env)
                res.append((y - x) / a.n)
                if prof and a.profile:
                    profs.append(('%s%s, %s, depth %d' % (
                        label, ' (%s)' % a.baseline if which == 'baseline' else '',
                        'defer in every frame' if every else 'no defer', depth), profile(outf, 2 * a.n)))
        if base_lib:
            res = [res[1] if v is None else v for v in res[:2]] + [res[3] if v is None else v for v in res[2:]]
        print('| %s | %s | ' % (label, 'yes' if every else 'no') + ' | '.join('%.0f' % v for v in res) + ' |',
              flush=True)
    for what, p in profs:
        print('- %s: ' % what + ', '.join('`%s` %.0f' % kv for kv in sorted(p.items(), key=lambda kv: -kv[1])))


if __name__ == '__main__':
    main()
