# bench/cdefer_bench/findings.py - the report's computed prose: the Findings
# (plain-language conclusions of parts 1, 2, 3, 3prof and 5; part 4's come
# from scaling.py), the Goals table, and the "cost of enabling unwinding"
# summary of part 2.  Every sentence here depends on the measured figures;
# what a finding says about the code was checked against the code (runtime/,
# gcc-plugin/, clang-plugin/) and must be re-checked when the code changes.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
from . import scaling
from .part2 import FUNCS
from .part3 import PHASES

# ratio helpers shared with render.py


def pct(a, b):
    if a is None or b is None or not b:
        return '–'
    return '%+.1f %%' % ((a / b - 1) * 100)


def spread(xs):
    if not xs or len(xs) < 2:
        return 'n/a (1 rep)'
    return '%.1f %%' % ((max(xs) / min(xs) - 1) * 100)


def tmin(xs):
    return min(xs) if xs else None


SAME = 0.005        # instruction ratios this close to 1 are "the same"
LAYOUT = 0.02       # differences under this are block layout


def _p1_ratio(by, rid, base, w):
    a, b = by.get(rid, {}).get('ir_' + w), by.get(base, {}).get('ir_' + w)
    return a / b if a and b else None


def _run_time(p1):
    by = {r['id']: r for r in p1['rows']}

    def rr(rid, base, w):
        return _p1_ratio(by, rid, base, w)

    def both(rid, base, f):
        return '/'.join(f % x for x in (rr(rid, base, 'mutex'), rr(rid, base, 'res')) if x) or '?'
    parts, offs = [], []
    for rid, base, lab in (('gcc-cdefer-off', 'gcc-goto', 'GCC'), ('clang22-cdefer-off', 'clang22-goto', 'Clang 22'),
                           ('clang19-cdefer-off', 'clang19-goto', 'Clang 19')):
        m, r = rr(rid, base, 'mutex'), rr(rid, base, 'res')
        if m and r:
            parts.append('%s %.3f / %.3f' % (lab, m, r))
            offs += [m, r]
    if not parts:
        return None
    ons = (('GCC', 'gcc-cdefer-on', 'gcc-goto'), ('Clang 22', 'clang22-cdefer-on', 'clang22-goto'))
    on_txt = ' '.join('With unwinding on (%s): %s.' % (lab, ', '.join('%.3f' % x for x in xs if x))
                      for lab, xs in ((lab, [rr(rid, b, 'mutex'), rr(rid, b, 'res')]) for lab, rid, b in ons)
                      if any(xs))
    over = [(lab, w, x) for lab, rid, b in ons for w in ('mutex', 'res')
            for x in [rr(rid, b, w)] if x and x - 1 >= LAYOUT]
    # GCC's unwind-on rows that differ by a little: the same code laid out differently
    layout = [w for w in ('mutex', 'res') for x in [rr('gcc-cdefer-on', 'gcc-goto', w)] if x and SAME <= abs(x - 1) < LAYOUT]
    layout = (': GCC lays the %s function out differently once the landing pads exist'
              % ' and the '.join('resource' if w == 'res' else w for w in layout)) if layout else ''
    if not over:
        eh = ('Landing pads sit off the hot path, so enabling unwinding costs no instructions on the normal path '
              '(differences under 2 %% are block layout%s). ' % layout)
    else:
        eh = ('Landing pads sit off the hot path (differences under 2 %% are block layout%s), but enabling unwinding '
              'is not free on the normal path: %s instructions%s. ' % (layout,
                  ', '.join('%s `%s` %+.1f %%' % (lab, w, (x - 1) * 100) for lab, w, x in over),
                  ''))
    alts = [(lab, rr(rid, base, 'mutex'), rr(rid, base, 'res'))
            for lab, rid, base in (('the cleanup-attribute + nested-function macro', 'gcc-nested-off', 'gcc-goto'),
                                   ('C++ RAII (g++)', 'g++-raii-off', 'gcc-goto'),
                                   ('C++ RAII (clang++)', 'clang++22-raii-off', 'clang22-goto'))]
    alts = [a for a in alts if a[1] and a[2]]
    if not alts:
        alt = 'the cleanup-attribute macro and C++ RAII were not measured'
    elif all(abs(m - 1) < SAME and abs(r - 1) < SAME for _, m, r in alts):
        alt = 'the cleanup-attribute + nested-function macro and C++ RAII compile to the same code as well'
    else:
        alt = ', '.join('%s costs %.3f / %.3f x' % a for a in alts)
    lead = ('With unwinding off, a defer executes as many instructions as hand-written goto cleanup'
            if all(abs(x - 1) < SAME for x in offs) else
            'With unwinding off, a defer does not always execute as many instructions as hand-written goto cleanup')
    return ('**Run time.** %s (defer / hand-written, mutex / resources: %s). ' % (lead, '; '.join(parts)) +
            on_txt + ' ' + eh +
            'The alternatives: %s; the setjmp emulation costs %s x; %s.' % (
                alt, both('gcc-setjmp-off', 'gcc-goto', '%.1f'),
                'Go\'s open-coded defer costs %s x hand-written Go and a defer inside a loop %s x' % (
                    both('go-defer', 'go-goto', '%.1f'), both('go-loop', 'go-goto', '%.0f'))
                if by.get('go-goto', {}).get('ir_mutex') else 'Go was not measured (%s)' % (
                    by.get('go-goto', {}).get('error') or 'no Go row')))


def _code(p2):
    same, diff = [], []
    native_same = []
    for ent in p2['entries']:
        if ent['opt'] == '-O0':
            continue
        v = ent['v'].get('cdefer-off', {})
        if 'identical' not in v:
            continue
        for f in FUNCS:
            (same if v['identical'][f] else diff).append((ent['compiler'], ent['opt'], f, v['insns'][f],
                                                          ent['v']['hand']['insns'][f]))
        nat = ent['v'].get('native-off', {})
        if 'insns' in nat:
            native_same.append(nat['insns']['nested3'] == v['insns']['nested3'])
    if not (same or diff):
        return None
    why = ''
    if diff and all(d[2] == 'nested3' for d in diff):
        why = (' In `nested3` the compilers emit an inner block\'s cleanup once per kind of exit '
               '(`return` vs falling out of the block: GCC copies a finally block for every '
               'distinct destination%s), where the hand-written version shares one path.' % (
                   ', Clang 22\'s native `_Defer` gives the same code as the Clang plugin'
                   if native_same and all(native_same) else ''))
    return ('**Code.** At -O2/-Os with unwinding off, %d of %d (compiler, level, function) cases are '
            'instruction-for-instruction identical to hand-written goto cleanup. %s' % (
                len(same), len(same) + len(diff),
                ('Not identical: ' + '; '.join('%s %s `%s` %d vs %d instructions' % d for d in diff) + '.' + why)
                if diff else ''))


def _heavy(p3):
    rows, clang_gap = [], False
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
            off, nat = tmin(t.get('defer-unwind-off')), tmin(t.get('native'))
            clang_gap = clang_gap or bool(off and nat and off > 1.1 * nat)
        if z.get('defer') and z.get('goto'):
            item += ', code x%.2f' % (z['defer'] / z['goto'])
        rows.append(item)
    if not rows:
        return None
    return ('**Compile time of defer-heavy code** (vs the goto twin): ' + '; '.join(rows) + '. Most of '
            'the overhead is unwinding: landing pads for every call made while a defer is pending, and '
            'at -O0 one copy of the cleanup per kind of exit, so more code to compile. Without unwinding '
            'GCC\'s overhead is much smaller (figures above)' +
            ('; the Clang plugin still costs clearly more than Clang\'s native `_Defer` (its per-defer '
             'synthesized functions and environment structs), which is the part the Clang plugin can win back.'
             if clang_gap else '.'))


def profile_finding(p):
    """The explanation of the Clang plugin's -O0 compile-time overhead on
    the defer-heavy file (part3prof), or None."""
    t = p.get('times', {})
    g, n, c = t.get('goto'), t.get('native'), t.get('plugin-off')
    if not (g and n and c):
        return None

    def tot(x):
        return sum(x.get(k, 0) for k in PHASES)
    rows = ['%s %.2f / %.2f / %.2f' % (k, g.get(k, 0), n.get(k, 0), c.get(k, 0)) for k in PHASES]
    extra = tot(c) - tot(n)
    parts = sorted(((c.get(k, 0) - n.get(k, 0), k) for k in PHASES), reverse=True)
    return ('**Where the Clang plugin\'s -O0 compile time goes** (defer-heavy file, unwind=off; '
            '`-ftime-report`, CPU s, min of %d; hand-written goto / native `_Defer` / plugin): %s; total '
            '%.2f / %.2f / %.2f. The plugin costs %.2f s more than native `_Defer`: %s. Cause: the plugin '
            'moves each of the %d deferred statements into a `static inline __attribute__((always_inline))` '
            'function `__cdefer_fn_N` taking a struct of pointers to the captured locals, and declares a '
            '`cleanup` variable of that struct (clang-plugin/lower.cpp) — %d extra functions and record types '
            'for Sema to build and for CodeGen to emit, which at -O0 the always-inliner then has to inline '
            'back (AlwaysInlinerPass %.2f s, native %.2f s: native `_Defer` emits the statement itself as the '
            'cleanup and has nothing to inline); the .text is %s (the environments\' pointer stores and '
            'loads). What would close it: fewer synthesized '
            'declarations (the front-end and IR-generation shares grow with the number of helper functions '
            'and structs); without `always_inline` at -O0 the inliner share goes away, at the price of a call '
            'per cleanup in -O0 code. Native\'s ~0 %% needs the deferred statement emitted in place, which the '
            'default lowering onto the `cleanup` attribute (a function call) cannot do; the plugin\'s '
            '`lowering=native` (Clang 22) emits it in place as Clang\'s own `DeferStmt`.' % (
                p.get('reps', 1), '; '.join(rows), tot(g), tot(n), tot(c), extra,
                ', '.join('%s %+.2f s' % (k, d) for d, k in parts if abs(d) >= 0.01),
                p.get('defers', 0), p.get('defers', 0), c.get('AlwaysInlinerPass', 0),
                n.get('AlwaysInlinerPass', 0),
                ('%d B vs %d B native' % (p['text']['plugin-off'], p['text']['native'])
                 if p.get('text', {}).get('plugin-off') and p['text'].get('native') else 'not measured')))


def _panic(p5):
    by = {r['id']: r for r in p5['rows']}
    a, c = by.get('cdefer-abi-gcc', {}), by.get('cxx-g++', {})
    if not (a.get('ir_1') and c.get('ir_1') and a.get('ir_10') and c.get('ir_10')):
        return None
    pr = a.get('profile_1', {})
    where = ''
    if pr.get('_Unwind_ForcedUnwind'):
        where = (' `_Unwind_ForcedUnwind` (libgcc\'s unwinder: finding each frame\'s unwind information, running '
                 'its landing pads, calling the runtime\'s stop function) accounts for %.0f of them (%.0f %%)%s.' % (
                     pr['_Unwind_ForcedUnwind'], 100 * pr['_Unwind_ForcedUnwind'] / a['ir_1'],
                     ', the stop function `stop` itself for %.0f' % pr['stop'] if pr.get('stop') else ''))
    return ('**Panic.** A cdefer round trip costs %.0f instructions at depth 1 (%.2f x C++ throw/catch) '
            'and %.0f at depth 10 (%.2f x).%s The backtrace that the report of an unrecovered panic prints is '
            'recorded by the forced unwind\'s stop function as it visits each frame (runtime/src/panic.c), so raising costs no '
            'separate stack walk.' % (a['ir_1'], a['ir_1'] / c['ir_1'], a['ir_10'], a['ir_10'] / c['ir_10'], where))


def findings(res):
    """Plain-language conclusions computed from the results."""
    F = []
    for key, fn in (('part1', _run_time), ('part2', _code)):
        if res.get(key):
            f = fn(res[key])
            if f:
                F.append(f)
    p3 = res.get('part3')
    if p3 and p3.get('heavy'):
        f = _heavy(p3)
        if f:
            F.append(f)
    pp = res.get('part3prof')
    if pp and profile_finding(pp):
        F.append(profile_finding(pp))
    if res.get('part4'):
        F += scaling.findings(res['part4'])
    if res.get('part5'):
        f = _panic(res['part5'])
        if f:
            F.append(f)
    return F


def unwind_summary(p2, p1=None):
    """Part 2's "cost of enabling unwinding", as one string."""
    out = []

    def tot(e):
        return e['sections']['text'] + e['sections']['eh_frame'] + e['sections']['except']
    for ent in p2['entries']:
        v = ent['v']
        on, off = v.get('cdefer-on', {}), v.get('cdefer-off', {})
        h, he = v.get('hand', {}), v.get('hand-eh', {})
        if 'sections' not in on or 'sections' not in off:
            continue
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
        normal = 'no instructions on the normal path (part 1)'
        if p1:
            by = {r['id']: r for r in p1['rows']}
            over = ['%s `%s` %+.1f %%' % (lab, w, (x - 1) * 100)
                    for lab, rid, b in (('GCC', 'gcc-cdefer-on', 'gcc-goto'), ('Clang 22', 'clang22-cdefer-on', 'clang22-goto'))
                    for w in ('mutex', 'res') for x in [_p1_ratio(by, rid, b, w)] if x and x - 1 >= LAYOUT]
            if over:
                normal = 'on the normal path %s instructions (part 1)' % ', '.join(over)
        out.insert(0, '**In short, at -O2 enabling unwinding costs ' + '; '.join(short) +
                   ', and %s. The size grows with the number of calls '
                   'made while a defer is pending that may throw: glibc\'s `pthread_mutex_*` are declared '
                   '`nothrow`, so `counter_add` and `transfer` need no landing pad at all.**\n' % normal)
    return ('Unwinding is what makes deferred code run during a panic, `pthread_exit` or `pthread_cancel`. '
            'Its price is landing pads in the code (each call that may unwind while a defer is pending gets '
            'a path that runs the cleanup and resumes unwinding — GCC moves most of them to `.text.unlikely`) '
            'and unwind tables (`.eh_frame`, `.gcc_except_table`), which the loader maps but never touches '
            'unless something unwinds. The run-time cost on the non-unwinding path is in part 1 '
            '("unwind on" rows).\n\n' + '\n'.join(out))


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
            met = abs(rm - 1) < SAME and abs(rr - 1) < SAME
            G.append(('defer / hand-written Ir per call, %s, -O2, unwind off' % comp, '1.00',
                      'mutex %.3f, res %.3f' % (rm, rr),
                      'yes' if met else '**no** (%s)' % ', '.join(
                          '%s %+.1f %%' % (w, (x - 1) * 100) for w, x in (('mutex', rm), ('res', rr)) if abs(x - 1) >= SAME)))
            if n.get('ir_mutex') is not None:
                G.append(('same, unwinding on (cost stated, no target)', '–',
                          'mutex %.3f, res %.3f' % (n['ir_mutex'] / b['ir_mutex'], n['ir_res'] / b['ir_res']), '–'))
    p3 = res.get('part3')
    if p3:
        for k, e in p3['sqlite'].items():
            t = e['times']
            a, b = tmin(t.get('plugin')), tmin(t.get('none'))
            if a is None or b is None:
                G.append(('plugin compile overhead, defer-free sqlite3.c, %s' % k, '≤ 1 %', 'not measured', '–'))
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
    if res.get('part4'):
        G.append(scaling.goal(res['part4']))
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
