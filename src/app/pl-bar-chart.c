/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-bar-chart.h"
#include "pl-chart-utils.h"

#define ROW_HEIGHT 44.0
#define BAR_HEIGHT 16.0
#define TOTAL_GAP 10.0
#define MAX_LABEL 220.0
#define AXIS_HEIGHT 24.0

struct _PlBarChart
{
  GtkWidget  parent_instance;

  GPtrArray *figures;
  guint      minimum;
};

G_DEFINE_FINAL_TYPE (PlBarChart, pl_bar_chart, GTK_TYPE_WIDGET)

typedef struct
{
  double label_width;
  double value_width;
  double plot_start;   /* from the left */
  double plot_end;
} Geometry;

static guint
n_bars (PlBarChart *self)
{
  return self->figures ? self->figures->len : 0;
}

static const PlSatisfactionFigure *
figure_at (PlBarChart *self,
           guint       i)
{
  return self->figures->pdata[i];
}

static char *
caption (PlBarChart                 *self,
         const PlSatisfactionFigure *figure)
{
  if (figure->suppressed || figure->n == 0)
    return g_strdup ("");
  return g_strdup_printf (ngettext ("%'u family", "%'u families", figure->n), figure->n);
}

static double
text_width (PlBarChart *self,
            const char *text,
            gboolean    small,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = pl_chart_layout (GTK_WIDGET (self), text, small, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static void
compute_geometry (PlBarChart *self,
                  double      width,
                  Geometry   *geometry)
{
  double label = 0;

  for (guint i = 0; i < n_bars (self); i++)
    {
      const PlSatisfactionFigure *figure = figure_at (self, i);
      g_autofree char *size = caption (self, figure);

      label = MAX (label, text_width (self, figure->label ? figure->label : "", FALSE, i == 0));
      label = MAX (label, text_width (self, size, TRUE, FALSE));
    }
  geometry->label_width = MIN (label, MAX_LABEL) + 16;
  /* Narrow, the names give way (cut short) before the bars do. */
  if (width > 0)
    geometry->label_width = MIN (geometry->label_width, width * 0.38);
  geometry->value_width = text_width (self, "100.0%", FALSE, TRUE) + 14;
  geometry->plot_start = geometry->label_width;
  geometry->plot_end = MAX (width - geometry->value_width - 8, geometry->plot_start + 60);
}

/* A percent's x from the left, the bars growing from the start edge. */
static double
percent_x (PlBarChart     *self,
           const Geometry *geometry,
           double          percent)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double x = geometry->plot_start +
             (geometry->plot_end - geometry->plot_start) * CLAMP (percent, 0, 100) / 100.0;

  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? width - x : x;
}

static double
row_top (guint i)
{
  return i * ROW_HEIGHT + (i > 0 ? TOTAL_GAP : 0);
}

static void
pl_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PlBarChart *self = PL_BAR_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  guint n = n_bars (self);
  cairo_t *cr;
  g_autofree char *fewer = NULL;
  GdkRGBA fg, dim, accent;
  Geometry geometry;
  double bottom;

  if (n == 0)
    return;

  compute_geometry (self, width, &geometry);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pl_chart_get_color (widget, NULL, &fg);
  pl_chart_get_color (widget, "accent_bg_color", &accent);
  dim = fg;
  dim.alpha *= 0.65;
  fewer = pl_chart_fewer_than (self->minimum);
  bottom = row_top (n);

  /* Gridlines and the axis under them. */
  /* Quarters, or halves when narrow, so the labels keep apart. */
  for (int tick = 0; tick <= 100; tick += geometry.plot_end - geometry.plot_start < 240 ? 50 : 25)
    {
      g_autofree char *text = g_strdup_printf (C_("axis percentage", "%d%%"), tick);
      g_autoptr(PangoLayout) layout = pl_chart_layout (widget, text, TRUE, FALSE);
      double x = round (percent_x (self, &geometry, tick)) + 0.5;
      int w, h;

      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, bottom);
      cairo_set_line_width (cr, 1);
      pl_chart_set_source (cr, &fg, tick == 0 ? 0.35 : 0.1);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &w, &h);
      pl_chart_show_layout (cr, layout, x - w / 2.0, bottom + 4, &dim);
    }

  /* The total apart from its groups. */
  if (n > 1)
    {
      double y = round (ROW_HEIGHT + TOTAL_GAP / 2) + 0.5;

      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
      cairo_set_line_width (cr, 1);
      pl_chart_set_source (cr, &fg, 0.15);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < n; i++)
    {
      const PlSatisfactionFigure *figure = figure_at (self, i);
      g_autoptr(PangoLayout) label = pl_chart_layout (widget, figure->label ? figure->label : "",
                                                      FALSE, i == 0);
      g_autofree char *size = caption (self, figure);
      g_autoptr(PangoLayout) size_layout = pl_chart_layout (widget, size, TRUE, FALSE);
      double top = row_top (i), mid = top + ROW_HEIGHT / 2;
      double zero = percent_x (self, &geometry, 0);
      int lw, lh, sw, sh;

      pango_layout_set_width (label, (int) ((geometry.label_width - 16) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &lw, &lh);
      pango_layout_get_pixel_size (size_layout, &sw, &sh);
      if (*size == '\0')
        sh = 0;
      pl_chart_show_layout_at (cr, label, rtl ? width : 0, mid - (lh + sh) / 2.0, rtl, &fg);
      if (sh > 0)
        pl_chart_show_layout_at (cr, size_layout, rtl ? width : 0, mid - (lh + sh) / 2.0 + lh, rtl,
                              &dim);

      if (figure->suppressed || figure->n == 0)
        {
          g_autoptr(PangoLayout) note = pl_chart_layout (widget, figure->suppressed ? fewer
                                                                 : _("no responses"),
                                                         TRUE, FALSE);
          double end = percent_x (self, &geometry, 100);
          double start = MIN (zero, end);
          int nw, nh;

          if (figure->suppressed)
            pl_chart_hatch (cr, start, mid - BAR_HEIGHT / 2, fabs (end - zero), BAR_HEIGHT, &fg);
          pango_layout_get_pixel_size (note, &nw, &nh);
          if (figure->suppressed)
            pl_chart_show_layout_boxed (widget, cr, note, rtl ? zero - 8 - nw : zero + 8,
                                        mid - nh / 2.0, &dim);
          else
            pl_chart_show_layout (cr, note, rtl ? zero - 8 - nw : zero + 8, mid - nh / 2.0, &dim);
          continue;
        }

      {
        double x = percent_x (self, &geometry, figure->percent);
        double low = percent_x (self, &geometry, figure->low);
        double high = percent_x (self, &geometry, figure->high);
        g_autofree char *value = pl_chart_format_percent (figure->percent);
        g_autoptr(PangoLayout) value_layout = pl_chart_layout (widget, value, FALSE, i == 0);
        int vw, vh;

        cairo_rectangle (cr, MIN (zero, x), mid - BAR_HEIGHT / 2, fabs (x - zero), BAR_HEIGHT);
        if (i == 0)
          pl_chart_set_source (cr, &fg, 0.5);
        else
          pl_chart_set_source (cr, &accent, 0.85);
        cairo_fill (cr);

        cairo_move_to (cr, low, round (mid) + 0.5);
        cairo_line_to (cr, high, round (mid) + 0.5);
        cairo_move_to (cr, round (low) + 0.5, mid - 6);
        cairo_line_to (cr, round (low) + 0.5, mid + 6);
        cairo_move_to (cr, round (high) + 0.5, mid - 6);
        cairo_line_to (cr, round (high) + 0.5, mid + 6);
        cairo_set_line_width (cr, 1.5);
        pl_chart_set_source (cr, &fg, 0.85);
        cairo_stroke (cr);

        pango_layout_get_pixel_size (value_layout, &vw, &vh);
        pl_chart_show_layout (cr, value_layout, rtl ? geometry.value_width - 6 - vw
                                                    : width - geometry.value_width + 6,
                              mid - vh / 2.0, &fg);
      }
    }
  cairo_destroy (cr);
}

static void
pl_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PlBarChart *self = PL_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      Geometry geometry;

      compute_geometry (self, 0, &geometry);
      *minimum = 280;
      *natural = MAX ((int) ceil (geometry.label_width + 240 + geometry.value_width), 560);
    }
  else
    {
      *minimum = n_bars (self) > 0 ? (int) ceil (row_top (n_bars (self)) + AXIS_HEIGHT) : 0;
      *natural = *minimum;
    }
}

static gboolean
pl_bar_chart_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_mode,
                            GtkTooltip *tooltip)
{
  PlBarChart *self = PL_BAR_CHART (widget);
  g_autofree char *described = NULL;
  g_autofree char *text = NULL;
  const PlSatisfactionFigure *figure;
  int row = -1;

  if (keyboard_mode)
    return FALSE;
  for (guint i = 0; i < n_bars (self); i++)
    if (y >= row_top (i) && y < row_top (i) + ROW_HEIGHT)
      row = i;
  if (row < 0)
    return FALSE;
  figure = figure_at (self, row);
  described = pl_chart_describe_figure (figure, self->minimum);
  text = g_strdup_printf (C_("chart tooltip", "%s: %s"), figure->label ? figure->label : "",
                          described);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pl_bar_chart_finalize (GObject *object)
{
  PlBarChart *self = PL_BAR_CHART (object);

  g_clear_pointer (&self->figures, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_bar_chart_parent_class)->finalize (object);
}

static void
pl_bar_chart_class_init (PlBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pl_bar_chart_finalize;
  widget_class->snapshot = pl_bar_chart_snapshot;
  widget_class->measure = pl_bar_chart_measure;
  widget_class->query_tooltip = pl_bar_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pl_bar_chart_init (PlBarChart *self)
{
  self->minimum = PL_SATISFACTION_MIN_CELL_DEFAULT;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
pl_bar_chart_new (void)
{
  return g_object_new (PL_TYPE_BAR_CHART, NULL);
}

void
pl_bar_chart_set_minimum (PlBarChart *self,
                          guint       minimum)
{
  g_return_if_fail (PL_IS_BAR_CHART (self));

  self->minimum = minimum;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_bar_chart_set_figures (PlBarChart *self,
                          GPtrArray  *figures)
{
  g_return_if_fail (PL_IS_BAR_CHART (self));

  g_clear_pointer (&self->figures, g_ptr_array_unref);
  self->figures = figures ? g_ptr_array_ref (figures) : NULL;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
