/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-outreach-family.h"

G_BEGIN_DECLS

#define PL_TYPE_OUTREACH_ROW (pl_outreach_row_get_type ())
G_DECLARE_FINAL_TYPE (PlOutreachRow, pl_outreach_row, PL, OUTREACH_ROW, GtkWidget)

/* One family nobody reached lately: who they are, their language and
 * schools, when they were last reached and last tried.
 *
 * Signal "log-contact" when a person asks to log a contact with them. */
GtkWidget        *pl_outreach_row_new        (void);
PlOutreachFamily *pl_outreach_row_get_family (PlOutreachRow    *self);
void              pl_outreach_row_set_family (PlOutreachRow    *self,
                                              PlOutreachFamily *family);

G_END_DECLS
