// Robustness (SPEC 3: "No input, valid or not, may crash the compiler"):
// compile every file of test/diag and test/run, every malformed input in
// test/diag/Inputs/ and generated stress inputs (300 nested blocks, 3000
// defers in one block, a chain of 200 _Defer, 200 nested deferred blocks,
// hundreds of jumps) with the plugin, each under `timeout 60`; any internal
// compiler error, segfault, crash report, signal or timeout fails the test.
// RUN: rm -rf %t && mkdir -p %t
// RUN: sh %S/Inputs/no_crash.sh "%cc" %cc-name %t %S %S/../run %S/Inputs
#include <stddefer.h>

int main(void)
{
    int x = 0;
    defer x++;
    return x;
}
