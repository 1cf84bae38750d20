/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-family-summary.h"

G_BEGIN_DECLS

#define PL_TYPE_FAMILY_ROW (pl_family_row_get_type ())
G_DECLARE_FINAL_TYPE (PlFamilyRow, pl_family_row, PL, FAMILY_ROW, GtkWidget)

GtkWidget       *pl_family_row_new         (void);
PlFamilySummary *pl_family_row_get_summary (PlFamilyRow     *self);
void             pl_family_row_set_summary (PlFamilyRow     *self,
                                            PlFamilySummary *summary);

G_END_DECLS
