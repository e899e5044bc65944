# bench/cdefer_bench/part2.py - part 2, code size and shape: compiles the
# workloads and bench/src/shapes_*.c at -O0/-O2/-Os, hand-written and with
# defer, unwinding off and on, and records per function the instructions
# (objdump), bytes (nm), whether the instruction stream equals the
# hand-written one, and the object's section sizes.  Returns the JSON of
# results.json's "part2".
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import re

from .common import COMPILE_TIMEOUT, NATIVE, SRC, first_error, have, log, run, sections, shq

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


def count_insns(lines):
    return sum(1 for l in lines if not l.startswith('  reloc'))


def _variants(cname, pflags):
    v = [('hand', [], ['v_goto.c', 'shapes_goto.c'], 'off'),
         ('hand-eh', ['-fexceptions'], ['v_goto.c', 'shapes_goto.c'], 'on'),
         ('cdefer-off', pflags(True), ['v_defer.c', 'shapes_defer.c'], 'off'),
         ('cdefer-on', pflags(False), ['v_defer.c', 'shapes_defer.c'], 'on')]
    if cname == 'Clang 22':
        v += [('native-off', NATIVE, ['v_defer.c', 'shapes_defer.c'], 'off'),
              ('native-on', NATIVE + ['-fexceptions'], ['v_defer.c', 'shapes_defer.c'], 'on')]
    return v


def _measure_variant(B, d, cname, cc, opt, vname, flags, srcs):
    funcs, sizes, secs = {}, {}, {'text': 0, 'eh_frame': 0, 'except': 0}
    for s in srcs:
        obj = os.path.join(d, '%s_%s_%s_%s.o' % (cname.replace(' ', ''), opt, vname, s[:-2]))
        cmd = [cc] + flags + [opt, '-c', os.path.join(SRC, s), '-o', obj]
        r = run(cmd, timeout=COMPILE_TIMEOUT)
        if not r.ok:
            return {'error': 'compile failed: ' + first_error(r)}
        if cname == 'GCC 12' and opt == '-O2' and s == 'v_defer.c' and vname == 'cdefer-off':
            B.cmd('2', 'object (example)', shq(cmd))
        funcs.update(disasm(obj))
        sizes.update(sym_sizes(obj))
        for k, v in sections(obj).items():
            secs[k] += v
    return {
        'insns': {f: count_insns(funcs.get(f, [])) for f in FUNCS},
        'bytes': {f: sizes.get(f, 0) for f in FUNCS},
        'other_funcs': sorted(set(sizes) - set(FUNCS)),
        'sections': secs,
        'norm': {f: funcs.get(f, []) for f in FUNCS},
    }


def measure(B):
    tc = B.tc
    d = B.dir('p2')
    comps = [('GCC 12', tc.gcc, tc.gcc_so, tc.gcc_plugin),
             ('Clang 22', tc.clang, tc.clang_so, lambda off: tc.clang_plugin(tc.clang_so, off))]
    if tc.clang19_so:
        comps.append(('Clang 19', tc.clang19, tc.clang19_so, lambda off: tc.clang_plugin(tc.clang19_so, off)))
    out = {'entries': [], 'errors': {}}
    for (cname, cc, so, pflags) in comps:
        for opt in ('-O0', '-O2', '-Os'):
            ent = {'compiler': cname, 'opt': opt, 'v': {}}
            for (vname, flags, srcs, unwind) in _variants(cname, pflags):
                if not have(cc):
                    ent['v'][vname] = {'error': 'compiler not found'}
                elif vname.startswith('cdefer') and not os.path.isfile(so):
                    ent['v'][vname] = {'error': 'plugin not built yet'}
                else:
                    ent['v'][vname] = _measure_variant(B, d, cname, cc, opt, vname, flags, srcs)
            # identical instruction streams?
            for vname, v in ent['v'].items():
                if 'norm' not in v or vname.startswith('hand'):
                    continue
                base = ent['v'].get('hand-eh' if vname.endswith('-on') else 'hand', {})
                if 'norm' in base:
                    v['identical'] = {f: v['norm'][f] == base['norm'][f] for f in FUNCS}
            for v in ent['v'].values():
                v.pop('norm', None)
            out['entries'].append(ent)
        log('part2 %s done' % cname)
    B.cmd('2', 'measure', 'objdump -dr --no-show-raw-insn OBJ (instructions per function, '
          'f.cold folded into f), nm -S (bytes), size -A (.text*, .eh_frame, .gcc_except_table)')
    return out
