/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-refused-change.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_REFUSED_ROW (pl_refused_row_get_type ())
G_DECLARE_FINAL_TYPE (PlRefusedRow, pl_refused_row, PL, REFUSED_ROW, GtkWidget)

/* One change the server did not accept: the household, what the change was
 * in words, the server's reason, and the two ways on: send it again, or
 * discard it (asked first: what was typed is lost).
 *
 * Signals: "retry" and "discard" (confirmed) for the change; "show-family"
 * (const char *family_id) when the household is clicked. */
GtkWidget       *pl_refused_row_new        (PlStore         *store,
                                            PlRefusedChange *change);
PlRefusedChange *pl_refused_row_get_change (PlRefusedRow    *self);
/* A row of the same household as the one above it shows no heading. */
void             pl_refused_row_set_show_household (PlRefusedRow *self,
                                                    gboolean      show);
/* While its discard is under way the row takes no more clicks. */
void             pl_refused_row_set_busy   (PlRefusedRow    *self,
                                            gboolean         busy);

/* What the change was ("New student Rui Silva", "Phone of Nguyễn Thị
 * Hương") and why the server refused it, in words. */
char            *pl_refused_row_describe   (PlStore         *store,
                                            PlRefusedChange *change);
char            *pl_refused_row_reason     (PlRefusedChange *change);

G_END_DECLS
