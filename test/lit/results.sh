# test/lit/results.sh - LIT-style results for the suites written in shell
# (test/deb.sh, test/distcc.sh): source it, call `record NAME STATUS LOG`
# for each check and `finish` at the end, which writes the JSON that
# test/lit/summary.py adds up (the format of lit -o) to $results_json and
# exits 1 if a check failed.
#   STATUS 0 PASS, 77 UNSUPPORTED, anything else FAIL (the log's tail shown)
# $suite names the checks: "SUITE :: NAME".
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
results=()
failed=0
record() {
  local code=PASS
  [ "$2" = 77 ] && code=UNSUPPORTED
  [ "$2" != 0 ] && [ "$2" != 77 ] && { code=FAIL; failed=1; }
  echo "$code: $suite :: $1"
  [ "$code" = FAIL ] && [ -f "$3" ] && tail -n 30 "$3"
  results+=("$(/usr/bin/python3 -c 'import json, sys
out = open(sys.argv[3], errors="replace").read()[-20000:] if sys.argv[3] else ""
print(json.dumps({"name": sys.argv[1], "code": sys.argv[2], "output": out, "elapsed": 0}))' \
    "$suite :: $1" "$code" "$( [ -f "$3" ] && echo "$3")")")
}
finish() {
  { printf '{"__version__": [0, 0, 0], "elapsed": 0, "tests": ['
    local IFS=,; printf '%s' "${results[*]}"; printf ']}\n'; } > "$results_json"
  times      # the CPU time the suite took (shell, then its children)
  exit $failed
}
