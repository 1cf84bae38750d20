/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PL_TYPE_RESCHEDULE_POPOVER (pl_reschedule_popover_get_type ())
G_DECLARE_FINAL_TYPE (PlReschedulePopover, pl_reschedule_popover, PL, RESCHEDULE_POPOVER, GtkPopover)

/* A calendar to move a follow-up to another day: today or later, not the
 * day it is due already.
 *
 * Signal "chosen" (const char *due, "YYYY-MM-DD") when a person confirms a
 * day; the popover closes. */
GtkWidget *pl_reschedule_popover_new     (void);
/* The day it is due now ("YYYY-MM-DD"); the calendar opens on the next day
 * that makes sense: tomorrow for one due by today, else the day after. */
void       pl_reschedule_popover_set_due (PlReschedulePopover *self,
                                          const char          *due);

G_END_DECLS
