/* jumps.cc - the jumps a function's walk recorded (checks.cc), judged
 * once every label's regions are known: gotos (E1, E3, E7), computed gotos
 * (E7c when one in a deferred statement may leave it, E7d, E7e, E7f) and
 * asm gotos (the same rules as gotos, plus: an asm goto may not leave a
 * defer's scope, since neither tree-eh nor Clang runs a cleanup on its
 * edges).  Texts: docs/DIAGNOSTICS.md.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "checks.h"

namespace cdefer {
namespace checks {

void
checker::check_gotos ()
{
  for (const goto_rec &g : gotos)
    {
      auto it = labels.find (g.label);
      if (it == labels.end ())
	continue;
      const std::vector<int> &l = it->second;
      size_t p = shared_regions (g.regions, l);
      const char *name = DECL_NAME (g.label)
			 ? IDENTIFIER_POINTER (DECL_NAME (g.label)) : "?";
      /* Leaving a deferred statement: name the innermost one left.  */
      int left = -1;
      for (size_t i = g.regions.size (); i-- > p;)
	if (region_of (g.regions[i]) == STMT)
	  {
	    left = region_defer (g.regions[i]);
	    break;
	  }
      if (left >= 0)
	{
	  report (left, g.loc, msg::E7, name);
	  continue;
	}
      if (p < l.size ())
	{
	  int r = l[p];
	  if (region_of (r) == SCOPE)
	    report (region_defer (r), g.loc, msg::E1, name);
	  else
	    report (region_defer (r), g.loc, msg::E3, name);
	}
    }
}

/* A computed goto may go to any label whose address is taken: like GCC
   for VLAs and Clang for cleanups, refuse the function when one of those
   is inside a defer's scope or deferred statement that the goto is not
   in (the TS forbids the jump; GCC would run a defer never reached), or
   outside a defer's scope the goto is in (E7f: tree-eh runs no finally
   block on an indirect jump, so the deferred statement would be skipped
   silently).  */
/* E7c: a computed goto inside a deferred statement is fine only when every
   label whose address the function takes lies inside the innermost
   deferred statement the goto is in (it then cannot leave it); the
   regions inside that statement are judged as for any computed goto.  */
bool
checker::computed_goto_leaves_stmt (const goto_rec &g)
{
  size_t k = g.regions.size ();
  while (k-- > 0)
    if (region_of (g.regions[k]) == STMT)
      break;
  if (k == (size_t) -1)
    return false;
  bool leaves = address_taken.empty ();
  for (tree label : address_taken)
    {
      auto it = labels.find (label);
      if (it == labels.end ()
	  || shared_regions (g.regions, it->second) <= k)
	leaves = true;
    }
  if (leaves)
    report (region_defer (g.regions[k]), g.loc, msg::E7c);
  return leaves;
}

void
checker::check_computed_gotos ()
{
  for (const goto_rec &g : computed_gotos)
    {
    if (computed_goto_leaves_stmt (g))
      continue;
    for (tree label : address_taken)
      {
	auto it = labels.find (label);
	if (it == labels.end ())
	  continue;
	const std::vector<int> &l = it->second;
	size_t p = shared_regions (g.regions, l);
	const char *name = DECL_NAME (label)
			   ? IDENTIFIER_POINTER (DECL_NAME (label)) : "?";
	/* The innermost region the jump would leave: a deferred statement
	   is E7c's (reported where the goto is found), a scope is E7f.  */
	int left = -1;
	for (size_t i = g.regions.size (); i-- > p;)
	  if (region_of (g.regions[i]) == STMT)
	    break;
	  else if (region_of (g.regions[i]) == SCOPE)
	    {
	      left = region_defer (g.regions[i]);
	      break;
	    }
	if (left >= 0)
	  {
	    report (left, g.loc, msg::E7f, name);
	    break;
	  }
	if (p >= l.size ())
	  continue;
	int r = l[p];
	if (region_of (r) == SCOPE)
	  report (region_defer (r), g.loc, msg::E7d, name);
	else
	  report (region_defer (r), g.loc, msg::E7e, name);
	break;
      }
    }
}

/* asm goto: tree-eh does not route an asm goto's label edges through a
   finally block, so, beyond the rules for a goto, it may not leave a
   defer's scope either.  The rules and texts are the Clang plugin's
   (clang-plugin/checks.cpp), checked defer by defer in source order.  */
void
checker::check_asm_gotos ()
{
  auto in = [] (const std::vector<int> &path, int r) {
    return std::find (path.begin (), path.end (), r) != path.end ();
  };
  for (const asm_goto_rec &a : asm_gotos)
    for (tree l = a.labels; l; l = TREE_CHAIN (l))
      {
	tree label = TREE_VALUE (l);
	auto it = labels.find (label);
	if (it == labels.end ())
	  continue;
	const std::vector<int> &lr = it->second;
	const char *name = DECL_NAME (label)
			   ? IDENTIFIER_POINTER (DECL_NAME (label)) : "?";
	bool reported = false;
	for (int d = 0; d < (int) defers.size () && !reported; d++)
	  {
	    bool a_body = in (a.regions, d * 2 + STMT);
	    bool l_body = in (lr, d * 2 + STMT);
	    bool a_scope = in (a.regions, d * 2 + SCOPE);
	    bool l_scope = in (lr, d * 2 + SCOPE);
	    reported = true;
	    if (a_body && !l_body)
	      report (d, a.loc, msg::E7, name);
	    else if (!a_body && l_body)
	      report (d, a.loc, msg::E3, name);
	    else if (l_scope && !a_scope && !a_body)
	      report (d, a.loc, msg::E1, name);
	    else if (a_scope && !l_scope)
	      report (d, a.loc, msg::E7g, name);
	    else
	      reported = false;
	  }
	if (reported)
	  break;
      }
}

} // namespace checks
} // namespace cdefer
