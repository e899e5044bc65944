// build.h - the few AST expressions the plugin builds by hand, shared by
// lower.cpp, analyze.cpp and recover.cpp: a reference to a declaration, the
// value of an lvalue, and a call through Sema (which converts the
// arguments and declares builtins).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef CDEFER_CLANG_BUILD_H
#define CDEFER_CLANG_BUILD_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/ArrayRef.h"

#include <vector>

namespace cdefer {

// D, as an lvalue at L.
inline clang::Expr *declRef(clang::ASTContext &Ctx, clang::ValueDecl *D, clang::SourceLocation L) {
  return clang::DeclRefExpr::Create(Ctx, clang::NestedNameSpecifierLoc(), clang::SourceLocation(), D, false, L,
                                    D->getType().getNonReferenceType(), clang::VK_LValue);
}

// The value of lvalue E (not for an _Atomic one: recover.cpp loads those
// through Sema).
inline clang::Expr *valueOf(clang::ASTContext &Ctx, clang::Expr *E) {
  return clang::ImplicitCastExpr::Create(Ctx, E->getType().getUnqualifiedType(), clang::CK_LValueToRValue, E,
                                         nullptr, clang::VK_PRValue, clang::FPOptionsOverride());
}

// A call of Callee written in function In, through Sema; null if Sema
// refused it.
inline clang::Expr *callIn(clang::Sema &S, clang::FunctionDecl *Callee, clang::FunctionDecl *In,
                           llvm::ArrayRef<clang::Expr *> Args, clang::SourceLocation L) {
  clang::Sema::ContextRAII InFn(S, In);
  std::vector<clang::Expr *> A(Args.begin(), Args.end());
  clang::ExprResult R = S.BuildCallExpr(nullptr, declRef(S.getASTContext(), Callee, L), L, A, L);
  return R.isInvalid() ? nullptr : R.get();
}

} // namespace cdefer

#endif
