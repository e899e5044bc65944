/* recover.cc - recover() in deferred statements: the plugin's half of the
 * recover ABI (docs/RUNTIME.md section 2, cdefer_abi.h).
 *
 * A function F is a recovering function when a call to cdefer_recover (what
 * <cdefer.h>'s recover() expands to) appears lexically inside one of F's
 * deferred statements, at any depth (nested blocks, nested defers,
 * statement expressions; not in a GNU nested function defined there, which
 * is its own F).  Only those functions are touched; with exceptions off
 * (unwind=off, -fno-exceptions) deferred code never runs during a panic,
 * and nothing is done but warning W4 at each such recover() (it can never
 * succeed).  For F, at PLUGIN_PRE_GENERICIZE:
 *
 *   before the defer lowering (plan_recover): those recover() calls become
 *     __cdefer_recover_in (&__cdefer_f), and every defer S of F gets the
 *     barrier (an __atomic_signal_fence (SEQ_CST) after S);
 *   after it (finish_recover): the prologue, in F's outermost block, and
 *     the rewritten returns (`__cdefer_res = e; goto L;` ... `L: return
 *     __cdefer_res;`, result.cc).
 * The prologue, the returns and the barrier are the recover ABI, written
 * once in docs/RUNTIME.md section 2.
 *
 * A named result `cdefer_result T r = init;` is the slot itself: it is
 * zeroed with the prologue and its declaration becomes `r = init;` where
 * it was (no DECL_EXPR is left: under ASan a DECL_EXPR would make the
 * prologue's store a use before scope).  -Wclobbered is ignored over F's
 * source range: after the longjmp F only returns the slot.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"
#include "stor-layout.h"
#include "fold-const.h"
#include "memmodel.h"

namespace cdefer {

bool
recover_call_p (tree t)
{
  if (!t || TREE_CODE (t) != CALL_EXPR)
    return false;
  tree fn = get_callee_fndecl (t);
  return fn && DECL_NAME (fn) && DECL_EXTERNAL (fn)
	 && !strcmp (IDENTIFIER_POINTER (DECL_NAME (fn)), abi::recover);
}

namespace {

/* What cdefer_abi.h declares, looked up by name in the translation unit
   (<cdefer.h> includes it when the plugin is loaded).  */
struct abi_decls
{
  tree frame_type = NULL_TREE;   /* __cdefer_frame */
  tree result_field = NULL_TREE; /* __cdefer_frame::__result */
  tree frame_field = NULL_TREE;  /* __cdefer_frame::__frame */
  tree setjmp_fn = NULL_TREE;    /* __cdefer_setjmp */
  tree recover_in = NULL_TREE;   /* __cdefer_recover_in */
};

tree
lookup (const char *name, enum tree_code code)
{
  if (!lookup_name)
    return NULL_TREE;
  tree d = lookup_name (get_identifier (name));
  return d && TREE_CODE (d) == code ? d : NULL_TREE;
}

tree
field_named (tree rec, const char *name)
{
  for (tree f = TYPE_FIELDS (rec); f; f = DECL_CHAIN (f))
    if (TREE_CODE (f) == FIELD_DECL && DECL_NAME (f)
	&& !strcmp (IDENTIFIER_POINTER (DECL_NAME (f)), name))
      return f;
  return NULL_TREE;
}

bool
find_abi (abi_decls *abi)
{
  tree td = lookup (abi::frame_type, TYPE_DECL);
  abi->setjmp_fn = lookup (abi::frame_setjmp, FUNCTION_DECL);
  abi->recover_in = lookup (abi::recover_in, FUNCTION_DECL);
  if (!td || !abi->setjmp_fn || !abi->recover_in)
    return false;
  abi->frame_type = TREE_TYPE (td);
  tree rec = TYPE_MAIN_VARIANT (abi->frame_type);
  if (TREE_CODE (rec) != RECORD_TYPE || !COMPLETE_TYPE_P (rec))
    return false;
  abi->result_field = field_named (rec, "__result");
  abi->frame_field = field_named (rec, "__frame");
  return abi->result_field && abi->frame_field;
}

tree
artificial_var (tree fndecl, location_t loc, const char *name, tree type)
{
  tree v = build_decl (loc, VAR_DECL, get_identifier (name), type);
  DECL_ARTIFICIAL (v) = 1;
  DECL_IGNORED_P (v) = 1;
  DECL_CONTEXT (v) = fndecl;
  TREE_USED (v) = 1;
  TREE_ADDRESSABLE (v) = 1;
  return v;
}

struct planner
{
  tree fndecl;
  recover_plan *plan;
  abi_decls abi;
  int depth = 0;
  bool failed = false;
};

tree
rewrite_calls_r (tree *tp, int *walk_subtrees, void *data)
{
  planner *p = (planner *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (is_marker (t))
    {
      p->depth++;
      walk_tree (&marker_body (t), rewrite_calls_r, p, NULL);
      p->depth--;
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (p->depth == 0 || !recover_call_p (t) || p->failed)
    return NULL_TREE;
  location_t loc = EXPR_LOCATION (t);
  if (!p->plan->frame)
    {
      if (!find_abi (&p->abi))
	{
	  emit (msg::X1, user_location (loc));
	  p->failed = true;
	  return NULL_TREE;
	}
      p->plan->frame = artificial_var (p->fndecl, DECL_SOURCE_LOCATION
				       (p->fndecl), "__cdefer_f",
				       p->abi.frame_type);
    }
  tree arg = fold_convert (TREE_VALUE (TYPE_ARG_TYPES
				       (TREE_TYPE (p->abi.recover_in))),
			   build_fold_addr_expr (p->plan->frame));
  tree call = build_call_expr_loc (loc, p->abi.recover_in, 1, arg);
  *tp = fold_convert_loc (loc, TREE_TYPE (t), call);
  p->plan->calls++;
  *walk_subtrees = 0;
  return NULL_TREE;
}

tree
barrier ()
{
  tree fence = builtin_decl_explicit (BUILT_IN_ATOMIC_SIGNAL_FENCE);
  if (fence)
    return build_call_expr (fence, 1, build_int_cst (integer_type_node,
						     MEMMODEL_SEQ_CST));
  /* __asm__ __volatile__ ("" ::: "memory") */
  tree clobbers = tree_cons (NULL_TREE, build_string (7, "memory"), NULL_TREE);
  tree a = build5 (ASM_EXPR, void_type_node, build_string (1, ""), NULL_TREE,
		   NULL_TREE, clobbers, NULL_TREE);
  ASM_VOLATILE_P (a) = 1;
  TREE_SIDE_EFFECTS (a) = 1;
  return a;
}

tree
add_barriers_r (tree *tp, int *walk_subtrees, void *)
{
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (!is_marker (t))
    return NULL_TREE;
  tree body = marker_body (t);
  /* Nested defers first (their own bodies get a barrier too).  */
  walk_tree (&marker_body (t), add_barriers_r, NULL, NULL);
  if (body && !effectless_statement_p (marker_body (t)))
    {
      tree list = alloc_stmt_list ();
      append_to_statement_list_force (marker_body (t), &list);
      append_to_statement_list_force (barrier (), &list);
      marker_body (t) = list;
    }
  *walk_subtrees = 0;
  return NULL_TREE;
}

/* The user's declaration of the named result R (its DECL_EXPR) becomes
   `R = init;` (or nothing): R is zeroed by the prologue instead.  */
tree
hoist_r (tree *tp, int *walk_subtrees, void *data)
{
  tree r = (tree) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (TREE_CODE (t) != DECL_EXPR || DECL_EXPR_DECL (t) != r)
    return NULL_TREE;
  tree init = DECL_INITIAL (r);
  location_t loc = EXPR_LOCATION (t);
  if (init && init != error_mark_node)
    {
      tree s = build2 (INIT_EXPR, void_type_node, r, init);
      SET_EXPR_LOCATION (s, loc);
      TREE_SIDE_EFFECTS (s) = 1;
      *tp = s;
    }
  else
    *tp = build_empty_stmt (loc);
  DECL_INITIAL (r) = NULL_TREE;
  *walk_subtrees = 0;
  return t;   /* one declaration */
}

tree
zero_init (tree var, location_t loc)
{
  tree s = build2 (INIT_EXPR, TREE_TYPE (var), var,
		   build_zero_cst (TREE_TYPE (var)));
  SET_EXPR_LOCATION (s, loc);
  TREE_SIDE_EFFECTS (s) = 1;
  return s;
}

tree
store_field (tree frame, tree field, tree value, location_t loc)
{
  tree ref = build3 (COMPONENT_REF, TREE_TYPE (field), frame, field, NULL_TREE);
  tree s = build2 (MODIFY_EXPR, TREE_TYPE (field), ref,
		   fold_convert (TREE_TYPE (field), value));
  SET_EXPR_LOCATION (s, loc);
  TREE_SIDE_EFFECTS (s) = 1;
  return s;
}

/* -Wclobbered is reported while F's RTL is built, for the location that
   is current then (F's closing brace), not the variable's; classify it as
   ignored from F's name to just after its closing brace, as `#pragma GCC
   diagnostic push/ignored/pop` around F would.  */
void
quiet_clobbered (tree fndecl)
{
  location_t start = DECL_SOURCE_LOCATION (fndecl);
  location_t end = DECL_STRUCT_FUNCTION (fndecl)
		   ? DECL_STRUCT_FUNCTION (fndecl)->function_end_locus
		   : UNKNOWN_LOCATION;
  if (start == UNKNOWN_LOCATION || end == UNKNOWN_LOCATION)
    return;
  diagnostic_push_diagnostics (global_dc, start);
  diagnostic_classify_diagnostic (global_dc, OPT_Wclobbered, DK_IGNORED, start);
  /* Pop after the closing brace: the warning is given at that brace.  */
  diagnostic_pop_diagnostics (global_dc, linemap_position_for_loc_and_offset
					   (line_table, end, 1));
}

/* W4: with exceptions off no deferred statement runs during a panic, so a
   recover() in one can never stop a panic.  */
tree
warn_no_unwind_r (tree *tp, int *walk_subtrees, void *data)
{
  int *depth = (int *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (is_marker (t))
    {
      (*depth)++;
      walk_tree (&marker_body (t), warn_no_unwind_r, depth, NULL);
      (*depth)--;
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (*depth > 0 && recover_call_p (t))
    emit (msg::W4, user_location (EXPR_LOCATION (t)));
  return NULL_TREE;
}

} // namespace

bool
plan_recover (tree fndecl, tree *body, recover_plan *plan)
{
  if (!flag_exceptions)
    {
      int depth = 0;
      walk_tree (body, warn_no_unwind_r, &depth, NULL);
      return false;
    }
  planner p;
  p.fndecl = fndecl;
  p.plan = plan;
  walk_tree (body, rewrite_calls_r, &p, NULL);
  if (!plan->frame)
    return false;
  walk_tree (body, add_barriers_r, NULL, NULL);
  /* The prologue needs the ABI again after lowering.  */
  plan->setjmp_fn = p.abi.setjmp_fn;
  plan->result_field = p.abi.result_field;
  plan->frame_field = p.abi.frame_field;
  return true;
}

tree
finish_recover (tree fndecl, tree bind, tree result, recover_plan *plan)
{
  location_t loc = DECL_SOURCE_LOCATION (fndecl);
  tree frame = plan->frame;
  tree rtype = TREE_TYPE (TREE_TYPE (fndecl));
  tree slot = result;
  if (!slot && !VOID_TYPE_P (rtype))
    slot = artificial_var (fndecl, loc, "__cdefer_res",
			   TYPE_MAIN_VARIANT (rtype));
  if (slot)
    {
      TREE_ADDRESSABLE (slot) = 1;
      if (result)
	walk_tree (&BIND_EXPR_BODY (bind), hoist_r, result, NULL);
      else
	{
	  DECL_CHAIN (slot) = BIND_EXPR_VARS (bind);
	  BIND_EXPR_VARS (bind) = slot;
	}
      lower_returns (fndecl, bind, slot);
    }
  DECL_CHAIN (frame) = BIND_EXPR_VARS (bind);
  BIND_EXPR_VARS (bind) = frame;

  tree pro = alloc_stmt_list ();
  if (slot)
    append_to_statement_list_force (zero_init (slot, loc), &pro);
  append_to_statement_list_force
    (store_field (frame, plan->result_field,
		  slot ? build_fold_addr_expr (slot) : null_pointer_node, loc),
     &pro);
  tree fa = build_call_expr_loc (loc, builtin_decl_explicit
					(BUILT_IN_FRAME_ADDRESS), 1,
				 build_int_cst (unsigned_type_node, 0));
  append_to_statement_list_force (store_field (frame, plan->frame_field, fa,
					       loc), &pro);
  tree arg = fold_convert (TREE_VALUE (TYPE_ARG_TYPES
				       (TREE_TYPE (plan->setjmp_fn))),
			   build_fold_addr_expr (frame));
  tree sj = build_call_expr_loc (loc, plan->setjmp_fn, 1, arg);
  tree ex = build_call_expr_loc (loc, builtin_decl_explicit (BUILT_IN_EXPECT),
				 2, fold_convert (long_integer_type_node, sj),
				 build_int_cst (long_integer_type_node, 0));
  tree cond = build2 (NE_EXPR, boolean_type_node, ex,
		      build_int_cst (long_integer_type_node, 0));
  tree ret;
  if (slot)
    {
      tree res = DECL_RESULT (fndecl);
      tree v = slot;
      if (TYPE_MAIN_VARIANT (TREE_TYPE (res)) != TYPE_MAIN_VARIANT (TREE_TYPE (v))
	  && !AGGREGATE_TYPE_P (TREE_TYPE (res)))
	v = fold_convert (TREE_TYPE (res), v);
      ret = build1 (RETURN_EXPR, void_type_node,
		    build2 (MODIFY_EXPR, TREE_TYPE (res), res, v));
    }
  else
    ret = build1 (RETURN_EXPR, void_type_node, NULL_TREE);
  SET_EXPR_LOCATION (ret, loc);
  TREE_SIDE_EFFECTS (ret) = 1;
  tree iff = build3 (COND_EXPR, void_type_node, cond, ret, NULL_TREE);
  SET_EXPR_LOCATION (iff, loc);
  TREE_SIDE_EFFECTS (iff) = 1;
  append_to_statement_list_force (iff, &pro);
  append_to_statement_list_force (BIND_EXPR_BODY (bind), &pro);
  BIND_EXPR_BODY (bind) = pro;
  TREE_SIDE_EFFECTS (bind) = 1;

  quiet_clobbered (fndecl);
  return slot;
}

} // namespace cdefer
