# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""bench/compile_profile.py - where Clang spends the compile time of the
generated defer-heavy file (part 3) at -O0 with unwinding off: hand-written
goto version, native `_Defer` (clang-22 -fdefer-ts) and the Clang plugin,
from `-ftime-report` (CPU s, user+sys, minimum over repetitions).

bench.py's part3prof runs it (`bench/run.sh --only part3prof`); findings()
turns the stored numbers into the report's explanation."""
import re

# -ftime-report rows kept: the four phases of "Clang time report" and the
# passes that differ between the configurations.
PHASES = ['Front end', 'LLVM IR generation', 'Optimizer', 'Machine code generation']
PASSES = ['AlwaysInlinerPass', 'X86 DAG->DAG Instruction Selection', 'X86 Assembly Printer']
ROW = re.compile(r'^\s*([\d.]+) \(\s*[\d.]+%\)\s+([\d.]+) \(\s*[\d.]+%\)\s+([\d.]+) \(\s*[\d.]+%\)'
                 r'\s+[\d.]+ \(\s*[\d.]+%\)\s+(.+?)\s*$')


def parse(text):
    """{row name: user+sys s} of the rows in PHASES and PASSES."""
    out = {}
    for line in text.splitlines():
        m = ROW.match(line)
        if m and m.group(4) in PHASES + PASSES and m.group(4) not in out:
            out[m.group(4)] = float(m.group(3))
    return out


def measure(run, configs, reps, timeout):
    """configs: [(key, cmd)] (cmd without -ftime-report); returns
    {key: {row: min s}}, {key: error}."""
    best, errs = {}, {}
    for _ in range(reps):
        for k, cmd in configs:
            if k in errs:
                continue
            r = run(cmd + ['-ftime-report'], timeout=timeout)
            if not r.ok:
                errs[k] = (r.err.strip().splitlines() or ['exit code %s' % r.rc])[-1][:200]
                continue
            rows = parse(r.err)
            b = best.setdefault(k, {})
            for name, v in rows.items():
                b[name] = min(v, b.get(name, v))
    return best, errs


def findings(p):
    """The report's explanation of the Clang plugin's -O0 compile-time
    overhead on the defer-heavy file, or None."""
    t = p.get('times', {})
    g, n, c = t.get('goto'), t.get('native'), t.get('plugin-off')
    if not (g and n and c):
        return None

    def tot(x):
        return sum(x.get(k, 0) for k in PHASES)
    rows = []
    for k in PHASES:
        rows.append('%s %.2f / %.2f / %.2f' % (k, g.get(k, 0), n.get(k, 0), c.get(k, 0)))
    extra = tot(c) - tot(n)
    parts = sorted(((c.get(k, 0) - n.get(k, 0), k) for k in PHASES), reverse=True)
    inl = c.get('AlwaysInlinerPass', 0) - n.get('AlwaysInlinerPass', 0)
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
            'per cleanup in -O0 code. Native\'s ~0 %% needs the deferred statement emitted in place, which a '
            'plugin built on the `cleanup` attribute (a function call) cannot do.' % (
                p.get('reps', 1), '; '.join(rows), tot(g), tot(n), tot(c), extra,
                ', '.join('%s %+.2f s' % (k, d) for d, k in parts if abs(d) >= 0.01),
                p.get('defers', 0), p.get('defers', 0), c.get('AlwaysInlinerPass', 0),
                n.get('AlwaysInlinerPass', 0),
                ('%d B vs %d B native' % (p['text']['plugin-off'], p['text']['native'])
                 if p.get('text', {}).get('plugin-off') and p['text'].get('native') else 'not measured')))
