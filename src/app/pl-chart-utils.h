/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-satisfaction.h"

G_BEGIN_DECLS

/* What the dashboard's charts (trend, heat map, bars) share: colors read
 * from the style, so they follow light and dark; the words and number
 * formats of a figure; hatching for a hidden figure. */

/* A named color of the style (libadwaita's "accent_bg_color", "blue_3",
 * …), or the widget's own text color when @name is NULL or unknown. */
void        pl_chart_get_color        (GtkWidget     *widget,
                                       const char    *name,
                                       GdkRGBA       *color);
/* The color of series @index (0 is the widget's text color), readable on
 * the view background in light and dark. */
void        pl_chart_get_series_color (GtkWidget     *widget,
                                       guint          index,
                                       GdkRGBA       *color);
void        pl_chart_set_source       (cairo_t       *cr,
                                       const GdkRGBA *color,
                                       double         alpha);
/* Diagonal lines over a rectangle: where a figure is not shown. */
void        pl_chart_hatch            (cairo_t       *cr,
                                       double         x,
                                       double         y,
                                       double         width,
                                       double         height,
                                       const GdkRGBA *color);
/* A layout of @text in the widget's font, a smaller one when @small. */
PangoLayout *pl_chart_layout          (GtkWidget     *widget,
                                       const char    *text,
                                       gboolean       small,
                                       gboolean       bold);
/* Draws @layout with its top-left corner at (@x, @y). */
void        pl_chart_show_layout      (cairo_t       *cr,
                                       PangoLayout   *layout,
                                       double         x,
                                       double         y,
                                       const GdkRGBA *color);

/* Draws @layout (which may have a width set) with its text's start at
 * @edge: its left at @edge, or its right at @edge when @from_right (the
 * start edge of a right-to-left chart). */
void        pl_chart_show_layout_at (cairo_t       *cr,
                                     PangoLayout   *layout,
                                     double         edge,
                                     double         y,
                                     gboolean       from_right,
                                     const GdkRGBA *color);
/* The same on a patch of the card's background, for words over hatching. */
void        pl_chart_show_layout_boxed (GtkWidget    *widget,
                                       cairo_t       *cr,
                                       PangoLayout   *layout,
                                       double         x,
                                       double         y,
                                       const GdkRGBA *color);

/* "72.4%": one decimal, in the locale's way of writing it. */
char       *pl_chart_format_percent   (double         percent);
/* "68.0–76.5%": a 95% interval. */
char       *pl_chart_format_interval  (double         low,
                                       double         high);
/* "fewer than 10": what a hidden figure shows instead of a number. */
char       *pl_chart_fewer_than       (guint          minimum);
/* "72.4% (68.0–76.5%), 412 families", "fewer than 10 families" or "no
 * responses": one figure in words, for tooltips and screen readers. */
char       *pl_chart_describe_figure  (const PlSatisfactionFigure *figure,
                                       guint          minimum);
/* "Fall 2026" for "2026-fall"; other terms as they are written. */
char       *pl_chart_format_term      (const char    *term);

G_END_DECLS
