/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-sync-button.h"
#include "pl-utils.h"

struct _PlSyncButton
{
  GtkWidget       parent_instance;

  PlSyncManager  *manager;
  guint           pulse_source;
  guint           clock_source;

  GtkMenuButton  *menu_button;
  GtkStack       *icon_stack;
  GtkSpinner     *spinner;
  GtkProgressBar *header_progress;
  GtkWidget      *badge;
  GtkPopover     *popover;
  GtkLabel       *status_label;
  GtkLabel       *last_synced_label;
  GtkLabel       *unsent_label;
  GtkWidget      *progress_box;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;
  GtkWidget      *refused_box;
  GtkLabel       *refused_label;
  GtkWidget      *review_button;
  GtkWidget      *error_box;
  GtkLabel       *error_label;
  GtkLabel       *account_label;
  GtkWidget      *sync_now_button;
};

G_DEFINE_FINAL_TYPE (PlSyncButton, pl_sync_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
unsent_text (gint64 unsent)
{
  if (unsent <= 0)
    return g_strdup (_("All changes sent"));

  /* Translators: %'u is a number with thousands separators */
  return g_strdup_printf (ngettext ("%'u change waiting to be sent",
                                    "%'u changes waiting to be sent", (gulong) MIN (unsent, G_MAXUINT)),
                          (guint) MIN (unsent, G_MAXUINT));
}

/* How far a pull got, 0 to 1, or -1 when the server gave no bound yet. */
static double
pull_fraction (PlSyncManager *manager)
{
  guint pulled = pl_sync_manager_get_pulled (manager);
  guint total = pl_sync_manager_get_pull_total (manager);

  if (total == 0 || pulled == 0)
    return -1;
  return MIN (1.0, (double) pulled / total);
}

static char *
server_host (const char *server_url)
{
  g_autoptr(GUri) uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (server_url);

  return g_strdup (g_uri_get_host (uri));
}

static void
update_popover (PlSyncButton *self)
{
  PlSyncState state = pl_sync_manager_get_state (self->manager);
  gint64 unsent = pl_sync_manager_get_unsent (self->manager);
  gint64 refused = pl_sync_manager_get_refused (self->manager);
  guint pulled = pl_sync_manager_get_pulled (self->manager);
  const char *error = pl_sync_manager_get_error_message (self->manager);
  const char *user = pl_sync_manager_get_user_name (self->manager);
  const char *server = pl_sync_manager_get_server_url (self->manager);
  g_autofree char *last = pl_format_last_synced (pl_sync_manager_get_last_synced (self->manager));
  g_autofree char *waiting = unsent_text (unsent);

  /* The heading says what is going on; when that is not the last sync, the
   * last sync comes just below. */
  if (state == PL_SYNC_STATE_SYNCING)
    gtk_label_set_text (self->status_label, _("Syncing…"));
  else if (state == PL_SYNC_STATE_ERROR)
    gtk_label_set_text (self->status_label, _("Sync Failed"));
  else
    gtk_label_set_text (self->status_label, last);
  gtk_label_set_text (self->last_synced_label, last);
  gtk_widget_set_visible (GTK_WIDGET (self->last_synced_label), state != PL_SYNC_STATE_IDLE);
  gtk_label_set_text (self->unsent_label, waiting);

  gtk_widget_set_visible (self->progress_box, state == PL_SYNC_STATE_SYNCING);
  if (state == PL_SYNC_STATE_SYNCING)
    {
      g_autofree char *progress = NULL;

      double fraction = pull_fraction (self->manager);

      if (pulled > 0 && fraction >= 0)
        /* Translators: %'u is a number with thousands separators, e.g. 12,000; then a share,
         * e.g. "Received 12,000 records (45%)". The percent sign may need to be written
         * differently in your language: %% is one percent sign. */
        progress = g_strdup_printf (ngettext ("Received %'u record (%d%%)",
                                              "Received %'u records (%d%%)", pulled),
                                    pulled, (int) (fraction * 100));
      else if (pulled > 0)
        /* Translators: %'u is a number with thousands separators, e.g. 12,000 */
        progress = g_strdup_printf (ngettext ("Received %'u record", "Received %'u records", pulled),
                                    pulled);
      else if (unsent > 0)
        progress = g_strdup (_("Sending changes…"));
      else
        progress = g_strdup (_("Asking the server for changes…"));
      gtk_label_set_text (self->progress_label, progress);
    }

  /* Changes the server would not take wait for a person, in the Conflicts section. */
  gtk_widget_set_visible (self->refused_box, refused > 0);
  if (refused > 0)
    {
      /* Translators: %'u is a number of changes */
      g_autofree char *text = g_strdup_printf (ngettext ("%'u change was not accepted by the "
                                                         "server",
                                                         "%'u changes were not accepted by the "
                                                         "server", (gulong) MIN (refused, G_MAXUINT)),
                                               (guint) MIN (refused, G_MAXUINT));

      gtk_label_set_text (self->refused_label, text);
    }

  gtk_widget_set_visible (self->error_box, state == PL_SYNC_STATE_ERROR && error != NULL);
  gtk_label_set_text (self->error_label, error != NULL ? error : "");

  if (user != NULL && server != NULL)
    {
      g_autofree char *host = server_host (server);
      g_autofree char *account = NULL;

      /* Translators: a user name, then the server's name, e.g. "ana on sync.example.org" */
      account = g_strdup_printf (C_("sync account", "%s on %s"), user, host);
      gtk_label_set_text (self->account_label, account);
    }
}

static gboolean
pulse_cb (gpointer user_data)
{
  PlSyncButton *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
update_pulse (PlSyncButton *self)
{
  gboolean syncing = self->manager != NULL &&
                     pl_sync_manager_get_state (self->manager) == PL_SYNC_STATE_SYNCING;
  double fraction = syncing ? pull_fraction (self->manager) : -1;
  /* A real fraction once the server said how much is to come. */
  gboolean pulse = syncing && fraction < 0 && gtk_widget_get_visible (GTK_WIDGET (self->popover));

  if (fraction >= 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      gtk_progress_bar_set_fraction (self->header_progress, fraction);
    }
  /* In the header bar only while there is something to show: a first sync. */
  gtk_widget_set_visible (GTK_WIDGET (self->header_progress), fraction >= 0);

  if (pulse && self->pulse_source == 0)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);
  else if (!pulse)
    g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static void
update (PlSyncButton *self)
{
  PlSyncState state;
  gint64 unsent, refused;
  g_autofree char *tooltip = NULL;
  gboolean show;

  show = self->manager != NULL && pl_sync_manager_get_logged_in (self->manager) &&
         !pl_sync_manager_get_demo (self->manager);
  gtk_widget_set_visible (GTK_WIDGET (self), show);
  if (!show)
    {
      gtk_popover_popdown (self->popover);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      update_pulse (self);
      return;
    }

  state = pl_sync_manager_get_state (self->manager);
  unsent = pl_sync_manager_get_unsent (self->manager);

  gtk_stack_set_visible_child_name (self->icon_stack,
                                    state == PL_SYNC_STATE_SYNCING ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, state == PL_SYNC_STATE_SYNCING);

  refused = pl_sync_manager_get_refused (self->manager);

  /* The dot: red when the last sync failed or the server refused a change,
   * blue when changes wait. */
  gtk_widget_set_visible (self->badge, state == PL_SYNC_STATE_ERROR ||
                                       (state == PL_SYNC_STATE_IDLE && (unsent > 0 || refused > 0)));
  if (state == PL_SYNC_STATE_ERROR || (state == PL_SYNC_STATE_IDLE && refused > 0))
    gtk_widget_add_css_class (self->badge, "error");
  else
    gtk_widget_remove_css_class (self->badge, "error");

  if (state == PL_SYNC_STATE_SYNCING)
    tooltip = g_strdup (_("Syncing…"));
  else if (state == PL_SYNC_STATE_ERROR)
    tooltip = g_strdup (_("Sync Failed"));
  else if (refused > 0)
    tooltip = g_strdup (_("Changes Not Accepted"));
  else if (unsent > 0)
    tooltip = unsent_text (unsent);
  else
    tooltip = pl_format_last_synced (pl_sync_manager_get_last_synced (self->manager));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);

  update_popover (self);
  update_pulse (self);
}

static gboolean
clock_cb (gpointer user_data)
{
  PlSyncButton *self = user_data;

  /* "10 minutes ago" grows older while the popover is open. */
  update_popover (self);

  return G_SOURCE_CONTINUE;
}

static void
on_popover_show (PlSyncButton *self,
                 GtkPopover   *popover)
{
  if (self->manager == NULL)
    return;

  update_popover (self);
  update_pulse (self);
  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (30, clock_cb, self);
}

static void
on_review_clicked (PlSyncButton *self,
                   GtkButton    *button)
{
  /* The button's action shows the Conflicts section; the popover makes way. */
  gtk_popover_popdown (self->popover);
}

static void
on_popover_hide (PlSyncButton *self,
                 GtkPopover   *popover)
{
  g_clear_handle_id (&self->clock_source, g_source_remove);
  update_pulse (self);
}

PlSyncManager *
pl_sync_button_get_manager (PlSyncButton *self)
{
  g_return_val_if_fail (PL_IS_SYNC_BUTTON (self), NULL);

  return self->manager;
}

void
pl_sync_button_set_manager (PlSyncButton  *self,
                            PlSyncManager *manager)
{
  g_return_if_fail (PL_IS_SYNC_BUTTON (self));
  g_return_if_fail (!manager || PL_IS_SYNC_MANAGER (manager));

  if (self->manager == manager)
    return;

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);

  g_set_object (&self->manager, manager);

  if (manager != NULL)
    g_signal_connect_object (manager, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANAGER]);
}

static void
pl_sync_button_dispose (GObject *object)
{
  PlSyncButton *self = PL_SYNC_BUTTON (object);
  GtkWidget *child;

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_SYNC_BUTTON);
  /* Children without an id in the template are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pl_sync_button_parent_class)->dispose (object);
}

static void
pl_sync_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PlSyncButton *self = PL_SYNC_BUTTON (object);

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
pl_sync_button_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PlSyncButton *self = PL_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      pl_sync_button_set_manager (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_sync_button_class_init (PlSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_sync_button_dispose;
  object_class->get_property = pl_sync_button_get_property;
  object_class->set_property = pl_sync_button_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL,
                         PL_TYPE_SYNC_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, header_progress);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, badge);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, popover);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, status_label);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, last_synced_label);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, unsent_label);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, progress_box);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, refused_box);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, refused_label);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, review_button);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, error_box);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, account_label);
  gtk_widget_class_bind_template_child (widget_class, PlSyncButton, sync_now_button);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_hide);
  gtk_widget_class_bind_template_callback (widget_class, on_review_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_sync_button_init (PlSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
