/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-follow-ups.h"
#include "pl-reschedule-popover.h"

struct _PlReschedulePopover
{
  GtkPopover   parent_instance;

  char        *due;

  GtkCalendar *calendar;
  GtkLabel    *message_label;
  GtkWidget   *move_button;
};

G_DEFINE_FINAL_TYPE (PlReschedulePopover, pl_reschedule_popover, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
pl_reschedule_popover_new (void)
{
  return g_object_new (PL_TYPE_RESCHEDULE_POPOVER, NULL);
}

static char *
selected_date (PlReschedulePopover *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  return g_date_time_format (date, "%Y-%m-%d");
}

static void
check_day (PlReschedulePopover *self)
{
  g_autofree char *chosen = selected_date (self);
  g_autofree char *today = pl_follow_ups_local_date (NULL, 0);
  const char *message = NULL;
  gboolean past = g_strcmp0 (chosen, today) < 0;
  gboolean same = g_strcmp0 (chosen, self->due) == 0;

  if (past)
    message = _("That day has passed; choose today or a later day");
  else if (same)
    message = _("It is due that day already");

  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (past)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_sensitive (self->move_button, !past && !same);
}

void
pl_reschedule_popover_set_due (PlReschedulePopover *self,
                               const char          *due)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  GDate date;

  g_return_if_fail (PL_IS_RESCHEDULE_POPOVER (self));

  g_free (self->due);
  self->due = g_strdup (due);

  start = g_date_time_add_days (now, 1);
  if (pl_contact_parse_date (due, &date))
    {
      g_autoptr(GDateTime) day_after = g_date_time_new_local (g_date_get_year (&date),
                                                              g_date_get_month (&date),
                                                              g_date_get_day (&date), 12, 0, 0);
      g_autoptr(GDateTime) next = g_date_time_add_days (day_after, 1);

      if (g_date_time_compare (next, start) > 0)
        {
          g_date_time_unref (start);
          start = g_date_time_ref (next);
        }
    }
  gtk_calendar_select_day (self->calendar, start);
  check_day (self);
}

static void
on_day_selected (PlReschedulePopover *self,
                 GtkCalendar         *calendar)
{
  check_day (self);
}

static void
on_move_clicked (PlReschedulePopover *self,
                 GtkButton           *button)
{
  g_autofree char *chosen = selected_date (self);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, chosen);
}

static void
pl_reschedule_popover_show (GtkWidget *widget)
{
  PlReschedulePopover *self = PL_RESCHEDULE_POPOVER (widget);

  GTK_WIDGET_CLASS (pl_reschedule_popover_parent_class)->show (widget);
  /* Arrow keys move the day at once; Tab reaches the button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
pl_reschedule_popover_finalize (GObject *object)
{
  PlReschedulePopover *self = PL_RESCHEDULE_POPOVER (object);

  g_free (self->due);

  G_OBJECT_CLASS (pl_reschedule_popover_parent_class)->finalize (object);
}

static void
pl_reschedule_popover_class_init (PlReschedulePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pl_reschedule_popover_finalize;
  widget_class->show = pl_reschedule_popover_show;

  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-reschedule-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PlReschedulePopover, calendar);
  gtk_widget_class_bind_template_child (widget_class, PlReschedulePopover, message_label);
  gtk_widget_class_bind_template_child (widget_class, PlReschedulePopover, move_button);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_move_clicked);
}

static void
pl_reschedule_popover_init (PlReschedulePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
