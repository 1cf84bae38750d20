/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-disagreement-row.h"
#include "pl-reconcile-page-private.h"
#include "pl-school.h"
#include "pl-store-surveys.h"

struct _PlReconcilePage
{
  GtkWidget               parent_instance;

  PlStore                *store;
  char                   *batch_id;
  char                   *me;          /* who settles; NULL when nobody logged in */
  GCancellable           *cancellable; /* of the reading under way */
  PlSurvey               *survey;
  PlEntryBatch           *batch;
  char                   *language;    /* the staff's, for the survey's texts */
  GHashTable             *names;       /* username → display name */
  char                   *last_toast;  /* for tests */

  AdwToastOverlay        *toast_overlay;
  AdwViewSwitcherTitle   *switcher_title;
  PlDuplicateFormsBanner *banner;
  AdwViewStack           *view_stack;
  GtkStack               *disagreements_stack;
  GtkSpinner             *spinner;
  AdwStatusPage          *empty_page;
  AdwStatusPage          *error_page;
  GtkLabel               *context_label;
  GtkLabel               *summary_label;
  GtkWidget              *login_label;
  GtkListBox             *list_box;
  PlEntryStatsView       *stats_view;
};

G_DEFINE_FINAL_TYPE (PlReconcilePage, pl_reconcile_page, GTK_TYPE_WIDGET)

static void
toast (PlReconcilePage *self,
       const char      *title)
{
  AdwToast *toast = adw_toast_new (title);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Reading a batch, in a worker thread on its own connection */

typedef struct
{
  char         *path;
  char         *batch_id;
  PlSurvey     *survey;
  PlEntryBatch *batch;
  char         *school_name;
  GPtrArray    *disagreements;
  PlEntryStats  stats;
  GHashTable   *batch_rates;
  GHashTable   *all_rates;
  GHashTable   *names;
} Reading;

static void
reading_free (Reading *reading)
{
  g_free (reading->path);
  g_free (reading->batch_id);
  g_clear_object (&reading->survey);
  g_clear_object (&reading->batch);
  g_free (reading->school_name);
  g_clear_pointer (&reading->disagreements, g_ptr_array_unref);
  g_clear_pointer (&reading->batch_rates, g_hash_table_unref);
  g_clear_pointer (&reading->all_rates, g_hash_table_unref);
  g_clear_pointer (&reading->names, g_hash_table_unref);
  g_free (reading);
}

static void
add_name (PlStore    *store,
          GHashTable *names,
          const char *username)
{
  char *name;

  if (username == NULL || *username == '\0' || g_hash_table_contains (names, username))
    return;
  name = pl_store_dup_staff_name (store, username);
  if (name != NULL)
    g_hash_table_insert (names, g_strdup (username), name);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Reading *reading = task_data;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  store = pl_store_open (reading->path, &error);
  if (store == NULL)
    goto failed;
  reading->batch = pl_store_load_batch (store, reading->batch_id, &error);
  if (reading->batch == NULL)
    goto failed;
  reading->survey = pl_store_load_survey (store, pl_entry_batch_get_survey_id (reading->batch),
                                          &error);
  if (reading->survey == NULL)
    goto failed;
  if (g_task_return_error_if_cancelled (task))
    return;

  reading->disagreements = pl_store_list_disagreements (store, reading->batch_id, &error);
  if (reading->disagreements == NULL ||
      !pl_store_get_entry_stats (store, reading->batch_id, &reading->stats, &error))
    goto failed;
  reading->batch_rates = pl_store_get_keyer_agreement (store, reading->batch_id, &error);
  if (reading->batch_rates == NULL)
    goto failed;
  if (g_task_return_error_if_cancelled (task))
    return;
  /* Every batch's double-keyed forms: the longest part, hence the thread. */
  reading->all_rates = pl_store_get_keyer_agreement (store, NULL, &error);
  if (reading->all_rates == NULL)
    goto failed;

  schools = pl_store_list_schools (store, NULL);
  for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      if (g_strcmp0 (pl_school_get_id (school), pl_entry_batch_get_school_id (reading->batch)) == 0)
        reading->school_name = g_strdup (pl_school_get_name (school));
    }

  reading->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < reading->disagreements->len; i++)
    {
      PlDisagreement *d = reading->disagreements->pdata[i];

      add_name (store, reading->names, d->first_keyer);
      add_name (store, reading->names, d->second_keyer);
      add_name (store, reading->names, d->reconciled_by);
    }
  g_hash_table_iter_init (&iter, reading->batch_rates);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    add_name (store, reading->names, key);

  g_task_return_boolean (task, TRUE);
  return;

failed:
  g_task_return_error (task, g_steal_pointer (&error));
}

/* The staff's language among the survey's, from the locale; the survey's
 * own language when it is not offered in theirs. */
static char *
staff_language (PlSurvey *survey)
{
  const char *const *names = g_get_language_names ();
  const char *const *languages = pl_survey_get_languages (survey);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));

      if (languages != NULL && g_strv_contains (languages, code))
        return g_steal_pointer (&code);
    }
  return g_strdup (pl_survey_get_default_language (survey));
}

static guint
count_open (PlReconcilePage *self)
{
  guint n_open = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (PL_IS_DISAGREEMENT_ROW (row) && pl_disagreement_row_get_open (PL_DISAGREEMENT_ROW (row)))
      n_open++;
  return n_open;
}

static void
update_summary (PlReconcilePage *self)
{
  guint n_open = count_open (self);
  g_autofree char *text = NULL;

  if (n_open > 0)
    /* Translators: the heading over a batch's disagreements */
    text = g_strdup_printf (ngettext ("%u Open Disagreement", "%u Open Disagreements", n_open),
                            n_open);
  else
    text = g_strdup (_("Every Disagreement Is Settled"));
  gtk_label_set_text (self->summary_label, text);
}

/* The statistics change with every disagreement settled (the error rate,
 * the open ones); reading a batch's is quick. */
static void
refresh_stats (PlReconcilePage *self)
{
  PlEntryStats stats;
  g_autoptr(GError) error = NULL;

  if (!pl_store_get_entry_stats (self->store, self->batch_id, &stats, &error))
    {
      g_warning ("Could not read the entry statistics: %s", error->message);
      return;
    }
  pl_entry_stats_view_set_stats (self->stats_view, self->batch, &stats);

  /* Who keyed right is known better after each settled value. */
  {
    g_autoptr(GHashTable) batch_rates = pl_store_get_keyer_agreement (self->store, self->batch_id,
                                                                      &error);
    g_autoptr(GHashTable) all_rates = batch_rates != NULL
                                      ? pl_store_get_keyer_agreement (self->store, NULL, &error)
                                      : NULL;

    if (all_rates == NULL)
      {
        g_warning ("Could not read the keyers' agreement: %s", error->message);
        return;
      }
    pl_entry_stats_view_set_keyer_agreement (self->stats_view, batch_rates, all_rates, self->names);
  }
}

static PlDisagreementRow *
row_at (PlReconcilePage *self,
        int              index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, index);

  return PL_IS_DISAGREEMENT_ROW (row) ? PL_DISAGREEMENT_ROW (row) : NULL;
}

/* Moves on to the next open disagreement after @row, going round to the
 * top; stays when none is left. */
static void
focus_next_open (PlReconcilePage   *self,
                 PlDisagreementRow *row)
{
  int start = row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
  int n = 0;

  while (gtk_list_box_get_row_at_index (self->list_box, n) != NULL)
    n++;
  for (int i = 1; i <= n; i++)
    {
      PlDisagreementRow *next = row_at (self, (start + i) % n);

      if (next != NULL && pl_disagreement_row_get_open (next))
        {
          gtk_widget_grab_focus (GTK_WIDGET (next));
          return;
        }
    }
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_row_settle (PlReconcilePage   *self,
               const char        *value,
               PlDisagreementRow *row)
{
  const PlDisagreement *d = pl_disagreement_row_get_disagreement (row);
  gboolean was_open = pl_disagreement_row_get_open (row);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->me == NULL)
    return;

  if (!pl_store_reconcile_answer (self->store, d->first_response_id, d->question_id, value,
                                  self->me, &error))
    {
      toast (self, error->message);
      return;
    }

  pl_disagreement_row_set_settled (row, value, self->me);
  refresh_stats (self);
  update_summary (self);
  /* A change to one already settled stays where it is. */
  if (was_open)
    {
      focus_next_open (self, row);
      if (count_open (self) == 0)
        toast (self, _("Every disagreement of this batch is settled"));
    }
}

static gboolean
on_key_pressed (PlReconcilePage       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;
  gunichar c = gdk_keyval_to_unicode (keyval);
  int digit = c != 0 ? g_unichar_digit_value (c) : -1;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || focus == NULL)
    return GDK_EVENT_PROPAGATE;
  /* Typing a value in the Other popover is not picking a keying. */
  if (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus) ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    return GDK_EVENT_PROPAGATE;

  /* Any script's digits: an Arabic keyboard gives ١ and ٢. */
  if (digit < 1 || digit > 3)
    return GDK_EVENT_PROPAGATE;
  row = gtk_widget_get_ancestor (focus, PL_TYPE_DISAGREEMENT_ROW);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;

  if (digit == 3)
    pl_disagreement_row_open_other (PL_DISAGREEMENT_ROW (row));
  else
    pl_disagreement_row_settle_keyed (PL_DISAGREEMENT_ROW (row), digit);
  return GDK_EVENT_STOP;
}

/* Which disagreement a row shows: its form's first keying and question. */
static const char *
row_key (PlDisagreementRow *row)
{
  return g_object_get_data (G_OBJECT (row), "pl-key");
}

static void
show_reading (PlReconcilePage *self,
              Reading         *reading)
{
  g_autofree char *focused_key = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GDate) received = g_date_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *focused_row = focus != NULL ? gtk_widget_get_ancestor (focus, PL_TYPE_DISAGREEMENT_ROW)
                                         : NULL;
  GtkWidget *child;
  GtkWidget *focus_again = NULL;
  gboolean can_settle;

  /* The same disagreement keeps the focus across a reading. */
  if (focused_row != NULL)
    focused_key = g_strdup (row_key (PL_DISAGREEMENT_ROW (focused_row)));

  g_set_object (&self->survey, reading->survey);
  g_set_object (&self->batch, reading->batch);
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->names = g_hash_table_ref (reading->names);
  g_free (self->language);
  self->language = staff_language (self->survey);
  g_free (self->me);
  self->me = self->store != NULL ? pl_store_dup_me (self->store) : NULL;
  can_settle = self->me != NULL;

  if (pl_entry_batch_get_received_on (self->batch) != NULL)
    g_date_set_parse (received, pl_entry_batch_get_received_on (self->batch));
  if (g_date_valid (received))
    {
      char day[128];

      /* Translators: a date; see the strftime manual for the letters */
      if (g_date_strftime (day, sizeof day, C_("date in another year", "%-d %B %Y"), received) == 0)
        day[0] = '\0';
      /* Translators: a school's name, then the day its stack of paper forms came in */
      subtitle = g_strdup_printf (_("%s, received %s"),
                                  reading->school_name != NULL ? reading->school_name : "", day);
    }
  else
    subtitle = g_strdup (reading->school_name);
  /* Wide, the header shows the views instead: the batch is named above
   * each view too. */
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_label_set_text (self->context_label, subtitle != NULL ? subtitle : "");
  pl_entry_stats_view_set_title (self->stats_view, subtitle);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < reading->disagreements->len; i++)
    {
      PlDisagreement *d = reading->disagreements->pdata[i];
      GtkWidget *row = pl_disagreement_row_new (self->survey, d, self->language, self->names);
      g_autofree char *key = g_strdup_printf ("%s/%s", d->first_response_id, d->question_id);

      pl_disagreement_row_set_can_settle (PL_DISAGREEMENT_ROW (row), can_settle);
      g_signal_connect_object (row, "settle", G_CALLBACK (on_row_settle), self, G_CONNECT_SWAPPED);
      g_object_set_data_full (G_OBJECT (row), "pl-key", g_steal_pointer (&key), g_free);
      gtk_list_box_append (self->list_box, row);
      if (focused_key != NULL && g_str_equal (row_key (PL_DISAGREEMENT_ROW (row)), focused_key))
        focus_again = row;
    }
  gtk_widget_set_visible (self->login_label, !can_settle);
  update_summary (self);

  if (reading->disagreements->len > 0)
    gtk_stack_set_visible_child_name (self->disagreements_stack, "list");
  else
    {
      adw_status_page_set_description (self->empty_page,
                                       reading->stats.n_second == 0
                                       ? _("No form of this batch has been keyed a second time yet.")
                                       : _("The two keyings agree on every answer."));
      gtk_stack_set_visible_child_name (self->disagreements_stack, "empty");
    }

  pl_entry_stats_view_set_stats (self->stats_view, self->batch, &reading->stats);
  pl_entry_stats_view_set_keyer_agreement (self->stats_view, reading->batch_rates,
                                           reading->all_rates, self->names);
  pl_duplicate_forms_banner_load (self->banner, self->store, pl_survey_get_id (self->survey),
                                  self->batch_id);

  /* Ready for the first key press. */
  if (focus_again != NULL)
    gtk_widget_grab_focus (focus_again);
  else if (reading->disagreements->len > 0)
    focus_next_open (self, NULL);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PlReconcilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  Reading *reading = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->disagreements_stack, "error");
      return;
    }

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  show_reading (self, reading);
}

void
pl_reconcile_page_reload (PlReconcilePage *self)
{
  g_autoptr(GTask) task = NULL;
  Reading *reading;

  g_return_if_fail (PL_IS_RECONCILE_PAGE (self));

  if (self->store == NULL || self->batch_id == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The list stays while it is read again; only the first reading waits. */
  if (gtk_widget_get_first_child (GTK_WIDGET (self->list_box)) == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->disagreements_stack, "loading");
    }

  reading = g_new0 (Reading, 1);
  reading->path = g_strdup (pl_store_get_path (self->store));
  reading->batch_id = g_strdup (self->batch_id);
  task = g_task_new (NULL, self->cancellable, on_read, g_object_ref (self));
  g_task_set_source_tag (task, pl_reconcile_page_reload);
  g_task_set_task_data (task, reading, (GDestroyNotify) reading_free);
  g_task_run_in_thread (task, read_thread);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pl_reconcile_page_reload (PL_RECONCILE_PAGE (widget));
}

static void
on_banner_changed (PlReconcilePage *self)
{
  /* A keying deleted changes the pairs compared. */
  pl_reconcile_page_reload (self);
}

GtkWidget *
pl_reconcile_page_new (PlStore    *store,
                       const char *batch_id)
{
  PlReconcilePage *self;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  self = g_object_new (PL_TYPE_RECONCILE_PAGE, NULL);
  self->store = g_object_ref (store);
  self->batch_id = g_strdup (batch_id);
  pl_reconcile_page_reload (self);
  return GTK_WIDGET (self);
}

static void
on_window_destroy (GtkWindow *window,
                   GtkWindow *parent)
{
  g_object_set_data (G_OBJECT (parent), g_object_get_data (G_OBJECT (window), "pl-key"), NULL);
}

GtkWindow *
pl_reconcile_page_present (GtkWindow  *parent,
                           PlStore    *store,
                           const char *batch_id)
{
  g_autofree char *key = NULL;
  GtkEventController *shortcuts;
  GtkWindow *window;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  key = g_strdup_printf ("pl-reconcile-window-%s", batch_id);
  window = g_object_get_data (G_OBJECT (parent), key);
  if (window != NULL)
    {
      pl_reconcile_page_reload (PL_RECONCILE_PAGE (adw_window_get_content (ADW_WINDOW (window))));
      gtk_window_present (window);
      return window;
    }

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (window, _("Reconcile Batch"));
  gtk_window_set_transient_for (window, parent);
  gtk_window_set_destroy_with_parent (window, TRUE);
  gtk_window_set_default_size (window, 900, 760);
  if (gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (window, gtk_window_get_application (parent));
  adw_window_set_content (ADW_WINDOW (window), pl_reconcile_page_new (store, batch_id));

  /* Escape closes it, as it closes a dialog. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);

  g_object_set_data_full (G_OBJECT (window), "pl-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (parent), key, window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroy), parent, 0);
  gtk_window_present (window);
  return window;
}

/* For tests */

const char *
_pl_reconcile_page_get_state (PlReconcilePage *self)
{
  return gtk_stack_get_visible_child_name (self->disagreements_stack);
}

GtkListBox *
_pl_reconcile_page_get_list (PlReconcilePage *self)
{
  return self->list_box;
}

PlEntryStatsView *
_pl_reconcile_page_get_stats_view (PlReconcilePage *self)
{
  return self->stats_view;
}

PlDuplicateFormsBanner *
_pl_reconcile_page_get_banner (PlReconcilePage *self)
{
  return self->banner;
}

AdwViewStack *
_pl_reconcile_page_get_view_stack (PlReconcilePage *self)
{
  return self->view_stack;
}

const char *
_pl_reconcile_page_get_last_toast (PlReconcilePage *self)
{
  return self->last_toast;
}

/* GObject */

static void
pl_reconcile_page_dispose (GObject *object)
{
  PlReconcilePage *self = PL_RECONCILE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_RECONCILE_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->survey);
  g_clear_object (&self->batch);

  G_OBJECT_CLASS (pl_reconcile_page_parent_class)->dispose (object);
}

static void
pl_reconcile_page_finalize (GObject *object)
{
  PlReconcilePage *self = PL_RECONCILE_PAGE (object);

  g_free (self->batch_id);
  g_free (self->me);
  g_free (self->language);
  g_free (self->last_toast);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (pl_reconcile_page_parent_class)->finalize (object);
}

static void
pl_reconcile_page_class_init (PlReconcilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_reconcile_page_dispose;
  object_class->finalize = pl_reconcile_page_finalize;

  g_type_ensure (PL_TYPE_DUPLICATE_FORMS_BANNER);
  g_type_ensure (PL_TYPE_ENTRY_STATS_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/springfieldempowerment/Porchlight/ui/pl-reconcile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, banner);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, disagreements_stack);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, context_label);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, login_label);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PlReconcilePage, stats_view);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_changed);

  gtk_widget_class_install_action (widget_class, "reconcile.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "reconcile.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reconcile.reload", NULL);
}

static void
pl_reconcile_page_init (PlReconcilePage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), keys);
}
