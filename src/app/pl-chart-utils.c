/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-chart-utils.h"

void
pl_chart_get_color (GtkWidget  *widget,
                    const char *name,
                    GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  /* GTK 4.8 has no gtk_widget_get_color(); the style context is how a
   * widget reads its colors there. */
  if (name == NULL || !gtk_style_context_lookup_color (context, name, color))
    gtk_style_context_get_color (context, color);
}

void
pl_chart_get_series_color (GtkWidget *widget,
                           guint      index,
                           GdkRGBA   *color)
{
  /* libadwaita's palette, picked so each reads on white and on the dark
   * view background alike, and the neighbours differ for most kinds of
   * color blindness (blue, orange, green, purple, red). */
  static const char *const light[] = { "blue_3", "orange_4", "green_5", "purple_3", "red_3" };
  static const char *const dark[] = { "blue_2", "orange_2", "green_3", "purple_2", "red_2" };
  static const char *const fallback[] = { "#3584e4", "#e66100", "#26a269", "#9141ac", "#e01b24" };
  gboolean is_dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  guint slot;

  if (index == 0)
    {
      pl_chart_get_color (widget, NULL, color);
      return;
    }
  slot = (index - 1) % G_N_ELEMENTS (light);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       is_dark ? dark[slot] : light[slot], color))
    gdk_rgba_parse (color, fallback[slot]);
}

void
pl_chart_set_source (cairo_t       *cr,
                     const GdkRGBA *color,
                     double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

void
pl_chart_hatch (cairo_t       *cr,
                double         x,
                double         y,
                double         width,
                double         height,
                const GdkRGBA *color)
{
  const double step = 7;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip_preserve (cr);
  pl_chart_set_source (cr, color, 0.05);
  cairo_fill (cr);
  for (double d = -height; d < width; d += step)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
    }
  cairo_set_line_width (cr, 1);
  pl_chart_set_source (cr, color, 0.22);
  cairo_stroke (cr);
  cairo_restore (cr);
}

PangoLayout *
pl_chart_layout (GtkWidget  *widget,
                 const char *text,
                 gboolean    small,
                 gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  /* Figures line up in columns. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

void
pl_chart_show_layout (cairo_t       *cr,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const GdkRGBA *color)
{
  cairo_save (cr);
  cairo_move_to (cr, x, y);
  gdk_cairo_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
pl_chart_show_layout_at (cairo_t       *cr,
                         PangoLayout   *layout,
                         double         edge,
                         double         y,
                         gboolean       from_right,
                         const GdkRGBA *color)
{
  PangoRectangle logical;

  /* A layout with a width places its text inside it by its alignment and
   * direction; what counts here is where the text itself is. */
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  pl_chart_show_layout (cr, layout, (from_right ? edge - logical.width : edge) - logical.x, y,
                        color);
}

void
pl_chart_show_layout_boxed (GtkWidget     *widget,
                            cairo_t       *cr,
                            PangoLayout   *layout,
                            double         x,
                            double         y,
                            const GdkRGBA *color)
{
  GdkRGBA background;
  PangoRectangle logical;

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "card_bg_color",
                                       &background))
    pl_chart_get_color (widget, "view_bg_color", &background);
  /* Where the words are, also in a centred layout. */
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  cairo_save (cr);
  cairo_rectangle (cr, x + logical.x - 4, y + logical.y, logical.width + 8, logical.height);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_fill (cr);
  cairo_restore (cr);
  pl_chart_show_layout (cr, layout, x, y, color);
}

char *
pl_chart_format_percent (double percent)
{
  /* Translators: a percentage with one decimal, "72.4%"; write the %% where
   * your language puts the percent sign ("72,4 %" in Spanish) */
  return g_strdup_printf (C_("percentage", "%.1f%%"), percent);
}

char *
pl_chart_format_interval (double low,
                          double high)
{
  /* Translators: a 95% interval of a percentage, from low to high, "68.0–76.5%" */
  return g_strdup_printf (C_("interval", "%.1f–%.1f%%"), low, high);
}

char *
pl_chart_fewer_than (guint minimum)
{
  /* Translators: shown instead of a figure for a group too small to show,
   * "fewer than 10" (responses) */
  return g_strdup_printf (C_("suppressed", "fewer than %u"), minimum);
}

char *
pl_chart_describe_figure (const PlSatisfactionFigure *figure,
                          guint                       minimum)
{
  g_autofree char *percent = NULL;
  g_autofree char *interval = NULL;

  if (figure == NULL || (!figure->suppressed && figure->n == 0))
    return g_strdup (_("no responses"));
  if (figure->suppressed)
    /* Translators: a hidden figure in words, for a tooltip or a screen reader */
    return g_strdup_printf (ngettext ("fewer than %u family: not shown",
                                      "fewer than %u families: not shown", minimum),
                            minimum);
  percent = pl_chart_format_percent (figure->percent);
  interval = pl_chart_format_interval (figure->low, figure->high);
  /* Translators: percent favorable, its 95% interval and the number of
   * families it counts: "72.4% favorable (95% interval 68.0–76.5%), 412 families" */
  return g_strdup_printf (ngettext ("%s favorable (95%% interval %s), %'u family",
                                    "%s favorable (95%% interval %s), %'u families", figure->n),
                          percent, interval, figure->n);
}

char *
pl_chart_format_term (const char *term)
{
  guint64 year;
  char *rest;

  if (term == NULL)
    return g_strdup ("");
  year = g_ascii_strtoull (term, &rest, 10);
  if (rest == term || year < 1900 || year > 9999 || (*rest != '-' && *rest != ' '))
    return g_strdup (term);
  rest++;
  /* Translators: a school term: the season and the year, "Fall 2026" */
  if (g_ascii_strcasecmp (rest, "fall") == 0 || g_ascii_strcasecmp (rest, "autumn") == 0)
    return g_strdup_printf (C_("term", "Fall %u"), (guint) year);
  if (g_ascii_strcasecmp (rest, "spring") == 0)
    /* Translators: a school term: the season and the year, "Spring 2026" */
    return g_strdup_printf (C_("term", "Spring %u"), (guint) year);
  if (g_ascii_strcasecmp (rest, "winter") == 0)
    /* Translators: a school term: the season and the year, "Winter 2026" */
    return g_strdup_printf (C_("term", "Winter %u"), (guint) year);
  if (g_ascii_strcasecmp (rest, "summer") == 0)
    /* Translators: a school term: the season and the year, "Summer 2026" */
    return g_strdup_printf (C_("term", "Summer %u"), (guint) year);
  return g_strdup (term);
}
