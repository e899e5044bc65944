/* plugin.cc - entry point of cdefer-gcc.so: version check, options,
 * callback registration.
 *
 * Options (-fplugin-arg-cdefer-gcc-NAME[=VALUE]):
 *   unwind=off   do not turn on -fexceptions (deferred code then does not
 *                run while the stack unwinds: pthread_exit, panic)
 *   dump         print, per function, the lowered defers (dump.cc)
 *
 * The plugin is loaded by every GCC program that sees -fplugin, lto1
 * included.  The C front end's symbols (parse_in, pushdecl, ...) do not
 * exist there: they are declared weak below and plugin_init returns before
 * touching anything when the language is not C.
 * SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
#include "cdefer-gcc.h"
#include "tree-pass.h"
#include "context.h"

/* cdefer's version, from CMake's project(VERSION) (CMakeLists.txt).  */
#ifndef CDEFER_VERSION_STRING
#  error "CDEFER_VERSION_STRING is set by CMakeLists.txt: build with CMake"
#endif

int plugin_is_GPL_compatible;

namespace cdefer {

bool opt_unwind = true;
bool opt_dump = false;

static void
on_start_unit (void *, void *)
{
  register_marker_builtin ();
  declare_defer_typedef ();
}

static void
on_finish_parse_function (void *gcc_data, void *)
{
  return_scope_labels ((tree) gcc_data);
}

static void
on_pragmas (void *, void *)
{
  register_pragmas_and_macros ();
}

static void
on_attributes (void *, void *)
{
  register_result_attribute ();
  register_scope_label ();
}

static void
process_function (tree fndecl);

/* Functions nested in BODY (GNU C) are DECL_EXPRs of their FUNCTION_DECL;
   PLUGIN_PRE_GENERICIZE is not invoked for them, so we handle them with
   their outermost function.  */
static tree
find_nested (tree *tp, int *walk_subtrees, void *)
{
  tree t = *tp;
  if (TYPE_P (t))
    *walk_subtrees = 0;
  else if (TREE_CODE (t) == DECL_EXPR
	   && TREE_CODE (DECL_EXPR_DECL (t)) == FUNCTION_DECL
	   && DECL_SAVED_TREE (DECL_EXPR_DECL (t)))
    process_function (DECL_EXPR_DECL (t));
  return NULL_TREE;
}

/* One function: checks (checks.cc), named result (result.cc), recover
   (recover.cc, before and after the lowering), defer lowering (lower.cc).
   After an error nothing but the defer lowering is done: no code will be
   generated, and no later pass may see a marker.  */
static void
process_function (tree fndecl)
{
  tree *body = &DECL_SAVED_TREE (fndecl);
  if (!*body || *body == error_mark_node)
    return;
  strip_scope_labels (body);
  walk_tree_without_duplicates (body, find_nested, NULL);
  check_function (fndecl, body);
  function_notes notes;
  notes.named_result = find_named_result (fndecl);
  tree bind = outermost_bind (fndecl);
  bool ok = !seen_error ();
  recover_plan plan;
  bool recovering = ok && plan_recover (fndecl, body, &plan);
  notes.recover_calls = plan.calls;
  if (recovering && !bind)
    {
      /* (The C front end always makes one; just in case.)  */
      bind = build3 (BIND_EXPR, void_type_node, NULL_TREE, *body, NULL_TREE);
      TREE_SIDE_EFFECTS (bind) = 1;
      *body = bind;
    }
  std::vector<lowered_defer> log;
  lower_function (fndecl, body, &log);
  if (opt_dump)
    dump_function (fndecl, log, notes);
  if (recovering)
    finish_recover (fndecl, bind, notes.named_result, &plan);
  else if (notes.named_result && bind && ok)
    lower_returns (fndecl, bind, notes.named_result);
}

/* Whether the function just parsed (with the functions nested in it) can
   need the plugin: it refers to the defer marker (the front end sets
   TREE_USED on a function at each reference; the marker is ours, so the
   flag is cleared for the next function), declares a cdefer_result
   variable, or cdefer_recover has been referred to anywhere so far (W3
   warns at a recover outside a deferred statement in any function).  Every
   other function is left alone: loading the plugin into defer-free code
   costs no walk of its bodies.  */
static bool
may_need_plugin ()
{
  bool mine = TREE_USED (marker_fndecl) || result_attribute_seen;
  TREE_USED (marker_fndecl) = 0;
  result_attribute_seen = false;
  if (mine)
    return true;
  tree id = maybe_get_identifier (abi::recover);
  tree recover = id ? identifier_global_value (id) : NULL_TREE;
  return recover && TREE_CODE (recover) == FUNCTION_DECL && TREE_USED (recover);
}

static void
on_pre_genericize (void *gcc_data, void *)
{
  tree fndecl = (tree) gcc_data;
  return_scope_labels (NULL_TREE);
  if (!marker_fndecl || !fndecl || TREE_CODE (fndecl) != FUNCTION_DECL)
    return;
  if (may_need_plugin ())
    {
      note_unwinding_needed ();
      process_function (fndecl);
    }
}

} // namespace cdefer

static struct plugin_info cdefer_info = {
  CDEFER_VERSION_STRING,
  "C defer statement (ISO/IEC TS 25755). Options: unwind=off, dump"
};

int
plugin_init (struct plugin_name_args *info, struct plugin_gcc_version *version)
{
  if (!plugin_default_version_check (version, &gcc_version))
    {
      /* One line, with what to do (test/install/wrong-gcc.test): the
	 plugin installed for this GCC next to this one (P/lib/cdefer/
	 cdefer-gcc-MAJOR.so, loaded as gcc-MAJOR/cdefer.so) if there is
	 one, else how to build one.  No build-machine path.  */
      int major = atoi (version->basever);
      char *self = lrealpath (info->full_name);
      const char *slash = strrchr (self, '/');
      int dirlen = slash ? (int) (slash - self) : 1;
      const char *dir = slash ? self : ".";
      char match[4096];
      snprintf (match, sizeof match, "%.*s/gcc-%d/cdefer.so", dirlen, dir,
		major);
      bool found = access (match, R_OK) == 0;
      if (!found)
	{
	  snprintf (match, sizeof match, "%.*s/cdefer-gcc-%d.so", dirlen, dir,
		    major);
	  found = access (match, R_OK) == 0;
	}
      fprintf (stderr, "cdefer-gcc.so: this plugin (cdefer %s) was built "
	       "for GCC %s and cannot be loaded into GCC %s; ",
	       CDEFER_VERSION_STRING, gcc_version.basever, version->basever);
      if (found)
	fprintf (stderr, "use the plugin installed for GCC %d: -fplugin=%s\n",
		 major, match);
      else
	fprintf (stderr, "use GCC %s, or build cdefer for this GCC: cmake -S "
		 "path/to/cdefer -B build-gcc-%d -DCDEFER_GCC=gcc-%d "
		 "-DCMAKE_CXX_COMPILER=g++-%d (Debian: apt-get install "
		 "gcc-%d-plugin-dev g++-%d) and install it into the same "
		 "prefix\n", gcc_version.basever, major, major, major, major,
		 major);
      free (self);
      return 1;
    }
  /* GCC splits -fplugin-arg-NAME-KEY at the first '-': with this file
     loaded as cdefer.so (build/cdefer.so is a link to it) the spelling
     -fplugin-arg-cdefer-gcc-unwind=off arrives as key "gcc-unwind"; with
     cdefer-gcc.so no -fplugin-arg-cdefer-gcc-* can reach us at all (GCC
     rejects it before loading plugins).  Accept both key spellings.  */
  for (int i = 0; i < info->argc; i++)
    {
      const char *k = info->argv[i].key, *v = info->argv[i].value;
      if (!strncmp (k, "gcc-", 4))
	k += 4;
      if (!strcmp (k, "unwind"))
	{
	  if (v && !strcmp (v, "off"))
	    cdefer::opt_unwind = false;
	  else if (v && !strcmp (v, "on"))
	    cdefer::opt_unwind = true;
	  else
	    {
	      fprintf (stderr, "cdefer-gcc.so: unwind=on or unwind=off, not "
		       "'%s'\n", v ? v : "");
	      return 1;
	    }
	}
      else if (!strcmp (k, "dump"))
	cdefer::opt_dump = true;
      else
	{
	  fprintf (stderr, "cdefer-gcc.so: unknown option '%s' (options: %s)\n",
		   info->argv[i].key, cdefer::option_list ("gcc").c_str ());
	  return 1;
	}
    }

  /* Loaded twice (cdefer-gcc.so and its cdefer.so link are one object):
     the options add up, the callbacks are registered once.  */
  static bool initialized, set_exceptions;
  if (initialized)
    {
      if (!cdefer::opt_unwind && set_exceptions)
	flag_exceptions = 0;
      return 0;
    }
  initialized = true;

  register_callback (info->base_name, PLUGIN_INFO, NULL, &cdefer_info);
  /* lto1 (and any non-C front end): nothing to do, and no C front end
     symbols to use.  The C front end calls itself "GNU C89" ... "GNU C2X".  */
  if (!lang_hooks.name || strncmp (lang_hooks.name, "GNU C", 5) != 0
      || strncmp (lang_hooks.name, "GNU C++", 7) == 0 || &parse_in == NULL)
    return 0;

  /* Landing pads, so that deferred code runs while the stack unwinds
     (pthread_exit, pthread_cancel, panic): like -fexceptions.  */
  /* (An explicit -fno-exceptions on the command line wins.)  */
  if (cdefer::opt_unwind && !flag_exceptions
      && !global_options_set.x_flag_exceptions)
    {
      flag_exceptions = 1;
      set_exceptions = true;
      cdefer::exceptions_per_unit (info->base_name);
    }

  register_callback (info->base_name, PLUGIN_START_UNIT,
		     cdefer::on_start_unit, NULL);
  register_callback (info->base_name, PLUGIN_PRAGMAS,
		     cdefer::on_pragmas, NULL);
  register_callback (info->base_name, PLUGIN_ATTRIBUTES,
		     cdefer::on_attributes, NULL);
  register_callback (info->base_name, PLUGIN_PRE_GENERICIZE,
		     cdefer::on_pre_genericize, NULL);
  register_callback (info->base_name, PLUGIN_FINISH_PARSE_FUNCTION,
		     cdefer::on_finish_parse_function, NULL);
  return 0;
}
