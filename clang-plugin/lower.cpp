// lower.cpp - lowers each defer onto Clang's cleanup machinery.
//
// `_Defer STMT` (a marker loop, see marker.cpp) becomes
//
//     struct __cdefer_env_N __cdefer_env_N __attribute__((cleanup(__cdefer_fn_N)))
//         = { &captured1, &captured2, ... };
//
// and STMT moves into
//
//     static inline __attribute__((always_inline))
//     void __cdefer_fn_N(struct __cdefer_env_N *__cdefer_env) { STMT }
//
// with every reference to a captured local `x` rewritten to
// `(*__cdefer_env->x)`.  CodeGen then emits exactly what it emits for a
// hand-written cleanup variable: a normal-and-EH cleanup run on every exit
// of the block.  Variably modified types in STMT are rebuilt for the
// synthesized function by vm.cpp (the sizes of outside VLA types travel in
// the env, VLA types written in STMT are evaluated when it runs).  Defers
// are lowered innermost first,
// so a defer inside STMT is already a cleanup variable when STMT moves.
//
// At -O0 with unwinding on, __cdefer_fn_N is `noinline` instead: STMT is
// compiled once, called on the normal exit and in the landing pad.  With
// unwinding on, ehpass.cpp lets deferred code run by a landing pad unwind
// on through the function's other cleanups instead of aborting.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "lower.h"
#include "build.h"
#include "compat.h"

#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace cdefer {

unsigned Counter = 0;

namespace {

// Lays out a synthesized struct now, with diagnostics off: a layout warning
// (-Wpadded) about a struct the user never wrote would name a plugin-internal
// type.  ASTContext keeps the layout, so CodeGen neither computes nor
// diagnoses it again.
void layoutQuietly(ASTContext &Ctx, const RecordDecl *RD) {
  DiagnosticsEngine &D = Ctx.getDiagnostics();
  bool Was = D.getSuppressAllDiagnostics();
  D.setSuppressAllDiagnostics(true);
  (void)Ctx.getASTRecordLayout(RD);
  D.setSuppressAllDiagnostics(Was);
}

struct Capture {
  VarDecl *Var = nullptr;          // captured by address
  bool VM = false;                 // of variably modified type: passed as void * (vm.cpp)
  FieldDecl *Field = nullptr;
  std::string Name;
};

// Puts NODE where defer D's marker (its Outer) stands in D.Parent; a braceless
// defer gets a block of its own.  False if the marker is not found there.
static bool placeDefer(ASTContext &Ctx, const Defer &D, Stmt *Node, SourceLocation L) {
  Stmt *P = D.Parent;
  if (!P)
    return false;
  if (!isa<CompoundStmt>(P) && !isa<LabelStmt>(P) && !isa<SwitchCase>(P))
    Node = compat::makeCompound(Ctx, {Node}, L, L);
  for (Stmt *&C : P->children())
    if (C == D.Outer) {
      C = Node;
      return true;
    }
  return false;
}

struct Lowering {
  ASTContext &Ctx;
  DiagnosticsEngine &Diags;
  SourceManager &SM;
  Defer &D;
  Slot &Sl;
  bool Outline;                              // -O0, unwinding on: noinline
  llvm::DenseSet<const VarDecl *> Inside;   // declared inside STMT
  std::vector<Capture> Caps;
  llvm::DenseMap<const VarDecl *, unsigned> CapOf;
  ParmVarDecl *Param = nullptr;
  VMTypes VM;
  bool Failed = false;

  Lowering(ASTContext &Ctx, DiagnosticsEngine &Diags, SourceManager &SM, Defer &D, Slot &Sl, bool Outline)
      : Ctx(Ctx), Diags(Diags), SM(SM), D(D), Sl(Sl), Outline(Outline), Param(Sl.Param), VM(Ctx, D.Marker->getBody()) {
    VM.Rewrite = [this](Stmt *S) { return rewrite(S); };
  }

  void error(SourceLocation L, const std::string &Msg) {
    report(Diags, SM, L, Msg, &D);
    Failed = true;
  }

  void collectInside(Stmt *S) {
    if (!S)
      return;
    if (auto *DS = dyn_cast<DeclStmt>(S))
      for (Decl *Dc : DS->decls())
        if (auto *VD = dyn_cast<VarDecl>(Dc))
          Inside.insert(VD);
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
      if (U->isArgumentType())
        return;
    for (Stmt *C : S->children())
      collectInside(C);
  }

  static bool isCapturable(const VarDecl *VD) {
    return VD->hasLocalStorage() || VD->isStaticLocal();
  }

  // Does any VLA size in T refer to a local declared outside STMT?
  bool sizeRefsOutside(const Stmt *S) {
    if (!S)
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD != Param && isCapturable(VD) && !Inside.count(VD))
          return true;
    for (const Stmt *C : S->children())
      if (sizeRefsOutside(C))
        return true;
    return false;
  }
  bool typeRefsOutside(QualType T, int Depth = 0) {
    if (T.isNull() || Depth > 32 || !VMTypes::holdsVLA(T))
      return false;
    T = T.getCanonicalType();
    if (const auto *VAT = Ctx.getAsVariableArrayType(T))
      return sizeRefsOutside(VAT->getSizeExpr()) || typeRefsOutside(VAT->getElementType(), Depth + 1);
    if (const auto *AT = Ctx.getAsArrayType(T))
      return typeRefsOutside(AT->getElementType(), Depth + 1);
    if (const auto *PT = T->getAs<PointerType>())
      return typeRefsOutside(PT->getPointeeType(), Depth + 1);
    if (const auto *FT = T->getAs<FunctionProtoType>()) {
      if (typeRefsOutside(FT->getReturnType(), Depth + 1))
        return true;
      for (QualType P : FT->getParamTypes())
        if (typeRefsOutside(P, Depth + 1))
          return true;
    }
    return false;
  }

  unsigned captureVar(VarDecl *VD) {
    auto It = CapOf.find(VD);
    if (It != CapOf.end())
      return It->second;
    Capture C;
    C.Var = VD;
    C.VM = VMTypes::holdsVLA(VD->getType());
    C.Name = VD->getName().str();
    Caps.push_back(C);
    return CapOf[VD] = Caps.size() - 1;
  }

  // Pass 1: decide the captures (no mutation).  The sizes of VLA types
  // written in STMT are walked too (vm.cpp); a declaration's own VLA sizes
  // come that way, not as the DeclStmt's children.
  void collect(Stmt *S) {
    if (!S)
      return;
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
      if (U->isArgumentType())
        return;
    if (auto *DS = dyn_cast<DeclStmt>(S)) {
      for (Decl *Dc : DS->decls())
        if (auto *VD = dyn_cast<VarDecl>(Dc))
          collect(VD->getInit());
      return;
    }
    if (auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (VD && VD != Param && isCapturable(VD) && !Inside.count(VD))
        captureVar(VD);
    }
    for (Stmt *C : S->children())
      collect(C);
  }

  Expr *envField(FieldDecl *F) {
    auto *ME = MemberExpr::CreateImplicit(Ctx, valueOf(Ctx, declRef(Ctx, Param, D.Kw)), /*IsArrow=*/true, F,
                                          F->getType(), VK_LValue, OK_Ordinary);
    return valueOf(Ctx, ME);
  }

  Expr *replacement(const Capture &C, SourceLocation L) {
    Expr *V = envField(C.Field);
    QualType T = C.Var->getType();
    if (C.VM) {
      T = VM.transformType(T);
      V = ImplicitCastExpr::Create(Ctx, Ctx.getPointerType(T), CK_BitCast, V, nullptr, VK_PRValue,
                                   FPOptionsOverride());
    }
    auto *Deref = UnaryOperator::Create(Ctx, V, UO_Deref, T, VK_LValue, OK_Ordinary, L, false,
                                        FPOptionsOverride());
    return new (Ctx) ParenExpr(L, L, Deref);
  }

  // Pass 2: rewrite STMT in place (VLA sizes: through vm.cpp, once each).
  Stmt *rewrite(Stmt *S) {
    if (!S)
      return S;
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
      if (U->isArgumentType())
        return S;
    if (auto *DS = dyn_cast<DeclStmt>(S)) {
      for (Decl *Dc : DS->decls())
        if (auto *VD = dyn_cast<VarDecl>(Dc))
          if (VD->getInit())
            VD->setInit(cast<Expr>(rewrite(VD->getInit())));
      return S;
    }
    if (auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto It = CapOf.find(VD);
        if (It != CapOf.end())
          return replacement(Caps[It->second], DRE->getLocation());
      }
    for (Stmt *&C : S->children())
      if (C)
        C = rewrite(C);
    return S;
  }

  // Pass 3: anything variably modified still depending on the outside?
  void checkVM(Stmt *S) {
    if (!S || Failed)
      return;
    if (auto *E = dyn_cast<Expr>(S)) {
      bool Bad = typeRefsOutside(E->getType());
      if (auto *CE = dyn_cast<ExplicitCastExpr>(E))
        Bad = Bad || typeRefsOutside(CE->getTypeAsWritten());
      if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(E))
        Bad = Bad || (U->isArgumentType() && typeRefsOutside(U->getArgumentType()));
      if (Bad) {
        error(E->getBeginLoc(), text(msg::X4));
        return;
      }
    }
    if (auto *DS = dyn_cast<DeclStmt>(S))
      for (Decl *Dc : DS->decls()) {
        QualType T;
        if (auto *VD = dyn_cast<ValueDecl>(Dc))
          T = VD->getType();
        else if (auto *TD = dyn_cast<TypedefNameDecl>(Dc))
          T = TD->getUnderlyingType();
        if (typeRefsOutside(T)) {
          error(Dc->getLocation(), text(msg::X4));
          return;
        }
      }
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
      if (U->isArgumentType())
        return;
    for (Stmt *C : S->children())
      checkVM(C);
  }

  bool run(std::vector<FunctionDecl *> &Out);
};


bool Lowering::run(std::vector<FunctionDecl *> &Out) {
    Stmt *Body = D.Marker->getBody();
    if (!Body)
      return false;
    collectInside(Body);
    VM.analyse();
    collect(Body);
    for (Expr *E : VM.insideSizes())
      collect(E);
    if (Failed)
      return false;

    SourceLocation L = D.Kw;
    RecordDecl *RD = Sl.RD;
    RD->startDefinition();
    llvm::StringSet<> Used;
    for (Capture &C : Caps) {
      QualType FT = C.VM ? Ctx.VoidPtrTy : Ctx.getPointerType(C.Var->getType());
      std::string Name = C.Name;
      for (unsigned K = 1; !Used.insert(Name).second; ++K)
        Name = C.Name + "_" + std::to_string(K);
      C.Name = Name;
      C.Field = FieldDecl::Create(Ctx, RD, L, L, &Ctx.Idents.get(Name), FT,
                                  Ctx.getTrivialTypeSourceInfo(FT, L), nullptr, false, ICIS_NoInit);
      C.Field->setAccess(AS_public);
      RD->addDecl(C.Field);
    }
    // The outside VLA sizes STMT's types need (vm.cpp).
    std::vector<FieldDecl *> DimFields;
    for (size_t K = 0; K < VM.numDims(); ++K) {
      QualType FT = Ctx.getSizeType();
      auto *F = FieldDecl::Create(Ctx, RD, L, L, &Ctx.Idents.get("__cdefer_dim_" + std::to_string(K + 1)), FT,
                                  Ctx.getTrivialTypeSourceInfo(FT, L), nullptr, false, ICIS_NoInit);
      F->setAccess(AS_public);
      RD->addDecl(F);
      DimFields.push_back(F);
    }
    RD->completeDefinition();
    layoutQuietly(Ctx, RD);
    QualType EnvTy = Sl.EnvTy;
    FunctionDecl *FD = Sl.Fn;
    FD->addAttr(Outline ? static_cast<Attr *>(NoInlineAttr::CreateImplicit(Ctx))
                        : static_cast<Attr *>(AlwaysInlineAttr::CreateImplicit(Ctx)));

    // The initialiser, built before STMT is rewritten (sizeof nodes move here).
    std::vector<Expr *> Inits;
    for (Capture &C : Caps) {
      QualType VT = C.Var->getType();
      Expr *Addr = UnaryOperator::Create(Ctx, declRef(Ctx, C.Var, L), UO_AddrOf, Ctx.getPointerType(VT), VK_PRValue,
                                         OK_Ordinary, L, false, FPOptionsOverride());
      if (C.VM)
        Addr = ImplicitCastExpr::Create(Ctx, Ctx.VoidPtrTy, CK_BitCast, Addr, nullptr, VK_PRValue,
                                        FPOptionsOverride());
      Inits.push_back(Addr);
    }
    for (size_t K = 0; K < DimFields.size(); ++K) {
      Inits.push_back(VM.dimInit(K, L));
      VM.setDim(K, envField(DimFields[K]));
    }

    Body = rewrite(Body);
    VM.transform(Body);
    checkVM(Body);
    if (Failed)
      return false;
    SourceLocation BB = Body->getBeginLoc(), BE = Body->getEndLoc();
    std::vector<Stmt *> Stmts = VM.dimTypedefs(FD, L);
    Stmts.push_back(Body);
    Stmt *FnBody = compat::makeCompound(Ctx, Stmts, BB.isValid() ? BB : L, BE.isValid() ? BE : L);
    FD->setBody(FnBody);

    auto *ILE = new (Ctx) InitListExpr(Ctx, L, Inits, L);
    ILE->setType(EnvTy);
    VarDecl *Env = Sl.Env;
    Env->setInit(ILE);
    Env->addAttr(CleanupAttr::CreateImplicit(Ctx, FD));
    Env->setIsUsed();
    auto *DS = new (Ctx) DeclStmt(DeclGroupRef(Env), L, L);

    // Put the declaration where the marker was (placeDefer).
    Stmt *Replacement = DS;
    // In a statement expression, CodeGen folds a constant condition such as
    // `if (({ defer f(); 1; }))` (ConstantFoldsToSimpleInteger: the
    // evaluator does not see the cleanup) and never emits the statement
    // expression -- unless the condition contains a label, which CodeGen
    // refuses to fold away.  So the declaration gets an unused label there:
    // no instruction at -O2 (the block is merged), a branch at -O0.
    if (D.InStmtExpr) {
      auto *LD = LabelDecl::Create(Ctx, D.FnContext, L, &Ctx.Idents.get("__cdefer_keep_" + std::to_string(Sl.N)));
      auto *LS = new (Ctx) LabelStmt(L, LD, DS);
      LD->setStmt(LS);
      Replacement = LS;
    }
    if (!placeDefer(Ctx, D, Replacement, L)) {
      error(L, "cdefer: internal error: cannot place the lowered defer");
      return false;
    }
    D.How = Defer::Lowered::Cleanup;
    D.FnName = FD->getName().str();
    for (const Capture &C : Caps)
      D.Captures.push_back(C.Name);
    Out.push_back(FD);
    return true;
}

// The decls of defer D (numbered N), before anything is lowered.
Slot makeSlot(ASTContext &Ctx, Defer &D, unsigned N) {
  Slot Sl;
  Sl.N = N;
  SourceLocation L = D.Kw;
  DeclContext *TU = Ctx.getTranslationUnitDecl();
  std::string EnvName = "__cdefer_env_" + std::to_string(N);
  Sl.RD = compat::makeStruct(Ctx, TU, L, &Ctx.Idents.get(EnvName));
  Sl.EnvTy = compat::recordType(Ctx, Sl.RD);
  Sl.EnvPtr = Ctx.getPointerType(Sl.EnvTy);
  QualType FnTy = Ctx.getFunctionType(Ctx.VoidTy, {Sl.EnvPtr}, FunctionProtoType::ExtProtoInfo());
  std::string FnName = "__cdefer_fn_" + std::to_string(N);
  Sl.Fn = compat::makeFunction(Ctx, TU, L, DeclarationName(&Ctx.Idents.get(FnName)), FnTy,
                               Ctx.getTrivialTypeSourceInfo(FnTy, L));
  Sl.Param = ParmVarDecl::Create(Ctx, Sl.Fn, L, L, &Ctx.Idents.get("__cdefer_env"), Sl.EnvPtr,
                                 Ctx.getTrivialTypeSourceInfo(Sl.EnvPtr, L), SC_None, nullptr);
  Sl.Fn->setParams({Sl.Param});
  Sl.Env = VarDecl::Create(Ctx, D.FnContext, L, L, &Ctx.Idents.get(EnvName), Sl.EnvTy,
                           Ctx.getTrivialTypeSourceInfo(Sl.EnvTy, L), SC_None);
  return Sl;
}

void clearNRVO(Stmt *S) {
  if (!S)
    return;
  if (auto *R = dyn_cast<ReturnStmt>(S))
    if (R->getNRVOCandidate())
      R->setNRVOCandidate(nullptr);
  if (auto *DS = dyn_cast<DeclStmt>(S))
    for (Decl *Dc : DS->decls())
      if (auto *VD = dyn_cast<VarDecl>(Dc))
        VD->setNRVOVariable(false);
  for (Stmt *C : S->children())
    clearNRVO(C);
}

} // namespace

// lowering=native (Clang 22+): the marker becomes Clang's own DeferStmt,
// which CodeGen lowers as a normal-and-EH cleanup emitting STMT in place.
static bool hasLabel(const Stmt *S) {
  if (!S)
    return false;
  if (isa<LabelStmt>(S))
    return true;
  for (const Stmt *C : S->children())
    if (hasLabel(C))
      return true;
  return false;
}

static bool declaresVariable(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (isa<VarDecl>(D))
        return true;
  for (const Stmt *C : S->children())
    if (declaresVariable(C))
      return true;
  return false;
}

// Which defers keep the cleanup-function lowering under lowering=native.
// CodeGen emits a DeferStmt's body once per exit path (normal and EH):
//  - a label inside it would be defined twice (seen crashing the backend);
//  - Clang 22's EH copy of a variable declared inside it is not
//    initialised (`int k = 3;` reads 0 there, a recover's result reads
//    NULL, -O2 code crashed), so with unwinding on such a statement keeps
//    the cleanup function, as does one enclosing a nested defer that keeps
//    it (that defer becomes a variable declared in the statement).
// Innermost first (reverse preorder), so nested defers are decided first.
static std::vector<bool> keepCleanup(const FunctionModel &M, const Options &O) {
  size_t N = M.Defers.size();
  std::vector<bool> Keep(N, !O.Native);
  if (!O.Native)
    return Keep;
  for (size_t I = N; I-- > 0;) {
    const Stmt *Body = M.Defers[I].Marker->getBody();
    bool K = hasLabel(Body) || (O.Unwind && declaresVariable(Body));
    for (size_t J = I + 1; J < N && !K; ++J)
      K = O.Unwind && Keep[J] && M.Defers[I].BodyR.contains(M.pre(M.Defers[J].Marker));
    Keep[I] = K;
  }
  return Keep;
}

static bool lowerNative(ASTContext &Ctx, Defer &D) {
  Stmt *Body = D.Marker->getBody();
  Stmt *Node = compat::makeNativeDefer(Ctx, D.Kw, Body);
  if (!Node || !placeDefer(Ctx, D, Node, D.Kw))
    return false;
  D.How = Defer::Lowered::Native;
  return true;
}

bool lowerFunction(FunctionModel &M, Sema &S, const Options &O, std::vector<FunctionDecl *> &Synthesized) {
  ASTContext &Ctx = S.getASTContext();
  // Innermost first: reverse preorder visits a defer nested in a deferred
  // statement before the defer that contains it.
  bool Ok = prepareRecover(M, S, O);
  if (!Ok)
    return false;
  // The decls of every defer first (numbered innermost first, as they are
  // lowered), so that analyze.cpp can call any of them.
  size_t NDefers = M.Defers.size();
  std::vector<Slot> Slots(NDefers);
  for (size_t I = NDefers; I-- > 0;) {
    M.Defers[I].FnContext = M.FD;
    Slots[I] = makeSlot(Ctx, M.Defers[I], ++Counter);
  }
  std::vector<bool> Cleanup = keepCleanup(M, O);
  // -O0 with unwinding on: each STMT compiled once, out of line, instead of
  // inlined into the normal exit and the landing pad (most of the -O0 cost).
  bool Outline = O.O0 && O.Unwind && !O.Analyze;
  for (size_t I = NDefers; I-- > 0;) {
    Defer &D = M.Defers[I];
    // lowering=native, where the DeferStmt is right (keepCleanup).
    if (!Cleanup[I]) {
      if (!lowerNative(Ctx, D))
        Ok = false;
      continue;
    }
    Lowering L{Ctx, S.getDiagnostics(), S.getSourceManager(), D, Slots[I], Outline};
    if (!L.run(Synthesized))
      Ok = false;
  }
  // `return e;` must copy e before the deferred code runs: no NRVO.
  if (!M.Defers.empty())
    clearNRVO(M.FD->getBody());
  if (Ok && O.Analyze && !showExitsToAnalyzer(M, S, Slots))
    Ok = false;
  if (Ok && !finishRecover(M, S))
    Ok = false;
  // Deferred code is compiled as the user's function is (synth.cpp).
  for (FunctionDecl *F : Synthesized)
    inheritAttrs(Ctx, M.FD, F, F->hasAttr<NoInlineAttr>());
  return Ok;
}

} // namespace cdefer
