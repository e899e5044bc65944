#!/usr/bin/env bash
# test/fuzz/run.sh N [SEED]: N random valid programs compared across every
# compiler present, and N broken ones that must not crash or hang a plugin.
# Ends with "N passed, N failed".  See test/fuzz/run.py and docs/RELIABILITY.md.
set -uo pipefail
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 test/fuzz/run.py --seed "${2:-1}" "${1:-100}" "${@:3}"
