/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-satisfaction.h"

G_BEGIN_DECLS

#define PL_TYPE_TREND_CHART (pl_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (PlTrendChart, pl_trend_chart, PL, TREND_CHART, GtkWidget)

/* Percent favorable across terms: one line per series, each point with
 * its 95% interval as a whisker. The first series is drawn strongest; a
 * term where it is hidden (fewer than the minimum) is a hatched band
 * saying so; hidden points of the other series are left out. Oldest term
 * at the start: on the left, or on the right in a right-to-left language. */
GtkWidget  *pl_trend_chart_new          (void);
/* The terms along the axis, as shown ("Fall 2026"), oldest first. Clears
 * the series. */
void        pl_trend_chart_set_terms    (PlTrendChart      *self,
                                         const char *const *labels);
void        pl_trend_chart_set_minimum  (PlTrendChart      *self,
                                         guint              minimum);
/* A line: @figures holds one PlSatisfactionFigure per term, NULL where
 * there is none (the chart keeps a reference). */
void        pl_trend_chart_add_series   (PlTrendChart      *self,
                                         const char        *label,
                                         GPtrArray         *figures);
guint       pl_trend_chart_get_n_series (PlTrendChart      *self);

G_END_DECLS
