// analyze.cpp - deferred code that Clang's static analyzer can see
// (`clang --analyze`, scan-build).  The analyzer builds its CFG from the
// AST, and that CFG has no element for a `cleanup` attribute: the call of
// __cdefer_fn_N that CodeGen emits on each exit of a defer's scope is
// invisible to it.  Memory a defer frees looked leaked, a double free or a
// use after free through deferred code went unseen, and the environments
// looked like dead stores.  So when the frontend action is the analyzer,
// each exit is written out in the AST: before every return, break,
// continue or goto that leaves a defer's scope, the call
// `__cdefer_fn_N(&__cdefer_env_N)` of each defer it leaves, innermost
// first (a `return e;` evaluates e into a variable first: REFERENCE 3.4),
// and the same calls at the end of a block that control can reach.  The
// analyzer inlines the static functions and sees the deferred statements
// run where they run.  No code is generated from this AST.
// Not written out (the analyzer then sees those defers as before): a
// function with a named result or a recover() (its body is restructured),
// a braceless defer, a defer in a statement expression.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "lower.h"
#include "build.h"
#include "compat.h"

#include "clang/AST/ASTContext.h"
#include "clang/Sema/Sema.h"

#include <map>

using namespace clang;

namespace cdefer {

namespace {

struct Exits {
  FunctionModel &M;
  Sema &S;
  std::vector<Slot> &Slots;
  ASTContext &Ctx;
  std::vector<Stmt *> Roots; // the function's body and the synthesized bodies

  /// Replaces Old by New in the statement that holds it.  The model's
  /// parent is that statement, except for a deferred statement's own
  /// block: its marker is gone from the tree, the block moved into the
  /// synthesized function, and is found there.
  bool replace(Stmt *Old, Stmt *New) {
    auto It = M.ParentOf.find(Old);
    if (It != M.ParentOf.end() && It->second && !M.isMarker(It->second) &&
        replaceChild(It->second, Old, New))
      return true;
    for (Stmt *R : Roots)
      if (R && replaceBelow(R, Old, New))
        return true;
    return false;
  }
  static bool replaceChild(Stmt *P, Stmt *Old, Stmt *New) {
    for (Stmt *&C : P->children())
      if (C == Old) {
        C = New;
        return true;
      }
    return false;
  }
  static bool replaceBelow(Stmt *P, Stmt *Old, Stmt *New) {
    if (replaceChild(P, Old, New))
      return true;
    for (Stmt *C : P->children())
      if (C && replaceBelow(C, Old, New))
        return true;
    return false;
  }

  bool writtenOut(const Defer &D) const {
    return D.How == Defer::Lowered::Cleanup && D.Block && !D.InStmtExpr;
  }

  /// `__cdefer_fn_N(&__cdefer_env_N);` for defer I.
  Stmt *call(unsigned I, SourceLocation L) {
    Slot &Sl = Slots[I];
    Expr *Addr = UnaryOperator::Create(Ctx, declRef(Ctx, Sl.Env, L), UO_AddrOf, Sl.EnvPtr, VK_PRValue,
                                       OK_Ordinary, L, false, FPOptionsOverride());
    return callIn(S, Sl.Fn, M.FD, {Addr}, L);
  }

  /// The defers whose scope jump J leaves, innermost first (later in
  /// preorder: registered later).  Not for a computed goto: E7f forbids it
  /// to leave a scope.
  std::vector<unsigned> leftBy(const Stmt *J) const {
    std::vector<unsigned> Out;
    if (isa<IndirectGotoStmt>(J))
      return Out;
    for (unsigned I = M.Defers.size(); I-- > 0;)
      if (M.leavesScope(M.Defers[I], J))
        Out.push_back(I);
    return Out;
  }

  bool jump(Stmt *J) {
    std::vector<unsigned> Left = leftBy(J);
    std::vector<Stmt *> Stmts;
    for (unsigned I : Left) {
      if (!writtenOut(M.Defers[I]))
        continue;
      Stmt *C = call(I, J->getBeginLoc());
      if (!C)
        return false;
      Stmts.push_back(C);
    }
    if (Stmts.empty())
      return true;
    SourceLocation L = J->getBeginLoc();
    auto *R = dyn_cast<ReturnStmt>(J);
    if (R && R->getRetValue()) {
      // return e;  ->  { T __cdefer_ret = e; calls; return __cdefer_ret; }
      Expr *E = R->getRetValue();
      QualType T = E->getType().getUnqualifiedType();
      auto *Tmp = VarDecl::Create(Ctx, M.FD, L, L, &Ctx.Idents.get("__cdefer_ret"), T,
                                  Ctx.getTrivialTypeSourceInfo(T, L), SC_None);
      Tmp->setInit(E);
      Tmp->setIsUsed();
      R->setRetValue(valueOf(Ctx, declRef(Ctx, Tmp, L)));
      Stmts.insert(Stmts.begin(), new (Ctx) DeclStmt(DeclGroupRef(Tmp), L, L));
    }
    Stmts.push_back(J);
    return replace(J, compat::makeCompound(Ctx, Stmts, L, J->getEndLoc()));
  }

  /// The calls at the end of block B for its defers, last registered first.
  bool blockEnd(CompoundStmt *B, const std::vector<unsigned> &Defers) {
    std::vector<Stmt *> Stmts(B->body_begin(), B->body_end());
    SourceLocation L = B->getRBracLoc();
    for (auto It = Defers.rbegin(); It != Defers.rend(); ++It) {
      Stmt *C = call(*It, L);
      if (!C)
        return false;
      Stmts.push_back(C);
    }
    CompoundStmt *New = compat::makeCompound(Ctx, Stmts, B->getLBracLoc(), L);
    if (M.FD->getBody() == B) {
      M.FD->setBody(New);
      Roots[0] = New;
      return true;
    }
    return replace(B, New);
  }

  bool run() {
    for (Stmt *J : M.Jumps)
      if (!jump(J))
        return false;
    // Innermost blocks first: an outer block copies its children after its
    // inner blocks were replaced in it.
    std::map<unsigned, std::pair<CompoundStmt *, std::vector<unsigned>>, std::greater<unsigned>> Blocks;
    for (unsigned I = 0; I < M.Defers.size(); ++I) {
      const Defer &D = M.Defers[I];
      if (!writtenOut(D) || !D.EndReached)
        continue;
      auto &E = Blocks[M.pre(D.Block)];
      E.first = D.Block;
      E.second.push_back(I);
    }
    for (auto &E : Blocks)
      if (!blockEnd(E.second.first, E.second.second))
        return false;
    return true;
  }
};

} // namespace

bool showExitsToAnalyzer(FunctionModel &M, Sema &S, std::vector<Slot> &Slots) {
  // The analyzer's dead-store check would name the environments of the
  // defers whose calls are not written out: `unused` quiets it.
  for (Slot &Sl : Slots)
    if (Sl.Env)
      Sl.Env->addAttr(UnusedAttr::CreateImplicit(S.getASTContext()));
  if (M.NamedResult || M.RecoverCalls)
    return true;
  Exits X{M, S, Slots, S.getASTContext(), {M.FD->getBody()}};
  for (const Slot &Sl : Slots)
    if (Sl.Fn)
      X.Roots.push_back(Sl.Fn->getBody());
  return X.run();
}

} // namespace cdefer
