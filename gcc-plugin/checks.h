/* checks.h - the state of the constraint checks (checks.cc walks a
 * function body and fills it, jumps.cc judges the jumps it recorded).
 * Internal to those two files.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_GCC_CHECKS_H
#define CDEFER_GCC_CHECKS_H

#include "cdefer-gcc.h"
#include "../common/jumps.h"

namespace cdefer {
namespace checks {

using jumps::region_kind;
using jumps::SCOPE;
using jumps::STMT;
using jumps::region_defer;
using jumps::region_of;
using jumps::shared_regions;

struct defer_rec
{
  tree *slot;           /* where the marker sits in its parent */
  tree marker;
  location_t loc;
  bool bad;
};

enum target_kind { NONE, LOOP, USER_SWITCH, BARRIER };
struct break_target
{
  target_kind kind;
  int defer;
};

struct switch_rec
{
  bool marker;          /* the switch of defer DEFER */
  int defer;
  size_t depth;         /* regions.size () at its body */
};

struct goto_rec
{
  location_t loc;
  tree label;
  std::vector<int> regions;
};

struct asm_goto_rec
{
  location_t loc;
  tree labels;            /* ASM_LABELS: a TREE_LIST of LABEL_DECLs */
  std::vector<int> regions;
};

struct checker
{
  std::vector<defer_rec> defers;
  std::vector<int> regions;                 /* defer * 2 + region_kind */
  std::vector<break_target> breaks;
  std::vector<switch_rec> switches;
  std::map<tree, std::vector<int>> labels;
  std::vector<goto_rec> gotos;
  std::vector<goto_rec> computed_gotos;   /* label: NULL */
  std::vector<asm_goto_rec> asm_gotos;
  std::vector<tree> address_taken;         /* labels of &&L, in order */

  void walk (tree *tp);
  void walk_list (tree list);
  void walk_body (tree *tp, const char *kw, target_kind kind);
  void enter_defer (tree *slot, tree marker);
  void report (int defer, location_t loc, msg id, const char *arg = NULL);
  int innermost_stmt_region ();
  void check_case (tree t);
  void check_call (tree t);
  void check_gotos ();
  void check_computed_gotos ();
  void judged (jumps::verdict v, location_t loc, tree label);
  void check_asm_gotos ();
};

} // namespace checks
} // namespace cdefer

#endif
