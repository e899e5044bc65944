/* marker.cc - how `_Defer STMT` reaches the plugin.
 *
 * A plugin cannot add grammar, so `_Defer` is a predefined macro:
 *
 *   _Defer  ->  _Pragma("cdefer scope") switch (__cdefer_mark()) 
 *
 * - `switch (__cdefer_mark()) STMT` is an ordinary statement that takes any
 *   STMT, braceless or not, and keeps `if (c) _Defer s; else t;` intact.
 *   It has no case label, so its body is reachable only through us: the
 *   plugin replaces every such switch before gimplification (lower.cc),
 *   which is also where -Wswitch-unreachable would have looked.  The switch
 *   captures `break` inside STMT; checks.cc diagnoses that.
 * - `__cdefer_mark` is a front-end builtin (BUILT_IN_FRONTEND) returning
 *   int, declared at PLUGIN_START_UNIT: no header needed, never expanded.
 * - The pragma runs while the parser is at the defer: it binds an
 *   artificial typedef in the current scope.  A C block without
 *   declarations gets no BIND_EXPR (its statements are spliced into the
 *   enclosing list), which would lose "the end of the defer's block"; with
 *   a binding the block keeps its BIND_EXPR.  At file scope the pragma
 *   reports E8.
 * - The macros are defined from the PLUGIN_PRAGMAS callback, which runs
 *   both for compiles and for `gcc -E`; not when the input is already
 *   preprocessed (the .i holds the expansion).  */
#include "cdefer-gcc.h"

namespace cdefer {

tree marker_fndecl;
static const char marker_name[] = "__cdefer_mark";

void
register_marker_builtin ()
{
  tree type = build_function_type_list (integer_type_node, NULL_TREE);
  marker_fndecl = add_builtin_function (marker_name, type, 0,
					BUILT_IN_FRONTEND, NULL, NULL_TREE);
  TREE_NOTHROW (marker_fndecl) = 1;
}

static unsigned scope_counter;

static void
handle_scope_pragma (cpp_reader *)
{
  tree x;
  location_t loc = input_location;
  /* Nothing follows `cdefer scope`; read up to the end of the pragma.  */
  while (pragma_lex (&x, &loc) != CPP_EOF)
    ;
  if (!current_function_decl)
    {
      error_at (user_location (loc), "defer statement outside a function");
      return;
    }
  char name[32];
  snprintf (name, sizeof name, "__cdefer_scope_%u", scope_counter++);
  tree td = build_decl (UNKNOWN_LOCATION, TYPE_DECL, get_identifier (name),
			integer_type_node);
  DECL_ARTIFICIAL (td) = 1;
  DECL_IGNORED_P (td) = 1;
  TREE_USED (td) = 1;
  DECL_CONTEXT (td) = current_function_decl;
  pushdecl (td);
}

void
register_pragmas_and_macros ()
{
  c_register_pragma ("cdefer", "scope", handle_scope_pragma);
  if (cpp_get_options (parse_in)->preprocessed)
    return;
#define STR2(x) #x
#define STR(x) STR2 (x)
  cpp_define (parse_in, "__CDEFER__=" STR (CDEFER_VERSION_NUMBER));
  cpp_define (parse_in, "__STDC_DEFER_TS25755__=1");
  cpp_define (parse_in, "_Defer=_Pragma(\"cdefer scope\") switch "
			"(__cdefer_mark())");
}

bool
is_marker (tree t)
{
  if (!t || TREE_CODE (t) != SWITCH_STMT || !marker_fndecl)
    return false;
  tree c = SWITCH_STMT_COND (t);
  while (c && (CONVERT_EXPR_P (c) || TREE_CODE (c) == NON_LVALUE_EXPR))
    c = TREE_OPERAND (c, 0);
  if (!c || TREE_CODE (c) != CALL_EXPR)
    return false;
  tree fn = get_callee_fndecl (c);
  return fn == marker_fndecl;
}

tree
unwrap_marker (tree t)
{
  if (t && TREE_CODE (t) == BIND_EXPR && !BIND_EXPR_VARS (t)
      && !BIND_EXPR_BLOCK (t) && is_marker (BIND_EXPR_BODY (t)))
    return BIND_EXPR_BODY (t);
  return t;
}

location_t
user_location (location_t loc)
{
  return linemap_resolve_location (line_table, loc,
				   LRK_MACRO_EXPANSION_POINT, NULL);
}

location_t
defer_location (tree t)
{
  location_t loc = EXPR_LOCATION (t);
  if (loc == UNKNOWN_LOCATION)
    loc = EXPR_LOCATION (SWITCH_STMT_COND (t));
  return user_location (loc);
}

static bool
empty_list_p (tree t)
{
  for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
    if (!empty_statement_p (tsi_stmt (i)))
      return false;
  return true;
}

bool
empty_statement_p (tree t)
{
  if (!t)
    return true;
  switch (TREE_CODE (t))
    {
    case STATEMENT_LIST:
      return empty_list_p (t);
    case BIND_EXPR:
      {
	for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	  if (!DECL_ARTIFICIAL (v))
	    return false;
	return empty_statement_p (BIND_EXPR_BODY (t));
      }
    default:
      return IS_EMPTY_STMT (t);
    }
}

} // namespace cdefer
