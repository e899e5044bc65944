#!/bin/sh
# debian/majors.sh - the compiler majors the Debian packages hold plugins for:
# one line "KIND-MAJOR" (gcc-12, clang-22, ...) per plugin, in build order.
#
# Every major present on the build machine: a GCC gcc-N whose plugin headers
# are installed (gcc-N-plugin-dev), a Clang N whose development files are
# (/usr/lib/llvm-N with libclang-N-dev, llvm-N-dev and clang-N).  The
# environment restricts the set:
#   CDEFER_DEB_GCC="12"        only these GCC majors ("none": no GCC plugin)
#   CDEFER_DEB_CLANG="19 22"   only these Clang majors ("none": no Clang plugin)
# A major asked for but not present is an error.
#
# Order: Clang before GCC, and for each kind the major of the unversioned
# compiler (`gcc`, `clang`) last, because the last install of a kind owns
# the unversioned links (cdefer-KIND.so, KIND/cdefer.so; cmake/Install.cmake).
#
#   debian/majors.sh            the list
#   debian/majors.sh default K  the major of the unversioned compiler K
#                               (gcc, clang) if its plugin is in the list
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -eu

major_of() {   # the major version of compiler $1, empty if it does not run
  v=$("$1" -dumpfullversion -dumpversion 2>/dev/null) || return 0
  echo "${v%%.*}"
}

gcc_present() {
  for g in /usr/bin/gcc-[0-9]*; do
    n=${g#/usr/bin/gcc-}
    case $n in *[!0-9]*|"") continue ;; esac
    [ -f "$("$g" -print-file-name=plugin 2>/dev/null)/include/gcc-plugin.h" ] && echo "$n"
  done | sort -n
}

clang_present() {
  for d in /usr/lib/llvm-[0-9]*; do
    n=${d#/usr/lib/llvm-}
    case $n in *[!0-9]*|"") continue ;; esac
    [ -f "$d/lib/cmake/clang/ClangConfig.cmake" ] && [ -f "$d/include/clang/AST/AST.h" ] &&
      [ -x "$d/bin/clang" ] && echo "$n"
  done | sort -n
}

pick() {   # pick KIND PRESENT-LIST WANTED-LIST|"" DEFAULT-MAJOR
  kind=$1 present=$2 wanted=$3 def=$4
  [ "$wanted" = none ] && return 0
  if [ -n "$wanted" ]; then
    for n in $wanted; do
      echo " $present " | grep -q " $n " ||
        { echo "debian/majors.sh: $kind $n asked for (CDEFER_DEB_$(echo "$kind" | tr a-z A-Z)) but its development files are not installed" >&2; exit 1; }
    done
    present=$wanted
  fi
  for n in $present; do [ "$n" = "$def" ] || echo "$kind-$n"; done
  for n in $present; do [ "$n" = "$def" ] && echo "$kind-$n"; done
  return 0
}

gcc_default=$(major_of gcc)
clang_default=$(major_of clang)
list=$(pick clang "$(clang_present | tr '\n' ' ')" "${CDEFER_DEB_CLANG:-}" "$clang_default"
       pick gcc "$(gcc_present | tr '\n' ' ')" "${CDEFER_DEB_GCC:-}" "$gcc_default")

if [ "${1:-}" = default ]; then
  eval "d=\$${2}_default"
  echo "$list" | grep -qx "$2-$d" && echo "$d"
  exit 0
fi
echo "$list"
