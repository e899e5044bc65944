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
 * - GCC 11 takes that pragma for the whole braceless body of an if or a
 *   loop: inside functions it gets a label form instead (scope_label.cc).
 * - The macros are defined from the PLUGIN_PRAGMAS callback, which runs
 *   both for compiles and for `gcc -E`; not when the input is already
 *   preprocessed (the .i holds the expansion).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
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
/* After E8 (`_Defer s` at file scope) the parser would go on to report
   `switch` as a syntax error, with "in expansion of macro" notes.  Take the
   rest of the defer (`switch (__cdefer_mark()) s`) out of the token
   stream instead: up to the `;` or the closing `}` at nesting level 0.
   The parser has read nothing past the pragma yet, and cpp_get_token
   consumes for real (no look-ahead left behind).  */
static void
skip_file_scope_defer ()
{
  int depth = 0;
  bool braced = false;
  for (int n = 0, guard = 0; guard < 1000000; guard++)
    {
      const cpp_token *peek = cpp_peek_token (parse_in, 0);
      if (!peek || peek->type == CPP_EOF)
	return;
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
	  if (depth == 0 && n == 7)
	    braced = true;
	  depth++;
	  break;
	case CPP_CLOSE_PAREN:
	case CPP_CLOSE_SQUARE:
	  depth--;
	  break;
	case CPP_CLOSE_BRACE:
	  if (--depth <= 0 && braced)
	    return;
	  if (depth < 0)
	    return;
	  break;
	case CPP_SEMICOLON:
	  if (depth <= 0)
	    return;
	  break;
	default:
	  break;
	}
    }
}

/* Each defer as parsed: its _Defer token and the error count then.  */
struct parsed_defer
{
  location_t loc;
  int errors;
};
static std::vector<parsed_defer> parsed;

bool
defer_body_dropped (location_t loc)
{
  for (size_t i = 0; i < parsed.size (); i++)
    if (parsed[i].loc == loc)
      {
	int after = i + 1 < parsed.size () ? parsed[i + 1].errors
					   : (int) errorcount;
	return after > parsed[i].errors;
      }
  return seen_error ();
}

/* The marker's `switch` has no default label by design: keep
   -Wswitch-default (cJSON builds with it and -Werror) quiet there, as a
   `#pragma GCC diagnostic ignored` would, for the one location the switch
   has: the _Defer token (its expansion point).  A preprocessed input
   holds the `switch` as ordinary text after the pragma: up to the token
   the parser has not read yet (the `switch`, or on GCC 11 the `(` after
   it), a raw token that peeking does not expand.  */
static void
quiet_marker_switch (location_t at)
{
  location_t end = at;
  if (cpp_get_options (parse_in)->preprocessed)
    {
      const cpp_token *next = cpp_peek_token (parse_in, 0);
      if (next && next->type != CPP_EOF)
	end = next->src_loc;
    }
  end = linemap_position_for_loc_and_offset (line_table, end, 1);
  diagnostic_push_diagnostics (global_dc, at);
  diagnostic_classify_diagnostic (global_dc, OPT_Wswitch_default, DK_IGNORED,
				  at);
  diagnostic_pop_diagnostics (global_dc, end);
}

void
bind_scope_typedef (location_t loc)
{
  parsed.push_back ({user_location (loc), (int) errorcount});
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
      skip_file_scope_defer ();
      return;
    }
  bind_scope_typedef (loc);
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
#if CDEFER_LABEL_MARKER
  define_scope_label_macros (flag_preprocess_only);
#else
  cpp_define (parse_in, "_Defer=_Pragma(\"cdefer scope\") switch "
			"(__cdefer_mark())");
#endif
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

location_t
user_location (location_t loc)
{
  return linemap_resolve_location (line_table, loc,
				   LRK_MACRO_EXPANSION_POINT, NULL);
}

/* Is the deferred statement of the defer at LOC written with a `{`?  Read
   the source: skip the keyword (`_Defer`, `defer`, or in a preprocessed
   input `switch (__cdefer_mark())`) and blanks.  Looking ahead at tokens
   from the pragma handler instead (cpp_peek_token) breaks a following
   _Pragma (`defer defer s;`), so the text is read after parsing.  */
bool
defer_body_braced (location_t loc)
{
  expanded_location x = expand_location (loc);
  if (!x.file || x.line <= 0 || x.column <= 0)
    return true;
  int line = x.line;
  size_t col = x.column - 1;
  bool keyword = true;
  int parens = 0;
  for (int tries = 0; tries < 16; tries++)
    {
      char_span text = location_get_source_line (x.file, line);
      if (!text)
	return true;
      const char *p = text.get_buffer ();
      size_t n = text.length ();
      if (keyword)
	{
	  size_t e = col;
	  while (e < n && ISIDNUM (p[e]))
	    e++;
	  size_t len = e - col;
	  if (len == 6 && !strncmp (p + col, "switch", 6))
	    parens = -1;   /* then `(__cdefer_mark())` */
	  else if (!((len == 6 && !strncmp (p + col, "_Defer", 6))
		     || (len == 5 && !strncmp (p + col, "defer", 5))))
	    return true;   /* a user's macro: cannot tell, assume braces */
	  col = e;
	  keyword = false;
	}
      for (; col < n; col++)
	{
	  char c = p[col];
	  if (parens != 0)
	    {
	      if (c == '(')
		parens = parens < 0 ? 1 : parens + 1;
	      else if (c == ')')
		parens--;
	      continue;
	    }
	  if (!ISSPACE (c))
	    return c == '{';
	}
      line++;
      col = 0;
    }
  return true;
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
