// X1 (docs/DIAGNOSTICS.md): recover() in a deferred statement needs
// <cdefer.h>'s declarations (the frame and the recover ABI of
// cdefer_abi.h); a hand-declared cdefer_recover without them is an error
// at the call in both plugins, in the same words, naming no internal
// symbol, and never a recover that silently returns NULL.
// RUN: not %cc -fsyntax-only %s 2>&1 | %FileCheck --check-prefixes=%prefixes --allow-unused-prefixes %s \
// RUN:   --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note: \
// RUN:   --implicit-check-not=__cdefer --implicit-check-not="internal compiler error" \
// RUN:   --implicit-check-not="Segmentation fault" --implicit-check-not="PLEASE submit"
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
struct cdefer_panic_info;
const struct cdefer_panic_info *cdefer_recover(void);

int main(void)
{
    // CHECK: {{.*}}x1_recover_without_header.c:[[@LINE+1]]:18: error: 'recover()' in a deferred statement needs the declarations of 'cdefer_abi.h': include 'cdefer.h'{{$}}
    _Defer (void)cdefer_recover();
    return 0;
}
