// synth.cpp - what a synthesized function (__cdefer_fn_N) inherits from the
// user function whose deferred statement it holds, and the names of those
// functions in diagnostics: a diagnostic never names them, it names the
// user's function instead.
//
// Deferred code is part of the enclosing function: it must be compiled as
// that function's own code is.  Inherited (copied) from it:
//   target("...")                 (also from #pragma clang attribute): the
//                                 deferred code may use what the function
//                                 may (intrinsics of its ISA extensions)
//   no_sanitize*, disable_sanitizer_instrumentation, no_stack_protector,
//   no_split_stack, no_profile_instrument_function,
//   speculative_load_hardening / no_speculative_load_hardening, hot, cold
//   minsize, optnone              only when it is noinline (-O0; an
//                                 always_inline callee is optimised as part
//                                 of its caller, and optnone would need
//                                 noinline)
// Always set: no_instrument_function (-finstrument-functions and -pg see one
// function, the user's, as with hand-written code).
// Not inherited: target_clones and cpu_dispatch (the callee is inlined into
// every clone; with no target of its own it is inlinable into each),
// section, alias, weak, visibility, used, naked, patchable_function_entry
// (properties of the user's symbol, not of its code).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "model.h"
#include "compat.h"

#include "clang/AST/Attr.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;

namespace cdefer {

namespace {
// name of a synthesized function -> name of the user's function
llvm::StringMap<std::string> &owners() {
  static llvm::StringMap<std::string> M;
  return M;
}
} // namespace

// One pass over the user's attributes (a lookup per kind cost 10 M
// instructions on bench/src/gen.py heavy 200).
void inheritAttrs(ASTContext &Ctx, const FunctionDecl *From, FunctionDecl *To, bool Outlined) {
  if (From->hasAttrs())
    for (const Attr *A : From->attrs())
      if (isa<TargetAttr, NoSanitizeAttr, NoStackProtectorAttr, NoSplitStackAttr, NoProfileFunctionAttr,
              SpeculativeLoadHardeningAttr, NoSpeculativeLoadHardeningAttr, HotAttr, ColdAttr>(A) ||
          compat::isVersionedInheritedAttr(A) || (Outlined && isa<MinSizeAttr, OptimizeNoneAttr>(A)))
        To->addAttr(A->clone(Ctx));
  if (!To->hasAttr<NoInstrumentFunctionAttr>())
    To->addAttr(NoInstrumentFunctionAttr::CreateImplicit(Ctx));
  if (To->getIdentifier() && From->getIdentifier())
    owners()[To->getName()] = From->getName().str();
}

bool renameSynthesized(std::string &Msg) {
  static const char Prefix[] = "__cdefer_";
  bool Changed = false;
  size_t Pos = 0;
  while ((Pos = Msg.find(Prefix, Pos)) != std::string::npos) {
    size_t End = Pos + sizeof(Prefix) - 1;
    while (End < Msg.size() && (isalnum((unsigned char)Msg[End]) || Msg[End] == '_'))
      ++End;
    auto It = owners().find(llvm::StringRef(Msg).slice(Pos, End));
    if (It == owners().end()) {
      Pos = End;
      continue;
    }
    Msg.replace(Pos, End - Pos, It->second);
    Pos += It->second.size();
    Changed = true;
  }
  return Changed;
}

} // namespace cdefer
