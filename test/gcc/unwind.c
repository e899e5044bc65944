// SPEC 6: the plugin turns exceptions on, so a deferred statement also runs
// while the stack unwinds (here pthread_exit from a callee); the unwind
// option turns that off.  -fplugin-arg-cdefer-gcc-* reaches the plugin
// under the name cdefer (%gcc-plugin-cc loads it as .../cdefer.so): GCC
// takes the plugin name up to the first '-'.
//
// Landing pad and personality with the default, none with unwind=off:
// RUN: %gcc-plugin-cc -O2 -S %s -o - | %FileCheck --check-prefix=EH %s
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-unwind=off -O2 -S %s -o - | %FileCheck --check-prefix=NOEH %s
// An explicit -fno-exceptions wins over the plugin's default:
// RUN: %gcc-plugin-cc -fno-exceptions -O2 -S %s -o - | %FileCheck --check-prefix=NOEH %s
// EH: worker:
// EH: .cfi_personality {{.*}}__gcc_personality_v0
// EH: .cfi_lsda
// EH: .gcc_except_table
// NOEH-NOT: __gcc_personality_v0
// NOEH-NOT: .gcc_except_table
// NOEH: worker:
// NOEH-NOT: __gcc_personality_v0
// NOEH-NOT: .gcc_except_table
//
// The tree-eh pass sees the cleanup as an EH region (a landing pad that
// runs the deferred call and resumes unwinding):
// RUN: %gcc-plugin-cc -O0 -c %s -o /dev/null -fdump-tree-eh=- | %FileCheck --check-prefix=TREE %s
// TREE-LABEL: worker
// TREE: finish_thread ();
// TREE: resx
//
// And at run time, at -O0 and -O2: pthread_exit runs the deferred code
// with the default, and skips it with unwind=off.
// RUN: %gcc-plugin-cc -O0 %s -o %t.O0 -pthread && %run %t.O0 | %FileCheck --check-prefix=RUNS %s
// RUN: %gcc-plugin-cc -O2 %s -o %t.O2 -pthread && %run %t.O2 | %FileCheck --check-prefix=RUNS %s
// RUN: %gcc-plugin-cc -fplugin-arg-cdefer-gcc-unwind=off -O2 %s -o %t.off -pthread && %run %t.off | %FileCheck --check-prefix=OFF %s
// RUNS-LABEL: start
// RUNS-NEXT: in worker
// RUNS-NEXT: deferred in worker
// RUNS-NEXT: joined
// OFF-LABEL: start
// OFF-NEXT: in worker
// OFF-NEXT: joined
#include <pthread.h>
#include <stdio.h>
#include <stddefer.h>

__attribute__((noinline)) void finish_thread(void)
{
    fflush(stdout);
    pthread_exit(NULL);
}

void *worker(void *arg)
{
    (void)arg;
    defer { puts("deferred in worker"); fflush(stdout); }
    puts("in worker");
    finish_thread();
    puts("not reached");
    return NULL;
}

int main(void)
{
    puts("start");
    fflush(stdout);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    puts("joined");
    return 0;
}
