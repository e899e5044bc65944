#!/usr/bin/env bash
# Distributed builds (docs/USER-GUIDE.md, "distcc and icecream"): distccd on
# 127.0.0.1 (a free high port, --allow 127.0.0.1, under `timeout`, killed at
# the end), the program of test/distcc/Inputs/ (two files with defers) built through
# distcc with each plugin of the default build:
#   - plain mode (preprocessed here, compiled by the server) and pump mode
#     (distcc-pump: preprocessed by the server too): the server compiled every
#     file, the objects are identical to a local build's, the program's output
#     is the expected one;
#   - a server whose compiler cannot load the plugin (not at the path the
#     command names): the compile fails, naming the plugin, when distcc may
#     not retry locally (DISTCC_SKIP_LOCAL_RETRY=1), and is redone here with
#     the plugin (the same object as a local build) when it may;
#   - a server that compiles without the plugin at all: the compiler rejects
#     the preprocessed file, naming the identifier only the plugin declares
#     (cdefer_requires_plugin__fplugin_cdefer_KIND_so): no defer is lost.
# distccd refuses -fplugin= in any command (distcc 3.3 and later, "insecure"):
# the compiler is a one-line wrapper adding it, whitelisted for the server
# with DISTCC_CMDLIST, under the same name on client and server.
#
#   test/distcc.sh         after the default build; CDEFER_DISTCC=0 skips it
#
# Results: build/lit-results-distcc.json for test/lit/summary.py.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
[ "${CDEFER_DISTCC:-1}" = 0 ] && exit 0
w=$top/build/distcc
rm -rf "$w" && mkdir -p "$w"
chmod 755 "$w"          # distccd drops root for the distccd user
suite=distcc results_json=$top/build/lit-results-distcc.json
. test/lit/results.sh
servers=()
stop_servers() { for g in "${servers[@]}"; do kill -TERM -- "-$g" 2>/dev/null; done; servers=(); }
trap stop_servers EXIT

for tool in distcc distccd; do
  command -v $tool >/dev/null ||
    { echo "$tool missing (apt-get install distcc distcc-pump)" > "$w/missing.log"; record tools 77 "$w/missing.log"; finish; }
done
src=$top/test/distcc/Inputs
inc=$top/runtime/include
clang_dir=$(sed -n 's/^Clang_DIR:PATH=\(.*\)\/lib\/cmake\/clang$/\1/p' build/CMakeCache.txt)
gcc=$(sed -n 's/^CDEFER_GCC:STRING=//p' build/CMakeCache.txt)
kinds=()
[ -f build/gcc/cdefer.so ] && kinds+=(gcc)
[ -f build/cdefer-clang.so ] && [ -n "$clang_dir" ] && kinds+=(clang)

# wrapper DIR NAME COMPILER [PLUGIN]: DIR/NAME runs COMPILER with the plugin.
wrapper() {
  mkdir -p "$1"
  printf '#!/bin/sh\nexec %s %s "$@"\n' "$3" "${4:+-fplugin=$4}" > "$1/$2"
  chmod 755 "$1" "$1/$2"
}
# start_server NAME WRAPPER: distccd whitelisting WRAPPER only; sets $port.
start_server() {
  echo "$2" > "$w/$1.cmdlist"; chmod 644 "$w/$1.cmdlist"
  port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  DISTCC_CMDLIST=$w/$1.cmdlist setsid timeout 900 distccd --daemon --no-detach --listen 127.0.0.1 \
    --port "$port" --allow 127.0.0.1 --jobs 2 --job-lifetime 300 \
    --log-stderr --log-level info 2> "$w/$1.server.log" &
  servers+=($!)
  for _ in $(seq 50); do      # until it listens
    grep -q 'listening on' "$w/$1.server.log" 2>/dev/null && break
    /usr/bin/python3 -c 'import socket; socket.create_connection(("127.0.0.1", '"$port"'), 1)' 2>/dev/null && break
    sleep 0.2
  done
}
export DISTCC_DIR=$w/client DISTCC_BACKOFF_PERIOD=0 DISTCC_IO_TIMEOUT=300
mkdir -p "$DISTCC_DIR"

for kind in "${kinds[@]}"; do
  if [ $kind = gcc ]; then cc=$(command -v "$gcc"); plugin=$top/build/gcc/cdefer.so
  else cc=$clang_dir/bin/clang; plugin=$top/build/cdefer-clang.so; fi
  name=cdefer-$kind-cc
  wrapper "$w/bin" $name "$cc" "$plugin"        # client and good server
  wrapper "$w/elsewhere" $name "$cc" "/nonexistent/lib/cdefer/$kind/cdefer.so"
  wrapper "$w/bare" $name "$cc"                 # no plugin at all
  export PATH=$w/bin:$PATH
  d=$w/$kind; mkdir -p "$d/local"
  # The local build everything is compared with.
  for f in main part; do $name -O2 -I "$inc" -c "$src/$f.c" -o "$d/local/$f.o"; done

  # build DIR MODE-ENV...: the two files through distcc into DIR, then linked.
  build() {
    local o=$1; shift; mkdir -p "$o"
    ( cd "$o" && for f in main part; do
        env "$@" timeout 600 distcc $name -O2 -I "$inc" -c "$src/$f.c" -o "$f.o" || exit 1
      done && $name main.o part.o -o prog )
  }
  same_as_local() { for f in main part; do cmp "$d/local/$f.o" "$1/$f.o" || return 1; done; }

  start_server $kind-good "$w/bin/$name"
  { build "$d/plain" DISTCC_HOSTS="127.0.0.1:$port/2" DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1 &&
    [ "$(grep -c 'COMPILE_OK' "$w/$kind-good.server.log")" = 2 ] && same_as_local "$d/plain" &&
    timeout 60 "$d/plain/prog" > "$d/plain/out" && diff "$src/expected.out" "$d/plain/out"; } > "$d/plain.log" 2>&1
  record "$kind: plain mode, compiled by the server, objects as a local build's" $? "$d/plain.log"

  if command -v distcc-pump >/dev/null; then
    ( cd "$d" && DISTCC_HOSTS="127.0.0.1:$port/2,cpp,lzo" DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1 \
        timeout 600 distcc-pump bash -c "$(declare -f build); name=$name inc=$inc src=$src; build $d/pump" &&
      [ "$(grep -c 'COMPILE_OK' "$w/$kind-good.server.log")" = 4 ] && same_as_local "$d/pump" &&
      timeout 60 "$d/pump/prog" > "$d/pump/out" && diff "$src/expected.out" "$d/pump/out" ) > "$d/pump.log" 2>&1
    record "$kind: pump mode, compiled by the server, objects as a local build's" $? "$d/pump.log"
  fi
  stop_servers

  # A server whose compiler is told to load a plugin it does not have.
  start_server $kind-elsewhere "$w/elsewhere/$name"
  build "$d/elsewhere" DISTCC_HOSTS="127.0.0.1:$port/2" DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1 \
    > "$d/elsewhere.log" 2>&1
  [ ! -f "$d/elsewhere/main.o" ] && grep -E "(cannot|unable to) load plugin.*/nonexistent/lib/cdefer/$kind/cdefer.so" "$d/elsewhere.log" > /dev/null
  record "$kind: a server without the plugin fails the compile, naming the plugin" $? "$d/elsewhere.log"
  build "$d/retried" DISTCC_HOSTS="127.0.0.1:$port/2" > "$d/retried.log" 2>&1
  [ -f "$d/retried/prog" ] && same_as_local "$d/retried" && grep -q 'retrying locally' "$d/retried.log"
  record "$kind: with local retries allowed, the failed compile is redone here, with the plugin" $? "$d/retried.log"
  stop_servers

  # A server whose compiler loads no plugin: the preprocessed file does not
  # become an object without defers that links.
  start_server $kind-bare "$w/bare/$name"
  build "$d/bare" DISTCC_HOSTS="127.0.0.1:$port/2" DISTCC_FALLBACK=0 DISTCC_SKIP_LOCAL_RETRY=1 > "$d/bare.log" 2>&1
  bare_rc=$?
  # Each plugin's marker names an identifier only that plugin declares.
  [ $bare_rc -ne 0 ] && [ ! -f "$d/bare/prog" ] &&
    grep -q "cdefer_requires_plugin__fplugin_cdefer_${kind}_so.* undeclared\|undeclared identifier 'cdefer_requires_plugin__fplugin_cdefer_${kind}_so'" "$d/bare.log"
  record "$kind: a server compiling without the plugin fails the build" $? "$d/bare.log"
  stop_servers
done
[ ${#kinds[@]} -gt 0 ] || { echo "no plugin built" > "$w/none.log"; record plugins 77 "$w/none.log"; }
finish
