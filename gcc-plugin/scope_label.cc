/* scope_label.cc - GCC 11's form of the _Defer marker.
 *
 * GCC 11's parser takes a pragma in the position of a statement (the
 * braceless body of if/else/for/while/do/switch, or of another defer) as
 * that whole statement, where GCC 12's goes on to parse the statement after
 * it.  With the pragma form of marker.cc, `if (c) _Defer s; else t;` would
 * not even parse.  So on GCC 11, inside functions, `_Defer` expands to
 *
 *   __cdefer_scope_N: __attribute__((__cdefer_scope__)) switch (__cdefer_mark())
 *
 * (N from __COUNTER__).  A labelled statement is a statement wherever one
 * may stand, and the parser applies a label's attributes while the label's
 * block is the current scope: the attribute handler binds the same
 * artificial typedef as the pragma does (so the block keeps its BIND_EXPR).
 * strip_scope_labels removes the labels before anything else looks at the
 * function, leaving exactly the trees GCC 12 builds.
 *
 * At file scope a label cannot parse, and E8 ("defer statement outside a
 * function") comes from the pragma: `_Defer` is switched between the two
 * forms at PLUGIN_START_PARSE_FUNCTION / PLUGIN_FINISH_PARSE_FUNCTION (the
 * parser reads at most a token or two ahead, never a whole declaration).
 * `gcc -E` parses no function: it always writes the label form.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"

namespace cdefer {

#if CDEFER_LABEL_MARKER

static const char label_prefix[] = "__cdefer_scope_";
static int function_depth;

static void
define_defer (bool in_function)
{
  cpp_undef (parse_in, "_Defer");
  cpp_define (parse_in, in_function ? "_Defer=__cdefer_defer_label"
				    : "_Defer=__cdefer_defer_pragma");
}

static void
on_start_parse_function (void *, void *)
{
  if (function_depth++ == 0)
    define_defer (true);
}

static void
on_finish_parse_function (void *, void *)
{
  if (function_depth > 0 && --function_depth == 0)
    define_defer (false);
}

static bool
scope_label_p (tree label)
{
  return label && TREE_CODE (label) == LABEL_DECL && DECL_NAME (label)
	 && !strncmp (IDENTIFIER_POINTER (DECL_NAME (label)), label_prefix,
		      sizeof label_prefix - 1);
}

static tree
handle_scope_attribute (tree *node, tree, tree, int, bool *no_add_attrs)
{
  *no_add_attrs = true;
  if (!scope_label_p (*node) || !current_function_decl)
    return NULL_TREE;
  /* Never jumped to, never reported unused.  */
  TREE_USED (*node) = 1;
  DECL_ARTIFICIAL (*node) = 1;
  bind_scope_typedef (DECL_SOURCE_LOCATION (*node));
  return NULL_TREE;
}

static const struct attribute_spec scope_attribute = {
  "cdefer_scope", 0, 0, true, false, false, false, handle_scope_attribute,
  NULL
};

void
register_scope_label ()
{
  register_attribute (&scope_attribute);
}

void
define_scope_label_macros (bool preprocess_only)
{
  cpp_define (parse_in, "__cdefer_label2(n)=__cdefer_scope_##n: "
			"__attribute__((__cdefer_scope__)) switch "
			"(__cdefer_mark())");
  cpp_define (parse_in, "__cdefer_label(n)=__cdefer_label2(n)");
  cpp_define (parse_in, "__cdefer_defer_label=__cdefer_label(__COUNTER__)");
  cpp_define (parse_in, "__cdefer_defer_pragma=_Pragma(\"cdefer scope\") "
			"switch (__cdefer_mark())");
  define_defer (preprocess_only);
}

void
register_scope_label_callbacks (const char *plugin_name)
{
  register_callback (plugin_name, PLUGIN_START_PARSE_FUNCTION,
		     on_start_parse_function, NULL);
  register_callback (plugin_name, PLUGIN_FINISH_PARSE_FUNCTION,
		     on_finish_parse_function, NULL);
}

/* Remove the scope labels from the statement lists of *TP.  A list left
   with one statement becomes that statement, as pop_stmt_list would have
   made it without the label.  */
static tree
strip_in (tree *tp, int *walk_subtrees, void *)
{
  tree t = *tp;
  if (TYPE_P (t))
    {
      *walk_subtrees = 0;
      return NULL_TREE;
    }
  if (TREE_CODE (t) != STATEMENT_LIST)
    return NULL_TREE;
  bool removed = false;
  for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i);)
    {
      tree s = tsi_stmt (i);
      if (TREE_CODE (s) == LABEL_EXPR && scope_label_p (LABEL_EXPR_LABEL (s)))
	{
	  tsi_delink (&i);
	  removed = true;
	}
      else
	tsi_next (&i);
    }
  tree_stmt_iterator i = tsi_start (t);
  if (removed && !tsi_end_p (i) && tsi_one_before_end_p (i))
    {
      *tp = tsi_stmt (i);
      *walk_subtrees = 0;
      walk_tree (tp, strip_in, NULL, NULL);
    }
  return NULL_TREE;
}

void
strip_scope_labels (tree *body)
{
  walk_tree (body, strip_in, NULL, NULL);
}

#else

void register_scope_label () {}
void define_scope_label_macros (bool) {}
void register_scope_label_callbacks (const char *) {}
void strip_scope_labels (tree *) {}

#endif

} // namespace cdefer
