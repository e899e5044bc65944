# bench/cdefer_bench/__init__.py - the benchmark harness behind bench/bench.py.
#
#   common.py     process control and measurement primitives, plugin flags, the Bench context
#   toolchain.py  compilers and cdefer products from a build tree's CMakeCache.txt
#   part1.py      run-time cost per call          part2.py  code size and shape
#   part3.py      compile time (+ part3prof)      part4.py  scaling curves
#   part5.py      panic/recover round trips
#   render.py     the report: fills bench/report.md.in; tables of parts 1, 2, 3 and 5
#   findings.py   the computed conclusions and the goals table
#   scaling.py    part 4's tables, curve shapes, findings and goal
#   charts.py     the gnuplot charts
# Each part returns the JSON kept under its name in results.json; the
# renderer reads only that JSON.  Standard library only.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
import os
import sys

# bench/src/gen.py, the generator of parts 3 and 4 (also a command of its own)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'src'))
