// chain.cpp - the EH chain: which defer encloses which (linkDefers), which
// functions cannot have the chain (hasUserCleanup), and the pieces it adds
// to a function's lowering (Chain: each deferred statement's guard
// __cdefer_unw_N, the runners __cdefer_from_N / __cdefer_out_N, and at -O0
// the wrapper __cdefer_run_N that keeps __cdefer_fn_N out of line).
// lower.cpp decides where the chain is used and calls it.
//
// With unwinding on, Clang emits an EH cleanup's calls under a terminate
// scope (their unwind edge goes to `catch ptr null` + abort()), so code
// that unwinds out of a deferred statement run by a landing pad (a panic
// raised during a panic) would abort.  The EH chain avoids that: each
// __cdefer_fn_N is `nothrow` (a plain call, never an invoke to the
// terminate pad) and guards STMT with a cleanup variable of its own.  If
// STMT unwinds, the guard runs the deferred statements that enclose this
// defer in the function (__cdefer_from_M / __cdefer_out_M, noinline, one
// per defer, reached through a pointer to the enclosing defer's
// environment) and the unwind resumes past the function.  STMT's calls stay
// invokes to the guard's landing pad, so inlining never marks them
// nounwind.  docs/DESIGN-clang.md, "Panics raised by deferred code".
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "lower.h"
#include "compat.h"

#include "clang/AST/Attr.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"

#include <algorithm>

using namespace clang;

namespace cdefer {

SourceLocation Chain::loc(unsigned I) const { return Slots[I].Fn->getLocation(); }

Expr *Chain::ref(ValueDecl *D, SourceLocation L) {
  return DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(), D, false, L,
                             D->getType(), VK_LValue);
}

Expr *Chain::rvalue(Expr *E) {
  return ImplicitCastExpr::Create(Ctx, E->getType().getUnqualifiedType(), CK_LValueToRValue, E, nullptr,
                                  VK_PRValue, FPOptionsOverride());
}

Expr *Chain::arrow(Expr *Ptr, FieldDecl *F) {
  return MemberExpr::CreateImplicit(Ctx, Ptr, /*IsArrow=*/true, F, F->getType(), VK_LValue, OK_Ordinary);
}

Expr *Chain::intLit(int V, SourceLocation L) {
  return IntegerLiteral::Create(Ctx, llvm::APInt(Ctx.getIntWidth(Ctx.IntTy), V), Ctx.IntTy, L);
}

Expr *Chain::call(FunctionDecl *Callee, FunctionDecl *In, llvm::ArrayRef<Expr *> Args, SourceLocation L) {
  Sema::ContextRAII InFn(S, In);
  std::vector<Expr *> A(Args.begin(), Args.end());
  ExprResult R = S.BuildCallExpr(nullptr, ref(Callee, L), L, A, L);
  return R.isInvalid() ? nullptr : R.get();
}

FunctionDecl *Chain::function(const std::string &Name, QualType ParamTy, SourceLocation L, ParmVarDecl *&P,
                              bool NoThrow) {
  QualType FnTy = Ctx.getFunctionType(Ctx.VoidTy, {ParamTy}, FunctionProtoType::ExtProtoInfo());
  FunctionDecl *F = compat::makeFunction(Ctx, Ctx.getTranslationUnitDecl(), L,
                                         DeclarationName(&Ctx.Idents.get(Name)), FnTy,
                                         Ctx.getTrivialTypeSourceInfo(FnTy, L));
  P = ParmVarDecl::Create(Ctx, F, L, L, &Ctx.Idents.get("__cdefer_env"), ParamTy,
                          Ctx.getTrivialTypeSourceInfo(ParamTy, L), SC_None, nullptr);
  F->setParams({P});
  if (NoThrow)
    F->addAttr(NoThrowAttr::CreateImplicit(Ctx));
  return F;
}

// The longest chain whose runner is inlined.  An inlined runner holds its
// statement's guard, whose pad runs the rest of the chain, and then runs
// the rest of the chain itself: two copies of the rest, so 2^K - 1
// statements for a chain of K.  K = 2 covers three nested defers (the
// innermost's guard runs two); bench/compile_instr.py heavy 50, -O2, Clang
// 22: K = 0 2.60 G instructions, 1 2.58 G, 2 2.90 G, 4 4.87 G.
static constexpr unsigned MaxInlinedChain = 2;

// __cdefer_from_N (Whole: STMT of N, then what encloses N) or
// __cdefer_out_N (what encloses N), made on first use.
// Inlined when optimising for speed (Chain::InlineRunners) and the chain it
// runs holds at most MaxInlinedChain deferred statements: out of line, the
// call in the guard's pad takes the enclosing environment's address, so the
// variables it captures live in memory on the normal path too (stores the
// hand-written cleanup does not make); inlined, they stay in registers and
// the normal path is the hand-written one (test/clang/normal_path_O2.c).  The
// bound keeps the pads' code linear in the number of defers: a longer
// chain calls an out-of-line runner, which inlines the short rest.
// At -O0, -Os and -Oz, and in optnone / minsize functions, out of line:
// one copy each.  Never `nounwind`
// (not nothrow, and keepUnwinding), since the deferred code they run may
// panic again: the backend leaves a call of a `nounwind` function out of
// the call-site table and may cover it with a neighbouring invoke's range
// to the same pad.  At -O0 the guard's pad sits between STMT's invokes,
// so the call of __cdefer_from_M in it got the guard's own pad, and a
// panic out of M's statement re-entered the pad and ran M again, endlessly.
// Their calls sit in functions without cleanups of their own (__cdefer_unw_N,
// the runners): plain calls, no landing pad, no terminate scope.
FunctionDecl *Chain::runner(unsigned I, bool Whole) {
  Slot &Sl = Slots[I];
  FunctionDecl *&F = Whole ? Sl.From : Sl.Out;
  if (!F) {
    ParmVarDecl *P;
    F = function((Whole ? "__cdefer_from_" : "__cdefer_out_") + std::to_string(Sl.N), Sl.EnvPtr, loc(I), P,
                 /*NoThrow=*/false);
    // (Counted only as far as the bound: n nested defers stay linear.)
    unsigned Len = 1;
    for (int L = Sl.Link; L >= 0 && Len <= MaxInlinedChain; L = Slots[L].Link)
      ++Len;
    if (InlineRunners && Len <= MaxInlinedChain)
      F->addAttr(AlwaysInlineAttr::CreateImplicit(Ctx));
    else
      F->addAttr(NoInlineAttr::CreateImplicit(Ctx));
    Pending.push_back(I * 2 + (Whole ? 1 : 0));
  }
  return F;
}

// What unwinding out of defer I's STMT must run: the call for the
// enclosing defer, given a pointer to its env (null: nothing to run).
Expr *Chain::linkCall(unsigned I, Expr *OuterEnv, FunctionDecl *In) {
  const Slot &Sl = Slots[I];
  if (Sl.Link < 0)
    return nullptr;
  return call(runner(Sl.Link, !Sl.Nested), In, {OuterEnv}, loc(I));
}

// The bodies of the runners, including those they make in turn.
bool Chain::finish() {
  while (!Pending.empty()) {
    unsigned K = Pending.back();
    Pending.pop_back();
    unsigned I = K / 2;
    bool Whole = K % 2;
    Slot &Sl = Slots[I];
    FunctionDecl *F = Whole ? Sl.From : Sl.Out;
    SourceLocation L = loc(I);
    ParmVarDecl *P = F->getParamDecl(0);
    std::vector<Stmt *> Body;
    if (Whole) {
      Expr *C = call(Sl.Fn, F, {rvalue(ref(P, L))}, L);
      if (!C)
        return false;
      Body.push_back(C);
    }
    if (Sl.Link >= 0) {
      Expr *C = linkCall(I, rvalue(arrow(rvalue(ref(P, L)), Sl.Outer)), F);
      if (!C)
        return false;
      Body.push_back(C);
    }
    F->setBody(compat::makeCompound(Ctx, Body, L, L));
    Out.push_back(F);
    // Without a call that may throw CodeGen would mark it nounwind (fn_M is nothrow).
    if (!keepUnwinding(F, S, ++Counter, Out))
      return false;
  }
  return true;
}

// STMT of defer I inside its guard, a pointer to the enclosing defer's
// environment (null once STMT completed):
//   struct __cdefer_env_M *__cdefer_g __attribute__((cleanup(__cdefer_unw_N)))
//       = __cdefer_env->__cdefer_outer;
//   STMT
//   __cdefer_g = 0;
// with  void __cdefer_unw_N(struct __cdefer_env_M **g)
//   { if (*g) __cdefer_from_M(*g); }  (or _out_M).
// No struct of its own: no padding for CodeGen to zero (a memset per
// copy at -O0) and one record type less per defer.
// When nothing encloses the defer, the guard is an `int` that runs
// nothing: its landing pad only has to keep STMT's calls invokes until
// __cdefer_fn_N is inlined (then LLVM drops it and the calls are plain
// calls that may unwind).  Where LLVM simplifies __cdefer_fn_N before
// inlining it (Clang < 19) it would drop the pad first and the inliner
// would mark the calls nounwind (and then the function nounwind, dropping
// its callers' cleanups): there the guard runs a compiler fence while
// armed, which keeps the pad.
Stmt *Chain::guard(unsigned I, Stmt *Stmt_) {
  Slot &Sl = Slots[I];
  SourceLocation L = loc(I);
  std::string N = std::to_string(Sl.N);
  bool Linked = Sl.Link >= 0;
  QualType GT = Linked ? Sl.Outer->getType() : Ctx.IntTy, GP = Ctx.getPointerType(GT);

  ParmVarDecl *GParm;
  FunctionDecl *Unw = function("__cdefer_unw_" + N, GP, L, GParm);
  Unw->addAttr(AlwaysInlineAttr::CreateImplicit(Ctx));
  std::vector<Stmt *> UnwBody;
  // *g: the enclosing env, or the int's armed state.
  auto deref = [&]() -> Expr * {
    return rvalue(UnaryOperator::Create(Ctx, rvalue(ref(GParm, L)), UO_Deref, GT, VK_LValue, OK_Ordinary, L,
                                        false, FPOptionsOverride()));
  };
  Expr *Action = nullptr;
  Stmt *Armed = nullptr;
  LookupResult R(S, &Ctx.Idents.get("__atomic_signal_fence"), L, Sema::LookupOrdinaryName);
  S.LookupName(R, S.TUScope, /*AllowBuiltinCreation=*/true);
  auto *Fence = R.isSingleResult() ? dyn_cast<FunctionDecl>(R.getFoundDecl()) : nullptr;
  if (Linked) {
    Action = linkCall(I, deref(), Unw);
    // The runner's call must stay able to unwind after __cdefer_unw_N
    // (nothrow) is inlined, and again after the user's function is inlined
    // into a caller with cleanups of its own: the inliner marks inlined
    // *calls* of a nothrow call site nounwind, never invokes.  So the call
    // sits in the scope of a cleanup variable whose cleanup is a compiler
    // fence (no instruction; a pad SimplifyCFG keeps), which makes it an
    // invoke (panic fuzzer seed 2374,
    // test/runtime/panic_from_chain_runner_inlined.c).
    if (!Fence || !Action)
      return nullptr;
    QualType PT = Ctx.getPointerType(Ctx.IntTy);
    ParmVarDecl *PParm;
    FunctionDecl *Pad = function("__cdefer_pad_" + N, PT, L, PParm);
    Pad->addAttr(AlwaysInlineAttr::CreateImplicit(Ctx));
    Pad->setBody(compat::makeCompound(Ctx, {call(Fence, Pad, {intLit(5, L)}, L)}, L, L));
    Out.push_back(Pad);
    VarDecl *K = VarDecl::Create(Ctx, Unw, L, L, &Ctx.Idents.get("__cdefer_k"), Ctx.IntTy,
                                 Ctx.getTrivialTypeSourceInfo(Ctx.IntTy, L), SC_None);
    K->setInit(intLit(0, L));
    K->addAttr(CleanupAttr::CreateImplicit(Ctx, Pad));
    K->setIsUsed();
    Armed = compat::makeCompound(Ctx, {new (Ctx) DeclStmt(DeclGroupRef(K), L, L), Action}, L, L);
  } else if (!compat::EarlyAlwaysInline) {
    if (Fence)
      Action = call(Fence, Unw, {intLit(5, L)}, L);
    Armed = Action;
  }
  if (Linked || !compat::EarlyAlwaysInline) {
    if (!Armed)
      return nullptr;
    UnwBody.push_back(compat::makeIf(Ctx, L, deref(), L, L, Armed));
  }
  Unw->setBody(compat::makeCompound(Ctx, UnwBody, L, L));
  Out.push_back(Unw);

  VarDecl *G = VarDecl::Create(Ctx, Sl.Fn, L, L, &Ctx.Idents.get("__cdefer_g"), GT,
                               Ctx.getTrivialTypeSourceInfo(GT, L), SC_None);
  G->setInit(Linked ? rvalue(arrow(rvalue(ref(Sl.Param, L)), Sl.Outer)) : intLit(1, L));
  G->addAttr(CleanupAttr::CreateImplicit(Ctx, Unw));
  G->setIsUsed();
  Expr *Zero = Linked ? ImplicitCastExpr::Create(Ctx, GT, CK_NullToPointer, intLit(0, L), nullptr, VK_PRValue,
                                                 FPOptionsOverride())
                      : intLit(0, L);
  Expr *Disarm = BinaryOperator::Create(Ctx, ref(G, L), Zero, BO_Assign, GT, VK_PRValue, OK_Ordinary, L,
                                        FPOptionsOverride());
  return compat::makeCompound(Ctx, {new (Ctx) DeclStmt(DeclGroupRef(G), L, L), Stmt_, Disarm},
                              Stmt_->getBeginLoc(), Stmt_->getEndLoc());
}

// -O0 (OutlineStatements): the cleanup of defer I, a wrapper
//   static inline __attribute__((always_inline, nothrow, nodebug))
//   void __cdefer_run_N(struct __cdefer_env_N *e) { __cdefer_fn_N(e); }
// around its __cdefer_fn_N (noinline, not nothrow, its body already set),
// so that STMT is compiled once instead of being inlined at the normal
// exit, in the landing pad and in the runner.  The wrapper keeps both
// cleanup calls plain calls (no terminate pad); once it is inlined what is
// left is a call of a function that may unwind (never nounwind:
// keepUnwinding), as the runners' calls of __cdefer_fn_N are.  nodebug: no
// inlined frame of its own in a debugger.  Null on failure.
FunctionDecl *Chain::outline(unsigned I) {
  Slot &Sl = Slots[I];
  SourceLocation L = loc(I);
  ParmVarDecl *WP;
  FunctionDecl *W = function("__cdefer_run_" + std::to_string(Sl.N), Sl.EnvPtr, L, WP);
  W->addAttr(AlwaysInlineAttr::CreateImplicit(Ctx));
  W->addAttr(NoDebugAttr::CreateImplicit(Ctx));
  Expr *C = call(Sl.Fn, W, {rvalue(ref(WP, L))}, L);
  if (!C)
    return nullptr;
  W->setBody(compat::makeCompound(Ctx, {C}, L, L));
  Out.push_back(W);
  if (!keepUnwinding(Sl.Fn, S, ++Counter, Out))
    return nullptr;
  return W;
}

// A variable with a user's __attribute__((cleanup)) anywhere in S (the
// plugin's own are not made yet).
bool hasUserCleanup(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (D->hasAttr<CleanupAttr>())
        return true;
  for (const Stmt *C : S->children())
    if (hasUserCleanup(C))
      return true;
  return false;
}

// The innermost defer enclosing each defer (its marker in the other's
// scope or STMT).  Preorder ranges of one body nest and begin at distinct
// statements, so one sweep in preorder with a stack of the open ranges
// finds it: the top of the stack, once the ranges that ended are popped.
// (A scan of every defer per defer made n defers in one block quadratic.)
void linkDefers(const FunctionModel &M, std::vector<Slot> &Slots) {
  struct Open {
    Range R;
    int Defer;
    bool Nested; // R is the defer's STMT, else its scope
  };
  std::vector<Open> Ranges;
  for (size_t O = 0; O < M.Defers.size(); ++O) {
    const Defer &D = M.Defers[O];
    if (D.ScopeR.End > D.ScopeR.Begin)
      Ranges.push_back({D.ScopeR, int(O), false});
    if (D.BodyR.End > D.BodyR.Begin)
      Ranges.push_back({D.BodyR, int(O), true});
  }
  std::sort(Ranges.begin(), Ranges.end(), [](const Open &A, const Open &B) { return A.R.Begin < B.R.Begin; });
  std::vector<const Open *> Stack;
  size_t Next = 0;
  // M.Defers is in preorder: the markers come in increasing order.
  for (size_t K = 0; K < M.Defers.size(); ++K) {
    unsigned At = M.pre(M.Defers[K].Marker);
    for (; Next < Ranges.size() && Ranges[Next].R.Begin <= At; ++Next) {
      while (!Stack.empty() && Stack.back()->R.End <= Ranges[Next].R.Begin)
        Stack.pop_back();
      Stack.push_back(&Ranges[Next]);
    }
    while (!Stack.empty() && !Stack.back()->R.contains(At))
      Stack.pop_back();
    if (!Stack.empty()) {
      Slots[K].Link = Stack.back()->Defer;
      Slots[K].Nested = Stack.back()->Nested;
    }
  }
}

} // namespace cdefer
