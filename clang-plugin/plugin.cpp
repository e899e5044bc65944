// plugin.cpp - the plugin's entry: options (unwind=off, dump), the
// predefined macros (__CDEFER__, __STDC_DEFER_TS25755__, _Defer), the
// `#pragma cdefer enable` handler that defines them in every mode (-E too),
// the diagnostic filter that turns a file-scope `_Defer` into E8, and the
// AST consumer that checks and lowers each function before CodeGen sees it.
#include "cdefer.h"
#include "compat.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Pragma.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace clang;

#ifndef CDEFER_VERSION_NUMBER
#define CDEFER_VERSION_NUMBER 100
#endif
#define CDEFER_STR2(x) #x
#define CDEFER_STR(x) CDEFER_STR2(x)

#ifndef CDEFER_SOURCE_DIR
#define CDEFER_SOURCE_DIR "CDEFER-SOURCE"
#endif

namespace cdefer {

// A plugin built for one Clang major must not run inside another (the AST
// layout differs): say so, say what to do, and stop before anything runs.
// getClangFullVersion() is the host's, CLANG_VERSION_MAJOR ours.
static struct VersionGuard {
  VersionGuard() {
    std::string V = clang::getClangFullVersion();
    size_t P = V.find("version ");
    if (P == std::string::npos)
      return;
    int Host = std::atoi(V.c_str() + P + 8);
    if (Host <= 0 || Host == CLANG_VERSION_MAJOR)
      return;
    llvm::errs() << "cdefer-clang.so: this plugin was built for Clang " << CLANG_VERSION_MAJOR
                 << " and cannot be loaded into Clang " << Host << "; use clang-" << CLANG_VERSION_MAJOR
                 << ", or build cdefer for this Clang: cmake -S " << CDEFER_SOURCE_DIR << " -B build-clang-"
                 << Host << " -DCDEFER_CLANG_VERSION=" << Host << " (needs the libclang-" << Host
                 << "-dev and llvm-" << Host << "-dev packages)\n";
    llvm::errs().flush();
    std::_Exit(1);
  }
} TheVersionGuard;

static const char *const MacroDefs[][2] = {
    {"__CDEFER__", CDEFER_STR(CDEFER_VERSION_NUMBER)},
    {"__STDC_DEFER_TS25755__", "1"},
    {"_Defer", "while (0 && __builtin_expect(0, " CDEFER_MAGIC_TEXT "))"},
};

std::string locText(SourceManager &SM, SourceLocation L) {
  L = SM.getFileLoc(L);
  PresumedLoc P = SM.getPresumedLoc(L);
  if (P.isInvalid())
    return "<unknown>";
  return std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) + ":" +
         std::to_string(P.getColumn());
}

void report(DiagnosticsEngine &D, SourceManager &SM, SourceLocation At, const std::string &Msg,
            const Defer *Note, bool Warning) {
  // Custom warnings ignore -Werror / -w by themselves: apply them here.
  if (Warning && D.getIgnoreAllWarnings())
    return;
  if (Warning && D.getWarningsAsErrors())
    Warning = false;
  unsigned ID = D.getCustomDiagID(Warning ? DiagnosticsEngine::Warning : DiagnosticsEngine::Error, "%0");
  D.Report(SM.getFileLoc(At), ID) << Msg;
  if (Note) {
    unsigned NID = D.getCustomDiagID(DiagnosticsEngine::Note, "defer statement is here");
    D.Report(Note->Kw, NID);
  }
}

namespace {

// Defines the macros through the Preprocessor; used by the pragma, which
// runs in every frontend mode (the AST action does not run under -E).
void defineMacros(Preprocessor &PP, SourceLocation Loc) {
  SourceManager &SM = PP.getSourceManager();
  for (const auto &Def : MacroDefs) {
    if (PP.isMacroDefined(Def[0]))
      continue;
    std::string Text = Def[1];
    FileID FID = SM.createFileID(llvm::MemoryBuffer::getMemBufferCopy(Text, "<cdefer>"));
    Lexer Raw(FID, SM.getBufferOrFake(FID), SM, PP.getLangOpts());
    MacroInfo *MI = PP.AllocateMacroInfo(Loc);
    llvm::SmallVector<Token, 16> Body;
    Token T;
    while (!Raw.LexFromRawLexer(T) || T.isNot(tok::eof)) {
      if (T.is(tok::eof))
        break;
      if (T.is(tok::raw_identifier))
        PP.LookUpIdentifierInfo(T);
      Body.push_back(T);
    }
    compat::setMacroBody(PP, MI, Body);
    MI->setDefinitionEndLoc(Loc);
    PP.appendDefMacroDirective(PP.getIdentifierInfo(Def[0]), MI);
  }
}

class EnablePragma : public PragmaHandler {
public:
  EnablePragma() : PragmaHandler("cdefer") {}
  void HandlePragma(Preprocessor &PP, PragmaIntroducer Introducer, Token &Tok) override {
    SourceLocation Loc = Tok.getLocation();
    PP.Lex(Tok);
    bool Enable = Tok.is(tok::identifier) && Tok.getIdentifierInfo()->getName() == "enable";
    while (Tok.isNot(tok::eod) && Tok.isNot(tok::eof))
      PP.Lex(Tok);
    if (Enable)
      defineMacros(PP, Loc);
  }
};

static PragmaHandlerRegistry::Add<EnablePragma> RegisterPragma("cdefer", "cdefer: #pragma cdefer enable");

// Turns the parse error a `_Defer` at file scope produces into E8.  The
// replacement is reported later, from the consumer (not from inside the
// diagnostic machinery).
class DiagFilter : public DiagnosticConsumer {
public:
  DiagFilter(CompilerInstance &CI, DiagnosticConsumer *Inner, std::unique_ptr<DiagnosticConsumer> Owned)
      : CI(CI), Inner(Inner), Owned(std::move(Owned)) {}
  std::vector<SourceLocation> PendingE8;

  void BeginSourceFile(const LangOptions &LO, const Preprocessor *PP) override {
    Inner->BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override { Inner->EndSourceFile(); }
  void finish() override { Inner->finish(); }
  void clear() override {
    Inner->clear();
    DiagnosticConsumer::clear();
  }
  bool IncludeInDiagnosticCounts() const override { return Inner->IncludeInDiagnosticCounts(); }

  void HandleDiagnostic(DiagnosticsEngine::Level L, const Diagnostic &Info) override {
    if (L >= DiagnosticsEngine::Error && Info.hasSourceManager() && Info.getLocation().isMacroID() &&
        CI.hasSema() && !CI.getSema().getCurFunctionDecl()) {
      SourceManager &SM = Info.getSourceManager();
      SourceLocation Loc = Info.getLocation();
      StringRef Name = Lexer::getImmediateMacroName(Loc, SM, CI.getLangOpts());
      if (Name == "_Defer") {
        SourceLocation Kw = SM.getFileLoc(Loc);
        if (std::find(PendingE8.begin(), PendingE8.end(), Kw) == PendingE8.end() &&
            std::find(DoneE8.begin(), DoneE8.end(), Kw) == DoneE8.end())
          PendingE8.push_back(Kw);
        return;
      }
    }
    DiagnosticConsumer::HandleDiagnostic(L, Info);
    Inner->HandleDiagnostic(L, Info);
  }

  void flush(DiagnosticsEngine &D) {
    std::vector<SourceLocation> P;
    P.swap(PendingE8);
    for (SourceLocation L : P) {
      DoneE8.push_back(L);
      unsigned ID = D.getCustomDiagID(DiagnosticsEngine::Error, "defer statement outside a function");
      D.Report(L, ID);
    }
  }

private:
  CompilerInstance &CI;
  DiagnosticConsumer *Inner;
  std::unique_ptr<DiagnosticConsumer> Owned;
  std::vector<SourceLocation> DoneE8;
};

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &CI, Options O, DiagFilter *Filter) : CI(CI), O(O), Filter(Filter) {
    Sites.attach(CI);
  }

  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    if (Reentered)
      return true;
    flushE8();
    for (Decl *D : DG)
      if (auto *FD = dyn_cast<FunctionDecl>(D))
        if (FD->doesThisDeclarationHaveABody() && !FD->isInvalidDecl())
          handleFunction(FD);
    return true;
  }

  void HandleTranslationUnit(ASTContext &) override { flushE8(); }

private:
  void flushE8() {
    if (Filter)
      Filter->flush(CI.getDiagnostics());
  }

  void handleFunction(FunctionDecl *FD) {
    Sema &S = CI.getSema();
    SourceManager &SM = CI.getSourceManager();
    FunctionModel M;
    checkResults(FD, CI.getDiagnostics(), SM);
    if (!Sites.mayHold(FD, SM) && !hasResultVars(FD) && !Sites.recoverReferenced(FD->getASTContext()))
      return;
    if (!buildModel(FD, SM, M))
      return;
    checkFunction(M, CI.getDiagnostics(), SM);
    std::vector<FunctionDecl *> Synth;
    if (!CI.getDiagnostics().hasErrorOccurred())
      lowerFunction(M, S, O, Synth);
    if (O.Dump && !M.Defers.empty())
      dumpFunction(M, SM, O);
    if (Synth.empty() || CI.getDiagnostics().hasErrorOccurred())
      return;
    Reentered = true;
    for (FunctionDecl *F : Synth)
      CI.getASTConsumer().HandleTopLevelDecl(DeclGroupRef(F));
    Reentered = false;
  }

  CompilerInstance &CI;
  Options O;
  DiagFilter *Filter;
  DeferSites Sites;
  bool Reentered = false;
};

class Action : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    // C only: the TS is a C TS, and the lowering knows C's AST.
    if (CI.getLangOpts().CPlusPlus || CI.getLangOpts().ObjC)
      return std::make_unique<ASTConsumer>();
    if (O.Unwind)
      CI.getLangOpts().Exceptions = 1;
    Preprocessor &PP = CI.getPreprocessor();
    std::string Pre = PP.getPredefines();
    for (const auto &Def : MacroDefs)
      Pre += std::string("#define ") + Def[0] + " " + Def[1] + "\n";
    PP.setPredefines(Pre);
    DiagnosticsEngine &D = CI.getDiagnostics();
    DiagnosticConsumer *Inner = D.getClient();
    std::unique_ptr<DiagnosticConsumer> Owned = D.takeClient();
    auto *Filter = new DiagFilter(CI, Inner, std::move(Owned));
    D.setClient(Filter, /*ShouldOwnClient=*/true);
    return std::make_unique<Consumer>(CI, O, Filter);
  }

  bool ParseArgs(const CompilerInstance &CI, const std::vector<std::string> &Args) override {
    for (const std::string &A : Args) {
      if (A == "unwind=off")
        O.Unwind = false;
      else if (A == "unwind=on")
        O.Unwind = true;
      else if (A == "dump")
        O.Dump = true;
      else if (A == "lowering=cleanup")
        O.Native = false;
      else if (A == "lowering=native" && compat::HasNativeDefer)
        O.Native = true;
      else {
        DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                   "cdefer: unknown plugin argument '%0' (known: unwind=off, unwind=on, dump, lowering=cleanup, lowering=native on Clang 22+)"))
            << A;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  Options O;
};

} // namespace
} // namespace cdefer

static clang::FrontendPluginRegistry::Add<cdefer::Action> X("cdefer", "C defer statement (TS 25755)");
