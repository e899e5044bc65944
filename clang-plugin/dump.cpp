// dump.cpp - the `-Xclang -plugin-arg-cdefer -Xclang dump` report, in the
// format of common/dump.h (shared with the GCC plugin; test/diag/dump.c):
// for each function with defers or a named result, each defer, what its
// statement became (LOWERING: `cleanup __cdefer_fn_N(CAPTURES)`, the
// synthesized cleanup function and the variables it captures, without the
// VLA dimensions of vm.cpp; `native DeferStmt`; `not lowered` when the
// function had errors) and every exit of its scope that runs it.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "compat.h"
#include "../common/dump.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace cdefer {

namespace {

// Can control reach the end of S?  The rule GCC's dump applies
// (gcc-plugin/dump.cc may_fall_through): a jump, or a call of a noreturn
// function, at the end of every path through the last statement says no.
bool mayFallThrough(const Stmt *S) {
  if (!S)
    return true;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return CS->body_empty() || mayFallThrough(CS->body_back());
  if (const auto *LS = dyn_cast<LabelStmt>(S))
    return mayFallThrough(LS->getSubStmt());
  if (const auto *AS = dyn_cast<AttributedStmt>(S))
    return mayFallThrough(AS->getSubStmt());
  if (isa<ReturnStmt>(S) || isa<GotoStmt>(S) || isa<IndirectGotoStmt>(S) || isa<BreakStmt>(S) ||
      isa<ContinueStmt>(S))
    return false;
  if (const auto *IS = dyn_cast<IfStmt>(S))
    return !IS->getElse() || mayFallThrough(IS->getThen()) || mayFallThrough(IS->getElse());
  if (const auto *E = dyn_cast<Expr>(S))
    if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts()))
      if (const FunctionDecl *FD = CE->getDirectCallee())
        return !FD->isNoReturn();
  return true;
}

// Nothing after D in its block (or a braceless D, its own block): it runs
// where it stands, at the end of that block.
bool scopeEmpty(const Defer &D) { return !D.Block || D.Index + 1 >= D.Block->size(); }

std::string lowering(const Defer &D) {
  switch (D.How) {
  case Defer::Lowered::Cleanup: {
    std::string Caps;
    for (const std::string &C : D.Captures)
      Caps += (Caps.empty() ? "" : ", ") + C;
    return dump::cleanup(D.FnName, Caps);
  }
  case Defer::Lowered::Native:
    return dump::native;
  case Defer::Lowered::No:
    break;
  }
  return dump::not_lowered;
}

} // namespace

void noteScopeEnds(FunctionModel &M) {
  for (Defer &D : M.Defers)
    D.EndReached = scopeEmpty(D) || mayFallThrough(D.Block->body_back());
}

void dumpFunction(const FunctionModel &M, SourceManager &SM, const Options &O) {
  llvm::raw_ostream &OS = llvm::errs();
  OS << dump::function_line(M.FD->getName().str(), locText(SM, M.FD->getLocation()));
  if (M.NamedResult)
    OS << dump::named_result_line(M.NamedResult->getName().str(),
                                  locText(SM, M.NamedResult->getLocation()));
  if (M.RecoverCalls)
    OS << dump::recovers_line(M.RecoverCalls);
  for (const Defer &D : M.Defers) {
    unsigned Depth = 0;
    for (const Defer &E : M.Defers)
      if (&E != &D && E.BodyR.contains(M.pre(D.Marker)))
        ++Depth;
    OS << dump::defer_line(Depth, D.Number, locText(SM, D.Kw), lowering(D));
    auto Exit = [&](dump::exit_kind K, SourceLocation L = SourceLocation(),
                    const std::string &Label = "") {
      OS << dump::exit_line(Depth, K, L.isValid() ? locText(SM, SM.getFileLoc(L)) : "", Label);
    };
    if (scopeEmpty(D)) {
      Exit(dump::exit_kind::END_OF_BLOCK);
      continue;
    }
    if (D.EndReached)
      Exit(dump::exit_kind::END_OF_BLOCK);
    for (const Stmt *J : M.Jumps) {
      if (!M.leavesScope(D, J))
        continue;
      if (const auto *R = dyn_cast<ReturnStmt>(J))
        Exit(dump::exit_kind::RETURN, R->getReturnLoc());
      else if (const auto *B = dyn_cast<BreakStmt>(J))
        Exit(dump::exit_kind::BREAK, compat::breakLoc(B));
      else if (const auto *C = dyn_cast<ContinueStmt>(J))
        Exit(dump::exit_kind::CONTINUE, compat::continueLoc(C));
      else if (const auto *G = dyn_cast<GotoStmt>(J))
        Exit(dump::exit_kind::GOTO, G->getGotoLoc(), G->getLabel()->getName().str());
      else if (const auto *IG = dyn_cast<IndirectGotoStmt>(J))
        Exit(dump::exit_kind::COMPUTED_GOTO, IG->getGotoLoc());
    }
    if (O.Unwind)
      Exit(dump::exit_kind::UNWIND);
  }
}

} // namespace cdefer
