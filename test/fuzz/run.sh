#!/usr/bin/env bash
# test/fuzz/run.sh N [SEED] [run.py options...]: N cases of each kind, seeds
# SEED .. SEED+N-1 (default 1): random valid defer programs compared across
# every compiler present, broken ones that must not crash or hang a plugin,
# and Csmith programs that the plugins must leave unchanged.  Add e.g. -j 2.
# Ends with "N passed, N failed".  See test/fuzz/run.py, docs/RELIABILITY.md.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 test/fuzz/run.py --kind all --seed "${2:-1}" "${1:-100}" "${@:3}"
