// Robustness (SPEC 3), as no_crash.c: every program of test/run compiled
// with the plugin at -O2 -g, each under `timeout 300`; any internal compiler
// error, segfault, crash report, signal or timeout fails the test.
// RUN: rm -rf %t && mkdir -p %t
// RUN: sh %S/Inputs/no_crash.sh "%cc" %cc-name %t %S/../run
#include <stddefer.h>

int main(void)
{
    int x = 0;
    defer x++;
    return x;
}
