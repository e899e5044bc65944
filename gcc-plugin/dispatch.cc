/* dispatch.cc - gotos that leave a chain of defers share one way out.
 *
 * Runs at the end of lower_function, on the TRY_FINALLY_EXPRs lower.cc
 * made.  GCC's tree-eh lowers a try/finally with several destinations
 * either by copying the finally once per destination or by a switch after
 * it; in both cases every destination of an inner try/finally becomes a
 * destination of the one around it.  n defers each followed by a `goto`
 * to its own label outside the block thus give the i-th finally n-i+2
 * destinations: quadratic code and compile time (docs/PERFORMANCE.md,
 * "gotos" axis).
 *
 * For O, the outermost try/finally a group of gotos leaves, when those
 * gotos go to at least MIN_TARGETS distinct labels and at least one of
 * them leaves two or more nested try/finallys, every such
 *
 *     goto Lj;                 becomes    __cdefer_dest = j; goto D;
 *
 * and O (in its statement list) becomes
 *
 *     { int __cdefer_dest;
 *       O;
 *       goto A;                                 (falling off O skips D)
 *     D:
 *       switch (__cdefer_dest) { case 0: goto L0; ... default: goto Lk; }
 *     A: ; }
 *
 * so that every try/finally of the chain sees one destination (D) for all
 * of them: linear code, as in hand-written goto cleanup.  D is right after
 * O, in O's own block, so the jumps from the switch leave and enter exactly
 * what the original gotos did once outside O.  Nothing jumps into O from
 * outside (checks.cc: E1/E2), so the new block around it changes no scope.
 * One or two targets (the usual cleanup code) are left alone: there the
 * -O2 code stays that of hand-written cleanup (test/gcc/same_code_O2.c).
 * Computed gotos, break/continue (at most two destinations) and returns
 * (one) are not touched; nor is anything after an error.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"

namespace cdefer {

namespace {

const unsigned MIN_TARGETS = 3;

/* A try body or a finally of one of lower.cc's TRY_FINALLY_EXPRs; the
   regions a statement is in form a chain of these up to the function.  */
struct region
{
  tree tf;
  bool finally;
  region *parent;
  int depth;
};

struct goto_site
{
  tree *slot;           /* where the GOTO_EXPR is */
  region *in;
};

/* The try/finallys to dispatch, with the gotos that leave them.  */
struct group
{
  tree *slot = NULL;    /* where O is */
  std::vector<tree *> gotos;
  std::vector<tree> labels;      /* distinct, first use first */
  std::map<tree, int> index;
  int max_left = 0;
};

struct walker
{
  std::set<tree> defer_tfs;
  std::vector<region> regions;   /* reserved: two per try/finally */
  std::map<tree, region *> label_region;
  std::map<tree, tree *> tf_slot;
  std::vector<goto_site> gotos;
  std::set<tree> seen;   /* a SAVE_EXPR may be shared: walk it once */

  region *push (tree tf, bool fin, region *parent)
  {
    gcc_assert (regions.size () < regions.capacity ());
    regions.push_back ({tf, fin, parent, parent ? parent->depth + 1 : 1});
    return &regions.back ();
  }
  void walk (tree *tp, region *in);
};

/* Every statement and expression below *TP (for_each_child: not into
   types, declarations or nested functions), as dump.cc walks them.  */
void
walker::walk (tree *tp, region *in)
{
  tree t = *tp;
  if (!t || (TREE_CODE (t) != STATEMENT_LIST && !seen.insert (t).second))
    return;
  switch (TREE_CODE (t))
    {
    case LABEL_EXPR:
      label_region[LABEL_EXPR_LABEL (t)] = in;
      return;
    case GOTO_EXPR:
      if (TREE_CODE (GOTO_DESTINATION (t)) == LABEL_DECL)
	gotos.push_back ({tp, in});
      return;
    case TRY_FINALLY_EXPR:
      if (defer_tfs.count (t))
	{
	  tf_slot[t] = tp;
	  walk (&TREE_OPERAND (t, 0), push (t, false, in));
	  walk (&TREE_OPERAND (t, 1), push (t, true, in));
	  return;
	}
      break;
    default:
      break;
    }
  for_each_child (t, [this, in] (tree *c) { walk (c, in); });
}

/* Rewritten gotos -> the label they were written to; the dispatch's own
   jumps -> NULL_TREE.  For dump.cc, per function.  */
std::map<tree, tree> dispatched;

tree
new_label (tree fndecl, location_t loc)
{
  tree l = build_decl (loc, LABEL_DECL, NULL_TREE, void_type_node);
  DECL_ARTIFICIAL (l) = 1;
  DECL_IGNORED_P (l) = 1;
  DECL_CONTEXT (l) = fndecl;
  return l;
}

tree
new_goto (tree label, location_t loc)
{
  tree g = build1_loc (loc, GOTO_EXPR, void_type_node, label);
  TREE_SIDE_EFFECTS (g) = 1;
  dispatched[g] = NULL_TREE;
  return g;
}

void
dispatch (tree fndecl, group &g)
{
  tree tf = *g.slot;
  location_t loc = EXPR_LOCATION (tf);
  tree var = build_decl (loc, VAR_DECL, get_identifier ("__cdefer_dest"),
			 integer_type_node);
  DECL_ARTIFICIAL (var) = 1;
  DECL_IGNORED_P (var) = 1;
  DECL_CONTEXT (var) = fndecl;
  TREE_USED (var) = 1;
  DECL_READ_P (var) = 1;
  tree disp = new_label (fndecl, loc), after = new_label (fndecl, loc);

  for (tree *gp : g.gotos)
    {
      tree go = *gp;
      tree label = GOTO_DESTINATION (go);
      location_t gl = EXPR_LOCATION (go);
      tree set = build2_loc (gl, MODIFY_EXPR, integer_type_node, var,
			     build_int_cst (integer_type_node,
					    g.index[label]));
      TREE_SIDE_EFFECTS (set) = 1;
      GOTO_DESTINATION (go) = disp;
      dispatched[go] = label;
      tree list = alloc_stmt_list ();
      append_to_statement_list_force (set, &list);
      append_to_statement_list_force (go, &list);
      *gp = list;
    }

  tree cases = alloc_stmt_list ();
  for (size_t j = 0; j < g.labels.size (); j++)
    {
      tree low = j + 1 < g.labels.size ()
		 ? build_int_cst (integer_type_node, j) : NULL_TREE;
      append_to_statement_list_force
	(build_case_label (low, NULL_TREE, new_label (fndecl, UNKNOWN_LOCATION)),
	 &cases);
      append_to_statement_list_force (new_goto (g.labels[j], UNKNOWN_LOCATION),
				      &cases);
    }
  tree sw = build2 (SWITCH_EXPR, integer_type_node, var, cases);
  TREE_SIDE_EFFECTS (sw) = 1;

  tree body = alloc_stmt_list ();
  append_to_statement_list_force (tf, &body);
  append_to_statement_list_force (new_goto (after, UNKNOWN_LOCATION), &body);
  append_to_statement_list_force (build1 (LABEL_EXPR, void_type_node, disp),
				  &body);
  append_to_statement_list_force (sw, &body);
  append_to_statement_list_force (build1 (LABEL_EXPR, void_type_node, after),
				  &body);
  tree bind = build3 (BIND_EXPR, void_type_node, var, body, NULL_TREE);
  TREE_SIDE_EFFECTS (bind) = 1;
  SET_EXPR_LOCATION (bind, loc);
  *g.slot = bind;
}

} // namespace

void
dispatch_gotos (tree fndecl, tree *body,
		const std::vector<lowered_defer> &log)
{
  dispatched.clear ();
  if (seen_error ())
    return;
  walker w;
  for (const lowered_defer &d : log)
    if (d.kind == LOWERED_TRY_FINALLY)
      w.defer_tfs.insert (d.finally);
  if (w.defer_tfs.empty ())
    return;
  w.regions.reserve (2 * w.defer_tfs.size ());
  w.walk (body, NULL);

  std::map<tree, group> groups;
  std::vector<tree> order;
  for (const goto_site &s : w.gotos)
    {
      tree label = GOTO_DESTINATION (*s.slot);
      auto lr = w.label_region.find (label);
      if (lr == w.label_region.end ())
	continue;  /* not in this body (a nested function's outer label) */
      region *a = s.in, *b = lr->second;
      /* Up to the regions both are in; the last one left on the goto's
	 side is O.  Leaving a finally is an error (E7) that was reported,
	 so there is none on the way.  */
      region *outermost = NULL;
      int left = 0;
      bool ok = true;
      while (a != b)
	{
	  if (!b || (a && a->depth > b->depth))
	    {
	      ok &= !a->finally;
	      outermost = a;
	      left++;
	      a = a->parent;
	    }
	  else if (!a || b->depth > a->depth)
	    b = b->parent;
	  else
	    {
	      ok &= !a->finally;
	      outermost = a;
	      left++;
	      a = a->parent;
	      b = b->parent;
	    }
	}
      if (!outermost || !ok)
	continue;
      auto ins = groups.emplace (outermost->tf, group ());
      group &g = ins.first->second;
      if (ins.second)
	{
	  g.slot = w.tf_slot[outermost->tf];
	  order.push_back (outermost->tf);
	}
      g.gotos.push_back (s.slot);
      g.max_left = std::max (g.max_left, left);
      if (g.index.emplace (label, (int) g.labels.size ()).second)
	g.labels.push_back (label);
    }
  for (tree tf : order)
    {
      group &g = groups[tf];
      if (g.labels.size () >= MIN_TARGETS && g.max_left >= 2)
	dispatch (fndecl, g);
    }
}

bool
dispatched_goto (tree t, tree *label)
{
  auto i = dispatched.find (t);
  if (i == dispatched.end ())
    return false;
  *label = i->second;
  return true;
}

} // namespace cdefer
