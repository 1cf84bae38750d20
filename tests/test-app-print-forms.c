/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-print-forms-dialog-private.h"
#include "pl-test-app.h"
#include "pl-test-survey.h"

/* The Print Forms dialog on a real database, shown on screen: a person
 * picks the school, language, count and paper, saves, and gets the PDF. */

typedef struct
{
  char               *dir;
  char               *db_path;
  PlStore            *store;
  PlSurvey           *survey;
  PlSchool           *school;
  PlPrintFormsDialog *dialog;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSchool) uncoded = pl_school_new ();

  fixture->dir = pl_test_app_make_dir ("porchlight-print-XXXXXX", &fixture->db_path);
  fixture->store = pl_test_app_open_store (fixture->db_path);

  fixture->school = pl_school_new ();
  pl_school_set_name (fixture->school, "Riverside Elementary School");
  pl_school_set_code (fixture->school, "0153");
  g_assert_true (pl_store_save_school (fixture->store, fixture->school, &error));
  /* A school without a code cannot be in a form code: not offered. */
  pl_school_set_name (uncoded, "Annex");
  g_assert_true (pl_store_save_school (fixture->store, uncoded, &error));

  fixture->survey = pl_test_make_survey ();
  /* Vietnamese has its title and scale labels, and nothing else yet. */
  pl_survey_add_language (fixture->survey, "vi");
  pl_survey_set_text (fixture->survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (fixture->survey),
                      "title", "vi", "Khảo sát Gia đình 2026");
  g_assert_true (pl_store_save_survey (fixture->store, fixture->survey, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->dialog != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
      pl_test_iterate ();
    }
  g_clear_object (&fixture->dialog);
  g_clear_object (&fixture->survey);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
}

static void
show_dialog (Fixture *fixture)
{
  fixture->dialog = g_object_ref_sink (pl_print_forms_dialog_new (fixture->store, fixture->survey,
                                                                  NULL));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->dialog)));
  pl_test_iterate ();
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  const char *pages;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "forms.pdf", NULL);
  g_autoptr(GError) error = NULL;
  const char *done;
  guint per_form;

  show_dialog (fixture);
  g_assert_cmpstr (_pl_print_forms_dialog_get_page (fixture->dialog), ==, "form");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->dialog)));

  /* How much of a language is translated shows before choosing it. */
  _pl_print_forms_dialog_select (fixture->dialog, NULL, "vi", 0, PL_PAPER_LETTER);
  g_assert_nonnull (strstr (_pl_print_forms_dialog_get_language_state (fixture->dialog),
                            "not translated: they print in English"));
  _pl_print_forms_dialog_select (fixture->dialog, NULL, "so", 0, PL_PAPER_LETTER);
  g_assert_cmpstr (_pl_print_forms_dialog_get_language_state (fixture->dialog), ==,
                   "All texts translated");

  _pl_print_forms_dialog_select (fixture->dialog, pl_school_get_id (fixture->school), "so", 4,
                                 PL_PAPER_A4);
  pl_test_iterate ();
  per_form = pl_survey_print_count_pages (fixture->survey, "so", "0153", PL_PAPER_A4, &error);
  g_assert_no_error (error);
  /* The pages are said before anything is printed. */
  {
    g_autofree char *expected = g_strdup_printf ("%u pages in all", 4 * per_form);

    g_assert_nonnull (strstr (_pl_print_forms_dialog_get_summary (fixture->dialog), expected));
  }

  _pl_print_forms_dialog_print_to (fixture->dialog, pdf);
  WAIT_UNTIL (g_strcmp0 (_pl_print_forms_dialog_get_page (fixture->dialog), "done") == 0);
  done = _pl_print_forms_dialog_get_done_text (fixture->dialog);
  g_assert_nonnull (strstr (done, "4 forms"));
  /* The codes as printed, never broken across lines (word joiners). */
  g_assert_nonnull (strstr (done, "S3-\u20600153-\u206000001"));
  g_assert_nonnull (strstr (done, "S3-\u20600153-\u206000004"));
  g_assert_nonnull (strstr (done, "forms.pdf"));
  g_assert_cmpuint (pdf_pages (pdf), ==, 4 * per_form);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "many.pdf", NULL);

  show_dialog (fixture);
  _pl_print_forms_dialog_select (fixture->dialog, pl_school_get_id (fixture->school), "ar", 5000,
                                 PL_PAPER_LETTER);
  _pl_print_forms_dialog_print_to (fixture->dialog, pdf);
  g_assert_cmpstr (_pl_print_forms_dialog_get_page (fixture->dialog), ==, "progress");
  /* Escape, as a person would. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "print.cancel", NULL);
  WAIT_UNTIL (g_strcmp0 (_pl_print_forms_dialog_get_page (fixture->dialog), "form") == 0);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  /* Still open, ready to print again. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "missing", "forms.pdf", NULL);

  show_dialog (fixture);
  _pl_print_forms_dialog_select (fixture->dialog, NULL, "en", 2, PL_PAPER_LETTER);
  _pl_print_forms_dialog_print_to (fixture->dialog, pdf);
  WAIT_UNTIL (g_strcmp0 (_pl_print_forms_dialog_get_page (fixture->dialog), "form") == 0);
  /* Back at the choices, saying what went wrong with which file. */
  g_assert_nonnull (strstr (_pl_print_forms_dialog_get_summary (fixture->dialog), pdf));
}

int
main (int    argc,
      char **argv)
{
  char *state_dir = pl_test_app_init (&argc, &argv);

  g_test_add ("/app-print-forms/print", Fixture, NULL, fixture_setup, test_print, fixture_teardown);
  g_test_add ("/app-print-forms/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/app-print-forms/unwritable", Fixture, NULL, fixture_setup, test_unwritable,
              fixture_teardown);
  return pl_test_app_run (state_dir);
}
