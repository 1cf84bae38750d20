/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pl-core.h"
#include "pl-import-dialog-private.h"
#include "pl-test-util.h"
#include "pl-window-private.h"

/* The Import Roster dialog on a real database, used the way a person would:
 * a file, a column to say what it holds, a language to choose, Check, then
 * Import; and a file with a bad row, imported all or nothing, then the
 * valid rows only. */

#define WAIT_SECONDS 30

#include "pl-test-app.h"

typedef struct
{
  char           *dir;
  PlStore        *store;
  PlImportDialog *dialog;
  PlWindow       *window;
} Fixture;

static void
add_school (PlStore    *store,
            const char *name,
            const char *code)
{
  g_autoptr(PlSchool) school = pl_school_new ();
  g_autoptr(GError) error = NULL;

  pl_school_set_name (school, name);
  pl_school_set_code (school, code);
  pl_school_set_grades (school, PL_GRADE_PK, 8);
  pl_store_save_school (store, school, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = pl_test_app_make_dir ("porchlight-app-import-XXXXXX", &path);
  fixture->store = pl_test_app_open_store (path);
  add_school (fixture->store, "Brightwood Elementary School", "BRW");
  add_school (fixture->store, "Kiley Middle School", "KIL");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  pl_test_iterate ();
  g_clear_object (&fixture->dialog);
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->store);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static void
open_dialog (Fixture    *fixture,
             const char *name,
             const char *csv)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  fixture->dialog = g_object_ref_sink (pl_import_dialog_new (NULL, fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->dialog)));
  g_assert_cmpstr (_pl_import_dialog_get_page (fixture->dialog), ==, "start");

  pl_import_dialog_open_file (fixture->dialog, file);
  WAIT_UNTIL (g_strcmp0 (_pl_import_dialog_get_page (fixture->dialog), "preview") == 0);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), action, NULL));
}

static gint64
families (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pl_store_count_families (fixture->store, &error);

  g_assert_no_error (error);
  return n;
}

static void
wait_for_report (Fixture *fixture)
{
  WAIT_UNTIL (g_strcmp0 (_pl_import_dialog_get_page (fixture->dialog), "report") == 0);
  pl_test_iterate ();
}

static void
test_map_check_import (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *import_button;
  AdwComboRow *pupil_row;
  AdwComboRow *language_row;
  g_auto(GStrv) found = NULL;
  g_autoptr(PlFamily) lopes = NULL;

  open_dialog (fixture, "roster.csv",
               "Pupil Ref,Student Name,Grade Level,School,Guardian Name,Phone,Home Language,Homeroom\r\n"
               "1001,\"García, Ana\",3,BRW,María García,413-555-0101,Spanish,3B\r\n"
               "1002,\"García, Luis\",K,BRW,María García,413-555-0101,Spanish,KA\r\n"
               "1003,\"Lopes, Rui\",6,KIL,Ana Lopes,413-555-0310,Cape Verdean Creole,6D\r\n");
  import_button = _pl_import_dialog_get_import_button (fixture->dialog);

  /* Nothing says which column holds the student ID: the dialog says so and
   * will not import. */
  g_assert_true (_pl_import_dialog_column_is_unknown (fixture->dialog, "Pupil Ref"));
  g_assert_true (_pl_import_dialog_column_is_unknown (fixture->dialog, "Homeroom"));
  g_assert_false (_pl_import_dialog_column_is_unknown (fixture->dialog, "Grade Level"));
  g_assert_nonnull (_pl_import_dialog_get_columns_problem (fixture->dialog));
  g_assert_false (gtk_widget_get_sensitive (import_button));

  /* The person says what the column holds. */
  pupil_row = _pl_import_dialog_get_column_row (fixture->dialog, "Pupil Ref");
  g_assert_nonnull (pupil_row);
  g_assert_cmpuint (adw_combo_row_get_selected (pupil_row), ==, PL_ROSTER_FIELD_IGNORE);
  adw_combo_row_set_selected (pupil_row, PL_ROSTER_FIELD_STUDENT_ID);
  pl_test_iterate ();
  g_assert_null (_pl_import_dialog_get_columns_problem (fixture->dialog));
  g_assert_true (gtk_widget_get_sensitive (import_button));
  g_assert_cmpuint (adw_combo_row_get_selected (_pl_import_dialog_get_column_row (fixture->dialog,
                                                                                  "Grade Level")),
                    ==, PL_ROSTER_FIELD_GRADE);

  /* A language Porchlight does not know is asked about. */
  language_row = _pl_import_dialog_get_language_row (fixture->dialog, "Cape Verdean Creole");
  g_assert_nonnull (language_row);
  g_assert_null (_pl_import_dialog_get_language_row (fixture->dialog, "Spanish"));
  adw_combo_row_set_selected (language_row, _pl_import_dialog_language_position ("pt"));

  /* Check Only counts and saves nothing. */
  activate (fixture, "import.check");
  wait_for_report (fixture);
  g_assert_cmpstr (_pl_import_dialog_get_report_title (fixture->dialog), ==, "Check Complete");
  g_assert_cmpuint (pl_roster_import_get_counts (_pl_import_dialog_get_import (fixture->dialog))->families_added,
                    ==, 2);
  g_assert_cmpint (families (fixture), ==, 0);
  g_assert_true (gtk_widget_get_visible (import_button));

  /* Then the import itself. */
  activate (fixture, "import.start");
  wait_for_report (fixture);
  g_assert_cmpstr (_pl_import_dialog_get_report_title (fixture->dialog), ==, "Roster Imported");
  g_assert_cmpint (families (fixture), ==, 2);
  g_assert_false (_pl_import_dialog_get_rejects_shown (fixture->dialog));

  found = pl_store_search_families (fixture->store, "lopes", 10, NULL);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  lopes = pl_store_load_family (fixture->store, found[0], NULL);
  g_assert_cmpstr (pl_family_get_home_language (lopes), ==, "pt");
}

static void
test_invalid_then_valid_rows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *rejects = g_build_filename (fixture->dir, "bad-rejected.csv", NULL);

  open_dialog (fixture, "bad.csv",
               "Student ID,Student Name,Grade,School\r\n"
               "2001,Ana Ruiz,3,BRW\r\n"
               "2002,Ben Ruiz,13,BRW\r\n"
               "2003,Eva Diaz,4,Nowhere High\r\n");
  g_assert_false (gtk_switch_get_active (_pl_import_dialog_get_skip_switch (fixture->dialog)));

  /* All or nothing: nothing is imported, and the rows are named. */
  activate (fixture, "import.start");
  wait_for_report (fixture);
  g_assert_cmpstr (_pl_import_dialog_get_report_title (fixture->dialog), ==, "Nothing Imported");
  g_assert_cmpint (families (fixture), ==, 0);
  g_assert_cmpuint (pl_roster_import_get_n_rejected (_pl_import_dialog_get_import (fixture->dialog)), ==, 2);
  g_assert_false (g_file_test (rejects, G_FILE_TEST_EXISTS));

  /* The valid row goes in; the others are saved beside the roster. */
  activate (fixture, "import.import-valid");
  wait_for_report (fixture);
  g_assert_cmpstr (_pl_import_dialog_get_report_title (fixture->dialog), ==, "Roster Imported");
  g_assert_true (gtk_switch_get_active (_pl_import_dialog_get_skip_switch (fixture->dialog)));
  g_assert_cmpint (families (fixture), ==, 1);
  g_assert_true (_pl_import_dialog_get_rejects_shown (fixture->dialog));
  g_assert_true (g_file_test (rejects, G_FILE_TEST_EXISTS));

  /* Back to the columns, and the dialog closes with Done. */
  activate (fixture, "import.back");
  g_assert_cmpstr (_pl_import_dialog_get_page (fixture->dialog), ==, "preview");
}

static void
test_not_a_roster (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "workbook.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* A workbook saved with the wrong name: the start page says what to do. */
  g_assert_true (g_file_set_contents (path, "PK\x03\x04 not really a zip", 22, NULL));
  fixture->dialog = g_object_ref_sink (pl_import_dialog_new (NULL, fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  pl_import_dialog_open_file (fixture->dialog, file);
  WAIT_UNTIL (_pl_import_dialog_get_start_error (fixture->dialog) != NULL);
  g_assert_cmpstr (_pl_import_dialog_get_page (fixture->dialog), ==, "start");
  g_assert_nonnull (strstr (_pl_import_dialog_get_start_error (fixture->dialog), "CSV"));
  g_assert_cmpint (families (fixture), ==, 0);
}

static void
test_window_menu (Fixture       *fixture,
                  gconstpointer  data)
{
  PlImportDialog *dialog;

  fixture->window = pl_test_app_show_window (pl_window_new_for_store (NULL, fixture->store));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-roster", NULL));
  dialog = _pl_window_get_import_dialog (fixture->window);
  g_assert_nonnull (dialog);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_cmpstr (_pl_import_dialog_get_page (dialog), ==, "start");

  /* Asking again shows the same dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-roster", NULL));
  g_assert_true (_pl_window_get_import_dialog (fixture->window) == dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pl_test_iterate ();
  g_assert_null (_pl_window_get_import_dialog (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  char *state_dir = pl_test_app_init (&argc, &argv);

  g_test_add ("/app/import/map-check-import", Fixture, NULL, fixture_setup, test_map_check_import,
              fixture_teardown);
  g_test_add ("/app/import/invalid-then-valid-rows", Fixture, NULL, fixture_setup,
              test_invalid_then_valid_rows, fixture_teardown);
  g_test_add ("/app/import/not-a-roster", Fixture, NULL, fixture_setup, test_not_a_roster,
              fixture_teardown);
  g_test_add ("/app/import/window-menu", Fixture, NULL, fixture_setup, test_window_menu,
              fixture_teardown);

  return pl_test_app_run (state_dir);
}
