#!/usr/bin/env python3
# test/lit/normal_path.py - prints the normal path of functions of an
# LLVM IR file: the basic blocks reachable from each entry without taking an
# unwind edge (an invoke's `to label` is followed, its `unwind label` is
# not), in the order they appear, with every SSA value and block renamed in
# order of first appearance, metadata and attribute-group references and
# `; preds` comments dropped, and an invoke's unwind label written PAD.
# Two IR files whose functions print the same run the same instructions
# whenever nothing unwinds, whatever their landing pads do.  Used by
# test/clang/normal_path_O2.c.
#   normal_path.py FILE.ll FUNCTION...
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import re
import sys


def blocks_of(lines):
    """(label, [instruction lines]) of a function body, in order."""
    blocks, label, body = [], None, []
    for ln in lines:
        m = re.match(r'^([\w.$-]+):', ln)
        if m:
            blocks.append((label, body))
            label, body = m.group(1), []
        elif ln.strip():
            body.append(ln.strip())
    blocks.append((label, body))
    return blocks


def normal_path(text, fn):
    start = next(i for i, ln in enumerate(text) if re.match(r'^define .*@%s\(' % re.escape(fn), ln))
    end = next(i for i in range(start, len(text)) if text[i] == '}')
    head = re.sub(r'#\d+|personality ptr @\S+', '', text[start])
    blocks = blocks_of(text[start + 1:end])
    # The entry block is unnamed (label None) unless it has a name.
    first = blocks[0][0] if blocks[0][1] else blocks[1][0]
    by_label = {lab: body for lab, body in blocks}
    seen, work = {first}, [first]
    while work:
        for ins in by_label[work.pop()]:
            ins = re.sub(r'unwind label %[\w.$-]+', '', ins)
            for t in re.findall(r'label %([\w.$-]+)', ins):
                if t not in seen:
                    seen.add(t)
                    work.append(t)
    names = {}

    def name(k):
        return names.setdefault(k, '%%v%d' % len(names))

    def rename(m):
        return name(m.group(0))

    out = [re.sub(r'%[\w.$-]+', rename, head.strip())]
    for lab, body in blocks:
        if lab not in seen:
            continue
        out.append((name('%' + lab) if lab else 'entry') + ':')
        for ins in body:
            ins = re.sub(r',? *![\w.]+ !?\d+', '', ins)
            ins = re.sub(r' *; preds = .*|#\d+', '', ins)
            ins = re.sub(r'unwind label %[\w.$-]+', 'unwind label PAD', ins)
            out.append('  ' + re.sub(r'%[\w.$-]+', rename, ins))
    return '\n'.join(out)


def main():
    text = open(sys.argv[1]).read().splitlines()
    for fn in sys.argv[2:]:
        print(normal_path(text, fn))


if __name__ == '__main__':
    main()
