/* dump.h - the text of the `dump` plugin option (SPEC 6: "print, per
 * function, which defers guard which exits"), one format for both plugins:
 * the only place its lines are spelled.  Each plugin finds the facts with
 * its own compiler's API (gcc-plugin/dump.cc, clang-plugin/dump.cpp) and
 * writes the lines these functions make, on stderr:
 *
 *   cdefer: function 'NAME' at FILE:LINE:COL
 *   cdefer:   named result 'R' at FILE:LINE:COL
 *   cdefer:   recovers: N recover() call(s)
 *   cdefer:   defer #K at FILE:LINE:COL: LOWERING
 *   cdefer:     exit: end of block
 *   cdefer:     exit: return at FILE:LINE:COL
 *   cdefer:     exit: break at FILE:LINE:COL
 *   cdefer:     exit: continue at FILE:LINE:COL
 *   cdefer:     exit: goto 'L' at FILE:LINE:COL
 *   cdefer:     exit: computed goto at FILE:LINE:COL
 *   cdefer:     exit: unwind
 *
 * The meaning of each line is in docs/USER-GUIDE.md ("What the plugin did:
 * the dump"); test/diag/dump.c holds one expected dump for both plugins.
 * Only LOWERING differs between them: it names the compiler mechanism the
 * deferred statement became.
 * Plain C++11, no compiler header.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_COMMON_DUMP_H
#define CDEFER_COMMON_DUMP_H

#include <string>

namespace cdefer {
namespace dump {

/* The ways out of a defer's scope that run its deferred statement.  */
enum class exit_kind { END_OF_BLOCK, RETURN, BREAK, CONTINUE, GOTO, COMPUTED_GOTO, UNWIND };

/* What a plugin's LOWERING may say (each plugin uses its own).  */
constexpr const char try_finally[] = "try/finally";   /* GCC: TRY_FINALLY_EXPR */
constexpr const char at_once[] = "at once";           /* GCC: nothing follows it */
constexpr const char no_effect[] = "no effect";       /* GCC: an empty statement, removed */
constexpr const char native[] = "native DeferStmt";   /* Clang 22 lowering=native */
constexpr const char not_lowered[] = "not lowered";   /* Clang: the function had errors */
/* Clang: "cleanup FN(CAPTURES)", the synthesized cleanup function.  */
inline std::string
cleanup (const std::string &fn, const std::string &captures)
{
  return "cleanup " + fn + "(" + captures + ")";
}

inline std::string
function_line (const std::string &name, const std::string &loc)
{
  return "cdefer: function '" + name + "' at " + loc + "\n";
}

inline std::string
named_result_line (const std::string &name, const std::string &loc)
{
  return "cdefer:   named result '" + name + "' at " + loc + "\n";
}

inline std::string
recovers_line (unsigned n)
{
  return "cdefer:   recovers: " + std::to_string (n) + " recover() call"
	 + (n == 1 ? "" : "s") + "\n";
}

/* DEPTH: how many deferred statements hold this defer (two columns each).  */
inline std::string
defer_line (unsigned depth, unsigned number, const std::string &loc,
	    const std::string &lowering)
{
  return "cdefer: " + std::string (2 * depth, ' ') + "  defer #"
	 + std::to_string (number) + " at " + loc + ": " + lowering + "\n";
}

/* LABEL: the goto's label; LOC: where the jump is written (empty for the
   end of the block and for unwinding, which have no one place).  */
inline std::string
exit_line (unsigned depth, exit_kind k, const std::string &loc = "",
	   const std::string &label = "")
{
  static const char *const names[]
    = {"end of block", "return", "break", "continue", "goto", "computed goto", "unwind"};
  std::string out = "cdefer: " + std::string (2 * depth, ' ') + "    exit: "
		    + names[static_cast<int> (k)];
  if (k == exit_kind::GOTO)
    out += " '" + label + "'";
  if (!loc.empty ())
    out += " at " + loc;
  return out + "\n";
}

} // namespace dump
} // namespace cdefer

#endif
