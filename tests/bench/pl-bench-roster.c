/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pl-core.h"
#include "pl-demo-names.h"

/* The roster import benchmark: a district export of N rows (default
 * 40,000; siblings on several rows, names in every script of the demo
 * district) written as CSV, imported into a fresh database, then imported
 * again unchanged, as next month's run of a file that did not change.
 * Prints BENCH lines on stdout, progress on stderr. */

static const char *
pick (GRand             *rand,
      const char *const *list)
{
  guint n = g_strv_length ((char **) list);

  return list[g_rand_int_range (rand, 0, n)];
}

/* A roster as a student information system exports it. */
static guint
write_roster (const char *path,
              guint       n_rows,
              GError    **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  const PlDemoLanguageNames *languages;
  const PlDemoSchool *schools;
  const char *const *streets = pl_demo_names_streets ();
  guint n_languages, n_schools, rows = 0, family = 0;
  const char *header[] = {
    "Student ID", "Student Last Name", "Student First Name", "Grade Level", "School Code",
    "Guardian Name", "Relationship", "Home Phone", "Cell Phone", "Home Language", "EL Status",
    "IEP", "Address", "City", "Zip", "Date of Birth",
  };

  languages = pl_demo_names_get_languages (&n_languages);
  schools = pl_demo_names_get_schools (&n_schools);
  pl_csv_append_record (out, header, G_N_ELEMENTS (header));

  while (rows < n_rows)
    {
      const PlDemoLanguageNames *language = &languages[g_rand_int_range (rand, 0, n_languages)];
      const char *surname = pick (rand, language->family);
      g_autofree char *guardian = g_strdup_printf ("%s %s", pick (rand, language->given_female), surname);
      g_autofree char *phone = g_strdup_printf ("(413) %03u-%04u", 200 + family / 10000, family % 10000);
      g_autofree char *cell = g_strdup_printf ("413-%03u-%04u", 600 + family / 10000, family % 10000);
      g_autofree char *address = g_strdup_printf ("%u %s", 1 + g_rand_int_range (rand, 0, 400),
                                                  pick (rand, streets));
      g_autofree char *zip = g_strdup_printf ("011%02d", g_rand_int_range (rand, 1, 20));
      guint children = 1 + g_rand_int_range (rand, 0, 3);

      for (guint c = 0; c < children && rows < n_rows; c++, rows++)
        {
          const PlDemoSchool *school = &schools[g_rand_int_range (rand, 0, n_schools)];
          int grade = g_rand_int_range (rand, MAX (school->grade_low, 0), school->grade_high + 1);
          g_autofree char *id = g_strdup_printf ("%07u", 1000000 + rows);
          g_autofree char *grade_text = g_strdup_printf ("%02d", grade);
          g_autofree char *birth = g_strdup_printf ("%u/%u/%u", 1 + g_rand_int_range (rand, 0, 12),
                                                    1 + g_rand_int_range (rand, 0, 28), 2019 - grade);
          const char *values[] = {
            id, surname,
            pick (rand, g_rand_boolean (rand) ? language->given_female : language->given_male),
            grade == 0 ? "K" : grade_text, school->code, guardian, "Mother", phone,
            g_rand_boolean (rand) ? cell : "", language->code, g_rand_boolean (rand) ? "Y" : "N",
            g_rand_int_range (rand, 0, 10) == 0 ? "Y" : "N", address, pl_demo_names_city (), zip,
            birth,
          };

          pl_csv_append_record (out, values, G_N_ELEMENTS (values));
        }
      family++;
    }

  if (!g_file_set_contents (path, out->str, out->len, error))
    return 0;
  return family;
}

static gboolean
add_schools (PlStore  *store,
             GError  **error)
{
  const PlDemoSchool *schools;
  guint n_schools;

  schools = pl_demo_names_get_schools (&n_schools);
  for (guint i = 0; i < n_schools; i++)
    {
      g_autoptr(PlSchool) school = pl_school_new ();

      pl_school_set_name (school, schools[i].name);
      pl_school_set_code (school, schools[i].code);
      pl_school_set_grades (school, schools[i].grade_low, schools[i].grade_high);
      if (!pl_store_save_school (store, school, error))
        return FALSE;
    }
  return TRUE;
}

static double
timed_import (PlStore         *store,
              const char      *csv,
              PlRosterCounts  *counts,
              GError         **error)
{
  g_autoptr(PlRosterImport) import = pl_roster_import_new (csv);
  gint64 start = g_get_monotonic_time ();

  /* Reading the file is part of the import a person waits for. */
  if (!pl_roster_import_run (import, store, NULL, NULL, NULL, error))
    return -1;
  *counts = *pl_roster_import_get_counts (import);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *db = NULL;
  PlRosterCounts counts;
  int rows = 40000;
  double seconds;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "A folder for the roster and the database", "DIR" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Rows in the roster (default 40000)", "N" },
    { NULL },
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL || rows < 1)
    {
      g_printerr ("usage: pl-bench-roster --dir DIR [--rows N]\n");
      return 2;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("pl-bench-roster: cannot create %s\n", dir);
      return 1;
    }

  csv = g_build_filename (dir, "roster.csv", NULL);
  db = g_build_filename (dir, "roster.db", NULL);
  g_unlink (db);

  g_printerr ("roster: writing %d rows\n", rows);
  if (write_roster (csv, rows, &error) == 0 ||
      (store = pl_store_open (db, &error)) == NULL ||
      !add_schools (store, &error))
    {
      g_printerr ("pl-bench-roster: %s\n", error->message);
      return 1;
    }

  g_printerr ("roster: importing into a fresh database\n");
  seconds = timed_import (store, csv, &counts, &error);
  if (seconds < 0)
    {
      g_printerr ("pl-bench-roster: %s\n", error->message);
      return 1;
    }
  g_printerr ("roster: %u families, %u students added in %.2f s\n", counts.families_added,
              counts.students_added, seconds);
  if (counts.students_added != (guint) rows)
    {
      g_printerr ("pl-bench-roster: expected %d students, got %u\n", rows, counts.students_added);
      return 1;
    }
  g_print ("BENCH roster_import_rows_per_s %.0f rows/s\n", rows / seconds);

  g_printerr ("roster: importing the same file again\n");
  seconds = timed_import (store, csv, &counts, &error);
  if (seconds < 0)
    {
      g_printerr ("pl-bench-roster: %s\n", error->message);
      return 1;
    }
  if (counts.students_unchanged != (guint) rows)
    {
      g_printerr ("pl-bench-roster: expected %d unchanged students, got %u\n", rows,
                  counts.students_unchanged);
      return 1;
    }
  g_print ("BENCH roster_reimport_rows_per_s %.0f rows/s\n", rows / seconds);
  return 0;
}
