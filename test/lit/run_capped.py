#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Run a command under a time limit and an output cap.

    run_capped.py [--timeout SECONDS] [--cap BYTES] [--qemu QEMU --sysroot DIR] CMD ARGS...

stdout and stderr are passed through, each cut at BYTES.  A program that
runs past SECONDS is killed (exit status 124); one that prints more than
BYTES is killed too (exit status 125).  Otherwise the program's own exit
status is returned (128+N for a signal N, as a shell reports it).  Every
test program goes through this: a miscompiled jump can loop forever.

A cross build's tests (test/lit/cross.py) pass --qemu qemu-ARCH --sysroot
/usr/TRIPLE: CMD then runs as `qemu-ARCH -L /usr/TRIPLE CMD ARGS...`, with
core dumps off (qemu-user writes a qemu_*.core file into the working
directory when the program it runs dies by a signal)."""
import os
import subprocess
import sys
import threading


def main(argv):
    timeout, cap = 10.0, 1 << 20
    qemu, sysroot = None, None
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--timeout":
            timeout = float(argv.pop(0))
        elif opt == "--cap":
            cap = int(argv.pop(0))
        elif opt == "--qemu":
            qemu = argv.pop(0)
        elif opt == "--sysroot":
            sysroot = argv.pop(0)
        elif opt == "--":
            break
    if not argv:
        sys.stderr.write("run_capped.py: no command\n")
        return 2
    preexec = None
    if qemu:
        argv = [qemu] + (["-L", sysroot] if sysroot else []) + argv
        preexec = no_core_dumps
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=preexec)
    over = []

    def pump(src, dst):
        left = cap
        while True:
            chunk = src.read1(65536) if hasattr(src, "read1") else src.read(65536)
            if not chunk:
                return
            if len(chunk) > left:
                dst.write(chunk[:left])
                dst.flush()
                over.append(True)
                kill(proc)
                return
            left -= len(chunk)
            dst.write(chunk)
            dst.flush()

    threads = [threading.Thread(target=pump, args=(proc.stdout, sys.stdout.buffer)),
               threading.Thread(target=pump, args=(proc.stderr, sys.stderr.buffer))]
    for t in threads:
        t.start()
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(proc)
        proc.wait()
        for t in threads:
            t.join()
        sys.stderr.write("run_capped.py: killed after %gs: %s\n" % (timeout, argv[0]))
        return 124
    for t in threads:
        t.join()
    if over:
        sys.stderr.write("run_capped.py: killed, output over %d bytes: %s\n" % (cap, argv[0]))
        return 125
    return 128 - rc if rc < 0 else rc


def no_core_dumps():
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def kill(proc):
    try:
        os.killpg(proc.pid, 9)
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
