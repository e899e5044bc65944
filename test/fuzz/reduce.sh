#!/usr/bin/env bash
# test/fuzz/reduce.sh [--kind valid|invalid] [--grep TEXT] SEED: minimises the
# program of a failing fuzz seed with C-Vise (see test/fuzz/reduce.py).
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
cd "$(dirname "$0")/../.."
exec /usr/bin/python3 test/fuzz/reduce.py "$@"
