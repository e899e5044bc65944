// recover.cpp - recover() and named results (SPEC 4, 5; docs/RUNTIME.md 2).
//
// The `cdefer_result` attribute (a ParsedAttrInfo) records its variable and
// reports R2/R4/R5/R6 where it is met; R1/R3 are checked once the body is
// complete (checkResults).  A function that has a named result, or that
// recovers (cdefer_recover() lexically inside one of its deferred
// statements, exceptions on), is restructured around its body: the
// prologue of the recover ABI (docs/RUNTIME.md section 2, its one
// description), then `{ BODY }`, then `__cdefer_out: return __cdefer_res;`
// (the named result r instead of __cdefer_res when there is one).
//
// In BODY a named result's `return e;` becomes `{ r = e; goto __cdefer_out; }`
// (the goto leaves every block, so every reached deferred statement runs
// before the final `return r;` reads r); with a hidden slot it becomes
// `{ __cdefer_res = e; return __cdefer_res; }`.  The recover calls and the
// barriers are rewritten into the deferred statements before they are
// lowered (prepareRecover), so `__cdefer_f` is captured like any local.
// Functions with neither are not touched.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "build.h"
#include "compat.h"

#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cdefer {

bool isRecoverCall(const Stmt *S) {
  const auto *CE = dyn_cast<CallExpr>(S);
  const FunctionDecl *F = CE ? CE->getDirectCallee() : nullptr;
  return F && F->getIdentifier() && F->getName() == abi::recover && CE->getNumArgs() == 0;
}

namespace {

// Every variable the attribute was accepted on, per function, in source order.
llvm::DenseMap<const FunctionDecl *, std::vector<VarDecl *>> ResultVars;
llvm::DenseMap<const FunctionDecl *, bool> Pushed;  // -Wreturn-type mappings to pop

std::string nameOf(const NamedDecl *D) {
  return D && D->getIdentifier() ? D->getName().str() : std::string("<anonymous>");
}

struct ResultAttrInfo : public ParsedAttrInfo {
  ResultAttrInfo() {
    static constexpr Spelling S[] = {{ParsedAttr::AS_GNU, abi::result_attr}};
    Spellings = S;
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D, const ParsedAttr &Attr) const override {
    DiagnosticsEngine &Diags = S.getDiagnostics();
    SourceManager &SM = S.getSourceManager();
    auto *VD = dyn_cast<VarDecl>(D);
    auto *FD = VD ? dyn_cast_or_null<FunctionDecl>(VD->getLexicalDeclContext()) : nullptr;
    if (VD && !FD && VD->isLocalExternDecl())
      FD = S.getCurFunctionDecl();
    if (!VD || isa<ParmVarDecl>(VD) || !FD) {
      report(Diags, SM, D->getLocation(), msg::R6, {});
      return AttributeApplied;
    }
    std::string Var = nameOf(VD), Fn = nameOf(FD);
    ASTContext &Ctx = S.getASTContext();
    QualType RT = FD->getReturnType();
    if (RT->isVoidType()) {
      report(Diags, SM, VD->getLocation(), msg::R4, {Var, Fn});
      return AttributeApplied;
    }
    if (VD->hasExternalStorage() || VD->getStorageClass() == SC_Extern) {
      report(Diags, SM, VD->getLocation(), msg::R5, {Var, "extern"});
      return AttributeApplied;
    }
    if (!VD->hasLocalStorage()) {
      report(Diags, SM, VD->getLocation(), msg::R5, {Var, "static"});
      return AttributeApplied;
    }
    // Qualifiers aside (SPEC 5): const, volatile, restrict and _Atomic.
    if (!Ctx.typesAreCompatible(VD->getType().getAtomicUnqualifiedType(), RT.getAtomicUnqualifiedType())) {
      report(Diags, SM, VD->getLocation(), msg::R2, {Var, Fn});
      return AttributeApplied;
    }
    // It is what the function returns: never "unused" (nor "set but not used").
    VD->setReferenced();
    VD->setIsUsed();
    VD->addAttr(UnusedAttr::CreateImplicit(Ctx));
    auto &Vars = ResultVars[FD];
    if (Vars.empty()) {
      // Falling off the end returns it: no -Wreturn-type from here to the
      // function's end (checkResults pops, as #pragma clang diagnostic would).
      SourceLocation At = SM.getExpansionLoc(VD->getLocation());
      Diags.pushMappings(At);
      for (unsigned ID : compat::fallOffDiags())
        Diags.setSeverity(ID, diag::Severity::Ignored, At);
      Pushed[FD] = true;
    }
    Vars.push_back(VD);
    return AttributeApplied;
  }
};

ParsedAttrInfoRegistry::Add<ResultAttrInfo> RegisterResult(abi::result_attr, "cdefer: named result");

struct Builder {
  Sema &S;
  ASTContext &Ctx;
  FunctionDecl *FD;
  SourceLocation L;
  bool Failed = false;

  Expr *ref(ValueDecl *D) { return declRef(Ctx, D, L); }
  Expr *rvalue(Expr *E) {
    if (E->getType()->isAtomicType()) {
      // An _Atomic named result: an atomic load, whose value is not atomic.
      Sema::ContextRAII InFn(S, FD);
      ExprResult R = S.DefaultLvalueConversion(E);
      if (!R.isInvalid())
        return R.get();
    }
    return valueOf(Ctx, E);
  }
  Expr *addrOf(Expr *E) {
    return UnaryOperator::Create(Ctx, E, UO_AddrOf, Ctx.getPointerType(E->getType()), VK_PRValue,
                                 OK_Ordinary, L, false, FPOptionsOverride());
  }
  Expr *assign(Expr *LHS, Expr *RHS) {
    if (LHS->getType()->isAtomicType()) {
      // An _Atomic named result: an atomic store of the (non-atomic) value,
      // through Sema, which adds the conversion.
      if (auto *IC = dyn_cast<ImplicitCastExpr>(RHS))
        if (IC->getCastKind() == CK_NonAtomicToAtomic)
          RHS = IC->getSubExpr();
      Sema::ContextRAII InFn(S, FD);
      ExprResult R = S.BuildBinOp(nullptr, L, BO_Assign, LHS, RHS);
      if (!R.isInvalid())
        return R.get();
    }
    return BinaryOperator::Create(Ctx, LHS, RHS, BO_Assign, LHS->getType().getUnqualifiedType(), VK_PRValue,
                                  OK_Ordinary, L, FPOptionsOverride());
  }
  NamedDecl *lookup(StringRef Name) {
    LookupResult R(S, &Ctx.Idents.get(Name), L, Sema::LookupOrdinaryName);
    S.LookupName(R, S.TUScope, /*AllowBuiltinCreation=*/true);
    return R.isSingleResult() ? R.getFoundDecl() : nullptr;
  }
  // A call through Sema, which converts the arguments.
  Expr *call(StringRef Name, llvm::ArrayRef<Expr *> Args) {
    auto *F = dyn_cast_or_null<FunctionDecl>(lookup(Name));
    if (!F) {
      report(S.getDiagnostics(), S.getSourceManager(), L, msg::X1, {});
      Failed = true;
      return nullptr;
    }
    Expr *C = callIn(S, F, FD, Args, L);
    Failed = Failed || !C;
    return C;
  }
  Expr *intLit(int V) {
    return IntegerLiteral::Create(Ctx, llvm::APInt(Ctx.getIntWidth(Ctx.IntTy), V), Ctx.IntTy, L);
  }
  VarDecl *local(StringRef Name, QualType T) {
    auto *VD = VarDecl::Create(Ctx, FD, L, L, &Ctx.Idents.get(Name), T, Ctx.getTrivialTypeSourceInfo(T, L),
                               SC_None);
    VD->setIsUsed();
    VD->setReferenced();
    return VD;
  }
  Stmt *declStmt(VarDecl *VD) { return new (Ctx) DeclStmt(DeclGroupRef(VD), L, L); }
  FieldDecl *field(RecordDecl *RD, StringRef Name) {
    for (FieldDecl *F : RD->fields())
      if (F->getIdentifier() && F->getName() == Name)
        return F;
    return nullptr;
  }
  Expr *member(Expr *Base, FieldDecl *F) {
    return MemberExpr::CreateImplicit(Ctx, Base, false, F, F->getType(), VK_LValue, OK_Ordinary);
  }
};

// Replaces each recover call inside a deferred statement (IsIn) with Repl().
template <typename F> Stmt *rewriteCalls(FunctionModel &M, Stmt *S, bool In, F &Repl) {
  if (!S)
    return S;
  if (In && isRecoverCall(S))
    if (Expr *E = Repl(cast<CallExpr>(S)))
      return E;
  if (isa<BlockExpr>(S))
    return S;
  bool ChildIn = In;
  if (auto *W = dyn_cast<WhileStmt>(S))
    if (M.isMarker(W))
      ChildIn = true;
  for (Stmt *&C : S->children())
    if (C)
      C = rewriteCalls(M, C, ChildIn && !(isa<WhileStmt>(S) && C == cast<WhileStmt>(S)->getCond()), Repl);
  return S;
}

struct Plan {
  VarDecl *Frame = nullptr;
  VarDecl *Slot = nullptr;   // the hoisted named result or the hidden slot
  bool Named = false;
  LabelDecl *Out = nullptr;
};

llvm::DenseMap<const FunctionDecl *, Plan> Plans;

// Named result: `return e;` -> `{ r = e; goto __cdefer_out; }`; hidden slot:
// `{ __cdefer_res = e; return __cdefer_res; }`.  Not into blocks (^{}).
Stmt *rewriteReturns(Builder &B, Plan &P, Stmt *S) {
  if (!S || isa<BlockExpr>(S))
    return S;
  if (auto *R = dyn_cast<ReturnStmt>(S)) {
    if (!P.Slot)
      return S;
    std::vector<Stmt *> Body;
    if (Expr *E = R->getRetValue())
      Body.push_back(B.assign(B.ref(P.Slot), E));
    B.L = R->getReturnLoc();
    if (P.Named)
      Body.push_back(new (B.Ctx) GotoStmt(P.Out, B.L, B.L));
    else
      Body.push_back(ReturnStmt::Create(B.Ctx, B.L, B.rvalue(B.ref(P.Slot)), nullptr));
    return compat::makeCompound(B.Ctx, Body, B.L, B.L);
  }
  for (Stmt *&C : S->children())
    if (C)
      C = rewriteReturns(B, P, C);
  return S;
}

// The user's `cdefer_result T r = init;` becomes `r = init;` (or nothing).
Stmt *replaceResultDecl(Builder &B, VarDecl *VD, Stmt *S) {
  auto *DS = dyn_cast<DeclStmt>(S);
  if (!DS)
    return S;
  bool Has = false;
  for (Decl *D : DS->decls())
    Has |= D == VD;
  if (!Has)
    return S;
  std::vector<Stmt *> Out;
  std::vector<Decl *> Rest;
  for (Decl *D : DS->decls()) {
    if (D != VD) {
      Rest.push_back(D);
      continue;
    }
    if (!Rest.empty()) {
      Out.push_back(new (B.Ctx) DeclStmt(DeclGroupRef::Create(B.Ctx, Rest.data(), Rest.size()),
                                         DS->getBeginLoc(), DS->getEndLoc()));
      Rest.clear();
    }
    if (Expr *Init = VD->getInit()) {
      B.L = VD->getLocation();
      if (auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreImplicit())) {
        QualType T = VD->getType().getAtomicUnqualifiedType();
        Init = B.rvalue(new (B.Ctx) CompoundLiteralExpr(B.L, B.Ctx.getTrivialTypeSourceInfo(T, B.L), T,
                                                        VK_LValue, ILE, false));
      }
      Out.push_back(B.assign(B.ref(VD), Init));
    }
  }
  if (!Rest.empty())
    Out.push_back(new (B.Ctx) DeclStmt(DeclGroupRef::Create(B.Ctx, Rest.data(), Rest.size()),
                                       DS->getBeginLoc(), DS->getEndLoc()));
  if (Out.size() == 1)
    return Out[0];
  return compat::makeCompound(B.Ctx, Out, DS->getBeginLoc(), DS->getEndLoc());
}

} // namespace

bool hasResultVars(const FunctionDecl *FD) {
  auto It = ResultVars.find(FD);
  return It != ResultVars.end() && !It->second.empty();
}

// R3 and R1, once the body is complete; a misused variable stays an ordinary local.
void checkResults(FunctionDecl *FD, DiagnosticsEngine &Diags, SourceManager &SM) {
  auto P = Pushed.find(FD);
  if (P != Pushed.end()) {
    Pushed.erase(P);
    if (Stmt *Body = FD->getBody())
      Diags.popMappings(SM.getExpansionLoc(Body->getEndLoc()).getLocWithOffset(1));
  }
  auto It = ResultVars.find(FD);
  if (It == ResultVars.end())
    return;
  std::vector<VarDecl *> Vars;
  Vars.swap(It->second);
  llvm::DenseSet<const VarDecl *> Outer;
  if (auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody()))
    for (Stmt *S : Body->body())
      if (auto *DS = dyn_cast<DeclStmt>(S))
        for (Decl *D : DS->decls())
          if (auto *VD = dyn_cast<VarDecl>(D))
            Outer.insert(VD);
  std::string Fn = nameOf(FD);
  VarDecl *First = nullptr;
  for (VarDecl *VD : Vars) {
    if (!Outer.count(VD)) {
      report(Diags, SM, VD->getLocation(), msg::R3, {nameOf(VD), Fn});
      continue;
    }
    if (First) {
      report(Diags, SM, VD->getLocation(), msg::R1,
             {nameOf(VD), Fn, nameOf(First), locText(SM, First->getLocation())});
      continue;
    }
    First = VD;
  }
  if (First)
    It->second.push_back(First);
}

// Before the defers are lowered: decide, create the frame and the slot,
// rewrite the recover calls and add the barriers.
bool prepareRecover(FunctionModel &M, Sema &S, const Options &O) {
  FunctionDecl *FD = M.FD;
  ASTContext &Ctx = S.getASTContext();
  Plan P;
  auto RV = ResultVars.find(FD);
  VarDecl *Named = RV != ResultVars.end() && !RV->second.empty() ? RV->second.front() : nullptr;
  // With exceptions off no deferred statement runs during a panic: such a
  // recover() can never succeed (W4), and nothing is lowered for it.
  bool Recovering = false;
  bool Exceptions = S.getLangOpts().Exceptions;
  SourceLocation FirstRecover;
  for (CallExpr *CE : M.Calls)
    if (isRecoverCall(CE) && M.innermostBody(CE)) {
      if (Exceptions) {
        if (!Recovering)
          FirstRecover = CE->getBeginLoc();
        Recovering = true;
        ++M.RecoverCalls;
      } else
        report(S.getDiagnostics(), S.getSourceManager(), CE->getBeginLoc(), msg::W4, {});
    }
  M.NamedResult = Named;
  if (!Named && !Recovering)
    return true;
  Builder B{S, Ctx, FD, FD->getLocation()};
  QualType RT = FD->getReturnType();
  if (Named) {
    P.Slot = Named;
    P.Named = true;
    // Every `return e;` writes a const result too: from here on the
    // variable is not const, so that nothing folds it to its initialiser
    // (the user's code was checked against the const type already).
    QualType T = Named->getType();
    if (T.isConstQualified()) {
      Qualifiers Q = T.getQualifiers();
      Q.removeConst();
      Named->setType(Ctx.getQualifiedType(T.getCanonicalType().getUnqualifiedType(), Q));
    }
  } else if (!RT->isVoidType()) {
    P.Slot = B.local("__cdefer_res", RT.getUnqualifiedType());
  }
  if (Recovering) {
    // X1, once, at the first recover(): cdefer_abi.h's declarations are
    // missing (a hand-declared cdefer_recover without <cdefer.h>).
    auto *TD = dyn_cast_or_null<TypedefNameDecl>(B.lookup(abi::frame_type));
    const RecordDecl *RD = TD ? TD->getUnderlyingType()->getAsRecordDecl() : nullptr;
    if (!RD || !B.lookup(abi::recover_in) || !B.lookup(abi::frame_setjmp)) {
      report(S.getDiagnostics(), S.getSourceManager(), FirstRecover, msg::X1, {});
      return false;
    }
    P.Frame = B.local("__cdefer_f", TD->getUnderlyingType());
    auto Repl = [&](CallExpr *CE) -> Expr * {
      B.L = CE->getBeginLoc();
      return B.call(abi::recover_in, {B.addrOf(B.ref(P.Frame))});
    };
    FD->setBody(rewriteCalls(M, FD->getBody(), false, Repl));
    // Every deferred statement ends with the barrier.
    for (Defer &D : M.Defers) {
      B.L = D.Kw;
      Expr *Fence = B.call("__atomic_signal_fence", {B.intLit(5)});
      if (!Fence)
        break;
      Stmt *Body = D.Marker->getBody();
      D.Marker->setBody(compat::makeCompound(Ctx, {Body, Fence}, Body->getBeginLoc(), Body->getEndLoc()));
    }
    if (B.Failed)
      return false;
  }
  Plans[FD] = P;
  return true;
}

// After the defers are lowered: the returns and the new outer body.
bool finishRecover(FunctionModel &M, Sema &S) {
  FunctionDecl *FD = M.FD;
  auto It = Plans.find(FD);
  if (It == Plans.end())
    return true;
  Plan P = It->second;
  Plans.erase(It);
  ASTContext &Ctx = S.getASTContext();
  auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body)
    return false;
  Builder B{S, Ctx, FD, Body->getBeginLoc()};
  SourceLocation LB = Body->getBeginLoc(), RB = Body->getEndLoc();
  if (P.Named) {
    P.Out = LabelDecl::Create(Ctx, FD, RB, &Ctx.Idents.get("__cdefer_out"));
    // Hoist: the user's declaration becomes an assignment where it was.
    for (Stmt *&C : Body->children())
      C = replaceResultDecl(B, P.Slot, C);
  }
  rewriteReturns(B, P, Body);

  std::vector<Stmt *> Out;
  if (P.Frame)
    Out.push_back(B.declStmt(P.Frame));
  if (P.Slot) {
    P.Slot->setInit(new (Ctx) ImplicitValueInitExpr(P.Slot->getType().getUnqualifiedType()));
    P.Slot->setInitStyle(VarDecl::CInit);
    Out.push_back(B.declStmt(P.Slot));
  }
  auto SlotValue = [&]() -> Expr * { return P.Slot ? B.rvalue(B.ref(P.Slot)) : nullptr; };
  if (P.Frame) {
    const RecordDecl *RD = P.Frame->getType()->getAsRecordDecl();
    FieldDecl *Res = B.field(const_cast<RecordDecl *>(RD), "__result");
    FieldDecl *Frm = B.field(const_cast<RecordDecl *>(RD), "__frame");
    if (!Res || !Frm)
      return false;
    Expr *ResV = P.Slot ? ImplicitCastExpr::Create(Ctx, Res->getType(), CK_BitCast, B.addrOf(B.ref(P.Slot)),
                                                   nullptr, VK_PRValue, FPOptionsOverride())
                        : ImplicitCastExpr::Create(Ctx, Res->getType(), CK_NullToPointer, B.intLit(0), nullptr,
                                                   VK_PRValue, FPOptionsOverride());
    Out.push_back(B.assign(B.member(B.ref(P.Frame), Res), ResV));
    Expr *FA = B.call("__builtin_frame_address", {B.intLit(0)});
    Expr *SJ = B.call(abi::frame_setjmp, {B.addrOf(B.ref(P.Frame))});
    Expr *Cond = SJ ? B.call("__builtin_expect", {SJ, B.intLit(0)}) : nullptr;
    if (!FA || !Cond)
      return false;
    Out.push_back(B.assign(B.member(B.ref(P.Frame), Frm), FA));
    Stmt *Ret = ReturnStmt::Create(Ctx, LB, SlotValue(), nullptr);
    Out.push_back(compat::makeIf(Ctx, LB, Cond, LB, LB, Ret));
  }
  Out.push_back(Body);
  if (P.Slot) {
    Stmt *Ret = ReturnStmt::Create(Ctx, RB, SlotValue(), nullptr);
    if (P.Named) {
      auto *LS = new (Ctx) LabelStmt(RB, P.Out, Ret);
      P.Out->setStmt(LS);
      Out.push_back(LS);
    } else {
      Out.push_back(Ret);
    }
  }
  FD->setBody(compat::makeCompound(Ctx, Out, LB, RB));
  return true;
}

} // namespace cdefer
