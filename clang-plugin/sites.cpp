// sites.cpp - which functions can hold a defer at all.  The preprocessor
// tells the plugin about every expansion of the `_Defer` macro (`defer`
// expands to it); a function whose source range holds none has no defer,
// so the consumer skips the per-function model, checks and lowering for it.
// Handled anyway: a function with a cdefer_result variable, and every
// function once `cdefer_recover` (the function behind `recover()`) has been
// referenced anywhere, since W3 warns at a recover outside a deferred
// statement in any function.  Loading
// the plugin into defer-free code then costs one macro callback per
// expansion of anything, not a walk of every body.  Preprocessed input
// (`.i`, where the markers are plain tokens) has no such expansions: there
// every function is walked, as before.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace cdefer {
namespace {

/// Records the expansion location of each `_Defer` expansion, in lexing
/// (translation-unit) order.
class Recorder : public PPCallbacks {
public:
  Recorder(DeferSites &S, SourceManager &SM, const IdentifierInfo *Name) : S(S), SM(SM), Name(Name) {}
  void MacroExpands(const Token &Tok, const MacroDefinition &, SourceRange, const MacroArgs *) override {
    if (Tok.getIdentifierInfo() == Name)
      S.Locs.push_back(SM.getExpansionLoc(Tok.getLocation()));
  }

private:
  DeferSites &S;
  SourceManager &SM;
  const IdentifierInfo *Name;
};

} // namespace

void DeferSites::attach(CompilerInstance &CI) {
  for (const FrontendInputFile &In : CI.getFrontendOpts().Inputs)
    if (In.getKind().isPreprocessed())
      All = true;
  Preprocessor &PP = CI.getPreprocessor();
  PP.addPPCallbacks(std::make_unique<Recorder>(*this, CI.getSourceManager(), PP.getIdentifierInfo("_Defer")));
}

// Functions arrive in translation-unit order, so the expansions before this
// one's start belong to earlier code and are dropped for good.  A `_Defer`
// in a macro argument is expanded when the macro is, which may be just
// before the previous function is handed over; its expansion location is
// the macro's, inside this function's range (or both functions', if one
// macro defines both: then both are walked).
bool DeferSites::mayHold(const FunctionDecl *FD, SourceManager &SM) {
  if (All)
    return true;
  SourceLocation B = SM.getExpansionLoc(FD->getBeginLoc());
  SourceLocation E = SM.getExpansionRange(FD->getEndLoc()).getEnd();
  while (Next < Locs.size() && SM.isBeforeInTranslationUnit(Locs[Next], B))
    ++Next;
  return Next < Locs.size() && !SM.isBeforeInTranslationUnit(E, Locs[Next]);
}

bool DeferSites::recoverReferenced(ASTContext &Ctx) {
  if (!Recover) {
    IdentifierInfo *II = &Ctx.Idents.get(abi::recover);
    for (NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(DeclarationName(II)))
      if ((Recover = dyn_cast<FunctionDecl>(D)))
        break;
    if (!Recover)
      return false;
  }
  return Recover->getMostRecentDecl()->isReferenced();
}

} // namespace cdefer
