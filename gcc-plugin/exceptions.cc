/* exceptions.cc - where the GCC plugin's unwinding (-fexceptions) is on.
 *
 * With unwinding on (the default) plugin_init turns on -fexceptions before
 * the translation unit is read, as a command-line -fexceptions would: the
 * preprocessor defines __EXCEPTIONS, and the C front end makes
 * __attribute__((cleanup)) variables run while the stack unwinds.  Deferred
 * code needs it only in the functions that have it, but GCC infers
 * `nothrow` for a function whose code was compiled without exceptions and
 * then drops the landing pads of its callers: a function with defers and a
 * function it calls (in one translation unit, or across units with -flto)
 * must agree.  So the choice is made per translation unit, once it has
 * been read (at the first pass GCC runs; nothing is lowered to landing
 * pads before that):
 *
 *  - it stays on when a function uses the plugin (a defer, recover(), a
 *    named result: may_need_plugin in plugin.cc), when a variable has a
 *    cleanup attribute (the user's, pthread_cleanup_push's: it runs while
 *    unwinding with -fexceptions, and still does), or with -flto (the
 *    unit's functions meet the others' at link time);
 *  - otherwise the unit has nothing to run while unwinding and it goes off
 *    again, with unwind tables kept (-funwind-tables: a panic still
 *    unwinds through its frames, as through any C library's).  Loading the
 *    plugin into defer-free code then costs what the plugin's own work
 *    does, not what -fexceptions does (docs/PERFORMANCE.md;
 *    test/gcc/defer_free_no_exceptions.c).
 *
 * Each function is compiled with the options of its optimization node (the
 * default node unless it has an optimize attribute or pragma), so turning
 * the flag off means a new default node.  Functions with nodes of their
 * own keep -fexceptions: harmless, and rare.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"
#include "tree-pass.h"
#include "attribs.h"

namespace cdefer {

static const char *plugin_name;
static bool unit_needs_exceptions;

void
note_unwinding_needed ()
{
  unit_needs_exceptions = true;
}

static void
on_first_pass (void *, void *)
{
  unregister_callback (plugin_name, PLUGIN_PASS_EXECUTION);
  if (unit_needs_exceptions || flag_lto || seen_error ())
    return;
  tree current = optimization_current_node;
  tree old_default = optimization_default_node;
  cl_optimization_restore (&global_options, &global_options_set,
			   TREE_OPTIMIZATION (old_default));
  flag_exceptions = 0;
  if (!global_options_set.x_flag_unwind_tables)
    flag_unwind_tables = 1;
  optimization_default_node
    = build_optimization_node (&global_options, &global_options_set);
  if (current == old_default)
    optimization_current_node = optimization_default_node;
  else
    cl_optimization_restore (&global_options, &global_options_set,
			     TREE_OPTIMIZATION (current));
}

/* A variable with a cleanup attribute (c-decl.cc finish_decl).  */
static void
on_finish_decl (void *gcc_data, void *)
{
  tree decl = (tree) gcc_data;
  if (decl && TREE_CODE (decl) == VAR_DECL && DECL_ATTRIBUTES (decl)
      && lookup_attribute ("cleanup", DECL_ATTRIBUTES (decl)))
    unit_needs_exceptions = true;
}

void
exceptions_per_unit (const char *name)
{
  plugin_name = name;
  register_callback (name, PLUGIN_FINISH_DECL, on_finish_decl, NULL);
  register_callback (name, PLUGIN_PASS_EXECUTION, on_first_pass, NULL);
}

} // namespace cdefer
