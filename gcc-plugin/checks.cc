/* checks.cc - the constraints of TS 25755 on defer statements.
 *
 * Runs at PLUGIN_PRE_GENERICIZE on the whole function body before lowering,
 * while loops are still FOR_STMT/WHILE_STMT/DO_STMT, switches SWITCH_STMT
 * and break/continue BREAK_STMT/CONTINUE_STMT: a jump's target is then a
 * matter of tree structure.  One walk records, for every statement, the
 * stack of "regions" it lies in:
 *
 *   SCOPE(D)  the rest of the block after defer D (what its finally guards)
 *   STMT(D)   the deferred statement of D
 *
 * and checks (docs/DIAGNOSTICS.md):
 *   E2/E3c case/default label inside a region its switch is outside of
 *   E4     return inside STMT(D)
 *   E5/E6  break/continue whose target is outside STMT(D) (the marker
 *          switch that carries D captures `break`: a barrier here)
 *   E11    setjmp family call inside STMT(D)
 *   W3     recover() (cdefer_recover) outside every deferred statement
 *   W1     empty deferred statement
 *   W2     defer that is the braceless body of if/else/for/while/do/switch
 *   E10    labelled deferred statement (the tokens after `_Defer`,
 *          peeked by marker.cc, tell `_Defer L: s;` from `_Defer { L: s; }`)
 * and records the gotos, computed gotos and asm gotos with their regions,
 * which jumps.cc judges once every label is known (E1, E3, E7, E7c-E7g).
 * E8 (file scope) is found while parsing, in marker.cc.  Every error is
 * followed by the note at the `_Defer` token; the defer involved is then replaced by an empty
 * statement, so lowering and the middle end never see it.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "checks.h"


namespace cdefer {

namespace checks {

/* Error ID about defer D at LOC, the note, and D is dropped.  ID's last
   argument is D's position; ARG, when given, comes before it.  */
void
checker::report (int d, location_t loc, msg id, const char *arg)
{
  defer_rec &rec = defers[d];
  std::string where = location_text (rec.loc);
  auto_diagnostic_group g;
  if (arg)
    emit (id, user_location (loc), {arg, where.c_str ()});
  else
    emit (id, user_location (loc), {where.c_str ()});
  emit (msg::N1, rec.loc);
  rec.bad = true;
}

int
checker::innermost_stmt_region ()
{
  for (size_t i = regions.size (); i-- > 0;)
    if (region_of (regions[i]) == STMT)
      return region_defer (regions[i]);
  return -1;
}

/* If T, after var-less BIND_EXPRs and single-statement lists, is a marker,
   return it and set *BIND_LOC to the innermost BIND_EXPR's location (or
   UNKNOWN_LOCATION).  */
static tree
lone_marker (tree t, location_t *bind_loc)
{
  *bind_loc = UNKNOWN_LOCATION;
  for (int guard = 0; t && guard < 8; guard++)
    {
      if (is_marker (t))
	return t;
      if (TREE_CODE (t) == BIND_EXPR)
	{
	  for (tree v = BIND_EXPR_VARS (t); v; v = DECL_CHAIN (v))
	    if (!DECL_ARTIFICIAL (v))
	      return NULL_TREE;
	  *bind_loc = EXPR_LOCATION (t);
	  t = BIND_EXPR_BODY (t);
	}
      else if (TREE_CODE (t) == STATEMENT_LIST)
	{
	  tree only = NULL_TREE;
	  for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
	    {
	      tree s = tsi_stmt (i);
	      if (TREE_CODE (s) == DEBUG_BEGIN_STMT)
		continue;
	      if (only)
		return NULL_TREE;
	      only = s;
	    }
	  t = only;
	}
      else
	return NULL_TREE;
    }
  return NULL_TREE;
}

static tree
first_statement (tree t)
{
  for (int guard = 0; t && guard < 16; guard++)
    {
      if (TREE_CODE (t) == BIND_EXPR)
	t = BIND_EXPR_BODY (t);
      else if (TREE_CODE (t) == STATEMENT_LIST)
	{
	  tree first = NULL_TREE;
	  for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
	    if (TREE_CODE (tsi_stmt (i)) != DEBUG_BEGIN_STMT)
	      {
		first = tsi_stmt (i);
		break;
	      }
	  t = first;
	}
      else
	return t;
    }
  return NULL_TREE;
}

/* The body of a control statement KW: warn W2 for a braceless defer.  */
void
checker::walk_body (tree *tp, const char *kw, target_kind kind)
{
  location_t bind_loc;
  tree m = lone_marker (*tp, &bind_loc);
  if (m)
    {
      location_t dloc = defer_location (m);
      /* A braced body's block starts at its `{`; the scope C99 gives a
	 braceless body starts at its first token, the `_Defer`: a token of
	 the `_Defer` expansion.  (In a .i there are no expansions, and the
	 two locations are compared; in another macro's argument both are
	 that macro's expansion point, which said W2 of a braced body.)  */
      bool braceless;
      if (bind_loc == UNKNOWN_LOCATION)
	braceless = true;
      else if (linemap_location_from_macro_expansion_p (line_table, bind_loc))
	braceless = defer_expansion (bind_loc) != UNKNOWN_LOCATION;
      else
	braceless = user_location (bind_loc) == dloc;
      if (braceless)
	emit (msg::W2, dloc, {kw});
    }
  if (kind == LOOP)
    breaks.push_back ({LOOP, -1});
  walk (tp);
  if (kind == LOOP)
    breaks.pop_back ();
}

void
checker::enter_defer (tree *slot, tree marker)
{
  int d = defers.size ();
  defers.push_back ({slot, marker, defer_location (marker), false});
  tree body = marker_body (marker);
  /* E10: `_Defer L: s;`, `_Defer case 1: s;`.  The parser put the label
     first in the switch body, as it does for `_Defer { L: s; }`: the
     tokens after the `_Defer` tell them apart (defer_body_braced).  */
  tree first = first_statement (body);
  if (first && (TREE_CODE (first) == LABEL_EXPR
		|| TREE_CODE (first) == CASE_LABEL_EXPR)
      && !defer_body_braced (marker))
    {
      auto_diagnostic_group g;
      emit (msg::E10, user_location (EXPR_LOCATION (first)));
      emit (msg::N1, defers[d].loc);
      defers[d].bad = true;
      return;
    }
  /* (After an error in the defer the front end may have dropped what was
     there.)  */
  if (empty_statement_p (body) && !defer_body_dropped (marker))
    emit (msg::W1, defers[d].loc);
  regions.push_back (d * 2 + STMT);
  breaks.push_back ({BARRIER, d});
  switches.push_back ({true, d, regions.size ()});
  walk (&marker_body (marker));
  switches.pop_back ();
  breaks.pop_back ();
  regions.pop_back ();
}

void
checker::walk_list (tree list)
{
  size_t pushed = 0;
  for (tree_stmt_iterator i = tsi_start (list); !tsi_end_p (i); tsi_next (&i))
    {
      tree *sp = tsi_stmt_ptr (i);
      tree m = unwrap_marker (*sp);
      if (is_marker (m))
	{
	  enter_defer (sp, m);
	  regions.push_back ((defers.size () - 1) * 2 + SCOPE);
	  pushed++;
	}
      else
	walk (sp);
    }
  regions.resize (regions.size () - pushed);
}

void
checker::check_call (tree t)
{
  int d = innermost_stmt_region ();
  tree fn = get_callee_fndecl (t);
  if (!fn || !DECL_NAME (fn))
    return;
  const char *name = IDENTIFIER_POINTER (DECL_NAME (fn));
  /* W3: recover() (<cdefer.h>'s cdefer_recover) outside every deferred
     statement always returns NULL.  */
  if (d < 0)
    {
      if (recover_call_p (t))
	emit (msg::W3, user_location (EXPR_LOCATION (t)));
      return;
    }
  if (!setjmp_name_p (name))
    return;
  location_t loc = EXPR_LOCATION (t);
  /* glibc's setjmp and sigsetjmp are macros: name what was written.  */
  if (loc != UNKNOWN_LOCATION && linemap_location_from_macro_expansion_p (line_table, loc))
    {
      const line_map *map = linemap_lookup (line_table, loc);
      if (map && linemap_macro_expansion_map_p (map))
	{
	  const char *m = linemap_map_get_macro_name (linemap_check_macro (map));
	  if (m && setjmp_name_p (m))
	    name = m;
	}
    }
  report (d, loc, msg::E11, name);
}

void
checker::check_case (tree t)
{
  if (switches.empty ())
    return;
  const switch_rec &sw = switches.back ();
  const char *kind = CASE_LOW (t) == NULL_TREE ? "default" : "case";
  if (sw.marker)
    {
      /* The label belongs to no switch of the user's: it is inside the
	 deferred statement, and its switch (if any) is outside.  */
      if (!defers[sw.defer].bad)
	report (sw.defer, EXPR_LOCATION (t), msg::E3c, kind);
      return;
    }
  size_t depth = std::min (sw.depth, regions.size ());
  jumps::verdict v = jumps::judge_case (jumps::path (regions.begin (),
						     regions.begin () + depth),
					regions);
  if (v.error ())
    report (v.defer, EXPR_LOCATION (t), v.id, kind);
}

void
checker::walk (tree *tp)
{
  tree t = *tp;
  if (!t || t == error_mark_node)
    return;
  enum tree_code code = TREE_CODE (t);
  switch (code)
    {
    case STATEMENT_LIST:
      walk_list (t);
      return;
    case COND_EXPR:
      walk (&TREE_OPERAND (t, 0));
      walk_body (&TREE_OPERAND (t, 1), "if", NONE);
      walk_body (&TREE_OPERAND (t, 2), "else", NONE);
      return;
    case FOR_STMT:
      walk (&FOR_INIT_STMT (t));
      walk (&FOR_COND (t));
      walk (&FOR_EXPR (t));
      walk_body (&FOR_BODY (t), "for", LOOP);
      return;
    case WHILE_STMT:
      walk (&WHILE_COND (t));
      walk_body (&WHILE_BODY (t), "while", LOOP);
      return;
    case DO_STMT:
      walk_body (&DO_BODY (t), "do", LOOP);
      walk (&DO_COND (t));
      return;
    case SWITCH_STMT:
      if (is_marker (t))
	{
	  enter_defer (tp, t);
	  return;
	}
      walk (&SWITCH_STMT_COND (t));
      breaks.push_back ({USER_SWITCH, -1});
      switches.push_back ({false, -1, regions.size ()});
      walk_body (&SWITCH_STMT_BODY (t), "switch", NONE);
      switches.pop_back ();
      breaks.pop_back ();
      return;
    case BREAK_STMT:
      if (!breaks.empty () && breaks.back ().kind == BARRIER)
	report (breaks.back ().defer, EXPR_LOCATION (t), msg::E5);
      return;
    case CONTINUE_STMT:
      for (size_t i = breaks.size (); i-- > 0;)
	{
	  if (breaks[i].kind == LOOP)
	    break;
	  if (breaks[i].kind == BARRIER)
	    {
	      report (breaks[i].defer, EXPR_LOCATION (t), msg::E6);
	      break;
	    }
	}
      return;
    case RETURN_EXPR:
      {
	int d = innermost_stmt_region ();
	if (d >= 0)
	  report (d, return_keyword_location (t), msg::E4);
	walk (&TREE_OPERAND (t, 0));
	return;
      }
    case GOTO_EXPR:
      {
	tree dest = GOTO_DESTINATION (t);
	if (TREE_CODE (dest) == LABEL_DECL)
	  gotos.push_back ({EXPR_LOCATION (t), dest, regions});
	else
	  {
	    /* Judged once every label is known (jumps.cc): E7c and E7d-f.  */
	    computed_gotos.push_back ({EXPR_LOCATION (t), NULL_TREE, regions});
	    walk (&GOTO_DESTINATION (t));
	  }
	return;
      }
    case ASM_EXPR:
      if (ASM_LABELS (t))
	asm_gotos.push_back ({EXPR_LOCATION (t), ASM_LABELS (t), regions});
      break;
    case LABEL_EXPR:
      labels[LABEL_EXPR_LABEL (t)] = regions;
      return;
    case CASE_LABEL_EXPR:
      check_case (t);
      return;
    case CALL_EXPR:
      check_call (t);
      break;
    case ADDR_EXPR:
      if (TREE_CODE (TREE_OPERAND (t, 0)) == LABEL_DECL)
	{
	  address_taken.push_back (TREE_OPERAND (t, 0));
	  return;
	}
      break;
    default:
      break;
    }
  for_each_child (t, [this] (tree *c) { walk (c); });
}

} // namespace checks

void
check_function (tree, tree *body)
{
  checks::checker c;
  c.walk (body);
  c.check_gotos ();
  c.check_computed_gotos ();
  c.check_asm_gotos ();
  for (checks::defer_rec &d : c.defers)
    if (d.bad)
      *d.slot = build_empty_stmt (d.loc);
}

} // namespace cdefer
