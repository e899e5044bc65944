// cdefer.h - the Clang plugin's shared declarations: plugin options, the
// per-function model of the defers found in a body (FunctionModel) and the
// entry points of each stage.  Stages, one file each:
//   marker.cpp  recognise `_Defer` markers and number the body (FunctionModel)
//   checks.cpp  constraints E1-E7, E10, E11 and warnings W1, W2
//   lower.cpp   capture/rewrite of the deferred statement, cleanup lowering
//   unwinds.cpp keeps a function with defers able to unwind (not nounwind)
//   recover.cpp cdefer_result and the recover() lowering
//   dump.cpp    the `dump` option's report
//   sites.cpp   which functions can hold a defer (the `_Defer` expansions seen)
//   plugin.cpp  options, predefined macros, pragma, diagnostics, the action
#ifndef CDEFER_CLANG_CDEFER_H
#define CDEFER_CLANG_CDEFER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace clang {
class Sema;
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace cdefer {

// The marker the `_Defer` macro expands to:  while (0 && __builtin_expect(0, MAGIC)) STMT
// (the leading `0 &&` makes -Wunreachable-code see a configuration value).
// MAGIC fits in 32 bits: __builtin_expect takes a long, which is 32 bits on
// armhf and i686 (a wider value draws -Wconstant-conversion there).
#define CDEFER_MAGIC_TEXT "0x2575cdef"
constexpr unsigned long long MagicValue = 0x2575cdefULL;

/// Where `_Defer` was expanded (sites.cpp): functions without one are skipped.
struct DeferSites {
  std::vector<clang::SourceLocation> Locs; // expansion locations, TU order
  size_t Next = 0;                         // first one not before the last function
  bool All = false;                        // preprocessed input: walk every function
  const clang::FunctionDecl *Recover = nullptr; // cdefer_recover, once declared
  void attach(clang::CompilerInstance &CI);
  bool mayHold(const clang::FunctionDecl *FD, clang::SourceManager &SM);
  bool recoverReferenced(clang::ASTContext &Ctx);
};

struct Options {
  bool Unwind = true;
  bool Dump = false;
  bool Native = false; // lowering=native: Clang 22's DeferStmt
};

// A half-open range of preorder numbers: every statement of a subtree.
struct Range {
  unsigned Begin = 0, End = 0;
  bool contains(unsigned N) const { return N >= Begin && N < End; }
};

struct Defer {
  clang::WhileStmt *Marker = nullptr;   // the `while (marker) STMT`
  clang::Stmt *Body = nullptr;          // STMT
  clang::SourceLocation Kw;             // the _Defer / defer token (file location)
  clang::Stmt *Parent = nullptr;        // the marker's direct parent statement
  clang::CompoundStmt *Block = nullptr; // enclosing block when the scope is its rest
  unsigned Index = 0;                   // Block child holding the marker (or its label chain)
  Range BodyR;                          // STMT
  Range ScopeR;                         // the rest of the block after the defer
  unsigned Number = 0;                  // 1-based, in source order within the function
  bool Bad = false;
  // Filled by lowering, used by the dump.
  std::string FnName;
  std::vector<std::string> Captures;
  clang::DeclContext *FnContext = nullptr;
};

// Everything the checks and the lowering need to know about one body.
struct FunctionModel {
  clang::FunctionDecl *FD = nullptr;
  std::vector<Defer> Defers;                    // preorder (source) order
  llvm::DenseMap<const clang::Stmt *, unsigned> Pre; // preorder number
  llvm::DenseMap<const clang::Stmt *, clang::Stmt *> ParentOf;
  std::vector<clang::Stmt *> Jumps;             // goto, indirect goto, return, break, continue
  std::vector<clang::SwitchCase *> Cases;
  llvm::DenseMap<const clang::SwitchCase *, clang::SwitchStmt *> SwitchOf;
  std::vector<clang::CallExpr *> Calls;
  std::vector<clang::AddrLabelExpr *> AddrLabels; // &&L
  std::vector<clang::GCCAsmStmt *> AsmGotos;
  std::vector<clang::Stmt *> Unsupported;       // defers in blocks (^{}) etc.
  unsigned pre(const clang::Stmt *S) const {
    auto It = Pre.find(S);
    return It == Pre.end() ? ~0u : It->second;
  }
  bool isMarker(const clang::Stmt *S) const;
  // The loop (or, for break, switch) a break/continue leaves; markers are not loops.
  clang::Stmt *jumpTarget(const clang::Stmt *Jump) const;
  // The innermost defer whose STMT contains S, or null.
  Defer *innermostBody(const clang::Stmt *S);
};

// marker.cpp
bool isMarkerCond(const clang::Expr *Cond);
bool buildModel(clang::FunctionDecl *FD, clang::SourceManager &SM, FunctionModel &M);

// checks.cpp: returns false when an error was reported.
bool checkFunction(FunctionModel &M, clang::DiagnosticsEngine &D, clang::SourceManager &SM);

// lower.cpp: lowers every defer of M; Emit receives each synthesized function.
bool lowerFunction(FunctionModel &M, clang::Sema &S, const Options &O,
                   std::vector<clang::FunctionDecl *> &Synthesized);

// unwinds.cpp: the call that keeps FD from being marked nounwind (unwinding on).
bool keepUnwinding(clang::FunctionDecl *FD, clang::Sema &S, unsigned N,
                   std::vector<clang::FunctionDecl *> &Synthesized);

// recover.cpp: named results (R1-R6) and the recover lowering (SPEC 4, 5).
bool hasResultVars(const clang::FunctionDecl *FD);
void checkResults(clang::FunctionDecl *FD, clang::DiagnosticsEngine &D, clang::SourceManager &SM);
bool prepareRecover(FunctionModel &M, clang::Sema &S, const Options &O);
bool finishRecover(FunctionModel &M, clang::Sema &S);

// dump.cpp
void dumpFunction(const FunctionModel &M, clang::SourceManager &SM, const Options &O);

// plugin.cpp: diagnostics shared by the stages.
std::string locText(clang::SourceManager &SM, clang::SourceLocation L);
void report(clang::DiagnosticsEngine &D, clang::SourceManager &SM, clang::SourceLocation At,
            const std::string &Msg, const Defer *Note, bool Warning = false);

} // namespace cdefer

#endif
