/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-entry-batch-row.h"

struct _PlEntryBatchRow
{
  GtkListBoxRow       parent_instance;

  PlEntryBatch       *batch;
  PlEntryBatchCounts  counts;

  GtkLabel           *title_label;
  GtkWidget          *status_tag;
  GtkLabel           *subtitle_label;
  GtkLabel           *second_label;
  GtkLabel           *count_label;
  GtkLevelBar        *progress_bar;
  GtkBox             *action_box;
  GtkWidget          *second_button;
  GtkWidget          *resume_button;
  GtkMenuButton      *menu_button;
};

G_DEFINE_FINAL_TYPE (PlEntryBatchRow, pl_entry_batch_row, GTK_TYPE_LIST_BOX_ROW)

/* "20 November 2026": the day a stack came in. */
static char *
format_received (const char *date)
{
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (date ? date : "");
  day = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (day == NULL)
    return g_strdup (date);
  /* Translators: the day a batch of paper forms came in; see the strftime manual */
  return g_date_time_format (day, C_("batch received", "%-d %B %Y"));
}

static void
show_batch (PlEntryBatchRow *self,
            const char      *survey_title,
            const char      *school_name)
{
  PlEntryBatch *batch = self->batch;
  const PlEntryBatchCounts *counts = &self->counts;
  const char *id = pl_entry_batch_get_id (batch);
  const char *double_entry = pl_entry_batch_get_double_entry (batch);
  gboolean done = g_strcmp0 (pl_entry_batch_get_status (batch), "done") == 0;
  gboolean twice = g_strcmp0 (double_entry, "none") != 0;
  guint form_count = pl_entry_batch_get_form_count (batch);
  const char *keyer = pl_entry_batch_get_entered_by (batch);
  g_autofree char *title = NULL;
  g_autofree char *received = format_received (pl_entry_batch_get_received_on (batch));
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  /* Translators: a batch's school and survey: "Riverside Elementary — Family Survey" */
  title = g_strdup_printf (_("%s — %s"), school_name ? school_name : _("Unknown School"),
                           survey_title ? survey_title : _("Unknown Survey"));
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);
  gtk_widget_set_visible (self->status_tag, done);

  if (keyer != NULL)
    /* Translators: when a batch came in and who keys it */
    subtitle = g_strdup_printf (_("Received %s · keyed by %s"), received, keyer);
  else
    subtitle = g_strdup_printf (_("Received %s"), received);
  gtk_label_set_text (self->subtitle_label, subtitle);

  if (twice)
    {
      const char *second_keyer = pl_entry_batch_get_second_keyer (batch);
      g_autofree char *which = NULL;
      g_autofree char *line = NULL;

      if (g_str_equal (double_entry, "all"))
        which = g_strdup (_("every form"));
      else
        /* Translators: the share of forms keyed a second time */
        which = g_strdup_printf (_("a %u %% sample"), pl_entry_batch_get_sample_percent (batch));

      if (counts->n_wanted > 0)
        /* Translators: "Second keying of every form by bao: 3 of 40 done" */
        line = g_strdup_printf (_("Second keying of %s by %s: %u of %u done"), which,
                                second_keyer ? second_keyer : _("someone else"),
                                counts->n_second, counts->n_wanted);
      else
        /* Translators: "Second keying of a 10 % sample by bao" */
        line = g_strdup_printf (_("Second keying of %s by %s"), which,
                                second_keyer ? second_keyer : _("someone else"));
      if (counts->n_open > 0)
        {
          g_autofree char *with_open = NULL;

          /* Translators: appended to the second keying's line */
          with_open = g_strdup_printf (ngettext ("%s · %u disagreement to settle",
                                                 "%s · %u disagreements to settle",
                                                 counts->n_open), line, counts->n_open);
          g_free (line);
          line = g_steal_pointer (&with_open);
        }
      gtk_label_set_text (self->second_label, line);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->second_label), twice);

  if (form_count > 0)
    /* Translators: forms keyed of the forms in the batch */
    count = g_strdup_printf (ngettext ("%u of %u form", "%u of %u forms", form_count),
                             counts->n_first, form_count);
  else
    count = g_strdup_printf (ngettext ("%u form", "%u forms", counts->n_first), counts->n_first);
  gtk_label_set_text (self->count_label, count);
  gtk_level_bar_set_value (self->progress_bar,
                           form_count > 0 ? MIN (1.0, (double) counts->n_first / form_count) : 0);

  /* Keying goes on in an open batch; a done one is only looked at. */
  gtk_widget_set_visible (self->resume_button, !done);
  gtk_button_set_label (GTK_BUTTON (self->resume_button),
                        counts->n_first == 0 ? _("Start Keying") : _("Resume"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->resume_button), "s", id);
  if (!done)
    gtk_widget_add_css_class (self->resume_button, "suggested-action");
  gtk_widget_set_visible (self->second_button,
                          twice && counts->n_wanted > counts->n_second && !done);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->second_button), "s", id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), !done);

  if (twice)
    {
      g_autoptr(GMenuItem) reconcile = g_menu_item_new (_("Re_concile…"), NULL);

      g_menu_item_set_action_and_target_value (reconcile, "entry.reconcile",
                                               g_variant_new_string (id));
      g_menu_append_item (menu, reconcile);
    }
  item = g_menu_item_new (done ? _("_Reopen") : _("_Mark Done"), NULL);
  g_menu_item_set_action_and_target_value (item, done ? "entry.reopen" : "entry.mark-done",
                                           g_variant_new_string (id));
  g_menu_append_item (menu, item);
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));

  /* Translators: read by a screen reader for one batch */
  {
    g_autofree char *accessible = g_strdup_printf (_("%s, %s, %s"), title, subtitle, count);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
  }
}

GtkWidget *
pl_entry_batch_row_new (PlEntryBatch             *batch,
                        const char               *survey_title,
                        const char               *school_name,
                        const PlEntryBatchCounts *counts)
{
  PlEntryBatchRow *self;

  g_return_val_if_fail (PL_IS_ENTRY_BATCH (batch), NULL);
  g_return_val_if_fail (counts != NULL, NULL);

  self = g_object_new (PL_TYPE_ENTRY_BATCH_ROW, NULL);
  self->batch = g_object_ref (batch);
  self->counts = *counts;
  show_batch (self, survey_title, school_name);
  return GTK_WIDGET (self);
}

PlEntryBatch *
pl_entry_batch_row_get_batch (PlEntryBatchRow *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_BATCH_ROW (self), NULL);

  return self->batch;
}

const PlEntryBatchCounts *
pl_entry_batch_row_get_counts (PlEntryBatchRow *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_BATCH_ROW (self), NULL);

  return &self->counts;
}

GtkBox *
pl_entry_batch_row_get_action_box (PlEntryBatchRow *self)
{
  g_return_val_if_fail (PL_IS_ENTRY_BATCH_ROW (self), NULL);

  return self->action_box;
}

static void
pl_entry_batch_row_dispose (GObject *object)
{
  PlEntryBatchRow *self = PL_ENTRY_BATCH_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_ENTRY_BATCH_ROW);
  g_clear_object (&self->batch);

  G_OBJECT_CLASS (pl_entry_batch_row_parent_class)->dispose (object);
}

static void
pl_entry_batch_row_class_init (PlEntryBatchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_entry_batch_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-entry-batch-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, status_tag);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, second_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, action_box);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, second_button);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, PlEntryBatchRow, menu_button);
}

static void
pl_entry_batch_row_init (PlEntryBatchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
