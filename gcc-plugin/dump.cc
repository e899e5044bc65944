/* dump.cc - -fplugin-arg-cdefer-gcc-dump: what the lowering did.
 *
 * For every function that contains a defer, on stderr (format pinned by
 * test/gcc/dump.c, described in docs/DESIGN-gcc.md):
 *
 *   cdefer: function 'NAME'
 *   cdefer:   defer FILE:LINE:COL: try/finally
 *   cdefer:     exit: end of block
 *   cdefer:     exit: return FILE:LINE:COL
 *   cdefer:     exit: break FILE:LINE:COL
 *   cdefer:     exit: continue FILE:LINE:COL
 *   cdefer:     exit: goto 'L' FILE:LINE:COL
 *   cdefer:     exit: computed goto FILE:LINE:COL
 *   cdefer:     exit: unwind
 *   cdefer:   defer FILE:LINE:COL: at once
 *   cdefer:   defer FILE:LINE:COL: no effect
 *
 * "try/finally": the rest of the block became the try body, the deferred
 * statement the finally; the exits are the ways out of that try body that
 * run it ("unwind" when exceptions are on).  "at once": nothing followed
 * the defer in its block, the statement runs in place.  "no effect": the
 * statement does nothing and was removed.  A defer inside a deferred
 * statement is indented two more columns per level.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"


namespace cdefer {

namespace {

struct exit_finder
{
  FILE *out;
  std::string indent;
  std::set<tree> inner_labels;
  int loops = 0;      /* loops entered inside the try body */
  int switches = 0;   /* switches entered inside the try body */

  void collect_labels (tree t);
  void walk (tree t);
  void line (const char *what, location_t loc, const char *label = NULL);
};

void
exit_finder::line (const char *what, location_t loc, const char *label)
{
  expanded_location x = expand_location (user_location (loc));
  fprintf (out, "cdefer: %s  exit: %s", indent.c_str (), what);
  if (label)
    fprintf (out, " '%s'", label);
  fprintf (out, " %s:%d:%d\n", x.file ? x.file : "?", x.line, x.column);
}

/* Apply F to every sub-statement/expression of T that may hold statements
   (not into types, declarations or nested functions).  */
template <typename F>
void
for_each_child (tree t, F f)
{
  switch (TREE_CODE (t))
    {
    case STATEMENT_LIST:
      for (tree_stmt_iterator i = tsi_start (t); !tsi_end_p (i); tsi_next (&i))
	f (tsi_stmt (i));
      return;
    case BIND_EXPR:
      f (BIND_EXPR_BODY (t));
      return;
    case DECL_EXPR:
      if (VAR_P (DECL_EXPR_DECL (t)) && DECL_INITIAL (DECL_EXPR_DECL (t)))
	f (DECL_INITIAL (DECL_EXPR_DECL (t)));
      return;
    default:
      if (IS_EXPR_CODE_CLASS (TREE_CODE_CLASS (TREE_CODE (t))))
	for (int i = 0; i < TREE_OPERAND_LENGTH (t); i++)
	  if (TREE_OPERAND (t, i))
	    f (TREE_OPERAND (t, i));
    }
}

void
exit_finder::collect_labels (tree t)
{
  if (!t)
    return;
  if (TREE_CODE (t) == LABEL_EXPR)
    inner_labels.insert (LABEL_EXPR_LABEL (t));
  for_each_child (t, [this] (tree c) { collect_labels (c); });
}

void
exit_finder::walk (tree t)
{
  if (!t)
    return;
  switch (TREE_CODE (t))
    {
    case RETURN_EXPR:
      {
	location_t loc = return_keyword_location (t);
	line ("return", loc);
	return;
      }
    case BREAK_STMT:
      if (!loops && !switches)
	line ("break", EXPR_LOCATION (t));
      return;
    case CONTINUE_STMT:
      if (!loops)
	line ("continue", EXPR_LOCATION (t));
      return;
    case GOTO_EXPR:
      {
	tree d = GOTO_DESTINATION (t), written;
	/* dispatch.cc: name the label the user wrote, not the dispatch's.  */
	if (dispatched_goto (t, &written))
	  {
	    if (!written)
	      return;
	    d = written;
	  }
	if (TREE_CODE (d) != LABEL_DECL)
	  line ("computed goto", EXPR_LOCATION (t));
	else if (!inner_labels.count (d))
	  line ("goto", EXPR_LOCATION (t),
		DECL_NAME (d) ? IDENTIFIER_POINTER (DECL_NAME (d)) : "?");
	return;
      }
    case FOR_STMT:
    case WHILE_STMT:
    case DO_STMT:
      loops++;
      for_each_child (t, [this] (tree c) { walk (c); });
      loops--;
      return;
    case SWITCH_STMT:
      walk (SWITCH_STMT_COND (t));
      switches++;
      walk (SWITCH_STMT_BODY (t));
      switches--;
      return;
    case TRY_FINALLY_EXPR:
      /* A defer nested in this one's scope: its exits are ours too, its
	 finally is not a way out.  */
      walk (TREE_OPERAND (t, 0));
      return;
    default:
      for_each_child (t, [this] (tree c) { walk (c); });
    }
}

} // namespace

void
dump_function (tree fndecl, const std::vector<lowered_defer> &log,
	       const function_notes &notes)
{
  if (log.empty () && !notes.named_result)
    return;
  FILE *out = stderr;
  fprintf (out, "cdefer: function '%s'\n",
	   lang_hooks.decl_printable_name (fndecl, 2));
  if (notes.named_result)
    {
      expanded_location x
	= expand_location (user_location (DECL_SOURCE_LOCATION
					  (notes.named_result)));
      fprintf (out, "cdefer:   named result '%s' %s:%d:%d\n",
	       lang_hooks.decl_printable_name (notes.named_result, 2),
	       x.file ? x.file : "?", x.line, x.column);
    }
  if (notes.recover_calls)
    fprintf (out, "cdefer:   recovers: %d recover() call%s, _setjmp at "
	     "entry\n", notes.recover_calls,
	     notes.recover_calls == 1 ? "" : "s");
  for (const lowered_defer &d : log)
    {
      std::string indent (2 * d.depth, ' ');
      expanded_location x = expand_location (d.loc);
      fprintf (out, "cdefer: %s  defer %s:%d:%d: %s\n", indent.c_str (),
	       x.file ? x.file : "?", x.line, x.column,
	       d.kind == LOWERED_TRY_FINALLY ? "try/finally"
	       : d.kind == LOWERED_AT_ONCE ? "at once" : "no effect");
      if (d.kind != LOWERED_TRY_FINALLY)
	continue;
      exit_finder f;
      f.out = out;
      f.indent = indent + "  ";
      tree body = TREE_OPERAND (d.finally, 0);
      f.collect_labels (body);
      if (block_may_fallthru (body))
	fprintf (out, "cdefer: %s  exit: end of block\n", f.indent.c_str ());
      f.walk (body);
      if (flag_exceptions)
	fprintf (out, "cdefer: %s  exit: unwind\n", f.indent.c_str ());
    }
}

} // namespace cdefer
