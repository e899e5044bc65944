#!/bin/sh
# hide-libdw.sh CMD...: run CMD where libdw cannot be loaded, as on a system
# without the libdw1 package: in a private mount namespace (unshare -rm,
# unprivileged), every libdw.so.1 the loader could find is covered by
# /dev/null, so dlopen("libdw.so.1") fails.  Nothing outside CMD changes.
exec unshare -rm sh -c '
  for f in $(ldconfig -p | sed -n "s/^[[:space:]]*libdw\.so\.1 .*=> //p") \
           /lib/*/libdw.so.1 /usr/lib/*/libdw.so.1 /lib/libdw.so.1 /usr/lib/libdw.so.1; do
    [ -e "$f" ] && { mount --bind /dev/null "$f" || exit 125; }
  done
  exec "$@"' hide-libdw "$@"
