/* marker.cc - how `_Defer STMT` reaches the plugin.
 *
 * A plugin cannot add grammar, so `_Defer` is a predefined macro that
 * expands, inside a function, to (scope_label.cc)
 *
 *   _Defer: __attribute__((__cdefer_scope__))
 *     switch (__cdefer_mark(cdefer_requires_plugin__fplugin_cdefer_gcc_so))
 *
 * - `switch (__cdefer_mark(...)) STMT` is an ordinary statement that takes any
 *   STMT, braceless or not, and keeps `if (c) _Defer s; else t;` intact.
 *   It has no case label, so its body is reachable only through us: the
 *   plugin replaces every such switch before gimplification (lower.cc),
 *   which is also where -Wswitch-unreachable would have looked.  The switch
 *   captures `break` inside STMT; checks.cc diagnoses that.
 * - `__cdefer_mark` is a front-end builtin (BUILT_IN_FRONTEND) returning
 *   int, declared at PLUGIN_START_UNIT with the enumerator it takes: no
 *   header needed, never expanded.
 * - The label's attribute runs while the parser is at the defer: it binds
 *   an artificial typedef in the current scope (bind_scope_typedef).  A C
 *   block without declarations gets no BIND_EXPR (its statements are
 *   spliced into the enclosing list), which would lose "the end of the
 *   defer's block"; with a binding the block keeps its BIND_EXPR.
 * - The `cdefer scope` pragma does the same for a .i written by earlier
 *   cdefer versions (`#pragma cdefer scope` + the switch); at file scope it
 *   reports E8.
 * - The macros are defined from the PLUGIN_PRAGMAS callback, which runs
 *   both for compiles and for `gcc -E`; not when the input is already
 *   preprocessed (the .i holds the expansion).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"

namespace cdefer {

tree marker_fndecl;
static const char marker_name[] = "__cdefer_mark";

/* The marker takes the enumerator only the plugin declares
   (required::gcc, common/names.def): compiled without the plugin, a .i
   that `gcc -E` wrote with it stops with GCC's "undeclared" error naming
   the plugin.  Variadic: a .i of an earlier cdefer version calls it
   without an argument.  */
void
register_marker_builtin ()
{
  tree type = build_varargs_function_type_list (integer_type_node, NULL_TREE);
  marker_fndecl = add_builtin_function (marker_name, type, 0,
					BUILT_IN_FRONTEND, NULL, NULL_TREE);
  TREE_NOTHROW (marker_fndecl) = 1;
  tree req = build_decl (BUILTINS_LOCATION, CONST_DECL,
			 get_identifier (required::gcc), integer_type_node);
  DECL_INITIAL (req) = integer_zero_node;
  DECL_ARTIFICIAL (req) = 1;
  TREE_USED (req) = 1;
  pushdecl (req);
}

static unsigned scope_counter;

/* After E8 (`_Defer s` at file scope) take the rest of the defer out of
   the token stream, so that no parse error follows: up to the `;` or the
   closing `}` at nesting level 0 (a statement: consumed, returns false),
   or up to a `)` or `]` that closes what the defer stood in (an
   expression such as `sizeof(_Defer x)`: left there, returns true).  A `{`
   that is token BRACE_AT (from 1) opens a braced deferred statement.
   cpp_get_token consumes for real: the parser has read nothing past the
   defer yet.  */
bool
skip_file_scope_defer (int brace_at)
{
  int depth = 0;
  bool braced = false;
  for (int n = 0, guard = 0; guard < 1000000; guard++)
    {
      const cpp_token *peek = cpp_peek_token (parse_in, 0);
      if (!peek || peek->type == CPP_EOF)
	return false;
      if ((peek->type == CPP_CLOSE_PAREN || peek->type == CPP_CLOSE_SQUARE)
	  && depth == 0)
	return true;
      const cpp_token *t = cpp_get_token (parse_in);
      if (t->type == CPP_PADDING)
	continue;
      n++;
      switch (t->type)
	{
	case CPP_OPEN_PAREN:
	case CPP_OPEN_SQUARE:
	  depth++;
	  break;
	case CPP_OPEN_BRACE:
	  if (depth == 0 && n == brace_at)
	    braced = true;
	  depth++;
	  break;
	case CPP_CLOSE_PAREN:
	case CPP_CLOSE_SQUARE:
	  depth--;
	  break;
	case CPP_CLOSE_BRACE:
	  if (--depth <= 0 && braced)
	    return false;
	  if (depth < 0)
	    return false;
	  break;
	case CPP_SEMICOLON:
	  if (depth <= 0)
	    return false;
	  break;
	default:
	  break;
	}
    }
  return false;
}

/* Each defer as parsed: its _Defer token (KEY: defer_key), the error
   count then, and whether its deferred statement starts with `{`.  */
struct parsed_defer
{
  location_t loc;
  location_t key;
  int errors;
  bool braced;
};
static std::vector<parsed_defer> parsed;

/* What tells one defer's marker tokens from another's: the point where
   their `_Defer` macro was expanded, found by unwinding LOC's macro
   expansions up to the `_Defer` one (UNKNOWN_LOCATION if LOC is not in
   one: a .i).  The outermost expansion point does not tell them apart:
   two defers in one macro argument share it; nor does a fixed number of
   levels: the label's attribute and the switch of one defer lie at
   different depths when the defer stands in another macro's argument
   (`ID(defer if (c) { defer { L: s; } })` took the inner defer for the
   outer one, whose statement is no block: a false E10).  */
location_t
defer_expansion (location_t loc)
{
  while (linemap_location_from_macro_expansion_p (line_table, loc))
    {
      const line_map *map = linemap_lookup (line_table, loc);
      const line_map_macro *mm = linemap_check_macro (map);
      if (!strcmp (linemap_map_get_macro_name (mm), "_Defer"))
	return MACRO_MAP_EXPANSION_POINT_LOCATION (mm);
      loc = linemap_unwind_toward_expansion (line_table, loc, &map);
    }
  return UNKNOWN_LOCATION;
}

static location_t
defer_key (location_t loc)
{
  location_t at = defer_expansion (loc);
  return at != UNKNOWN_LOCATION ? at : loc;
}

/* The index in PARSED of MARKER's defer, or -1.  */
static int
parsed_index (tree marker)
{
  location_t raw = EXPR_LOCATION (marker);
  if (raw == UNKNOWN_LOCATION)
    raw = EXPR_LOCATION (SWITCH_STMT_COND (marker));
  if (!cpp_get_options (parse_in)->preprocessed)
    for (size_t i = 0; i < parsed.size (); i++)
      if (parsed[i].key == defer_key (raw))
	return i;
  location_t loc = defer_location (marker);
  for (size_t i = 0; i < parsed.size (); i++)
    if (parsed[i].loc == loc)
      return i;
  return -1;
}

bool
defer_body_dropped (tree marker)
{
  int i = parsed_index (marker);
  if (i < 0)
    return seen_error ();
  int after = (size_t) i + 1 < parsed.size () ? parsed[i + 1].errors
					       : (int) errorcount;
  return after > parsed[i].errors;
}

/* The marker's `switch` has no default label by design: keep
   -Wswitch-default (cJSON builds with it and -Werror) quiet there, as a
   `#pragma GCC diagnostic ignored` would, for the one location the switch
   has: the _Defer token (its expansion point).  A preprocessed input
   holds the `switch` as ordinary text after the label (or an older .i's
   pragma): up to the token the parser has not read yet (the `(` after the
   `switch`, or at a pragma the `switch`), a raw token that peeking does
   not expand.  */
static void
quiet_marker_switch (location_t at)
{
  location_t last = at;
  if (cpp_get_options (parse_in)->preprocessed)
    {
      const cpp_token *next = cpp_peek_token (parse_in, 0);
      if (next && next->type != CPP_EOF)
	last = next->src_loc;
    }
  quiet_option (OPT_Wswitch_default, at, last);
}

void
quiet_option (int opt, location_t at, location_t last)
{
  location_t end = linemap_position_for_loc_and_offset (line_table, last, 1);
  diagnostic_push_diagnostics (global_dc, at);
  diagnostic_classify_diagnostic (global_dc, opt, DK_IGNORED, at);
  diagnostic_pop_diagnostics (global_dc, end);
}

/* Does the deferred statement start with `{`?  Called while the parser
   stands at the marker (the scope label's attribute): the tokens not read yet are the rest of
   `switch (__cdefer_mark(...))` and then the deferred statement, unexpanded
   (cpp_peek_token reads raw tokens).  A macro there cannot be told: it is
   taken for braces (E10 then stays quiet).  */
static bool
peek_body_braced ()
{
  /* -1 before `__cdefer_mark`; then the depth of its parentheses, and
     -2 once they and the switch's `)` are passed.  */
  int depth = -1;
  bool seen_open = false;
  for (int i = 0; i < 24; i++)
    {
      const cpp_token *t = cpp_peek_token (parse_in, i);
      if (!t || t->type == CPP_EOF)
	return true;
      if (t->type == CPP_PADDING)
	continue;
      if (depth == -1)
	{
	  if (t->type == CPP_NAME
	      && !strcmp ((const char *) NODE_NAME (t->val.node.node),
			  "__cdefer_mark"))
	    depth = 0;
	  continue;
	}
      if (depth >= 0)
	{
	  if (t->type == CPP_OPEN_PAREN)
	    depth++, seen_open = true;
	  else if (t->type == CPP_CLOSE_PAREN)
	    depth--;
	  if (seen_open && depth < 0)   /* the switch's `)` */
	    depth = -2;
	  continue;
	}
      if (t->type == CPP_NAME && cpp_macro_p (t->val.node.node))
	return true;
      return t->type == CPP_OPEN_BRACE;
    }
  return true;
}

void
bind_scope_typedef (location_t loc, bool at_label)
{
  /* (At the pragma the tokens ahead may hold the next defer's pragma
     directive, which peeking would run.)  */
  parsed.push_back ({user_location (loc), defer_key (loc), (int) errorcount,
		     at_label ? peek_body_braced () : true});
  quiet_marker_switch (user_location (loc));
  char name[32];
  snprintf (name, sizeof name, "__cdefer_scope_%u", scope_counter++);
  tree td = build_decl (user_location (loc), TYPE_DECL, get_identifier (name),
			integer_type_node);
  DECL_ARTIFICIAL (td) = 1;
  DECL_IGNORED_P (td) = 1;
  TREE_USED (td) = 1;
  DECL_CONTEXT (td) = current_function_decl;
  pushdecl (td);
}

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
      emit (msg::E8, user_location (loc));
      skip_file_scope_defer (7);   /* after `switch (__cdefer_mark())` */
      return;
    }
  bind_scope_typedef (loc, false);
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
  define_defer_macro ();
}

bool
scope_decl_p (tree t)
{
  return t && TREE_CODE (t) == TYPE_DECL && DECL_ARTIFICIAL (t) && DECL_NAME (t)
	 && !strncmp (IDENTIFIER_POINTER (DECL_NAME (t)), "__cdefer_scope_", 15);
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

bool
defer_body_braced (tree marker)
{
  int i = parsed_index (marker);
  return i < 0 || parsed[i].braced;
}

location_t
defer_location (tree t)
{
  location_t loc = EXPR_LOCATION (t);
  if (loc == UNKNOWN_LOCATION)
    loc = EXPR_LOCATION (SWITCH_STMT_COND (t));
  if (!cpp_get_options (parse_in)->preprocessed)
    return user_location (loc);
  /* In a .i the marker is plain text: the `_Defer` label before the
     `switch` on its line (-E writes an expansion on one line) is where
     the user's defer was.  */
  expanded_location x = expand_location (loc);
  location_t best = loc;
  int best_column = 0;
  for (const parsed_defer &p : parsed)
    {
      expanded_location px = expand_location (p.loc);
      if (px.line == x.line && px.column <= x.column
	  && px.column > best_column && px.file && x.file
	  && !strcmp (px.file, x.file))
	{
	  best = p.loc;
	  best_column = px.column;
	}
    }
  return best;
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
