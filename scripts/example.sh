#!/usr/bin/env bash
# Builds the plugin(s) and compiles and runs examples/hello.c with defer.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
if [ -f build/cdefer-gcc.so ]; then
  echo "== gcc -fplugin=build/cdefer-gcc.so examples/hello.c"
  gcc -fplugin=build/cdefer-gcc.so -Iruntime/include -Wall -Wextra examples/hello.c -o build/hello-gcc
  timeout 10 build/hello-gcc | head -c 65536
fi
if [ -f build/cdefer-clang.so ]; then
  clang=$(sed -n 's/^Clang_DIR:PATH=\(.*\)\/lib\/cmake\/clang$/\1/p' build/CMakeCache.txt)/bin/clang
  echo "== $clang -fplugin=build/cdefer-clang.so examples/hello.c"
  "$clang" -fplugin=build/cdefer-clang.so -Iruntime/include -Wall -Wextra examples/hello.c -o build/hello-clang
  timeout 10 build/hello-clang | head -c 65536
fi
