/* result.cc - named results: the cdefer_result attribute (SPEC 5).
 *
 *     int save(void) {
 *         cdefer_result int err = 0;
 *         defer { if (close(fd) != 0 && err == 0) err = -1; }
 *         ...
 *         return e;
 *     }
 *
 * `cdefer_result` is <cdefer.h>'s macro for __attribute__((cdefer_result)),
 * a GNU attribute registered here (PLUGIN_ATTRIBUTES).  It marks a local
 * whose type is the return type (qualifiers aside) as the function's
 * result.  After the defer lowering (lower.cc), in the outermost block:
 *
 *     return e;   ->   err = e; goto L;     (every one, at any depth)
 *     ...              L: return err;        (appended to the outermost block)
 *
 * The goto leaves every try body between it and L, so the deferred
 * statements run after the store and before the value is read; falling off
 * the end reaches L too.  L is appended after the lowering: appended before,
 * it would land inside the outermost defer's try body, and the deferred
 * code would run after the value was copied.  recover.cc uses the same
 * rewriting, with a hidden slot, for recovering functions that have no
 * named result.
 *
 * Misuse is an error at the variable's name (docs/DIAGNOSTICS.md "Named
 * results"): R1 two in one function and R3 not in the outermost block are
 * found here at PLUGIN_PRE_GENERICIZE; R2 (type), R4 (void function), R5
 * (static, extern) and R6 (not a local variable) by the attribute handler,
 * which then drops the attribute.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"
#include "attribs.h"

namespace cdefer {

static const char *const attr_name = abi::result_attr;

static bool
has_result_attr (tree decl)
{
  return DECL_P (decl) && lookup_attribute (attr_name, DECL_ATTRIBUTES (decl));
}

/* The handler: everything that can be told from the declaration alone.  */
static tree
handle_result_attribute (tree *node, tree, tree, int, bool *no_add_attrs)
{
  tree d = *node;
  result_attribute_seen = true;
  location_t loc = DECL_P (d) ? DECL_SOURCE_LOCATION (d) : input_location;
  loc = user_location (loc);
  tree fn = current_function_decl;
  if (!VAR_P (d) || !fn)
    {
      /* R6: a parameter, a file-scope variable, a field, a type, ...  */
      emit (msg::R6, loc);
      *no_add_attrs = true;
      return NULL_TREE;
    }
  if (TREE_STATIC (d) || DECL_EXTERNAL (d))
    {
      /* R5 (block-scope _Thread_local is static or extern as well).  */
      emit (msg::R5, loc,
	    {decl_name (d), DECL_EXTERNAL (d) ? "extern" : "static"});
      *no_add_attrs = true;
      return NULL_TREE;
    }
  tree rtype = TREE_TYPE (TREE_TYPE (fn));
  if (VOID_TYPE_P (rtype))
    {
      /* R4 */
      emit (msg::R4, loc, {decl_name (d), decl_name (fn)});
      *no_add_attrs = true;
      return NULL_TREE;
    }
  tree vtype = TREE_TYPE (d);
  if (vtype == error_mark_node || rtype == error_mark_node)
    return NULL_TREE;
  bool same = TYPE_MAIN_VARIANT (vtype) == TYPE_MAIN_VARIANT (rtype)
	      || (comptypes && comptypes (TYPE_MAIN_VARIANT (vtype),
					  TYPE_MAIN_VARIANT (rtype)));
  if (!same)
    {
      /* R2 (the types are not printed: GCC and Clang spell them
	 differently, and the catalogue is shared).  */
      emit (msg::R2, loc, {decl_name (d), decl_name (fn)});
      *no_add_attrs = true;
      return NULL_TREE;
    }
  /* The function returns it: used and read, even if the user's code
     never names it again (-Wunused-variable, -Wunused-but-set-variable
     are decided before PLUGIN_PRE_GENERICIZE).  */
  TREE_USED (d) = 1;
  DECL_READ_P (d) = 1;
  /* Every `return e;` assigns it, const or not: the front end must not
     fold its reads to the initialiser (decl_constant_value does so for a
     TREE_READONLY variable when optimizing).  Its type stays const, so the
     user's code still cannot assign it.  */
  TREE_READONLY (d) = 0;
  return NULL_TREE;
}

static const struct attribute_spec result_attribute = {
  attr_name, 0, 0, true, false, false, false, handle_result_attribute, NULL
};

bool result_attribute_seen;

void
register_result_attribute ()
{
  register_attribute (&result_attribute);
}

tree
outermost_bind (tree fndecl)
{
  tree t = DECL_SAVED_TREE (fndecl);
  /* `main` in C99: the front end appends `return 0;` after the body's
     BIND_EXPR, in a STATEMENT_LIST.  */
  if (t && TREE_CODE (t) == STATEMENT_LIST)
    for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
      if (TREE_CODE (tsi_stmt (i)) == BIND_EXPR)
	return tsi_stmt (i);
  return t && TREE_CODE (t) == BIND_EXPR ? t : NULL_TREE;
}

namespace {

struct found_results
{
  std::vector<tree> vars;
};

tree
find_results_r (tree *tp, int *walk_subtrees, void *data)
{
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    *walk_subtrees = 0;
  else if (TREE_CODE (t) == BIND_EXPR)
    for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
      if (VAR_P (v) && has_result_attr (v))
	((found_results *) data)->vars.push_back (v);
  return NULL_TREE;
}

void
drop_attribute (tree v)
{
  DECL_ATTRIBUTES (v) = remove_attribute (attr_name, DECL_ATTRIBUTES (v));
}

} // namespace

tree
find_named_result (tree fndecl)
{
  tree bind = outermost_bind (fndecl);
  found_results f;
  walk_tree_without_duplicates (&DECL_SAVED_TREE (fndecl), find_results_r, &f);
  if (f.vars.empty ())
    return NULL_TREE;
  std::stable_sort (f.vars.begin (), f.vars.end (), [] (tree a, tree b) {
    return linemap_compare_locations (line_table, DECL_SOURCE_LOCATION (a),
				      DECL_SOURCE_LOCATION (b)) > 0;
  });
  tree result = NULL_TREE;
  for (tree v : f.vars)
    {
      bool outermost = false;
      if (bind)
	for (tree w = BIND_EXPR_VARS (bind); w; w = DECL_CHAIN (w))
	  if (w == v)
	    outermost = true;
      location_t loc = user_location (DECL_SOURCE_LOCATION (v));
      if (!outermost)
	{
	  /* R3 */
	  emit (msg::R3, loc, {decl_name (v), decl_name (fndecl)});
	  drop_attribute (v);
	}
      else if (result)
	{
	  /* R1 */
	  std::string where = location_text (DECL_SOURCE_LOCATION (result));
	  emit (msg::R1, loc, {decl_name (v), decl_name (fndecl),
				 decl_name (result), where.c_str ()});
	  drop_attribute (v);
	}
      else
	result = v;
    }
  return result;
}

namespace {

struct returns_ctx
{
  tree fndecl;
  tree res;
  tree label;
};

/* RHS converted to the type of RES (compatible, qualifiers aside).  */
tree
convert_to (tree res, tree rhs)
{
  tree to = TREE_TYPE (res);
  if (TYPE_MAIN_VARIANT (to) == TYPE_MAIN_VARIANT (TREE_TYPE (rhs))
      || AGGREGATE_TYPE_P (to))
    return rhs;
  return fold_convert (TYPE_MAIN_VARIANT (to), rhs);
}

tree
returns_r (tree *tp, int *walk_subtrees, void *data)
{
  returns_ctx *c = (returns_ctx *) data;
  tree t = *tp;
  if (TYPE_P (t) || DECL_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (TREE_CODE (t) != RETURN_EXPR)
    return NULL_TREE;
  *walk_subtrees = 0;
  location_t loc = EXPR_LOCATION (t);
  tree op = TREE_OPERAND (t, 0);
  tree list = alloc_stmt_list ();
  if (op && (TREE_CODE (op) == MODIFY_EXPR || TREE_CODE (op) == INIT_EXPR)
      && TREE_OPERAND (op, 0) == DECL_RESULT (c->fndecl))
    {
      /* `return res;`: nothing to store.  */
      if (tree_strip_nop_conversions (TREE_OPERAND (op, 1)) == c->res)
	op = NULL_TREE;
    }
  if (op && (TREE_CODE (op) == MODIFY_EXPR || TREE_CODE (op) == INIT_EXPR)
      && TREE_OPERAND (op, 0) == DECL_RESULT (c->fndecl))
    {
      tree store = build2 (MODIFY_EXPR, TREE_TYPE (c->res), c->res,
			   convert_to (c->res, TREE_OPERAND (op, 1)));
      SET_EXPR_LOCATION (store, loc);
      TREE_SIDE_EFFECTS (store) = 1;
      append_to_statement_list_force (store, &list);
    }
  else if (op)
    /* Not a `return e;` of this function's value (`return f();` of a
       void expression): evaluate it, keep the result.  */
    append_to_statement_list_force (op, &list);
  tree jump = build1 (GOTO_EXPR, void_type_node, c->label);
  SET_EXPR_LOCATION (jump, loc);
  TREE_SIDE_EFFECTS (jump) = 1;
  append_to_statement_list_force (jump, &list);
  *tp = list;
  return NULL_TREE;
}

} // namespace

void
lower_returns (tree fndecl, tree bind, tree res)
{
  tree label = build_decl (DECL_SOURCE_LOCATION (res), LABEL_DECL,
			   get_identifier ("__cdefer_return"), void_type_node);
  DECL_ARTIFICIAL (label) = 1;
  DECL_CONTEXT (label) = fndecl;
  /* The result is written by `return e;`, whatever the user's qualifiers
     say (deferred code cannot write a const one anyway).  */
  TREE_READONLY (res) = 0;
  returns_ctx c = {fndecl, res, label};
  /* The BIND_EXPR itself, not only its body: a `return` may sit in a
     statement expression that initializes one of its variables.  */
  tree b = bind;
  walk_tree (&b, returns_r, &c, NULL);

  location_t end = DECL_STRUCT_FUNCTION (fndecl)
		   ? DECL_STRUCT_FUNCTION (fndecl)->function_end_locus
		   : UNKNOWN_LOCATION;
  tree body = alloc_stmt_list ();
  append_to_statement_list_force (BIND_EXPR_BODY (bind), &body);
  tree lab = build1 (LABEL_EXPR, void_type_node, label);
  SET_EXPR_LOCATION (lab, end);
  append_to_statement_list_force (lab, &body);
  tree result = DECL_RESULT (fndecl);
  tree assign = build2 (MODIFY_EXPR, TREE_TYPE (result), result,
			convert_to (result, res));
  tree ret = build1 (RETURN_EXPR, void_type_node, assign);
  SET_EXPR_LOCATION (ret, end);
  TREE_SIDE_EFFECTS (ret) = 1;
  append_to_statement_list_force (ret, &body);
  BIND_EXPR_BODY (bind) = body;
}

} // namespace cdefer
