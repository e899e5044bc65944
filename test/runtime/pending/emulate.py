#!/usr/bin/env python3
"""Emulate, in the source, the plugins' recover lowering (docs/RUNTIME.md
section 2), so that a pending test can be checked before the plugins
implement it:

    emulate.py TEST.c.pending F1,F2,... [PLAIN1,PLAIN2,...] OUT.c

Each listed recovering function F gets the __cdefer_frame, the result
slot (its address in the frame) and the _setjmp at its entry, and its
`return e;` statements store e in the slot (the barrier that ends each
deferred statement is left out: only `return e;` stores into the slot
here, before the deferred code runs, and deferred code makes calls); every recover() becomes __cdefer_recover_in(&frame),
except in the PLAIN functions (recover() outside deferred statements),
where it stays cdefer_recover().  Named results (cdefer_result) are not
handled.  Name OUT.c like the test, in another directory, so that file
names in the output match.  Then compile OUT.c with a plugin, run it and
FileCheck its output against the pending test, as its RUN lines do.

This is a crude text rewrite for these tests only (one-line function
heads, `return` not inside strings or macros)."""
import re, sys
src, funcs = sys.argv[1], sys.argv[2].split(',')
plain = [p for p in sys.argv[3].split(',') if p] if len(sys.argv) > 4 else []
s = open(src).read()
s = s.replace('#include <cdefer.h>', '#include <cdefer.h>\n#include <cdefer_abi.h>\n#undef recover\n#define recover() __cdefer_recover_in(&cdefer_f_)\n', 1)
out = []
i = 0
# find function definitions: "static TYPE NAME(" at line start
pat = re.compile(r'^(?:__attribute__\(\(noinline\)\) )?(?:static )?([A-Za-z_][\w \*]*?)\b(\w+)\((.*)\)\n\{\n', re.M)
pos = 0
res = []
for m in pat.finditer(s):
    name = m.group(2)
    rtype = m.group(1).strip()
    if name not in funcs and name not in plain:
        continue
    # body extent: match braces from m.end()-2
    start = m.end() - 2
    depth = 0
    j = start
    while True:
        if s[j] == '{': depth += 1
        elif s[j] == '}':
            depth -= 1
            if depth == 0: break
        j += 1
    body = s[m.end():j]
    if name in plain:
        body = body.replace('recover()', 'cdefer_recover()')
    else:
        if rtype == 'void':
            pro = '__cdefer_frame cdefer_f_; cdefer_f_.__result = NULL; cdefer_f_.__frame = __builtin_frame_address(0); if (__builtin_expect(__cdefer_setjmp(&cdefer_f_), 0)) return;\n'
        else:
            pro = ('__cdefer_frame cdefer_f_; %s cdefer_res_ = {0}; cdefer_f_.__result = &cdefer_res_; cdefer_f_.__frame = __builtin_frame_address(0); '
                   'if (__builtin_expect(__cdefer_setjmp(&cdefer_f_), 0)) return cdefer_res_;\n' % rtype)
            body = re.sub(r'\breturn ([^;]+);', r'{ cdefer_res_ = (\1); return cdefer_res_; }', body)
        body = pro + body
    res.append(s[pos:m.end()] + body)
    pos = j
res.append(s[pos:])
open(sys.argv[-1], 'w').write(''.join(res))
