// compat.h - the only place where Clang versions differ (13, 14, 15, 16, 19, 22).
// Everything version-dependent in the AST / Sema API the plugin touches is
// wrapped here behind CLANG_VERSION_MAJOR; the other files call these.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef CDEFER_CLANG_COMPAT_H
#define CDEFER_CLANG_COMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/Version.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Basic/CodeGenOptions.h"
#if CLANG_VERSION_MAJOR < 17
#include "llvm/Passes/PassPlugin.h"
#include <dlfcn.h>
#endif

namespace cdefer {
namespace compat {

inline clang::CompoundStmt *makeCompound(const clang::ASTContext &C,
                                         llvm::ArrayRef<clang::Stmt *> Stmts,
                                         clang::SourceLocation LB,
                                         clang::SourceLocation RB) {
#if CLANG_VERSION_MAJOR >= 15
  return clang::CompoundStmt::Create(C, Stmts, clang::FPOptionsOverride(), LB, RB);
#else
  return clang::CompoundStmt::Create(C, Stmts, LB, RB);
#endif
}

inline clang::RecordDecl *makeStruct(clang::ASTContext &C, clang::DeclContext *DC,
                                     clang::SourceLocation Loc,
                                     clang::IdentifierInfo *Id) {
#if CLANG_VERSION_MAJOR >= 18
  return clang::RecordDecl::Create(C, clang::TagTypeKind::Struct, DC, Loc, Loc, Id);
#else
  return clang::RecordDecl::Create(C, clang::TTK_Struct, DC, Loc, Loc, Id);
#endif
}

inline clang::QualType recordType(const clang::ASTContext &C, const clang::RecordDecl *RD) {
#if CLANG_VERSION_MAJOR >= 22
  return C.getCanonicalTagType(RD);
#else
  return C.getRecordType(RD);
#endif
}

// A `static inline` function.  Clang 14 put UsesFPIntrin before
// isInlineSpecified: a `true` passed positionally for the latter made the
// helper strictfp under Clang 15, which the always-inliner then left out of
// line -- a `nothrow` helper whose deferred code may unwind, and its
// caller marked nounwind (test/clang/helpers_inlined.c).
inline clang::FunctionDecl *makeFunction(clang::ASTContext &C, clang::DeclContext *DC,
                                         clang::SourceLocation Loc,
                                         clang::DeclarationName Name, clang::QualType T,
                                         clang::TypeSourceInfo *TI) {
#if CLANG_VERSION_MAJOR >= 14
  return clang::FunctionDecl::Create(C, DC, Loc, Loc, Name, T, TI, clang::SC_Static,
                                     /*UsesFPIntrin=*/false, /*isInlineSpecified=*/true);
#else
  return clang::FunctionDecl::Create(C, DC, Loc, Loc, Name, T, TI, clang::SC_Static,
                                     /*isInlineSpecified=*/true);
#endif
}

// `if (Cond) Then [else Else]`: Clang 14 replaced the IsConstexpr flag by
// an IfStatementKind.
inline clang::IfStmt *makeIf(const clang::ASTContext &C, clang::SourceLocation L,
                             clang::Expr *Cond, clang::SourceLocation LP,
                             clang::SourceLocation RP, clang::Stmt *Then,
                             clang::SourceLocation EL = clang::SourceLocation(),
                             clang::Stmt *Else = nullptr) {
#if CLANG_VERSION_MAJOR >= 14
  return clang::IfStmt::Create(C, L, clang::IfStatementKind::Ordinary, nullptr, nullptr, Cond,
                               LP, RP, Then, EL, Else);
#else
  return clang::IfStmt::Create(C, L, /*IsConstexpr=*/false, nullptr, nullptr, Cond, LP, RP,
                               Then, EL, Else);
#endif
}

// A block with Old's braces and floating-point pragma state, holding Stmts.
inline clang::CompoundStmt *remakeCompound(const clang::ASTContext &C,
                                           llvm::ArrayRef<clang::Stmt *> Stmts,
                                           const clang::CompoundStmt *Old) {
#if CLANG_VERSION_MAJOR >= 15
  return clang::CompoundStmt::Create(C, Stmts,
                                     Old->hasStoredFPFeatures() ? Old->getStoredFPFeatures()
                                                                : clang::FPOptionsOverride(),
                                     Old->getLBracLoc(), Old->getRBracLoc());
#else
  return clang::CompoundStmt::Create(C, Stmts, Old->getLBracLoc(), Old->getRBracLoc());
#endif
}

// A variable array type like Like (size modifier, index qualifiers), with
// element Elem and size expression Size.
inline clang::QualType variableArrayType(const clang::ASTContext &C, clang::QualType Elem, clang::Expr *Size,
                                         const clang::VariableArrayType *Like) {
#if CLANG_VERSION_MAJOR >= 22
  return C.getVariableArrayType(Elem, Size, Like->getSizeModifier(), Like->getIndexTypeCVRQualifiers());
#else
  return C.getVariableArrayType(Elem, Size, Like->getSizeModifier(), Like->getIndexTypeCVRQualifiers(),
                                Like->getBracketsRange());
#endif
}

inline void setMacroBody(clang::Preprocessor &PP, clang::MacroInfo *MI,
                         llvm::ArrayRef<clang::Token> Toks) {
#if CLANG_VERSION_MAJOR >= 15
  MI->setTokens(Toks, PP.getPreprocessorAllocator());
#else
  for (const clang::Token &T : Toks)
    MI->AddTokenToBody(T);
#endif
}

// The `break` / `continue` keyword.
inline clang::SourceLocation breakLoc(const clang::BreakStmt *S) {
#if CLANG_VERSION_MAJOR >= 22
  return S->getKwLoc();
#else
  return S->getBreakLoc();
#endif
}
inline clang::SourceLocation continueLoc(const clang::ContinueStmt *S) {
#if CLANG_VERSION_MAJOR >= 22
  return S->getKwLoc();
#else
  return S->getContinueLoc();
#endif
}

// Clang 22's own `defer` node (lowered by CodeGen even without -fdefer-ts);
// null where it does not exist.
constexpr bool HasNativeDefer = CLANG_VERSION_MAJOR >= 22;
inline clang::Stmt *makeNativeDefer(clang::ASTContext &C, clang::SourceLocation Loc,
                                    clang::Stmt *Body) {
#if CLANG_VERSION_MAJOR >= 22
  return clang::DeferStmt::Create(C, Loc, Body);
#else
  return nullptr;
#endif
}

// Adds ehpass.cpp's pass to the compile's LLVM pipeline.  Clang 17+ takes
// PassBuilder callbacks from a frontend plugin (CodeGenOptions::
// PassBuilderCallbacks); before that only pass plugins, loaded by path: the
// plugin names its own file (dlopen returns the copy already loaded), whose
// llvmGetPassPluginInfo (COMPAT_PASS_PLUGIN_ENTRY) adds the pass.
#if CLANG_VERSION_MAJOR >= 17
inline void addPassBuilderCallback(clang::CodeGenOptions &O, void (*Add)(llvm::PassBuilder &)) {
  O.PassBuilderCallbacks.push_back(Add);
}
#define COMPAT_PASS_PLUGIN_ENTRY(Add)
#else
inline void addPassBuilderCallback(clang::CodeGenOptions &O, void (*Add)(llvm::PassBuilder &)) {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(Add), &Info) && Info.dli_fname)
    O.PassPlugins.push_back(Info.dli_fname);
}
#define COMPAT_PASS_PLUGIN_ENTRY(Add)                                                                      \
  extern "C" LLVM_ATTRIBUTE_WEAK ::llvm::PassPluginLibraryInfo llvmGetPassPluginInfo() {                 \
    return {LLVM_PLUGIN_API_VERSION, "cdefer", "1", Add};                                                 \
  }
#endif

// Whether the compile uses the legacy pass manager (-flegacy-pass-manager,
// Clang 13 and 14), which runs no pass plugin.
inline bool legacyPassManager(const clang::CodeGenOptions &O) {
#if CLANG_VERSION_MAJOR <= 14
  return O.LegacyPassManager;
#else
  (void)O;
  return false;
#endif
}

// The "non-void function does not return a value" warnings (one merged
// diagnostic since Clang 21).
inline llvm::SmallVector<unsigned, 2> fallOffDiags() {
#if CLANG_VERSION_MAJOR >= 21
  return {clang::diag::warn_falloff_nonvoid};
#else
  return {clang::diag::warn_falloff_nonvoid_function, clang::diag::warn_maybe_falloff_nonvoid_function};
#endif
}

// Hands Consumer a copy of diagnostic Info whose text is Msg (same
// location, ID and ranges).  Before Clang 20 a Diagnostic with a stored
// message reads everything else from the engine's current diagnostic.
inline void forwardWithMessage(clang::DiagnosticConsumer &Consumer, clang::DiagnosticsEngine::Level L,
                               const clang::Diagnostic &Info, llvm::StringRef Msg) {
#if CLANG_VERSION_MAJOR >= 20
  clang::DiagnosticStorage Storage;
  for (unsigned I = 0; I < Info.getNumRanges(); ++I)
    Storage.DiagRanges.push_back(Info.getRange(I));
  for (unsigned I = 0; I < Info.getNumFixItHints(); ++I)
    Storage.FixItHints.push_back(Info.getFixItHint(I));
  clang::Diagnostic Copy(Info.getDiags(), Info.getLocation(), Info.getID(), Storage, Msg);
#else
  clang::Diagnostic Copy(Info.getDiags(), Msg);
#endif
  Consumer.HandleDiagnostic(L, Copy);
}

// synth.cpp's inherited attributes that only some majors have
// (disable_sanitizer_instrumentation: Clang 14+).
inline bool isVersionedInheritedAttr(const clang::Attr *A) {
#if CLANG_VERSION_MAJOR >= 14
  return llvm::isa<clang::DisableSanitizerInstrumentationAttr>(A);
#else
  (void)A;
  return false;
#endif
}

} // namespace compat
} // namespace cdefer

#endif
