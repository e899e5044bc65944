// unwinds.cpp - keeps a function with defers from being marked `nounwind`
// because of the plugin's own `nothrow` helpers (unwinding on).
//
// With the EH chain (chain.cpp) every __cdefer_fn_N is `nothrow`, so its
// calls are plain calls that cannot throw.  Clang's CodeGen marks a function
// `nounwind` when none of its calls may throw (TryMarkNoThrow, after the
// body is emitted, before any inlining): a function whose only calls that
// may unwind sit in deferred statements got `nounwind`, and LLVM then
// turned its callers' invokes into plain calls and dropped their landing
// pads (at -O0 already when the function is emitted before its caller:
// a call of an emitted `nounwind` llvm::Function cannot throw).  A panic
// or pthread_exit raised by that deferred code then skipped the callers'
// deferred statements and their recover().
//
// So each such function calls, first thing in its body and outside every
// cleanup scope, a helper of its own that is not nothrow:
//
//     static inline __attribute__((always_inline)) void __cdefer_unwinds_N(void) { }
//     f(...) { __cdefer_unwinds_N(); BODY }
//
// CodeGen emits the (deferred, static inline) helper only at the end of the
// translation unit, so when f is emitted the callee is a declaration that
// may throw, and f keeps its unwind edges.  The always-inliner then removes
// the call (also at -O0), and LLVM's FunctionAttrs infers `nounwind` from
// what is left, correctly: the deferred statements' own calls.
// docs/DESIGN-clang.md, "Unwinding".
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "compat.h"

#include "clang/AST/Attr.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace cdefer {

bool keepUnwinding(FunctionDecl *FD, Sema &S, unsigned N, std::vector<FunctionDecl *> &Synthesized) {
  ASTContext &Ctx = S.getASTContext();
  auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body)
    return false;
  SourceLocation L = Body->getLBracLoc();
  QualType FnTy = Ctx.getFunctionType(Ctx.VoidTy, {}, FunctionProtoType::ExtProtoInfo());
  FunctionDecl *H =
      compat::makeFunction(Ctx, Ctx.getTranslationUnitDecl(), L,
                           DeclarationName(&Ctx.Idents.get("__cdefer_unwinds_" + std::to_string(N))), FnTy,
                           Ctx.getTrivialTypeSourceInfo(FnTy, L));
  H->addAttr(AlwaysInlineAttr::CreateImplicit(Ctx));
  H->setBody(compat::makeCompound(Ctx, {}, L, L));

  Sema::ContextRAII InFn(S, FD);
  auto *Ref = DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(), H, false, L, H->getType(),
                                  VK_LValue);
  ExprResult Call = S.BuildCallExpr(nullptr, Ref, L, {}, L);
  if (Call.isInvalid())
    return false;
  std::vector<Stmt *> Stmts{Call.get()};
  Stmts.insert(Stmts.end(), Body->body_begin(), Body->body_end());
  FD->setBody(compat::remakeCompound(Ctx, Stmts, Body));
  Synthesized.push_back(H);
  return true;
}

} // namespace cdefer
