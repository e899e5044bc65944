/* jumps.h - the jump rules of SPEC 3 (docs/DIAGNOSTICS.md E1-E3c, E7-E7g)
 * on region paths, written once for both plugins.  Each plugin finds, for
 * a jump and for its target, the path of regions they lie in, outermost
 * first (gcc-plugin/checks.cc while it walks GENERIC, clang-plugin/checks.cpp
 * from the preorder ranges of its model); these functions say which
 * diagnostic, if any, the jump gets and which defer it names.  A region is
 *
 *   SCOPE(D)  the rest of the block after defer D (what its cleanup guards)
 *   STMT(D)   the deferred statement of D
 *
 * and the regions of one function nest, so two paths share a prefix (the
 * common ancestor, as in Clang's JumpDiagnostics): a jump leaves the
 * regions of its own path past that prefix and enters those of the
 * target's.  D counts the function's defers in source order.  Plain C++11,
 * no compiler header.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_COMMON_JUMPS_H
#define CDEFER_COMMON_JUMPS_H

#include "contract.h"
#include <algorithm>
#include <cstddef>
#include <vector>

namespace cdefer {
namespace jumps {

enum region_kind { SCOPE = 0, STMT = 1 };
inline int region (int defer, region_kind k) { return defer * 2 + k; }
inline int region_defer (int r) { return r / 2; }
inline region_kind region_of (int r) { return (region_kind) (r % 2); }

typedef std::vector<int> path;   /* outermost region first */

/* How many outer regions a jump (path A) and its target (B) share: the
   regions past that in A are left, those in B entered.  */
inline size_t
shared_regions (const path &a, const path &b)
{
  size_t p = 0;
  while (p < a.size () && p < b.size () && a[p] == b[p])
    p++;
  return p;
}

/* The diagnostic a jump gets: none when DEFER < 0.  */
struct verdict
{
  msg id;
  int defer;
  bool error () const { return defer >= 0; }
};
inline verdict no_error () { return {msg::E1, -1}; }

/* The region of A's path past P that is innermost of kind K, or -1.  */
inline int
innermost_left (const path &a, size_t p, region_kind k)
{
  for (size_t i = a.size (); i-- > p;)
    if (region_of (a[i]) == k)
      return a[i];
  return -1;
}

/* A goto from J to a label at L: leaving a deferred statement names the
   innermost one left (E7); else entering names the outermost region
   entered: a defer's scope (E1, the goto bypasses the defer) or a
   deferred statement (E3).  Leaving a scope is what a goto may do: the
   compilers run the cleanup on that edge.  */
inline verdict
judge_goto (const path &j, const path &l)
{
  size_t p = shared_regions (j, l);
  int left = innermost_left (j, p, STMT);
  if (left >= 0)
    return {msg::E7, region_defer (left)};
  if (p < l.size ())
    return {region_of (l[p]) == SCOPE ? msg::E1 : msg::E3, region_defer (l[p])};
  return no_error ();
}

/* A case or default label at L of the switch whose body is at S (a prefix
   of L): entering a scope (E2) or a deferred statement (E3c).  */
inline verdict
judge_case (const path &s, const path &l)
{
  size_t p = shared_regions (s, l);
  if (p < l.size ())
    return {region_of (l[p]) == SCOPE ? msg::E2 : msg::E3c, region_defer (l[p])};
  return no_error ();
}

/* An asm goto from A to a label at L.  Neither compiler routes an asm
   goto's label edges through a cleanup, so beyond the rules of a goto it
   may not leave a defer's scope either (E7g).  Judged defer by defer in
   source order, the first defer the jump crosses in any way named (its
   deferred statement before its scope).  */
inline verdict
judge_asm_goto (const path &a, const path &l, int ndefers)
{
  auto in = [] (const path &x, int r) {
    return std::find (x.begin (), x.end (), r) != x.end ();
  };
  for (int d = 0; d < ndefers; d++)
    {
      bool a_body = in (a, region (d, STMT)), l_body = in (l, region (d, STMT));
      bool a_scope = in (a, region (d, SCOPE)), l_scope = in (l, region (d, SCOPE));
      if (a_body && !l_body)
	return {msg::E7, d};
      if (!a_body && l_body)
	return {msg::E3, d};
      if (l_scope && !a_scope && !a_body)
	return {msg::E1, d};
      if (a_scope && !l_scope)
	return {msg::E7g, d};
    }
  return no_error ();
}

/* E7c: a computed goto at J inside a deferred statement may stay there
   only when every label whose address the function takes (LABELS, their
   paths) lies inside the innermost deferred statement J is in.  The defer
   to name when it may leave it, or -1 (also when J is in none).  */
inline int
computed_goto_leaves_stmt (const path &j, const std::vector<path> &labels)
{
  size_t k = j.size ();
  while (k-- > 0)
    if (region_of (j[k]) == STMT)
      break;
  if (k == (size_t) -1)
    return -1;
  bool leaves = labels.empty ();
  for (const path &l : labels)
    if (shared_regions (j, l) <= k)
      leaves = true;
  return leaves ? region_defer (j[k]) : -1;
}

/* A computed goto at J (not leaving its deferred statement: E7c first)
   that may reach the address-taken label at L.  No compiler runs a
   cleanup on an indirect jump, so leaving a defer's scope is an error too
   (E7f, when the innermost region left is a scope); else entering names
   the outermost
   region entered (E7d a scope, E7e a deferred statement).  */
inline verdict
judge_computed_goto (const path &j, const path &l)
{
  size_t p = shared_regions (j, l);
  if (p < j.size () && region_of (j.back ()) == SCOPE)
    return {msg::E7f, region_defer (j.back ())};
  if (p < l.size ())
    return {region_of (l[p]) == SCOPE ? msg::E7d : msg::E7e, region_defer (l[p])};
  return no_error ();
}

} // namespace jumps
} // namespace cdefer

#endif
