// vm.cpp - variably modified types in a deferred statement that moves into
// its __cdefer_fn_N (lower.cpp).
//
// A variable-length array type carries a size expression that CodeGen
// evaluates once, where the type is declared, and then looks up (by the
// expression's node) wherever the type is used.  Inside the synthesized
// function the enclosing function's evaluations do not exist, so every
// variably modified type STMT uses is rebuilt there with size expressions
// of the synthesized function's own:
//
// - a VLA type written inside STMT (`sizeof(int[n])`, `int b[n]`, a cast
//   to `int (*)[n]`, a typedef in STMT) keeps its size expression, with the
//   captured locals in it rewritten as everywhere in STMT (`n` becomes
//   `(*__cdefer_env->n)`): it is evaluated when the deferred statement runs
//   and reads the variables as they are then (SPEC 3.3);
// - a VLA type from outside STMT (a VLA variable `double m[n][n]`, a
//   parameter `double m[n][n]` -- a `double (*)[n]` --, a pointer to a VLA,
//   an outside VLA typedef) has the size it was given where it was
//   declared.  That value is read at the defer, from the enclosing
//   function's own evaluation (`sizeof(T[d]) / sizeof(T)`), into an env
//   field `__cdefer_dim_K`; the rebuilt type's size is that field, which a
//   typedef at the top of __cdefer_fn_N makes CodeGen evaluate first.
//
// A captured variable of variably modified type is passed as `void *` and
// used as `(*(T' *)__cdefer_env->x)`, T' its rebuilt type.  At -O2 the
// sizes are the same values in registers as in the enclosing function.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "compat.h"

#include "clang/AST/Attr.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cdefer {

namespace {
// sizeof expressions made for dimension values (their types are outside
// types even when they end up inside another defer's STMT).
llvm::DenseSet<const Stmt *> &dimInits() {
  static llvm::DenseSet<const Stmt *> S;
  return S;
}
} // namespace

VMTypes::VMTypes(ASTContext &Ctx, Stmt *Body) : Ctx(Ctx), Body(Body) {}

// Whether T holds a VLA type anywhere.  Clang before 22 does not count a
// function type whose result is variably modified as variably modified, so
// isVariablyModifiedType() misses `int (*(*fp)(void))[n]`.
bool VMTypes::holdsVLA(QualType T, int Depth) {
  if (T.isNull() || Depth > 64)
    return false;
  if (T->isVariablyModifiedType())
    return true;
  const Type *Ty = T.getCanonicalType().getTypePtr();
  if (const auto *AT = dyn_cast<ArrayType>(Ty))
    return holdsVLA(AT->getElementType(), Depth + 1);
  if (const auto *PT = dyn_cast<PointerType>(Ty))
    return holdsVLA(PT->getPointeeType(), Depth + 1);
  if (const auto *FT = dyn_cast<FunctionType>(Ty)) {
    if (holdsVLA(FT->getReturnType(), Depth + 1))
      return true;
    if (const auto *FP = dyn_cast<FunctionProtoType>(FT))
      for (QualType P : FP->getParamTypes())
        if (holdsVLA(P, Depth + 1))
          return true;
  }
  return false;
}

void VMTypes::scanWritten(QualType T, int Depth) {
  if (T.isNull() || Depth > 64 || !holdsVLA(T))
    return;
  const Type *Ty = T.getTypePtr();
  if (isa<TypedefType>(Ty) || isa<TypeOfExprType>(Ty))
    return; // an inside typedef is scanned at its declaration; an outside one is outside
  if (const auto *VAT = dyn_cast<VariableArrayType>(Ty)) {
    if (Expr *E = VAT->getSizeExpr())
      if (InsideSizes.insert(E).second) {
        InsideOrder.push_back(E);
        scan(E);
      }
    scanWritten(VAT->getElementType(), Depth + 1);
    return;
  }
  if (const auto *AT = dyn_cast<ArrayType>(Ty))
    return scanWritten(AT->getElementType(), Depth + 1);
  if (const auto *PT = dyn_cast<PointerType>(Ty))
    return scanWritten(PT->getPointeeType(), Depth + 1);
  if (const auto *FT = dyn_cast<FunctionType>(Ty)) {
    scanWritten(FT->getReturnType(), Depth + 1);
    if (const auto *FP = dyn_cast<FunctionProtoType>(FT))
      for (QualType P : FP->getParamTypes())
        scanWritten(P, Depth + 1);
    return;
  }
  QualType D = T.getSingleStepDesugaredType(Ctx);
  if (D != T)
    scanWritten(D, Depth + 1);
}

void VMTypes::scan(Stmt *S) {
  if (!S)
    return;
  if (auto *DS = dyn_cast<DeclStmt>(S)) {
    for (Decl *D : DS->decls()) {
      if (auto *VD = dyn_cast<VarDecl>(D)) {
        scanWritten(VD->getType());
        scan(VD->getInit());
      } else if (auto *TD = dyn_cast<TypedefNameDecl>(D)) {
        scanWritten(TD->getUnderlyingType());
      }
    }
    return;
  }
  if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
    if (U->isArgumentType()) {
      if (!dimInits().count(U))
        scanWritten(U->getArgumentType());
      return;
    }
  if (auto *CE = dyn_cast<ExplicitCastExpr>(S))
    scanWritten(CE->getTypeAsWritten());
  if (auto *CL = dyn_cast<CompoundLiteralExpr>(S))
    scanWritten(CL->getTypeSourceInfo()->getType());
  if (auto *VA = dyn_cast<VAArgExpr>(S))
    scanWritten(VA->getWrittenTypeInfo()->getType());
  for (Stmt *C : S->children())
    scan(C);
}

void VMTypes::discoverType(QualType T, int Depth) {
  if (T.isNull() || Depth > 64 || !holdsVLA(T))
    return;
  const Type *Ty = T.getCanonicalType().getTypePtr();
  if (const auto *VAT = dyn_cast<VariableArrayType>(Ty)) {
    Expr *E = VAT->getSizeExpr();
    if (E && !InsideSizes.count(E) && !NewSizes.count(E) && !DimOf.count(E)) {
      DimOf[E] = Dims.size();
      Dims.push_back({VAT, nullptr});
    }
    return discoverType(VAT->getElementType(), Depth + 1);
  }
  if (const auto *AT = dyn_cast<ArrayType>(Ty))
    return discoverType(AT->getElementType(), Depth + 1);
  if (const auto *PT = dyn_cast<PointerType>(Ty))
    return discoverType(PT->getPointeeType(), Depth + 1);
  if (const auto *FT = dyn_cast<FunctionType>(Ty)) {
    discoverType(FT->getReturnType(), Depth + 1);
    if (const auto *FP = dyn_cast<FunctionProtoType>(FT))
      for (QualType P : FP->getParamTypes())
        discoverType(P, Depth + 1);
  }
}

void VMTypes::discover(Stmt *S) {
  if (!S)
    return;
  if (auto *E = dyn_cast<Expr>(S))
    discoverType(E->getType());
  if (auto *DS = dyn_cast<DeclStmt>(S)) {
    for (Decl *D : DS->decls()) {
      if (auto *VD = dyn_cast<VarDecl>(D)) {
        discoverType(VD->getType());
        discover(VD->getInit());
      } else if (auto *TD = dyn_cast<TypedefNameDecl>(D)) {
        discoverType(TD->getUnderlyingType());
      }
    }
    return;
  }
  if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
    if (U->isArgumentType())
      return discoverType(U->getArgumentType());
  if (auto *CE = dyn_cast<ExplicitCastExpr>(S))
    discoverType(CE->getTypeAsWritten());
  if (auto *CL = dyn_cast<CompoundLiteralExpr>(S))
    discoverType(CL->getTypeSourceInfo()->getType());
  if (auto *VA = dyn_cast<VAArgExpr>(S))
    discoverType(VA->getWrittenTypeInfo()->getType());
  for (Stmt *C : S->children())
    discover(C);
}

void VMTypes::analyse() {
  scan(Body);
  discover(Body);
  for (size_t I = 0; I < InsideOrder.size(); ++I)
    discover(InsideOrder[I]);
}

Expr *VMTypes::sizeOfType(QualType T, SourceLocation L) {
  auto *U = new (Ctx) UnaryExprOrTypeTraitExpr(UETT_SizeOf, Ctx.getTrivialTypeSourceInfo(T, L),
                                               Ctx.getSizeType(), L, L);
  dimInits().insert(U);
  return U;
}

Expr *VMTypes::dimInit(unsigned K, SourceLocation L) {
  const VariableArrayType *VAT = Dims[K].Old;
  QualType Elem = VAT->getElementType();
  Expr *Whole = sizeOfType(QualType(VAT, 0), L);
  Expr *Part;
  if (Elem->isVariablyModifiedType()) {
    Part = sizeOfType(Elem, L);
  } else {
    uint64_t N = Elem->isIncompleteType() ? 1 : Ctx.getTypeSizeInChars(Elem).getQuantity();
    Part = IntegerLiteral::Create(Ctx, llvm::APInt(Ctx.getTypeSize(Ctx.getSizeType()), N ? N : 1),
                                  Ctx.getSizeType(), L);
  }
  return BinaryOperator::Create(Ctx, Whole, Part, BO_Div, Ctx.getSizeType(), VK_PRValue, OK_Ordinary, L,
                                FPOptionsOverride());
}

void VMTypes::setDim(unsigned K, Expr *NewSize) {
  Dims[K].New = NewSize;
  NewSizes.insert(NewSize);
}

QualType VMTypes::transformType(QualType T, int Depth) {
  if (T.isNull() || Depth > 64 || !holdsVLA(T))
    return T;
  SplitQualType Split = T.getCanonicalType().split();
  const Type *Ty = Split.Ty;
  QualType R;
  if (const auto *VAT = dyn_cast<VariableArrayType>(Ty)) {
    Expr *E = VAT->getSizeExpr(), *NE = E;
    if (E && !NewSizes.count(E)) {
      if (InsideSizes.count(E)) {
        auto It = InsideNew.find(E);
        if (It == InsideNew.end()) {
          NE = cast<Expr>(Rewrite(E));
          InsideNew[E] = NE;
          if (NE != E)
            NewSizes.insert(NE);
        } else {
          NE = It->second;
        }
      } else {
        auto It = DimOf.find(E);
        if (It != DimOf.end() && Dims[It->second].New)
          NE = Dims[It->second].New;
      }
    }
    QualType Elem = transformType(VAT->getElementType(), Depth + 1);
    if (NE == E && Elem == VAT->getElementType())
      return T;
    R = compat::variableArrayType(Ctx, Elem, NE, VAT);
  } else if (const auto *CAT = dyn_cast<ConstantArrayType>(Ty)) {
    QualType Elem = transformType(CAT->getElementType(), Depth + 1);
    if (Elem == CAT->getElementType())
      return T;
    R = Ctx.getConstantArrayType(Elem, CAT->getSize(), nullptr, CAT->getSizeModifier(),
                                 CAT->getIndexTypeCVRQualifiers());
  } else if (const auto *IAT = dyn_cast<IncompleteArrayType>(Ty)) {
    QualType Elem = transformType(IAT->getElementType(), Depth + 1);
    if (Elem == IAT->getElementType())
      return T;
    R = Ctx.getIncompleteArrayType(Elem, IAT->getSizeModifier(), IAT->getIndexTypeCVRQualifiers());
  } else if (const auto *PT = dyn_cast<PointerType>(Ty)) {
    QualType P = transformType(PT->getPointeeType(), Depth + 1);
    if (P == PT->getPointeeType())
      return T;
    R = Ctx.getPointerType(P);
  } else if (const auto *FP = dyn_cast<FunctionProtoType>(Ty)) {
    // a function returning (or taking) a pointer to an outside VLA
    QualType Ret = transformType(FP->getReturnType(), Depth + 1);
    bool Changed = Ret != FP->getReturnType();
    std::vector<QualType> Params;
    for (QualType P : FP->getParamTypes()) {
      Params.push_back(transformType(P, Depth + 1));
      Changed = Changed || Params.back() != P;
    }
    if (!Changed)
      return T;
    R = Ctx.getFunctionType(Ret, Params, FP->getExtProtoInfo());
  } else if (const auto *FN = dyn_cast<FunctionNoProtoType>(Ty)) {
    QualType Ret = transformType(FN->getReturnType(), Depth + 1);
    if (Ret == FN->getReturnType())
      return T;
    R = Ctx.getFunctionNoProtoType(Ret, FN->getExtInfo());
  } else {
    return T;
  }
  return Ctx.getQualifiedType(R, Split.Quals);
}

TypeSourceInfo *VMTypes::transformTSI(TypeSourceInfo *TSI, SourceLocation L) {
  if (!TSI)
    return TSI;
  QualType T = transformType(TSI->getType());
  return T == TSI->getType() ? TSI : Ctx.getTrivialTypeSourceInfo(T, L);
}

void VMTypes::transform(Stmt *S) {
  if (!S)
    return;
  if (auto *E = dyn_cast<Expr>(S))
    E->setType(transformType(E->getType()));
  if (auto *DS = dyn_cast<DeclStmt>(S)) {
    for (Decl *D : DS->decls()) {
      if (auto *VD = dyn_cast<VarDecl>(D)) {
        QualType T = transformType(VD->getType());
        if (T != VD->getType()) {
          VD->setType(T);
          VD->setTypeSourceInfo(Ctx.getTrivialTypeSourceInfo(T, VD->getLocation()));
        }
        transform(VD->getInit());
      } else if (auto *TD = dyn_cast<TypedefNameDecl>(D)) {
        TD->setTypeSourceInfo(transformTSI(TD->getTypeSourceInfo(), TD->getLocation()));
      }
    }
    return;
  }
  if (auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
    if (U->isArgumentType()) {
      U->setArgument(transformTSI(U->getArgumentTypeInfo(), U->getBeginLoc()));
      return;
    }
  if (auto *CE = dyn_cast<ExplicitCastExpr>(S))
    CE->setTypeInfoAsWritten(transformTSI(CE->getTypeInfoAsWritten(), CE->getBeginLoc()));
  if (auto *CL = dyn_cast<CompoundLiteralExpr>(S))
    CL->setTypeSourceInfo(transformTSI(CL->getTypeSourceInfo(), CL->getBeginLoc()));
  if (auto *VA = dyn_cast<VAArgExpr>(S))
    VA->setWrittenTypeInfo(transformTSI(VA->getWrittenTypeInfo(), VA->getBeginLoc()));
  for (Stmt *C : S->children())
    transform(C);
}

std::vector<Stmt *> VMTypes::dimTypedefs(FunctionDecl *Fn, SourceLocation L) {
  std::vector<Stmt *> Out;
  for (size_t K = 0; K < Dims.size(); ++K) {
    if (!Dims[K].New)
      continue;
    QualType T = compat::variableArrayType(Ctx, Ctx.CharTy, Dims[K].New, Dims[K].Old);
    auto *TD = TypedefDecl::Create(Ctx, Fn, L, L, &Ctx.Idents.get("__cdefer_vla_" + std::to_string(K + 1)),
                                   Ctx.getTrivialTypeSourceInfo(T, L));
    TD->setImplicit();
    TD->addAttr(UnusedAttr::CreateImplicit(Ctx));
    Out.push_back(new (Ctx) DeclStmt(DeclGroupRef(TD), L, L));
  }
  return Out;
}

} // namespace cdefer
