/* diag.cc - cdefer-gcc.so's adapter from the shared diagnostic table
 * (common/diagnostics.def) to GCC's diagnostic API: one function, emit().
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"

namespace cdefer {

bool
emit (msg d, location_t loc, std::initializer_list<const char *> args)
{
  /* The text becomes a format for GCC's pretty-printer: %< %> stay (quotes
     in the locale's style, coloured like GCC's own), an argument's % signs
     are doubled.  Called through a pointer without the format attribute:
     the format is built at run time from the table, not a literal.  */
  std::string fmt = diag_render (d, args.begin (), (int) args.size (), "%<",
				 "%>", true);
  void (*error_fn) (location_t, const char *, ...) = error_at;
  void (*note_fn) (location_t, const char *, ...) = inform;
  bool (*warning_fn) (location_t, int, const char *, ...) = warning_at;
  switch (diag_lookup (d).kind)
    {
    case diag_kind::ERROR:
      error_fn (loc, fmt.c_str ());
      return true;
    case diag_kind::WARNING:
      return warning_fn (loc, 0, fmt.c_str ());
    case diag_kind::NOTE:
      note_fn (loc, fmt.c_str ());
      return true;
    }
  return false;
}

const char *
decl_name (tree d)
{
  return d && DECL_NAME (d) ? IDENTIFIER_POINTER (DECL_NAME (d)) : "?";
}

} // namespace cdefer
