/* locations.cc - where things are, as the user sees them.
 *
 * - user_location: a location with macro expansions resolved to their
 *   expansion point (every diagnostic and dump line uses it, so no "in
 *   expansion of macro" notes follow).
 * - location_text: "FILE:LINE:COL", the one form a location takes inside a
 *   message (E1-E11's "the defer at ...", R1) and in the dump.
 * - return_keyword_location, and the one place the plugin reads the
 *   source text.  Every other location comes from the front end's tokens
 *   (marker.cc, scope_label.cc) or trees; but the C front end gives
 *   `return e;` the location of E, and no token or tree keeps the
 *   keyword's.  The text before E is read through GCC's file cache (what
 *   its caret lines show), backward over blanks and comments across lines;
 *   when it cannot be read (a .i whose source is gone) E's start is taken.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"

namespace cdefer {

location_t
user_location (location_t loc)
{
  return linemap_resolve_location (line_table, loc,
				   LRK_MACRO_EXPANSION_POINT, NULL);
}

std::string
location_text (location_t loc)
{
  expanded_location x = expand_location (user_location (loc));
  if (!x.file)
    return "<unknown>";
  return std::string (x.file) + ":" + std::to_string (x.line) + ":"
	 + std::to_string (x.column);
}

namespace {

/* Where the code on line P[0..N) ends: before a `//` comment that is not
   inside a literal or a block comment.  */
size_t
code_end (const char *p, size_t n)
{
  char quote = 0;
  bool block = false;
  for (size_t i = 0; i < n; i++)
    {
      if (block)
	{
	  if (p[i] == '*' && i + 1 < n && p[i + 1] == '/')
	    block = false, i++;
	}
      else if (quote)
	{
	  if (p[i] == '\\')
	    i++;
	  else if (p[i] == quote)
	    quote = 0;
	}
      else if (p[i] == '"' || p[i] == '\'')
	quote = p[i];
      else if (p[i] == '/' && i + 1 < n && p[i + 1] == '/')
	return i;
      else if (p[i] == '/' && i + 1 < n && p[i + 1] == '*')
	block = true, i++;
    }
  return n;
}

/* If the source text before LOC (its expansion point), past blanks and
   comments, across the lines of LOC's line map, ends with the identifier
   WORD, return WORD's location; else, or when the text cannot be read,
   UNKNOWN_LOCATION.  */
location_t
word_before (location_t loc, const char *word)
{
  const line_map_ordinary *ord = NULL;
  location_t at = linemap_resolve_location (line_table, loc,
					    LRK_MACRO_EXPANSION_POINT, &ord);
  expanded_location x = expand_location (at);
  if (!ord || !x.file || x.line <= 0 || x.column <= 0)
    return UNKNOWN_LOCATION;
  int n = strlen (word);
  int line = x.line, col = x.column - 1;   /* chars before LOC on its line */
  bool in_comment = false;
  for (int tries = 0;
       tries < 64 && line >= (int) ORDINARY_MAP_STARTING_LINE_NUMBER (ord);
       tries++)
    {
      char_span text = location_get_source_line (x.file, line);
      if (!text)
	break;
      const char *p = text.get_buffer ();
      if (col < 0 || (size_t) col > text.length ())
	col = code_end (p, text.length ());
      while (col > 0)
	{
	  char c = p[col - 1];
	  if (in_comment)
	    {
	      if (c == '*' && col >= 2 && p[col - 2] == '/')
		in_comment = false, col--;
	      col--;
	    }
	  else if (ISSPACE (c))
	    col--;
	  else if (c == '/' && col >= 2 && p[col - 2] == '*')
	    in_comment = true, col -= 2;
	  else
	    break;
	}
      if (col == 0)
	{
	  line--;
	  col = -1;
	  continue;
	}
      if (col >= n && !strncmp (p + col - n, word, n)
	  && (col == n || !ISIDNUM (p[col - n - 1])))
	return linemap_position_for_line_and_column (line_table, ord, line,
						     col - n + 1);
      break;
    }
  return UNKNOWN_LOCATION;
}

} // namespace

location_t
return_keyword_location (tree ret)
{
  location_t loc = EXPR_LOCATION (ret);
  tree val = TREE_OPERAND (ret, 0);
  if (!val || loc == UNKNOWN_LOCATION)
    return loc;
  location_t kw = word_before (get_start (loc), "return");
  /* E is located at its start, except where the front end locates an
     expression at an operator after its first operand (`return f (), x;`
     at the comma): then the first operands' own locations, down the
     tree, are tried.  (A first operand without effect is folded away,
     and a declaration has no location here: `return a, b;` stays at the
     comma.)  `return e;` is RETURN_EXPR (RESULT = e).  */
  if ((TREE_CODE (val) == MODIFY_EXPR || TREE_CODE (val) == INIT_EXPR)
      && TREE_CODE (TREE_OPERAND (val, 0)) == RESULT_DECL)
    val = TREE_OPERAND (val, 1);
  for (tree e = val; kw == UNKNOWN_LOCATION && e && EXPR_P (e)
		     && TREE_OPERAND_LENGTH (e) > 0;
       e = TREE_OPERAND (e, 0))
    if (EXPR_HAS_LOCATION (e))
      kw = word_before (get_start (EXPR_LOCATION (e)), "return");
  return kw != UNKNOWN_LOCATION ? kw : user_location (get_start (loc));
}

} // namespace cdefer
