/* lower.cc - a defer becomes the front end's own cleanup construct.
 *
 * Runs at PLUGIN_PRE_GENERICIZE, after checks.cc accepted the function.
 * In a STATEMENT_LIST
 *
 *     s1; MARKER(STMT); s2; ...; sn;
 *
 * becomes
 *
 *     s1; TRY_FINALLY_EXPR (s2; ...; sn;  ,  STMT)
 *
 * which is what the C front end itself builds for a variable with
 * __attribute__((cleanup)) (c-typeck.cc push_cleanup: a TRY_FINALLY_EXPR whose
 * try body is the rest of the block; CLEANUP_STMT is C++'s): the gimplifier and
 * tree-eh then route every exit of s2..sn (fall-off, return after the value
 * is computed, break, continue, goto, and with -fexceptions unwinding)
 * through STMT.  A marker that is not in a list (the braceless body of an
 * if/loop, or the last statement of its block) is replaced by STMT: its
 * block ends right after it.  Deferred statements are lowered the same way
 * (defers inside defers), and so are statement expressions, which are
 * reached through the expression operands.  Last, dispatch.cc gives the
 * gotos that leave a chain of these for many labels one destination.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"

namespace cdefer {

namespace {

struct lower_ctx
{
  std::vector<lowered_defer> *log;
  int depth;
  std::set<tree> address_taken;   /* labels of every `&&L` in the function */
};

void lower_tree (tree *tp, lower_ctx *ctx);

/* True if T does nothing at run time.  Such a deferred statement gets no
   TRY_FINALLY_EXPR: a cleanup that gimplifies to an empty GIMPLE_BIND
   (`_Defer { _Defer; }`, `_Defer { int unused; }`) crashes tree-eh, and
   there is nothing to run anyway.  */
bool
effectless (tree t)
{
  if (!t)
    return true;
  switch (TREE_CODE (t))
    {
    case STATEMENT_LIST:
      for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
	if (!effectless (tsi_stmt (i)))
	  return false;
      return true;
    case BIND_EXPR:
      for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	if (VAR_P (v) && variably_modified_type_p (TREE_TYPE (v), NULL_TREE))
	  return false;
      return effectless (BIND_EXPR_BODY (t));
    case DECL_EXPR:
      {
	tree d = DECL_EXPR_DECL (t);
	if (TREE_CODE (d) == TYPE_DECL)
	  return !variably_modified_type_p (TREE_TYPE (d), NULL_TREE);
	if (!VAR_P (d))
	  return false;
	if (variably_modified_type_p (TREE_TYPE (d), NULL_TREE))
	  return false;
	return TREE_STATIC (d) || !DECL_INITIAL (d)
	       || !TREE_SIDE_EFFECTS (DECL_INITIAL (d));
      }
    case DEBUG_BEGIN_STMT:
      return true;
    default:
      return IS_EMPTY_STMT (t) || !TREE_SIDE_EFFECTS (t);
    }
}

tree
find_label_address (tree *tp, int *walk_subtrees, void *data)
{
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  else if (TREE_CODE (*tp) == ADDR_EXPR
	   && TREE_CODE (TREE_OPERAND (*tp, 0)) == LABEL_DECL)
    ((std::set<tree> *) data)->insert (TREE_OPERAND (*tp, 0));
  return NULL_TREE;
}

/* A LABEL_EXPR of a label in DATA (a std::set<tree> *), or of any label
   when DATA is null.  */
tree
find_taken_label (tree *tp, int *walk_subtrees, void *data)
{
  if (TYPE_P (*tp))
    *walk_subtrees = 0;
  else if (TREE_CODE (*tp) == LABEL_EXPR
	   && (!data
	       || ((std::set<tree> *) data)->count (LABEL_EXPR_LABEL (*tp))))
    return *tp;
  return NULL_TREE;
}

/* A basic asm of TEXT (blank lines: no instruction) at LOC.  */
static tree
blank_asm (const std::string &text, location_t loc)
{
  tree str = build_string (text.size () + 1, text.c_str ());
  TREE_TYPE (str) = build_array_type_nelts (char_type_node, text.size () + 1);
  tree as = build5 (ASM_EXPR, void_type_node, str, NULL_TREE, NULL_TREE,
		    NULL_TREE, NULL_TREE);
  SET_EXPR_LOCATION (as, loc);
  ASM_INPUT_P (as) = 1;
  ASM_VOLATILE_P (as) = 1;
  TREE_SIDE_EFFECTS (as) = 1;
  return as;
}

/* A deferred statement that holds a label whose address is taken (its
   computed gotos stay inside it: jumps.cc) must exist once.  tree-eh
   copies a small finally block per destination, remapping the labels in
   each copy, while a `&&L` in a static initializer keeps naming the
   original (at -O1 and up: "undefined reference to .L2").  tree-eh weighs
   the copies by GCC's own size estimate, in which an asm counts one per
   line: a basic asm of blank lines (nothing in the object file) makes every
   copy too dear, and the finally is emitted once, behind tree-eh's
   switch.  */
void
keep_single_copy (tree *stmt, location_t loc, lower_ctx *ctx)
{
  if (ctx->address_taken.empty ()
      || !walk_tree (stmt, find_taken_label, &ctx->address_taken, NULL))
    return;
  static const char blank[] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
  std::string text;
  for (int i = 0; i < 16; i++)
    text += blank;   /* 256 lines: tree-eh copies below 100 (-O2) */
  tree list = alloc_stmt_list ();
  append_to_statement_list_force (*stmt, &list);
  append_to_statement_list_force (blank_asm (text, loc), &list);
  *stmt = list;
}

/* GCC 11 crashes copying a finally block that starts with a label
   (compat.h, CDEFER_GCC_LEADING_LABEL_ICE): a deferred statement holding a
   label starts with an empty basic asm there (no instruction).  */
static void
guard_leading_label (tree *stmt, location_t loc)
{
  if (!CDEFER_GCC_LEADING_LABEL_ICE || !walk_tree (stmt, find_taken_label, NULL, NULL))
    return;
  tree list = alloc_stmt_list ();
  append_to_statement_list_force (blank_asm ("", loc), &list);
  append_to_statement_list_force (*stmt, &list);
  *stmt = list;
}

void
lower_list (tree list, lower_ctx *ctx)
{
  for (tree_stmt_iterator i = tsi_start (list); !tsi_end_p (i); tsi_next (&i))
    {
      tree s = unwrap_marker (tsi_stmt (i));
      if (!is_marker (s))
	{
	  lower_tree (tsi_stmt_ptr (i), ctx);
	  continue;
	}
      /* Everything after the marker is the defer's scope.  */
      tree rest = alloc_stmt_list ();
      tree_stmt_iterator j = i;
      tsi_next (&j);
      while (!tsi_end_p (j))
	{
	  tree x = tsi_stmt (j);
	  tsi_delink (&j);
	  append_to_statement_list_force (x, &rest);
	}
      tree stmt = marker_body (s);
      if (!stmt)
	stmt = build_empty_stmt (EXPR_LOCATION (s));
      size_t slot = ctx->log->size ();
      ctx->log->push_back ({defer_location (s), LOWERED_AT_ONCE, NULL_TREE,
			   ctx->depth});
      ctx->depth++;
      lower_tree (&stmt, ctx);
      ctx->depth--;
      lower_list (rest, ctx);
      if (effectless (stmt))
	{
	  /* Nothing to run: the rest stays where it was.  */
	  (*ctx->log)[slot].kind = LOWERED_NO_EFFECT;
	  tree_stmt_iterator k = i;
	  tsi_link_after (&k, rest, TSI_CONTINUE_LINKING);
	  tsi_delink (&i);
	  return;
	}
      if (!tsi_end_p (tsi_start (rest)))
	{
	  keep_single_copy (&stmt, EXPR_LOCATION (s), ctx);
	  guard_leading_label (&stmt, EXPR_LOCATION (s));
	  tree tf = build2 (TRY_FINALLY_EXPR, void_type_node, rest, stmt);
	  SET_EXPR_LOCATION (tf, EXPR_LOCATION (s));
	  TREE_SIDE_EFFECTS (tf) = 1;
	  (*ctx->log)[slot].kind = LOWERED_TRY_FINALLY;
	  (*ctx->log)[slot].finally = tf;
	  *tsi_stmt_ptr (i) = tf;
	}
      else
	*tsi_stmt_ptr (i) = stmt;
      return;
    }
}

tree
lower_r (tree *tp, int *walk_subtrees, void *data)
{
  lower_ctx *ctx = (lower_ctx *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    *walk_subtrees = 0;
  else if (TREE_CODE (t) == CALL_EXPR && marker_fndecl
	   && get_callee_fndecl (t) == marker_fndecl)
    {
      /* Written by hand, not by _Defer: it cannot be expanded.  */
      emit (msg::X2, user_location (EXPR_LOCATION (t)), {"__cdefer_mark"});
      *tp = build_int_cst (integer_type_node, 0);
      *walk_subtrees = 0;
    }
  else if (TREE_CODE (t) == STATEMENT_LIST)
    {
      lower_list (t, ctx);
      *walk_subtrees = 0;
    }
  else if (is_marker (t))
    {
      /* Alone: its block ends here; run the statement at once.  */
      tree stmt = marker_body (t);
      ctx->log->push_back ({defer_location (t), LOWERED_AT_ONCE, NULL_TREE,
			   ctx->depth});
      *tp = stmt ? stmt : build_empty_stmt (EXPR_LOCATION (t));
      ctx->depth++;
      lower_tree (tp, ctx);
      ctx->depth--;
      *walk_subtrees = 0;
    }
  return NULL_TREE;
}

void
lower_tree (tree *tp, lower_ctx *ctx)
{
  walk_tree (tp, lower_r, ctx, NULL);
}

} // namespace

bool
effectless_statement_p (tree t)
{
  return effectless (t);
}

void
lower_function (tree fndecl, tree *body, std::vector<lowered_defer> *log)
{
  lower_ctx ctx = {log, 0, {}};
  walk_tree_without_duplicates (body, find_label_address, &ctx.address_taken);
  lower_tree (body, &ctx);
  dispatch_gotos (fndecl, body, *log);
}

} // namespace cdefer
