/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-preferences-window.h"
#include "pl-sync-client.h"
#include "pl-utils.h"

struct _PlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PlSyncManager        *manager;
  GCancellable         *cancellable;
  char                 *log_in_error;   /* the last failed log-in, in words */
  gboolean              logging_in;

  AdwPreferencesPage   *account_page;
  AdwPreferencesGroup  *demo_group;
  AdwPreferencesGroup  *login_group;
  AdwPreferencesGroup  *log_in_group;
  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *server_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  GtkWidget            *log_in_button;
  GtkSpinner           *log_in_spinner;
  GtkLabel             *log_in_label;
  AdwActionRow         *account_row;
  AdwActionRow         *status_row;
  GtkWidget            *log_out_button;
  GtkWidget            *sync_now_button;
};

G_DEFINE_FINAL_TYPE (PlPreferencesWindow, pl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
update_status_row (PlPreferencesWindow *self)
{
  g_autofree char *last = pl_format_last_synced (pl_sync_manager_get_last_synced (self->manager));
  PlSyncState state = pl_sync_manager_get_state (self->manager);
  const char *error = pl_sync_manager_get_error_message (self->manager);
  gint64 unsent = pl_sync_manager_get_unsent (self->manager);
  g_autofree char *subtitle = NULL;

  if (state == PL_SYNC_STATE_SYNCING)
    subtitle = g_strdup (_("Syncing…"));
  else if (state == PL_SYNC_STATE_ERROR && error != NULL)
    subtitle = g_strdup (error);
  else if (unsent > 0)
    /* Translators: %'u is a number with thousands separators */
    subtitle = g_strdup_printf (ngettext ("%'u change waiting to be sent",
                                          "%'u changes waiting to be sent",
                                          (gulong) MIN (unsent, G_MAXUINT)),
                                (guint) MIN (unsent, G_MAXUINT));
  else
    subtitle = g_strdup (_("All changes sent"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), last);
  adw_action_row_set_subtitle (self->status_row, subtitle);
  gtk_widget_set_sensitive (self->sync_now_button, state != PL_SYNC_STATE_SYNCING);
}

static void
update (PlPreferencesWindow *self)
{
  gboolean demo = pl_sync_manager_get_demo (self->manager);
  gboolean logged_in = pl_sync_manager_get_logged_in (self->manager);
  const char *error = self->log_in_error;

  gtk_widget_set_visible (GTK_WIDGET (self->demo_group), demo);
  gtk_widget_set_visible (GTK_WIDGET (self->login_group), !demo && !logged_in);
  gtk_widget_set_visible (GTK_WIDGET (self->log_in_group), !demo && !logged_in);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), !demo && logged_in);

  if (logged_in)
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a user name */
      title = g_strdup_printf (_("Logged in as %s"), pl_sync_manager_get_user_name (self->manager));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), title);
      adw_action_row_set_subtitle (self->account_row, pl_sync_manager_get_server_url (self->manager));
      update_status_row (self);
    }

  /* Why the server stopped accepting the session, when it did. */
  if (error == NULL && !logged_in)
    error = pl_sync_manager_get_account_error (self->manager);
  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (self->error_box, error != NULL && !logged_in && !demo);

  gtk_widget_set_visible (GTK_WIDGET (self->log_in_spinner), self->logging_in);
  gtk_spinner_set_spinning (self->log_in_spinner, self->logging_in);
  gtk_label_set_text_with_mnemonic (self->log_in_label,
                                    self->logging_in ? _("Logging In…") : _("_Log In"));
  gtk_widget_set_sensitive (self->log_in_button, !self->logging_in);
  /* Locked, not insensitive: the row with the cursor keeps it. */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !self->logging_in);
  gtk_editable_set_editable (GTK_EDITABLE (self->user_row), !self->logging_in);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !self->logging_in);
}

static void
fill_in_account (PlPreferencesWindow *self)
{
  const char *server = pl_sync_manager_get_server_url (self->manager);
  const char *user = pl_sync_manager_get_user_name (self->manager);

  /* Who logged in last, so only the password is left to type. */
  if (server != NULL && is_blank (entry_text (self->server_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  if (user != NULL && is_blank (entry_text (self->user_row)))
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
}

static void
on_manager_notify (PlPreferencesWindow *self,
                   GParamSpec          *pspec,
                   PlSyncManager       *manager)
{
  if (g_str_equal (pspec->name, "logged-in") && !pl_sync_manager_get_logged_in (manager))
    fill_in_account (self);

  update (self);
}

static void
on_field_changed (PlPreferencesWindow *self,
                  GtkEditable         *row)
{
  set_row_error (ADW_ENTRY_ROW (row), FALSE);
}

static void
show_log_in_error (PlPreferencesWindow *self,
                   const GError        *error)
{
  AdwEntryRow *culprit = NULL;

  g_free (self->log_in_error);
  self->log_in_error = g_strdup (error->message);

  if (g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_WRONG_PASSWORD))
    culprit = self->password_row;
  else if (g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_UNREACHABLE) ||
           g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_TLS) ||
           g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY))
    culprit = self->server_row;

  update (self);

  if (culprit != NULL)
    {
      set_row_error (culprit, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (culprit));
    }
}

static void
on_logged_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PlPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  self->logging_in = FALSE;

  if (!pl_sync_manager_log_in_finish (PL_SYNC_MANAGER (source), result, &warning, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_log_in_error (self, error);
      else
        update (self);
      return;
    }

  g_clear_pointer (&self->log_in_error, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  update (self);

  /* Contacts logged from now on are this person's. */
  if (!pl_store_set_me (pl_sync_manager_get_store (self->manager),
                        pl_sync_manager_get_user_name (self->manager), &error))
    g_warning ("Could not remember who logged in: %s", error->message);

  if (warning != NULL)
    {
      AdwToast *toast = adw_toast_new (warning);

      adw_toast_set_timeout (toast, 0);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
    }
}

static void
on_log_in_clicked (PlPreferencesWindow *self,
                   GtkButton           *button)
{
  AdwEntryRow *missing = NULL;

  if (self->logging_in || pl_sync_manager_get_logged_in (self->manager))
    return;

  /* The first empty field is where typing goes next. */
  if (is_blank (entry_text (self->password_row)))
    missing = self->password_row;
  if (is_blank (entry_text (self->user_row)))
    missing = self->user_row;
  if (is_blank (entry_text (self->server_row)))
    missing = self->server_row;
  if (missing != NULL)
    {
      set_row_error (missing, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (missing));
      return;
    }

  g_clear_pointer (&self->log_in_error, g_free);
  self->logging_in = TRUE;
  update (self);

  pl_sync_manager_log_in_async (self->manager,
                                entry_text (self->server_row),
                                entry_text (self->user_row),
                                entry_text (self->password_row),
                                self->cancellable,
                                on_logged_in,
                                g_object_ref (self));
}

static void
on_logged_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PlPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (pl_sync_manager_log_out_finish (PL_SYNC_MANAGER (source), result, &error))
    toast = adw_toast_new (_("Logged out"));
  else
    {
      /* Logged out here all the same; the token left the keyring. */
      toast = adw_toast_new (_("Logged out on this computer. The server could not be reached, "
                               "so the session ends there when it expires."));
      adw_toast_set_timeout (toast, 0);
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
on_log_out_clicked (PlPreferencesWindow *self,
                    GtkButton           *button)
{
  /* The session ends on the server too, so the token opens nothing even
   * where it was copied; here it ends at once either way. */
  pl_sync_manager_log_out_async (self->manager, NULL, on_logged_out, g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_sync_now_clicked (PlPreferencesWindow *self,
                     GtkButton           *button)
{
  pl_sync_manager_sync (self->manager);
}

void
pl_preferences_window_show_account (PlPreferencesWindow *self)
{
  g_return_if_fail (PL_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), self->account_page);

  if (pl_sync_manager_get_demo (self->manager) || pl_sync_manager_get_logged_in (self->manager))
    return;

  fill_in_account (self);
  if (is_blank (entry_text (self->server_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (is_blank (entry_text (self->user_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

PlSyncManager *
pl_preferences_window_get_manager (PlPreferencesWindow *self)
{
  g_return_val_if_fail (PL_IS_PREFERENCES_WINDOW (self), NULL);

  return self->manager;
}

PlPreferencesWindow *
pl_preferences_window_new (GtkWindow     *parent,
                           PlSyncManager *manager)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (manager), NULL);

  return g_object_new (PL_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "manager", manager,
                       NULL);
}

static void
pl_preferences_window_constructed (GObject *object)
{
  PlPreferencesWindow *self = PL_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (pl_preferences_window_parent_class)->constructed (object);

  g_assert (self->manager != NULL);

  g_signal_connect_object (self->manager, "notify", G_CALLBACK (on_manager_notify), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->log_in_button);

  fill_in_account (self);
  update (self);
}

static void
pl_preferences_window_dispose (GObject *object)
{
  PlPreferencesWindow *self = PL_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->manager);

  G_OBJECT_CLASS (pl_preferences_window_parent_class)->dispose (object);
}

static void
pl_preferences_window_finalize (GObject *object)
{
  PlPreferencesWindow *self = PL_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->log_in_error, g_free);

  G_OBJECT_CLASS (pl_preferences_window_parent_class)->finalize (object);
}

static void
pl_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PlPreferencesWindow *self = PL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PlPreferencesWindow *self = PL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_preferences_window_class_init (PlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pl_preferences_window_constructed;
  object_class->dispose = pl_preferences_window_dispose;
  object_class->finalize = pl_preferences_window_finalize;
  object_class->get_property = pl_preferences_window_get_property;
  object_class->set_property = pl_preferences_window_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL,
                         PL_TYPE_SYNC_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, account_page);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, demo_group);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, login_group);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, log_in_group);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, error_box);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, log_in_button);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, log_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, log_in_label);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, log_out_button);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, sync_now_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_log_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_log_out_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_clicked);
}

static void
pl_preferences_window_init (PlPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
