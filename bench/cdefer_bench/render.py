# bench/cdefer_bench/render.py - the renderer: fills bench/report.md.in from
# results.json (the tables of parts 1, 2, 3 and 5, the header, the machine
# and the commands here; findings and goals from findings.py, part 4 from
# scaling.py, charts from charts.py) and writes the report.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import re

from . import findings as fd
from . import scaling
from .charts import Charts
from .common import COMPILE_TIMEOUT, HERE
from .findings import pct, spread, tmin
from .part1 import BASELINE
from .part2 import FUNCS

TEMPLATE = os.path.join(HERE, 'report.md.in')
PARTS = ('part1', 'part2', 'part3', 'part3prof', 'part4', 'part5')
V_LABEL = {'hand': 'hand', 'hand-eh': 'hand+EH', 'cdefer-off': 'cdefer off', 'cdefer-on': 'cdefer on',
           'native-off': 'native', 'native-on': 'native+EH'}
KEY = re.compile(r'@([A-Z0-9_]+)@')


# --------------------------------------------------------------------------
# the template
# --------------------------------------------------------------------------

def parse_template(text):
    """[(block name, [lines])] in file order."""
    blocks = []
    for line in text.split('\n'):
        if line.startswith('@@#'):
            continue
        if line.startswith('@@ '):
            blocks.append((line[3:].strip(), []))
        elif blocks:
            blocks[-1][1].append(line)
        elif line.strip():
            raise ValueError('report template: text before the first block: %r' % line)
    if blocks and blocks[-1][1] and blocks[-1][1][-1] == '':
        blocks[-1][1].pop()              # the file's final newline
    return blocks


def fill(text, values):
    """The report: the blocks of `text` named in `values` ({block: {KEY: value}}),
    in the template's order, placeholders replaced."""
    blocks = parse_template(text)
    names = {n for n, _ in blocks}
    unknown = set(values) - names
    if unknown:
        raise KeyError('report template has no block %s' % ', '.join(sorted(unknown)))
    out = []
    for name, lines in blocks:
        if name not in values:
            continue
        vals = {k: str(v) for k, v in values[name].items()}
        for line in lines:
            m = KEY.fullmatch(line)
            if m and vals.get(m.group(1), None) == '':
                continue

            def sub(mm):
                if mm.group(1) not in vals:
                    raise KeyError('report template block %s: no value for @%s@' % (name, mm.group(1)))
                return vals[mm.group(1)]
            out.extend(KEY.sub(sub, line).split('\n'))
    return '\n'.join(out) + '\n'


# --------------------------------------------------------------------------
# formatting
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


def span(xs):
    """min of the repetitions, then the max in brackets."""
    if not xs:
        return '–'
    if len(xs) == 1:
        return '%.2f' % xs[0]
    return '%.2f (%.2f)' % (min(xs), max(xs))


def lines(xs):
    return '\n'.join(xs)


# --------------------------------------------------------------------------
# the blocks
# --------------------------------------------------------------------------

def head(res, V):
    meta = res.get('meta', {})
    how = ''
    if meta.get('duration_s') and not meta.get('only'):
        how = ', in %.0f min' % (meta['duration_s'] / 60)
    elif meta.get('only'):
        how = ' (`--only %s`; the other parts are kept from earlier runs)' % meta['only']
    V['head'] = {'QUICK': ' --quick' if meta.get('quick') else '', 'DATE': meta.get('date', '?'), 'HOW': how}
    if res.get('measured'):
        V['head.measured'] = {'MEASURED': ', '.join(
            '%s %s%s' % (p, res['measured'][p], ' (%.0f min)' % (res['timing'][p] / 60)
                         if res.get('timing', {}).get(p) else '')
            for p in PARTS if p in res['measured'])}
    if meta.get('quick'):
        V['head.quick'] = {}
    notes = []
    for note in meta.get('notes', []):
        notes += ['**Note:** ' + note, '']
    V['goals'] = {'NOTES': lines(notes),
                  'PRESENT': ', '.join('%s %s' % (k, 'yes' if v else '**no**') for k, v in meta.get('present', {}).items()),
                  'GOALS': lines('| %s | %s | %s | %s |' % g for g in fd.goals(res))}
    fs = fd.findings(res)
    if fs:
        V['findings'] = {'FINDINGS': lines('- ' + f for f in fs)}


def part1(res, p1, chart, V):
    rows = []
    byid = {r['id']: r for r in p1['rows']}
    for r in p1['rows']:
        b = byid.get(BASELINE[r['group']], {})
        if r.get('error') and r.get('ir_mutex') is None:
            rows.append('| %s | %s | %s | %s |||||||||' % (r['group'], r['label'], r['unwind'],
                                                           'not measured: ' + r['error'].replace('|', '/')))
            continue
        same = ('same' if r.get('sum_mutex') == b.get('sum_mutex') and r.get('sum_res') == b.get('sum_res')
                else '**differs**')
        rows.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            r['group'], r['label'], r['unwind'],
            fmt(r.get('ir_mutex'), 1), ratio(r.get('ir_mutex'), b.get('ir_mutex')),
            fmt(r.get('ir_res'), 1), ratio(r.get('ir_res'), b.get('ir_res')),
            fmt(r.get('ns_mutex'), 2), ratio(r.get('ns_mutex'), b.get('ns_mutex')),
            fmt(r.get('ns_res'), 2), ratio(r.get('ns_res'), b.get('ns_res')), same))
    V['part1'] = {'ROWS': lines(rows)}
    noise = [r['ns_' + w] / byid[BASELINE[r['group']]]['ns_' + w] for r in p1['rows'] for w in ('mutex', 'res')
             if r.get('ns_' + w) and r.get('ir_' + w) and byid.get(BASELINE[r['group']], {}).get('ns_' + w)
             and abs(r['ir_' + w] / byid[BASELINE[r['group']]]['ir_' + w] - 1) < 0.005]
    if len(noise) > 2:
        V['part1.noise'] = {'LOW': '%.2f' % min(noise), 'HIGH': '%.2f' % max(noise),
                            'LOAD': res.get('meta', {}).get('machine', {}).get(
                                'load average at start', '?').split(' (')[0]}
    V['part1.wall'] = {'REPS': p1['reps'], 'CALLS': p1['calls'], 'CG_CALLS': p1['cg_calls'],
                       'CG_CALLS2': 2 * p1['cg_calls']}
    if chart:
        V['part1.chart'] = {'CHART': chart}
    V['part1.end'] = {}


def part2(res, p2, V):
    L = []
    for ent in p2['entries']:
        vs = [v for v in ('hand', 'hand-eh', 'cdefer-off', 'cdefer-on', 'native-off', 'native-on') if v in ent['v']]
        L += ['**%s %s**' % (ent['compiler'], ent['opt']), '',
              '| function | ' + ' | '.join(V_LABEL[v] for v in vs) + ' |',
              '|---|' + '---:|' * len(vs)]
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
            L.append('| %s | %s |' % (f, ' | '.join(cells)))
        cells = ['–' if 'error' in ent['v'][v] else '%d / %d / %d' % (
            ent['v'][v]['sections']['text'], ent['v'][v]['sections']['eh_frame'], ent['v'][v]['sections']['except'])
            for v in vs]
        L.append('| *.text / .eh_frame / .gcc_except_table bytes* | %s |' % ' | '.join(cells))
        errs = ['%s: %s' % (V_LABEL[v], ent['v'][v]['error']) for v in vs if 'error' in ent['v'][v]]
        others = sorted({o for v in vs for o in ent['v'][v].get('other_funcs', [])})
        if errs:
            L += ['', 'Not measured: ' + '; '.join(errs)]
        if others:
            L += ['', 'Other functions in the objects: ' + ', '.join('`%s`' % o for o in others)]
        L.append('')
    V['part2'] = {'TABLES': lines(L), 'UNWIND': fd.unwind_summary(p2, res.get('part1'))}


def part3(p3, V):
    V['part3'] = {}
    if p3.get('sqlite_error'):
        V['part3.no_sqlite'] = {'WHY': p3['sqlite_error']}
    else:
        rows = []
        for k, e in p3['sqlite'].items():
            t = e['times']
            n0 = tmin(t.get('none'))
            z = e.get('text', {})
            rows.append('| %s | %s | %s | %s | %s | %s | %s | %d | %s | %s / %s |' % (
                k.rsplit(' ', 1)[0], k.rsplit(' ', 1)[1], span(t.get('none')), span(t.get('plugin')),
                pct(tmin(t.get('plugin')), n0), span(t.get('plugin-off')),
                pct(tmin(t.get('plugin-off')), n0), len(t.get('none', [])), spread(t.get('none')),
                z.get('none', '–'), z.get('plugin', '–')))
        V['part3.sqlite'] = {'VERSION': p3.get('sqlite_version', '?'), 'LINES': p3.get('sqlite_lines', '?'),
                             'ROWS': lines(rows)}
    rows = []
    for k, e in p3['heavy'].items():
        t = e['times']
        g = tmin(t.get('goto'))
        rows.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            k.rsplit(' ', 1)[0], k.rsplit(' ', 1)[1], span(t.get('goto')), span(t.get('goto+plugin')),
            span(t.get('defer')), pct(tmin(t.get('defer')), g), span(t.get('defer-unwind-off')),
            pct(tmin(t.get('defer-unwind-off')), g), span(t.get('native')), span(t.get('native-eh'))))
    V['part3.heavy'] = {'FUNCS': p3['heavy_funcs'], 'LINES': p3.get('heavy_lines', '?'), 'ROWS': lines(rows)}
    if any(e.get('text') for e in p3['heavy'].values()):
        rows = []
        for k, e in p3['heavy'].items():
            z = e.get('text', {})
            rows.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
                k.rsplit(' ', 1)[0], k.rsplit(' ', 1)[1], z.get('goto', '–'), z.get('defer', '–'),
                ratio(z.get('defer'), z.get('goto')), z.get('defer-unwind-off', '–'),
                ratio(z.get('defer-unwind-off'), z.get('goto')), z.get('native', '–'), z.get('native-eh', '–')))
        V['part3.text'] = {'ROWS': lines(rows)}
    errs = ['%s %s: %s' % (k, c, m) for k, e in list(p3['sqlite'].items()) + list(p3['heavy'].items())
            for c, m in e['errors'].items()]
    if errs:
        V['part3.failed'] = {'FAILED': '; '.join(errs)}
    V['part3.end'] = {}


def part4(p4, charts, V):
    V['part4'] = {'TIMEOUT': COMPILE_TIMEOUT,
                  'PREDICT': '%d s' % p4['predict_limit'] if p4.get('predict_limit') else 'the limit',
                  'SLOW': p4['slow_limit'], 'LINEAR': '%.2f' % scaling.LINEAR_BELOW,
                  'AXES': lines(scaling.axes(p4, charts)), 'SUMMARY': lines(scaling.summary(p4)),
                  'NONLINEAR': lines(scaling.nonlinear_lines(p4))}


def part5(p5, chart, V):
    rows = []
    byid = {r['id']: r for r in p5['rows']}
    b = byid.get('cxx-g++', {})
    for r in p5['rows']:
        if r.get('error') and r.get('ir_1') is None:
            rows.append('| %s | not measured: %s ||||||' % (r['label'], r['error']))
            continue
        rows.append('| %s | %s | %s | %s | %s | %s | %s |' % (
            r['label'], fmt(r.get('ir_1'), 0), ratio(r.get('ir_1'), b.get('ir_1')),
            fmt(r.get('ir_10'), 0), ratio(r.get('ir_10'), b.get('ir_10')),
            fmt(r.get('ns_1'), 0), fmt(r.get('ns_10'), 0)))
    V['part5'] = {'ROWS': lines(rows)}
    profs = [(r['label'], r['profile_1']) for r in p5['rows'] if r.get('profile_1')]
    if profs:
        V['part5.profile'] = {'PROFILE': lines(
            '- %s: ' % lab + ', '.join('`%s` %.0f' % (k, v) for k, v in sorted(pr.items(), key=lambda kv: -kv[1]))
            for lab, pr in profs)}
    if chart:
        V['part5.chart'] = {'CHART': chart}
    V['part5.end'] = {}


def tail(res, V):
    seen, cmds = set(), []
    for part, what, cmd in res.get('commands', []):
        key = (part, what, cmd)
        if key in seen:
            continue
        seen.add(key)
        cmds.append('[part %s] %s:\n    %s' % (part, what, cmd))
    V['tail'] = {'MACHINE': lines('- %s: %s' % kv for kv in res.get('meta', {}).get('machine', {}).items()),
                 'COMMANDS': lines(cmds)}


def report(res, charts, template=TEMPLATE):
    """The report's text for the results `res` and the chart links `charts`."""
    V = {}
    head(res, V)
    if res.get('part1'):
        part1(res, res['part1'], charts.get('p1'), V)
    if res.get('part2'):
        part2(res, res['part2'], V)
    if res.get('part3'):
        part3(res['part3'], V)
    if res.get('part4'):
        part4(res['part4'], charts.get('p4'), V)
    if res.get('part5'):
        part5(res['part5'], charts.get('p5'), V)
    tail(res, V)
    with open(template) as f:
        return fill(f.read(), V)


def render(res, report_path, img_dir, work_dir, template=TEMPLATE):
    """Draw the charts (img_dir) and write the report (report_path)."""
    charts = Charts(work_dir, img_dir).all(res)
    text = report(res, charts, template)
    os.makedirs(os.path.dirname(os.path.abspath(report_path)), exist_ok=True)
    with open(report_path, 'w') as f:
        f.write(text)
    return report_path
