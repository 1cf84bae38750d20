/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-satisfaction.h"

G_BEGIN_DECLS

#define PL_TYPE_HEAT_MAP (pl_heat_map_get_type ())
G_DECLARE_FINAL_TYPE (PlHeatMap, pl_heat_map, PL, HEAT_MAP, GtkWidget)

/* Percent favorable as a grid of tinted cells: a row per school (the zone
 * first), a column per domain, the figure written in each cell, and the
 * row's response rate at the end. A hidden figure is a hatched cell
 * saying "fewer than N". Columns run from the end edge in a right-to-left
 * language.
 *
 * Signal "row-activated" (guint row) when a row is clicked. */
GtkWidget  *pl_heat_map_new                 (void);
/* The column headings. Clears the rows. */
void        pl_heat_map_set_columns         (PlHeatMap         *self,
                                             const char *const *labels);
void        pl_heat_map_set_minimum         (PlHeatMap         *self,
                                             guint              minimum);
/* A row: one PlSatisfactionFigure per column (the map keeps a reference
 * to @figures), and the response rate as shown ("38.2%", "—"). */
void        pl_heat_map_add_row             (PlHeatMap         *self,
                                             const char        *label,
                                             GPtrArray         *figures,
                                             const char        *rate,
                                             gboolean           not_representative);
/* The row drawn as chosen (the school the page shows), or -1. */
void        pl_heat_map_set_highlighted_row (PlHeatMap         *self,
                                             int                row);
guint       pl_heat_map_get_n_rows          (PlHeatMap         *self);

G_END_DECLS
