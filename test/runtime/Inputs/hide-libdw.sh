#!/bin/sh
# hide-libdw.sh CMD...: run CMD where libdw cannot be loaded, as on a system
# without the libdw1 package: in a private mount namespace (unshare -rm,
# unprivileged), every libdw.so.1 the loader could find is covered by
# /dev/null, so dlopen("libdw.so.1") fails.  Nothing outside CMD changes.
# Where user namespaces are not allowed, an LD_PRELOAD'ed dlopen that
# refuses libdw (no_libdw_shim.c, built here) does the same.
here=$(dirname "$0")
if unshare -rm true 2>/dev/null; then
  exec unshare -rm sh -c '
    for f in $(ldconfig -p | sed -n "s/^[[:space:]]*libdw\.so\.1 .*=> //p") \
             /lib/*/libdw.so.1 /usr/lib/*/libdw.so.1 /lib/libdw.so.1 /usr/lib/libdw.so.1; do
      [ -e "$f" ] && { mount --bind /dev/null "$f" || exit 125; }
    done
    exec "$@"' hide-libdw "$@"
fi
shim=${TMPDIR:-/tmp}/no_libdw_shim.$$.so
cc -shared -fPIC -o "$shim" "$here/no_libdw_shim.c" || exit 125
LD_PRELOAD="$shim${LD_PRELOAD:+ $LD_PRELOAD}" "$@"
rc=$?
rm -f "$shim"
exit $rc
