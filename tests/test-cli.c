/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"
#include "pl-test-util.h"

/* Runs the real porchlight-cli binary, as an admin's script would. */
static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PORCHLIGHT_CLI");
  const char *arg;
  int status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_demo_search_show (PlTestDir     *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "cli.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *shown = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "demo", "--families", "300",
                            "--seed", "5", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "search", "a", NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 0);
  /* ID<TAB>household name */
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_true (g_uuid_string_is_valid (fields[0]));

  g_assert_cmpint (run_cli (&shown, &err, "--database", path, "family", "show", fields[0], NULL), ==, 0);
  g_assert_true (g_str_has_prefix (shown, fields[1]));
  g_assert_nonnull (strstr (shown, "Guardian: "));
  g_assert_nonnull (strstr (shown, "Student: "));
}

static void
test_errors (PlTestDir     *fixture,
             gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "errors.db");
  g_autofree char *letter = pl_test_dir_file (fixture, "letter.txt");
  char *out = NULL, *err = NULL;

  /* Usage errors exit 2 */
  g_assert_cmpint (run_cli (&out, &err, NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "dance", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "dance"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "search", NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "demo", "--families", "many", NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* Bad input exits 1 with a message naming the problem */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "family", "show", "nope", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No family"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (letter, "Dear council, this is not a database at all. "
                                      "It is a letter with enough words in it to fill a header.",
                                      -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "--database", letter, "search", "x", NULL), ==, 1);
  g_assert_nonnull (strstr (err, letter));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "demo", "--families", "0", NULL), ==, 1);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
}

static void
test_editing (PlTestDir     *fixture,
              gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "edit.db");
  g_autofree char *school_id = NULL;
  g_autofree char *family_id = NULL;
  g_autofree char *shown = NULL;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "school", "add", "Brightwood Elementary",
                            "--code", "BRW", "--grades", "PK-5", NULL), ==, 0);
  school_id = g_strstrip (g_steal_pointer (&out));
  g_assert_true (g_uuid_string_is_valid (school_id));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "family", "add", "Nguyễn", "--language", "vi",
                            "--guardian", "Nguyễn Thị Hương", "--phone", "413 555 0199",
                            "--student", "Nguyễn Minh", "--school", "BRW", "--grade", "K", NULL), ==, 0);
  family_id = g_strstrip (g_steal_pointer (&out));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "family", "edit", family_id,
                            "notes=Prefers mornings", "guardian.1.phone=(413) 555-0123",
                            "guardian.1.needs_interpreter=yes", "student.1.grade=1", NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&shown, &err, "--database", path, "family", "show", family_id, NULL), ==, 0);
  g_assert_nonnull (strstr (shown, "Notes: Prefers mornings"));
  g_assert_nonnull (strstr (shown, "Phone: (413) 555-0123"));
  g_assert_nonnull (strstr (shown, "Needs an interpreter: yes"));
  g_assert_nonnull (strstr (shown, "School: Brightwood Elementary"));
  g_assert_nonnull (strstr (shown, "Grade: 1"));
  g_clear_pointer (&err, g_free);

  /* Bad edits are refused by name, and change nothing. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "family", "edit", family_id,
                            "notes=Changed", "guardian.1.phone=555", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "555"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "family", "edit", family_id,
                            "shoe_size=9", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "shoe_size"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "family", "edit", family_id,
                            "student.3.grade=2", NULL), ==, 1);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "school", "add", "Nowhere", "--code", "NW",
                            "--grades", "7-3", NULL), ==, 1);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "family", "add", "X", "--student", "Y",
                            "--school", "NOPE", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "NOPE"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_free (shown);
  g_assert_cmpint (run_cli (&shown, &err, "--database", path, "family", "show", family_id, NULL), ==, 0);
  g_assert_nonnull (strstr (shown, "Notes: Prefers mornings"));
  g_free (err);
}

static void
test_import_roster (PlTestDir     *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "roster.db");
  g_autofree char *roster = pl_test_dir_file (fixture, "roster.csv");
  g_autofree char *rejects = pl_test_dir_file (fixture, "roster-rejected.csv");
  g_autofree char *pupils = pl_test_dir_file (fixture, "pupils.csv");
  g_autofree char *rejected = NULL;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "school", "add", "Brightwood Elementary",
                            "--code", "BRW", NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (roster,
                                      "\xEF\xBB\xBFStudent ID,Student Name,Grade,School,Guardian Name,Phone\r\n"
                                      "1001,\"García, Ana\",3,BRW,María García,413-555-0101\r\n"
                                      "1002,Luis García,13,BRW,María García,413-555-0101\r\n"
                                      "1003,\"García, Sofía\",PK,BRW,María García,413-555-0101\r\n",
                                      -1, NULL));

  /* One bad row: nothing is imported, the row is named by line and reason. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", roster, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "line 3: Grade: “13”"));
  g_assert_nonnull (strstr (err, "nothing was imported"));
  g_assert_nonnull (strstr (err, "--skip-invalid"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "search", "garcia", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* A dry run counts and writes nothing, not even the rejected rows. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", roster, "--skip-invalid",
                            "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Checked only"));
  g_assert_nonnull (strstr (out, "Families added: 1"));
  g_assert_nonnull (strstr (out, "Students added: 2"));
  g_assert_false (g_file_test (rejects, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "search", "garcia", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* Skipping: the valid rows go in, the bad one lands beside the roster. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", roster, "--skip-invalid",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Read 3 rows"));
  g_assert_nonnull (strstr (out, "Families added: 1"));
  g_assert_nonnull (strstr (out, "Students added: 2"));
  g_assert_nonnull (strstr (out, "Rows rejected: 1"));
  g_assert_nonnull (strstr (out, rejects));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (rejects, &rejected, NULL, NULL));
  g_assert_nonnull (strstr (rejected, "Student ID,Student Name,Grade,School,Guardian Name,Phone,line,reason\r\n"));
  g_assert_nonnull (strstr (rejected, "1002,Luis García,13,BRW,María García,413-555-0101,3,"));
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "search", "sofia", NULL), ==, 0);
  g_assert_cmpuint (strlen (out), >, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* The same file again changes nothing. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", roster, "--skip-invalid",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Students unchanged: 2"));
  g_assert_nonnull (strstr (out, "Families updated: 0"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* Headers nobody recognizes: say which column is which with --map. */
  g_assert_true (g_file_set_contents (pupils, "Pupil Ref,Pupil,Year\n77,Ola Kowalski,5\n", -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", pupils, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "student ID"));
  g_assert_nonnull (strstr (err, "“Pupil Ref”"));
  g_assert_nonnull (strstr (err, "--map"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", pupils,
                            "--map", "Pupil Ref=student_id", "--map", "pupil=student_name",
                            "--map", "YEAR=grade", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Students added: 1"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "search", "kowalski", NULL), ==, 0);
  g_assert_cmpuint (strlen (out), >, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* Usage errors exit 2, a file that is not there 1. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", pupils, "--map", "Year",
                            NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "import-roster", "no-such.csv", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no-such.csv"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
}

/* Surveys as XLSForm CSV: list, export, import again, and what a broken
 * file says. */
static void
test_surveys (PlTestDir     *fixture,
              gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "surveys.db");
  g_autofree char *folder = pl_test_dir_file (fixture, "export");
  g_autofree char *survey_csv = g_build_filename (folder, "survey.csv", NULL);
  g_autofree char *choices_csv = g_build_filename (folder, "choices.csv", NULL);
  g_autofree char *settings_csv = g_build_filename (folder, "settings.csv", NULL);
  g_autofree char *broken = pl_test_dir_file (fixture, "broken.csv");
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *id = NULL;
  g_autofree char *contents = NULL;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "demo", "--families", "20", NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* ID, number, version, status, term, languages, title; the demo has a
   * version a term for five years, the newest (open) first. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "list", NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 10);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 7);
  g_assert_true (g_uuid_string_is_valid (fields[0]));
  g_assert_cmpstr (fields[1], ==, "S1");
  g_assert_cmpstr (fields[3], ==, "open");
  g_assert_cmpstr (fields[5], ==, "en,es,vi,ar,ne,so,pt,ht");
  g_assert_cmpstr (fields[6], ==, "Family Satisfaction Survey");
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "export", fields[0], folder,
                            NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (survey_csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "type,name,label::English (en),label::Español (es)"));

  /* Imported again: a second survey, a draft with the next number. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "import", survey_csv,
                            choices_csv, settings_csv, NULL), ==, 0);
  id = g_strdup (g_strchomp (out));
  g_assert_true (g_uuid_string_is_valid (id));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, id));
  g_assert_nonnull (strstr (out, "\tS2\t1\tdraft\t"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* A broken file: exit 1, the message names the file, line and column,
   * and nothing is added. */
  g_assert_true (g_file_set_contents (broken, "type,name,label\ntext,q1,Hello\nnote,q2,Hi\n", -1,
                                      NULL));
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "import", broken,
                            choices_csv, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“broken.csv”, line 3, column A (type)"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "list", NULL), ==, 0);
  g_strfreev (lines);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 11);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* Unknown survey: exit 1; wrong arguments: usage, exit 2. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "export", "no-such-id",
                            folder, NULL), ==, 1);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "survey", "import", survey_csv, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "survey import"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, PlTestDir, NULL, pl_test_dir_setup, func, pl_test_dir_teardown)
  ADD ("/cli/demo-search-show", test_demo_search_show);
  ADD ("/cli/errors", test_errors);
  ADD ("/cli/editing", test_editing);
  ADD ("/cli/import-roster", test_import_roster);
  ADD ("/cli/surveys", test_surveys);
#undef ADD
  return g_test_run ();
}
