// lower.h - what lower.cpp and chain.cpp share, private to the two: the
// decls each defer lowers to (Slot), the builder of the EH chain (Chain,
// defined in chain.cpp), the links between defers it needs, the counter
// that numbers the synthesized names, and analyze.cpp's entry point.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#ifndef CDEFER_CLANG_LOWER_H
#define CDEFER_CLANG_LOWER_H

#include "model.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>
#include <vector>

namespace cdefer {

// N of every __cdefer_*_N of the translation unit (lower.cpp, chain.cpp,
// unwinds.cpp's helper through keepUnwinding).
extern unsigned Counter;

// What a defer lowers to, created for every defer of the function before
// any is lowered (the EH chain refers to enclosing defers, lowered later).
struct Slot {
  unsigned N = 0;
  clang::RecordDecl *RD = nullptr;         // struct __cdefer_env_N
  clang::QualType EnvTy, EnvPtr;
  clang::FunctionDecl *Fn = nullptr;       // __cdefer_fn_N
  clang::ParmVarDecl *Param = nullptr;     // its __cdefer_env
  clang::VarDecl *Env = nullptr;           // the cleanup variable
  // EH chain: the innermost defer enclosing this one in the function, and
  // whether this one is inside its STMT (else in its scope).
  int Link = -1;
  bool Nested = false;
  clang::FieldDecl *Outer = nullptr;       // env field: the enclosing defer's env
  clang::FunctionDecl *From = nullptr;     // runs STMT then everything enclosing it
  clang::FunctionDecl *Out = nullptr;      // runs everything enclosing this defer
};

// Builds the EH chain's pieces (see chain.cpp's header comment).
struct Chain {
  clang::Sema &S;
  clang::ASTContext &Ctx;
  std::vector<Slot> &Slots;
  std::vector<clang::FunctionDecl *> &Out;
  std::vector<unsigned> Pending;    // From/Out functions whose bodies are due
  bool InlineRunners = false;       // always_inline the runners of short chains
  bool OutlineStatements = false;   // -O0: __cdefer_fn_N noinline behind a wrapper

  clang::SourceLocation loc(unsigned I) const;
  clang::Expr *ref(clang::ValueDecl *D, clang::SourceLocation L);
  clang::Expr *rvalue(clang::Expr *E);
  clang::Expr *arrow(clang::Expr *Ptr, clang::FieldDecl *F);
  clang::Expr *intLit(int V, clang::SourceLocation L);
  clang::Expr *call(clang::FunctionDecl *Callee, clang::FunctionDecl *In, llvm::ArrayRef<clang::Expr *> Args,
                    clang::SourceLocation L);
  clang::FunctionDecl *function(const std::string &Name, clang::QualType ParamTy, clang::SourceLocation L,
                                clang::ParmVarDecl *&P, bool NoThrow = true);
  clang::FunctionDecl *runner(unsigned I, bool Whole);
  clang::Expr *linkCall(unsigned I, clang::Expr *OuterEnv, clang::FunctionDecl *In);
  bool finish();
  clang::Stmt *guard(unsigned I, clang::Stmt *Stmt_);
  clang::FunctionDecl *outline(unsigned I);
};

// chain.cpp: whether S has a variable with a user's cleanup attribute (no
// EH chain then), and the innermost defer enclosing each defer (Slot::Link).
bool hasUserCleanup(const clang::Stmt *S);
void linkDefers(const FunctionModel &M, std::vector<Slot> &Slots);

// analyze.cpp: under the static analyzer, the calls of the deferred
// statements written out at every exit of their scopes.
bool showExitsToAnalyzer(FunctionModel &M, Chain &EH, std::vector<Slot> &Slots);

} // namespace cdefer

#endif
