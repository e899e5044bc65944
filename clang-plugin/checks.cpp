// checks.cpp - the constraints of SPEC section 3 that Clang itself cannot see
// (the marker is an ordinary loop to Sema): jumps into a defer's scope or its
// deferred statement (E1, E2, E3), jumps out of a deferred statement (E4-E7,
// E7c: a computed goto whose every target is inside its own deferred
// statement is fine), asm gotos, labelled deferred statements (E10), setjmp-family calls in a deferred
// statement (E11), and the warnings W1 (empty deferred statement) and W2
// (braceless defer) and W3 (recover() outside a deferred statement).
// Texts: docs/DIAGNOSTICS.md.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "compat.h"

#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cdefer {

namespace {

const char *bracelessKeyword(const Defer &D) {
  const Stmt *P = D.Parent;
  if (!P)
    return nullptr;
  if (const auto *I = dyn_cast<IfStmt>(P))
    return I->getElse() == D.Outer ? "else" : (I->getThen() == D.Outer ? "if" : nullptr);
  if (const auto *F = dyn_cast<ForStmt>(P))
    return F->getBody() == D.Outer ? "for" : nullptr;
  if (const auto *W = dyn_cast<WhileStmt>(P))
    return W->getBody() == D.Outer && !isMarkerCond(W->getCond()) ? "while" : nullptr;
  if (const auto *Do = dyn_cast<DoStmt>(P))
    return Do->getBody() == D.Outer ? "do" : nullptr;
  if (const auto *S = dyn_cast<SwitchStmt>(P))
    return S->getBody() == D.Outer ? "switch" : nullptr;
  return nullptr;
}

struct Checker {
  FunctionModel &M;
  DiagnosticsEngine &Diags;
  SourceManager &SM;
  const LangOptions &LangOpts;

  void error(SourceLocation At, msg Id, std::initializer_list<std::string> Args, Defer *D) {
    report(Diags, SM, At, Id, Args, D);
    if (D)
      D->Bad = true;
  }
  std::string at(const Defer &D) { return locText(SM, D.Kw); }

  void run() {
    llvm::DenseSet<const SwitchCase *> Reported;
    for (Defer &D : M.Defers) {
      Stmt *B = D.Body;
      if (!B)
        continue;
      if (isa<LabelStmt>(B) || isa<SwitchCase>(B)) {
        SourceLocation L = isa<LabelStmt>(B) ? cast<LabelStmt>(B)->getIdentLoc()
                                             : cast<SwitchCase>(B)->getKeywordLoc();
        error(L, msg::E10, {}, &D);
        if (auto *SC = dyn_cast<SwitchCase>(B))
          Reported.insert(SC);
        continue;
      }
      bool Empty = isa<NullStmt>(B) || (isa<CompoundStmt>(B) && cast<CompoundStmt>(B)->body_empty());
      if (Empty)
        report(Diags, SM, D.Kw, msg::W1, {});
      if (const char *Kw = bracelessKeyword(D))
        report(Diags, SM, D.Kw, msg::W2, {Kw});
    }

    for (Stmt *J : M.Jumps) {
      unsigned PJ = M.pre(J);
      // Jumps out of a deferred statement.
      if (Defer *D = M.innermostBody(J)) {
        if (auto *R = dyn_cast<ReturnStmt>(J)) {
          error(R->getReturnLoc(), msg::E4, {at(*D)}, D);
          continue;
        }
        if (isa<BreakStmt>(J) || isa<ContinueStmt>(J)) {
          Stmt *T = M.jumpTarget(J);
          if (!T || !D->BodyR.contains(M.pre(T))) {
            bool Br = isa<BreakStmt>(J);
            SourceLocation L = Br ? compat::breakLoc(cast<BreakStmt>(J))
                                  : compat::continueLoc(cast<ContinueStmt>(J));
            error(L, Br ? msg::E5 : msg::E6, {at(*D)}, D);
          }
          continue;
        }
        if (auto *IG = dyn_cast<IndirectGotoStmt>(J)) {
          // Fine when every label whose address is taken lies in D's
          // deferred statement and enters no deferred statement the goto is
          // not in: the jump cannot leave D's statement (E7c otherwise).
          bool Stays = !M.AddrLabels.empty();
          for (AddrLabelExpr *AL : M.AddrLabels) {
            LabelStmt *L = AL->getLabel() ? AL->getLabel()->getStmt() : nullptr;
            unsigned PL = L ? M.pre(L) : ~0u;
            if (PL == ~0u || !D->BodyR.contains(PL)) {
              Stays = false;
              break;
            }
            for (Defer &E : M.Defers)
              if (E.BodyR.contains(PL) && !E.BodyR.contains(PJ))
                Stays = false;
          }
          if (!Stays)
            error(IG->getGotoLoc(), msg::E7c, {at(*D)}, D);
          continue;
        }
        if (auto *G = dyn_cast<GotoStmt>(J)) {
          LabelStmt *L = G->getLabel() ? G->getLabel()->getStmt() : nullptr;
          if (L && !D->BodyR.contains(M.pre(L))) {
            error(G->getGotoLoc(), msg::E7, {G->getLabel()->getName().str(), at(*D)}, D);
            continue;
          }
        }
      }
      // Jumps into a deferred statement or a defer's scope.
      auto *G = dyn_cast<GotoStmt>(J);
      if (!G || !G->getLabel())
        continue;
      LabelStmt *L = G->getLabel()->getStmt();
      if (!L || M.pre(L) == ~0u)
        continue;
      unsigned PL = M.pre(L);
      for (Defer &D : M.Defers) {
        if (D.BodyR.contains(PL) && !D.BodyR.contains(PJ)) {
          error(G->getGotoLoc(), msg::E3, {G->getLabel()->getName().str(), at(D)}, &D);
          break;
        }
        if (D.ScopeR.contains(PL) && !D.ScopeR.contains(PJ) && !D.BodyR.contains(PJ)) {
          error(G->getGotoLoc(), msg::E1, {G->getLabel()->getName().str(), at(D)}, &D);
          break;
        }
      }
    }

    // asm goto: Clang branches straight to the label, never through cleanups,
    // so it may neither enter nor leave a defer's scope or deferred statement.
    for (GCCAsmStmt *A : M.AsmGotos) {
      unsigned PA = M.pre(A);
      for (unsigned I = 0, E = A->getNumLabels(); I != E; ++I) {
        LabelDecl *LD = A->getLabelExpr(I)->getLabel();
        LabelStmt *L = LD ? LD->getStmt() : nullptr;
        if (!L || M.pre(L) == ~0u)
          continue;
        unsigned PL = M.pre(L);
        std::string Name = LD->getName().str();
        for (Defer &D : M.Defers) {
          bool InBody = D.BodyR.contains(PA), LInBody = D.BodyR.contains(PL);
          if (InBody && !LInBody) {
            error(A->getAsmLoc(), msg::E7, {Name, at(D)}, &D);
            break;
          }
          if (!InBody && LInBody) {
            error(A->getAsmLoc(), msg::E3, {Name, at(D)}, &D);
            break;
          }
          if (D.ScopeR.contains(PL) && !D.ScopeR.contains(PA) && !InBody) {
            error(A->getAsmLoc(), msg::E1, {Name, at(D)}, &D);
            break;
          }
          if (D.ScopeR.contains(PA) && !D.ScopeR.contains(PL)) {
            error(A->getAsmLoc(), msg::E7g, {Name, at(D)}, &D);
            break;
          }
        }
      }
    }

    // Label addresses (&&L) and computed gotos: a label address may not cross a
    // deferred statement, and a computed goto may not enter or leave a defer's
    // scope (Clang runs no cleanups on an indirect branch).
    for (AddrLabelExpr *AL : M.AddrLabels) {
      LabelStmt *L = AL->getLabel() ? AL->getLabel()->getStmt() : nullptr;
      if (!L || M.pre(L) == ~0u)
        continue;
      unsigned PL = M.pre(L), PA = M.pre(AL);
      for (Defer &D : M.Defers) {
        if (D.BodyR.contains(PL) != D.BodyR.contains(PA)) {
          error(AL->getAmpAmpLoc(), msg::X5, {AL->getLabel()->getName().str(), at(D)}, &D);
          break;
        }
      }
      for (Stmt *J : M.Jumps) {
        auto *IG = dyn_cast<IndirectGotoStmt>(J);
        if (!IG)
          continue;
        unsigned PJ = M.pre(IG);
        for (Defer &D : M.Defers) {
          if (D.BodyR.contains(PJ))
            continue; // E7c already
          if (D.ScopeR.contains(PL) != D.ScopeR.contains(PJ)) {
            // docs/DIAGNOSTICS.md E7d / E7f, the GCC plugin's wording.
            error(IG->getGotoLoc(), D.ScopeR.contains(PJ) ? msg::E7f : msg::E7d,
                  {AL->getLabel()->getName().str(), at(D)}, &D);
            break;
          }
        }
      }
    }

    for (SwitchCase *SC : M.Cases) {
      if (Reported.count(SC))
        continue;
      SwitchStmt *SW = M.SwitchOf.lookup(SC);
      if (!SW)
        continue;
      unsigned PC = M.pre(SC), PS = M.pre(SW);
      std::string What = isa<CaseStmt>(SC) ? "case" : "default";
      for (Defer &D : M.Defers) {
        if (D.BodyR.contains(PC) && !D.BodyR.contains(PS)) {
          error(SC->getKeywordLoc(), msg::E3c, {What, at(D)}, &D);
          break;
        }
        if (D.ScopeR.contains(PC) && !D.ScopeR.contains(PS) && !D.BodyR.contains(PS)) {
          error(SC->getKeywordLoc(), msg::E2, {What, at(D)}, &D);
          break;
        }
      }
    }

    for (CallExpr *CE : M.Calls) {
      Defer *D = M.innermostBody(CE);
      if (!D) {
        // W3: recover() only means something directly in a deferred statement.
        if (isRecoverCall(CE))
          report(Diags, SM, CE->getBeginLoc(), msg::W3, {});
        continue;
      }
      const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
      const auto *DRE = dyn_cast<DeclRefExpr>(Callee);
      if (!DRE)
        continue;
      StringRef Name = DRE->getDecl()->getName();
      if (DRE->getDecl()->getIdentifier() && setjmp_name_p(Name.str().c_str())) {
        // Named as written: glibc's setjmp/sigsetjmp are macros over _setjmp/__sigsetjmp.
        SourceLocation L = SM.getFileLoc(DRE->getLocation());
        std::string Written =
            Lexer::getSourceText(CharSourceRange::getTokenRange(L), SM, LangOpts).str();
        if (Written.empty())
          Written = Name.str();
        error(L, msg::E11, {Written, at(*D)}, D);
      }
    }

    for (Stmt *S : M.Unsupported) {
      report(Diags, SM, S->getBeginLoc(), msg::X3, {});
    }
  }
};

} // namespace

void checkFunction(FunctionModel &M, DiagnosticsEngine &D, SourceManager &SM) {
  Checker C{M, D, SM, M.FD->getASTContext().getLangOpts()};
  C.run();
}

} // namespace cdefer
