# bench/cdefer_bench/common.py - what every part shares: running a command
# (nice -n 10, a time limit, an output cap, the child's CPU time, stopping it
# with us), instruction counts under callgrind, medians, object-file section
# sizes, version lines, the plugins' command-line flags, and the Bench
# context (output directory, toolchain, settings, the list of commands the
# report prints).
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

PKG = os.path.dirname(os.path.abspath(__file__))
HERE = os.path.dirname(PKG)                      # bench/
ROOT = os.path.dirname(HERE)                     # the checkout
SRC = os.path.join(HERE, 'src')
INC = os.path.join(ROOT, 'runtime', 'include')
NICE = ['nice', '-n', '10']
COMPILE_TIMEOUT = 300
CAP = 1 << 20          # bytes of stdout/stderr kept per command; the rest is discarded

# plugin flags
PG_OFF = ['-fplugin-arg-cdefer-gcc-unwind=off']
PC_OFF = ['-Xclang', '-plugin-arg-cdefer', '-Xclang', 'unwind=off']
NATIVE = ['-fdefer-ts', '-std=c2y', '-I' + INC]          # Clang 22's own _Defer


def gcc_plugin_flags(so, off):
    return ['-fplugin=' + so, '-I' + INC] + (PG_OFF if off else [])


def clang_plugin_flags(so, off):
    return ['-fplugin=' + so, '-I' + INC] + (PC_OFF if off else [])


def log(*a):
    print('[bench %s]' % time.strftime('%H:%M:%S'), *a, file=sys.stderr, flush=True)


def disp(path):
    """A path as the report shows it: relative to the checkout when inside it."""
    if not path:
        return str(path)
    p = os.path.abspath(path)
    return os.path.relpath(p, ROOT) if p.startswith(ROOT + os.sep) else p


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


def stop_children_with_us():
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)


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
    # valgrind prefixes its lines with ==PID==; its banner says nothing
    lines = [re.sub(r'^==\d+==\s*', '', l) for l in res.err.splitlines()]
    lines = [l for l in lines if l.strip()]
    for l in lines:
        if any(k in l.lower() for k in ('error', 'internal compiler', 'unrecognised instruction', 'terminating')):
            return l.strip()[:200]
    return (lines[0].strip()[:200] if lines else 'exit code %s' % res.rc)


def have(path_or_cmd):
    return bool(path_or_cmd) and (bool(shutil.which(path_or_cmd)) or os.path.isfile(path_or_cmd))


def version_line(cmd):
    r = run(cmd, timeout=30, nice=False)
    txt = (r.out or r.err).strip().splitlines()
    return txt[0] if txt else '?'


def median(xs):
    return statistics.median(xs) if xs else None


# --------------------------------------------------------------------------
# measurement primitives
# --------------------------------------------------------------------------

def callgrind_ir(cmd, outf, env=None, timeout=300):
    """Total instructions executed by cmd under callgrind (None on failure);
    the callgrind output is left in outf."""
    r = run(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + outf] + cmd,
            timeout=timeout, env=env)
    m = re.search(r'Collected\s*:\s*(\d+)', r.err)
    if not r.ok or not m:
        return None, r
    return int(m.group(1)), r


def ir_per_call(mk_cmd, n, outf, env=None, timeout=300):
    """(Ir(2n) - Ir(n)) / n: instructions per call with start-up and exit
    costs cancelled out."""
    a, ra = callgrind_ir(mk_cmd(n), outf, env, timeout)
    if a is None:
        return None, first_error(ra)
    b, rb = callgrind_ir(mk_cmd(2 * n), outf, env, timeout)
    if b is None:
        return None, first_error(rb)
    return (b - a) / n, None


def sections(obj):
    """.text* (all text sections), .eh_frame and .gcc_except_table bytes of an object."""
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


def write(path, text):
    with open(path, 'w') as f:
        f.write(text)
    return path


# --------------------------------------------------------------------------
# the context every part gets
# --------------------------------------------------------------------------

GO_ENV = {'GODEBUG': 'asyncpreemptoff=1', 'GOGC': '100'}


class Bench:
    """One run: settings (args), toolchain (tc), output directory (out) and
    the commands the report lists, as (part, what, command line)."""

    def __init__(self, args, tc, out):
        self.args, self.tc, self.out = args, tc, out
        self.commands = []
        self.callgrind_out = os.path.join(out, 'callgrind.out')

    def dir(self, name):
        d = os.path.join(self.out, name)
        os.makedirs(d, exist_ok=True)
        return d

    def cmd(self, part, what, line):
        self.commands.append((part, what, line))

    def ir_per_call(self, mk_cmd, n, env=None, timeout=300):
        return ir_per_call(mk_cmd, n, self.callgrind_out, env, timeout)

    def build_go(self, part):
        """The Go benchmark binary (bench/src/go), or (None, why not)."""
        if not have('go'):
            return None, 'go not installed'
        d = self.dir('go')
        for f in ('main.go', 'go.mod'):
            shutil.copy(os.path.join(SRC, 'go', f), d)
        exe = os.path.join(d, 'gobench')
        cmd = ['go', 'build', '-buildvcs=false', '-o', exe, '.']
        r = run(cmd, timeout=COMPILE_TIMEOUT, cwd=d, env={'GOFLAGS': '-mod=mod', 'GO111MODULE': 'on'})
        self.cmd(part, 'Go (in bench/out/go)', shq(cmd))
        if not r.ok:
            return None, 'go build failed: ' + first_error(r)
        return exe, None
