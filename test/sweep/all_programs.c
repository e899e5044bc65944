// The warning sweep (docs/TESTING.md, "test/sweep/"): every test/run program
// and every test/sweep/Inputs program, compiled with every warning option
// of the compiler at once (GCC: each -W option `gcc --help=warnings` lists
// for C; Clang: -Weverything), with the plugin and without it (clang-22
// -fdefer-ts, or the program with `_Defer` erased); a warning that only the
// plugin's build has fails, unless it is a catalogued W1..W3 or is listed in
// known.txt.  Every program runs at -std=c2x and at one of c99/c11/c17 in
// rotation; CDEFER_SWEEP=full runs each at every -std and through -E.
// RUN: %python %S/sweep.py --compiler %cc-name --plugin-cc '%cc' --reference '%reference' --tmp %t.d
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
