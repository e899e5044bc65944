// Robustness (SPEC 3: "No input, valid or not, may crash the compiler"):
// compile every file of test/diag and every malformed input in
// test/diag/Inputs/ with the plugin, each under `timeout 300`; any internal
// compiler error, segfault, crash report, signal or timeout fails the test.
// The test/run corpus and the generated stress inputs are
// no_crash_run.c and no_crash_stress.c: three tests of bounded work each,
// so that none comes near lit's per-test limit on a loaded machine.
// RUN: rm -rf %t && mkdir -p %t
// RUN: sh %S/Inputs/no_crash.sh "%cc" %cc-name %t %S %S/Inputs
#include <stddefer.h>

int main(void)
{
    int x = 0;
    defer x++;
    return x;
}
