#!/usr/bin/env python3
"""contract_doc.py SRC - checks the documents against the shared contract.

common/diagnostics.def holds every diagnostic's text and common/names.def
the setjmp family and the plugin options (both plugins compile them in).
This script checks, for the tree SRC:

  - docs/DIAGNOSTICS.md has a table row `| ID | ... |` for every diagnostic
    of the table, whose message column holds the text rendered with the
    document's argument names (`%0` -> the name, `%<`/`%>` -> '), and no
    row for an ID the table does not have;
  - the E11 row names exactly the setjmp family of names.def;
  - the README's option table has a row for every option of names.def,
    with the GCC and Clang spellings of the plugins that take it.

Prints one line per problem and exits 1, or prints "ok: N diagnostics,
N setjmp names, N options" and exits 0.
SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""
import re
import sys

src = sys.argv[1]


def read(path):
    with open(f"{src}/{path}", encoding="utf-8") as f:
        return f.read()


def c_strings(text):
    """The C string literals of TEXT, adjacent ones concatenated."""
    return re.findall(r'"((?:[^"\\]|\\.)*)"', text)


def entries(text, macro):
    """The argument lists of MACRO (...) invocations, comments removed."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = []
    for m in re.finditer(macro + r"\s*\((.*?)\)\s*(?=\n\s*(?:[A-Z_]+\s*\(|#|$))",
                         text, flags=re.S):
        out.append(m.group(1))
    return out


problems = []
diags = []
for body in entries(read("common/diagnostics.def"), "CDEFER_DIAG"):
    ident, kind, rest = [x.strip() for x in body.split(",", 2)]
    strings = c_strings(rest)
    args, text = strings[0], "".join(strings[1:])
    names = args.split()
    rendered = re.sub(r"%([0-9])", lambda m: names[int(m.group(1))], text)
    rendered = rendered.replace("%<", "'").replace("%>", "'")
    diags.append((ident, kind, rendered))

doc = read("docs/DIAGNOSTICS.md")
rows = {}
for line in doc.splitlines():
    m = re.match(r"\|\s*([ENRWX][0-9]+[a-z]?)\s*\|(.*)\|\s*$", line)
    if m:
        rows[m.group(1)] = m.group(2)
for ident, kind, rendered in diags:
    if ident not in rows:
        problems.append(f"DIAGNOSTICS.md: no row for {ident}")
    elif f"`{rendered}`" not in rows[ident]:
        problems.append(f"DIAGNOSTICS.md: row {ident} lacks `{rendered}`")
# E8b and E9 are the compiler's own parse errors, whose texts the plugins
# do not write.
for ident in rows:
    if ident not in {d[0] for d in diags} and ident not in ("E8b", "E9"):
        problems.append(f"DIAGNOSTICS.md: row {ident} is not in common/diagnostics.def")

names = read("common/names.def")
setjmp = c_strings("\n".join(entries(names, "CDEFER_SETJMP_NAME")))
family = re.search(r"family call \(([^)]*)\)", rows.get("E11", ""))
listed = set(re.findall(r"`([A-Za-z_]+)`", family.group(1) if family else ""))
if set(setjmp) != listed:
    problems.append(f"DIAGNOSTICS.md: E11 lists {sorted(listed)}, names.def has {sorted(setjmp)}")

readme = read("README.md")
options = entries(names, "CDEFER_OPTION")
for body in options:
    name, plugins, help_text = c_strings(body)
    gcc = f"`-fplugin-arg-cdefer-gcc-{name}`" if "gcc" in plugins.split() else "—"
    clang = (f"`-Xclang -plugin-arg-cdefer -Xclang {name}`"
             if "clang" in plugins.split() else "—")
    row = f"| {help_text} | {gcc} | {clang} |"
    if row not in readme.splitlines():
        problems.append(f"README.md: no option row {row}")

for p in problems:
    print(p)
if problems or not diags or not setjmp or not options:
    sys.exit(1)
print(f"ok: {len(diags)} diagnostics, {len(setjmp)} setjmp names, {len(options)} options")
