// plugin.cpp - the plugin's entry: options (unwind=off, dump), the
// predefined macros (__CDEFER__, __STDC_DEFER_TS25755__, _Defer), the
// `#pragma cdefer enable` handler that defines them in every mode (-E too),
// the diagnostic filter that turns a file-scope `_Defer` into E8, and the
// AST consumer that checks and lowers each function before CodeGen sees it.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"

#include "clang/Basic/DiagnosticParse.h"
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
#include <climits>
#include <cstdlib>
#include <dlfcn.h>
#include <unistd.h>

using namespace clang;

// cdefer's version, from CMake's project(VERSION) (CMakeLists.txt).
#if !defined(CDEFER_VERSION_NUMBER) || !defined(CDEFER_VERSION_STRING)
#error "CDEFER_VERSION_NUMBER and CDEFER_VERSION_STRING are set by CMakeLists.txt: build with CMake"
#endif
#define CDEFER_STR2(x) #x
#define CDEFER_STR(x) CDEFER_STR2(x)

namespace cdefer {

// A plugin built for one Clang major must not run inside another (the AST
// layout differs): say so, say what to do — the plugin installed for the
// host's major next to this one (P/lib/cdefer/cdefer-clang-MAJOR.so, loaded
// as clang-MAJOR/cdefer.so) if there is one, else how to build one; no
// build-machine path — and stop before anything runs.
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
    std::string Dir = ".", Match;
    Dl_info Info;
    if (dladdr(reinterpret_cast<void *>(&cdefer::locText), &Info) && Info.dli_fname) {
      char Real[PATH_MAX];
      if (realpath(Info.dli_fname, Real)) {
        Dir = Real;
        Dir = Dir.substr(0, Dir.rfind('/'));
      }
    }
    for (std::string Name : {"/clang-" + std::to_string(Host) + "/cdefer.so",
                             "/cdefer-clang-" + std::to_string(Host) + ".so"})
      if (Match.empty() && access((Dir + Name).c_str(), R_OK) == 0)
        Match = Dir + Name;
    llvm::errs() << "cdefer-clang.so: this plugin (cdefer " CDEFER_VERSION_STRING ") was built for Clang "
                 << CLANG_VERSION_MAJOR << " and cannot be loaded into Clang " << Host << "; ";
    if (!Match.empty())
      llvm::errs() << "use the plugin installed for Clang " << Host << ": -fplugin=" << Match << "\n";
    else
      llvm::errs() << "use clang-" << CLANG_VERSION_MAJOR
                   << ", or build cdefer for this Clang: cmake -S path/to/cdefer -B build-clang-" << Host
                   << " -DCDEFER_CLANG_VERSION=" << Host << " (Debian: apt-get install libclang-" << Host
                   << "-dev llvm-" << Host << "-dev) and install it into the same prefix\n";
    llvm::errs().flush();
    std::_Exit(1);
  }
} TheVersionGuard;

static const std::string MacroDefs[][2] = {
    {"__CDEFER__", CDEFER_STR(CDEFER_VERSION_NUMBER)},
    {"__STDC_DEFER_TS25755__", "1"},
    {"_Defer", std::string("if (sizeof(char)) __asm__(\"\"); else while ((void *)!sizeof(char) && ") +
                   cdefer::required::clang + ")"},
};

// The declaration the marker needs (model.h): part of the predefines of
// every compile with the plugin, a `.i` included; never in `-E` output.
static const std::string PluginRequiredDecl = std::string("enum { ") + cdefer::required::clang + " };\n";

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
    unsigned NID = D.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    D.Report(Note->Kw, NID) << text(msg::N1);
  }
}

std::string text(msg Id, std::initializer_list<std::string> Args) {
  llvm::SmallVector<const char *, 4> A;
  for (const std::string &S : Args)
    A.push_back(S.c_str());
  return diag_render(Id, A.data(), (int)A.size(), "'", "'");
}

void report(DiagnosticsEngine &D, SourceManager &SM, SourceLocation At, msg Id,
            std::initializer_list<std::string> Args, const Defer *Note) {
  report(D, SM, At, text(Id, Args), Note, diag_lookup(Id).kind == diag_kind::WARNING);
}

namespace {

// Defines the macros through the Preprocessor; used by the pragma, which
// runs in every frontend mode (the AST action does not run under -E).
void defineMacros(Preprocessor &PP, SourceLocation Loc) {
  SourceManager &SM = PP.getSourceManager();
  for (const auto &Def : MacroDefs) {
    if (PP.isMacroDefined(Def[0]))
      continue;
    const std::string &Text = Def[1];
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

  /// Whether the diagnostic points into the expansion of the `_Defer` marker
  /// itself (not into the user's deferred statement).
  bool inDeferExpansion(const Diagnostic &Info) const {
    return Info.hasSourceManager() && Info.getLocation().isMacroID() &&
           Lexer::getImmediateMacroName(Info.getLocation(), Info.getSourceManager(), CI.getLangOpts()) == "_Defer";
  }

  void HandleDiagnostic(DiagnosticsEngine::Level L, const Diagnostic &Info) override {
    if (L >= DiagnosticsEngine::Error && CI.hasSema() && !CI.getSema().getCurFunctionDecl() &&
        inDeferExpansion(Info)) {
      SourceLocation Kw = Info.getSourceManager().getFileLoc(Info.getLocation());
      if (std::find(PendingE8.begin(), PendingE8.end(), Kw) == PendingE8.end() &&
          std::find(DoneE8.begin(), DoneE8.end(), Kw) == DoneE8.end())
        PendingE8.push_back(Kw);
      return;
    }
    // `if (c) defer f();`: the marker's own `else` (model.h) is not the
    // user's; W2 already reports the braceless defer there.
    if (L == DiagnosticsEngine::Warning && Info.getID() == diag::warn_dangling_else && inDeferExpansion(Info))
      return;
    // A diagnostic about code in a synthesized function (CodeGen's
    // target-feature check of an inlined intrinsic, a backend warning)
    // names the user's function instead.
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Msg(Text.str());
    if (Msg.find("__cdefer_") != std::string::npos && renameSynthesized(Msg)) {
      DiagnosticConsumer::HandleDiagnostic(L, Info);
      compat::forwardWithMessage(*Inner, L, Info, Msg);
      return;
    }
    DiagnosticConsumer::HandleDiagnostic(L, Info);
    Inner->HandleDiagnostic(L, Info);
  }

  void flush(DiagnosticsEngine &D) {
    std::vector<SourceLocation> P;
    P.swap(PendingE8);
    for (SourceLocation L : P) {
      DoneE8.push_back(L);
      unsigned ID = D.getCustomDiagID(DiagnosticsEngine::Error, "%0");
      D.Report(L, ID) << text(msg::E8);
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
    if (O.Dump || O.Analyze)
      noteScopeEnds(M);
    if (!CI.getDiagnostics().hasErrorOccurred())
      lowerFunction(M, S, O, Synth);
    if (O.Dump && (!M.Defers.empty() || M.NamedResult))
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
    O.Analyze = CI.getFrontendOpts().ProgramAction == frontend::RunAnalysis;
    O.O0 = CI.getCodeGenOpts().OptimizationLevel == 0;
    // Deferred code run by a landing pad may unwind (ehpass.cpp).
    if (O.Unwind && !O.Analyze)
      registerEHPass(CI);
    Preprocessor &PP = CI.getPreprocessor();
    std::string Pre = PP.getPredefines();
    // What the compiler predefines itself is not defined again: clang-22
    // -fdefer-ts has __STDC_DEFER_TS25755__, and a second definition is
    // "redefining builtin macro" (-Wbuiltin-macro-redefined).
    for (const auto &Def : MacroDefs)
      if (!PP.isMacroDefined(Def[0]) && Pre.find(std::string("#define ") + Def[0] + " ") == std::string::npos)
        Pre += std::string("#define ") + Def[0] + " " + Def[1] + "\n";
    Pre += PluginRequiredDecl;
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
        D.Report(D.getCustomDiagID(DiagnosticsEngine::Error, "cdefer: unknown plugin argument '%0' (known: %1)"))
            << A << option_list("clang");
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
