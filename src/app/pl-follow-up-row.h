/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-follow-up.h"

G_BEGIN_DECLS

#define PL_TYPE_FOLLOW_UP_ROW (pl_follow_up_row_get_type ())
G_DECLARE_FINAL_TYPE (PlFollowUpRow, pl_follow_up_row, PL, FOLLOW_UP_ROW, GtkWidget)

/* One open follow-up in the Follow-ups section: the family, the guardian,
 * why the contact was made, when it is due, and two actions.
 *
 * Signals: "done" when the person asks to log the contact that closes it;
 * "reschedule" (const char *due, "YYYY-MM-DD") with a day chosen in the
 * calendar, never before today. */
GtkWidget  *pl_follow_up_row_new           (void);
PlFollowUp *pl_follow_up_row_get_follow_up (PlFollowUpRow *self);
void        pl_follow_up_row_set_follow_up (PlFollowUpRow *self,
                                            PlFollowUp    *follow_up);
/* Whether to name whose follow-up it is (not needed among one's own). */
void        pl_follow_up_row_set_show_owner (PlFollowUpRow *self,
                                             gboolean       show_owner);

/* "3 days overdue", "Due today", "Due Thursday", "Due 5 December". */
char       *pl_follow_up_format_due        (PlFollowUp    *follow_up);

G_END_DECLS
