/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pl-choice-row.h"
#include "pl-contact-editor-private.h"
#include "pl-contact-row.h"
#include "pl-core.h"
#include "pl-family-page-private.h"
#include "pl-window-private.h"

/* Logging a contact the way a liaison does it: keys only. The key presses
 * are real X events, sent with xdotool (XTEST) to the focused window under
 * the test's X server, so they pass through GTK's whole input path. */

#define WAIT_SECONDS 20

#include "pl-test-app.h"

typedef struct
{
  char     *dir;
  char     *path;
  PlStore  *store;
  PlFamily *family;
  PlWindow *window;
  guint     keystrokes;
} Fixture;

static gboolean
on_x11 (void)
{
#ifdef GDK_WINDOWING_X11
  return GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

static gulong
window_xid (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  return gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
#else
  return 0;
#endif
}

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Runs xdotool with @args while the main loop goes on, so the app sees the
 * events as they come. */
static void
xdotool (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  if (process == NULL)
    g_error ("xdotool is needed for this test (build-aux/deps.sh installs it): %s",
             error->message);
  g_subprocess_wait_async (process, NULL, on_waited, &done);
  WAIT_UNTIL (done);
  g_assert_true (g_subprocess_get_successful (process));
}

/* Gives @window the keyboard, as a person clicking into it would. */
static void
focus_window (GtkWindow *window)
{
  g_autofree char *xid = g_strdup_printf ("%lu", window_xid (window));
  const char *args[] = { "windowfocus", "--sync", xid, NULL };

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  xdotool (args);
  WAIT_UNTIL (gtk_window_is_active (window));
}

/* One key press (a chord such as ctrl+Return counts once). */
static void
press (Fixture    *fixture,
       const char *key)
{
  const char *args[] = { "key", "--clearmodifiers", key, NULL };

  xdotool (args);
  fixture->keystrokes++;
  pl_test_iterate ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlGuardian) second = pl_guardian_new ();
  g_autoptr(PlStudent) student = pl_student_new ();
  g_autoptr(PlSchool) school = pl_school_new ();

  if (!on_x11 ())
    return;

  fixture->dir = pl_test_app_make_dir ("porchlight-app-contacts-XXXXXX", &fixture->path);
  fixture->store = pl_test_app_open_store (fixture->path);
  g_assert_true (pl_store_set_me (fixture->store, "ana.silva", &error));

  pl_school_set_name (school, "Lincoln Elementary School");
  pl_school_set_grades (school, PL_GRADE_PK, 5);
  g_assert_true (pl_store_save_school (fixture->store, school, &error));

  fixture->family = pl_family_new ();
  pl_family_set_household_name (fixture->family, "Nguyễn");
  pl_family_set_home_language (fixture->family, "vi");
  pl_guardian_set_full_name (guardian, "Nguyễn Thị Hương");
  pl_guardian_set_relationship (guardian, "mother");
  pl_guardian_set_phone (guardian, "(413) 555-0199");
  pl_guardian_set_preferred_language (guardian, "vi");
  pl_guardian_set_needs_interpreter (guardian, TRUE);
  g_list_store_append (pl_family_get_guardians (fixture->family), guardian);
  pl_guardian_set_full_name (second, "Trần Văn Bảo");
  pl_guardian_set_preferred_language (second, "en");
  g_list_store_append (pl_family_get_guardians (fixture->family), second);
  pl_student_set_full_name (student, "Trần Minh Anh");
  pl_student_set_school_id (student, pl_school_get_id (school));
  pl_student_set_grade (student, 3);
  g_list_store_append (pl_family_get_students (fixture->family), student);
  g_assert_true (pl_store_save_family (fixture->store, fixture->family, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      PlContactEditor *editor =
        _pl_family_page_get_contact_editor (_pl_window_get_family_page (fixture->window));

      if (editor != NULL)
        gtk_window_destroy (GTK_WINDOW (editor));
      pl_test_app_close_window (&fixture->window);
    }
  g_clear_object (&fixture->family);
  g_clear_object (&fixture->store);
  if (fixture->dir != NULL)
    pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The window on the family, picked as from the directory. */
static PlFamilyPage *
show_family (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PlFamilyPage *page;

  fixture->window = g_object_ref_sink (pl_window_new_for_store (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 760);
  gtk_window_present (GTK_WINDOW (fixture->window));
  page = _pl_window_get_family_page (fixture->window);
  g_assert_true (pl_family_page_show_family (page, pl_family_get_id (fixture->family), &error));
  g_assert_no_error (error);
  focus_window (GTK_WINDOW (fixture->window));
  pl_test_iterate ();
  return page;
}

static PlContactEditor *
wait_for_editor (PlFamilyPage *page)
{
  PlContactEditor *editor;

  WAIT_UNTIL (_pl_family_page_get_contact_editor (page) != NULL &&
              gtk_window_is_active (GTK_WINDOW (_pl_family_page_get_contact_editor (page))));
  editor = _pl_family_page_get_contact_editor (page);
  pl_test_iterate ();
  return editor;
}

static GtkWidget *
focused (PlContactEditor *editor)
{
  return gtk_window_get_focus (GTK_WINDOW (editor));
}

static GtkListBoxRow *
first_row (PlFamilyPage *page)
{
  return gtk_list_box_get_row_at_index (_pl_family_page_get_timeline (page), 0);
}

static PlContact *
first_stored_contact (Fixture *fixture)
{
  g_autoptr(PlContactList) list = pl_contact_list_new (fixture->store,
                                                       pl_family_get_id (fixture->family));

  return g_list_model_get_item (G_LIST_MODEL (list), 0);
}

static void
test_log_with_keys (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) stored = NULL;
  g_autoptr(PlGuardian) first_guardian = NULL;
  PlFamilyPage *page;
  PlContactEditor *editor;
  PlContact *editing;
  GtkListBoxRow *row;
  GtkWidget *purpose_row;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_family (fixture);
  first_guardian =
    g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (fixture->family)), 0);

  /* Ctrl+L: the form opens on what was talked about. */
  press (fixture, "ctrl+l");
  editor = wait_for_editor (page);
  g_assert_true (pl_contact_editor_get_is_new (editor));
  WAIT_UNTIL (focused (editor) == _pl_contact_editor_get_row (editor, "purpose"));
  editing = _pl_contact_editor_get_contact (editor);

  /* The usual call is already filled in. */
  g_assert_cmpstr (pl_contact_get_method (editing), ==, "phone");
  g_assert_cmpstr (pl_contact_get_direction (editing), ==, "outgoing");
  g_assert_cmpstr (pl_contact_get_guardian_id (editing), ==, pl_guardian_get_id (first_guardian));
  g_assert_cmpstr (pl_contact_get_language (editing), ==, "vi");
  /* She needs an interpreter, so one is assumed. */
  g_assert_cmpstr (pl_contact_get_interpreter (editing), ==, "staff");
  g_assert_nonnull (pl_contact_get_happened_at (editing));

  /* One key for the purpose, Tab, one for the outcome, then save. */
  purpose_row = _pl_contact_editor_get_row (editor, "purpose");
  g_assert_cmpint (pl_choice_row_get_key (PL_CHOICE_ROW (purpose_row), "attendance"), ==, 'a');
  press (fixture, "a");
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_purpose (editing), "attendance") == 0);
  press (fixture, "Tab");
  WAIT_UNTIL (focused (editor) == _pl_contact_editor_get_row (editor, "outcome"));
  press (fixture, "r");
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_outcome (editing), "reached") == 0);
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_family_page_get_contact_editor (page) == NULL);

  /* Opening to saved in under 10 keys. */
  g_assert_cmpuint (fixture->keystrokes, ==, 5);
  g_assert_cmpuint (fixture->keystrokes, <, 10);

  /* In the database… */
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 1);
  stored = first_stored_contact (fixture);
  g_assert_cmpstr (pl_contact_get_method (stored), ==, "phone");
  g_assert_cmpstr (pl_contact_get_direction (stored), ==, "outgoing");
  g_assert_cmpstr (pl_contact_get_guardian_id (stored), ==, pl_guardian_get_id (first_guardian));
  g_assert_cmpstr (pl_contact_get_language (stored), ==, "vi");
  g_assert_cmpstr (pl_contact_get_interpreter (stored), ==, "staff");
  g_assert_cmpstr (pl_contact_get_purpose (stored), ==, "attendance");
  g_assert_cmpstr (pl_contact_get_outcome (stored), ==, "reached");
  g_assert_cmpstr (pl_contact_get_staff_id (stored), ==, "ana.silva");
  g_assert_null (pl_contact_get_follow_up_due (stored));
  g_assert_cmpint (pl_store_count_unsent (fixture->store, &error), >, 0);

  /* …and first on the timeline. */
  WAIT_UNTIL ((row = first_row (page)) != NULL);
  g_assert_true (PL_IS_CONTACT_ROW (row));
  g_assert_cmpstr (pl_contact_get_id (pl_contact_row_get_contact (PL_CONTACT_ROW (row))), ==,
                   pl_contact_get_id (stored));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_pl_family_page_get_timeline (page))));
}

static void
test_escape_cancels (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlFamilyPage *page;
  PlContactEditor *editor;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  gint64 journal_before = pl_store_count_journal (fixture->store, NULL);

  page = show_family (fixture);
  press (fixture, "ctrl+l");
  editor = wait_for_editor (page);
  press (fixture, "a");
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_purpose (_pl_contact_editor_get_contact (editor)),
                         "attendance") == 0);
  press (fixture, "Escape");
  WAIT_UNTIL (_pl_family_page_get_contact_editor (page) == NULL);

  /* Nothing written, nothing to send. */
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 0);
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal_before);
}

/* Saving too soon says what is missing, next to it, and goes there. */
static void
test_missing_outcome (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlFamilyPage *page;
  PlContactEditor *editor;
  GtkWidget *message;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_family (fixture);
  press (fixture, "ctrl+l");
  editor = wait_for_editor (page);
  press (fixture, "b");
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_purpose (_pl_contact_editor_get_contact (editor)),
                         "behavior") == 0);
  press (fixture, "ctrl+Return");
  pl_test_iterate ();

  /* Still open, the outcome marked and focused. */
  WAIT_UNTIL (focused (editor) == _pl_contact_editor_get_row (editor, "outcome"));
  g_assert_true (_pl_family_page_get_contact_editor (page) == editor);
  message = _pl_contact_editor_get_message (editor, "outcome");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (_pl_contact_editor_get_row (editor, "outcome"),
                                           "error"));
  g_assert_false (gtk_widget_get_visible (_pl_contact_editor_get_message (editor, "purpose")));
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 0);

  /* "n" is No Answer; the mark goes once it is chosen. */
  press (fixture, "n");
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_outcome (_pl_contact_editor_get_contact (editor)),
                         "no-answer") == 0);
  _pl_contact_editor_flush_problems (editor);
  g_assert_false (gtk_widget_get_visible (message));
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_family_page_get_contact_editor (page) == NULL);
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 1);
}

/* Notes take any text, and Ctrl+Enter still saves from them. */
static void
test_notes_then_save (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) stored = NULL;
  const char *type_args[] = {
    "type", "--delay", "20", "Asked about the bus; call after 5 pm", NULL,
  };
  PlFamilyPage *page;
  PlContactEditor *editor;
  GtkWidget *notes;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_family (fixture);
  press (fixture, "ctrl+l");
  editor = wait_for_editor (page);
  press (fixture, "d");
  press (fixture, "Tab");
  press (fixture, "r");
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_outcome (_pl_contact_editor_get_contact (editor)),
                         "reached") == 0);

  notes = _pl_contact_editor_get_row (editor, "notes");
  gtk_widget_grab_focus (notes);
  WAIT_UNTIL (focused (editor) == notes);
  xdotool (type_args);
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_notes (_pl_contact_editor_get_contact (editor)),
                         "Asked about the bus; call after 5 pm") == 0);
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_family_page_get_contact_editor (page) == NULL);

  stored = first_stored_contact (fixture);
  g_assert_nonnull (stored);
  /* "d" is Academics ("a" is Attendance's), and no stray new line. */
  g_assert_cmpstr (pl_contact_get_purpose (stored), ==, "academics");
  g_assert_cmpstr (pl_contact_get_notes (stored), ==, "Asked about the bus; call after 5 pm");
}

/* A contact cannot be logged in the future; the form says so by the date. */
static void
test_future_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GError) error = NULL;
  PlFamilyPage *page;
  PlContactEditor *editor;
  PlContact *editing;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_family (fixture);
  press (fixture, "ctrl+l");
  editor = wait_for_editor (page);
  editing = _pl_contact_editor_get_contact (editor);
  pl_contact_set_happened_at_time (editing, tomorrow);
  press (fixture, "a");
  press (fixture, "Tab");
  press (fixture, "r");
  WAIT_UNTIL (g_strcmp0 (pl_contact_get_outcome (editing), "reached") == 0);
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (gtk_widget_get_visible (_pl_contact_editor_get_message (editor, "happened-at")));
  g_assert_true (_pl_family_page_get_contact_editor (page) == editor);
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 0);
}

/* Edit from the timeline, delete, and take the deletion back. */
static void
test_edit_delete_undo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlContact) contact = pl_contact_new (pl_family_get_id (fixture->family));
  g_autoptr(PlContact) edited = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -3);
  PlFamilyPage *page;
  PlContactEditor *editor;
  GtkListBoxRow *row;
  AdwToast *toast;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  pl_contact_set_happened_at_time (contact, earlier);
  pl_contact_set_method (contact, "text");
  pl_contact_set_purpose (contact, "survey");
  pl_contact_set_outcome (contact, "no-answer");
  g_assert_true (pl_store_save_contact (fixture->store, contact, &error));

  page = show_family (fixture);
  WAIT_UNTIL ((row = first_row (page)) != NULL);

  /* Enter on an entry opens it for editing. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  press (fixture, "Return");
  editor = wait_for_editor (page);
  g_assert_false (pl_contact_editor_get_is_new (editor));
  g_assert_cmpstr (pl_contact_get_id (_pl_contact_editor_get_contact (editor)), ==,
                   pl_contact_get_id (contact));
  /* Alt+O goes to the outcome; "r" changes it. */
  press (fixture, "alt+o");
  WAIT_UNTIL (focused (editor) == _pl_contact_editor_get_row (editor, "outcome"));
  press (fixture, "r");
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_family_page_get_contact_editor (page) == NULL);
  edited = pl_store_load_contact (fixture->store, pl_contact_get_id (contact), &error);
  g_assert_cmpstr (pl_contact_get_outcome (edited), ==, "reached");
  g_assert_cmpstr (pl_contact_get_method (edited), ==, "text");
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 1);

  /* Delete: gone from the timeline, with an Undo toast. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "timeline.delete", "s",
                                             pl_contact_get_id (contact)));
  WAIT_UNTIL (gtk_list_box_get_row_at_index (_pl_family_page_get_timeline (page), 0) == NULL);
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 0);
  toast = _pl_family_page_get_undo_toast (page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), !=, NULL);

  g_signal_emit_by_name (toast, "button-clicked");
  WAIT_UNTIL (gtk_list_box_get_row_at_index (_pl_family_page_get_timeline (page), 0) != NULL);
  g_assert_cmpint (pl_store_count_contacts (fixture->store, pl_family_get_id (fixture->family),
                                            &error), ==, 1);
}

/* A long history comes a page at a time: by the button, and by scrolling. */
static void
test_timeline_loads_more (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PlFamilyPage *page;
  PlContactList *contacts;
  GtkListBox *timeline;
  GtkWidget *older;
  GtkAdjustment *adjustment;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  for (int i = 0; i < 45; i++)
    {
      g_autoptr(PlContact) contact = pl_contact_new (pl_family_get_id (fixture->family));
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -1 - i);

      pl_contact_set_happened_at_time (contact, when);
      pl_contact_set_method (contact, i % 2 ? "text" : "phone");
      pl_contact_set_purpose (contact, "academics");
      pl_contact_set_outcome (contact, "reached");
      g_assert_true (pl_store_save_contact (fixture->store, contact, &error));
    }

  page = show_family (fixture);
  contacts = _pl_family_page_get_contacts (page);
  timeline = _pl_family_page_get_timeline (page);
  older = _pl_family_page_get_older_button (page);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 20);
  g_assert_nonnull (gtk_list_box_get_row_at_index (timeline, 19));
  g_assert_null (gtk_list_box_get_row_at_index (timeline, 20));
  g_assert_true (gtk_widget_get_visible (older));

  /* "Show Older Contacts" really reads more. */
  gtk_widget_activate (older);
  WAIT_UNTIL (gtk_list_box_get_row_at_index (timeline, 39) != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 40);

  /* Scrolling to the end reads the rest. */
  adjustment = gtk_scrolled_window_get_vadjustment (_pl_family_page_get_scrolled_window (page));
  WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  WAIT_UNTIL (gtk_list_box_get_row_at_index (timeline, 44) != NULL);
  g_assert_false (pl_contact_list_get_has_more (contacts));
  g_assert_false (gtk_widget_get_visible (older));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app-contacts/log-with-keys", test_log_with_keys);
  ADD ("/app-contacts/escape-cancels", test_escape_cancels);
  ADD ("/app-contacts/missing-outcome", test_missing_outcome);
  ADD ("/app-contacts/notes-then-save", test_notes_then_save);
  ADD ("/app-contacts/future-refused", test_future_refused);
  ADD ("/app-contacts/edit-delete-undo", test_edit_delete_undo);
  ADD ("/app-contacts/timeline-loads-more", test_timeline_loads_more);
#undef ADD

  return g_test_run ();
}
