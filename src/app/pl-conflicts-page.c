/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-conflict-row.h"
#include "pl-conflicts-page.h"
#include "pl-refused-row.h"

struct _PlConflictsPage
{
  GtkWidget        parent_instance;

  PlStore         *store;
  PlSyncManager   *sync_manager;  /* for discarding refused changes; may be NULL */
  char            *resolved_by;
  guint            n_conflicts;
  gulong           family_changed_id;
  guint            reload_source;
  gboolean         show_start_title_buttons;
  gboolean         show_back_button;

  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkWidget       *refused_section;
  GtkWidget       *refused_box;
  GtkWidget       *conflicts_section;
  GtkWidget       *conflicts_heading;
  GtkWidget       *conflicts_box;
};

G_DEFINE_FINAL_TYPE (PlConflictsPage, pl_conflicts_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_CONFLICTS,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

enum {
  FAMILY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast (PlConflictsPage *self,
       const char      *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_warning ("%s", title);
}

static void
set_n_conflicts (PlConflictsPage *self,
                 guint            n_conflicts)
{
  g_autofree char *subtitle = NULL;

  if (n_conflicts > 0)
    /* Translators: %u is a number of conflicts a person still has to settle */
    subtitle = g_strdup_printf (ngettext ("%u to settle", "%u to settle", n_conflicts), n_conflicts);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, n_conflicts > 0 ? "list" : "empty");

  if (self->n_conflicts == n_conflicts)
    return;

  self->n_conflicts = n_conflicts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

static void queue_reload (PlConflictsPage *self);

static void
on_row_resolve (PlConflictsPage  *self,
                PlConflictChoice  choice,
                const char       *combined,
                PlConflictRow    *row)
{
  PlConflict *conflict = pl_conflict_row_get_conflict (row);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!pl_store_resolve_conflict (self->store, pl_conflict_get_id (conflict), choice, combined,
                                  self->resolved_by, &error))
    {
      toast (self, error->message);
      return;
    }

  /* Not from inside the row's own click: it is about to be replaced. A
   * conflict of a row outside any family changes no family, so the store's
   * signal alone would miss it. */
  queue_reload (self);
}

static void
on_row_show_family (PlConflictsPage *self,
                    const char      *family_id,
                    GtkWidget       *row)
{
  g_signal_emit (self, signals[FAMILY_ACTIVATED], 0, family_id);
}

static void
on_refused_retry (PlConflictsPage *self,
                  PlRefusedRow    *row)
{
  PlRefusedChange *change = pl_refused_row_get_change (row);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL)
    return;

  /* Logged out, it waits for the next log-in with the other changes. */
  if (self->sync_manager != NULL)
    ok = pl_sync_manager_retry_refused (self->sync_manager,
                                        pl_refused_change_get_change_id (change), &error);
  else
    ok = pl_store_retry_refused (self->store, pl_refused_change_get_change_id (change), &error);
  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("The change will be sent again"));
  queue_reload (self);
}

static void
on_discarded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PlConflictsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pl_sync_manager_discard_refused_finish (PL_SYNC_MANAGER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
    }
  else
    toast (self, _("Change discarded"));
  queue_reload (self);
}

static void
on_refused_discard (PlConflictsPage *self,
                    PlRefusedRow    *row)
{
  PlRefusedChange *change = pl_refused_row_get_change (row);

  if (self->sync_manager == NULL)
    {
      toast (self, _("Log in to the sync server first: discarding a change takes the server’s "
                     "copy of the record back"));
      return;
    }

  pl_refused_row_set_busy (row, TRUE);
  pl_sync_manager_discard_refused_async (self->sync_manager,
                                         pl_refused_change_get_change_id (change), NULL,
                                         on_discarded, g_object_ref (self));
}

void
pl_conflicts_page_reload (PlConflictsPage *self)
{
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(GListModel) refused = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n_items, n_refused;

  g_return_if_fail (PL_IS_CONFLICTS_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);

  while ((child = gtk_widget_get_first_child (self->conflicts_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->conflicts_box), child);
  while ((child = gtk_widget_get_first_child (self->refused_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->refused_box), child);

  if (self->store == NULL)
    {
      set_n_conflicts (self, 0);
      return;
    }

  conflicts = pl_store_list_conflicts (self->store, &error);
  if (conflicts != NULL)
    refused = pl_store_list_refused (self->store, &error);
  if (conflicts == NULL || refused == NULL)
    {
      g_warning ("Could not read the conflicts: %s", error->message);
      set_n_conflicts (self, 0);
      return;
    }

  /* Changes the server did not take come first: nothing else moves them on. */
  n_refused = g_list_model_get_n_items (refused);
  for (guint i = 0; i < n_refused; i++)
    {
      g_autoptr(PlRefusedChange) change = g_list_model_get_item (refused, i);
      g_autoptr(PlRefusedChange) previous = i > 0 ? g_list_model_get_item (refused, i - 1) : NULL;
      GtkWidget *row = pl_refused_row_new (self->store, change);

      /* A family's changes sit together under its name. */
      if (previous != NULL && pl_refused_change_get_family_id (change) != NULL &&
          g_strcmp0 (pl_refused_change_get_family_id (previous),
                     pl_refused_change_get_family_id (change)) == 0)
        pl_refused_row_set_show_household (PL_REFUSED_ROW (row), FALSE);

      g_signal_connect_object (row, "retry", G_CALLBACK (on_refused_retry), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "discard", G_CALLBACK (on_refused_discard), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "show-family", G_CALLBACK (on_row_show_family), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->refused_box), row);
    }

  /* A handful at most: people settle them as they come. */
  n_items = g_list_model_get_n_items (conflicts);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PlConflict) conflict = g_list_model_get_item (conflicts, i);
      GtkWidget *row = pl_conflict_row_new (self->store, conflict);

      g_signal_connect_object (row, "resolve", G_CALLBACK (on_row_resolve), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "show-family", G_CALLBACK (on_row_show_family), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->conflicts_box), row);
    }

  gtk_widget_set_visible (self->refused_section, n_refused > 0);
  gtk_widget_set_visible (self->conflicts_section, n_items > 0);
  /* Under the page's own title, one kind needs no heading of its own. */
  gtk_widget_set_visible (self->conflicts_heading, n_refused > 0);
  set_n_conflicts (self, n_items + n_refused);
}

static gboolean
reload_cb (gpointer user_data)
{
  PlConflictsPage *self = user_data;

  self->reload_source = 0;
  pl_conflicts_page_reload (self);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (PlConflictsPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_LOW, reload_cb, self, NULL);
}

static void
on_store_family_changed (PlConflictsPage *self,
                         const char      *family_id,
                         PlStore         *store)
{
  /* A sync may have brought conflicts, and an edit may have settled one. */
  queue_reload (self);
}

PlStore *
pl_conflicts_page_get_store (PlConflictsPage *self)
{
  g_return_val_if_fail (PL_IS_CONFLICTS_PAGE (self), NULL);

  return self->store;
}

void
pl_conflicts_page_set_store (PlConflictsPage *self,
                             PlStore         *store)
{
  g_return_if_fail (PL_IS_CONFLICTS_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);

  g_set_object (&self->store, store);

  if (store != NULL)
    self->family_changed_id =
      g_signal_connect_object (store, "family-changed",
                               G_CALLBACK (on_store_family_changed), self, G_CONNECT_SWAPPED);

  /* The conflicts are not needed for the first frame: the window reads
   * them once it is on screen (pl_conflicts_page_reload()). */
  if (store == NULL)
    pl_conflicts_page_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
pl_conflicts_page_set_sync_manager (PlConflictsPage *self,
                                    PlSyncManager   *manager)
{
  g_return_if_fail (PL_IS_CONFLICTS_PAGE (self));
  g_return_if_fail (!manager || PL_IS_SYNC_MANAGER (manager));

  g_set_object (&self->sync_manager, manager);
}

guint
pl_conflicts_page_get_n_conflicts (PlConflictsPage *self)
{
  g_return_val_if_fail (PL_IS_CONFLICTS_PAGE (self), 0);

  return self->n_conflicts;
}

void
pl_conflicts_page_set_resolved_by (PlConflictsPage *self,
                                   const char      *user_name)
{
  g_return_if_fail (PL_IS_CONFLICTS_PAGE (self));

  g_free (self->resolved_by);
  self->resolved_by = g_strdup (user_name);
}

static void
pl_conflicts_page_dispose (GObject *object)
{
  PlConflictsPage *self = PL_CONFLICTS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CONFLICTS_PAGE);
  /* Children without an id in the template are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);
  g_clear_object (&self->sync_manager);

  G_OBJECT_CLASS (pl_conflicts_page_parent_class)->dispose (object);
}

static void
pl_conflicts_page_finalize (GObject *object)
{
  PlConflictsPage *self = PL_CONFLICTS_PAGE (object);

  g_clear_pointer (&self->resolved_by, g_free);

  G_OBJECT_CLASS (pl_conflicts_page_parent_class)->finalize (object);
}

static void
pl_conflicts_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PlConflictsPage *self = PL_CONFLICTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_start_title_buttons);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (PlConflictsPage *self,
             gboolean        *field,
             gboolean         value,
             guint            prop_id)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pl_conflicts_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PlConflictsPage *self = PL_CONFLICTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pl_conflicts_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      set_boolean (self, &self->show_start_title_buttons, g_value_get_boolean (value), prop_id);
      break;

    case PROP_SHOW_BACK_BUTTON:
      set_boolean (self, &self->show_back_button, g_value_get_boolean (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_conflicts_page_class_init (PlConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_conflicts_page_dispose;
  object_class->finalize = pl_conflicts_page_finalize;
  object_class->get_property = pl_conflicts_page_get_property;
  object_class->set_property = pl_conflicts_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FAMILY_ACTIVATED] =
    g_signal_new ("family-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlConflictsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PlConflictsPage, refused_section);
  gtk_widget_class_bind_template_child (widget_class, PlConflictsPage, refused_box);
  gtk_widget_class_bind_template_child (widget_class, PlConflictsPage, conflicts_section);
  gtk_widget_class_bind_template_child (widget_class, PlConflictsPage, conflicts_heading);
  gtk_widget_class_bind_template_child (widget_class, PlConflictsPage, conflicts_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_conflicts_page_init (PlConflictsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
