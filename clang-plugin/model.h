// model.h - the Clang plugin's shared declarations: plugin options, the
// per-function model of the defers found in a body (FunctionModel) and the
// entry points of each stage.  Stages, one file each:
//   marker.cpp  recognise `_Defer` markers and number the body (FunctionModel)
//   checks.cpp  constraints E1-E7, E10, E11 and warnings W1, W2
//   lower.cpp   capture/rewrite of the deferred statement, cleanup lowering
//   chain.cpp   the EH chain: deferred code that unwinds during unwinding (lower.h)
//   unwinds.cpp keeps a function with defers able to unwind (not nounwind)
//   recover.cpp cdefer_result and the recover() lowering
//   vm.cpp      variably modified types in a deferred statement
//   synth.cpp   attributes of synthesized functions, their names in diagnostics
//   dump.cpp    the `dump` option's report
//   sites.cpp   which functions can hold a defer (the `_Defer` expansions seen)
//   plugin.cpp  options, predefined macros, pragma, diagnostics, the action
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef CDEFER_CLANG_MODEL_H
#define CDEFER_CLANG_MODEL_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "../common/contract.h"
#include <functional>
#include <string>
#include <vector>

namespace clang {
class Sema;
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace cdefer {

// The marker the `_Defer` macro expands to:
//     if (sizeof(char)) __asm__(""); else
//       while ((void *)!sizeof(char) && PLUGIN_REQUIRED) STMT
// The `while` is the defer (marker.cpp); the `if` around it is only for
// Clang's constant evaluator, which Sema runs on a statement expression long
// before the plugin lowers it: the asm statement, evaluated first, is one it
// cannot evaluate, so `({ defer f(); 1; })` is never a constant -- not in a
// `static` initializer, `_Static_assert`, an enumerator, a case label or
// `__builtin_constant_p`, and not to the CFG, whose folded condition drew
// -Wunreachable-code -- as with Clang 22's DeferStmt.  (A bare `while` was
// folded, and the defer silently dropped.)  The `if` is always true, a
// `sizeof` -Wunreachable-code takes for deliberate.  The asm never reaches
// CodeGen: lowering replaces the whole `if`.
// The `!sizeof(char) &&` is a constant -Wunreachable-code takes for
// deliberate, in a macro expansion and in a `.i` alike; a bare 0 is quiet
// only in a macro, (0) only outside one.  It is cast to `void *` because
// Clang 15 and 16 in C2x warn (-Wconstant-logical-operand, on by default)
// about any `&&` whose left operand is a non-bool integer and whose right
// one is a constant that is not a bool, outside macros -- in a `.i`; a
// pointer left operand is never warned about, and no other warning of
// -Weverything fires on it (Clang 13-22, c89 to c2x).
// required::clang (common/names.def) is an enumerator (value 0) that only
// the plugin declares (plugin.cpp's predefines): a `.i` made with `-E` and
// compiled without the plugin stops at an undeclared identifier that names
// the plugin, instead of compiling every defer into a loop that never runs.
// The enumerator alone is the marker's signature.  Until December 2026 the
// right operand was `__builtin_expect(PLUGIN_REQUIRED, MAGIC)` (and before
// the enumerator existed `__builtin_expect(0, MAGIC)`), which a `.i` made
// then still holds (marker.cpp recognises all three); Sema's work on the
// builtin call was 4 % of the parse of a file with 700 defers.
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
  bool Analyze = false; // the frontend action is the static analyzer (analyze.cpp)
  bool O0 = false;      // -O0: deferred statements out of line (lower.cpp)
};

// A half-open range of preorder numbers: every statement of a subtree.
struct Range {
  unsigned Begin = 0, End = 0;
  bool contains(unsigned N) const { return N >= Begin && N < End; }
};

struct Defer {
  clang::WhileStmt *Marker = nullptr;   // the `while (marker) STMT`
  clang::Stmt *Outer = nullptr;         // what stands in Parent: the `if` around Marker
                                        // (Marker itself in a `.i` from an older cdefer)
  clang::Stmt *Body = nullptr;          // STMT
  clang::SourceLocation Kw;             // the _Defer / defer token (file location)
  clang::Stmt *Parent = nullptr;        // Outer's direct parent statement
  clang::CompoundStmt *Block = nullptr; // enclosing block when the scope is its rest
  unsigned Index = 0;                   // Block child holding the marker (or its label chain)
  Range BodyR;                          // STMT
  Range ScopeR;                         // the rest of the block after the defer
  unsigned Number = 0;                  // 1-based, in source order within the function
  bool InStmtExpr = false;              // inside a statement expression `({ ... })`
  bool Bad = false;
  // Filled by lowering, used by the dump.
  bool EndReached = true;               // control may reach the end of the scope (noteScopeEnds)
  enum class Lowered { No, Cleanup, Native } How = Lowered::No;
  std::string FnName;                   // the cleanup function (Lowered::Cleanup)
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
  // Jumps and calls inside a deferred statement: the innermost such defer's index.
  llvm::DenseMap<const clang::Stmt *, unsigned> BodyOf;
  std::vector<clang::AddrLabelExpr *> AddrLabels; // &&L
  std::vector<clang::GCCAsmStmt *> AsmGotos;
  std::vector<clang::Stmt *> Unsupported;       // defers in blocks (^{}) etc.
  // Filled by prepareRecover (recover.cpp), used by the dump.
  const clang::VarDecl *NamedResult = nullptr;  // the cdefer_result variable
  unsigned RecoverCalls = 0;                    // recover() calls lowered
  unsigned pre(const clang::Stmt *S) const {
    auto It = Pre.find(S);
    return It == Pre.end() ? ~0u : It->second;
  }
  bool isMarker(const clang::Stmt *S) const;
  // The loop (or, for break, switch) a break/continue leaves; markers are not loops.
  clang::Stmt *jumpTarget(const clang::Stmt *Jump) const;
  // The innermost defer whose STMT contains S, or null.
  Defer *innermostBody(const clang::Stmt *S);
  // Does jump J (of Jumps) leave D's scope, running D's deferred statement?
  // Not from a deferred statement nested in that scope (that runs later),
  // nor to a target inside it.  The exits of the dump and of analyze.cpp.
  bool leavesScope(const Defer &D, const clang::Stmt *J) const;
};

// marker.cpp
bool isMarkerCond(const clang::Expr *Cond);
bool buildModel(clang::FunctionDecl *FD, clang::SourceManager &SM, FunctionModel &M);

// checks.cpp: reports every error and warning of M (the caller asks the
// DiagnosticsEngine whether an error occurred).
void checkFunction(FunctionModel &M, clang::DiagnosticsEngine &D, clang::SourceManager &SM);

// lower.cpp: lowers every defer of M; Emit receives each synthesized function.
bool lowerFunction(FunctionModel &M, clang::Sema &S, const Options &O,
                   std::vector<clang::FunctionDecl *> &Synthesized);

// ehpass.cpp: adds the pass that lets deferred code run by a landing pad
// unwind through the function's other deferred statements (unwinding on).
void registerEHPass(clang::CompilerInstance &CI);

// recover.cpp: named results (R1-R6) and the recover lowering (SPEC 4, 5).
bool hasResultVars(const clang::FunctionDecl *FD);
// A call of recover() (<cdefer.h>'s cdefer_recover).
bool isRecoverCall(const clang::Stmt *S);
void checkResults(clang::FunctionDecl *FD, clang::DiagnosticsEngine &D, clang::SourceManager &SM);
bool prepareRecover(FunctionModel &M, clang::Sema &S, const Options &O);
bool finishRecover(FunctionModel &M, clang::Sema &S);

// vm.cpp: the variably modified types of one deferred statement, rebuilt for
// its synthesized function (see the file's header comment).  Use: analyse();
// capture what insideSizes() names; make an env field per dimension (numDims,
// dimInit for its initialiser, setDim for its value inside); rewrite STMT;
// transform(STMT); put dimTypedefs() first in the function.
class VMTypes {
public:
  VMTypes(clang::ASTContext &Ctx, clang::Stmt *Body);
  std::function<clang::Stmt *(clang::Stmt *)> Rewrite; // the capture rewrite, for inside sizes
  void analyse();
  const std::vector<clang::Expr *> &insideSizes() const { return InsideOrder; }
  size_t numDims() const { return Dims.size(); }
  clang::Expr *dimInit(unsigned K, clang::SourceLocation L);
  void setDim(unsigned K, clang::Expr *NewSize);
  clang::QualType transformType(clang::QualType T, int Depth = 0);
  void transform(clang::Stmt *S);
  static bool holdsVLA(clang::QualType T, int Depth = 0);
  std::vector<clang::Stmt *> dimTypedefs(clang::FunctionDecl *Fn, clang::SourceLocation L);

private:
  struct Dim {
    const clang::VariableArrayType *Old;
    clang::Expr *New;
  };
  void scan(clang::Stmt *S);
  void scanWritten(clang::QualType T, int Depth = 0);
  void discover(clang::Stmt *S);
  void discoverType(clang::QualType T, int Depth = 0);
  clang::Expr *sizeOfType(clang::QualType T, clang::SourceLocation L);
  clang::TypeSourceInfo *transformTSI(clang::TypeSourceInfo *TSI, clang::SourceLocation L);
  clang::ASTContext &Ctx;
  clang::Stmt *Body;
  llvm::DenseSet<const clang::Expr *> InsideSizes, NewSizes;
  std::vector<clang::Expr *> InsideOrder;
  llvm::DenseMap<const clang::Expr *, clang::Expr *> InsideNew;
  llvm::DenseMap<const clang::Expr *, unsigned> DimOf;
  std::vector<Dim> Dims;
};

// synth.cpp: attributes a synthesized function inherits from the user's
// function From (Outlined: a noinline one), and the names of synthesized
// functions replaced by the user's in a diagnostic's text.
void inheritAttrs(clang::ASTContext &Ctx, const clang::FunctionDecl *From, clang::FunctionDecl *To,
                  bool Outlined);
bool renameSynthesized(std::string &Msg);

// dump.cpp: noteScopeEnds before the lowering changes the blocks, then
// dumpFunction after it.
void noteScopeEnds(FunctionModel &M);
void dumpFunction(const FunctionModel &M, clang::SourceManager &SM, const Options &O);

// plugin.cpp: diagnostics shared by the stages.
std::string locText(clang::SourceManager &SM, clang::SourceLocation L);
void report(clang::DiagnosticsEngine &D, clang::SourceManager &SM, clang::SourceLocation At,
            const std::string &Msg, const Defer *Note, bool Warning = false);
// Diagnostic Id of common/diagnostics.def with Args, an error or a warning
// as the table says, then the note at Note's _Defer (when given).
void report(clang::DiagnosticsEngine &D, clang::SourceManager &SM, clang::SourceLocation At, msg Id,
            std::initializer_list<std::string> Args, const Defer *Note = nullptr);
// The text of diagnostic Id with Args, quoted with '.
std::string text(msg Id, std::initializer_list<std::string> Args = {});

} // namespace cdefer

#endif
