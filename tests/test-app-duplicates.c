/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "pl-core.h"
#include "pl-duplicates-page-private.h"
#include "pl-families-page-private.h"
#include "pl-window-private.h"

/* The Possible Duplicates window, opened from the Families menu of a real
 * PlWindow on a real database, driven through the actions its buttons use. */

#define WAIT_SECONDS 15

#include "pl-test-app.h"

typedef struct
{
  char             *dir;
  PlStore          *store;
  char             *mohamed_id;
  char             *mohamed_ali_id;
  char             *brown_id;
  PlWindow         *window;
  GtkWindow        *duplicates_window;
  PlDuplicatesPage *page;
} Fixture;

static char *
add_family (PlStore    *store,
            const char *household,
            const char *guardian_name,
            const char *phone,
            const char *student_name)
{
  g_autoptr(PlFamily) family = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlStudent) student = pl_student_new ();
  g_autoptr(GError) error = NULL;

  pl_family_set_household_name (family, household);
  pl_guardian_set_full_name (guardian, guardian_name);
  pl_guardian_set_phone (guardian, phone);
  g_list_store_append (pl_family_get_guardians (family), guardian);
  pl_student_set_full_name (student, student_name);
  pl_student_set_grade (student, 2);
  g_list_store_append (pl_family_get_students (family), student);
  pl_store_save_family (store, family, &error);
  g_assert_no_error (error);
  return g_strdup (pl_family_get_id (family));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = pl_test_app_make_dir ("porchlight-app-XXXXXX", &path);
  fixture->store = pl_test_app_open_store (path);

  fixture->mohamed_id = add_family (fixture->store, "Mohamed", "Hodan Mohamed", "(413) 555-0123",
                                    "Ayaan Mohamed");
  fixture->mohamed_ali_id = add_family (fixture->store, "Mohamed Ali", "Hodan Mohamed",
                                        "413-555-0123", "Farah Ali");
  fixture->brown_id = add_family (fixture->store, "Brown", "Kevin Brown", "(413) 555-0500",
                                  "Ella Brown");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  pl_test_iterate ();
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->mohamed_id);
  g_free (fixture->mohamed_ali_id);
  g_free (fixture->brown_id);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

static const char *
state (Fixture *fixture)
{
  return _pl_duplicates_page_get_state (fixture->page);
}

/* Opens the main window, then Possible Duplicates from its Families menu,
 * and waits for the search to end. */
static void
open_duplicates (Fixture *fixture)
{
  PlFamiliesPage *families;

  fixture->window = pl_test_app_show_window (pl_window_new_for_store (NULL, fixture->store));

  families = _pl_window_get_families_page (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (families), "families.find-duplicates",
                                             NULL));
  fixture->duplicates_window = g_object_get_data (G_OBJECT (fixture->window),
                                                  "pl-duplicates-window");
  g_assert_nonnull (fixture->duplicates_window);
  g_assert_true (gtk_window_get_transient_for (fixture->duplicates_window) ==
                 GTK_WINDOW (fixture->window));
  fixture->page = PL_DUPLICATES_PAGE (adw_window_get_content (ADW_WINDOW (fixture->duplicates_window)));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
  WAIT_UNTIL (g_strcmp0 (state (fixture), "loading") != 0);
}

static AdwMessageDialog *
find_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

static gboolean
family_exists (Fixture    *fixture,
               const char *id)
{
  g_autoptr(PlFamily) family = pl_store_load_family (fixture->store, id, NULL);

  return family != NULL;
}

/* Words a person reads somewhere in a widget tree. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strstr_len (gtk_label_get_text (GTK_LABEL (widget)), -1, text))
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_lists_and_compares (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *columns;

  open_duplicates (fixture);
  g_assert_cmpstr (state (fixture), ==, "list");
  g_assert_cmpuint (_pl_duplicates_page_get_n_pairs (fixture->page), ==, 1);

  /* The first pair is on show at once: why, and both families side by side. */
  g_assert_true (shows_text (GTK_WIDGET (fixture->page), "Same phone: (413) 555-0123"));
  columns = _pl_duplicates_page_get_columns (fixture->page);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (columns)), ==,
                   GTK_ORIENTATION_HORIZONTAL);
  g_assert_true (shows_text (columns, "Mohamed Ali"));
  g_assert_true (shows_text (columns, "Ayaan Mohamed"));
  g_assert_true (shows_text (columns, "Farah Ali"));
  g_assert_true (shows_text (columns, "Same Phone"));
  g_assert_false (shows_text (columns, "Kevin Brown"));

  /* The menu brings the same window forward rather than a second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (_pl_window_get_families_page (fixture->window)),
                                             "families.find-duplicates", NULL));
  g_assert_true (g_object_get_data (G_OBJECT (fixture->window), "pl-duplicates-window") ==
                 fixture->duplicates_window);
}

static void
test_merge_confirm_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwMessageDialog *dialog;
  guint n_families;

  open_duplicates (fixture);
  n_families = g_list_model_get_n_items (
    G_LIST_MODEL (pl_families_page_get_families (_pl_window_get_families_page (fixture->window))));
  g_assert_cmpuint (n_families, ==, 3);

  /* Cancelling the question changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "duplicates.merge-into",
                                             "s", fixture->mohamed_id));
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_true (g_strstr_len (adw_message_dialog_get_heading (dialog), -1, "Mohamed"));
  adw_message_dialog_response (dialog, "cancel");
  pl_test_iterate ();
  g_assert_true (family_exists (fixture, fixture->mohamed_ali_id));
  g_assert_cmpuint (_pl_duplicates_page_get_n_pairs (fixture->page), ==, 1);

  /* Merging: the pair leaves the list, the family leaves the directory. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "duplicates.merge-into",
                                             "s", fixture->mohamed_id));
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "merge");
  pl_test_iterate ();
  g_assert_false (family_exists (fixture, fixture->mohamed_ali_id));
  g_assert_true (family_exists (fixture, fixture->mohamed_id));
  {
    g_autoptr(PlFamily) kept = pl_store_load_family (fixture->store, fixture->mohamed_id, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (kept))), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (kept))), ==, 2);
  }
  g_assert_cmpuint (_pl_duplicates_page_get_n_pairs (fixture->page), ==, 0);
  g_assert_cmpstr (state (fixture), ==, "empty");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (pl_families_page_get_families (
                _pl_window_get_families_page (fixture->window)))) == 2);

  /* Undo brings the family back, and the pair with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "duplicates.undo-merge",
                                             "s", fixture->mohamed_ali_id));
  WAIT_UNTIL (_pl_duplicates_page_get_n_pairs (fixture->page) == 1 &&
              g_strcmp0 (state (fixture), "list") == 0);
  g_assert_true (family_exists (fixture, fixture->mohamed_ali_id));
  {
    g_autoptr(PlFamily) kept = pl_store_load_family (fixture->store, fixture->mohamed_id, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (kept))), ==, 1);
  }
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (pl_families_page_get_families (
                _pl_window_get_families_page (fixture->window)))) == 3);
}

static void
test_not_duplicates (Fixture       *fixture,
                     gconstpointer  data)
{
  open_duplicates (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "duplicates.dismiss",
                                             NULL));
  g_assert_cmpuint (_pl_duplicates_page_get_n_pairs (fixture->page), ==, 0);
  g_assert_cmpstr (state (fixture), ==, "empty");
  g_assert_true (pl_duplicates_is_dismissed (fixture->store, fixture->mohamed_id,
                                             fixture->mohamed_ali_id, NULL));
  /* Both families stay as they were. */
  g_assert_true (family_exists (fixture, fixture->mohamed_ali_id));

  /* Looking again does not offer the pair. */
  pl_duplicates_page_refresh (fixture->page);
  WAIT_UNTIL (g_strcmp0 (state (fixture), "loading") != 0);
  g_assert_cmpstr (state (fixture), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "duplicates.undo-dismiss",
                                             "(ss)", fixture->mohamed_id, fixture->mohamed_ali_id));
  WAIT_UNTIL (g_strcmp0 (state (fixture), "list") == 0);
  g_assert_cmpuint (_pl_duplicates_page_get_n_pairs (fixture->page), ==, 1);
  g_assert_false (pl_duplicates_is_dismissed (fixture->store, fixture->mohamed_id,
                                              fixture->mohamed_ali_id, NULL));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = pl_duplicates_page_new (fixture->store);
  GtkWidget *columns;

  /* A phone-sized window: one pane at a time, one family above the other. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  fixture->page = PL_DUPLICATES_PAGE (page);
  WAIT_UNTIL (gtk_widget_get_mapped (page));
  WAIT_UNTIL (g_strcmp0 (state (fixture), "list") == 0);
  pl_test_iterate ();
  columns = _pl_duplicates_page_get_columns (fixture->page);
  WAIT_UNTIL (gtk_widget_get_width (page) > 0);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (columns)), ==,
                   GTK_ORIENTATION_VERTICAL);
  g_assert_cmpint (gtk_widget_get_width (page), <=, 400);
}

int
main (int   argc,
      char *argv[])
{
  char *state_dir = pl_test_app_init (&argc, &argv);

  g_test_add ("/app/duplicates/lists-and-compares", Fixture, NULL,
              fixture_setup, test_lists_and_compares, fixture_teardown);
  g_test_add ("/app/duplicates/merge-confirm-undo", Fixture, NULL,
              fixture_setup, test_merge_confirm_undo, fixture_teardown);
  g_test_add ("/app/duplicates/not-duplicates", Fixture, NULL,
              fixture_setup, test_not_duplicates, fixture_teardown);
  g_test_add ("/app/duplicates/narrow", Fixture, NULL,
              fixture_setup, test_narrow, fixture_teardown);

  return pl_test_app_run (state_dir);
}
