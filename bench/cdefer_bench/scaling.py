# bench/cdefer_bench/scaling.py - part 4 of the report: the scaling tables,
# the shape of every curve (log-log slope), why a curve is not linear and
# what would make it linear, the findings and the "every scaling curve
# linear" goal.  Everything here is computed from the stored results
# (results.json, key part4); part4.py measures them, and the section's fixed
# introduction is in bench/report.md.in.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import math

AXIS_DESC = {
    'defers': 'n defers in one block, one exit',
    'returns': 'n x (defer; early return): exit i runs i+1 cleanups',
    'nesting': 'n nested blocks with a defer each, a return at the bottom',
    'exits': '3 defers, n early returns from their scope',
    'targets': '3 defers, n gotos to n distinct labels outside the scope',
    'gotos': 'n x (defer; goto own label outside the scope)',
}

METRICS = (('compile_s', 'compile time'), ('text', 'code size'), ('ir', 'run time'))
LINEAR_BELOW = 1.25     # slope under this: linear
SAME_SLOPE = 0.3        # slopes this close: "grows the same way"


def fit_slope(points, key):
    """Log-log slope of (metric(n) - metric(first)) over the upper points:
    ~1 linear, ~2 quadratic.  None for compile times that stay under 1 s
    (timer and load noise dominate there)."""
    pts = [(p['n'], p[key]) for p in points if p.get(key) is not None and not p.get('error')]
    if key == 'compile_s' and pts and max(v for _, v in pts) < 1.0:
        return None
    if len(pts) < 3:
        return None
    n0, v0 = pts[0]
    big = [(n, v - v0) for n, v in pts[1:] if v - v0 > 0]
    if len(big) < 2:
        return None
    nmax = big[-1][0]
    use = [(n, v) for n, v in big if n * 30 >= nmax]
    if len(use) < 2:
        use = big[-2:]
    xs = [math.log(n) for n, _ in use]
    ys = [math.log(v) for _, v in use]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    if den == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den


def shape(slope):
    if slope is None:
        return 'n/a'
    if slope < LINEAR_BELOW:
        return 'linear'
    if slope < 1.75:
        return 'superlinear'
    return 'quadratic' if slope < 2.5 else 'worse than quadratic'


def slope_of(ax, sid, key):
    return fit_slope(ax['series'].get(sid, {}).get('points', []), key)


def family(sid):
    return 'gcc' if sid.startswith('gcc') else 'clang22'


def explain(axis, ax, sid, key, sl):
    """Why a curve that is not linear is so: a dict with why, fix (what
    would make it linear), owner ('compiler' or 'plugin') and short (a few
    words for lists)."""
    fam = family(sid)
    comp = 'GCC' if fam == 'gcc' else 'Clang'
    what = dict(METRICS)[key]
    base = slope_of(ax, fam + '-goto', key)
    if fam == 'gcc':
        ref_id, ref_name = 'gcc-cleanup', "GCC's own `__attribute__((cleanup))`"
        lowering = ("GCC's lowering of n nested try/finally regions (gimplifier and tree-eh "
                    "`lower_try_finally`), which the cleanup attribute goes through too")
        fix = ('a change in GCC (e.g. tree-eh handling a chain of nested try/finally regions in one '
               'pass, sharing cleanup copies and landing pads), not in the plugin')
    else:
        ref_id, ref_name = 'clang22-native', "Clang 22's native `_Defer` with `-fexceptions`"
        lowering = ("Clang's cleanup emission with exceptions on: a nested EH cleanup scope, and a "
                    "landing pad per call, for every pending defer")
        fix = 'a change in Clang (e.g. sharing the cleanup blocks of nested EH scopes), not in the plugin'
    if fam == 'gcc' and axis == 'gotos':
        fix = ('a change in GCC\'s tree-eh: route the gotos that leave a chain of try/finally regions through '
               'one destination per chain, as the plugin does (gcc-plugin/dispatch.cc)')
    ref = slope_of(ax, ref_id, key)
    if sid.endswith('-goto'):
        return {'why': 'the compiler itself: this is the hand-written goto version, no defer involved',
                'fix': 'nothing in cdefer (it is the %s optimiser on a function of this size and shape)' % comp,
                'owner': 'compiler', 'short': 'hand-written code, the compiler'}
    if base is not None and shape(base) != 'linear' and base >= sl - SAME_SLOPE:
        return {'why': 'the compiler, not the defer lowering: the hand-written goto version grows the same '
                       'way (slope %.2f)' % base,
                'fix': 'nothing in cdefer; a faster %s for this shape' % comp,
                'owner': 'compiler', 'short': 'the compiler: hand-written slope %.2f' % base}
    if sid == ref_id:
        return {'why': 'this is the compiler\'s own mechanism, no plugin involved: %s' % lowering,
                'fix': fix, 'owner': 'compiler', 'short': 'the compiler\'s own cleanup lowering'}
    if ref is not None and shape(ref) != 'linear' and ref >= sl - SAME_SLOPE:
        f = fix
        off = slope_of(ax, 'gcc-cdefer-off', key) if sid == 'gcc-cdefer' else None
        if off is not None and shape(off) == 'linear':
            f += '; with `unwind=off` the GCC plugin\'s %s is linear (slope %.2f)' % (what, off)
        return {'why': '%s: %s, the same construct without the plugin, grows %s (slope %.2f)' % (
                    lowering, ref_name, 'the same way' if ref < sl + SAME_SLOPE else 'even faster', ref),
                'fix': f, 'owner': 'compiler',
                'short': 'the compiler\'s cleanup lowering: %s slope %.2f' % (ref_name, ref)}
    slopes = 'hand-written slope %s, %s slope %s' % (
        '%.2f' % base if base is not None else 'n/a (< 1 s)', ref_name,
        '%.2f' % ref if ref is not None else 'n/a (< 1 s)')
    if fam == 'clang22' and key == 'compile_s':
        return {'why': 'the plugin\'s own lowering (%s): every defer becomes an `always_inline` function and an '
                       'environment struct, which Clang has to build, emit and inline back (measured for the '
                       'defer-heavy file in the findings: the optimizer and IR-generation shares grow)' % slopes,
                'fix': 'fewer synthesized declarations per defer, or the deferred statement emitted in place (what '
                       'native `_Defer` does, and the plugin\'s `lowering=native` on Clang 22; the default lowering '
                       'onto the `cleanup` attribute cannot)',
                'owner': 'plugin', 'short': 'the plugin\'s synthesized functions'}
    return {'why': 'the plugin\'s own lowering (%s)' % slopes,
            'fix': 'not investigated yet: profile the compile at the largest n (`-ftime-report`, `perf record`) '
                   'and remove what grows with n in the plugin',
            'owner': 'plugin', 'short': 'the plugin'}


def nonlinear(p4):
    """Every curve (axis, series, metric) that is not linear, with its
    slope and explanation."""
    out = []
    for axis, ax in p4['axes'].items():
        for sid, s in ax['series'].items():
            if s.get('error'):
                continue
            for key, what in METRICS:
                sl = fit_slope(s['points'], key)
                if sl is None or shape(sl) == 'linear':
                    continue
                c = explain(axis, ax, sid, key, sl)
                c.update({'axis': axis, 'sid': sid, 'label': s['label'], 'key': key, 'what': what, 'slope': sl})
                out.append(c)
    return out


def cell(p, key):
    if p.get('timeout'):
        return '**timeout %ds**' % p['timeout']
    if p.get('skipped'):
        return '(skipped)'
    if p.get('error') and p.get(key) is None:
        return '**failed**'
    if p.get(key) is None:
        return '–'
    return {'compile_s': '%.2f', 'text': '%d', 'ir': '%.0f'}[key] % p[key]


def axes(p4, charts):
    """The per-axis tables of "## 4. Scaling", as a list of lines."""
    A = []
    for axis, ax in p4['axes'].items():
        A.append('### %s — %s' % (axis, AXIS_DESC.get(axis, '')))
        A.append('')
        A.append('| series | n | ' + ' | '.join(str(n) for n in ax['sizes']) + ' | shape |')
        A.append('|---|---|' + '---:|' * len(ax['sizes']) + '---|')
        for sid, s in ax['series'].items():
            if s.get('error'):
                A.append('| %s | | %s |' % (s['label'], s['error']))
                continue
            byn = {p['n']: p for p in s['points']}
            for key, what in (('compile_s', 'compile s'), ('text', '.text B'), ('ir', 'Ir/call')):
                cells = [cell(byn.get(n, {}), key) for n in ax['sizes']]
                sl = fit_slope(s['points'], key)
                A.append('| %s | %s | %s | %s |' % (
                    s['label'], what, ' | '.join(cells), '%s (%.2f)' % (shape(sl), sl) if sl is not None
                    else ('n/a (< 1 s)' if key == 'compile_s' else 'n/a')))
        errs = ['%s n=%d: %s' % (s['label'], p['n'], p['error']) for s in ax['series'].values()
                for p in s['points'] if p.get('error')]
        skips = []
        for s in ax['series'].values():
            sk = [p for p in s['points'] if p.get('skipped')]
            if sk:
                skips.append('%s, n=%s: %s' % (s['label'], ', '.join(str(p['n']) for p in sk),
                                               sk[0]['skipped']))
        if errs:
            A.append('')
            A.append('Failures: ' + '; '.join(e.replace('|', '/') for e in errs))
        if skips:
            A.append('')
            A.append('Skipped: ' + '; '.join(e.replace('|', '/') for e in skips) + '.')
        if charts and charts.get(axis):
            A.append('')
            A.append('![scaling %s](%s)' % (axis, charts[axis]))
        A.append('')
    return A


def summary(p4):
    """The "Scaling summary" list: one line per series and axis."""
    lines = []
    for axis, ax in p4['axes'].items():
        for sid, s in ax['series'].items():
            if s.get('error'):
                continue
            desc = []
            for key, what in METRICS:
                sl = fit_slope(s['points'], key)
                desc.append('%s %s' % (what, '%s (slope %.2f)' % (shape(sl), sl) if sl is not None else 'n/a'))
            bad = [p for p in s['points'] if p.get('timeout') or p.get('error')]
            extra = ''
            if bad:
                p = bad[0]
                extra = '; **%s at n=%d**' % ('timeout (%d s)' % p['timeout'] if p.get('timeout')
                                              else 'failure: ' + p['error'][:120].replace('|', '/'), p['n'])
            sk = [p['n'] for p in s['points'] if p.get('skipped')]
            if sk:
                extra += '; fitted up to n=%d (n=%s skipped)' % (
                    max([p['n'] for p in s['points'] if not p.get('skipped')] or [0]),
                    ', '.join(str(n) for n in sk))
            lines.append('- %s, %s: %s%s' % (axis, s['label'], ', '.join(desc), extra))
    return lines


def nonlinear_lines(p4):
    """The "Curves that are not linear" list: why, and what would close each."""
    nl = nonlinear(p4)
    if not nl:
        return ['None: every fitted curve is linear.']
    return ['- %s, %s, %s: %s (slope %.2f). Why: %s. Would close it: %s.' % (
        c['axis'], c['label'], c['what'], shape(c['slope']), c['slope'], c['why'], c['fix']) for c in nl]


def findings(p4):
    """Plain-language conclusions of part 4, for the report's Findings."""
    F = []
    ax = p4['axes'].get('gotos')
    if ax and 'gcc-cdefer' in ax['series']:
        pts = {p['n']: p for p in ax['series']['gcc-cdefer']['points']}
        hp = {p['n']: p for p in ax['series']['gcc-goto']['points']}
        cp = {p['n']: p for p in ax['series'].get('gcc-cleanup', {}).get('points', [])}
        big = [n for n in ax['sizes'] if pts.get(n, {}).get('text') and hp.get(n, {}).get('text')]
        sl = fit_slope(ax['series']['gcc-cdefer']['points'], 'text')
        csl = fit_slope(ax['series'].get('gcc-cleanup', {}).get('points', []), 'text')
        if big and sl and sl > 1.5:
            n = big[-1]
            F.append('**GCC blow-up (gotos axis).** When a block holds n defers and the exit after the '
                     'i-th defer is a `goto` to its own label outside the block, the GCC plugin\'s code grows '
                     'quadratically: at n=%d, %d bytes of .text vs %d hand-written (x%.0f), %.1f s vs %.2f s to '
                     'compile at -O2 (slope %.2f for size). GCC\'s `lower_try_finally` gives each finally every '
                     'destination of the ones inside it and copies the finally per destination; '
                     'gcc-plugin/dispatch.cc should route such gotos through one label (is it built?).' % (
                         n, pts[n]['text'], hp[n]['text'], pts[n]['text'] / hp[n]['text'],
                         pts[n]['compile_s'], hp[n]['compile_s'], sl))
        elif big and sl is not None:
            n = big[-1]
            cb = [m for m in ax['sizes'] if cp.get(m, {}).get('text') and hp.get(m, {}).get('text')]
            ctext = ''
            if cb and csl and csl > 1.5:
                m = cb[-1]
                ctext = (' GCC\'s own `__attribute__((cleanup))` still shows that blow-up (slope %.2f: at n=%d, %d '
                         'bytes vs %d hand-written, x%.0f, %.1f s to compile): `lower_try_finally` gives each '
                         'finally every destination of the ones inside it and copies the finally once per '
                         'destination, so cleanup i is emitted n−i+2 times.' % (
                             csl, m, cp[m]['text'], hp[m]['text'], cp[m]['text'] / hp[m]['text'],
                             cp[m]['compile_s']))
            F.append('**Gotos to many labels (gotos axis): linear with the GCC plugin.** n defers, each followed '
                     'by a `goto` to its own label outside the block: at n=%d the GCC plugin makes %d bytes of '
                     '.text vs %d hand-written (x%.2f), %.2f s vs %.2f s to compile (size slope %.2f).%s The '
                     'plugin avoids it (gcc-plugin/dispatch.cc): when gotos leave a chain of two or more defers '
                     'for three or more labels, each stores the label\'s index and jumps to one label after the '
                     'outermost defer it leaves, where a `switch` jumps on — as the hand-written version does — '
                     'so every try/finally has O(1) destinations (test/gcc/goto_dispatch.c: 120 cleanup calls '
                     'in the `.eh` dump for n=40, was 900). One or two labels are left as they were, so the -O2 '
                     'code of ordinary cleanup stays that of hand-written gotos.' % (
                         n, pts[n]['text'], hp[n]['text'], pts[n]['text'] / hp[n]['text'],
                         pts[n]['compile_s'], hp[n]['compile_s'], sl, ctext))
    lin, own = [], []
    for c in nonlinear(p4):
        if c['owner'] == 'plugin' and not c['sid'].endswith('-goto'):
            own.append(c)
        if c['key'] != 'compile_s' or c['sid'] not in ('gcc-cdefer', 'gcc-cdefer-off', 'clang22-cdefer'):
            continue
        a = p4['axes'][c['axis']]
        s_ = a['series'][c['sid']]
        pts = [p for p in s_['points'] if p.get('compile_s') is not None and p.get('text')
               and not p.get('error')]
        hb = {p['n']: p for p in a['series'].get(family(c['sid']) + '-goto', {}).get('points', [])}
        p = pts[-1]
        hbp = hb.get(p['n'], {}).get('compile_s')
        lin.append('%s, %s: slope %.2f; at n=%d %.1f s vs %s s hand-written (%s)' % (
            c['axis'], c['label'], c['slope'], p['n'], p['compile_s'],
            '%.1f' % hbp if hbp else '?', c['short']))
    if lin:
        F.append('**Compile time grows faster than linearly** (code size and run time stay linear) in: ' +
                 '; '.join(lin) + '. %s Real functions hold a handful of defers, where none of this is '
                 'visible.' % ('None of these is the plugin\'s own doing: the same construct without the plugin, '
                               'or the hand-written code, grows the same way; closing them needs changes in the '
                               'compilers (listed per curve at the end of section 4).' if not own else
                               'Where the plugin is the cause, section 4 says what would close it.'))
    return F


def goal(p4):
    """The "every scaling curve of cdefer linear" row: (goal, target,
    measured, met)."""
    nonlin, total = [], 0
    for axis, ax in p4['axes'].items():
        for sid, s in ax['series'].items():
            if s.get('error') or 'goto' in sid or 'native' in sid or 'cleanup' in sid:
                continue
            for key, _ in METRICS:
                sl = fit_slope(s['points'], key)
                bad = any(p.get('timeout') or (p.get('error') and p.get(key) is None) for p in s['points'])
                if sl is None and not bad:
                    continue
                total += 1
                if bad:
                    nonlin.append('%s %s %s failed/timeout' % (s['label'], axis, key))
                elif shape(sl) != 'linear':
                    cause = explain(axis, ax, sid, key, sl)['short']
                    nonlin.append('%s %s %s slope %.2f (%+.2f over linear; %s)' % (
                        s['label'], axis, key.replace('compile_s', 'compile').replace('text', 'size')
                        .replace('ir', 'run'), sl, sl - 1, cause))
    return ('every scaling curve of cdefer linear', 'all linear',
            '%d of %d linear' % (total - len(nonlin), total) + ('; not: ' + '; '.join(nonlin) if nonlin else ''),
            'yes' if not nonlin and total else ('**no**' if nonlin else '–'))
