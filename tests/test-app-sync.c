/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <adwaita.h>
#include <libsecret/secret.h>

#include "pl-core.h"
#include "pl-conflict-row.h"
#include "pl-refused-row.h"
#include "pl-demo.h"
#include "pl-families-page-private.h"
#include "pl-test-server.h"
#include "pl-test-util.h"
#include "pl-window-private.h"

/* Sync in the real window: a real porchlight-server on 127.0.0.1, the
 * window on a real database, a second client on another database, and the
 * desktop keyring the session token goes to. The test logs in through the
 * Preferences window the way a person would, then watches the directory, the
 * sync control and the Conflicts section.
 *
 * Needs PORCHLIGHT_SERVER (the server binary) and an unlocked keyring on the
 * session bus (build-aux/with-keyring.sh sets PORCHLIGHT_TEST_KEYRING). */

#define WAIT_SECONDS 30
#define PASSWORD PL_TEST_PASSWORD

#define WAIT_UNTIL(cond)                                                      \
  G_STMT_START                                                                \
  {                                                                           \
    gint64 wait_end_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > wait_end_)                              \
          g_error ("Timed out waiting for %s", #cond);                        \
        if (!g_main_context_iteration (NULL, FALSE))                          \
          g_usleep (1000);                                                    \
      }                                                                       \
  }                                                                           \
  G_STMT_END

typedef struct
{
  PlTestDir     dir;
  PlTestServer  server;
  PlStore      *store;
  char        *school_id;
  char        *nguyen_id;
  PlWindow    *window;
  gboolean     skipped;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
start_server (Fixture    *fixture,
              const char *token_lifetime)
{
  g_autofree char *option = token_lifetime
                              ? g_strconcat ("--token-lifetime=", token_lifetime, NULL) : NULL;

  pl_test_server_start (&fixture->server, option, NULL);
}

static void
stop_server (Fixture *fixture)
{
  pl_test_server_stop (&fixture->server, SIGTERM);
}

static PlStore *
open_client (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *path = pl_test_dir_file (&fixture->dir, file);
  PlStore *store = pl_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static char *
add_family (PlStore    *store,
            const char *household,
            const char *guardian_name,
            const char *phone,
            const char *school_id)
{
  g_autoptr(PlFamily) family = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlStudent) student = pl_student_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *student_name = g_strconcat ("Student ", household, NULL);

  pl_family_set_household_name (family, household);
  pl_guardian_set_full_name (guardian, guardian_name);
  pl_guardian_set_relationship (guardian, pl_guardian_relationships ()[0]);
  pl_guardian_set_phone (guardian, phone);
  g_list_store_append (pl_family_get_guardians (family), guardian);
  pl_student_set_full_name (student, student_name);
  pl_student_set_school_id (student, school_id);
  pl_student_set_grade (student, 3);
  g_list_store_append (pl_family_get_students (family), student);

  pl_store_save_family (store, family, &error);
  g_assert_no_error (error);

  return g_strdup (pl_family_get_id (family));
}

/* Changes the family's notes and its first guardian's phone and email, as
 * the family form would, through @store. */
static void
edit_family (PlStore    *store,
             const char *family_id,
             const char *notes,
             const char *phone,
             const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFamily) family = pl_store_load_family (store, family_id, &error);

  g_assert_no_error (error);
  if (notes != NULL)
    pl_family_set_notes (family, notes);
  if (phone != NULL || email != NULL)
    {
      g_autoptr(PlGuardian) guardian =
        g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);

      if (phone != NULL)
        pl_guardian_set_phone (guardian, phone);
      if (email != NULL)
        pl_guardian_set_email (guardian, email);
    }
  pl_store_save_family (store, family, &error);
  g_assert_no_error (error);
}

/* A laptop's database, logged in as @user, synced once. */
static void
sync_client_as (Fixture    *fixture,
                PlStore    *store,
                const char *user)
{
  g_autoptr(PlSyncClient) client = pl_sync_client_new (pl_store_get_path (store), fixture->server.url);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = pl_sync_client_login (client, user, PASSWORD, NULL, &error);

  g_assert_no_error (error);
  pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Another laptop: its own database, logged in as ana, synced once. */
static void
sync_other_client (Fixture *fixture,
                   PlStore *store)
{
  sync_client_as (fixture, store, "ana");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PlSchool) school = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("PORCHLIGHT_SERVER") == NULL || g_getenv ("PORCHLIGHT_TEST_KEYRING") == NULL)
    {
      g_test_skip ("Needs PORCHLIGHT_SERVER and an unlocked keyring (build-aux/with-keyring.sh)");
      fixture->skipped = TRUE;
      return;
    }

  pl_test_dir_setup (&fixture->dir, data);
  pl_test_server_init (&fixture->server, &fixture->dir);
  /* An admin: the window's database makes its own school, which only an
   * admin may send. */
  pl_test_server_add_user (&fixture->server, "ana", "admin", "all");
  start_server (fixture, data);

  fixture->store = open_client (fixture, "window");
  school = pl_school_new ();
  pl_school_set_name (school, "Lincoln Elementary School");
  pl_school_set_grades (school, PL_GRADE_PK, 5);
  pl_store_save_school (fixture->store, school, &error);
  g_assert_no_error (error);
  fixture->school_id = g_strdup (pl_school_get_id (school));
  fixture->nguyen_id = add_family (fixture->store, "Nguyễn", "Nguyễn Thị Hương", "(413) 555-0199",
                                   fixture->school_id);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = NULL;

  if (fixture->skipped)
    return;

  pl_clock_set_default_time_func (NULL, NULL);
  if (fixture->window != NULL)
    {
      PlPreferencesWindow *preferences = _pl_window_get_preferences (fixture->window);

      if (preferences != NULL)
        gtk_window_destroy (GTK_WINDOW (preferences));
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      iterate ();
      g_clear_object (&fixture->window);
    }

  /* The next test starts with no account. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (settings, "sync-server");
  g_settings_reset (settings, "sync-user");

  pl_test_server_clear (&fixture->server);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->school_id, g_free);
  g_clear_pointer (&fixture->nguyen_id, g_free);
  pl_test_dir_teardown (&fixture->dir, data);
}

static PlSyncManager *
manager (Fixture *fixture)
{
  return _pl_window_get_sync_manager (fixture->window);
}

static void
show_window (Fixture *fixture)
{
  fixture->window = g_object_ref_sink (pl_window_new_for_store (NULL, fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  /* The sync side starts after the first frame; it counts what waits. */
  WAIT_UNTIL (pl_sync_manager_get_unsent (manager (fixture)) > 0);
}

static guint
n_listed (Fixture *fixture)
{
  GtkListView *list = _pl_window_get_list_view (fixture->window);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GtkWidget *
preferences_child (Fixture    *fixture,
                   const char *name)
{
  return child (_pl_window_get_preferences (fixture->window), PL_TYPE_PREFERENCES_WINDOW, name);
}

static PlPreferencesWindow *
open_preferences (Fixture *fixture)
{
  PlPreferencesWindow *preferences;

  pl_window_show_preferences (fixture->window);
  preferences = _pl_window_get_preferences (fixture->window);
  g_assert_nonnull (preferences);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)));

  return preferences;
}

static void
fill_in_and_log_in (Fixture    *fixture,
                    const char *server,
                    const char *user,
                    const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (preferences_child (fixture, "server_row")), server);
  gtk_editable_set_text (GTK_EDITABLE (preferences_child (fixture, "user_row")), user);
  gtk_editable_set_text (GTK_EDITABLE (preferences_child (fixture, "password_row")), password);
  g_signal_emit_by_name (preferences_child (fixture, "log_in_button"), "clicked");
  g_assert_false (gtk_widget_get_sensitive (preferences_child (fixture, "log_in_button")));
}

static gboolean
synced_once (Fixture *fixture)
{
  return pl_sync_manager_get_last_synced (manager (fixture)) != NULL &&
         pl_sync_manager_get_state (manager (fixture)) == PL_SYNC_STATE_IDLE;
}

/* Logs in through Preferences and waits for the first sync. */
static void
log_in_as (Fixture    *fixture,
           const char *user)
{
  open_preferences (fixture);
  fill_in_and_log_in (fixture, fixture->server.url, user, PASSWORD);
  WAIT_UNTIL (pl_sync_manager_get_logged_in (manager (fixture)));
  WAIT_UNTIL (synced_once (fixture));
  gtk_window_destroy (GTK_WINDOW (_pl_window_get_preferences (fixture->window)));
  iterate ();
}

static void
log_in (Fixture *fixture)
{
  log_in_as (fixture, "ana");
}

static char *
keyring_token (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *token;

  token = secret_password_lookup_sync (pl_sync_manager_get_token_schema (), NULL, &error,
                                       "server", pl_sync_manager_get_server_url (manager (fixture)),
                                       "user", "ana",
                                       NULL);
  g_assert_no_error (error);
  return token;
}

/* Whether the server still takes @token: a sync of a scratch database. */
static gboolean
token_opens_server (Fixture    *fixture,
                    const char *token)
{
  g_autofree char *path = pl_test_dir_file (&fixture->dir, "scratch.db");
  g_autoptr(PlStore) scratch = pl_store_open (path, NULL);
  g_autoptr(PlSyncClient) client = pl_sync_client_new (path, fixture->server.url);
  g_autoptr(GError) error = NULL;

  pl_sync_client_set_token (client, token);
  if (pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error))
    return TRUE;
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_SESSION_EXPIRED);
  return FALSE;
}

static GtkWidget *
sync_button (Fixture *fixture)
{
  return GTK_WIDGET (_pl_families_page_get_sync_button (_pl_window_get_families_page (fixture->window)));
}

/* Whether win.sync can run, as the popover's Sync Now button shows it. */
static gboolean
sync_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (child (sync_button (fixture), PL_TYPE_SYNC_BUTTON,
                                          "sync_now_button"));
}

static void
sync_now (Fixture *fixture)
{
  g_assert_true (sync_enabled (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync", NULL));
  g_assert_cmpint (pl_sync_manager_get_state (manager (fixture)), ==, PL_SYNC_STATE_SYNCING);
  WAIT_UNTIL (pl_sync_manager_get_state (manager (fixture)) != PL_SYNC_STATE_SYNCING);
  g_assert_cmpstr (pl_sync_manager_get_error_message (manager (fixture)), ==, NULL);
}

/* Sync Now from the popover, as a person would: it shows the progress
 * while the sync runs, with nothing left to focus but the account button. */
static void
sync_with_popover_open (Fixture *fixture)
{
  GtkWidget *button = sync_button (fixture);
  GtkMenuButton *menu_button = GTK_MENU_BUTTON (child (button, PL_TYPE_SYNC_BUTTON, "menu_button"));
  GtkWidget *popover = child (button, PL_TYPE_SYNC_BUTTON, "popover");

  gtk_menu_button_popup (menu_button);
  WAIT_UNTIL (gtk_widget_get_mapped (popover));
  g_assert_false (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "progress_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (button, PL_TYPE_SYNC_BUTTON, "status_label"))),
                   ==, "Last synced just now");
  gtk_menu_button_popdown (menu_button);
  iterate ();

  g_signal_emit_by_name (child (button, PL_TYPE_SYNC_BUTTON, "sync_now_button"), "clicked");
  g_assert_cmpint (pl_sync_manager_get_state (manager (fixture)), ==, PL_SYNC_STATE_SYNCING);
  gtk_menu_button_popup (menu_button);
  g_assert_true (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "progress_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (button, PL_TYPE_SYNC_BUTTON, "status_label"))),
                   ==, "Syncing…");
  g_assert_false (sync_enabled (fixture));
  WAIT_UNTIL (pl_sync_manager_get_state (manager (fixture)) != PL_SYNC_STATE_SYNCING);
  g_assert_cmpstr (pl_sync_manager_get_error_message (manager (fixture)), ==, NULL);
  gtk_menu_button_popdown (menu_button);
}

static void
test_log_in_and_sync (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PlStore) other = NULL;
  g_autoptr(PlSyncManager) next_start = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *token = NULL;
  g_autofree char *okafor_id = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  GtkWidget *error_label;

  if (fixture->skipped)
    return;

  show_window (fixture);

  /* No account yet: no sync control. */
  g_assert_false (gtk_widget_get_visible (sync_button (fixture)));
  g_assert_false (sync_enabled (fixture));
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), >, 0);

  /* A wrong password is said in words, next to the form. */
  open_preferences (fixture);
  g_assert_true (gtk_widget_get_visible (preferences_child (fixture, "login_group")));
  g_assert_false (gtk_widget_get_visible (preferences_child (fixture, "account_group")));
  fill_in_and_log_in (fixture, fixture->server.url, "ana", "not the password");
  error_label = preferences_child (fixture, "error_label");
  WAIT_UNTIL (gtk_widget_get_visible (preferences_child (fixture, "error_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "password is wrong"));
  g_assert_true (gtk_widget_has_css_class (preferences_child (fixture, "password_row"), "error"));
  g_assert_false (pl_sync_manager_get_logged_in (manager (fixture)));

  /* The right one logs in, keeps the token in the keyring and syncs. */
  fill_in_and_log_in (fixture, fixture->server.url, "ana", PASSWORD);
  WAIT_UNTIL (pl_sync_manager_get_logged_in (manager (fixture)));
  g_assert_false (gtk_widget_get_visible (preferences_child (fixture, "login_group")));
  g_assert_true (gtk_widget_get_visible (preferences_child (fixture, "account_group")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (preferences_child (fixture, "account_row"))),
                   ==, "Logged in as ana");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (preferences_child (fixture, "password_row"))),
                   ==, "");

  token = keyring_token (fixture);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 32);
  settings = g_settings_new (APPLICATION_ID);
  server = g_settings_get_string (settings, "sync-server");
  user = g_settings_get_string (settings, "sync-user");
  g_assert_true (g_str_has_prefix (fixture->server.url, server));
  g_assert_cmpstr (user, ==, "ana");
  /* The account is this database's: another one may sync as someone else. */
  {
    g_autofree char *kept_server = pl_store_get_setting (fixture->store, "sync-server");
    g_autofree char *kept_user = pl_store_get_setting (fixture->store, "sync-user");

    g_assert_cmpstr (kept_server, ==, server);
    g_assert_cmpstr (kept_user, ==, "ana");
  }

  WAIT_UNTIL (synced_once (fixture));
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), ==, 0);
  g_assert_true (gtk_widget_get_visible (sync_button (fixture)));
  gtk_window_destroy (GTK_WINDOW (_pl_window_get_preferences (fixture->window)));
  iterate ();

  /* Another laptop adds a family; a sync brings it into the list. */
  other = open_client (fixture, "other");
  sync_other_client (fixture, other);
  okafor_id = add_family (other, "Okafor", "Chioma Okafor", "413 555 0170", fixture->school_id);
  sync_other_client (fixture, other);

  g_assert_cmpuint (n_listed (fixture), ==, 1);
  sync_with_popover_open (fixture);
  WAIT_UNTIL (n_listed (fixture) == 2);
  g_assert_cmpint (pl_family_list_find (pl_families_page_get_families (
                     _pl_window_get_families_page (fixture->window)), okafor_id), >=, 0);

  /* A change made here waits, then goes. */
  edit_family (fixture->store, okafor_id, "Prefers texts after 5 pm.", NULL, NULL);
  WAIT_UNTIL (pl_sync_manager_get_unsent (manager (fixture)) > 0);
  sync_now (fixture);
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), ==, 0);

  /* The next start of the app finds the session in the keyring. */
  next_start = pl_sync_manager_new (fixture->store, settings);
  g_assert_false (pl_sync_manager_get_logged_in (next_start));
  pl_sync_manager_start (next_start);
  WAIT_UNTIL (pl_sync_manager_get_logged_in (next_start));
  WAIT_UNTIL (pl_sync_manager_get_state (next_start) != PL_SYNC_STATE_SYNCING);
  g_assert_cmpint (pl_sync_manager_get_state (next_start), ==, PL_SYNC_STATE_IDLE);
  pl_sync_manager_shutdown (next_start);

  /* Logging out forgets the token and hides the sync control. */
  g_clear_pointer (&token, g_free);
  token = keyring_token (fixture);
  g_assert_true (token_opens_server (fixture, token));
  open_preferences (fixture);
  g_signal_emit_by_name (preferences_child (fixture, "log_out_button"), "clicked");
  g_assert_false (pl_sync_manager_get_logged_in (manager (fixture)));
  g_assert_false (gtk_widget_get_visible (sync_button (fixture)));
  g_assert_true (gtk_widget_get_visible (preferences_child (fixture, "login_group")));
  /* Server and user stay for the next log-in. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (preferences_child (fixture, "user_row"))),
                   ==, "ana");
  /* The server ended the session too: the token opens nothing, even where
   * it was copied. */
  WAIT_UNTIL (!token_opens_server (fixture, token));
  g_clear_pointer (&token, g_free);
  for (gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
       (token = keyring_token (fixture)) != NULL; g_free (token))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      iterate ();
      g_usleep (10000);
    }
}

static PlConflictRow *
conflict_row (Fixture *fixture,
              guint    index)
{
  GtkWidget *box = child (_pl_window_get_conflicts_page (fixture->window), PL_TYPE_CONFLICTS_PAGE,
                          "conflicts_box");
  GtkWidget *row = gtk_widget_get_first_child (box);

  for (guint i = 0; row != NULL && i < index; i++)
    row = gtk_widget_get_next_sibling (row);

  g_assert_nonnull (row);
  return PL_CONFLICT_ROW (row);
}

static PlConflictRow *
conflict_row_for (Fixture    *fixture,
                  const char *field)
{
  PlConflictsPage *page = _pl_window_get_conflicts_page (fixture->window);

  for (guint i = 0; i < pl_conflicts_page_get_n_conflicts (page); i++)
    {
      PlConflictRow *row = conflict_row (fixture, i);

      if (g_str_equal (pl_conflict_get_field (pl_conflict_row_get_conflict (row)), field))
        return row;
    }

  g_error ("No conflict on %s", field);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  return dialog;
}

/* Edit…: the dialog starts from both notes; what is written replaces them. */
static void
write_combined (PlConflictRow *row,
                const char    *text)
{
  AdwMessageDialog *dialog = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkWidget *extra;
  g_autofree char *prefilled = NULL;

  g_signal_emit_by_name (child (row, PL_TYPE_CONFLICT_ROW, "edit_button"), "clicked");
  dialog = find_message_dialog ();

  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (extra));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (extra))));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  prefilled = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (prefilled, ==, "Works nights; call after 10 am.\n\nCall the aunt first.");

  gtk_text_buffer_set_text (buffer, text, -1);
  adw_message_dialog_response (dialog, "save");
}

static void
show_section (Fixture    *fixture,
              const char *name)
{
  GtkListBox *sections = GTK_LIST_BOX (child (fixture->window, PL_TYPE_WINDOW, "sections_list"));

  for (int i = 0; gtk_list_box_get_row_at_index (sections, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sections, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
        gtk_list_box_select_row (sections, row);
    }
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, name);
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PlStore) other = NULL;
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(PlGuardian) guardian = NULL;
  g_autoptr(GError) error = NULL;
  PlConflictsPage *page;
  PlConflictRow *row;
  PlConflict *conflict;

  if (fixture->skipped)
    return;

  show_window (fixture);
  log_in (fixture);
  page = _pl_window_get_conflicts_page (fixture->window);
  g_assert_false (_pl_window_get_conflicts_shown (fixture->window));
  g_assert_cmpuint (pl_conflicts_page_get_n_conflicts (page), ==, 0);

  /* Two people change the same notes, phone and email before either syncs. */
  other = open_client (fixture, "other");
  sync_other_client (fixture, other);
  edit_family (other, fixture->nguyen_id, "Call the aunt first.", "(413) 555-0111",
               "huong@example.org");
  sync_other_client (fixture, other);
  g_usleep (5000);
  edit_family (fixture->store, fixture->nguyen_id, "Works nights; call after 10 am.",
               "(413) 555-0122", "nguyen.huong@example.org");

  sync_now (fixture);
  WAIT_UNTIL (_pl_window_get_conflicts_shown (fixture->window));
  g_assert_cmpuint (pl_conflicts_page_get_n_conflicts (page), ==, 3);

  show_section (fixture, "conflicts");

  /* Both values are there, this device's first. */
  row = conflict_row (fixture, 0);
  conflict = pl_conflict_row_get_conflict (row);
  g_assert_cmpstr (pl_conflict_get_household_name (conflict), ==, "Nguyễn");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (row, PL_TYPE_CONFLICT_ROW, "household_label"))),
                   ==, "Nguyễn");

  /* Keep the other device's phone. */
  row = conflict_row_for (fixture, "phone");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (row, PL_TYPE_CONFLICT_ROW, "field_label"))),
                   ==, "Phone of Nguyễn Thị Hương");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (row, PL_TYPE_CONFLICT_ROW, "this_row"))),
                   ==, "(413) 555-0122");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (row, PL_TYPE_CONFLICT_ROW, "that_row"))),
                   ==, "(413) 555-0111");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (row, PL_TYPE_CONFLICT_ROW, "this_row"))),
                                   "This device · today at "));
  g_signal_emit_by_name (child (row, PL_TYPE_CONFLICT_ROW, "keep_that_button"), "clicked");
  WAIT_UNTIL (pl_conflicts_page_get_n_conflicts (page) == 2);

  /* Keep this device's email. */
  row = conflict_row_for (fixture, "email");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (row, PL_TYPE_CONFLICT_ROW, "field_label"))),
                   ==, "Email of Nguyễn Thị Hương");
  g_signal_emit_by_name (child (row, PL_TYPE_CONFLICT_ROW, "keep_this_button"), "clicked");
  WAIT_UNTIL (pl_conflicts_page_get_n_conflicts (page) == 1);

  family = pl_store_load_family (fixture->store, fixture->nguyen_id, &error);
  g_assert_no_error (error);
  guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);
  g_assert_cmpstr (pl_guardian_get_phone (guardian), ==, "(413) 555-0111");
  g_assert_cmpstr (pl_guardian_get_email (guardian), ==, "nguyen.huong@example.org");
  g_clear_object (&guardian);
  g_clear_object (&family);

  /* Clicking the household opens the family. */
  row = conflict_row_for (fixture, "notes");
  g_signal_emit_by_name (child (row, PL_TYPE_CONFLICT_ROW, "family_button"), "clicked");
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "families");
  g_assert_cmpstr (pl_family_page_get_family_id (_pl_window_get_family_page (fixture->window)), ==,
                   fixture->nguyen_id);

  /* Notes are written anew from both: the last conflict goes, and so does
   * the section. */
  show_section (fixture, "conflicts");
  write_combined (row, "Works nights; call after 10 am, or the aunt first.");
  WAIT_UNTIL (pl_conflicts_page_get_n_conflicts (page) == 0);
  g_assert_false (_pl_window_get_conflicts_shown (fixture->window));
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "families");

  family = pl_store_load_family (fixture->store, fixture->nguyen_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_family_get_notes (family), ==,
                   "Works nights; call after 10 am, or the aunt first.");

  /* The resolutions are changes like any other: they sync. */
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), >, 0);
  sync_now (fixture);
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), ==, 0);
  g_assert_false (_pl_window_get_conflicts_shown (fixture->window));
}

static PlRefusedRow *
refused_row (Fixture *fixture)
{
  GtkWidget *box = child (_pl_window_get_conflicts_page (fixture->window), PL_TYPE_CONFLICTS_PAGE,
                          "refused_box");
  GtkWidget *row = gtk_widget_get_first_child (box);

  g_assert_nonnull (row);
  return PL_REFUSED_ROW (row);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(PlGuardian) guardian = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button, *popover;
  GtkMenuButton *menu_button;
  PlConflictsPage *page;
  PlRefusedRow *row;
  AdwActionRow *change_row;

  if (fixture->skipped)
    return;

  /* The office put this laptop's school and family on the server; Vic, who
   * may only read them, logs in here and changes a phone number. */
  sync_client_as (fixture, fixture->store, "ana");
  pl_test_server_add_user (&fixture->server, "vic", "viewer", fixture->school_id);
  edit_family (fixture->store, fixture->nguyen_id, NULL, "(413) 555-0100", NULL);
  show_window (fixture);
  log_in_as (fixture, "vic");

  /* The sync went through, the change set aside, and the control says so. */
  WAIT_UNTIL (pl_sync_manager_get_refused (manager (fixture)) == 1);
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), ==, 0);
  g_assert_cmpint (pl_sync_manager_get_state (manager (fixture)), ==, PL_SYNC_STATE_IDLE);
  button = sync_button (fixture);
  g_assert_true (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "badge")));
  g_assert_true (gtk_widget_has_css_class (child (button, PL_TYPE_SYNC_BUTTON, "badge"), "error"));
  menu_button = GTK_MENU_BUTTON (child (button, PL_TYPE_SYNC_BUTTON, "menu_button"));
  popover = child (button, PL_TYPE_SYNC_BUTTON, "popover");
  gtk_menu_button_popup (menu_button);
  WAIT_UNTIL (gtk_widget_get_mapped (popover));
  g_assert_true (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "refused_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (button, PL_TYPE_SYNC_BUTTON, "refused_label"))),
                   ==, "1 change was not accepted by the server");

  /* Review leads to the Conflicts section, where it waits in words. */
  g_signal_emit_by_name (child (button, PL_TYPE_SYNC_BUTTON, "review_button"), "clicked");
  WAIT_UNTIL (!gtk_widget_get_visible (popover));
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "conflicts");
  g_assert_true (_pl_window_get_conflicts_shown (fixture->window));
  page = _pl_window_get_conflicts_page (fixture->window);
  g_assert_cmpuint (pl_conflicts_page_get_n_conflicts (page), ==, 1);
  row = refused_row (fixture);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (row, PL_TYPE_REFUSED_ROW, "household_label"))),
                   ==, "Nguyễn");
  change_row = ADW_ACTION_ROW (child (row, PL_TYPE_REFUSED_ROW, "change_row"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (change_row)), ==,
                   "Phone of Nguyễn Thị Hương");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (change_row),
                            "your role may not make this change"));

  /* Try Again sends it at once; the server still says no, so it stays. */
  g_signal_emit_by_name (child (row, PL_TYPE_REFUSED_ROW, "retry_button"), "clicked");
  g_assert_cmpint (pl_sync_manager_get_state (manager (fixture)), ==, PL_SYNC_STATE_SYNCING);
  WAIT_UNTIL (pl_sync_manager_get_state (manager (fixture)) != PL_SYNC_STATE_SYNCING);
  WAIT_UNTIL (pl_sync_manager_get_refused (manager (fixture)) == 1);
  /* The sync's news reach the page; read it now rather than race its reload. */
  iterate ();
  pl_conflicts_page_reload (page);
  g_assert_cmpuint (pl_conflicts_page_get_n_conflicts (page), ==, 1);

  /* Discard… asks first, then the server's phone comes back, and the
   * section goes. */
  row = refused_row (fixture);
  g_signal_emit_by_name (child (row, PL_TYPE_REFUSED_ROW, "discard_button"), "clicked");
  adw_message_dialog_response (find_message_dialog (), "cancel");
  iterate ();
  g_assert_cmpint (pl_sync_manager_get_refused (manager (fixture)), ==, 1);
  g_signal_emit_by_name (child (row, PL_TYPE_REFUSED_ROW, "discard_button"), "clicked");
  adw_message_dialog_response (find_message_dialog (), "discard");
  WAIT_UNTIL (pl_conflicts_page_get_n_conflicts (page) == 0);
  WAIT_UNTIL (pl_sync_manager_get_refused (manager (fixture)) == 0);
  g_assert_false (_pl_window_get_conflicts_shown (fixture->window));
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "families");
  family = pl_store_load_family (fixture->store, fixture->nguyen_id, &error);
  g_assert_no_error (error);
  guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);
  g_assert_cmpstr (pl_guardian_get_phone (guardian), ==, "(413) 555-0199");
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), ==, 0);
}

static gint64
an_hour_ahead (gpointer user_data)
{
  return g_get_real_time () / 1000 + 3600 * 1000;
}

static void
test_clock_ahead (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *button;
  const char *message;

  if (fixture->skipped)
    return;

  show_window (fixture);
  log_in (fixture);

  /* The laptop's clock runs an hour ahead when a note is written. */
  pl_clock_set_default_time_func (an_hour_ahead, NULL);
  edit_family (fixture->store, fixture->nguyen_id, "Prefers mornings", NULL, NULL);
  WAIT_UNTIL (pl_sync_manager_get_unsent (manager (fixture)) > 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync", NULL));
  WAIT_UNTIL (pl_sync_manager_get_state (manager (fixture)) == PL_SYNC_STATE_ERROR);

  /* The control says what to do, in words; nothing is set aside or lost. */
  message = pl_sync_manager_get_error_message (manager (fixture));
  g_assert_nonnull (strstr (message, "clock is ahead"));
  g_assert_nonnull (strstr (message, "date and time"));
  button = sync_button (fixture);
  g_assert_true (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "error_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (button, PL_TYPE_SYNC_BUTTON, "error_label"))),
                   ==, message);
  g_assert_cmpint (pl_sync_manager_get_refused (manager (fixture)), ==, 0);
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), >, 0);
  g_assert_true (pl_sync_manager_get_logged_in (manager (fixture)));

  /* Once the clock is set right, the next sync takes the note. */
  pl_clock_set_default_time_func (NULL, NULL);
  sync_now (fixture);
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "error_box")));
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *button;

  if (fixture->skipped)
    return;

  show_window (fixture);
  log_in (fixture);

  /* The server goes away: the sync fails in words, and the control says so. */
  stop_server (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync", NULL));
  WAIT_UNTIL (pl_sync_manager_get_state (manager (fixture)) == PL_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (pl_sync_manager_get_error_message (manager (fixture)),
                            "Cannot reach the server"));
  button = sync_button (fixture);
  g_assert_true (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "badge")));
  g_assert_true (gtk_widget_has_css_class (child (button, PL_TYPE_SYNC_BUTTON, "badge"), "error"));
  g_assert_true (gtk_widget_get_visible (child (button, PL_TYPE_SYNC_BUTTON, "error_box")));
  /* Still logged in: the next sync may work. */
  g_assert_true (pl_sync_manager_get_logged_in (manager (fixture)));
}

static void
test_session_expired (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *server = NULL;
  GtkWidget *error_label;

  if (fixture->skipped)
    return;

  show_window (fixture);
  log_in (fixture);
  g_assert_null (_pl_window_get_preferences (fixture->window));

  /* The token lives three seconds on this server. */
  g_usleep (4 * G_USEC_PER_SEC);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sync", NULL));
  WAIT_UNTIL (_pl_window_get_preferences (fixture->window) != NULL);
  g_assert_false (pl_sync_manager_get_logged_in (manager (fixture)));

  /* Preferences open on the log-in form, saying why, with the user filled in. */
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (_pl_window_get_preferences (fixture->window))));
  g_assert_true (gtk_widget_get_visible (preferences_child (fixture, "login_group")));
  error_label = preferences_child (fixture, "error_label");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "log in again"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (preferences_child (fixture, "user_row"))),
                   ==, "ana");

  server = g_strdup (gtk_editable_get_text (GTK_EDITABLE (preferences_child (fixture, "server_row"))));
  g_assert_cmpstr (server, ==, pl_sync_manager_get_server_url (manager (fixture)));
  fill_in_and_log_in (fixture, server, "ana", PASSWORD);
  WAIT_UNTIL (pl_sync_manager_get_logged_in (manager (fixture)));
  g_assert_false (gtk_widget_get_visible (preferences_child (fixture, "error_box")));
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (fixture->skipped)
    return;

  /* A demo district instead of the real one. */
  g_clear_object (&fixture->store);
  fixture->store = open_client (fixture, "demo");
  pl_demo_generate (fixture->store, 3, PL_DEMO_DEFAULT_SEED, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->window = g_object_ref_sink (pl_window_new_for_store (NULL, fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  iterate ();

  g_assert_true (pl_sync_manager_get_demo (manager (fixture)));
  g_assert_cmpint (pl_sync_manager_get_unsent (manager (fixture)), ==, 0);

  /* It explains itself and offers no log-in. */
  open_preferences (fixture);
  g_assert_true (gtk_widget_get_visible (preferences_child (fixture, "demo_group")));
  g_assert_false (gtk_widget_get_visible (preferences_child (fixture, "login_group")));
  g_assert_false (gtk_widget_get_visible (preferences_child (fixture, "log_in_group")));
  g_assert_false (gtk_widget_get_visible (preferences_child (fixture, "account_group")));
  g_assert_false (gtk_widget_get_visible (sync_button (fixture)));
  g_assert_false (sync_enabled (fixture));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = NULL;
  int status;

  state_dir = g_dir_make_tmp ("porchlight-app-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/app/sync/log-in-and-sync", Fixture, NULL,
              fixture_setup, test_log_in_and_sync, fixture_teardown);
  g_test_add ("/app/sync/conflict", Fixture, NULL,
              fixture_setup, test_conflict, fixture_teardown);
  g_test_add ("/app/sync/refused", Fixture, NULL,
              fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/app/sync/clock-ahead", Fixture, NULL,
              fixture_setup, test_clock_ahead, fixture_teardown);
  g_test_add ("/app/sync/unreachable", Fixture, NULL,
              fixture_setup, test_unreachable, fixture_teardown);
  g_test_add ("/app/sync/session-expired", Fixture, "3",
              fixture_setup, test_session_expired, fixture_teardown);
  g_test_add ("/app/sync/demo", Fixture, NULL,
              fixture_setup, test_demo, fixture_teardown);

  status = g_test_run ();

  pl_test_dir_remove (state_dir);

  return status;
}
