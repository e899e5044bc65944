# bench/cdefer_bench/toolchain.py - which compilers, plugins and runtime the
# benchmarks use, read from a build tree's CMakeCache.txt: the GCC that
# cdefer-gcc.so was built for (CDEFER_GCC, else CMAKE_C_COMPILER), the Clang
# that cdefer-clang.so was built for (Clang_DIR), and the products of the
# tree (cdefer_BINARY_DIR: the layout docs/REFERENCE.md section 1 fixes).
# A second tree, the Clang 19 matrix build (default BUILD/matrix/clang-19,
# made by test/matrix.sh), gives the Clang 19 rows when its cache exists.
# Also the GCC plugin-option probe and the "does the plugin work" probe.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import re
import shutil

from .common import (COMPILE_TIMEOUT, PG_OFF, clang_plugin_flags, disp, first_error, gcc_plugin_flags, run,
                     version_line)


def read_cache(build):
    """{NAME: value} of BUILD/CMakeCache.txt ({} when there is none)."""
    path = os.path.join(build, 'CMakeCache.txt')
    out = {}
    try:
        with open(path) as f:
            for line in f:
                m = re.match(r'^([A-Za-z_][\w.+-]*):[A-Z]+=(.*)$', line.rstrip('\n'))
                if m:
                    out[m.group(1)] = m.group(2)
    except OSError:
        pass
    return out


def _which(name):
    if not name:
        return None
    if os.path.isabs(name):
        return name if os.path.isfile(name) else None
    return shutil.which(name)


def cache_clang(cache):
    """The Clang a tree's cdefer-clang.so was built for: Clang_DIR is
    PREFIX/lib/cmake/clang (as test/matrix.sh and scripts/example.sh read it)."""
    d = cache.get('Clang_DIR', '')
    m = re.match(r'^(.*)/lib(?:64)?/cmake/clang/?$', d)
    if not m:
        return None, None
    cc = os.path.join(m.group(1), 'bin', 'clang')
    cxx = os.path.join(m.group(1), 'bin', 'clang++')
    return (cc if os.path.isfile(cc) else None), (cxx if os.path.isfile(cxx) else None)


def major(cc):
    """Major version of a compiler (None if it does not answer)."""
    if not cc:
        return None
    m = re.search(r'version (\d+)|\) (\d+)\.\d+', version_line([cc, '--version']))
    return int(m.group(1) or m.group(2)) if m else None


class Toolchain:
    """Compilers and cdefer products of one build tree (plus the Clang 19
    tree).  Paths of products that are absent are still set, so that rows
    can say what is missing."""

    def __init__(self, build, clang19_build=None):
        self.build = os.path.abspath(build)
        self.cache = read_cache(self.build)
        self.notes = []            # for the report: what was not found where it was expected
        if not self.cache:
            self.notes.append('no CMakeCache.txt in %s: run `cmake -B %s` first (or give --build-dir DIR)'
                              % (disp(self.build), disp(self.build)))
        binary = self.cache.get('cdefer_BINARY_DIR') or self.build
        self.gcc_so = os.path.join(binary, 'cdefer-gcc.so')
        self.gcc_named_so = os.path.join(binary, 'gcc', 'cdefer.so')   # the name GCC's options need
        self.clang_so = os.path.join(binary, 'cdefer-clang.so')
        self.libcdefer = os.path.join(binary, 'libcdefer.a')
        # GCC: the one whose plugin headers cdefer-gcc.so is built against
        # (only it can load the plugin), else the project's C compiler.
        self.gcc = _which(self.cache.get('CDEFER_GCC')) or _which(self.cache.get('CMAKE_C_COMPILER')) or 'gcc'
        self.gxx = self._gxx()
        self.clang, self.clangxx = cache_clang(self.cache)
        if self.cache and not self.clang:
            self.notes.append('%s/CMakeCache.txt names no Clang (Clang_DIR): the Clang rows are not measured'
                              % disp(self.build))
        c19 = clang19_build or os.path.join(binary, 'matrix', 'clang-19')
        self.clang19_build = os.path.abspath(c19)
        c19cache = read_cache(self.clang19_build)
        self.clang19, _ = cache_clang(c19cache)
        so = os.path.join(c19cache.get('cdefer_BINARY_DIR') or self.clang19_build, 'cdefer-clang.so')
        self.clang19_so = so if c19cache and os.path.isfile(so) else None
        self.gcc_arg_so = None     # set by check_gcc_plugin_arg()

    def _gxx(self):
        """The g++ that goes with self.gcc (gcc-12 -> g++-12), else CMAKE_CXX_COMPILER."""
        d, b = os.path.split(self.gcc)
        i = b.rfind('gcc')
        if i >= 0:
            cand = os.path.join(d, b[:i] + 'g++' + b[i + 3:]) if d else b[:i] + 'g++' + b[i + 3:]
            found = _which(cand)
            if found:
                return found
        return _which(self.cache.get('CMAKE_CXX_COMPILER')) or 'g++'

    # -- names the report shows ------------------------------------------
    def label_notes(self):
        """Notes when a compiler is not the version the report's labels name."""
        out = []
        for what, cc, want in (('GCC', self.gcc, 12), ('Clang', self.clang, 22), ('Clang 19 tree\'s Clang', self.clang19, 19)):
            if not cc:
                continue
            got = major(cc)
            if got is not None and got != want:
                out.append('the rows labelled "%s %d" were measured with %s, version %d (from %s)'
                           % (what.split()[0], want, disp(cc), got, 'the CMake cache'))
        return out

    def present(self):
        return {'cdefer-gcc.so': os.path.isfile(self.gcc_so), 'cdefer-clang.so (22)': os.path.isfile(self.clang_so),
                'cdefer-clang.so (19)': bool(self.clang19_so), 'libcdefer.a': os.path.isfile(self.libcdefer)}

    # -- plugin flags ----------------------------------------------------
    def gcc_plugin(self, off):
        if off and self.gcc_arg_so:
            # GCC takes a plugin's name from its file name up to the first '-'
            # when it parses -fplugin-arg-NAME-KEY, so -fplugin-arg-cdefer-gcc-*
            # only reaches a plugin loaded as "cdefer.so" (BUILD/gcc/cdefer.so,
            # a link to cdefer-gcc.so); the plugin accepts the key "gcc-unwind".
            return gcc_plugin_flags(self.gcc_arg_so, True)
        return gcc_plugin_flags(self.gcc_so, off)

    @staticmethod
    def clang_plugin(so, off):
        return clang_plugin_flags(so, off)

    def check_gcc_plugin_arg(self, out):
        """Use -fplugin=cdefer-gcc.so with the unwind=off flag if GCC accepts
        it, else BUILD/gcc/cdefer.so, else a link of our own named cdefer.so;
        returns a note for the report (or None)."""
        self.gcc_arg_so = None
        if not os.path.isfile(self.gcc_so):
            return None
        d = os.path.join(out, 'probe')
        os.makedirs(d, exist_ok=True)
        src = os.path.join(d, 'empty.c')
        with open(src, 'w') as f:
            f.write('int probe_x;\n')

        def ok():
            return run([self.gcc] + self.gcc_plugin(True) + ['-c', src, '-o', os.path.join(d, 'empty.o')], timeout=60)
        r = ok()
        if r.ok:
            return None
        msg = first_error(r)
        for official in (self.gcc_named_so, os.path.join(os.path.dirname(self.gcc_so), 'cdefer.so')):
            if not os.path.isfile(official):
                continue
            self.gcc_arg_so = official
            if ok().ok:
                return ('`-fplugin=%s %s` is rejected by GCC 12 (`%s`: GCC cuts the plugin name '
                        'of `-fplugin-arg-NAME-KEY` at the first `-`); the "unwind off" GCC rows load the plugin as '
                        '`%s` (the build\'s link to it), with which the option works.'
                        % (disp(self.gcc_so), ' '.join(PG_OFF), msg, disp(official)))
        link = os.path.join(out, 'plugins', 'cdefer.so')
        os.makedirs(os.path.dirname(link), exist_ok=True)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(self.gcc_so, link)
        self.gcc_arg_so = link
        if not ok().ok:
            self.gcc_arg_so = None
            return 'the GCC option `%s` fails (`%s`) under every plugin file name tried' % (' '.join(PG_OFF), msg)
        return ('`-fplugin=%s %s` is rejected by GCC 12 (`%s`: GCC cuts the plugin name of '
                '`-fplugin-arg-NAME-KEY` at the first `-`), and %s is absent; the "unwind off" GCC '
                'rows load the same plugin through a link named `cdefer.so`.'
                % (disp(self.gcc_so), ' '.join(PG_OFF), msg, disp(self.gcc_named_so)))

    def plugin_works(self, out, cc, flags):
        """Compile and run a tiny defer program; None if it prints the right thing."""
        d = os.path.join(out, 'probe')
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

    def probes(self, out):
        """{plugin name: error} for the plugins present that fail the probe."""
        bad = {}
        for name, cc, so, flags in (('GCC plugin', self.gcc, self.gcc_so, self.gcc_plugin(False)),
                                    ('Clang 22 plugin', self.clang, self.clang_so,
                                     self.clang_plugin(self.clang_so, False))):
            if cc and os.path.isfile(so):
                e = self.plugin_works(out, cc, flags)
                if e:
                    bad[name] = e
        return bad
