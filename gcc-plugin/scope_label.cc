/* scope_label.cc - the _Defer macro inside functions: the label form of
 * the marker, chosen when the macro is expanded.
 *
 * Inside a function `_Defer` expands to
 *
 *   _Defer: __attribute__((__cdefer_scope__))
 *     switch (__cdefer_mark(cdefer_requires_plugin__fplugin_cdefer_gcc_so))
 *
 * A labelled statement is a statement wherever one may stand (GCC 11 takes
 * a pragma in the position of a braceless body for that whole statement),
 * and standard attributes may precede a label (`[[maybe_unused]] defer
 * f();` parses).  The parser applies a label's attributes while the
 * label's block is the current scope: the attribute handler binds the
 * artificial typedef (marker.cc) that keeps the block a BIND_EXPR, reports
 * the user's attributes (no attribute applies to a defer statement), and
 * records whether the deferred statement starts with `{` (the next tokens,
 * for E10).  strip_scope_labels removes the labels before anything else
 * looks at the function.
 *
 * Every defer's label is named `_Defer`: the handler takes the label out
 * of the current function (DECL_CONTEXT) so that the next `_Defer:` makes a
 * new one instead of a duplicate, and gives it back once the function is
 * parsed.  `_Defer` is also a file-scope typedef, so that a defer where an
 * expression is expected is GCC's "expected expression before '_Defer'".
 *
 * The form is chosen when `_Defer` is expanded (it expands to a
 * conditional macro, cpplib's macro_to_expand callback decides), not by redefining the macro at
 * function boundaries: a #define run while a macro is being expanded
 * discards the rest of that expansion (one macro that defines two
 * functions).  Outside a function the callback reports E8 and takes the
 * defer out of the token stream, unless the defer is in the argument of a
 * macro that defines a function (expanded before the function is parsed:
 * it is left for the rescan).  `gcc -E` parses no function and writes
 * the label form (a defer at file scope is then a syntax error when the .i
 * is compiled).  The pragma form of marker.cc, which earlier cdefer
 * versions wrote there on GCC 12, is still understood.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"
#include "attribs.h"

namespace cdefer {

static const char defer_name[] = "_Defer";

/* The macro _Defer expands to (__cdefer_defer) and its definitions: the label form, and for what
   follows an E8 nothing (a statement) or `0` (an expression).  The
   definitions are kept alive (for the garbage collector) by helper macros
   of their own.  */
static cpp_hashnode *defer_node;
static cpp_macro *form_label, *form_empty, *form_zero;
static cpp_hashnode *(*chained_macro_to_expand) (cpp_reader *,
						 const cpp_token *);

/* Each `_Defer` label taken out of its function, and that function.  */
struct taken_label
{
  tree label, fn;
};
static std::vector<taken_label> taken;

/* Is LABEL a marker's label?  Its name is `_Defer`, or `__cdefer_defer`
   when the marker was expanded in the rescan of a macro's expansion whose
   argument held it (`_Defer` in the label form is a macro name again
   there, and expands to the then disabled __cdefer_defer).  */
static bool
marker_label_name_p (tree label)
{
  if (TREE_CODE (label) != LABEL_DECL || !DECL_NAME (label))
    return false;
  const char *n = IDENTIFIER_POINTER (DECL_NAME (label));
  return !strcmp (n, defer_name) || !strcmp (n, "__cdefer_defer");
}

static bool
scope_label_p (tree label)
{
  return label && marker_label_name_p (label) && DECL_ARTIFICIAL (label);
}

/* Tokens of the definitions are located at BUILTINS_LOCATION, as GCC's
   own predefined macros are: a diagnostic at one of them is then shown at
   the macro's expansion point, the `_Defer` the user wrote.  */
static void
define (const char *definition)
{
  cpp_force_token_locations (parse_in, BUILTINS_LOCATION);
  cpp_define (parse_in, definition);
  cpp_stop_forcing_token_locations (parse_in);
}

static cpp_macro *
helper_macro (const char *definition)
{
  define (definition);
  const char *eq = strchr (definition, '=');
  cpp_hashnode *n = cpp_lookup (parse_in, (const unsigned char *) definition,
				eq - definition);
  return n->value.macro;
}

/* The location of TOK as the parser will see it: a token of a macro
   expansion (`defer` of <stddefer.h>, a user's macro) carries its spelling
   location, which is found among the tokens of the latest macro maps; the
   token's virtual location there resolves to where the user wrote the
   macro.  Else TOK was written in the file.  */
static location_t
token_location (const cpp_token *tok)
{
  unsigned used = LINEMAPS_MACRO_USED (line_table);
  for (unsigned k = used; k-- > 0 && used - k <= 16;)
    {
      const line_map_macro *map = LINEMAPS_MACRO_MAP_AT (line_table, k);
      for (unsigned i = 0; i < MACRO_MAP_NUM_MACRO_TOKENS (map); i++)
	if (MACRO_MAP_LOCATIONS (map)[2 * i] == tok->src_loc)
	  return user_location (MAP_START_LOCATION (map) + i);
    }
  return user_location (tok->src_loc);
}

/* Outside a function, is the defer in the argument of a macro that
   defines a function (`FN_BODY(f, { defer g(); })`)?  The argument is
   expanded when the macro is, before the function is parsed: the lexer
   then stands past the end of the argument, while a defer read from the
   file as the parser goes has nothing lexed past the two tokens after it.
   (Tokens of a macro's definition, `#define BAD defer f();`, are no
   argument.)  */
static bool
in_macro_argument (location_t defer_loc)
{
  const cpp_token *a = cpp_peek_token (parse_in, 0);
  const cpp_token *b = a && a->type != CPP_EOF ? cpp_peek_token (parse_in, 1)
					      : NULL;
  if (!b || b->type == CPP_EOF
      || linemap_location_from_macro_expansion_p (line_table, b->src_loc))
    return false;
  /* (Compared as lines and columns: a location and the line table's
     highest one may differ in their range bits.)  */
  expanded_location d = expand_location (defer_loc);
  expanded_location f = expand_location (get_finish (b->src_loc));
  expanded_location h = expand_location (line_table->highest_location);
  if (!d.file || !f.file || !h.file || strcmp (d.file, f.file)
      || strcmp (f.file, h.file))
    return false;
  bool after_defer = f.line > d.line || (f.line == d.line
					 && f.column > d.column);
  bool lexed_past = h.line > f.line || (h.line == f.line
					&& h.column > f.column);
  return after_defer && lexed_past;
}

static cpp_hashnode *
on_macro_to_expand (cpp_reader *pfile, const cpp_token *tok)
{
  cpp_hashnode *node = tok->val.node.node;
  if (node != defer_node)
    return chained_macro_to_expand ? chained_macro_to_expand (pfile, tok)
				   : node;
  cpp_macro *m = node->value.macro;
  if (m != form_label && m != form_empty && m != form_zero)
    return node;   /* (redefined by the user) */
  if (current_function_decl)
    {
      node->value.macro = form_label;
      /* The label is named like the typedef _Defer (below), and
	 -Wtraditional says that a label and an ordinary identifier of one
	 name conflict (K&R C has one namespace for both): quiet it for the
	 one location the expansion has, the defer's expansion point.  (A .i
	 has no typedef: declare_defer_typedef.)  */
      location_t at = user_location (token_location (tok));
      quiet_option (OPT_Wtraditional, at, at);
    }
  else if (in_macro_argument (token_location (tok)))
    /* Left unexpanded: the macro's expansion is rescanned as the parser
       reads it, inside the function.  */
    return NULL;
  else
    {
      emit (msg::E8, token_location (tok));
      node->value.macro = skip_file_scope_defer (1) ? form_zero : form_empty;
    }
  return node;
}

void
define_defer_macro ()
{
  std::string form = std::string (defer_name)
		     + ": __attribute__((__cdefer_scope__)) switch (__cdefer_mark("
		     + required::gcc + "))";
  if (flag_preprocess_only)
    {
      define (("_Defer=" + form).c_str ());
      return;
    }
  /* `#ifdef` takes a conditional macro for undefined (cpplib does so for
     the powerpc's `vector`): _Defer is an ordinary one that expands to the
     conditional __cdefer_defer.  (Its tokens are at BUILTINS_LOCATION, so
     no "in expansion of macro" note names it.)  */
  define ("_Defer=__cdefer_defer");
  form_label = helper_macro (("__cdefer_defer=" + form).c_str ());
  defer_node = cpp_lookup (parse_in, (const unsigned char *) "__cdefer_defer",
			   strlen ("__cdefer_defer"));
  form_empty = helper_macro ("__cdefer_after_e8=");
  form_zero = helper_macro ("__cdefer_after_e8_expr=0");
  defer_node->flags |= NODE_CONDITIONAL;
  cpp_callbacks *cb = cpp_get_callbacks (parse_in);
  chained_macro_to_expand = cb->macro_to_expand;
  cb->macro_to_expand = on_macro_to_expand;
}

void
declare_defer_typedef ()
{
  /* A .i holds `_Defer` only as the label form's label: no typedef there
     for -Wtraditional to find (on_macro_to_expand).  */
  if (cpp_get_options (parse_in)->preprocessed)
    return;
  tree td = build_decl (BUILTINS_LOCATION, TYPE_DECL,
			get_identifier (defer_name), integer_type_node);
  DECL_ARTIFICIAL (td) = 1;
  DECL_IGNORED_P (td) = 1;
  TREE_USED (td) = 1;
  pushdecl (td);
}

static tree
handle_scope_attribute (tree *node, tree, tree, int, bool *no_add_attrs)
{
  *no_add_attrs = true;
  tree label = *node;
  if (!marker_label_name_p (label) || !current_function_decl)
    return NULL_TREE;
  location_t loc = DECL_SOURCE_LOCATION (label);
  /* Never jumped to, never reported unused, and not this function's while
     it is parsed (the next `_Defer:` is then no duplicate).  */
  TREE_USED (label) = 1;
  DECL_ARTIFICIAL (label) = 1;
  DECL_IGNORED_P (label) = 1;
  taken.push_back ({label, current_function_decl});
  DECL_CONTEXT (label) = NULL_TREE;
  bind_scope_typedef (loc, true);
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

/* Give the labels taken out of FN (all of them if FN is NULL) back.  The
   user's attributes before a defer (`[[maybe_unused]] defer f();`) were
   applied to its label, after the scope attribute: no attribute applies to
   a defer statement (those that apply to no label GCC has already warned
   about and dropped).  */
void
return_scope_labels (tree fn)
{
  size_t kept = 0;
  for (size_t i = 0; i < taken.size (); i++)
    if (!fn || taken[i].fn == fn)
      {
	tree label = taken[i].label;
	DECL_CONTEXT (label) = taken[i].fn;
	/* (No token of the attribute is left: at the defer, where GCC
	   reports attributes a statement ignores.)  */
	location_t at = user_location (DECL_SOURCE_LOCATION (label));
	for (tree a = DECL_ATTRIBUTES (label); a; a = TREE_CHAIN (a))
	  {
	    tree ns = TREE_CODE (TREE_PURPOSE (a)) == TREE_LIST
		      ? TREE_PURPOSE (TREE_PURPOSE (a)) : NULL_TREE;
	    std::string name = IDENTIFIER_POINTER (get_attribute_name (a));
	    if (ns)
	      name = IDENTIFIER_POINTER (ns) + ("::" + name);
	    emit (msg::E8a, at, {name.c_str ()});
	  }
	DECL_ATTRIBUTES (label) = NULL_TREE;
      }
    else
      taken[kept++] = taken[i];
  taken.resize (kept);
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

} // namespace cdefer
