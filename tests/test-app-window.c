/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>

#include "pl-core.h"
#include "pl-families-page-private.h"
#include "pl-family-editor-private.h"
#include "pl-guardian-editor.h"
#include "pl-student-editor.h"
#include "pl-welcome-page-private.h"
#include "pl-window-private.h"

/* The real PlWindow on a real database in a temporary folder, driven the way
 * a person would: typing into the search entry, choosing from the list,
 * filling in the family form. */

#define WAIT_SECONDS 15

#include "pl-test-app.h"

typedef struct
{
  char     *dir;
  char     *path;
  PlStore  *store;
  PlSchool *lincoln;
  PlSchool *kiley;
  char     *nguyen_id;
  char     *rodriguez_id;
  char     *muhammad_id;
  PlWindow *window;
} Fixture;

static PlSchool *
add_school (PlStore    *store,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  PlSchool *school = pl_school_new ();

  pl_school_set_name (school, name);
  pl_school_set_grades (school, PL_GRADE_PK, 8);
  pl_store_save_school (store, school, &error);
  g_assert_no_error (error);

  return school;
}

static char *
add_family (PlStore    *store,
            const char *household,
            const char *guardian_name,
            const char *phone,
            const char *student_name,
            PlSchool   *school,
            const char *language)
{
  g_autoptr(PlFamily) family = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlStudent) student = pl_student_new ();
  g_autoptr(GError) error = NULL;

  pl_family_set_household_name (family, household);
  pl_family_set_home_language (family, language);
  pl_guardian_set_full_name (guardian, guardian_name);
  pl_guardian_set_relationship (guardian, pl_guardian_relationships ()[0]);
  pl_guardian_set_phone (guardian, phone);
  pl_guardian_set_preferred_language (guardian, language);
  g_list_store_append (pl_family_get_guardians (family), guardian);
  pl_student_set_full_name (student, student_name);
  pl_student_set_school_id (student, pl_school_get_id (school));
  pl_student_set_grade (student, 3);
  g_list_store_append (pl_family_get_students (family), student);

  pl_store_save_family (store, family, &error);
  g_assert_no_error (error);

  return g_strdup (pl_family_get_id (family));
}

static void
fixture_setup_empty (Fixture       *fixture,
                     gconstpointer  data)
{
  fixture->dir = pl_test_app_make_dir ("porchlight-app-XXXXXX", &fixture->path);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture_setup_empty (fixture, data);
  fixture->store = pl_test_app_open_store (fixture->path);

  fixture->lincoln = add_school (fixture->store, "Lincoln Elementary School");
  fixture->kiley = add_school (fixture->store, "Kiley Middle School");

  fixture->nguyen_id = add_family (fixture->store, "Nguyễn", "Nguyễn Thị Hương", "(413) 555-0199",
                                   "Trần Minh Anh", fixture->lincoln, "vi");
  fixture->rodriguez_id = add_family (fixture->store, "Rodríguez", "José Rodríguez", "413-555-0142",
                                      "Lucía Rodríguez", fixture->kiley, "es");
  fixture->muhammad_id = add_family (fixture->store, "مُحَمَّد", "مُحَمَّد عبد الله", "413 555 0117",
                                     "فاطمة مُحَمَّد", fixture->lincoln, "ar");
  g_free (add_family (fixture->store, "Abdi", "Faadumo Abdi", "4135550163",
                      "Cali Abdi", fixture->kiley, "so"));
}

static void
show_window (Fixture  *fixture,
             PlWindow *window)
{
  fixture->window = pl_test_app_show_window (window);
}

static void
show_window_for_store (Fixture *fixture)
{
  show_window (fixture, pl_window_new_for_store (NULL, fixture->store));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      PlFamilyEditor *editor = _pl_window_get_editor (fixture->window);

      if (editor != NULL)
        gtk_window_destroy (GTK_WINDOW (editor));
      pl_test_app_close_window (&fixture->window);
    }

  g_clear_object (&fixture->lincoln);
  g_clear_object (&fixture->kiley);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->nguyen_id, g_free);
  g_clear_pointer (&fixture->rodriguez_id, g_free);
  g_clear_pointer (&fixture->muhammad_id, g_free);

  pl_test_dir_remove (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

/* What the list shows: its model, as the list view holds it. */
static GListModel *
listed (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_list_view_get_model (_pl_window_get_list_view (fixture->window)));
}

static guint
n_listed (Fixture *fixture)
{
  return g_list_model_get_n_items (listed (fixture));
}

static char *
listed_name (Fixture *fixture,
             guint    position)
{
  g_autoptr(PlFamilySummary) summary = g_list_model_get_item (listed (fixture), position);

  g_assert_nonnull (summary);

  return g_strdup (pl_family_summary_get_household_name (summary));
}

static gboolean
first_listed_is (Fixture    *fixture,
                 const char *household)
{
  g_autofree char *name = NULL;

  if (n_listed (fixture) == 0)
    return FALSE;

  name = listed_name (fixture, 0);

  return g_strcmp0 (name, household) == 0;
}

static gboolean
searching_for (Fixture    *fixture,
               const char *text)
{
  PlFamiliesPage *page = _pl_window_get_families_page (fixture->window);
  const char *query = pl_family_list_get_query (pl_families_page_get_families (page));

  return g_strcmp0 (query != NULL ? query : "", text) == 0;
}

static void
type_search (Fixture    *fixture,
             const char *text)
{
  GtkEditable *entry = _pl_window_get_search_entry (fixture->window);

  gtk_editable_set_text (entry, text);
  /* The entry waits for a pause in typing before it searches. */
  WAIT_UNTIL (searching_for (fixture, text));
  pl_test_iterate ();
}

static void
select_family (Fixture    *fixture,
               const char *family_id)
{
  PlFamilyList *families = pl_families_page_get_families (_pl_window_get_families_page (fixture->window));
  int position = pl_family_list_find (families, family_id);

  g_assert_cmpint (position, >=, 0);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (listed (fixture)), position, TRUE);
  WAIT_UNTIL (g_strcmp0 (pl_family_page_get_family_id (_pl_window_get_family_page (fixture->window)),
                         family_id) == 0);
}

static PlFamilyEditor *
open_editor (Fixture    *fixture,
             const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  WAIT_UNTIL (_pl_window_get_editor (fixture->window) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (_pl_window_get_editor (fixture->window))));

  return _pl_window_get_editor (fixture->window);
}

static GtkEditable *
guardian_field (PlFamilyEditor *editor,
                guint           index,
                const char     *name)
{
  GtkWidget *guardian = _pl_family_editor_get_guardian_editor (editor, index);

  g_assert_nonnull (guardian);

  return GTK_EDITABLE (gtk_widget_get_template_child (guardian, PL_TYPE_GUARDIAN_EDITOR, name));
}

static void
test_lists_every_family (Fixture       *fixture,
                         gconstpointer  data)
{
  show_window_for_store (fixture);

  g_assert_cmpstr (_pl_window_get_page (fixture->window), ==, "directory");
  g_assert_cmpstr (_pl_window_get_families_state (fixture->window), ==, "list");
  g_assert_cmpuint (n_listed (fixture), ==, 4);
}

static void
test_search_without_accents (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *name = NULL;

  show_window_for_store (fixture);

  type_search (fixture, "nguyen");
  WAIT_UNTIL (n_listed (fixture) == 1);
  name = listed_name (fixture, 0);
  g_assert_cmpstr (name, ==, "Nguyễn");

  type_search (fixture, "jose");
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Rodríguez"));

  type_search (fixture, "huong");
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Nguyễn"));

  /* Cleared, the whole directory is back. */
  type_search (fixture, "");
  WAIT_UNTIL (n_listed (fixture) == 4);
  g_assert_cmpstr (_pl_window_get_families_state (fixture->window), ==, "list");
}

static void
test_search_arabic_and_phone (Fixture       *fixture,
                              gconstpointer  data)
{
  show_window_for_store (fixture);

  /* Typed without the vowel marks the name was written with. */
  type_search (fixture, "محمد");
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "مُحَمَّد"));

  type_search (fixture, "4135550199");
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Nguyễn"));
}

static void
test_search_no_match (Fixture       *fixture,
                      gconstpointer  data)
{
  show_window_for_store (fixture);

  type_search (fixture, "zzyzx");
  WAIT_UNTIL (n_listed (fixture) == 0);
  g_assert_cmpstr (_pl_window_get_families_state (fixture->window), ==, "no-results");
}

static void
test_school_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  PlFamiliesPage *page;
  GtkDropDown *schools;
  GListModel *names;
  guint kiley = GTK_INVALID_LIST_POSITION;

  show_window_for_store (fixture);

  page = _pl_window_get_families_page (fixture->window);
  schools = _pl_families_page_get_school_filter (page);
  names = gtk_drop_down_get_model (schools);

  /* "All Schools" first, then the schools. */
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 3);
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);

      if (g_str_equal (gtk_string_object_get_string (name), "Kiley Middle School"))
        kiley = i;
    }
  g_assert_cmpuint (kiley, !=, GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (schools, kiley);
  WAIT_UNTIL (n_listed (fixture) == 2);

  type_search (fixture, "jose");
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Rodríguez"));

  type_search (fixture, "nguyen");
  WAIT_UNTIL (n_listed (fixture) == 0);
  g_assert_cmpstr (_pl_window_get_families_state (fixture->window), ==, "no-results");

  gtk_drop_down_set_selected (schools, 0);
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Nguyễn"));
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  fixture->store = pl_test_app_open_store (fixture->path);
  show_window_for_store (fixture);

  g_assert_cmpstr (_pl_window_get_page (fixture->window), ==, "directory");
  g_assert_cmpuint (n_listed (fixture), ==, 0);
  g_assert_cmpstr (_pl_window_get_families_state (fixture->window), ==, "empty");
}

static void
test_select_shows_family (Fixture       *fixture,
                          gconstpointer  data)
{
  PlFamily *shown;

  show_window_for_store (fixture);

  select_family (fixture, fixture->rodriguez_id);

  shown = pl_family_page_get_family (_pl_window_get_family_page (fixture->window));
  g_assert_cmpstr (pl_family_get_household_name (shown), ==, "Rodríguez");
}

static void
test_edit_family (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PlFamily) stored = NULL;
  g_autoptr(GError) error = NULL;
  PlFamilyEditor *editor;
  PlFamily *shown;

  show_window_for_store (fixture);
  type_search (fixture, "jose");
  WAIT_UNTIL (n_listed (fixture) == 1);
  select_family (fixture, fixture->rodriguez_id);

  editor = open_editor (fixture, "win.edit-family");

  /* The form edits a copy: nothing changes until Save. */
  gtk_editable_set_text (_pl_family_editor_get_household_name_row (editor), "Rodríguez Pérez");
  g_assert_cmpstr (pl_family_get_household_name (_pl_family_editor_get_family (editor)), ==,
                   "Rodríguez Pérez");
  shown = pl_family_page_get_family (_pl_window_get_family_page (fixture->window));
  g_assert_cmpstr (pl_family_get_household_name (shown), ==, "Rodríguez");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  WAIT_UNTIL (_pl_window_get_editor (fixture->window) == NULL);

  /* The list row and the family page both show the new name. */
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Rodríguez Pérez"));
  shown = pl_family_page_get_family (_pl_window_get_family_page (fixture->window));
  g_assert_cmpstr (pl_family_get_household_name (shown), ==, "Rodríguez Pérez");

  stored = pl_store_load_family (fixture->store, fixture->rodriguez_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_family_get_household_name (stored), ==, "Rodríguez Pérez");
}

static void
test_cancel_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PlFamily) stored = NULL;
  g_autoptr(GError) error = NULL;
  PlFamilyEditor *editor;

  show_window_for_store (fixture);
  select_family (fixture, fixture->nguyen_id);

  editor = open_editor (fixture, "win.edit-family");
  gtk_editable_set_text (_pl_family_editor_get_household_name_row (editor), "Someone Else");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));
  WAIT_UNTIL (_pl_window_get_editor (fixture->window) == NULL);

  stored = pl_store_load_family (fixture->store, fixture->nguyen_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_family_get_household_name (stored), ==, "Nguyễn");
  type_search (fixture, "nguyen");
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Nguyễn"));
}

static void
test_editor_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PlFamily) stored = NULL;
  g_autoptr(PlGuardian) guardian = NULL;
  g_autoptr(GError) error = NULL;
  PlFamilyEditor *editor;
  GtkEditable *phone;

  show_window_for_store (fixture);
  select_family (fixture, fixture->nguyen_id);

  editor = open_editor (fixture, "win.edit-family");
  phone = guardian_field (editor, 0, "phone_row");
  g_assert_true (_pl_family_editor_get_can_save (editor));

  gtk_editable_set_text (phone, "555-01");
  _pl_family_editor_flush_problems (editor);
  g_assert_false (_pl_family_editor_get_can_save (editor));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (phone), "error"));
  /* Save does nothing while the form is wrong. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pl_test_iterate ();
  g_assert_true (_pl_window_get_editor (fixture->window) == editor);
  stored = pl_store_load_family (fixture->store, fixture->nguyen_id, &error);
  g_assert_no_error (error);
  guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (stored)), 0);
  g_assert_cmpstr (pl_guardian_get_phone (guardian), ==, "(413) 555-0199");

  gtk_editable_set_text (phone, "(413) 555-0100");
  _pl_family_editor_flush_problems (editor);
  g_assert_true (_pl_family_editor_get_can_save (editor));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (phone), "error"));

  gtk_editable_set_text (_pl_family_editor_get_household_name_row (editor), "");
  _pl_family_editor_flush_problems (editor);
  g_assert_false (_pl_family_editor_get_can_save (editor));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_pl_family_editor_get_household_name_row (editor)),
                                           "error"));
}

static void
test_add_family (Fixture       *fixture,
                 gconstpointer  data)
{
  PlFamilyEditor *editor;
  GtkWidget *student;
  AdwComboRow *school;
  const char *new_id;

  show_window_for_store (fixture);

  editor = open_editor (fixture, "win.add-family");
  g_assert_false (_pl_family_editor_get_can_save (editor));

  gtk_editable_set_text (_pl_family_editor_get_household_name_row (editor), "Okafor");
  gtk_editable_set_text (guardian_field (editor, 0, "name_row"), "Chioma Okafor");
  gtk_editable_set_text (guardian_field (editor, 0, "phone_row"), "413 555 0170");
  g_assert_false (_pl_family_editor_get_can_save (editor));

  student = _pl_family_editor_get_student_editor (editor, 0);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (student, PL_TYPE_STUDENT_EDITOR,
                                                                      "name_row")),
                         "Adaeze Okafor");
  school = ADW_COMBO_ROW (gtk_widget_get_template_child (student, PL_TYPE_STUDENT_EDITOR, "school_row"));
  adw_combo_row_set_selected (school, 0);
  g_assert_cmpstr (pl_student_get_school_id (pl_student_editor_get_student (PL_STUDENT_EDITOR (student))),
                   !=, NULL);
  g_assert_true (_pl_family_editor_get_can_save (editor));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  WAIT_UNTIL (_pl_window_get_editor (fixture->window) == NULL);
  WAIT_UNTIL (n_listed (fixture) == 5);

  type_search (fixture, "chioma");
  WAIT_UNTIL (n_listed (fixture) == 1 && first_listed_is (fixture, "Okafor"));

  /* The new family is the one shown. */
  new_id = pl_family_page_get_family_id (_pl_window_get_family_page (fixture->window));
  g_assert_nonnull (new_id);
  g_assert_cmpstr (pl_family_get_household_name (
                     pl_family_page_get_family (_pl_window_get_family_page (fixture->window))),
                   ==, "Okafor");
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  show_window_for_store (fixture);
  select_family (fixture, fixture->muhammad_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-family", NULL));
  WAIT_UNTIL (n_listed (fixture) == 3);
  g_assert_null (pl_family_page_get_family (_pl_window_get_family_page (fixture->window)));

  /* What the toast's Undo button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete", "s",
                                             fixture->muhammad_id));
  WAIT_UNTIL (n_listed (fixture) == 4);
  g_assert_cmpstr (pl_family_page_get_family_id (_pl_window_get_family_page (fixture->window)), ==,
                   fixture->muhammad_id);
}

static void
test_welcome_when_missing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PlWindow) again = NULL;
  PlWelcomePage *welcome;

  show_window (fixture, pl_window_new (NULL, fixture->path));

  g_assert_cmpstr (_pl_window_get_page (fixture->window), ==, "welcome");
  /* Nothing is written before the person chooses. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  welcome = _pl_window_get_welcome_page (fixture->window);
  g_signal_emit_by_name (_pl_welcome_page_get_empty_button (welcome), "clicked");
  WAIT_UNTIL (g_strcmp0 (_pl_window_get_page (fixture->window), "directory") == 0);

  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (_pl_window_get_families_state (fixture->window), ==, "empty");

  /* The choice holds at the next start. */
  again = g_object_ref_sink (pl_window_new (NULL, fixture->path));
  g_assert_cmpstr (_pl_window_get_page (again), ==, "directory");
  gtk_window_destroy (GTK_WINDOW (again));
}

static void
test_welcome_when_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  /* A database someone made but never filled, nor chose to keep empty. */
  fixture->store = pl_test_app_open_store (fixture->path);
  g_clear_object (&fixture->store);

  show_window (fixture, pl_window_new (NULL, fixture->path));

  g_assert_cmpstr (_pl_window_get_page (fixture->window), ==, "welcome");
}

static void
test_welcome_demo_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  PlWelcomePage *welcome;

  show_window (fixture, pl_window_new (NULL, fixture->path));
  welcome = _pl_window_get_welcome_page (fixture->window);

  g_signal_emit_by_name (_pl_welcome_page_get_demo_button (welcome), "clicked");
  g_assert_cmpstr (_pl_welcome_page_get_state (welcome), ==, "progress");
  g_assert_true (g_str_has_prefix (_pl_welcome_page_get_progress_text (welcome), "Creating "));

  pl_welcome_page_cancel (welcome);
  WAIT_UNTIL (g_strcmp0 (_pl_welcome_page_get_state (welcome), "choices") == 0);

  /* A cancelled demo leaves nothing behind, and the welcome stays. */
  g_assert_cmpstr (_pl_window_get_page (fixture->window), ==, "welcome");
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_open_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, "This is a shopping list, not a database.\n", -1, &error);
  g_assert_no_error (error);

  show_window (fixture, pl_window_new (NULL, fixture->path));

  g_assert_cmpstr (_pl_window_get_page (fixture->window), ==, "error");
}

int
main (int   argc,
      char *argv[])
{
  char *state_dir = pl_test_app_init (&argc, &argv);

  g_test_add ("/app/window/lists-every-family", Fixture, NULL,
              fixture_setup, test_lists_every_family, fixture_teardown);
  g_test_add ("/app/window/search-without-accents", Fixture, NULL,
              fixture_setup, test_search_without_accents, fixture_teardown);
  g_test_add ("/app/window/search-arabic-and-phone", Fixture, NULL,
              fixture_setup, test_search_arabic_and_phone, fixture_teardown);
  g_test_add ("/app/window/search-no-match", Fixture, NULL,
              fixture_setup, test_search_no_match, fixture_teardown);
  g_test_add ("/app/window/school-filter", Fixture, NULL,
              fixture_setup, test_school_filter, fixture_teardown);
  g_test_add ("/app/window/empty-database", Fixture, NULL,
              fixture_setup_empty, test_empty_database, fixture_teardown);
  g_test_add ("/app/window/select-shows-family", Fixture, NULL,
              fixture_setup, test_select_shows_family, fixture_teardown);
  g_test_add ("/app/window/edit-family", Fixture, NULL,
              fixture_setup, test_edit_family, fixture_teardown);
  g_test_add ("/app/window/cancel-edit", Fixture, NULL,
              fixture_setup, test_cancel_edit, fixture_teardown);
  g_test_add ("/app/window/editor-validation", Fixture, NULL,
              fixture_setup, test_editor_validation, fixture_teardown);
  g_test_add ("/app/window/add-family", Fixture, NULL,
              fixture_setup, test_add_family, fixture_teardown);
  g_test_add ("/app/window/delete-and-undo", Fixture, NULL,
              fixture_setup, test_delete_and_undo, fixture_teardown);
  g_test_add ("/app/window/welcome-when-missing", Fixture, NULL,
              fixture_setup_empty, test_welcome_when_missing, fixture_teardown);
  g_test_add ("/app/window/welcome-when-empty", Fixture, NULL,
              fixture_setup_empty, test_welcome_when_empty, fixture_teardown);
  g_test_add ("/app/window/welcome-demo-cancel", Fixture, NULL,
              fixture_setup_empty, test_welcome_demo_cancel, fixture_teardown);
  g_test_add ("/app/window/open-error", Fixture, NULL,
              fixture_setup_empty, test_open_error, fixture_teardown);

  return pl_test_app_run (state_dir);
}
