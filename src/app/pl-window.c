/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"


#include <glib/gi18n.h>

#include "pl-conflicts-page.h"
#include "pl-dashboard-page.h"
#include "pl-entry-page.h"
#include "pl-families-page-private.h"
#include "pl-family-editor.h"
#include "pl-family-page.h"
#include "pl-import-dialog.h"
#include "pl-follow-up-notifier.h"
#include "pl-follow-ups-page.h"
#include "pl-outreach-page.h"
#include "pl-preferences-window.h"
#include "pl-surveys-page.h"
#include "pl-sync-manager.h"
#include "pl-welcome-page.h"
#include "pl-window-private.h"

struct _PlWindow
{
  AdwApplicationWindow  parent_instance;

  PlStore              *store;
  char                 *database_path;
  GSettings            *settings;
  PlFamilyEditor       *editor;       /* weak */
  PlPreferencesWindow  *preferences;  /* weak */
  PlImportDialog       *import_dialog; /* weak */
  PlSyncManager        *sync_manager; /* while there is a store */
  gulong                family_changed_id;
  gulong                after_paint_id;
  guint                 start_sync_source;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  PlWelcomePage        *welcome_page;
  AdwStatusPage        *error_page;
  AdwLeaflet           *sidebar_leaflet;
  GtkListBox           *sections_list;
  GtkStack             *sections_stack;
  AdwLeaflet           *families_leaflet;
  PlFamiliesPage       *families_page;
  PlFamilyPage         *family_page;
  GtkWidget            *conflicts_row;
  GtkLabel             *conflicts_badge;
  PlConflictsPage      *conflicts_page;
  GtkLabel             *follow_ups_badge;
  PlFollowUpsPage      *follow_ups_page;
  PlOutreachPage       *outreach_page;
  PlSurveysPage        *surveys_page;
  PlEntryPage          *entry_page;
  PlDashboardPage      *dashboard_page;
  PlFollowUpNotifier   *notifier;     /* while there is a store and an application */
};

G_DEFINE_FINAL_TYPE (PlWindow, pl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Whether a person chose to start with an empty database is kept in that
 * database, so the empty directory they asked for does not greet them again. */
#define SETTING_CHOSE_EMPTY "chose-empty"

static gboolean
chose_empty_database (PlStore *store)
{
  g_autofree char *value = pl_store_get_setting (store, SETTING_CHOSE_EMPTY);
  return g_strcmp0 (value, "true") == 0;
}

static void
remember_empty_database (PlStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!pl_store_set_setting (store, SETTING_CHOSE_EMPTY, "true", &error))
    g_warning ("Could not remember the choice of an empty database: %s", error->message);
}

static void
toast (PlWindow   *self,
       const char *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_family (PlWindow   *self,
             const char *family_id,
             gboolean    navigate)
{
  g_autoptr(GError) error = NULL;

  if (!pl_family_page_show_family (self->family_page, family_id, &error))
    {
      toast (self, error->message);
      return;
    }

  if (navigate)
    adw_leaflet_set_visible_child (self->families_leaflet, GTK_WIDGET (self->family_page));
}

static void
on_family_selected (PlWindow       *self,
                    const char     *family_id,
                    PlFamiliesPage *page)
{
  show_family (self, family_id, adw_leaflet_get_folded (self->families_leaflet));
}

static void
on_family_activated (PlWindow       *self,
                     const char     *family_id,
                     PlFamiliesPage *page)
{
  if (g_strcmp0 (family_id, pl_family_page_get_family_id (self->family_page)) != 0)
    show_family (self, family_id, FALSE);

  adw_leaflet_set_visible_child (self->families_leaflet, GTK_WIDGET (self->family_page));
}

static void
on_families_leaflet_changed (PlWindow   *self,
                             GParamSpec *pspec,
                             AdwLeaflet *leaflet)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);
  GtkWidget *visible = adw_leaflet_get_visible_child (leaflet);

  /* Folded, the list is a way in: nothing stays selected there, so the same
   * family can be opened again. Side by side, the list marks the one open. */
  if (folded && visible == GTK_WIDGET (self->families_page))
    pl_families_page_select_family (self->families_page, NULL);
  else if (!folded)
    pl_families_page_select_family (self->families_page,
                                    pl_family_page_get_family_id (self->family_page));
}

static void
on_store_family_changed (PlWindow   *self,
                         const char *family_id,
                         PlStore    *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = g_strdup (pl_family_page_get_family_id (self->family_page));

  /* NULL: many families changed at once, as after a sync. */
  if (shown == NULL || (family_id != NULL && !g_str_equal (family_id, shown)))
    return;
  family_id = shown;

  if (!pl_family_page_show_family (self->family_page, family_id, &error))
    {
      /* Deleted: there is nothing to show any more. */
      if (!g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
        toast (self, error->message);

      if (adw_leaflet_get_folded (self->families_leaflet))
        adw_leaflet_set_visible_child (self->families_leaflet, GTK_WIDGET (self->families_page));
    }
}

static void
select_section (PlWindow   *self,
                const char *name)
{
  GtkListBoxRow *row = NULL;

  if (name == NULL || gtk_stack_get_child_by_name (self->sections_stack, name) == NULL)
    name = "families";

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sections_list, i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
      break;

  /* A section with nothing in it now, such as Conflicts, is not shown. */
  if (row != NULL && !gtk_widget_get_visible (GTK_WIDGET (row)) && g_strcmp0 (name, "families") != 0)
    {
      select_section (self, "families");
      return;
    }

  if (row != NULL)
    gtk_list_box_select_row (self->sections_list, row);
}

static void
on_section_selected (PlWindow      *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  const char *name;

  if (row == NULL)
    return;

  name = gtk_widget_get_name (GTK_WIDGET (row));
  gtk_stack_set_visible_child_name (self->sections_stack, name);

  if (self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-section");

      if (g_strcmp0 (last, name) != 0)
        g_settings_set_string (self->settings, "last-section", name);
    }
}

static void
on_section_activated (PlWindow      *self,
                      GtkListBoxRow *row,
                      GtkListBox    *list)
{
  adw_leaflet_navigate (self->sidebar_leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
update_sync_actions (PlWindow *self)
{
  PlSyncManager *manager = self->sync_manager;
  gboolean logged_in = manager != NULL && pl_sync_manager_get_logged_in (manager);
  gboolean demo = manager != NULL && pl_sync_manager_get_demo (manager);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 logged_in && !demo &&
                                 pl_sync_manager_get_state (manager) != PL_SYNC_STATE_SYNCING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-up-sync",
                                 manager != NULL && !logged_in && !demo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", manager != NULL);

  pl_conflicts_page_set_resolved_by (self->conflicts_page,
                                     logged_in ? pl_sync_manager_get_user_name (manager) : NULL);
}

static void
on_sync_manager_notify (PlWindow      *self,
                        GParamSpec    *pspec,
                        PlSyncManager *manager)
{
  update_sync_actions (self);

  /* Another person logged in: "my" follow-ups are theirs now. */
  if (g_strcmp0 (pspec->name, "user-name") == 0 || g_strcmp0 (pspec->name, "logged-in") == 0)
    pl_follow_ups_page_reload (self->follow_ups_page);
}

static void
on_auth_required (PlWindow      *self,
                  PlSyncManager *manager)
{
  /* The server stopped taking the session: the password is needed again. */
  pl_window_show_preferences (self);
}

static void
start_follow_ups (PlWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  pl_follow_ups_page_set_store (self->follow_ups_page, self->store);
  pl_outreach_page_set_store (self->outreach_page, self->store);
  pl_surveys_page_set_store (self->surveys_page, self->store);
  pl_entry_page_set_store (self->entry_page, self->store);
  pl_dashboard_page_set_store (self->dashboard_page, self->store);
  if (self->notifier == NULL && self->store != NULL && application != NULL)
    self->notifier = pl_follow_up_notifier_new (G_APPLICATION (application), self->store);
}

static gboolean
start_sync_cb (gpointer user_data)
{
  PlWindow *self = user_data;

  self->start_sync_source = 0;
  start_follow_ups (self);
  if (self->sync_manager != NULL)
    pl_sync_manager_start (self->sync_manager);
  pl_conflicts_page_reload (self->conflicts_page);

  return G_SOURCE_REMOVE;
}

/* The keyring, the network and the conflicts come after the first frame. */
static void
queue_start_sync (PlWindow *self)
{
  if (self->start_sync_source == 0 && self->sync_manager != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) && self->after_paint_id == 0)
    self->start_sync_source = g_idle_add_full (G_PRIORITY_LOW, start_sync_cb, self, NULL);
}

static void
set_sync_manager (PlWindow *self,
                  PlStore  *store)
{
  if (self->sync_manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync_manager, self);
      pl_sync_manager_shutdown (self->sync_manager);
      g_clear_object (&self->sync_manager);
    }
  g_clear_handle_id (&self->start_sync_source, g_source_remove);

  if (store != NULL)
    {
      self->sync_manager = pl_sync_manager_new (store, self->settings);
      g_signal_connect_object (self->sync_manager, "notify",
                               G_CALLBACK (on_sync_manager_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync_manager, "auth-required",
                               G_CALLBACK (on_auth_required), self, G_CONNECT_SWAPPED);
    }

  pl_families_page_set_sync_manager (self->families_page, self->sync_manager);
  pl_conflicts_page_set_sync_manager (self->conflicts_page, self->sync_manager);
  update_sync_actions (self);
  queue_start_sync (self);
}

static void
set_store (PlWindow *self,
           PlStore  *store)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);

  g_set_object (&self->store, store);

  pl_families_page_set_store (self->families_page, store);
  pl_family_page_set_store (self->family_page, store);
  pl_conflicts_page_set_store (self->conflicts_page, store);
  /* Reading the follow-up lists takes a good part of a second on a district:
   * they and the outreach page's schools come after the first frame
   * (start_follow_ups from start_sync_cb). */
  pl_follow_ups_page_set_store (self->follow_ups_page, NULL);
  pl_outreach_page_set_store (self->outreach_page, NULL);
  pl_surveys_page_set_store (self->surveys_page, NULL);
  pl_entry_page_set_store (self->entry_page, NULL);
  pl_dashboard_page_set_store (self->dashboard_page, NULL);
  g_clear_object (&self->notifier);
  if (self->sync_manager == NULL || store == NULL ||
      pl_sync_manager_get_store (self->sync_manager) != store)
    set_sync_manager (self, store);

  if (store != NULL)
    {
      g_autofree char *section = NULL;

      self->family_changed_id =
        g_signal_connect_object (store, "family-changed",
                                 G_CALLBACK (on_store_family_changed), self,
                                 G_CONNECT_SWAPPED);

      if (self->settings != NULL)
        section = g_settings_get_string (self->settings, "last-section");

      gtk_stack_set_visible_child_name (self->main_stack, "directory");
      pl_families_page_set_key_capture_widget (self->families_page, GTK_WIDGET (self));
      select_section (self, section);
      adw_leaflet_set_visible_child_name (self->sidebar_leaflet, "content");
    }
  else
    {
      pl_families_page_set_key_capture_widget (self->families_page, NULL);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-family", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-roster", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", store != NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
on_welcome_finished (PlWindow      *self,
                     PlStore       *store,
                     gboolean       demo,
                     PlWelcomePage *page)
{
  if (!demo)
    remember_empty_database (store);

  set_store (self, store);
  pl_welcome_page_set_store (page, NULL);

  if (demo)
    toast (self, _("The demo district is ready"));
}

static void
show_error (PlWindow     *self,
            const GError *error)
{
  g_autofree char *description = NULL;
  const char *title = _("Cannot Open the Database");

  if (g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_NEWER_SCHEMA))
    title = _("Made by a Newer Porchlight");
  else if (g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_CORRUPT))
    title = _("Cannot Read the Database");
  else if (g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_BUSY))
    title = _("The Database Is in Use");

  description = g_markup_escape_text (error->message, -1);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
open_database (PlWindow *self)
{
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (self->database_path, G_FILE_TEST_EXISTS))
    {
      pl_welcome_page_set_path (self->welcome_page, self->database_path);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
      return;
    }

  store = pl_store_open (self->database_path, &error);
  if (store == NULL)
    {
      show_error (self, error);
      return;
    }

  set_store (self, store);

  /* The directory's list already knows whether there is any family. */
  if (g_strcmp0 (_pl_families_page_get_state (self->families_page), "empty") == 0 &&
      !chose_empty_database (store))
    {
      set_store (self, NULL);
      pl_welcome_page_set_store (self->welcome_page, store);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
}

static void
on_editor_saved (PlWindow       *self,
                 const char     *family_id,
                 PlFamilyEditor *editor)
{
  gboolean is_new = g_object_get_data (G_OBJECT (editor), "pl-new-family") != NULL;

  show_family (self, family_id, adw_leaflet_get_folded (self->families_leaflet));
  pl_families_page_select_family (self->families_page, family_id);

  toast (self, is_new ? _("Family added") : _("Changes saved"));
}

static void
open_editor (PlWindow *self,
             PlFamily *family)
{
  PlFamilyEditor *editor;

  if (self->store == NULL)
    return;

  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  editor = pl_family_editor_new (GTK_WINDOW (self), self->store, family);
  if (family == NULL)
    g_object_set_data (G_OBJECT (editor), "pl-new-family", GINT_TO_POINTER (TRUE));

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);

  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_family_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_editor (PL_WINDOW (widget), NULL);
}

static void
edit_family_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlFamily *family = pl_family_page_get_family (self->family_page);

  if (family != NULL)
    open_editor (self, family);
}

static void
log_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pl_family_page_log_contact (PL_WINDOW (widget)->family_page);
}

/* Ctrl+L logs a contact with the family last picked, from any section. */
static void
on_shown_family_changed (PlWindow     *self,
                         GParamSpec   *pspec,
                         PlFamilyPage *page)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.log-contact",
                                 pl_family_page_get_family_id (page) != NULL);
}

static void
delete_family_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autofree char *family_id = g_strdup (pl_family_page_get_family_id (self->family_page));
  g_autoptr(GError) error = NULL;
  AdwToast *deleted;

  if (family_id == NULL)
    return;

  if (!pl_store_delete_family (self->store, family_id, &error))
    {
      toast (self, error->message);
      return;
    }

  pl_family_page_show_family (self->family_page, NULL, NULL);
  if (adw_leaflet_get_folded (self->families_leaflet))
    adw_leaflet_set_visible_child (self->families_leaflet, GTK_WIDGET (self->families_page));

  deleted = adw_toast_new (_("Family deleted"));
  adw_toast_set_button_label (deleted, _("_Undo"));
  adw_toast_set_action_name (deleted, "win.undo-delete");
  adw_toast_set_action_target_value (deleted, g_variant_new_string (family_id));
  adw_toast_set_priority (deleted, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, deleted);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  const char *family_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!pl_store_restore_family (self->store, family_id, &error))
    {
      toast (self, error->message);
      return;
    }

  show_family (self, family_id, adw_leaflet_get_folded (self->families_leaflet));
  pl_families_page_select_family (self->families_page, family_id);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->store == NULL)
    return;

  select_section (self, "families");
  adw_leaflet_set_visible_child_name (self->sidebar_leaflet, "content");
  adw_leaflet_set_visible_child (self->families_leaflet, GTK_WIDGET (self->families_page));
  pl_families_page_start_search (self->families_page);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->sync_manager != NULL)
    pl_sync_manager_sync (self->sync_manager);
}

/* From the sync popover: the changes the server did not accept wait there. */
static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->store == NULL)
    return;

  pl_conflicts_page_reload (self->conflicts_page);
  select_section (self, "conflicts");
  adw_leaflet_set_visible_child_name (self->sidebar_leaflet, "content");
}

static void
import_roster_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->store == NULL)
    return;
  if (self->import_dialog == NULL)
    g_set_weak_pointer (&self->import_dialog, pl_import_dialog_new (GTK_WINDOW (self), self->store));
  gtk_window_present (GTK_WINDOW (self->import_dialog));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pl_window_show_preferences (PL_WINDOW (widget));
}

static void
on_conflict_family_activated (PlWindow        *self,
                              const char      *family_id,
                              PlConflictsPage *page)
{
  select_section (self, "families");
  adw_leaflet_set_visible_child_name (self->sidebar_leaflet, "content");
  show_family (self, family_id, TRUE);
  pl_families_page_select_family (self->families_page, family_id);
}

static void
on_n_conflicts_changed (PlWindow        *self,
                        GParamSpec      *pspec,
                        PlConflictsPage *page)
{
  guint n_conflicts = pl_conflicts_page_get_n_conflicts (page);
  g_autofree char *count = g_strdup_printf ("%u", n_conflicts);

  gtk_label_set_text (self->conflicts_badge, count);
  gtk_widget_set_visible (self->conflicts_row, n_conflicts > 0);

  /* The last one settled: the section goes, so back to the families. */
  if (n_conflicts == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->sections_stack), "conflicts") == 0)
    select_section (self, "families");
}

/* A family opened from Follow-ups or Outreach shows in the Families section. */
static void
on_section_family_activated (PlWindow   *self,
                             const char *family_id,
                             GtkWidget  *page)
{
  select_section (self, "families");
  adw_leaflet_set_visible_child_name (self->sidebar_leaflet, "content");
  show_family (self, family_id, TRUE);
  pl_families_page_select_family (self->families_page, family_id);
}

static void
on_n_due_changed (PlWindow        *self,
                  GParamSpec      *pspec,
                  PlFollowUpsPage *page)
{
  guint n_due = pl_follow_ups_page_get_n_due (page);
  g_autofree char *count = g_strdup_printf ("%u", n_due);

  gtk_label_set_text (self->follow_ups_badge, count);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_ups_badge), n_due > 0);
}

static void
show_follow_ups_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->store == NULL)
    return;

  select_section (self, "follow-ups");
  adw_leaflet_set_visible_child_name (self->sidebar_leaflet, "content");
  gtk_window_present (GTK_WINDOW (self));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  adw_leaflet_navigate (self->sidebar_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  adw_leaflet_navigate (self->families_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

PlWindow *
pl_window_new (PlApplication *application,
               const char    *database_path)
{
  g_return_val_if_fail (!application || PL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (PL_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

PlWindow *
pl_window_new_for_store (PlApplication *application,
                         PlStore       *store)
{
  g_return_val_if_fail (!application || PL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  return g_object_new (PL_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

void
pl_window_show_preferences (PlWindow *self)
{
  g_return_if_fail (PL_IS_WINDOW (self));

  if (self->sync_manager == NULL)
    return;

  if (self->preferences == NULL)
    g_set_weak_pointer (&self->preferences,
                        pl_preferences_window_new (GTK_WINDOW (self), self->sync_manager));

  pl_preferences_window_show_account (self->preferences);
  gtk_window_present (GTK_WINDOW (self->preferences));
}

PlStore *
pl_window_get_store (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);

  return self->store;
}

GtkEditable *
_pl_window_get_search_entry (PlWindow *self)
{
  return _pl_families_page_get_search_entry (self->families_page);
}

GtkListView *
_pl_window_get_list_view (PlWindow *self)
{
  return _pl_families_page_get_list_view (self->families_page);
}

PlFamiliesPage *
_pl_window_get_families_page (PlWindow *self)
{
  return self->families_page;
}

PlFamilyPage *
_pl_window_get_family_page (PlWindow *self)
{
  return self->family_page;
}

PlWelcomePage *
_pl_window_get_welcome_page (PlWindow *self)
{
  return self->welcome_page;
}

PlFamilyEditor *
_pl_window_get_editor (PlWindow *self)
{
  return self->editor;
}

PlPreferencesWindow *
_pl_window_get_preferences (PlWindow *self)
{
  return self->preferences;
}

PlImportDialog *
_pl_window_get_import_dialog (PlWindow *self)
{
  return self->import_dialog;
}

PlSyncManager *
_pl_window_get_sync_manager (PlWindow *self)
{
  return self->sync_manager;
}

PlConflictsPage *
_pl_window_get_conflicts_page (PlWindow *self)
{
  return self->conflicts_page;
}

PlFollowUpsPage *
_pl_window_get_follow_ups_page (PlWindow *self)
{
  return self->follow_ups_page;
}

PlOutreachPage *
_pl_window_get_outreach_page (PlWindow *self)
{
  return self->outreach_page;
}

PlSurveysPage *
_pl_window_get_surveys_page (PlWindow *self)
{
  return self->surveys_page;
}

PlEntryPage *
_pl_window_get_entry_page (PlWindow *self)
{
  return self->entry_page;
}

PlDashboardPage *
_pl_window_get_dashboard_page (PlWindow *self)
{
  return self->dashboard_page;
}

const char *
_pl_window_get_follow_ups_badge (PlWindow *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->follow_ups_badge))
           ? gtk_label_get_text (self->follow_ups_badge) : NULL;
}

const char *
_pl_window_get_section (PlWindow *self)
{
  return gtk_stack_get_visible_child_name (self->sections_stack);
}

gboolean
_pl_window_get_conflicts_shown (PlWindow *self)
{
  return gtk_widget_get_visible (self->conflicts_row);
}

const char *
_pl_window_get_page (PlWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
_pl_window_get_families_state (PlWindow *self)
{
  return _pl_families_page_get_state (self->families_page);
}

static void
load_window_state (PlWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without the schema, the window simply does not
   * remember its size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s is not installed; window state is not kept", APPLICATION_ID);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (PlWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* The size to come back to is the one before maximizing. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
pl_window_close_request (GtkWindow *window)
{
  PlWindow *self = PL_WINDOW (window);

  save_window_state (self);
  pl_welcome_page_cancel (self->welcome_page);

  return GTK_WINDOW_CLASS (pl_window_parent_class)->close_request (window);
}

static void
on_frame_clock_after_paint (GdkFrameClock *frame_clock,
                            PlWindow      *self)
{
  g_clear_signal_handler (&self->after_paint_id, frame_clock);
  queue_start_sync (self);
}

static void
pl_window_map (GtkWidget *widget)
{
  PlWindow *self = PL_WINDOW (widget);
  GdkFrameClock *frame_clock;

  GTK_WIDGET_CLASS (pl_window_parent_class)->map (widget);

  frame_clock = gtk_widget_get_frame_clock (widget);
  if (frame_clock != NULL && self->after_paint_id == 0 && self->start_sync_source == 0)
    self->after_paint_id = g_signal_connect_object (frame_clock, "after-paint",
                                                    G_CALLBACK (on_frame_clock_after_paint),
                                                    self, 0);
  else
    queue_start_sync (self);
}

static void
pl_window_constructed (GObject *object)
{
  PlWindow *self = PL_WINDOW (object);

  G_OBJECT_CLASS (pl_window_parent_class)->constructed (object);

  load_window_state (self);

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "follow-ups-scope", self->follow_ups_page, "scope",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "outreach-days", self->outreach_page, "days",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "school-terms", self->outreach_page, "terms",
                       G_SETTINGS_BIND_GET);
    }

  if (self->store != NULL)
    {
      g_autoptr(PlStore) store = g_steal_pointer (&self->store);

      set_store (self, store);
    }
  else if (self->database_path != NULL)
    {
      open_database (self);
    }
}

static void
pl_window_dispose (GObject *object)
{
  PlWindow *self = PL_WINDOW (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);
  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->preferences);
  g_clear_weak_pointer (&self->import_dialog);
  g_clear_handle_id (&self->start_sync_source, g_source_remove);
  g_clear_object (&self->notifier);
  /* A sync under way stops; the manager goes with the window. */
  if (self->sync_manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync_manager, self);
      pl_sync_manager_shutdown (self->sync_manager);
      g_clear_object (&self->sync_manager);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_window_parent_class)->dispose (object);
}

static void
pl_window_finalize (GObject *object)
{
  PlWindow *self = PL_WINDOW (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (pl_window_parent_class)->finalize (object);
}

static void
pl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      /* Construct-only: taken up in constructed(). */
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_DATABASE_PATH:
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_window_class_init (PlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pl_window_constructed;
  object_class->dispose = pl_window_dispose;
  object_class->finalize = pl_window_finalize;
  object_class->get_property = pl_window_get_property;
  object_class->set_property = pl_window_set_property;

  window_class->close_request = pl_window_close_request;
  widget_class->map = pl_window_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PL_TYPE_FAMILIES_PAGE);
  g_type_ensure (PL_TYPE_FAMILY_PAGE);
  g_type_ensure (PL_TYPE_WELCOME_PAGE);
  g_type_ensure (PL_TYPE_CONFLICTS_PAGE);
  g_type_ensure (PL_TYPE_FOLLOW_UPS_PAGE);
  g_type_ensure (PL_TYPE_OUTREACH_PAGE);
  g_type_ensure (PL_TYPE_SURVEYS_PAGE);
  g_type_ensure (PL_TYPE_ENTRY_PAGE);
  g_type_ensure (PL_TYPE_DASHBOARD_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, sidebar_leaflet);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, sections_list);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, sections_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, families_leaflet);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, families_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, family_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, conflicts_row);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, conflicts_badge);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, conflicts_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, follow_ups_badge);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, follow_ups_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, outreach_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, surveys_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, entry_page);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, dashboard_page);
  gtk_widget_class_bind_template_callback (widget_class, on_family_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_family_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_families_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_section_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_section_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_family_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_n_conflicts_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_section_family_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_n_due_changed);

  gtk_widget_class_install_action (widget_class, "win.add-family", NULL, add_family_action);
  gtk_widget_class_install_action (widget_class, "win.edit-family", NULL, edit_family_action);
  gtk_widget_class_install_action (widget_class, "win.delete-family", NULL, delete_family_action);
  gtk_widget_class_install_action (widget_class, "win.log-contact", NULL, log_contact_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL,
                                   show_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL, import_roster_action);
  gtk_widget_class_install_action (widget_class, "win.set-up-sync", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-follow-ups", NULL,
                                   show_follow_ups_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-family", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.log-contact", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
}

static void
pl_window_init (PlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-family", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  update_sync_actions (self);

  g_signal_connect_object (self->family_page, "notify::family-id",
                           G_CALLBACK (on_shown_family_changed), self, G_CONNECT_SWAPPED);
  on_shown_family_changed (self, NULL, self->family_page);
}
