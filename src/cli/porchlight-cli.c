/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
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
                        "  family show ID                   print one family\n"
                        "  family add HOUSEHOLD [--language L] [--guardian NAME] [--phone P]\n"
                        "             [--student NAME --school CODE --grade G]\n"
                        "                                   add a family; prints its id\n"
                        "  family edit ID FIELD=VALUE…      change fields: household_name, address,\n"
                        "                                   city, zip, home_language, notes,\n"
                        "                                   guardian.N.FIELD, student.N.FIELD\n"
                        "  school add NAME --code CODE [--grades LOW-HIGH]\n"
                        "                                   add a school; prints its id\n"
                        "  school list                      schools: ID, code, name, grades\n"
                        "  import-roster FILE.csv [--skip-invalid] [--dry-run] [--map 'Header=field']…\n"
                        "                [--language 'Value=code']…\n"
                        "                                   add and update students and families from\n"
                        "                                   the district’s roster export\n"
                        "  sync --server URL --user NAME [--password-file F]\n"
                        "                                   send this database’s changes, receive others’\n"
                        "  conflicts list                   open conflicts: ID, record, field, values\n"
                        "  conflicts resolve ID --keep mine|theirs\n"
                        "                                   settle a conflict: keep this database’s value\n"
                        "                                   (mine) or the other one (theirs)\n"
                        "  duplicates list                  possible duplicate families:\n"
                        "                                   ID<TAB>household<TAB>ID<TAB>household<TAB>why\n"
                        "  duplicates merge KEEP_ID OTHER_ID\n"
                        "                                   move the other family’s people into KEEP_ID\n"
                        "  duplicates dismiss ID ID         the two are different households\n"
                        "  survey print ID --school ID --language CODE --count N --out FILE.pdf\n"
                        "               [--paper letter|a4]\n"
                        "                                   paper forms for a school, each with its\n"
                        "                                   own form code, in one of the survey’s\n"
                        "                                   languages\n"
                        "  survey list                      surveys: ID, number, version, status, term,\n"
                        "                                   languages, title\n"
                        "  survey import SURVEY.csv CHOICES.csv [SETTINGS.csv]\n"
                        "                                   add a survey from XLSForm CSV files (ODK,\n"
                        "                                   Kobo); prints its id\n"
                        "  survey export ID FOLDER          write a survey as survey.csv, choices.csv\n"
                        "                                   and settings.csv\n"
                        "  report --survey ID --term T [--school ID] --format csv|pdf --out FILE\n"
                        "         [--language en|es] [--paper letter|a4]\n"
                        "                                   family satisfaction for a school (or the\n"
                        "                                   whole zone) in a term: a CSV table or a\n"
                        "                                   PDF report; small groups are hidden\n"));
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
    { "families", 0, 0, G_OPTION_ARG_INT, &families, N_("How many families (default 25000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("The same seed makes the same district"), N_("S") },
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

/* Reads a password from a file (first line) or, on a terminal, without echo. */
static char *
read_password (const char  *file,
               GError     **error)
{
  return pl_password_read (file, _("Password: "), NULL, error);
}

static void
sync_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  if (isatty (STDERR_FILENO))
    {
      g_printerr ("\r");
      /* Translators: a progress line on a terminal */
      g_printerr (ngettext ("Received %u record", "Received %u records", done), done);
    }
}

static int
cmd_sync (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = database_path ? g_strdup (database_path) : pl_store_default_path ();
  PlSyncStats stats;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server, like https://sync.example.org"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the server"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from this file"), N_("F") },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (server == NULL || user == NULL || argc > 1)
    return usage (_("sync needs --server URL and --user NAME"));

  password = read_password (password_file, &error);
  if (password == NULL)
    return fail (error);

  client = pl_sync_client_new (path, server);
  token = pl_sync_client_login (client, user, password, NULL, &error);
  if (token == NULL || !pl_sync_client_sync (client, sync_progress, NULL, &stats, NULL, &error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      return fail (error);
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  /* Translators: the start of "Sent 3 changes, received 10 records, 0 new conflicts" */
  g_print (ngettext ("Sent %u change", "Sent %u changes", stats.pushed), stats.pushed);
  g_print (", ");
  /* Translators: the middle of "Sent 3 changes, received 10 records, 0 new conflicts" */
  g_print (ngettext ("received %u record", "received %u records", stats.pulled), stats.pulled);
  g_print (", ");
  /* Translators: the end of "Sent 3 changes, received 10 records, 0 new conflicts" */
  g_print (ngettext ("%u new conflict", "%u new conflicts", stats.conflicts), stats.conflicts);
  g_print ("\n");
  return EXIT_OK;
}

static const char *
school_id_for (PlStore    *store,
               const char *code_or_id)
{
  g_autoptr(GListModel) schools = pl_store_list_schools (store, NULL);

  for (guint i = 0; schools && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);
      if (g_strcmp0 (pl_school_get_id (school), code_or_id) == 0 ||
          g_strcmp0 (pl_school_get_code (school), code_or_id) == 0)
        return g_intern_string (pl_school_get_id (school));
    }
  return NULL;
}

static int
cmd_family_add (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlFamily) family = pl_family_new ();
  g_autofree char *language = NULL, *guardian_name = NULL, *phone = NULL;
  g_autofree char *student_name = NULL, *school = NULL, *grade_text = NULL;
  GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Home language code, like es or vi"), N_("L") },
    { "guardian", 0, 0, G_OPTION_ARG_STRING, &guardian_name, N_("A guardian’s full name"), N_("NAME") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("The guardian’s phone"), N_("P") },
    { "student", 0, 0, G_OPTION_ARG_STRING, &student_name, N_("A student’s full name"), N_("NAME") },
    { "school", 0, 0, G_OPTION_ARG_STRING, &school, N_("The student’s school, by code or id"), N_("CODE") },
    { "grade", 0, 0, G_OPTION_ARG_STRING, &grade_text, N_("The student’s grade: PK, K, 1–12"), N_("G") },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (argc != 2)
    return usage (_("family add takes one HOUSEHOLD name"));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  pl_family_set_household_name (family, argv[1]);
  pl_family_set_home_language (family, language);
  if (guardian_name != NULL)
    {
      g_autoptr(PlGuardian) guardian = pl_guardian_new ();
      pl_guardian_set_full_name (guardian, guardian_name);
      pl_guardian_set_phone (guardian, phone);
      pl_guardian_set_preferred_language (guardian, language);
      g_list_store_append (pl_family_get_guardians (family), guardian);
    }
  if (student_name != NULL)
    {
      g_autoptr(PlStudent) student = pl_student_new ();
      int grade = 0;

      if (grade_text != NULL && !pl_grade_parse (grade_text, &grade))
        {
          g_printerr ("porchlight-cli: %s\n", _("--grade must be PK, K or 1 to 12"));
          return EXIT_FAILED;
        }
      pl_student_set_full_name (student, student_name);
      pl_student_set_grade (student, grade);
      if (school != NULL)
        {
          const char *school_id = school_id_for (store, school);
          if (school_id == NULL)
            {
              g_printerr ("porchlight-cli: ");
              g_printerr (_("There is no school “%s”"), school);
              g_printerr ("\n");
              return EXIT_FAILED;
            }
          pl_student_set_school_id (student, school_id);
        }
      g_list_store_append (pl_family_get_students (family), student);
    }

  if (!pl_store_save_family (store, family, &error))
    return fail (error);
  g_print ("%s\n", pl_family_get_id (family));
  return EXIT_OK;
}

/* Sets a property of @object from FIELD=VALUE text, by the property's type. */
static gboolean
set_field (GObject     *object,
           const char  *field,
           const char  *value,
           GError     **error)
{
  g_autofree char *property = g_strdelimit (g_strdup (field), "_", '-');
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  if (pspec == NULL || g_str_equal (property, "id") || !(pspec->flags & G_PARAM_WRITABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a field name */
                   _("There is no field “%s” to change"), field);
      return FALSE;
    }
  if (pspec->value_type == G_TYPE_STRING)
    g_object_set (object, property, *value ? value : NULL, NULL);
  else if (pspec->value_type == G_TYPE_BOOLEAN)
    {
      if (g_ascii_strcasecmp (value, "yes") != 0 && g_ascii_strcasecmp (value, "no") != 0 &&
          g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is a field name */
                       _("“%s” takes yes or no"), field);
          return FALSE;
        }
      g_object_set (object, property,
                    g_ascii_strcasecmp (value, "yes") == 0 || g_str_equal (value, "true"), NULL);
    }
  else if (g_str_equal (property, "grade"))
    {
      int grade;
      if (!pl_grade_parse (value, &grade))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is what was given as a grade */
                       _("“%s” is not a grade: use PK, K or 1 to 12"), value);
          return FALSE;
        }
      g_object_set (object, property, grade, NULL);
    }
  return TRUE;
}

static int
cmd_family_edit (int    argc,
                 char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlFamily) family = NULL;

  if (argc < 3)
    return usage (_("use: family edit ID FIELD=VALUE…"));

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  family = pl_store_load_family (store, argv[1], &error);
  if (family == NULL)
    return fail (error);

  for (int i = 2; i < argc; i++)
    {
      g_auto(GStrv) assignment = g_strsplit (argv[i], "=", 2);
      g_auto(GStrv) path = NULL;
      GObject *target = G_OBJECT (family);
      g_autoptr(GObject) member = NULL;
      const char *field;

      if (g_strv_length (assignment) != 2)
        return usage (_("each change is FIELD=VALUE"));
      path = g_strsplit (assignment[0], ".", 3);
      field = path[0];
      if (g_strv_length (path) == 3)
        {
          GListModel *list = g_str_equal (path[0], "guardian")
                               ? G_LIST_MODEL (pl_family_get_guardians (family))
                               : g_str_equal (path[0], "student")
                                   ? G_LIST_MODEL (pl_family_get_students (family)) : NULL;
          guint64 n = g_ascii_strtoull (path[1], NULL, 10);

          if (list == NULL || n < 1 || n > g_list_model_get_n_items (list))
            {
              g_printerr ("porchlight-cli: ");
              g_printerr (_("There is no “%s.%s” in this family"), path[0], path[1]);
              g_printerr ("\n");
              return EXIT_FAILED;
            }
          member = g_list_model_get_item (list, n - 1);
          target = member;
          field = path[2];
        }
      if (!set_field (target, field, assignment[1], &error))
        return fail (error);
    }

  if (!pl_store_save_family (store, family, &error))
    return fail (error);
  return EXIT_OK;
}

static int
cmd_school (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;

  if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      g_autoptr(GListModel) schools = NULL;

      store = open_store (&error);
      if (store == NULL || (schools = pl_store_list_schools (store, &error)) == NULL)
        return fail (error);
      for (guint i = 0; i < g_list_model_get_n_items (schools); i++)
        {
          g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);
          g_autofree char *low = pl_grade_to_string (pl_school_get_grade_low (school));
          g_autofree char *high = pl_grade_to_string (pl_school_get_grade_high (school));

          g_print ("%s\t%s\t%s\t%s–%s\n", pl_school_get_id (school),
                   pl_school_get_code (school) ? pl_school_get_code (school) : "",
                   pl_school_get_name (school), low, high);
        }
      return EXIT_OK;
    }

  if (argc >= 2 && g_str_equal (argv[1], "add"))
    {
      g_autoptr(GOptionContext) context = g_option_context_new (NULL);
      g_autoptr(PlSchool) school = pl_school_new ();
      g_autofree char *code = NULL;
      g_autofree char *grades = NULL;
      g_auto(GStrv) range = NULL;
      int low = PL_GRADE_PK, high = PL_GRADE_MAX;
      GOptionEntry entries[] = {
        { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("A short code, like BRW"), N_("CODE") },
        { "grades", 0, 0, G_OPTION_ARG_STRING, &grades, N_("The grades taught, like PK-5 or 9-12"), N_("LOW-HIGH") },
        { NULL },
      };

      g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
      argc--, argv++;
      if (!g_option_context_parse (context, &argc, &argv, &error))
        return usage (error->message);
      if (argc != 2 || code == NULL)
        return usage (_("use: school add NAME --code CODE [--grades LOW-HIGH]"));
      if (grades != NULL)
        {
          range = g_strsplit (grades, "-", 2);
          if (g_strv_length (range) != 2 || !pl_grade_parse (range[0], &low) ||
              !pl_grade_parse (range[1], &high) || low > high)
            {
              g_printerr ("porchlight-cli: ");
              /* Translators: %s is what was given as a grade range */
              g_printerr (_("“%s” is not a grade range: use LOW-HIGH, like PK-5 or 9-12"), grades);
              g_printerr ("\n");
              return EXIT_FAILED;
            }
        }

      store = open_store (&error);
      if (store == NULL)
        return fail (error);
      pl_school_set_name (school, argv[1]);
      pl_school_set_code (school, code);
      pl_school_set_grades (school, low, high);
      if (!pl_store_save_school (store, school, &error))
        return fail (error);
      g_print ("%s\n", pl_school_get_id (school));
      return EXIT_OK;
    }

  return usage (_("use: school add NAME --code CODE, or school list"));
}

static int
cmd_conflicts (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;

  if (argc >= 2 && g_str_equal (argv[1], "list") && argc == 2)
    {
      g_autoptr(GListModel) conflicts = NULL;

      store = open_store (&error);
      if (store == NULL || (conflicts = pl_store_list_conflicts (store, &error)) == NULL)
        return fail (error);
      for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
        {
          g_autoptr(PlConflict) conflict = g_list_model_get_item (conflicts, i);
          const char *household = pl_conflict_get_household_name (conflict);

          g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", pl_conflict_get_id (conflict),
                   household ? household : pl_conflict_get_row_id (conflict),
                   pl_conflict_get_field (conflict),
                   pl_conflict_get_winner_value (conflict) ? pl_conflict_get_winner_value (conflict) : "",
                   pl_conflict_get_loser_value (conflict) ? pl_conflict_get_loser_value (conflict) : "",
                   pl_conflict_get_loser_origin (conflict) ? pl_conflict_get_loser_origin (conflict) : "");
        }
      return EXIT_OK;
    }

  if (argc == 5 && g_str_equal (argv[1], "resolve") && g_str_equal (argv[3], "--keep") &&
      (g_str_equal (argv[4], "mine") || g_str_equal (argv[4], "theirs")))
    {
      g_autoptr(GListModel) conflicts = NULL;
      PlConflictChoice choice = PL_CONFLICT_KEEP_WINNER;
      gboolean found = FALSE;

      store = open_store (&error);
      if (store == NULL || (conflicts = pl_store_list_conflicts (store, &error)) == NULL)
        return fail (error);
      for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
        {
          g_autoptr(PlConflict) conflict = g_list_model_get_item (conflicts, i);
          gboolean loser_is_mine;

          if (g_strcmp0 (pl_conflict_get_id (conflict), argv[2]) != 0)
            continue;
          /* "Mine" is the value this device wrote: the loser if it came from here. */
          loser_is_mine = g_strcmp0 (pl_conflict_get_loser_origin (conflict),
                                     pl_store_get_device_id (store)) == 0;
          choice = (g_str_equal (argv[4], "mine") == loser_is_mine) ? PL_CONFLICT_KEEP_LOSER
                                                                    : PL_CONFLICT_KEEP_WINNER;
          found = TRUE;
        }
      if (!found)
        {
          g_printerr ("porchlight-cli: ");
          g_printerr (_("There is no open conflict %s"), argv[2]);
          g_printerr ("\n");
          return EXIT_FAILED;
        }
      if (!pl_store_resolve_conflict (store, argv[2], choice, NULL, g_get_user_name (), &error))
        return fail (error);
      return EXIT_OK;
    }

  return usage (_("use: conflicts list, or conflicts resolve ID --keep mine|theirs"));
}

typedef struct
{
  gboolean tty;
  guint    last_done;
} ImportProgress;

static void
import_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  ImportProgress *progress = user_data;

  if (!progress->tty || (done == progress->last_done && done != 0))
    return;
  progress->last_done = done;
  g_printerr ("\r");
  /* Translators: a progress line on a terminal; the numbers count rows of a file */
  g_printerr (_("Importing: %u of %u rows"), done, total);
}

static void
print_count (const char *label,
             guint       count)
{
  g_print ("  %s: %u\n", label, count);
}

/* Lists the file's columns, for a person choosing what to map. */
static void
print_columns (PlRosterImport *import)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint c = 0; c < pl_roster_import_get_n_columns (import); c++)
    g_string_append_printf (list, "%s“%s”", c ? ", " : "", pl_roster_import_get_column_header (import, c));
  g_printerr ("%s\n", list->str);
}

static void
print_report (PlRosterImport *import,
              gboolean        imported)
{
  const PlRosterCounts *counts = pl_roster_import_get_counts (import);
  g_autoptr(GString) ignored = g_string_new (NULL);
  guint n_rejected = pl_roster_import_get_n_rejected (import);
  g_autofree char *name = g_filename_display_basename (pl_roster_import_get_path (import));

  g_print (ngettext ("Read %u row from %s", "Read %u rows from %s", counts->rows_read),
           counts->rows_read, name);
  if (pl_roster_import_get_encoding (import) == PL_CSV_ENCODING_WINDOWS_1252 ||
      pl_roster_import_get_encoding (import) == PL_CSV_ENCODING_UTF16)
    /* Translators: %s is the name of a text encoding, like Windows-1252 */
    g_print (_(" (as %s text)"), pl_csv_encoding_get_name (pl_roster_import_get_encoding (import)));
  g_print ("\n");

  for (guint c = 0; c < pl_roster_import_get_n_columns (import); c++)
    if (!pl_roster_import_get_column_known (import, c))
      g_string_append_printf (ignored, "%s“%s”", ignored->len ? ", " : "",
                              pl_roster_import_get_column_header (import, c));
  if (ignored->len > 0)
    /* Translators: %s is a list of column headers; keep --map 'Header=field' as it is */
    g_print (_("Columns not imported: %s (take one in with --map 'Header=field')\n"), ignored->str);
  if (counts->header_lines_skipped > 0)
    g_print (ngettext ("Skipped %u repeated header line\n", "Skipped %u repeated header lines\n",
                       counts->header_lines_skipped), counts->header_lines_skipped);
  if (counts->rows_repeated > 0)
    g_print (ngettext ("%u row repeated an earlier one and was taken once\n",
                       "%u rows repeated earlier ones and were taken once\n", counts->rows_repeated),
             counts->rows_repeated);

  if (imported)
    {
      if (pl_roster_import_get_dry_run (import))
        g_print ("%s\n", _("Checked only, nothing was saved. Importing would make these changes:"));
      print_count (_("Families added"), counts->families_added);
      print_count (_("Families updated"), counts->families_updated);
      print_count (_("Students added"), counts->students_added);
      print_count (_("Students updated"), counts->students_updated);
      print_count (_("Students unchanged"), counts->students_unchanged);
      print_count (_("Guardians added"), counts->guardians_added);
      print_count (_("Guardians updated"), counts->guardians_updated);
      print_count (_("Rows rejected"), counts->rows_rejected);
    }

  if (n_rejected > 0)
    {
      g_print ("%s\n", imported ? _("Rejected rows:") : _("Rows that are not valid:"));
      for (guint i = 0; i < n_rejected; i++)
        {
          const char *reason;
          guint line = pl_roster_import_get_rejected (import, i, &reason);

          g_print ("  ");
          /* Translators: %u is a line number in the file, %s why that line was not imported */
          g_print (_("line %u: %s"), line, reason);
          g_print ("\n");
        }
    }
  if (pl_roster_import_get_rejects_path (import) != NULL)
    {
      g_autofree char *path = g_filename_display_name (pl_roster_import_get_rejects_path (import));

      /* Translators: %s is a file name */
      g_print (_("The rejected rows and the reasons are in %s\n"), path);
    }
}

static int
cmd_import_roster (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlRosterImport) import = NULL;
  g_auto(GStrv) maps = NULL;
  g_auto(GStrv) languages = NULL;
  gboolean skip_invalid = FALSE, dry_run = FALSE;
  ImportProgress progress = { 0 };
  gboolean ok;
  GOptionEntry entries[] = {
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Import the valid rows; write the others to FILE-rejected.csv"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and count the changes without saving anything"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Take the column with this header as this field (field “ignore” leaves it out)"),
      N_("Header=field") },
    { "language", 0, 0, G_OPTION_ARG_STRING_ARRAY, &languages,
      N_("Take this language value as this language code (“keep” keeps it as written)"),
      N_("Value=code") },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (argc != 2)
    return usage (_("import-roster takes one FILE.csv"));

  import = pl_roster_import_new (argv[1]);
  pl_roster_import_set_skip_invalid (import, skip_invalid);
  pl_roster_import_set_dry_run (import, dry_run);
  for (guint i = 0; maps && maps[i]; i++)
    if (!pl_roster_import_add_map (import, maps[i], &error))
      return usage (error->message);
  for (guint i = 0; languages && languages[i]; i++)
    if (!pl_roster_import_add_language_map (import, languages[i], &error))
      return usage (error->message);

  if (!pl_roster_import_load (import, NULL, &error))
    return fail (error);
  if (!pl_roster_import_check_columns (import, &error))
    {
      g_printerr ("porchlight-cli: %s\n", error->message);
      g_printerr ("%s ", _("The file’s columns are"));
      print_columns (import);
      /* Translators: keep --map 'Header=student_id' as it is */
      g_printerr ("%s\n", _("Say which one it is with --map 'Header=student_id' (or student_name)."));
      return EXIT_FAILED;
    }

  store = open_store (&error);
  if (store == NULL)
    return fail (error);

  progress.tty = isatty (STDERR_FILENO);
  ok = pl_roster_import_run (import, store, import_progress, &progress, NULL, &error);
  if (progress.tty)
    g_printerr ("\n");

  if (!ok && !g_error_matches (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS))
    return fail (error);

  print_report (import, ok);
  if (!ok)
    {
      g_auto(GStrv) unknown = pl_roster_import_list_unknown_languages (import);

      if (unknown != NULL && unknown[0] != NULL)
        {
          g_autofree char *list = g_strjoinv ("”, “", unknown);

          g_printerr ("porchlight-cli: ");
          /* Translators: %s is a list of languages as the file writes them; keep
           * --language 'Value=code' as it is */
          g_printerr (_("Languages Porchlight does not know: “%s”. Say what each one is with "
                        "--language 'Value=code', where the code is a language code like pt, or "
                        "keep."), list);
          g_printerr ("\n");
        }
      g_printerr ("porchlight-cli: %s\n", error->message);
      /* Translators: keep --skip-invalid as it is */
      g_printerr ("%s\n", _("Correct those rows and import again, or import the valid rows with "
                            "--skip-invalid."));
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

static int
cmd_duplicates (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;

  if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      g_autoptr(PlDuplicates) duplicates = NULL;

      store = open_store (&error);
      if (store == NULL || (duplicates = pl_duplicates_find (store, NULL, &error)) == NULL)
        return fail (error);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (duplicates)); i++)
        {
          g_autoptr(PlDuplicatePair) pair = g_list_model_get_item (G_LIST_MODEL (duplicates), i);
          g_auto(GStrv) reasons = g_strsplit (pl_duplicate_pair_get_description (pair), "\n", -1);
          g_autofree char *why = g_strjoinv ("; ", reasons);

          g_print ("%s\t%s\t%s\t%s\t%s\n", pl_duplicate_pair_get_family_a (pair),
                   pl_duplicate_pair_get_household_a (pair), pl_duplicate_pair_get_family_b (pair),
                   pl_duplicate_pair_get_household_b (pair), why);
        }
      return EXIT_OK;
    }

  if (argc == 4 && g_str_equal (argv[1], "merge"))
    {
      g_autoptr(PlFamilyMerge) merge = NULL;
      guint repeated;

      store = open_store (&error);
      if (store == NULL || (merge = pl_family_merge_run (store, argv[2], argv[3], &error)) == NULL)
        return fail (error);
      g_print ("%s: %u\n", _("Guardians moved"), pl_family_merge_get_n_guardians (merge));
      g_print ("%s: %u\n", _("Students moved"), pl_family_merge_get_n_students (merge));
      g_print ("%s: %u\n", _("Contacts moved"), pl_family_merge_get_n_contacts (merge));
      repeated = pl_family_merge_get_n_repeated_guardians (merge);
      if (repeated > 0)
        g_print (ngettext ("%u guardian is now listed twice; edit the family to remove the "
                           "extra one\n",
                           "%u guardians are now listed twice; edit the family to remove the "
                           "extra ones\n", repeated), repeated);
      return EXIT_OK;
    }

  if (argc == 4 && g_str_equal (argv[1], "dismiss"))
    {
      store = open_store (&error);
      if (store == NULL || !pl_duplicates_dismiss (store, argv[2], argv[3], &error))
        return fail (error);
      return EXIT_OK;
    }

  return usage (_("use: duplicates list, duplicates merge KEEP_ID OTHER_ID, or duplicates "
                  "dismiss ID ID"));
}

typedef struct
{
  gboolean tty;
} PrintProgress;

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  PrintProgress *progress = user_data;

  if (!progress->tty)
    return;
  g_printerr ("\r");
  /* Translators: a progress line on a terminal; %u are counts of forms */
  g_printerr (_("Printing forms: %u of %u"), done, total);
}

static int
cmd_survey_print (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(PlSchool) school = NULL;
  g_autoptr(GListModel) schools = NULL;
  g_autofree char *school_arg = NULL;
  g_autofree char *language = NULL;
  g_autofree char *out = NULL;
  g_autofree char *paper_arg = NULL;
  g_autofree char *first_code = NULL;
  g_autofree char *last_code = NULL;
  PrintProgress progress = { 0 };
  PlPaperSize paper = PL_PAPER_LETTER;
  int count = 0;
  guint first = 0, n_pages = 0;
  gboolean ok;
  GOptionEntry entries[] = {
    { "school", 0, 0, G_OPTION_ARG_STRING, &school_arg, N_("The school, by its ID or code"), N_("ID") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The forms’ language, one of the survey’s (e.g. so)"), N_("CODE") },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("How many forms"), N_("N") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE.pdf") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_arg, N_("letter (the default) or a4"), N_("SIZE") },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (argc != 2 || school_arg == NULL || language == NULL || out == NULL || count == 0)
    return usage (_("use: survey print ID --school ID --language CODE --count N --out FILE.pdf "
                    "[--paper letter|a4]"));
  if (paper_arg != NULL && !pl_paper_size_from_code (paper_arg, &paper))
    {
      g_autofree char *message =
        /* Translators: %s is what was given; keep letter and a4 as they are */
        g_strdup_printf (_("unknown paper size “%s”: use letter or a4"), paper_arg);

      return usage (message);
    }
  if (count < 0)
    {
      g_printerr ("porchlight-cli: %s\n", _("--count must be a positive number of forms"));
      return EXIT_FAILED;
    }

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  survey = pl_store_load_survey (store, argv[1], &error);
  if (survey == NULL)
    return fail (error);
  schools = pl_store_list_schools (store, &error);
  if (schools == NULL)
    return fail (error);
  for (guint i = 0; school == NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) candidate = g_list_model_get_item (schools, i);

      if (g_strcmp0 (pl_school_get_id (candidate), school_arg) == 0 ||
          g_strcmp0 (pl_school_get_code (candidate), school_arg) == 0)
        school = g_steal_pointer (&candidate);
    }
  if (school == NULL)
    {
      g_printerr ("porchlight-cli: ");
      /* Translators: %s is what was given after --school */
      g_printerr (_("no school has the ID or code “%s” (see: school list)"), school_arg);
      g_printerr ("\n");
      return EXIT_FAILED;
    }

  progress.tty = isatty (STDERR_FILENO);
  ok = pl_survey_print (store, survey, school, language, (guint) count, paper, out,
                        g_get_user_name (), print_progress, &progress, &first, &n_pages, NULL,
                        &error);
  if (progress.tty)
    g_printerr ("\n");
  if (!ok)
    return fail (error);

  first_code = pl_form_code_format (pl_survey_get_number (survey), pl_school_get_code (school), first);
  last_code = pl_form_code_format (pl_survey_get_number (survey), pl_school_get_code (school),
                                   first + (guint) count - 1);
  {
    g_autofree char *pages = g_strdup_printf (ngettext ("%u page", "%u pages", n_pages), n_pages);
    g_autofree char *codes = count == 1 ? g_strdup (first_code)
                                        /* Translators: a range of form codes */
                                        : g_strdup_printf (_("%s to %s"), first_code, last_code);

    /* Translators: "3 forms (6 pages), S3-0153-00001 to S3-0153-00003, in forms.pdf" */
    g_print (ngettext ("%u form (%s), %s, in %s\n", "%u forms (%s), %s, in %s\n", (guint) count),
             (guint) count, pages, codes, out);
  }
  return EXIT_OK;
}

static int
cmd_survey (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;

  if (argc == 2 && g_str_equal (argv[1], "list"))
    {
      g_autoptr(GPtrArray) surveys = NULL;

      store = open_store (&error);
      if (store == NULL || (surveys = pl_store_list_surveys (store, &error)) == NULL)
        return fail (error);
      for (guint i = 0; i < surveys->len; i++)
        {
          PlSurvey *survey = surveys->pdata[i];
          g_autofree char *languages = g_strjoinv (",", (char **) pl_survey_get_languages (survey));

          g_print ("%s\tS%u\t%u\t%s\t%s\t%s\t%s\n", pl_survey_get_id (survey),
                   pl_survey_get_number (survey), pl_survey_get_version (survey),
                   pl_survey_get_status (survey),
                   pl_survey_get_term (survey) ? pl_survey_get_term (survey) : "", languages,
                   pl_survey_get_title (survey) ? pl_survey_get_title (survey) : "");
        }
      return EXIT_OK;
    }

  if ((argc == 4 || argc == 5) && g_str_equal (argv[1], "import"))
    {
      g_autoptr(PlSurvey) survey = NULL;

      /* The files are read whole before the database is touched: a
       * malformed one stores nothing. */
      survey = pl_xlsform_read (argv[2], argv[3], argc == 5 ? argv[4] : NULL, &error);
      if (survey == NULL)
        return fail (error);
      store = open_store (&error);
      if (store == NULL || !pl_store_save_survey (store, survey, &error))
        return fail (error);
      g_print ("%s\n", pl_survey_get_id (survey));
      return EXIT_OK;
    }

  if (argc == 4 && g_str_equal (argv[1], "export"))
    {
      g_autoptr(PlSurvey) survey = NULL;

      store = open_store (&error);
      if (store == NULL || (survey = pl_store_load_survey (store, argv[2], &error)) == NULL ||
          !pl_xlsform_write (survey, argv[3], &error))
        return fail (error);
      return EXIT_OK;
    }

  return usage (_("use: survey list, survey import SURVEY.csv CHOICES.csv [SETTINGS.csv], "
                  "survey export ID FOLDER, or survey print ID …"));
}

/* The survey series of a survey version's id or of a series id. */
static char *
survey_series_for (PlStore     *store,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GPtrArray) surveys = pl_store_list_surveys (store, error);

  if (surveys == NULL)
    return NULL;
  for (guint i = 0; i < surveys->len; i++)
    if (g_strcmp0 (pl_survey_get_id (surveys->pdata[i]), id) == 0 ||
        g_strcmp0 (pl_survey_get_series_id (surveys->pdata[i]), id) == 0)
      return g_strdup (pl_survey_get_series_id (surveys->pdata[i]));
  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
               /* Translators: %s is what was given after --survey */
               _("no survey has the ID “%s” (see: survey list)"), id);
  return NULL;
}

static int
cmd_report (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlSatisfaction) satisfaction = NULL;
  g_autoptr(GListModel) schools = NULL;
  g_autofree char *survey_arg = NULL;
  g_autofree char *term = NULL;
  g_autofree char *school_arg = NULL;
  g_autofree char *format = NULL;
  g_autofree char *out = NULL;
  g_autofree char *language = NULL;
  g_autofree char *paper_arg = NULL;
  g_autofree char *series = NULL;
  const char *school_id = NULL;
  PlPaperSize paper = PL_PAPER_LETTER;
  GOptionEntry entries[] = {
    { "survey", 0, 0, G_OPTION_ARG_STRING, &survey_arg,
      N_("The survey: any version’s ID or the series ID"), N_("ID") },
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("The term, such as 2025-fall"), N_("TERM") },
    { "school", 0, 0, G_OPTION_ARG_STRING, &school_arg,
      N_("The school, by its ID or code (default: the whole zone)"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or pdf"), N_("FORMAT") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), N_("FILE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The report’s language: en or es (default: yours)"), N_("CODE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_arg, N_("letter (the default) or a4"), N_("SIZE") },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (argc != 1 || survey_arg == NULL || term == NULL || format == NULL || out == NULL)
    return usage (_("use: report --survey ID --term T [--school ID] --format csv|pdf --out FILE "
                    "[--language en|es] [--paper letter|a4]"));
  if (!g_str_equal (format, "csv") && !g_str_equal (format, "pdf"))
    {
      g_autofree char *message =
        /* Translators: %s is what was given; keep csv and pdf as they are */
        g_strdup_printf (_("unknown format “%s”: use csv or pdf"), format);

      return usage (message);
    }
  if (paper_arg != NULL && !pl_paper_size_from_code (paper_arg, &paper))
    {
      g_autofree char *message =
        /* Translators: %s is what was given; keep letter and a4 as they are */
        g_strdup_printf (_("unknown paper size “%s”: use letter or a4"), paper_arg);

      return usage (message);
    }
  if (language == NULL)
    language = g_strdup (pl_satisfaction_report_get_default_language ());

  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  series = survey_series_for (store, survey_arg, &error);
  if (series == NULL)
    return fail (error);
  if (school_arg != NULL)
    {
      schools = pl_store_list_schools (store, &error);
      if (schools == NULL)
        return fail (error);
      for (guint i = 0; school_id == NULL && i < g_list_model_get_n_items (schools); i++)
        {
          g_autoptr(PlSchool) candidate = g_list_model_get_item (schools, i);

          if (g_strcmp0 (pl_school_get_id (candidate), school_arg) == 0 ||
              g_strcmp0 (pl_school_get_code (candidate), school_arg) == 0)
            school_id = g_intern_string (pl_school_get_id (candidate));
        }
      if (school_id == NULL)
        {
          g_printerr ("porchlight-cli: ");
          /* Translators: %s is what was given after --school */
          g_printerr (_("no school has the ID or code “%s” (see: school list)"), school_arg);
          g_printerr ("\n");
          return EXIT_FAILED;
        }
    }

  satisfaction = pl_satisfaction_load (store, series, NULL, &error);
  if (satisfaction == NULL)
    return fail (error);
  if (g_str_equal (format, "csv"))
    {
      g_autofree char *csv = pl_satisfaction_report_schools_csv (satisfaction, term, school_id,
                                                                 language, &error);

      if (csv == NULL || !pl_satisfaction_report_save_csv (csv, out, &error))
        return fail (error);
    }
  else
    {
      guint n_pages = 0;

      if (!pl_satisfaction_report_write_pdf (satisfaction, term, school_id, language, paper, out,
                                             NULL, NULL, &n_pages, NULL, &error))
        return fail (error);
      /* Translators: "A report of 6 pages in report.pdf" */
      g_print (ngettext ("A report of %u page in %s\n", "A report of %u pages in %s\n", n_pages),
               n_pages, out);
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
      if (argc >= 3 && g_str_equal (argv[2], "add"))
        return cmd_family_add (argc - 2, argv + 2);
      if (argc >= 3 && g_str_equal (argv[2], "edit"))
        return cmd_family_edit (argc - 2, argv + 2);
      return usage (_("use: family show ID, family add …, or family edit ID FIELD=VALUE…"));
    }
  if (g_str_equal (argv[1], "sync"))
    return cmd_sync (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "school"))
    return cmd_school (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import-roster"))
    return cmd_import_roster (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "conflicts"))
    return cmd_conflicts (argc - 1, argv + 1);

  if (g_str_equal (argv[1], "duplicates"))
    return cmd_duplicates (argc - 1, argv + 1);
  if (argc >= 3 && g_str_equal (argv[1], "survey") && g_str_equal (argv[2], "print"))
    return cmd_survey_print (argc - 2, argv + 2);
  if (g_str_equal (argv[1], "survey"))
    return cmd_survey (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "report"))
    return cmd_report (argc - 1, argv + 1);

  return usage (g_strdup_printf (_("unknown command “%s”"), argv[1]));
}
