// lower.h - what lower.cpp and analyze.cpp share, private to the two: the
// decls each defer lowers to (Slot), the counter that numbers the
// synthesized names, and analyze.cpp's entry point.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef CDEFER_CLANG_LOWER_H
#define CDEFER_CLANG_LOWER_H

#include "model.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace cdefer {

// N of every __cdefer_*_N of the translation unit.
extern unsigned Counter;

// What a defer lowers to, created for every defer of the function before
// any is lowered.
struct Slot {
  unsigned N = 0;
  clang::RecordDecl *RD = nullptr;         // struct __cdefer_env_N
  clang::QualType EnvTy, EnvPtr;
  clang::FunctionDecl *Fn = nullptr;       // __cdefer_fn_N
  clang::ParmVarDecl *Param = nullptr;     // its __cdefer_env
  clang::VarDecl *Env = nullptr;           // the cleanup variable
};

// analyze.cpp: under the static analyzer, the calls of the deferred
// statements written out at every exit of their scopes.
bool showExitsToAnalyzer(FunctionModel &M, clang::Sema &S, std::vector<Slot> &Slots);

} // namespace cdefer

#endif
