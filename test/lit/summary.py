#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Adds up lit's JSON results (lit -o FILE) and prints the closing line
"N passed, N failed, N skipped".  Expected failures (a known bug of the
reference compiler) count as passed, UNSUPPORTED as skipped; everything
else that is not PASS counts as failed.  Exit status 1 on any failure or
when no test ran at all."""
import json
import sys

PASSED = {"PASS", "XFAIL"}
SKIPPED = {"UNSUPPORTED", "SKIPPED", "EXCLUDED"}


def main(paths):
    passed = failed = skipped = 0
    failures = []
    for path in paths:
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError) as e:
            print("summary: cannot read %s: %s" % (path, e))
            failed += 1
            continue
        for t in data.get("tests", []):
            code = t.get("code")
            if code in PASSED:
                passed += 1
            elif code in SKIPPED:
                skipped += 1
            else:
                failed += 1
                failures.append("%s: %s" % (code, t.get("name")))
    for f in failures:
        print("  " + f)
    if passed + failed == 0:
        print("summary: no test ran")
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
