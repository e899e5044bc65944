#!/usr/bin/env bash
# The Debian packages (debian/): builds them with dpkg-buildpackage from a
# copy of the tree, for the default build's majors only (GCC `gcc`'s,
# the newest Clang with development files: CDEFER_DEB_GCC/CDEFER_DEB_CLANG;
# the packaging itself takes every major present), checks them with lintian
# (no errors), unpacks them into a scratch root (dpkg -x: nothing goes to
# the machine's /usr), and builds the installed examples (defer; panic and
# recover) against that root with gcc and clang through pkg-config and the
# CMake package, running each program.
#
#   test/deb.sh            run from anywhere; CDEFER_DEB=0 skips it,
#                          CDEFER_DEB_REUSE=1 checks the last run's packages
#
# Results: build/lit-results-deb.json for test/lit/summary.py, one entry per
# check ("deb :: NAME").  Costs about 4.6 CPU minutes (the two plugins built
# once more, with dpkg-buildflags' -O2 -g).
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
out=$top/build/lit-results-deb.json
[ "${CDEFER_DEB:-1}" = 0 ] && exit 0
mkdir -p build
w=$top/build/deb
# CDEFER_DEB_REUSE=1: keep the packages of the last run (checks only).
reuse=0
[ "${CDEFER_DEB_REUSE:-0}" = 1 ] && ls "$w"/src/*.changes >/dev/null 2>&1 && reuse=1
if [ $reuse = 1 ]; then rm -rf "$w/root" "$w/gcc" "$w/clang" && mkdir -p "$w/root"
else rm -rf "$w" && mkdir -p "$w/src/cdefer" "$w/root"; fi
suite=deb results_json=$out
. test/lit/results.sh

for tool in dpkg-buildpackage dh lintian fakeroot pkg-config; do
  command -v $tool >/dev/null || { echo "deb: $tool missing (scripts/packages.txt)" > "$w/missing.log"
                                   record "tools" 77 "$w/missing.log"; finish; }
done

# The majors the default build is for.
gcc_major=$(gcc -dumpfullversion -dumpversion | cut -d. -f1)
clang_major=$(sed -n 's/^Clang_DIR:PATH=\/usr\/lib\/llvm-\([0-9]*\)\/.*/\1/p' build/CMakeCache.txt 2>/dev/null)
[ -n "$clang_major" ] || clang_major=$(debian/majors.sh | sed -n 's/^clang-//p' | sort -n | tail -1)
export CDEFER_DEB_GCC=$gcc_major CDEFER_DEB_CLANG=${clang_major:-none}
gcc=gcc-$gcc_major clang=/usr/lib/llvm-$clang_major/bin/clang
echo "deb: packages for GCC $gcc_major and Clang ${clang_major:-none}"

# 1. Build, from a copy of the tree (dpkg-buildpackage writes ../*.deb and
# rewrites debian/control).
if [ $reuse = 0 ]; then
  tar -C "$top" --exclude=./build --exclude='./build-*' --exclude=./.git --exclude='./obj-*' \
      --exclude=./debian/tmp -cf - . | tar -C "$w/src/cdefer" -xf -
  ( cd "$w/src/cdefer" && timeout 3600 dpkg-buildpackage -us -uc -b -j2 ) > "$w/build.log" 2>&1
  record "dpkg-buildpackage -us -uc -b" $? "$w/build.log"
fi
debs=$(ls "$w"/src/*.deb 2>/dev/null | grep -v -- -dbgsym_)
[ -n "$debs" ] || finish

# 2. lintian: no errors (the warnings left are listed in docs/USER-GUIDE.md).
timeout 1200 lintian --fail-on error --info "$w"/src/*.changes > "$w/lintian.log" 2>&1
record "lintian reports no error" $? "$w/lintian.log"

# 3. The packages and the version: project(VERSION) of CMakeLists.txt.
v=$(sed -n 's/^project(cdefer VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
{ for d in $debs; do dpkg-deb -f "$d" Package Version | paste -sd' '; done | sort
  for p in libcdefer0 libcdefer-dev cdefer-gcc-$gcc_major-plugin ${clang_major:+cdefer-clang-$clang_major-plugin}; do
    ls "$w/src/${p}_${v}_"*.deb >/dev/null || echo "MISSING: $p $v"
  done; } > "$w/packages.log" 2>&1
! grep -q MISSING "$w/packages.log"
record "packages libcdefer0 libcdefer-dev cdefer-gcc-$gcc_major-plugin cdefer-clang-$clang_major-plugin, version $v" $? "$w/packages.log"

# 4. Unpacked into the scratch root: the files each package should hold.
r=$w/root
for d in $debs; do dpkg -x "$d" "$r"; done
L=$r/usr/lib/$ma
{ for f in $L/libcdefer.so.0 $L/libcdefer.so $L/libcdefer.a $r/usr/include/cdefer/stddefer.h \
           $r/usr/include/cdefer/cdefer.h $L/cmake/cdefer/cdeferConfig.cmake \
           $r/usr/share/man/man7/cdefer.7.gz $L/cdefer/gcc-$gcc_major/cdefer.so \
           $L/pkgconfig/cdefer-gcc-$gcc_major.pc $L/pkgconfig/cdefer-gcc.pc $L/pkgconfig/cdefer.pc \
           ${clang_major:+$L/cdefer/clang-$clang_major/cdefer.so $L/pkgconfig/cdefer-clang-$clang_major.pc}; do
    [ -e "$f" ] && echo "ok $f" || echo "MISSING $f"
  done
  readelf -d "$L/libcdefer.so.0" | grep SONAME; } > "$w/files.log" 2>&1
! grep -q MISSING "$w/files.log" && grep -q 'Library soname: \[libcdefer.so.0\]' "$w/files.log"
record "files in the scratch root" $? "$w/files.log"

# 5. The installed examples, built against the root with each compiler:
# hello (defer), panic (an unrecovered panic: exit 2), recover.
ex=$r/usr/share/doc/libcdefer-dev/examples
exp=$top/test/install/Inputs
export PKG_CONFIG_PATH=$L/pkgconfig LD_LIBRARY_PATH=$L
for cc in $gcc ${clang_major:+$clang}; do
  kind=gcc; case $cc in *clang*) kind=clang ;; esac
  b=$w/$kind
  mkdir -p "$b"
  timeout 600 make -C "$ex" O="$b" CC="$cc" > "$b/build.log" 2>&1 &&
    grep -q -- "-fplugin=$L/pkgconfig/../../../lib/$ma/cdefer/$kind-[0-9]*/cdefer.so" "$b/build.log"
  record "$kind: make + pkg-config against the root" $? "$b/build.log"
  ( cd "$b" && timeout 60 ./hello > hello.out 2>&1 && diff "$exp/hello.out" hello.out ) > "$b/hello.log" 2>&1
  record "$kind: hello (defer) runs" $? "$b/hello.log"
  ( cd "$b" && timeout 60 ./recover > recover.out 2>&1 && diff "$exp/recover.out" recover.out &&
    ldd ./recover | grep "libcdefer.so.0 => $L/libcdefer.so.0" ) > "$b/recover.log" 2>&1
  record "$kind: recover (panic/recover, libcdefer.so.0 of the root) runs" $? "$b/recover.log"
  ( cd "$b" && { timeout 60 ./panic > panic.out 2> panic.err; echo "exit $?"; } | grep -x 'exit 2' &&
    diff "$exp/panic.out" panic.out && grep 'panic: division by zero' panic.err ) > "$b/panic.log" 2>&1
  record "$kind: panic (unrecovered: exit 2) runs" $? "$b/panic.log"
  # The CMake package finds the plugin for this compiler under the root.
  ( timeout 600 cmake -S "$ex" -B "$b/cmake" -DCMAKE_C_COMPILER="$cc" -DCMAKE_PREFIX_PATH="$r/usr" &&
    timeout 600 cmake --build "$b/cmake" --target recover &&
    cd "$b/cmake" && timeout 60 ./recover > recover.out && diff "$exp/recover.out" recover.out ) > "$b/cmake.log" 2>&1
  record "$kind: find_package(cdefer) against the root, recover runs" $? "$b/cmake.log"
done
finish
