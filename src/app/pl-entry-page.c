/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-entry-page-private.h"
#include "pl-reconcile-page.h"
#include "pl-school.h"
#include "pl-store-surveys.h"

struct _PlEntryPage
{
  GtkWidget           parent_instance;

  PlStore            *store;
  GCancellable       *cancellable;   /* while the batches are read */
  gboolean            show_start_title_buttons;
  gboolean            show_back_button;
  PlStartBatchDialog *start_dialog;  /* weak */

  GtkStack           *view_stack;
  GtkStack           *list_stack;
  GtkSpinner         *spinner;
  GtkWidget          *open_group;
  GtkListBox         *open_list;
  GtkWidget          *done_group;
  GtkListBox         *done_list;
  AdwStatusPage      *error_page;
  PlEntryDesk        *desk;          /* once a batch was opened */
};

G_DEFINE_FINAL_TYPE (PlEntryPage, pl_entry_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (PlEntryPage *self,
       const char  *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/* Reading the batches, off the main thread */

typedef struct
{
  PlEntryBatch       *batch;
  char               *survey_title;
  char               *school_name;
  PlEntryBatchCounts  counts;
} BatchInfo;

static void
batch_info_free (gpointer data)
{
  BatchInfo *info = data;

  g_clear_object (&info->batch);
  g_free (info->survey_title);
  g_free (info->school_name);
  g_free (info);
}

static gboolean
count_batch (PlStore       *store,
             BatchInfo     *info,
             GError       **error)
{
  const char *id = pl_entry_batch_get_id (info->batch);
  const char *double_entry = pl_entry_batch_get_double_entry (info->batch);
  PlEntryStats stats;

  if (!pl_store_get_entry_stats (store, id, &stats, error))
    return FALSE;
  info->counts.n_first = stats.n_forms;
  info->counts.n_second = stats.n_second;
  info->counts.n_open = stats.n_open;

  if (g_strcmp0 (double_entry, "all") == 0)
    info->counts.n_wanted = stats.n_forms;
  else if (g_strcmp0 (double_entry, "sample") == 0 && stats.n_forms > 0)
    {
      g_autoptr(GPtrArray) first = pl_store_list_batch_responses (store, id, 1, error);

      if (first == NULL)
        return FALSE;
      for (guint i = 0; i < first->len; i++)
        if (pl_entry_batch_wants_second_keying (info->batch,
                                                pl_survey_response_get_form_code (first->pdata[i])))
          info->counts.n_wanted++;
    }
  return TRUE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (batch_info_free);

  if (store == NULL || (surveys = pl_store_list_surveys (store, &error)) == NULL ||
      (schools = pl_store_list_schools (store, &error)) == NULL ||
      (batches = pl_store_list_batches (store, NULL, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < surveys->len; i++)
    {
      PlSurvey *survey = surveys->pdata[i];
      g_autofree char *title = NULL;

      if (pl_survey_get_version (survey) > 1)
        title = g_strdup_printf (_("%s (version %u)"), pl_survey_get_title (survey),
                                 pl_survey_get_version (survey));
      else
        title = g_strdup (pl_survey_get_title (survey));
      g_hash_table_insert (titles, g_strdup (pl_survey_get_id (survey)), g_steal_pointer (&title));
    }
  for (guint i = 0; i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      g_hash_table_insert (names, g_strdup (pl_school_get_id (school)),
                           g_strdup (pl_school_get_name (school)));
    }

  for (guint i = 0; i < batches->len; i++)
    {
      BatchInfo *info = g_new0 (BatchInfo, 1);

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          batch_info_free (info);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      info->batch = g_object_ref (batches->pdata[i]);
      info->survey_title = g_strdup (g_hash_table_lookup (titles,
                                                          pl_entry_batch_get_survey_id (info->batch)));
      info->school_name = g_strdup (g_hash_table_lookup (names,
                                                         pl_entry_batch_get_school_id (info->batch)));
      g_ptr_array_add (infos, info);
      if (!count_batch (store, info, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&infos), (GDestroyNotify) g_ptr_array_unref);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_batches (PlEntryPage *self,
              GPtrArray   *infos)
{
  guint n_open = 0, n_done = 0;

  clear_list (self->open_list);
  clear_list (self->done_list);
  for (guint i = 0; i < infos->len; i++)
    {
      BatchInfo *info = infos->pdata[i];
      GtkWidget *row = pl_entry_batch_row_new (info->batch, info->survey_title, info->school_name,
                                               &info->counts);

      if (g_strcmp0 (pl_entry_batch_get_status (info->batch), "done") == 0)
        {
          gtk_list_box_append (self->done_list, row);
          n_done++;
        }
      else
        {
          gtk_list_box_append (self->open_list, row);
          n_open++;
        }
    }
  gtk_widget_set_visible (self->open_group, n_open > 0);
  gtk_widget_set_visible (self->done_group, n_done > 0);
  gtk_stack_set_visible_child_name (self->list_stack, infos->len > 0 ? "list" : "empty");
}

static void
set_loading (PlEntryPage *self,
             gboolean     loading)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
}

static void
on_batches_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PlEntryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);

  if (infos == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }
  show_batches (self, infos);
}

/* Reads the batches again when the page shows them. */
static void
reload (PlEntryPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  task = g_task_new (NULL, self->cancellable, on_batches_read, g_object_ref (self));
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, g_strdup (pl_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, read_thread);
}

/* Keying */

static void on_desk_closed (PlEntryPage *self);

/* The desk is made when first needed: most windows never key a form, and
 * its widgets would only slow the start. */
static PlEntryDesk *
ensure_desk (PlEntryPage *self)
{
  if (self->desk == NULL)
    {
      self->desk = PL_ENTRY_DESK (pl_entry_desk_new ());
      g_object_bind_property (self, "show-start-title-buttons", self->desk,
                              "show-start-title-buttons", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self, "show-back-button", self->desk, "show-back-button",
                              G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->desk, "closed", G_CALLBACK (on_desk_closed), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->desk), "desk");
    }
  return self->desk;
}

static void
open_desk (PlEntryPage *self,
           const char  *batch_id,
           guint        keying)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!pl_entry_desk_start (ensure_desk (self), self->store, batch_id, keying, &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->view_stack, "desk");
}

static void
on_desk_closed (PlEntryPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack, "batches");
  reload (self);
}

static void
on_batch_started (PlEntryPage *self,
                  const char  *batch_id)
{
  reload (self);
  open_desk (self, batch_id, 1);
}

static void
start_batch_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlEntryPage *self = PL_ENTRY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  PlStartBatchDialog *dialog;

  if (self->store == NULL)
    return;
  if (self->start_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->start_dialog));
      return;
    }

  dialog = pl_start_batch_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  g_signal_connect_object (dialog, "started", G_CALLBACK (on_batch_started), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->start_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_desk (PL_ENTRY_PAGE (widget), g_variant_get_string (parameter, NULL), 1);
}

static void
second_keying_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_desk (PL_ENTRY_PAGE (widget), g_variant_get_string (parameter, NULL), 2);
}

static void
reconcile_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlEntryPage *self = PL_ENTRY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window;

  if (self->store == NULL || !GTK_IS_WINDOW (root))
    return;
  window = pl_reconcile_page_present (GTK_WINDOW (root), self->store,
                                      g_variant_get_string (parameter, NULL));
  /* What is settled there changes the batch's line here. */
  g_signal_handlers_disconnect_by_func (window, reload, self);
  g_signal_connect_object (window, "destroy", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
}

static void
set_status (PlEntryPage *self,
            const char  *batch_id,
            const char  *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEntryBatch) batch = NULL;

  if (self->store == NULL)
    return;
  batch = pl_store_load_batch (self->store, batch_id, &error);
  if (batch != NULL)
    {
      pl_entry_batch_set_status (batch, status);
      pl_store_save_batch (self->store, batch, &error);
    }
  if (error != NULL)
    toast (self, error->message);
  else
    toast (self, g_str_equal (status, "done") ? _("Batch marked done") : _("Batch reopened"));
  reload (self);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_status (PL_ENTRY_PAGE (widget), g_variant_get_string (parameter, NULL), "done");
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_status (PL_ENTRY_PAGE (widget), g_variant_get_string (parameter, NULL), "open");
}

static void
on_row_activated (PlEntryPage   *self,
                  GtkListBoxRow *row)
{
  PlEntryBatch *batch = pl_entry_batch_row_get_batch (PL_ENTRY_BATCH_ROW (row));

  open_desk (self, pl_entry_batch_get_id (batch), 1);
}

/* Public */

PlStore *
pl_entry_page_get_store (PlEntryPage *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_PAGE (self), NULL);

  return self->store;
}

void
pl_entry_page_set_store (PlEntryPage *self,
                         PlStore     *store)
{
  g_return_if_fail (PL_IS_ENTRY_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->desk != NULL)
    pl_entry_desk_stop (self->desk);
  gtk_stack_set_visible_child_name (self->view_stack, "batches");
  if (self->start_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->start_dialog));
  g_set_object (&self->store, store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entry.start-batch", store != NULL);
  clear_list (self->open_list);
  clear_list (self->done_list);
  gtk_stack_set_visible_child_name (self->list_stack, "loading");
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* For tests */

const char *
_pl_entry_page_get_view (PlEntryPage *self)
{
  return gtk_stack_get_visible_child_name (self->view_stack);
}

PlEntryDesk *
_pl_entry_page_get_desk (PlEntryPage *self)
{
  return self->desk;
}

gboolean
_pl_entry_page_get_loading (PlEntryPage *self)
{
  return self->cancellable != NULL;
}

static PlEntryBatchRow *
find_in (GtkListBox *list,
         const char *batch_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (PL_IS_ENTRY_BATCH_ROW (child) &&
        g_strcmp0 (pl_entry_batch_get_id (pl_entry_batch_row_get_batch (PL_ENTRY_BATCH_ROW (child))),
                   batch_id) == 0)
      return PL_ENTRY_BATCH_ROW (child);
  return NULL;
}

PlEntryBatchRow *
_pl_entry_page_find_row (PlEntryPage *self,
                         const char  *batch_id)
{
  PlEntryBatchRow *row = find_in (self->open_list, batch_id);

  return row ? row : find_in (self->done_list, batch_id);
}

PlStartBatchDialog *
_pl_entry_page_get_start_dialog (PlEntryPage *self)
{
  return self->start_dialog;
}

/* GObject */

static void
pl_entry_page_map (GtkWidget *widget)
{
  PlEntryPage *self = PL_ENTRY_PAGE (widget);

  GTK_WIDGET_CLASS (pl_entry_page_parent_class)->map (widget);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "batches") == 0)
    reload (self);
}

static void
pl_entry_page_unmap (GtkWidget *widget)
{
  PlEntryPage *self = PL_ENTRY_PAGE (widget);

  /* Out of sight nothing is read; the desk keeps its form. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  GTK_WIDGET_CLASS (pl_entry_page_parent_class)->unmap (widget);
}

static void
pl_entry_page_dispose (GObject *object)
{
  PlEntryPage *self = PL_ENTRY_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->start_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->start_dialog));
  g_clear_weak_pointer (&self->start_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_ENTRY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_entry_page_parent_class)->dispose (object);
}

static void
pl_entry_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlEntryPage *self = PL_ENTRY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
pl_entry_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlEntryPage *self = PL_ENTRY_PAGE (object);
  gboolean *field;

  switch (prop_id)
    {
    case PROP_STORE:
      pl_entry_page_set_store (self, g_value_get_object (value));
      return;

    case PROP_SHOW_START_TITLE_BUTTONS:
      field = &self->show_start_title_buttons;
      break;

    case PROP_SHOW_BACK_BUTTON:
      field = &self->show_back_button;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*field != g_value_get_boolean (value))
    {
      *field = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
pl_entry_page_class_init (PlEntryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_entry_page_dispose;
  object_class->get_property = pl_entry_page_get_property;
  object_class->set_property = pl_entry_page_set_property;
  widget_class->map = pl_entry_page_map;
  widget_class->unmap = pl_entry_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-entry-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, open_group);
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, open_list);
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, done_group);
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, done_list);
  gtk_widget_class_bind_template_child (widget_class, PlEntryPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "entry.start-batch", NULL, start_batch_action);
  gtk_widget_class_install_action (widget_class, "entry.resume", "s", resume_action);
  gtk_widget_class_install_action (widget_class, "entry.second-keying", "s", second_keying_action);
  gtk_widget_class_install_action (widget_class, "entry.mark-done", "s", mark_done_action);
  gtk_widget_class_install_action (widget_class, "entry.reopen", "s", reopen_action);
  gtk_widget_class_install_action (widget_class, "entry.reconcile", "s", reconcile_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_entry_page_init (PlEntryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entry.start-batch", FALSE);
}
