// ehpass.cpp - the LLVM pass that lets deferred code unwind out of a
// landing pad (unwinding on), and its registration with Clang's pipeline.
//
// Clang emits an EH cleanup's code under a terminate scope
// (CodeGenFunction::PopCleanupBlock, every non-funclet personality): in a
// landing pad, the call of a defer's cleanup function __cdefer_fn_N is
//
//     invoke void @__cdefer_fn_N(ptr %env) to label %next unwind label %terminate
//
// %terminate being `landingpad { ptr, i32 } catch ptr null` + abort().  The C
// personality installs any pad of the call site, so a panic (or
// pthread_exit) raised by deferred code while a panic runs it -- replacement,
// re-panic after recover() -- would abort.  SPEC/REFERENCE 4 wants Go's
// behaviour, which is GCC's: the new unwind runs the deferred statements
// still pending in the function, then leaves it.  %next is exactly where
// they are: it continues this EH cleanup with the next enclosing cleanup and
// ends in the function's `resume` block, which reads the exception from the
// two slots every landing pad of the function stores into.  So each such
// invoke gets a pad of its own instead:
//
//     cdefer.unwind:  %lp = landingpad { ptr, i32 } cleanup
//                     store (extractvalue %lp, 0), %exn.slot
//                     store (extractvalue %lp, 1), %ehselector.slot
//                     br label %next
//
// Only invokes of __cdefer_fn_N are changed (a user's cleanup attribute and
// lowering=native's in-place statements keep Clang's terminate scope), and
// only before anything else runs (PipelineStartEP, at every -O, before the
// always-inliner copies the cleanup's calls into the pad): then the
// cleanup is that one call and %next its continuation.  A function whose
// `resume` does not read two slots (none known) is left as Clang made it.
// docs/DESIGN-clang.md, "Panics raised by deferred code".
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "compat.h"

#include "clang/Frontend/CompilerInstance.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace cdefer {
namespace {

bool isDeferredStatement(const Function *F) {
  return F && F->getName().substr(0, 12) == "__cdefer_fn_";
}

// Clang's terminate pad: a catch-all landing pad, nothing else.
bool isTerminatePad(const BasicBlock *BB) {
  const LandingPadInst *LP = BB->getLandingPadInst();
  return LP && !LP->isCleanup() && LP->getNumClauses() == 1 && LP->isCatch(0) &&
         isa<ConstantPointerNull>(LP->getClause(0));
}

// The exception and selector slots the function's `resume` reads:
// resume (insertvalue (insertvalue undef, (load exn), 0), (load sel), 1).
bool findSlots(Function &F, Value *&Exn, Value *&Sel) {
  for (BasicBlock &BB : F) {
    auto *R = dyn_cast<ResumeInst>(BB.getTerminator());
    if (!R)
      continue;
    auto *Outer = dyn_cast<InsertValueInst>(R->getValue());
    auto *Inner = Outer ? dyn_cast<InsertValueInst>(Outer->getAggregateOperand()) : nullptr;
    if (!Inner || Outer->getIndices()[0] != 1 || Inner->getIndices()[0] != 0)
      return false;
    auto *E = dyn_cast<LoadInst>(Inner->getInsertedValueOperand());
    auto *S = dyn_cast<LoadInst>(Outer->getInsertedValueOperand());
    if (!E || !S)
      return false;
    Exn = E->getPointerOperand();
    Sel = S->getPointerOperand();
    return true;
  }
  return false;
}

bool resumeCleanups(Function &F) {
  SmallVector<InvokeInst *, 8> Todo;
  for (BasicBlock &BB : F)
    if (auto *II = dyn_cast<InvokeInst>(BB.getTerminator()))
      if (isDeferredStatement(II->getCalledFunction()) && isTerminatePad(II->getUnwindDest()))
        Todo.push_back(II);
  Value *Exn = nullptr, *Sel = nullptr;
  if (Todo.empty() || !findSlots(F, Exn, Sel))
    return false;
  for (InvokeInst *II : Todo) {
    BasicBlock *From = II->getParent(), *Next = II->getNormalDest(), *Old = II->getUnwindDest();
    BasicBlock *Pad = BasicBlock::Create(F.getContext(), "cdefer.unwind", &F, Next);
    IRBuilder<> B(Pad);
    B.SetCurrentDebugLocation(II->getDebugLoc());
    LandingPadInst *LP = B.CreateLandingPad(Old->getLandingPadInst()->getType(), 0);
    LP->setCleanup(true);
    B.CreateStore(B.CreateExtractValue(LP, 0), Exn);
    B.CreateStore(B.CreateExtractValue(LP, 1), Sel);
    B.CreateBr(Next);
    for (PHINode &Phi : Next->phis())
      Phi.addIncoming(Phi.getIncomingValueForBlock(From), Pad);
    Old->removePredecessor(From);
    II->setUnwindDest(Pad);
  }
  // The terminate pad, if nothing uses it any more.
  for (BasicBlock &BB : make_early_inc_range(F))
    if (isTerminatePad(&BB) && pred_empty(&BB))
      DeleteDeadBlock(&BB);
  return true;
}

struct ResumeCleanups : PassInfoMixin<ResumeCleanups> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    bool Changed = false;
    for (Function &F : M)
      if (!F.isDeclaration() && F.hasPersonalityFn())
        Changed |= resumeCleanups(F);
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
};

} // namespace

void addResumeCleanups(PassBuilder &PB) {
  PB.registerPipelineStartEPCallback([](ModulePassManager &MPM, auto) { MPM.addPass(ResumeCleanups()); });
}

void registerEHPass(clang::CompilerInstance &CI) {
  // The legacy pass manager (Clang 13, 14) runs no pass plugin: say what
  // that leaves, rather than abort silently at run time.
  if (compat::legacyPassManager(CI.getCodeGenOpts())) {
    clang::DiagnosticsEngine &D = CI.getDiagnostics();
    D.Report(D.getCustomDiagID(clang::DiagnosticsEngine::Warning,
                               "cdefer: with -flegacy-pass-manager a panic raised by deferred code while a "
                               "panic runs it aborts the program; drop -flegacy-pass-manager"));
    return;
  }
  compat::addPassBuilderCallback(CI.getCodeGenOpts(), addResumeCleanups);
}

} // namespace cdefer

COMPAT_PASS_PLUGIN_ENTRY(cdefer::addResumeCleanups)
