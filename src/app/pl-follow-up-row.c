/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-follow-ups.h"
#include "pl-follow-up-row.h"
#include "pl-reschedule-popover.h"

/* Rows are recycled by the list view: everything shown is set from the
 * follow-up in pl_follow_up_row_set_follow_up(). */
struct _PlFollowUpRow
{
  GtkWidget    parent_instance;

  PlFollowUp  *follow_up;
  gboolean     show_owner;
  /* The contact whose follow-up the calendar was opened for. */
  char        *popup_contact_id;

  GtkLabel    *household_label;
  GtkLabel    *due_label;
  GtkLabel    *summary_label;
  GtkLabel    *detail_label;
  GtkWidget   *done_button;
  GtkWidget   *reschedule_button;
};

G_DEFINE_FINAL_TYPE (PlFollowUpRow, pl_follow_up_row, GTK_TYPE_WIDGET)

enum {
  DONE,
  RESCHEDULE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
pl_follow_up_row_new (void)
{
  return g_object_new (PL_TYPE_FOLLOW_UP_ROW, NULL);
}

PlFollowUp *
pl_follow_up_row_get_follow_up (PlFollowUpRow *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UP_ROW (self), NULL);

  return self->follow_up;
}

static GDateTime *
due_time (PlFollowUp *follow_up)
{
  GDate date;

  if (!pl_contact_parse_date (pl_follow_up_get_due (follow_up), &date))
    return NULL;
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
}

char *
pl_follow_up_format_due (PlFollowUp *follow_up)
{
  g_autoptr(GDateTime) due = due_time (follow_up);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = NULL;
  int days = pl_follow_up_get_days_until_due (follow_up);

  if (days < -1)
    return g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", -days), -days);
  if (days == -1)
    return g_strdup (_("Due yesterday"));
  if (days == 0)
    return g_strdup (_("Due today"));
  if (days == 1)
    return g_strdup (_("Due tomorrow"));
  if (due == NULL)
    return g_strdup (pl_follow_up_get_due (follow_up));

  if (days < 7)
    /* Translators: a day of the week; see the strftime manual for the letters */
    date = g_date_time_format (due, C_("weekday", "%A"));
  else if (g_date_time_get_year (due) == g_date_time_get_year (now))
    /* Translators: a date in this year; see the strftime manual for the letters */
    date = g_date_time_format (due, C_("date in this year", "%-d %B"));
  else
    /* Translators: a date in another year; see the strftime manual for the letters */
    date = g_date_time_format (due, C_("date in another year", "%-d %B %Y"));

  /* Translators: %s is a day of the week or a date */
  return g_strdup_printf (C_("follow-up", "Due %s"), date);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
update (PlFollowUpRow *self)
{
  PlFollowUp *item = self->follow_up;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GDateTime) happened = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *due_tooltip = NULL;
  const char *purpose;
  int days;

  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "today");
  if (item == NULL)
    {
      set_label (self->household_label, NULL);
      set_label (self->due_label, NULL);
      set_label (self->summary_label, NULL);
      set_label (self->detail_label, NULL);
      return;
    }

  set_label (self->household_label, pl_follow_up_get_household_name (item));

  days = pl_follow_up_get_days_until_due (item);
  due_text = pl_follow_up_format_due (item);
  set_label (self->due_label, due_text);
  if (days < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "overdue");
  else if (days == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "today");
  due = due_time (item);
  if (due != NULL)
    {
      /* Translators: the full date a follow-up is due; see the strftime manual */
      g_autofree char *full = g_date_time_format (due, C_("full date", "%A %-d %B %Y"));
      /* Translators: %s is a full date */
      due_tooltip = g_strdup_printf (C_("follow-up", "Due %s"), full);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_label), due_tooltip);

  /* Who to talk to, and about what. */
  if (pl_follow_up_get_guardian_name (item) != NULL)
    g_string_append (summary, pl_follow_up_get_guardian_name (item));
  purpose = pl_follow_up_get_purpose (item);
  if (purpose != NULL)
    {
      const char *label = g_strcmp0 (purpose, "other") == 0 &&
                          pl_follow_up_get_purpose_other (item) != NULL
                            ? pl_follow_up_get_purpose_other (item)
                            : pl_contact_purpose_label (purpose);
      if (summary->len > 0)
        g_string_append (summary, " · ");
      g_string_append (summary, label);
    }
  set_label (self->summary_label, summary->str);

  /* The contact that set it, the schools, and whose it is. */
  happened = pl_contact_parse_time (pl_follow_up_get_happened_at (item));
  if (happened != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (happened);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      /* Overdue follow-ups can be years old: say which year when not this one. */
      g_autofree char *date = g_date_time_get_year (local) == g_date_time_get_year (now)
                                ? g_date_time_format (local, C_("date in this year", "%-d %B"))
                                : g_date_time_format (local, C_("date in another year", "%-d %B %Y"));
      const char *method = pl_follow_up_get_method (item);

      if (method != NULL)
        /* Translators: how the contact that set a follow-up was made, and when:
         * "Phone Call, 13 November" */
        g_string_append_printf (detail, C_("follow-up origin", "%s, %s"),
                                pl_contact_method_label (method), date);
      else
        g_string_append (detail, date);
    }
  if (pl_follow_up_get_schools (item) != NULL)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append (detail, pl_follow_up_get_schools (item));
    }
  if (self->show_owner && pl_follow_up_get_owner (item) != NULL)
    {
      const char *owner = pl_follow_up_get_owner_name (item);

      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append (detail, owner != NULL ? owner : pl_follow_up_get_owner (item));
    }
  set_label (self->detail_label, detail->str);
}

void
pl_follow_up_row_set_follow_up (PlFollowUpRow *self,
                                PlFollowUp    *follow_up)
{
  g_return_if_fail (PL_IS_FOLLOW_UP_ROW (self));
  g_return_if_fail (!follow_up || PL_IS_FOLLOW_UP (follow_up));

  if (!g_set_object (&self->follow_up, follow_up))
    return;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->reschedule_button));
  update (self);
}

void
pl_follow_up_row_set_show_owner (PlFollowUpRow *self,
                                 gboolean       show_owner)
{
  g_return_if_fail (PL_IS_FOLLOW_UP_ROW (self));

  show_owner = !!show_owner;
  if (self->show_owner == show_owner)
    return;
  self->show_owner = show_owner;
  update (self);
}

static void
on_done_clicked (PlFollowUpRow *self,
                 GtkButton     *button)
{
  if (self->follow_up != NULL)
    g_signal_emit (self, signals[DONE], 0);
}

/* Move answers a quarter of a second after Enter or Space (the button's
 * press effect): if the list rebound the row meanwhile (a refresh, a
 * scroll), the row may show another family's follow-up, or none. Only the
 * one the calendar was opened for is moved; rebinding closed the calendar
 * in front of the person, so dropping the choice is what they saw. */
static void
on_chosen (PlFollowUpRow *self,
           const char    *due,
           GtkPopover    *popover)
{
  if (self->follow_up == NULL ||
      g_strcmp0 (pl_follow_up_get_contact_id (self->follow_up), self->popup_contact_id) != 0)
    return;
  g_signal_emit (self, signals[RESCHEDULE], 0, due);
}

/* A list view keeps a couple of hundred rows: each row's calendar is made
 * only when a person first opens it. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  PlFollowUpRow *self = user_data;
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  if (popover == NULL)
    {
      popover = GTK_POPOVER (pl_reschedule_popover_new ());
      g_signal_connect_object (popover, "chosen", G_CALLBACK (on_chosen), self,
                               G_CONNECT_SWAPPED);
      gtk_menu_button_set_popover (button, GTK_WIDGET (popover));
    }
  g_free (self->popup_contact_id);
  self->popup_contact_id = NULL;
  if (self->follow_up != NULL)
    {
      self->popup_contact_id = g_strdup (pl_follow_up_get_contact_id (self->follow_up));
      pl_reschedule_popover_set_due (PL_RESCHEDULE_POPOVER (popover),
                                     pl_follow_up_get_due (self->follow_up));
    }
}

static void
pl_follow_up_row_dispose (GObject *object)
{
  PlFollowUpRow *self = PL_FOLLOW_UP_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_FOLLOW_UP_ROW);
  /* The template's box has no id: it is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->follow_up);
  g_clear_pointer (&self->popup_contact_id, g_free);

  G_OBJECT_CLASS (pl_follow_up_row_parent_class)->dispose (object);
}

static void
pl_follow_up_row_class_init (PlFollowUpRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_follow_up_row_dispose;

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESCHEDULE] =
    g_signal_new ("reschedule", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-follow-up-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpRow, household_label);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpRow, done_button);
  gtk_widget_class_bind_template_child (widget_class, PlFollowUpRow, reschedule_button);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "followuprow");
}

static void
pl_follow_up_row_init (PlFollowUpRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->reschedule_button),
                                         create_popup_cb, self, NULL);
}
