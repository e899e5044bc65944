/* cdefer-gcc.h - what the parts of cdefer-gcc.so share.
 *
 * plugin.cc  plugin_init, options, callback registration
 * exceptions.cc  whether the unit keeps -fexceptions (defer-free: no)
 * marker.cc  the _Defer macro, the marker builtin, the scope pragma,
 *            recognising a defer in the C front end's trees
 * scope_label.cc  the _Defer macro inside functions: the label form
 * checks.cc  the constraints of TS 25755 (docs/DIAGNOSTICS.md E1-E11, W1, W2),
 *            with jumps.cc (the jumps) and checks.h (their shared state)
 * lower.cc   defer -> TRY_FINALLY_EXPR at PLUGIN_PRE_GENERICIZE
 * dispatch.cc gotos leaving a chain of defers for many labels share one
 *            destination (called by lower.cc)
 * result.cc  the cdefer_result attribute (SPEC 5): misuse errors, and
 *            `return e;` -> `res = e; goto L;` ... `L: return res;`
 * recover.cc recover() in deferred statements (SPEC 4, docs/RUNTIME.md 2):
 *            the __cdefer_frame, the result slot, the _setjmp at entry
 * dump.cc    -fplugin-arg-cdefer-gcc-dump
 * diag.cc    the shared diagnostic table (common/) onto GCC's diagnostics
 * locations.cc  locations as the user sees them: expansion points, the
 *            "FILE:LINE:COL" text, the `return` keyword (the one place the
 *            source text is read)
 * Here too: for_each_child, the one child iterator of the walks.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_GCC_H
#define CDEFER_GCC_H

#define INCLUDE_STRING
#define INCLUDE_VECTOR
#define INCLUDE_MAP
#define INCLUDE_SET
#define INCLUDE_ALGORITHM
#include "compat.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "tree.h"
#include "c-family/c-common.h"
#include "tree-iterator.h"
#include "stringpool.h"
#include "diagnostic.h"
#include "c-family/c-pragma.h"
#include "c-tree.h"
#include "langhooks.h"
#include "cpplib.h"
#include "../common/contract.h"

/* The C front end's symbols are absent from lto1, which loads the plugin
   too: weak, so the plugin loads there and plugin_init can bail out.  */
extern cpp_reader *parse_in __attribute__ ((weak));
extern tree pushdecl (tree) __attribute__ ((weak));
extern void c_register_pragma (const char *, const char *, pragma_handler_1arg)
  __attribute__ ((weak));
extern enum cpp_ttype pragma_lex (tree *, location_t *) __attribute__ ((weak));
extern int comptypes (tree, tree) __attribute__ ((weak));
/* Not a C front end symbol, but weak so that the first symbol a wrong
   loader (Clang given this plugin) misses stays `integer_types`, which
   docs/USER-GUIDE.md quotes (test/install/wrong-kind.test).  */
extern diagnostic_context *global_dc __attribute__ ((weak));
extern tree lookup_name (tree) __attribute__ ((weak));
extern tree identifier_global_value (tree) __attribute__ ((weak));

namespace cdefer {

/* Options (plugin.cc).  */
/* Reports diagnostic D of common/diagnostics.def at LOC with ARGS (diag.cc);
   false when a warning was not shown (-w, a disabled warning).  */
bool emit (msg d, location_t loc, std::initializer_list<const char *> args = {});
/* The name of declaration D as the user wrote it ("?" when it has none).  */
const char *decl_name (tree d);

extern bool opt_unwind;
extern bool opt_dump;

/* exceptions.cc: the unit keeps the -fexceptions plugin_init turned on
   only if it needs it; note_unwinding_needed says a function does.  */
void exceptions_per_unit (const char *plugin_name);
void note_unwinding_needed ();

/* marker.cc */
void register_marker_builtin ();
void register_pragmas_and_macros ();
/* The FUNCTION_DECL of __cdefer_mark, or NULL before PLUGIN_START_UNIT.  */
extern tree marker_fndecl;
/* Bind the artificial typedef that keeps the current block a BIND_EXPR
   (the scope label, or the scope pragma of an older .i, at a _Defer at
   LOC); at the label, also note whether the deferred statement is braced.  */
void bind_scope_typedef (location_t loc, bool at_label);
/* Ignore warning option OPT from AT to LAST (the tokens there), as a
   `#pragma GCC diagnostic ignored` around them would.  */
void quiet_option (int opt, location_t at, location_t last);
/* After E8: take the rest of the defer out of the token stream; true if
   it stood in an expression (marker.cc).  */
bool skip_file_scope_defer (int brace_at);
/* scope_label.cc */
void register_scope_label ();
/* Define _Defer (a conditional macro: label form inside functions, E8
   outside), at PLUGIN_PRAGMAS.  */
void define_defer_macro ();
/* The file-scope typedef _Defer, at PLUGIN_START_UNIT.  */
void declare_defer_typedef ();
/* Give the `_Defer` labels taken out of FN (NULL: all) back to it.  */
void return_scope_labels (tree fn);
/* Remove the scope labels from a function body before anything else.  */
void strip_scope_labels (tree *body);
/* True if T is the typedef the scope pragma declared (at the _Defer).  */
bool scope_decl_p (tree t);
/* If T is the statement a defer expanded to (`switch (__cdefer_mark()) S`),
   return true.  */
bool is_marker (tree t);
/* The C front end wraps a compound statement (the marker switch's own
   scope) that is directly inside a statement expression in a var-less
   BIND_EXPR; return the marker inside such a wrapper, else T.  */
tree unwrap_marker (tree t);
/* The deferred statement of a marker.  */
inline tree &marker_body (tree t) { return SWITCH_STMT_BODY (t); }
/* Location of the `_Defer` (or `defer`) token that produced marker T, as a
   location in the user's file (macro expansion points resolved).  */
location_t defer_location (tree t);

/* True if an error was reported while the defer of MARKER was parsed (up
   to the next defer): the front end may have dropped its statement, so W1
   must not judge it.  */
bool defer_body_dropped (tree marker);

/* True if the deferred statement of MARKER starts with `{` in the source
   (or that cannot be told).  */
bool defer_body_braced (tree marker);

/* Where the `_Defer` macro whose expansion holds LOC was expanded, or
   UNKNOWN_LOCATION if LOC is in none (a .i, or user code).  */
location_t defer_expansion (location_t loc);

/* locations.cc */
/* LOC with macro expansions resolved to their expansion point, so no
   "in expansion of macro" notes follow a diagnostic.  */
location_t user_location (location_t loc);
/* "FILE:LINE:COL" of LOC's expansion point ("<unknown>" without a file):
   a location in a message's text and in the dump.  */
std::string location_text (location_t loc);
/* The `return` keyword of RETURN_EXPR T (the front end locates
   `return e;` at E; read from the source text), resolved to the user's
   file; E's start when the text cannot tell.  */
location_t return_keyword_location (tree t);

/* The one child iterator of the plugin's own walks (checks.cc,
   dispatch.cc, dump.cc): call F with the address of each child of T that
   may hold statements -- the statements of a STATEMENT_LIST, a BIND_EXPR's
   body, the initializer of the variable a DECL_EXPR declares, the values
   of a CONSTRUCTOR, the operands of an expression --, not null ones, and
   not into types, declarations or nested functions.  */
template <typename F>
void
for_each_child (tree t, F f)
{
  auto visit = [&f] (tree *c) {
    if (*c)
      f (c);
  };
  switch (TREE_CODE (t))
    {
    case STATEMENT_LIST:
      for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
	visit (tsi_stmt_ptr (i));
      return;
    case BIND_EXPR:
      visit (&BIND_EXPR_BODY (t));
      return;
    case DECL_EXPR:
      if (VAR_P (DECL_EXPR_DECL (t)))
	visit (&DECL_INITIAL (DECL_EXPR_DECL (t)));
      return;
    case CONSTRUCTOR:
      for (unsigned i = 0; i < CONSTRUCTOR_NELTS (t); i++)
	visit (&CONSTRUCTOR_ELT (t, i)->value);
      return;
    default:
      if (IS_EXPR_CODE_CLASS (TREE_CODE_CLASS (TREE_CODE (t))))
	for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
	  visit (&TREE_OPERAND (t, i));
    }
}

/* checks.cc: diagnose; every defer involved in an error is replaced by an
   empty statement (the caller asks seen_error () whether there was one).  */
void check_function (tree fndecl, tree *body);

/* lower.cc: replace every marker by TRY_FINALLY_EXPR or its statement.  */
enum lowered_kind
{
  LOWERED_TRY_FINALLY,     /* TRY_FINALLY_EXPR (rest of block, STMT) */
  LOWERED_AT_ONCE,         /* nothing follows in its block: STMT in place */
  LOWERED_NO_EFFECT        /* STMT does nothing: removed */
};
struct lowered_defer
{
  location_t loc;          /* the _Defer token */
  lowered_kind kind;
  tree finally;            /* the TRY_FINALLY_EXPR for LOWERED_TRY_FINALLY */
  int depth;               /* nesting of deferred statements */
};
void lower_function (tree fndecl, tree *body, std::vector<lowered_defer> *log);

/* dispatch.cc: after lowering, the gotos of BODY that leave a chain of the
   try/finallys of LOG for several distinct labels go through one label
   after the outermost of them and a switch there.  */
void dispatch_gotos (tree fndecl, tree *body,
		     const std::vector<lowered_defer> &log);
/* For the dump: true if GOTO_EXPR T was made or rewritten by the last
   dispatch_gotos; *LABEL is then the label the user's goto named, or
   NULL_TREE for one of the dispatch's own jumps.  */
bool dispatched_goto (tree t, tree *label);

/* result.cc */
/* At PLUGIN_ATTRIBUTES.  */
void register_result_attribute ();
/* Set by the cdefer_result attribute handler; cleared per function.  */
extern bool result_attribute_seen;
/* The BIND_EXPR of FNDECL's outermost block (the body's braces), or NULL.  */
tree outermost_bind (tree fndecl);
/* Check the cdefer_result variables of FNDECL (more than one, not in the
   outermost block; the attribute handler reported the rest) and return
   the function's named result, or NULL.  */
tree find_named_result (tree fndecl);
/* After lowering: every `return e;` in BIND (the outermost block) becomes
   `RES = e; goto L;` and `L: return RES;` ends BIND, so that the deferred
   statements run between the store and the return, and falling off the
   end returns RES.  */
void lower_returns (tree fndecl, tree bind, tree res);

/* recover.cc */
/* True if T is a call to cdefer_recover (what <cdefer.h>'s recover() is).  */
bool recover_call_p (tree t);
struct recover_plan
{
  tree frame = NULL_TREE;     /* the __cdefer_frame local, once needed */
  int calls = 0;              /* recover() calls rewritten */
  /* From cdefer_abi.h, for the prologue.  */
  tree setjmp_fn = NULL_TREE, result_field = NULL_TREE, frame_field = NULL_TREE;
};
/* Before lowering: rewrite each cdefer_recover() call inside a deferred
   statement of FNDECL to __cdefer_recover_in(&frame) and end each deferred
   statement with the barrier.  Returns true if FNDECL recovers.  */
bool plan_recover (tree fndecl, tree *body, recover_plan *plan);
/* After lowering: declare the frame and the slot (RESULT: the named
   result, hoisted; else a hidden one), emit the _setjmp prologue at the
   start of BIND, keep -Wclobbered quiet over FNDECL.  Returns the slot
   (NULL for a void function).  */
tree finish_recover (tree fndecl, tree bind, tree result, recover_plan *plan);

/* dump.cc */
struct function_notes
{
  tree named_result = NULL_TREE;
  int recover_calls = 0;
};
void dump_function (tree fndecl, const std::vector<lowered_defer> &log,
		    const function_notes &notes);

/* True if T (a statement tree) does nothing: empty statement, empty list,
   var-less block of nothing.  */
bool empty_statement_p (tree t);
/* True if T does nothing at run time (lower.cc: such a deferred statement
   gets no TRY_FINALLY_EXPR).  */
bool effectless_statement_p (tree t);

} // namespace cdefer

#endif
