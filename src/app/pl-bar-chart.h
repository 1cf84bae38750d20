/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-satisfaction.h"

G_BEGIN_DECLS

#define PL_TYPE_BAR_CHART (pl_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (PlBarChart, pl_bar_chart, PL, BAR_CHART, GtkWidget)

/* Percent favorable of each group as a horizontal bar with its 95%
 * interval as a whisker, the total first and set apart; the group's name
 * and size at the start, the figure at the end. A hidden group is a
 * hatched band saying "fewer than N". Bars grow from the right in a
 * right-to-left language. */
GtkWidget  *pl_bar_chart_new          (void);
void        pl_bar_chart_set_minimum  (PlBarChart *self,
                                       guint       minimum);
/* PlSatisfactionFigure each, the total first, as
 * pl_satisfaction_breakdown() gives them (the chart keeps a reference). */
void        pl_bar_chart_set_figures  (PlBarChart *self,
                                       GPtrArray  *figures);

G_END_DECLS
