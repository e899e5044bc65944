/* contract.h - the shared contract as C++: the diagnostic table of
 * common/diagnostics.def with the one function that renders a text, and the
 * lists and names of common/names.def.  Included by both
 * plugins (gcc-plugin/diag.cc and clang-plugin/plugin.cpp adapt it to their
 * compiler's diagnostic API); plain C++11, no compiler header.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#ifndef CDEFER_COMMON_CONTRACT_H
#define CDEFER_COMMON_CONTRACT_H

#include <cstring>
#include <string>

namespace cdefer {

enum class diag_kind { ERROR, WARNING, NOTE };

/* msg::E1 etc.: the IDs of diagnostics.def.  */
enum class msg {
#define CDEFER_DIAG(ID, KIND, ARGS, TEXT) ID,
#include "diagnostics.def"
#undef CDEFER_DIAG
};

struct diag_info {
  const char *id;
  diag_kind kind;
  const char *args;
  const char *text;
};

inline const diag_info &
diag_lookup (msg d)
{
  static const diag_info table[] = {
#define CDEFER_DIAG(ID, KIND, ARGS, TEXT) {#ID, diag_kind::KIND, ARGS, TEXT},
#include "diagnostics.def"
#undef CDEFER_DIAG
  };
  return table[static_cast<int> (d)];
}

/* TEXT of D with %N replaced by ARGS[N] (ESCAPE doubles the % signs of an
   argument, for a text that is used as a format) and %< %> by LQ and RQ.  */
inline std::string
diag_render (msg d, const char *const *args, int nargs, const char *lq,
	     const char *rq, bool escape = false)
{
  std::string out;
  for (const char *p = diag_lookup (d).text; *p; p++)
    {
      if (p[0] != '%' || !p[1])
	{
	  out += *p;
	  continue;
	}
      char c = *++p;
      if (c == '<')
	out += lq;
      else if (c == '>')
	out += rq;
      else if (c >= '0' && c <= '9' && c - '0' < nargs && args[c - '0'])
	for (const char *a = args[c - '0']; *a; a++)
	  out.append (escape && *a == '%' ? 2 : 1, *a);
      else
	out += c;
    }
  return out;
}

/* abi::recover etc.: the names of <cdefer.h> / cdefer_abi.h the plugins
   recognise or call (names.def).  */
namespace abi {
#define CDEFER_ABI_NAME(ID, NAME) constexpr const char ID[] = NAME;
#include "names.def"
#undef CDEFER_ABI_NAME
} // namespace abi

/* The identifier only the plugin declares (names.def).  */
namespace required {
#define CDEFER_PLUGIN_REQUIRED(ID, NAME) constexpr const char ID[] = NAME;
#include "names.def"
#undef CDEFER_PLUGIN_REQUIRED
} // namespace required

/* Is N one of the setjmp family (names.def)?  */
inline bool
setjmp_name_p (const char *n)
{
  static const char *const names[] = {
#define CDEFER_SETJMP_NAME(NAME) NAME,
#include "names.def"
#undef CDEFER_SETJMP_NAME
  };
  for (const char *name : names)
    if (!std::strcmp (n, name))
      return true;
  return false;
}

/* The options of names.def that PLUGIN ("gcc" or "clang") takes, as
   "unwind=off, unwind=on, ...", for its unknown-option message.  */
inline std::string
option_list (const char *plugin)
{
  static const char *const options[][2] = {
#define CDEFER_OPTION(NAME, PLUGINS, HELP) {NAME, PLUGINS},
#include "names.def"
#undef CDEFER_OPTION
  };
  std::string out;
  for (const auto &o : options)
    if (std::strstr (o[1], plugin))
      out += (out.empty () ? "" : ", ") + std::string (o[0]);
  return out;
}

} // namespace cdefer

#endif
