#!/usr/bin/env python3
# doclinks.py ROOT - check the links of the documentation under ROOT (a
# source tree, or an installed share/doc/cdefer): README.md, CHANGELOG.md,
# docs/*.md and examples/**/*.md, whichever exist.
#
# Every Markdown link or image ([text](target), ![alt](target),
# [label]: target) that is not a URL must name a file under ROOT, and its
# #anchor, if any, a heading of that file (GitHub's anchors: lower case,
# punctuation dropped, spaces as '-').  A citation of SPEC, the contract
# that lives outside the repository, is an error too (docs/REFERENCE.md is
# the contract); in inline code only `SPEC.md` counts (`// SPEC 3.4:`, the
# test programs' convention, does not).  Prints one
# line per problem, "FILE:LINE: ...", and exits 1 if there is one.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import re
import sys

LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
CODE = re.compile(r"(`+)(.+?)\1")


def lines_outside_code(path):
    """(line number, text, raw) of each line outside fenced code; text
    without inline code."""
    fenced = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = FENCE.match(line)
            if m:
                if fenced is None:
                    fenced = m.group(1)
                elif m.group(1) == fenced:
                    fenced = None
                continue
            if fenced is None:
                yield n, CODE.sub("", line.rstrip("\n")), line


def slug(title):
    title = re.sub(r"`([^`]*)`", r"\1", title).strip().lower()
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    title = re.sub(r"[^\w\- ]", "", title)
    return title.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        seen = {}
        fenced = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = FENCE.match(line)
                if m:
                    fenced = m.group(1) if fenced is None else (None if m.group(1) == fenced else fenced)
                    continue
                h = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
                if fenced is None and h:
                    s = slug(h.group(1))
                    k = seen.get(s, 0)
                    seen[s] = k + 1
                    seen.setdefault(s if k == 0 else "%s-%d" % (s, k), 1)
        cache[path] = set(seen)
    return cache[path]


def docs(root):
    out = [p for p in ("README.md", "CHANGELOG.md") if os.path.isfile(os.path.join(root, p))]
    for sub in ("docs", "examples"):
        for d, dirs, files in os.walk(os.path.join(root, sub)):
            dirs.sort()
            out += sorted(os.path.relpath(os.path.join(d, f), root) for f in files if f.endswith(".md"))
    return out


def main():
    root = os.path.realpath(sys.argv[1])
    problems = 0
    files = docs(root)
    if not files:
        print("%s: no documentation found" % root)
        return 1
    for rel in files:
        path = os.path.join(root, rel)
        for n, text, raw in lines_outside_code(path):
            if re.search(r"\bSPEC\b", text) or "SPEC.md" in raw:
                print("%s:%d: cites SPEC, which is not in the repository: cite docs/REFERENCE.md" % (rel, n))
                problems += 1
            targets = [m.group(1) for m in LINK.finditer(text)]
            m = REFDEF.match(text)
            if m:
                targets.append(m.group(1))
            for t in targets:
                if re.match(r"^[a-z][a-z0-9+.-]*:", t):      # http:, https:, mailto:
                    continue
                name, _, anchor = t.partition("#")
                dest = os.path.realpath(os.path.join(os.path.dirname(path), name)) if name else path
                if not (dest == root or dest.startswith(root + os.sep)):
                    print("%s:%d: link %s leaves the documentation tree" % (rel, n, t))
                    problems += 1
                elif not os.path.exists(dest):
                    print("%s:%d: link %s: no such file" % (rel, n, t))
                    problems += 1
                elif anchor and (not dest.endswith(".md") or anchor not in anchors(dest)):
                    print("%s:%d: link %s: no heading #%s in %s" % (rel, n, t, anchor,
                                                                    os.path.relpath(dest, root)))
                    problems += 1
    print("%d documents, %d problems" % (len(files), problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
