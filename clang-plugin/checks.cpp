// checks.cpp - the constraints of SPEC section 3 that Clang itself cannot see
// (the marker is an ordinary loop to Sema).  Each statement gets the path of
// regions it lies in (a defer's scope, its deferred statement), and jumps
// are judged on paths by common/jumps.h, the rules the GCC plugin uses too:
// gotos (E1, E3, E7), case labels (E2, E3c), computed gotos (E7c-E7f), asm
// gotos (E7g).  From the model directly: return/break/continue leaving a
// deferred statement (E4-E6), labelled deferred statements (E10),
// setjmp-family calls in one (E11), label addresses across one (X5), and
// the warnings W1 (empty deferred statement), W2 (braceless defer), W3
// (recover() outside a deferred statement).  Texts: docs/DIAGNOSTICS.md.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "compat.h"
#include "../common/jumps.h"

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

/// The checks of one function, in the shape of Clang's JumpDiagnostics and
/// the GCC plugin's checks.cc: the model's defers give every statement the
/// path of regions it lies in (a defer's scope, its deferred statement:
/// common/jumps.h), and each kind of jump is judged on the paths of the jump
/// and of its target by the rules both plugins share.
struct Checker {
  FunctionModel &M;
  DiagnosticsEngine &Diags;
  SourceManager &SM;
  const LangOptions &LangOpts;
  /// Cases already reported as a labelled deferred statement (E10).
  llvm::DenseSet<const SwitchCase *> Reported;

  void run() {
    checkDeferredStatements();
    checkJumps();
    checkComputedGotos();
    checkAsmGotos();
    checkLabelAddresses();
    checkCases();
    checkCalls();
    for (Stmt *S : M.Unsupported)
      report(Diags, SM, S->getBeginLoc(), msg::X3, {});
  }

  void error(SourceLocation At, msg Id, std::initializer_list<std::string> Args, Defer *D) {
    report(Diags, SM, At, Id, Args, D);
    if (D)
      D->Bad = true;
  }
  std::string at(const Defer &D) { return locText(SM, D.Kw); }
  /// Reports verdict V (if it is an error) at At for the jump to label Name.
  void judged(jumps::verdict V, SourceLocation At, StringRef Name) {
    if (V.error())
      error(At, V.id, {Name.str(), at(M.Defers[V.defer])}, &M.Defers[V.defer]);
  }

  /// The regions statement number N lies in, outermost first.  The ranges of
  /// one body nest, so sorting by start (the longer first) orders them.
  jumps::path pathOf(unsigned N) const {
    struct Entry {
      Range R;
      int Region;
    };
    llvm::SmallVector<Entry, 8> In;
    for (unsigned D = 0; D < M.Defers.size(); ++D) {
      const Defer &Df = M.Defers[D];
      if (Df.BodyR.contains(N))
        In.push_back({Df.BodyR, jumps::region(D, jumps::STMT)});
      else if (Df.ScopeR.contains(N))
        In.push_back({Df.ScopeR, jumps::region(D, jumps::SCOPE)});
    }
    std::stable_sort(In.begin(), In.end(), [](const Entry &A, const Entry &B) {
      return A.R.Begin != B.R.Begin ? A.R.Begin < B.R.Begin : A.R.End > B.R.End;
    });
    jumps::path P;
    for (const Entry &E : In)
      P.push_back(E.Region);
    return P;
  }
  /// The path of the statement of label L, or false when L is not in the body.
  bool labelPath(const LabelDecl *LD, jumps::path &P) const {
    const LabelStmt *L = LD ? LD->getStmt() : nullptr;
    unsigned PL = L ? M.pre(L) : ~0u;
    if (PL == ~0u)
      return false;
    P = pathOf(PL);
    return true;
  }

  /// E10 (a labelled deferred statement), W1 (an empty one), W2 (a braceless
  /// defer as the body of if/else/for/while/do/switch).
  void checkDeferredStatements() {
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
  }

  /// return, break and continue leaving a deferred statement (E4, E5, E6);
  /// gotos leaving one (E7) or entering a scope or a deferred statement (E1, E3).
  void checkJumps() {
    for (Stmt *J : M.Jumps) {
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
      }
      auto *G = dyn_cast<GotoStmt>(J);
      jumps::path LP;
      if (G && labelPath(G->getLabel(), LP))
        judged(jumps::judge_goto(pathOf(M.pre(G)), LP), G->getGotoLoc(),
               G->getLabel()->getName());
    }
  }

  /// Computed gotos: one in a deferred statement may not leave it (E7c); and
  /// since Clang runs no cleanup on an indirect branch, none may reach a
  /// label whose address is taken across a defer's scope or into a deferred
  /// statement (E7d, E7e, E7f).
  void checkComputedGotos() {
    std::vector<jumps::path> Targets;
    std::vector<bool> Known; // the label is in the body (else its path is the top level)
    for (AddrLabelExpr *AL : M.AddrLabels) {
      Targets.emplace_back();
      Known.push_back(labelPath(AL->getLabel(), Targets.back()));
    }
    for (Stmt *J : M.Jumps) {
      auto *IG = dyn_cast<IndirectGotoStmt>(J);
      if (!IG)
        continue;
      jumps::path JP = pathOf(M.pre(IG));
      int Left = jumps::computed_goto_leaves_stmt(JP, Targets);
      if (Left >= 0) {
        error(IG->getGotoLoc(), msg::E7c, {at(M.Defers[Left])}, &M.Defers[Left]);
        continue;
      }
      for (size_t I = 0; I < Targets.size(); ++I) {
        if (!Known[I])
          continue;
        jumps::verdict V = jumps::judge_computed_goto(JP, Targets[I]);
        if (V.error()) {
          judged(V, IG->getGotoLoc(), M.AddrLabels[I]->getLabel()->getName());
          break;
        }
      }
    }
  }

  /// asm goto: Clang branches straight to the label, never through cleanups,
  /// so it may neither enter nor leave a defer's scope or deferred statement.
  void checkAsmGotos() {
    for (GCCAsmStmt *A : M.AsmGotos) {
      jumps::path AP = pathOf(M.pre(A));
      for (unsigned I = 0, E = A->getNumLabels(); I != E; ++I) {
        LabelDecl *LD = A->getLabelExpr(I)->getLabel();
        jumps::path LP;
        if (!labelPath(LD, LP))
          continue;
        jumps::verdict V = jumps::judge_asm_goto(AP, LP, M.Defers.size());
        if (V.error()) {
          judged(V, A->getAsmLoc(), LD->getName());
          break;
        }
      }
    }
  }

  /// X5: a label's address may not be taken across a deferred statement
  /// (the statement becomes a function of its own).
  void checkLabelAddresses() {
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
    }
  }

  /// case and default labels entering a scope or a deferred statement (E2, E3c).
  void checkCases() {
    for (SwitchCase *SC : M.Cases) {
      if (Reported.count(SC))
        continue;
      SwitchStmt *SW = M.SwitchOf.lookup(SC);
      if (!SW)
        continue;
      jumps::verdict V = jumps::judge_case(pathOf(M.pre(SW)), pathOf(M.pre(SC)));
      if (V.error())
        error(SC->getKeywordLoc(), V.id, {isa<CaseStmt>(SC) ? "case" : "default",
                                          at(M.Defers[V.defer])},
              &M.Defers[V.defer]);
    }
  }

  /// E11 (a setjmp-family call in a deferred statement) and W3 (recover()
  /// outside every deferred statement).
  void checkCalls() {
    for (CallExpr *CE : M.Calls) {
      Defer *D = M.innermostBody(CE);
      if (!D) {
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
  }
};

} // namespace

void checkFunction(FunctionModel &M, DiagnosticsEngine &D, SourceManager &SM) {
  Checker C{M, D, SM, M.FD->getASTContext().getLangOpts()};
  C.run();
}

} // namespace cdefer
