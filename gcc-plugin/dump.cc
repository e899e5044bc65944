/* dump.cc - -fplugin-arg-cdefer-gcc-dump: what the lowering did, in the
 * format of common/dump.h (shared with the Clang plugin; test/diag/dump.c).
 *
 * LOWERING is "try/finally" (the rest of the block became the try body, the
 * deferred statement the finally; the exits are the ways out of that try
 * body that run it, "unwind" when exceptions are on), "at once" (nothing
 * followed the defer in its block: the statement runs in place, at the end
 * of its block) or "no effect" (the statement does nothing and was removed;
 * no exits).
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"
#include "../common/dump.h"


namespace cdefer {

namespace {

struct exit_finder
{
  FILE *out;
  unsigned depth;
  std::set<tree> inner_labels;
  int loops = 0;      /* loops entered inside the try body */
  int switches = 0;   /* switches entered inside the try body */

  void collect_labels (tree t);
  void walk (tree t);
  void line (dump::exit_kind k, location_t loc, const char *label = NULL);
};

void
exit_finder::line (dump::exit_kind k, location_t loc, const char *label)
{
  fputs (dump::exit_line (depth, k, location_text (loc), label ? label : "").c_str (),
	 out);
}

void
exit_finder::collect_labels (tree t)
{
  if (!t)
    return;
  if (TREE_CODE (t) == LABEL_EXPR)
    inner_labels.insert (LABEL_EXPR_LABEL (t));
  for_each_child (t, [this] (tree *c) { collect_labels (*c); });
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
	line (dump::exit_kind::RETURN, loc);
	return;
      }
    case BREAK_STMT:
      if (!loops && !switches)
	line (dump::exit_kind::BREAK, EXPR_LOCATION (t));
      return;
    case CONTINUE_STMT:
      if (!loops)
	line (dump::exit_kind::CONTINUE, EXPR_LOCATION (t));
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
	  line (dump::exit_kind::COMPUTED_GOTO, EXPR_LOCATION (t));
	else if (!inner_labels.count (d))
	  line (dump::exit_kind::GOTO, EXPR_LOCATION (t),
		DECL_NAME (d) ? IDENTIFIER_POINTER (DECL_NAME (d)) : "?");
	return;
      }
    case FOR_STMT:
    case WHILE_STMT:
    case DO_STMT:
      loops++;
      for_each_child (t, [this] (tree *c) { walk (*c); });
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
      for_each_child (t, [this] (tree *c) { walk (*c); });
    }
}

/* Can control reach the end of T?  The rule the Clang plugin's dump
   applies (clang-plugin/dump.cpp mayFallThrough): a jump -- break and
   continue too, which block_may_fallthru leaves to the front end --, or a
   call of a noreturn function, at the end of every path through the last
   statement says no.  */
bool
may_fall_through (tree t)
{
  if (!t)
    return true;
  switch (TREE_CODE (t))
    {
    case STATEMENT_LIST:
      {
	tree last = expr_last (t);
	return !last || last == t || may_fall_through (last);
      }
    case BIND_EXPR:
      return may_fall_through (BIND_EXPR_BODY (t));
    case RETURN_EXPR:
    case GOTO_EXPR:
    case BREAK_STMT:
    case CONTINUE_STMT:
      return false;
    case COND_EXPR:
      return (!COND_EXPR_ELSE (t) || may_fall_through (COND_EXPR_THEN (t))
	      || may_fall_through (COND_EXPR_ELSE (t)));
    case TRY_FINALLY_EXPR:
      return may_fall_through (TREE_OPERAND (t, 0));
    default:
      return block_may_fallthru (t);
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
  fputs (dump::function_line (lang_hooks.decl_printable_name (fndecl, 2),
			      location_text (DECL_SOURCE_LOCATION (fndecl))).c_str (),
	 out);
  if (notes.named_result)
    fputs (dump::named_result_line
	   (lang_hooks.decl_printable_name (notes.named_result, 2),
	    location_text (DECL_SOURCE_LOCATION (notes.named_result))).c_str (), out);
  if (notes.recover_calls)
    fputs (dump::recovers_line (notes.recover_calls).c_str (), out);
  unsigned number = 0;
  for (const lowered_defer &d : log)
    {
      const char *how = d.kind == LOWERED_TRY_FINALLY ? dump::try_finally
			: d.kind == LOWERED_AT_ONCE ? dump::at_once
			: dump::no_effect;
      fputs (dump::defer_line (d.depth, ++number, location_text (d.loc), how).c_str (),
	     out);
      if (d.kind == LOWERED_AT_ONCE)
	fputs (dump::exit_line (d.depth, dump::exit_kind::END_OF_BLOCK).c_str (),
	       out);
      if (d.kind != LOWERED_TRY_FINALLY)
	continue;
      exit_finder f;
      f.out = out;
      f.depth = d.depth;
      tree body = TREE_OPERAND (d.finally, 0);
      f.collect_labels (body);
      if (may_fall_through (body))
	fputs (dump::exit_line (d.depth, dump::exit_kind::END_OF_BLOCK).c_str (),
	       out);
      f.walk (body);
      if (flag_exceptions)
	fputs (dump::exit_line (d.depth, dump::exit_kind::UNWIND).c_str (), out);
    }
}

} // namespace cdefer
