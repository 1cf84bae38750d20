/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-entry-stats-view-private.h"

struct _PlEntryStatsView
{
  GtkWidget            parent_instance;

  GPtrArray           *keyer_rows;   /* rows added to keyers_group */
  GHashTable          *keyer_values; /* username → its GtkLabel (owned by the row) */

  AdwPreferencesPage  *page;
  AdwPreferencesGroup *keying_group;
  AdwActionRow        *first_row;
  GtkLabel            *first_value;
  AdwActionRow        *second_row;
  GtkLabel            *second_value;
  AdwActionRow        *time_row;
  GtkLabel            *time_value;
  AdwActionRow        *forms_per_hour_row;
  GtkLabel            *forms_per_hour_value;
  AdwActionRow        *answers_per_minute_row;
  GtkLabel            *answers_per_minute_value;
  AdwActionRow        *compared_row;
  GtkLabel            *compared_value;
  AdwActionRow        *agreement_row;
  GtkLabel            *agreement_value;
  AdwActionRow        *disagreements_row;
  GtkLabel            *disagreements_value;
  AdwActionRow        *open_row;
  GtkLabel            *open_value;
  AdwActionRow        *error_rate_row;
  GtkLabel            *error_rate_value;
  AdwPreferencesGroup *keyers_group;
  GtkWidget           *no_keyers_row;
};

G_DEFINE_FINAL_TYPE (PlEntryStatsView, pl_entry_stats_view, GTK_TYPE_WIDGET)

char *
pl_format_percent (double fraction)
{
  /* Translators: a percentage with one decimal, such as "96.4%"; write
   * the sign and any space before it as your language does ("96,4 %") */
  return g_strdup_printf (C_("percentage", "%.1f%%"), fraction * 100.0);
}

static char *
format_rate (double value)
{
  /* Translators: a rate such as forms keyed per hour, with one decimal */
  return g_strdup_printf (C_("rate", "%.1f"), value);
}

static char *
format_duration (double seconds)
{
  guint minutes = (guint) (seconds / 60.0 + 0.5);

  if (seconds < 60.0)
    {
      guint whole = (guint) (seconds + 0.5);

      /* Translators: time spent keying, under a minute */
      return g_strdup_printf (ngettext ("%u second", "%u seconds", whole), whole);
    }
  if (minutes < 60)
    /* Translators: time spent keying */
    return g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
  /* Translators: time spent keying, in hours and minutes ("2 h 05 min") */
  return g_strdup_printf (C_("duration", "%u h %02u min"), minutes / 60, minutes % 60);
}

static void
set_value (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

/* A figure that has nothing to be measured on yet. */
static void
set_no_value (GtkLabel *label)
{
  /* Translators: in place of a figure that cannot be worked out yet */
  gtk_label_set_text (label, C_("figure", "Not yet"));
  gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

void
pl_entry_stats_view_set_stats (PlEntryStatsView   *self,
                               PlEntryBatch       *batch,
                               const PlEntryStats *stats)
{
  guint form_count = batch != NULL ? pl_entry_batch_get_form_count (batch) : 0;
  const char *double_entry = batch != NULL ? pl_entry_batch_get_double_entry (batch) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (PL_IS_ENTRY_STATS_VIEW (self));
  g_return_if_fail (stats != NULL);

  if (form_count > 0)
    /* Translators: forms keyed so far, of the forms the batch holds */
    text = g_strdup_printf (ngettext ("%u of %u form", "%u of %u forms", form_count),
                            stats->n_forms, form_count);
  else
    text = g_strdup_printf (ngettext ("%u form", "%u forms", stats->n_forms), stats->n_forms);
  set_value (self->first_value, text);
  g_clear_pointer (&text, g_free);

  text = g_strdup_printf (ngettext ("%u form", "%u forms", stats->n_second), stats->n_second);
  set_value (self->second_value, text);
  g_clear_pointer (&text, g_free);
  if (g_strcmp0 (double_entry, "all") == 0)
    subtitle = g_strdup (_("Every form is keyed twice"));
  else if (g_strcmp0 (double_entry, "sample") == 0)
    {
      g_autofree char *percent = pl_format_percent (pl_entry_batch_get_sample_percent (batch) / 100.0);

      /* Translators: %s is a percentage such as "10.0%" */
      subtitle = g_strdup_printf (_("A sample of %s of the forms is keyed twice"), percent);
    }
  else if (double_entry != NULL)
    subtitle = g_strdup (_("This batch is not set for a second keying"));
  adw_action_row_set_subtitle (self->second_row, subtitle != NULL ? subtitle : "");

  if (stats->keyed_seconds > 0)
    {
      text = format_duration (stats->keyed_seconds);
      set_value (self->time_value, text);
      g_clear_pointer (&text, g_free);
      text = format_rate (stats->forms_per_hour);
      set_value (self->forms_per_hour_value, text);
      g_clear_pointer (&text, g_free);
      text = format_rate (stats->answers_per_minute);
      set_value (self->answers_per_minute_value, text);
      g_clear_pointer (&text, g_free);
    }
  else
    {
      set_no_value (self->time_value);
      set_no_value (self->forms_per_hour_value);
      set_no_value (self->answers_per_minute_value);
    }

  text = g_strdup_printf ("%u", stats->n_compared);
  set_value (self->compared_value, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u", stats->n_disagreements);
  set_value (self->disagreements_value, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u", stats->n_open);
  set_value (self->open_value, text);
  g_clear_pointer (&text, g_free);
  adw_action_row_set_subtitle (self->open_row,
                               stats->n_open > 0 ? _("Waiting for a supervisor to check the paper")
                               : stats->n_disagreements > 0 ? _("Every disagreement is settled")
                                                            : "");

  if (stats->n_compared > 0)
    {
      text = pl_format_percent (stats->agreement_rate);
      set_value (self->agreement_value, text);
      g_clear_pointer (&text, g_free);
      text = pl_format_percent (stats->error_rate);
      set_value (self->error_rate_value, text);
      g_clear_pointer (&text, g_free);
    }
  else
    {
      set_no_value (self->agreement_value);
      set_no_value (self->error_rate_value);
    }
  /* Until a supervisor settles it, one of the two values is wrong; which
   * one is not known, so it counts once. */
  adw_action_row_set_subtitle (self->error_rate_row,
                               stats->n_open > 0
                               ? _("Keyed values that are not what the paper says; each open "
                                   "disagreement counts as one until it is settled")
                               : _("Keyed values that are not what the paper says"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GHashTable *names = user_data;
  const char *x = *(const char *const *) a;
  const char *y = *(const char *const *) b;
  const char *x_name = names != NULL && g_hash_table_lookup (names, x) ? g_hash_table_lookup (names, x) : x;
  const char *y_name = names != NULL && g_hash_table_lookup (names, y) ? g_hash_table_lookup (names, y) : y;

  return g_utf8_collate (x_name, y_name);
}

void
pl_entry_stats_view_set_keyer_agreement (PlEntryStatsView *self,
                                         GHashTable       *batch_rates,
                                         GHashTable       *all_rates,
                                         GHashTable       *names)
{
  g_autoptr(GPtrArray) keyers = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (PL_IS_ENTRY_STATS_VIEW (self));

  for (guint i = 0; i < self->keyer_rows->len; i++)
    adw_preferences_group_remove (self->keyers_group, self->keyer_rows->pdata[i]);
  g_ptr_array_set_size (self->keyer_rows, 0);
  g_hash_table_remove_all (self->keyer_values);

  if (batch_rates != NULL)
    {
      g_hash_table_iter_init (&iter, batch_rates);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (keyers, key);
    }
  g_ptr_array_sort_with_data (keyers, compare_names, names);

  for (guint i = 0; i < keyers->len; i++)
    {
      const char *username = keyers->pdata[i];
      const char *name = names != NULL ? g_hash_table_lookup (names, username) : NULL;
      double *batch_rate = g_hash_table_lookup (batch_rates, username);
      double *all_rate = all_rates != NULL ? g_hash_table_lookup (all_rates, username) : NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value;
      g_autofree char *text = pl_format_percent (*batch_rate);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (*username == '\0')
        /* Translators: who keyed a form, when the record does not say */
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), C_("keyer", "Unknown"));
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : username);
      if (all_rate != NULL)
        {
          g_autofree char *all = pl_format_percent (*all_rate);
          /* Translators: %s is a percentage; the person's agreement over every batch */
          g_autofree char *subtitle = g_strdup_printf (_("%s over every batch"), all);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      value = gtk_label_new (text);
      gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (value, "stats-figure");
      gtk_widget_set_tooltip_text (value, _("In this batch"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (self->keyers_group, row);
      g_ptr_array_add (self->keyer_rows, row);
      g_hash_table_insert (self->keyer_values, g_strdup (username), value);
    }
  gtk_widget_set_visible (self->no_keyers_row, keyers->len == 0);
}

void
pl_entry_stats_view_set_title (PlEntryStatsView *self,
                               const char       *title)
{
  g_return_if_fail (PL_IS_ENTRY_STATS_VIEW (self));

  adw_preferences_group_set_description (self->keying_group, title);
}

GtkWidget *
pl_entry_stats_view_new (void)
{
  return g_object_new (PL_TYPE_ENTRY_STATS_VIEW, NULL);
}

/* For tests */

const char *
_pl_entry_stats_view_get_value (PlEntryStatsView *self,
                                const char       *name)
{
  const struct
  {
    const char *name;
    GtkLabel   *label;
  } values[] = {
    { "first-keying", self->first_value },
    { "second-keying", self->second_value },
    { "time", self->time_value },
    { "forms-per-hour", self->forms_per_hour_value },
    { "answers-per-minute", self->answers_per_minute_value },
    { "compared", self->compared_value },
    { "agreement", self->agreement_value },
    { "disagreements", self->disagreements_value },
    { "open", self->open_value },
    { "error-rate", self->error_rate_value },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (g_str_equal (values[i].name, name))
      return gtk_label_get_text (values[i].label);
  return NULL;
}

const char *
_pl_entry_stats_view_get_keyer (PlEntryStatsView *self,
                                const char       *username)
{
  GtkLabel *label = g_hash_table_lookup (self->keyer_values, username);

  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/* GObject */

static void
pl_entry_stats_view_dispose (GObject *object)
{
  PlEntryStatsView *self = PL_ENTRY_STATS_VIEW (object);

  g_hash_table_remove_all (self->keyer_values);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_ENTRY_STATS_VIEW);

  G_OBJECT_CLASS (pl_entry_stats_view_parent_class)->dispose (object);
}

static void
pl_entry_stats_view_finalize (GObject *object)
{
  PlEntryStatsView *self = PL_ENTRY_STATS_VIEW (object);

  g_ptr_array_unref (self->keyer_rows);
  g_hash_table_unref (self->keyer_values);

  G_OBJECT_CLASS (pl_entry_stats_view_parent_class)->finalize (object);
}

static void
pl_entry_stats_view_class_init (PlEntryStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_entry_stats_view_dispose;
  object_class->finalize = pl_entry_stats_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/springfieldempowerment/Porchlight/ui/pl-entry-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, page);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, keying_group);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, first_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, first_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, second_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, second_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, time_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, time_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, forms_per_hour_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, forms_per_hour_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, answers_per_minute_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, answers_per_minute_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, compared_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, compared_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, agreement_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, agreement_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, disagreements_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, disagreements_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, open_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, open_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, error_rate_row);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, error_rate_value);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, keyers_group);
  gtk_widget_class_bind_template_child (widget_class, PlEntryStatsView, no_keyers_row);
}

static void
pl_entry_stats_view_init (PlEntryStatsView *self)
{
  self->keyer_rows = g_ptr_array_new ();
  self->keyer_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
