// marker.cpp - recognises the `_Defer` markers in a function body and builds
// its FunctionModel: preorder numbers and parents of every statement, the
// defers with the ranges of their deferred statement and of their scope, and
// the jumps, case labels and calls the checks and the dump look at.
//
// `_Defer` is a macro expanding to (model.h)
//     if (sizeof(char)) __asm__(""); else
//       while ((void *)!sizeof(char) && PLUGIN_REQUIRED)
// so `_Defer STMT` parses as a loop that never runs inside an `if` that
// Clang's constant evaluator cannot evaluate; a defer is such a WhileStmt,
// and the `if` (its Outer) is what stands in the enclosing statement.
// `!sizeof(char)` (0) is what Clang's -Wunreachable-code takes for a
// deliberate constant wherever it is written; a plain 0 is one only inside a
// macro, so STMT drew the warning in a `.i` (and `(0)`, the sign outside
// macros, is not one inside them).  The cast to `void *` keeps
// -Wconstant-logical-operand quiet (model.h).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"

#include "clang/AST/Expr.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace cdefer {

bool isMarkerCond(const Expr *Cond) {
  if (!Cond)
    return false;
  const auto *And = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!And || And->getOpcode() != BO_LAnd)
    return false;
  // `(void *)!sizeof(char)`; `!sizeof(char)` or a plain 0 in a .i written
  // by an older cdefer.
  const Expr *L = And->getLHS()->IgnoreParenCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(L)) {
    const auto *Size = dyn_cast<UnaryExprOrTypeTraitExpr>(Not->getSubExpr()->IgnoreParenImpCasts());
    if (Not->getOpcode() != UO_LNot || !Size || Size->getKind() != UETT_SizeOf)
      return false;
  } else {
    const auto *Zero = dyn_cast<IntegerLiteral>(L);
    if (!Zero || Zero->getValue() != 0)
      return false;
  }
  // The plugin's enumerator (model.h).
  auto isRequired = [](const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref && isa<EnumConstantDecl>(Ref->getDecl()) && Ref->getDecl()->getIdentifier() &&
           Ref->getDecl()->getName() == cdefer::required::clang;
  };
  const Expr *R = And->getRHS()->IgnoreParenImpCasts();
  if (isRequired(R))
    return true;
  // A `.i` of an older cdefer: __builtin_expect(E, MAGIC), E the enumerator
  // or (before it existed) 0.
  const auto *CE = dyn_cast<CallExpr>(R);
  if (!CE || CE->getBuiltinCallee() != Builtin::BI__builtin_expect || CE->getNumArgs() != 2)
    return false;
  const Expr *Arg0 = CE->getArg(0)->IgnoreParenImpCasts();
  bool First = isRequired(Arg0);
  if (const auto *Lit = dyn_cast<IntegerLiteral>(Arg0))
    First = Lit->getValue() == 0;
  const auto *A1 = dyn_cast<IntegerLiteral>(CE->getArg(1)->IgnoreParenImpCasts());
  return First && A1 && A1->getValue() == MagicValue;
}

// The `if (sizeof(char)) __asm__(""); else` around marker W.
static bool isWrapper(const Stmt *P, const Stmt *W) {
  const auto *I = dyn_cast_or_null<IfStmt>(P);
  if (!I || I->getElse() != W || !isa_and_nonnull<GCCAsmStmt>(I->getThen()))
    return false;
  const auto *Size = dyn_cast_or_null<UnaryExprOrTypeTraitExpr>(I->getCond() ? I->getCond()->IgnoreParenImpCasts() : nullptr);
  return Size && Size->getKind() == UETT_SizeOf;
}

bool FunctionModel::isMarker(const Stmt *S) const {
  const auto *W = dyn_cast_or_null<WhileStmt>(S);
  return W && isMarkerCond(W->getCond());
}

bool FunctionModel::leavesScope(const Defer &D, const Stmt *J) const {
  unsigned P = pre(J);
  if (!D.ScopeR.contains(P))
    return false;
  for (const Defer &E : Defers)
    if (&E != &D && E.BodyR.contains(P) && D.ScopeR.contains(E.BodyR.Begin))
      return false;
  const Stmt *To = nullptr;
  if (isa<BreakStmt>(J) || isa<ContinueStmt>(J))
    To = jumpTarget(J);
  else if (const auto *G = dyn_cast<GotoStmt>(J))
    To = G->getLabel() ? G->getLabel()->getStmt() : nullptr;
  return !To || pre(To) == ~0u || !D.ScopeR.contains(pre(To));
}

Stmt *FunctionModel::jumpTarget(const Stmt *Jump) const {
  bool IsBreak = isa<BreakStmt>(Jump);
  for (auto It = ParentOf.find(Jump); It != ParentOf.end() && It->second;
       It = ParentOf.find(It->second)) {
    Stmt *P = It->second;
    if (isa<DoStmt>(P) || isa<ForStmt>(P) || (isa<WhileStmt>(P) && !isMarker(P)))
      return P;
    if (IsBreak && isa<SwitchStmt>(P))
      return P;
  }
  return nullptr;
}

Defer *FunctionModel::innermostBody(const Stmt *S) {
  auto It = BodyOf.find(S);
  return It == BodyOf.end() ? nullptr : &Defers[It->second];
}

namespace {

struct Walker {
  FunctionModel &M;
  llvm::DenseMap<const Stmt *, unsigned> End;
  unsigned N = 0;
  std::vector<unsigned> Bodies; // the defers whose STMT is being walked, innermost last
  unsigned StmtExprs = 0;       // statement expressions being walked

  bool containsMarker(const Stmt *S) {
    if (!S)
      return false;
    if (M.isMarker(S))
      return true;
    for (const Stmt *C : S->children())
      if (containsMarker(C))
        return true;
    return false;
  }

  void walk(Stmt *S, Stmt *Parent) {
    if (!S)
      return;
    if (M.Pre.count(S)) // shared subtree (should not happen in C); keep the first
      return;
    M.Pre[S] = N++;
    M.ParentOf[S] = Parent;
    int Body = -1; // a marker: its defer, whose STMT is a child
    if (M.isMarker(S)) {
      Body = int(M.Defers.size());
      Defer D;
      D.Marker = cast<WhileStmt>(S);
      D.Body = D.Marker->getBody();
      D.Outer = S;
      D.Parent = Parent;
      if (isWrapper(Parent, S)) {
        D.Outer = Parent;
        D.Parent = M.ParentOf.lookup(Parent);
      }
      D.InStmtExpr = StmtExprs > 0;
      M.Defers.push_back(D);
    } else if (isa<GotoStmt>(S) || isa<IndirectGotoStmt>(S) || isa<ReturnStmt>(S) ||
               isa<BreakStmt>(S) || isa<ContinueStmt>(S)) {
      M.Jumps.push_back(S);
      if (!Bodies.empty())
        M.BodyOf[S] = Bodies.back();
    } else if (auto *SC = dyn_cast<SwitchCase>(S)) {
      M.Cases.push_back(SC);
    } else if (auto *SW = dyn_cast<SwitchStmt>(S)) {
      for (SwitchCase *SC = SW->getSwitchCaseList(); SC; SC = SC->getNextSwitchCase())
        M.SwitchOf[SC] = SW;
    } else if (auto *AL = dyn_cast<AddrLabelExpr>(S)) {
      M.AddrLabels.push_back(AL);
    } else if (auto *GA = dyn_cast<GCCAsmStmt>(S)) {
      if (GA->isAsmGoto())
        M.AsmGotos.push_back(GA);
    } else if (auto *CE = dyn_cast<CallExpr>(S)) {
      M.Calls.push_back(CE);
      if (!Bodies.empty())
        M.BodyOf[S] = Bodies.back();
    } else if (auto *BE = dyn_cast<BlockExpr>(S)) {
      if (BE->getBody() && containsMarker(BE->getBody()))
        M.Unsupported.push_back(BE);
    }
    bool SkipChildren = false;
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
      SkipChildren = U->isArgumentType(); // children are a type's VLA sizes: not ours
    StmtExprs += isa<StmtExpr>(S);
    if (!SkipChildren)
      for (Stmt *C : S->children()) {
        bool In = Body >= 0 && C && C == M.Defers[Body].Body;
        if (In)
          Bodies.push_back(Body);
        walk(C, S);
        if (In)
          Bodies.pop_back();
      }
    StmtExprs -= isa<StmtExpr>(S);
    End[S] = N;
  }

  Range rangeOf(const Stmt *S) {
    Range R;
    auto It = M.Pre.find(S);
    if (It == M.Pre.end())
      return R;
    R.Begin = It->second;
    R.End = End[S];
    return R;
  }
};

Stmt *labelSub(Stmt *S) {
  if (auto *L = dyn_cast<LabelStmt>(S))
    return L->getSubStmt();
  if (auto *C = dyn_cast<SwitchCase>(S))
    return C->getSubStmt();
  if (auto *A = dyn_cast<AttributedStmt>(S))
    return A->getSubStmt();
  return nullptr;
}

} // namespace

bool buildModel(FunctionDecl *FD, SourceManager &SM, FunctionModel &M) {
  M.FD = FD;
  Stmt *Body = FD->getBody();
  if (!Body)
    return false;
  Walker W{M, llvm::DenseMap<const Stmt *, unsigned>(), 0};
  W.walk(Body, nullptr);
  unsigned Number = 0;
  // The index of each child of a block holding a defer (made once per block:
  // a search per defer made n defers in one block quadratic).
  llvm::DenseMap<const CompoundStmt *, llvm::DenseMap<const Stmt *, unsigned>> Index;
  for (Defer &D : M.Defers) {
    D.Number = ++Number;
    D.Kw = SM.getFileLoc(D.Marker->getWhileLoc());
    D.BodyR = W.rangeOf(D.Body);
    // The statement that sits in a block: the marker, or the label chain before it.
    Stmt *Cur = D.Outer;
    Stmt *P = D.Parent;
    while (P && labelSub(P) == Cur) {
      Cur = P;
      P = M.ParentOf.lookup(P);
    }
    if (auto *CS = dyn_cast_or_null<CompoundStmt>(P)) {
      D.Block = CS;
      auto &Of = Index[CS];
      if (Of.empty()) {
        unsigned K = 0;
        for (Stmt *C : CS->body())
          Of.try_emplace(C, K++);
      }
      auto It = Of.find(Cur);
      unsigned I = It == Of.end() ? CS->size() : It->second;
      D.Index = I;
      if (I + 1 < CS->size()) {
        D.ScopeR.Begin = M.pre(CS->body_begin()[I + 1]);
        D.ScopeR.End = W.End[CS];
      }
    }
  }
  bool Recover = false;
  for (const CallExpr *CE : M.Calls)
    if (isRecoverCall(CE))
      Recover = true;
  return !M.Defers.empty() || !M.Unsupported.empty() || Recover || hasResultVars(FD);
}

} // namespace cdefer
