/* jumps.cc - the jumps a function's walk recorded (checks.cc), judged
 * once every label's region path is known, by the rules both plugins share
 * (common/jumps.h): gotos (E1, E3, E7), computed gotos (E7c-E7f) and asm
 * gotos (E7g besides a goto's).  Texts: docs/DIAGNOSTICS.md.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "checks.h"

namespace cdefer {
namespace checks {

/* The name a diagnostic gives LABEL.  */
static const char *
label_name (tree label)
{
  return DECL_NAME (label) ? IDENTIFIER_POINTER (DECL_NAME (label)) : "?";
}

void
checker::judged (jumps::verdict v, location_t loc, tree label)
{
  if (v.error ())
    report (v.defer, loc, v.id, label_name (label));
}

void
checker::check_gotos ()
{
  for (const goto_rec &g : gotos)
    {
      auto it = labels.find (g.label);
      if (it != labels.end ())
	judged (jumps::judge_goto (g.regions, it->second), g.loc, g.label);
    }
}

/* Computed gotos (common/jumps.h): one in a deferred statement may not
   leave it (E7c); none may reach a label whose address is taken across a
   defer's scope or into a deferred statement (E7d, E7e, E7f): like GCC for
   VLAs and Clang for cleanups, the function is refused rather than a
   defer run that was never reached or skipped silently (tree-eh runs no
   finally block on an indirect jump).  */
void
checker::check_computed_gotos ()
{
  std::vector<jumps::path> targets;
  std::vector<bool> seen;
  for (tree label : address_taken)
    {
      auto it = labels.find (label);
      /* A label not seen: the function's top level.  */
      seen.push_back (it != labels.end ());
      targets.push_back (seen.back () ? it->second : jumps::path ());
    }
  for (const goto_rec &g : computed_gotos)
    {
      int left = jumps::computed_goto_leaves_stmt (g.regions, targets);
      if (left >= 0)
	{
	  report (left, g.loc, msg::E7c);
	  continue;
	}
      for (size_t i = 0; i < targets.size (); i++)
	{
	  if (!seen[i])
	    continue;
	  jumps::verdict v = jumps::judge_computed_goto (g.regions, targets[i]);
	  if (v.error ())
	    {
	      judged (v, g.loc, address_taken[i]);
	      break;
	    }
	}
    }
}

/* asm goto: tree-eh does not route an asm goto's label edges through a
   finally block, so, beyond the rules for a goto, it may not leave a
   defer's scope either (common/jumps.h).  One error per asm goto.  */
void
checker::check_asm_gotos ()
{
  for (const asm_goto_rec &a : asm_gotos)
    for (tree l = a.labels; l; l = TREE_CHAIN (l))
      {
	tree label = TREE_VALUE (l);
	auto it = labels.find (label);
	if (it == labels.end ())
	  continue;
	jumps::verdict v
	  = jumps::judge_asm_goto (a.regions, it->second, defers.size ());
	if (v.error ())
	  {
	    judged (v, a.loc, label);
	    break;
	  }
      }
}

} // namespace checks
} // namespace cdefer
