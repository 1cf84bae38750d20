/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pl-core.h"

/* Exit codes: 0 success, 1 bad input or a failure, 2 usage. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static char *database_path;

static int
usage (const char *message)
{
  if (message)
    g_printerr ("porchlight-cli: %s\n", message);
  g_printerr ("%s\n", _("Usage: porchlight-cli [--database FILE] COMMAND [ARGS…]\n"
                        "\n"
                        "Commands:\n"
                        "  demo [--families N] [--seed S]   fill an empty database with a demo district\n"
                        "  search QUERY                     list matching families: ID<TAB>household\n"
                        "  family show ID                   print one family\n"));
  return EXIT_USAGE;
}

static int
fail (GError *error)
{
  g_printerr ("porchlight-cli: %s\n", error->message);
  return EXIT_FAILED;
}

static PlStore *
open_store (GError **error)
{
  g_autofree char *path = database_path ? g_strdup (database_path) : pl_store_default_path ();

  return pl_store_open (path, error);
}

typedef struct
{
  gboolean tty;
  gint64   started;
} DemoProgress;

static void
demo_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  DemoProgress *progress = user_data;
  double elapsed = (g_get_monotonic_time () - progress->started) / 1e6;

  if (!progress->tty)
    return;
  /* Translators: a progress line on a terminal; %u are counts of families */
  g_printerr ("\r%s", "");
  g_printerr (_("Creating families: %u of %u (%.0f s)"), done, total, elapsed);
  if (done == total)
    g_printerr ("\n");
}

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  int families = PL_DEMO_DEFAULT_FAMILIES;
  int seed = PL_DEMO_DEFAULT_SEED;
  DemoProgress progress;
  GOptionEntry entries[] = {
    { "families", 0, 0, G_OPTION_ARG_INT, &families, N_("How many families (default 25000)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("The same seed makes the same district"), "S" },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (argc > 1)
    return usage (_("demo takes no arguments besides its options"));
  if (families < 1 || families > 1000000)
    {
      g_printerr ("porchlight-cli: %s\n", _("--families must be between 1 and 1,000,000"));
      return EXIT_FAILED;
    }

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  progress.tty = isatty (STDERR_FILENO);
  progress.started = g_get_monotonic_time ();
  if (!pl_demo_generate (store, families, (guint32) seed, demo_progress, &progress, NULL, &error))
    return fail (error);
  g_print (_("Created a demo district of %u families in %s\n"), (guint) families,
           pl_store_get_path (store));
  return EXIT_OK;
}

static int
cmd_search (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_auto(GStrv) ids = NULL;

  if (argc != 2)
    return usage (_("search takes one QUERY (quote it if it has spaces)"));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  ids = pl_store_search_families (store, argv[1], 1000, &error);
  if (ids == NULL)
    return fail (error);
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(PlFamily) family = pl_store_load_family (store, ids[i], &error);
      if (family == NULL)
        return fail (error);
      g_print ("%s\t%s\n", ids[i], pl_family_get_household_name (family));
    }
  return EXIT_OK;
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && *value != '\0')
    g_print ("  %s: %s\n", label, value);
}

static int
cmd_family_show (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(GListModel) schools = NULL;
  GListModel *guardians, *students;

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  family = pl_store_load_family (store, id, &error);
  if (family == NULL)
    {
      if (g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
        g_printerr ("porchlight-cli: %s\n", _("No family has that id"));
      else
        g_printerr ("porchlight-cli: %s\n", error->message);
      return EXIT_FAILED;
    }
  schools = pl_store_list_schools (store, &error);
  if (schools == NULL)
    return fail (error);

  g_print ("%s\n", pl_family_get_household_name (family));
  print_field (_("Id"), pl_family_get_id (family));
  print_field (_("Address"), pl_family_get_address (family));
  print_field (_("City"), pl_family_get_city (family));
  print_field (_("ZIP code"), pl_family_get_zip (family));
  if (pl_family_get_home_language (family))
    print_field (_("Home language"), pl_language_get_name (pl_family_get_home_language (family)));
  print_field (_("Notes"), pl_family_get_notes (family));

  guardians = G_LIST_MODEL (pl_family_get_guardians (family));
  for (guint i = 0; i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      g_print ("\n%s: %s\n", _("Guardian"), pl_guardian_get_full_name (guardian));
      print_field (_("Relationship"),
                   pl_guardian_relationship_label (pl_guardian_get_relationship (guardian)));
      print_field (_("Phone"), pl_guardian_get_phone (guardian));
      print_field (_("Other phone"), pl_guardian_get_phone_alt (guardian));
      print_field (_("Email"), pl_guardian_get_email (guardian));
      if (pl_guardian_get_preferred_language (guardian))
        print_field (_("Preferred language"),
                     pl_language_get_name (pl_guardian_get_preferred_language (guardian)));
      print_field (_("Needs an interpreter"), yes_no (pl_guardian_get_needs_interpreter (guardian)));
      print_field (_("Can receive texts"), yes_no (pl_guardian_get_can_text (guardian)));
    }

  students = G_LIST_MODEL (pl_family_get_students (family));
  for (guint i = 0; i < g_list_model_get_n_items (students); i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, i);
      g_autofree char *grade = pl_grade_to_string (pl_student_get_grade (student));
      const char *school_name = NULL;

      for (guint s = 0; s < g_list_model_get_n_items (schools); s++)
        {
          g_autoptr(PlSchool) school = g_list_model_get_item (schools, s);
          if (g_strcmp0 (pl_school_get_id (school), pl_student_get_school_id (student)) == 0)
            school_name = g_intern_string (pl_school_get_name (school));
        }

      g_print ("\n%s: %s\n", _("Student"), pl_student_get_full_name (student));
      print_field (_("District id"), pl_student_get_district_id (student));
      print_field (_("School"), school_name);
      print_field (_("Grade"), grade);
      print_field (_("Emerging bilingual"), yes_no (pl_student_get_emerging_bilingual (student)));
      print_field (_("IEP"), yes_no (pl_student_get_iep (student)));
      print_field (_("504 plan"), yes_no (pl_student_get_plan_504 (student)));
    }
  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database_path,
      N_("The database file (default: your Porchlight database)"), N_("FILE") },
    { NULL },
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGS…]"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);

  if (argc < 2)
    return usage (NULL);

  if (g_str_equal (argv[1], "demo"))
    return cmd_demo (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "search"))
    return cmd_search (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "family"))
    {
      if (argc == 4 && g_str_equal (argv[2], "show"))
        return cmd_family_show (argv[3]);
      return usage (_("use: family show ID"));
    }

  return usage (g_strdup_printf (_("unknown command “%s”"), argv[1]));
}
