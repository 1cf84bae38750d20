/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-languages.h"
#include "pl-outreach-row.h"

/* Rows are recycled by the list view: everything shown is set from the
 * family in pl_outreach_row_set_family(). */
struct _PlOutreachRow
{
  GtkWidget         parent_instance;

  PlOutreachFamily *family;

  GtkLabel         *household_label;
  GtkLabel         *language_label;
  GtkLabel         *people_label;
  GtkLabel         *schools_label;
  GtkLabel         *reached_label;
  GtkLabel         *tried_label;
};

G_DEFINE_FINAL_TYPE (PlOutreachRow, pl_outreach_row, GTK_TYPE_WIDGET)

enum {
  LOG_CONTACT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
pl_outreach_row_new (void)
{
  return g_object_new (PL_TYPE_OUTREACH_ROW, NULL);
}

PlOutreachFamily *
pl_outreach_row_get_family (PlOutreachRow *self)
{
  g_return_val_if_fail (PL_IS_OUTREACH_ROW (self), NULL);

  return self->family;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* "3 March 2025", or "3 March" this year, in local time. */
static char *
format_day (const char *stored)
{
  g_autoptr(GDateTime) when = pl_contact_parse_time (stored);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return NULL;
  local = g_date_time_to_local (when);
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a date in this year; see the strftime manual for the letters */
    return g_date_time_format (local, C_("date in this year", "%-d %B"));
  /* Translators: a date in another year; see the strftime manual for the letters */
  return g_date_time_format (local, C_("date in another year", "%-d %B %Y"));
}

void
pl_outreach_row_set_family (PlOutreachRow    *self,
                            PlOutreachFamily *family)
{
  g_autofree char *reached_day = NULL;
  g_autofree char *reached = NULL;
  g_autofree char *tried_day = NULL;
  g_autofree char *tried = NULL;
  const char *language;

  g_return_if_fail (PL_IS_OUTREACH_ROW (self));
  g_return_if_fail (!family || PL_IS_OUTREACH_FAMILY (family));

  if (!g_set_object (&self->family, family))
    return;

  if (family == NULL)
    {
      set_label (self->household_label, NULL);
      set_label (self->language_label, NULL);
      set_label (self->people_label, NULL);
      set_label (self->schools_label, NULL);
      set_label (self->reached_label, NULL);
      set_label (self->tried_label, NULL);
      return;
    }

  set_label (self->household_label, pl_outreach_family_get_household_name (family));
  language = pl_outreach_family_get_home_language (family);
  set_label (self->language_label, language ? pl_language_get_name (language) : NULL);
  set_label (self->people_label, pl_outreach_family_get_guardians (family));
  set_label (self->schools_label, pl_outreach_family_get_schools (family));

  reached_day = format_day (pl_outreach_family_get_last_reached_at (family));
  if (reached_day != NULL)
    /* Translators: %s is a date */
    reached = g_strdup_printf (_("Last reached %s"), reached_day);
  else
    reached = g_strdup (_("Never reached"));
  set_label (self->reached_label, reached);

  /* A try since the last success says somebody is on it. */
  if (g_strcmp0 (pl_outreach_family_get_last_contact_at (family),
                 pl_outreach_family_get_last_reached_at (family)) != 0)
    tried_day = format_day (pl_outreach_family_get_last_contact_at (family));
  if (tried_day != NULL)
    /* Translators: the date of the last try to reach a family, and how it went:
     * "Tried 20 November: No Answer" */
    tried = g_strdup_printf (_("Tried %s: %s"), tried_day,
                             pl_contact_outcome_label (pl_outreach_family_get_last_outcome (family)));
  set_label (self->tried_label, tried);
}

static void
on_log_clicked (PlOutreachRow *self,
                GtkButton     *button)
{
  if (self->family != NULL)
    g_signal_emit (self, signals[LOG_CONTACT], 0);
}

static void
pl_outreach_row_dispose (GObject *object)
{
  PlOutreachRow *self = PL_OUTREACH_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_OUTREACH_ROW);
  /* The template's box has no id: it is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->family);

  G_OBJECT_CLASS (pl_outreach_row_parent_class)->dispose (object);
}

static void
pl_outreach_row_class_init (PlOutreachRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_outreach_row_dispose;

  signals[LOG_CONTACT] =
    g_signal_new ("log-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-outreach-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlOutreachRow, household_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachRow, language_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachRow, people_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachRow, schools_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachRow, reached_label);
  gtk_widget_class_bind_template_child (widget_class, PlOutreachRow, tried_label);
  gtk_widget_class_bind_template_callback (widget_class, on_log_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outreachrow");
}

static void
pl_outreach_row_init (PlOutreachRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
