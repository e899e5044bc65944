#!/bin/sh
# debian/gen-control.sh - writes debian/control from debian/control.in: one
# binary package cdefer-KIND-N-plugin per plugin debian/majors.sh lists (the
# compiler majors present, or those CDEFER_DEB_GCC / CDEFER_DEB_CLANG ask
# for), and their build dependencies.  `debian/rules clean` runs it, so a
# `dpkg-buildpackage` packages the majors present when it starts; the
# debian/control in the repository is its output for GCC 12 and Clang 22.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -eu
cd "$(dirname "$0")"
majors=$(./majors.sh)
gcc_default=$(./majors.sh default gcc)
clang_default=$(./majors.sh default clang)

deps="" pkgs=""
for p in $majors; do
  n=${p#*-}
  case $p in
    gcc-*) deps="$deps gcc-$n-plugin-dev," ;;
    clang-*) deps="$deps clang-$n, libclang-$n-dev, llvm-$n-dev," ;;
  esac
  pkgs="$pkgs${pkgs:+ | }cdefer-$p-plugin"
done
deps=$(echo "$deps" | sed -e "s/,$//" -e "s/^ //")
[ -n "$pkgs" ] || pkgs="cdefer-gcc-N-plugin"

{
  if [ -n "$deps" ]; then
    sed -e "s/^@BUILD_DEPENDS@\$/ $deps/" -e "s/@PLUGIN_PACKAGES@/$pkgs/" control.in
  else      # no plugin at all: the runtime and the headers only
    sed -e '/^@BUILD_DEPENDS@$/d' -e 's/^\(Build-Depends: .*\),$/\1/' -e "s/@PLUGIN_PACKAGES@/$pkgs/" control.in
  fi
  for p in $majors; do
    kind=${p%-*} n=${p#*-}
    case $kind in
      gcc) Kind=GCC compiler="\${cdefer:Compiler}" def=$gcc_default
           load="gcc-$n -fplugin=/usr/lib/<triplet>/cdefer/gcc-$n/cdefer.so" ;;
      clang) Kind=Clang compiler="\${cdefer:Compiler}" def=$clang_default
             load="clang-$n -fplugin=/usr/lib/<triplet>/cdefer/clang-$n/cdefer.so" ;;
    esac
    unversioned=""
    if [ "$n" = "$def" ]; then
      unversioned=" .
 This is the plugin of the default $kind ($kind is $kind-$n): it also holds
 the unversioned names $kind/cdefer.so, cdefer-$kind.so and cdefer-$kind.pc$( [ "$kind" = gcc ] || [ -z "$gcc_default" ] && echo ",
 and cdefer.pc")."
    fi
    cat <<STANZA

Package: cdefer-$p-plugin
Architecture: any
Depends: $compiler, libcdefer-dev (= \${binary:Version}), \${shlibs:Depends}, \${misc:Depends}
Description: defer statement for C (ISO/IEC TS 25755): $Kind $n plugin
 cdefer gives C the defer statement of ISO/IEC TS 25755 as a GCC plugin and
 a Clang plugin, and Go's panic and recover as a small runtime library.
 .
 This package contains the plugin for $Kind $n, which works in that
 compiler major only:
   $load
 and the pkg-config file cdefer-$p.pc.
$unversioned
STANZA
  done
} | sed '/^$/N;/^\n$/D' > control.new
mv control.new control
