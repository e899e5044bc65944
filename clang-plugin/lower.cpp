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
// of the block.  `sizeof` of a VLA declared outside STMT is computed at the
// defer and passed by value; a captured one-dimensional VLA is passed as a
// pointer to its first element.  Other variably modified types that depend
// on locals outside STMT are rejected with an error (they cannot be
// evaluated inside another function).  Defers are lowered innermost first,
// so a defer inside STMT is already a cleanup variable when STMT moves.
#include "cdefer.h"
#include "compat.h"

#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace cdefer {

namespace {

unsigned Counter = 0;

struct Capture {
  VarDecl *Var = nullptr;          // captured by address
  UnaryExprOrTypeTraitExpr *Size = nullptr; // or a sizeof computed at the defer
  bool Decay = false;              // captured 1-D VLA: pointer to its first element
  FieldDecl *Field = nullptr;
  std::string Name;
};

struct Lowering {
  ASTContext &Ctx;
  DiagnosticsEngine &Diags;
  SourceManager &SM;
  Defer &D;
  llvm::DenseSet<const VarDecl *> Inside;   // declared inside STMT
  std::vector<Capture> Caps;
  llvm::DenseMap<const VarDecl *, unsigned> CapOf;
  ParmVarDecl *Param = nullptr;
  bool Failed = false;

  Lowering(ASTContext &Ctx, DiagnosticsEngine &Diags, SourceManager &SM, Defer &D)
      : Ctx(Ctx), Diags(Diags), SM(SM), D(D) {}

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

  bool outsideRef(const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParens());
    if (!DRE)
      return false;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    return VD && isCapturable(VD) && !Inside.count(VD);
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
    if (T.isNull() || Depth > 32 || !T->isVariablyModifiedType())
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

  unsigned captureVar(VarDecl *VD, bool Decay) {
    auto It = CapOf.find(VD);
    if (It != CapOf.end())
      return It->second;
    Capture C;
    C.Var = VD;
    C.Decay = Decay;
    C.Name = VD->getName().str();
    Caps.push_back(C);
    return CapOf[VD] = Caps.size() - 1;
  }

  // Pass 1: decide the captures (no mutation).
  void collect(Stmt *S, Stmt *Parent) {
    if (!S)
      return;
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S)) {
      if (U->getKind() == UETT_SizeOf && U->getTypeOfArgument()->isVariablyModifiedType() &&
          Ctx.getAsVariableArrayType(U->getTypeOfArgument())) {
        bool InsideRefs = false;
        if (!U->isArgumentType() && !outsideRef(U->getArgumentExpr()))
          InsideRefs = true;
        if (!InsideRefs) {
          Capture C;
          C.Size = U;
          C.Name = "sizeof";
          Caps.push_back(C);
          return;
        }
      }
      if (U->isArgumentType())
        return;
    }
    if (auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (VD && isCapturable(VD) && !Inside.count(VD)) {
        QualType T = VD->getType();
        if (T->isVariablyModifiedType()) {
          auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent);
          const VariableArrayType *VAT = Ctx.getAsVariableArrayType(T);
          if (VAT && !VAT->getElementType()->isVariablyModifiedType() && Cast &&
              Cast->getCastKind() == CK_ArrayToPointerDecay) {
            captureVar(VD, true);
          } else {
            error(DRE->getLocation(),
                  "cdefer: '" + VD->getName().str() +
                      "' has a variably modified type; a deferred statement can only index it "
                      "or take its sizeof");
          }
        } else {
          captureVar(VD, false);
        }
      }
    }
    for (Stmt *C : S->children())
      collect(C, S);
  }

  Expr *envField(FieldDecl *F) {
    SourceLocation L = D.Kw;
    auto *PRef = DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(), Param, false, L,
                                     Param->getType(), VK_LValue);
    auto *PVal = ImplicitCastExpr::Create(Ctx, Param->getType(), CK_LValueToRValue, PRef, nullptr,
                                          VK_PRValue, FPOptionsOverride());
    auto *ME = MemberExpr::CreateImplicit(Ctx, PVal, /*IsArrow=*/true, F, F->getType(), VK_LValue,
                                          OK_Ordinary);
    return ImplicitCastExpr::Create(Ctx, F->getType(), CK_LValueToRValue, ME, nullptr, VK_PRValue,
                                    FPOptionsOverride());
  }

  Expr *replacement(const Capture &C, SourceLocation L) {
    Expr *V = envField(C.Field);
    if (C.Size || C.Decay)
      return V;
    QualType T = C.Var->getType();
    auto *Deref = UnaryOperator::Create(Ctx, V, UO_Deref, T, VK_LValue, OK_Ordinary, L, false,
                                        FPOptionsOverride());
    return new (Ctx) ParenExpr(L, L, Deref);
  }

  // Pass 2: rewrite STMT in place.
  Stmt *rewrite(Stmt *S) {
    if (!S)
      return S;
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S)) {
      for (const Capture &C : Caps)
        if (C.Size == U)
          return replacement(C, U->getBeginLoc());
      if (U->isArgumentType())
        return S;
    }
    if (auto *IC = dyn_cast<ImplicitCastExpr>(S))
      if (IC->getCastKind() == CK_ArrayToPointerDecay)
        if (auto *DRE = dyn_cast<DeclRefExpr>(IC->getSubExpr()))
          if (auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
            auto It = CapOf.find(VD);
            if (It != CapOf.end() && Caps[It->second].Decay)
              return replacement(Caps[It->second], DRE->getLocation());
          }
    if (auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto It = CapOf.find(VD);
        if (It != CapOf.end() && !Caps[It->second].Decay)
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
        error(E->getBeginLoc(), "cdefer: a variably modified type whose size depends on a local "
                                "outside the deferred statement is not supported there");
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
          error(Dc->getLocation(), "cdefer: a variably modified type whose size depends on a local "
                                   "outside the deferred statement is not supported there");
          return;
        }
      }
    if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
      if (U->isArgumentType())
        return;
    for (Stmt *C : S->children())
      checkVM(C);
  }

  bool run(std::vector<FunctionDecl *> &Out) {
    Stmt *Body = D.Marker->getBody();
    if (!Body)
      return false;
    collectInside(Body);
    collect(Body, D.Marker);
    if (Failed)
      return false;

    unsigned N = ++Counter;
    SourceLocation L = D.Kw;
    DeclContext *TU = Ctx.getTranslationUnitDecl();
    std::string EnvName = "__cdefer_env_" + std::to_string(N);
    RecordDecl *RD = compat::makeStruct(Ctx, TU, L, &Ctx.Idents.get(EnvName));
    RD->startDefinition();
    llvm::StringSet<> Used;
    for (Capture &C : Caps) {
      QualType FT = C.Size ? C.Size->getType()
                           : C.Decay ? Ctx.getPointerType(Ctx.getAsArrayType(C.Var->getType())->getElementType())
                                     : Ctx.getPointerType(C.Var->getType());
      std::string Name = C.Name;
      for (unsigned K = 1; !Used.insert(Name).second; ++K)
        Name = C.Name + "_" + std::to_string(K);
      C.Name = Name;
      C.Field = FieldDecl::Create(Ctx, RD, L, L, &Ctx.Idents.get(Name), FT,
                                  Ctx.getTrivialTypeSourceInfo(FT, L), nullptr, false, ICIS_NoInit);
      C.Field->setAccess(AS_public);
      RD->addDecl(C.Field);
    }
    RD->completeDefinition();
    QualType EnvTy = compat::recordType(Ctx, RD);
    QualType EnvPtr = Ctx.getPointerType(EnvTy);

    QualType FnTy = Ctx.getFunctionType(Ctx.VoidTy, {EnvPtr}, FunctionProtoType::ExtProtoInfo());
    std::string FnName = "__cdefer_fn_" + std::to_string(N);
    FunctionDecl *FD = compat::makeFunction(Ctx, TU, L, DeclarationName(&Ctx.Idents.get(FnName)), FnTy,
                                            Ctx.getTrivialTypeSourceInfo(FnTy, L));
    Param = ParmVarDecl::Create(Ctx, FD, L, L, &Ctx.Idents.get("__cdefer_env"), EnvPtr,
                                Ctx.getTrivialTypeSourceInfo(EnvPtr, L), SC_None, nullptr);
    FD->setParams({Param});
    FD->addAttr(AlwaysInlineAttr::CreateImplicit(Ctx));

    // The initialiser, built before STMT is rewritten (sizeof nodes move here).
    std::vector<Expr *> Inits;
    for (Capture &C : Caps) {
      if (C.Size) {
        Inits.push_back(C.Size);
        continue;
      }
      QualType VT = C.Var->getType();
      auto *Ref = DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(), C.Var, false, L,
                                      VT, VK_LValue);
      if (C.Decay) {
        Inits.push_back(ImplicitCastExpr::Create(Ctx, C.Field->getType(), CK_ArrayToPointerDecay, Ref,
                                                 nullptr, VK_PRValue, FPOptionsOverride()));
      } else {
        Inits.push_back(UnaryOperator::Create(Ctx, Ref, UO_AddrOf, C.Field->getType(), VK_PRValue,
                                              OK_Ordinary, L, false, FPOptionsOverride()));
      }
    }

    Body = rewrite(Body);
    checkVM(Body);
    if (Failed)
      return false;
    SourceLocation BB = Body->getBeginLoc(), BE = Body->getEndLoc();
    FD->setBody(compat::makeCompound(Ctx, {Body}, BB.isValid() ? BB : L, BE.isValid() ? BE : L));

    auto *ILE = new (Ctx) InitListExpr(Ctx, L, Inits, L);
    ILE->setType(EnvTy);
    VarDecl *Env = VarDecl::Create(Ctx, D.FnContext, L, L,
                                   &Ctx.Idents.get(EnvName), EnvTy, Ctx.getTrivialTypeSourceInfo(EnvTy, L),
                                   SC_None);
    Env->setInit(ILE);
    Env->addAttr(CleanupAttr::CreateImplicit(Ctx, FD));
    Env->setIsUsed();
    auto *DS = new (Ctx) DeclStmt(DeclGroupRef(Env), L, L);

    // Put the declaration where the marker was; a braceless defer gets its own block.
    Stmt *P = D.Parent;
    Stmt *Replacement = DS;
    if (!isa<CompoundStmt>(P) && !isa<LabelStmt>(P) && !isa<SwitchCase>(P))
      Replacement = compat::makeCompound(Ctx, {DS}, L, L);
    bool Done = false;
    for (Stmt *&C : P->children())
      if (C == D.Marker) {
        C = Replacement;
        Done = true;
        break;
      }
    if (!Done) {
      error(L, "cdefer: internal error: cannot place the lowered defer");
      return false;
    }
    D.FnName = FnName;
    for (const Capture &C : Caps)
      D.Captures.push_back(C.Size ? "sizeof " + C.Name : C.Name);
    Out.push_back(FD);
    return true;
  }
};

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

static bool lowerNative(ASTContext &Ctx, Defer &D) {
  Stmt *Body = D.Marker->getBody();
  Stmt *Node = compat::makeNativeDefer(Ctx, D.Kw, Body);
  Stmt *P = D.Parent;
  if (!Node || !P)
    return false;
  if (!isa<CompoundStmt>(P) && !isa<LabelStmt>(P) && !isa<SwitchCase>(P))
    Node = compat::makeCompound(Ctx, {Node}, D.Kw, D.Kw);
  for (Stmt *&C : P->children())
    if (C == D.Marker) {
      C = Node;
      D.FnName = "native DeferStmt";
      return true;
    }
  return false;
}

bool lowerFunction(FunctionModel &M, Sema &S, const Options &O, std::vector<FunctionDecl *> &Synthesized) {
  ASTContext &Ctx = S.getASTContext();
  // Innermost first: reverse preorder visits a defer nested in a deferred
  // statement before the defer that contains it.
  bool Ok = prepareRecover(M, S, O);
  if (!Ok)
    return false;
  for (auto It = M.Defers.rbegin(); It != M.Defers.rend(); ++It) {
    It->FnContext = M.FD;
    // CodeGen emits a DeferStmt's body once per exit path: a label inside it
    // would be defined twice (seen crashing the backend), so such defers keep
    // the cleanup-function lowering.
    if (O.Native && !hasLabel(It->Marker->getBody())) {
      if (!lowerNative(Ctx, *It))
        Ok = false;
      continue;
    }
    Lowering L{Ctx, S.getDiagnostics(), S.getSourceManager(), *It};
    if (!L.run(Synthesized))
      Ok = false;
  }
  // `return e;` must copy e before the deferred code runs: no NRVO.
  if (!M.Defers.empty())
    clearNRVO(M.FD->getBody());
  if (Ok && !finishRecover(M, S))
    Ok = false;
  return Ok;
}

} // namespace cdefer
