# bench/cdefer_bench/charts.py - the report's charts, drawn with gnuplot from
# the stored results: part 1 (instructions per call, ratio to hand-written),
# part 4 (one chart per scaling axis) and part 5 (panic round trips).  The
# data and gnuplot scripts go to the work directory, the PNGs to the image
# directory; each function returns the link the report uses (img/NAME.png)
# or None when gnuplot is missing or fails.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import re

from .common import first_error, have, log, run
from .part1 import BASELINE
from .scaling import AXIS_DESC


class Charts:
    def __init__(self, work, img):
        self.work, self.img = work, img

    def gnuplot(self, script, name):
        if not have('gnuplot'):
            return None
        os.makedirs(self.img, exist_ok=True)
        os.makedirs(self.work, exist_ok=True)
        png = os.path.join(self.img, name)
        full = ('set terminal pngcairo size 1100,%d font "DejaVu Sans,10"\nset output "%s"\n'
                % (script[0], png)) + script[1]
        pf = os.path.join(self.work, name + '.gp')
        with open(pf, 'w') as f:
            f.write(full)
        r = run(['gnuplot', pf], timeout=60, nice=False)
        if not r.ok:
            log('gnuplot %s failed: %s' % (name, first_error(r)))
            return None
        return 'img/' + name

    def part1(self, p1):
        rows = [r for r in p1['rows'] if r.get('ir_mutex') and r.get('ir_res')]
        if not rows:
            return None
        base = {r['id']: r for r in p1['rows']}
        dat = os.path.join(self.work, 'p1.dat')
        with open(dat, 'w') as f:
            for r in rows:
                b = base.get(BASELINE[r['group']], {})
                if not b.get('ir_mutex'):
                    continue
                lab = re.sub(r'-off$', '', r['id'])
                lab = re.sub(r'-(on|eh)$', ' +EH', lab)
                f.write('"%s" %.4f %.4f\n' % (lab, r['ir_mutex'] / b['ir_mutex'], r['ir_res'] / b['ir_res']))
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
        return self.gnuplot((620, script), 'runtime.png')

    def part4(self, p4):
        charts = {}
        for axis, ax in p4['axes'].items():
            files = []
            for sid, s in ax['series'].items():
                pts = [p for p in s.get('points', []) if p.get('ir') is not None]
                if not pts:
                    continue
                f = os.path.join(self.work, 'p4_%s_%s.dat' % (axis, sid))
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
            c = self.gnuplot((420, script), 'scaling-%s.png' % axis)
            if c:
                charts[axis] = c
        return charts

    def part5(self, p5):
        rows = [r for r in p5['rows'] if r.get('ir_1') and r.get('ir_10')]
        if not rows:
            return None
        dat = os.path.join(self.work, 'p5.dat')
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
        return self.gnuplot((520, script), 'panic.png')

    def all(self, res):
        charts = {}
        if res.get('part1'):
            charts['p1'] = self.part1(res['part1'])
        if res.get('part4'):
            charts['p4'] = self.part4(res['part4'])
        if res.get('part5'):
            charts['p5'] = self.part5(res['part5'])
        return charts
