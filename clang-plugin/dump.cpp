// dump.cpp - the `-Xclang -plugin-arg-cdefer -Xclang dump` report: for each
// function with defers, each defer, the function its statement became, what
// it captures, and every exit of its scope that runs it.  Format: see
// docs/DESIGN-clang.md ("The dump").
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "cdefer.h"
#include "compat.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace cdefer {

void dumpFunction(const FunctionModel &M, SourceManager &SM, const Options &O) {
  llvm::raw_ostream &OS = llvm::errs();
  OS << "cdefer: function '" << M.FD->getName() << "' at " << locText(SM, M.FD->getLocation()) << "\n";
  for (const Defer &D : M.Defers) {
    OS << "cdefer:   defer #" << D.Number << " at " << locText(SM, D.Kw);
    if (D.FnName == "native DeferStmt") {
      OS << " -> native DeferStmt";
    } else if (!D.FnName.empty()) {
      OS << " -> cleanup " << D.FnName << "(";
      for (size_t I = 0; I < D.Captures.size(); ++I)
        OS << (I ? ", " : "") << D.Captures[I];
      OS << ")";
    } else {
      OS << " -> not lowered";
    }
    OS << "\n";
    auto Guard = [&](const char *What, SourceLocation L) {
      OS << "cdefer:     runs at " << What << " " << locText(SM, SM.getFileLoc(L)) << "\n";
    };
    if (D.Block)
      Guard("end of block", D.Block->getRBracLoc());
    else
      Guard("end of its own block (braceless)", D.Kw);
    for (const Stmt *J : M.Jumps) {
      unsigned P = M.pre(J);
      if (!D.ScopeR.contains(P))
        continue;
      bool InNestedBody = false;
      for (const Defer &E : M.Defers)
        if (&E != &D && E.BodyR.contains(P) && D.ScopeR.contains(E.BodyR.Begin))
          InNestedBody = true;
      if (InNestedBody)
        continue;
      if (const auto *R = dyn_cast<ReturnStmt>(J)) {
        Guard("return", R->getReturnLoc());
      } else if (isa<BreakStmt>(J) || isa<ContinueStmt>(J)) {
        const Stmt *T = M.jumpTarget(J);
        if (T && D.ScopeR.contains(M.pre(T)))
          continue;
        if (isa<BreakStmt>(J))
          Guard("break", compat::breakLoc(cast<BreakStmt>(J)));
        else
          Guard("continue", compat::continueLoc(cast<ContinueStmt>(J)));
      } else if (const auto *G = dyn_cast<GotoStmt>(J)) {
        const LabelStmt *L = G->getLabel() ? G->getLabel()->getStmt() : nullptr;
        if (L && D.ScopeR.contains(M.pre(L)))
          continue;
        std::string W = "goto '" + G->getLabel()->getName().str() + "'";
        Guard(W.c_str(), G->getGotoLoc());
      } else if (const auto *IG = dyn_cast<IndirectGotoStmt>(J)) {
        Guard("computed goto", IG->getGotoLoc());
      }
    }
    if (O.Unwind)
      OS << "cdefer:     runs on unwinding (landing pad)\n";
  }
}

} // namespace cdefer
