/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-chart-utils.h"
#include "pl-trend-chart.h"

#define MARGIN 4.0
#define PLOT_TOP 10.0
#define LEGEND_GAP 14.0
#define LEGEND_SWATCH 22.0
#define LEGEND_SPACING 18.0

typedef struct
{
  char      *label;
  GPtrArray *figures;
} Series;

static void
series_clear (gpointer data)
{
  Series *series = data;

  g_free (series->label);
  g_clear_pointer (&series->figures, g_ptr_array_unref);
}

struct _PlTrendChart
{
  GtkWidget  parent_instance;

  GStrv      terms;
  GArray    *series;   /* Series */
  guint      minimum;
};

G_DEFINE_FINAL_TYPE (PlTrendChart, pl_trend_chart, GTK_TYPE_WIDGET)

/* Where everything goes for one size. */
typedef struct
{
  double left, right, top, bottom;  /* the plot */
  double axis_width;
  double label_height;
  double legend_top;
  guint  label_step;                /* every how many terms a label shows */
  double y_min, y_max, y_step;      /* the percent axis */
} Geometry;

static const PlSatisfactionFigure *
figure_at (const Series *series,
           guint         term)
{
  if (series->figures == NULL || term >= series->figures->len)
    return NULL;
  return series->figures->pdata[term];
}

static gboolean
is_shown (const PlSatisfactionFigure *figure)
{
  return figure != NULL && !figure->suppressed && figure->n > 0;
}

static gboolean
has_hidden_primary (PlTrendChart *self)
{
  if (self->series->len == 0)
    return FALSE;
  for (guint t = 0; self->terms && self->terms[t]; t++)
    {
      const PlSatisfactionFigure *figure = figure_at (&g_array_index (self->series, Series, 0), t);

      if (figure != NULL && figure->suppressed)
        return TRUE;
    }
  return FALSE;
}

/* The legend's entries: each series, then what a whisker and a hatched
 * band mean. */
static GPtrArray *
legend_texts (PlTrendChart *self)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->series->len; i++)
    g_ptr_array_add (texts, g_strdup (g_array_index (self->series, Series, i).label));
  /* xgettext:no-c-format */
  g_ptr_array_add (texts, g_strdup (_("95% interval")));
  if (has_hidden_primary (self))
    g_ptr_array_add (texts, pl_chart_fewer_than (self->minimum));
  return texts;
}

/* Lays the legend out in rows within @width; returns its height and, when
 * @positions is given, each entry's offset from the start edge and row. */
static double
legend_layout (PlTrendChart *self,
               double        width,
               GArray       *positions)
{
  g_autoptr(GPtrArray) texts = legend_texts (self);
  double x = 0, row = 0, line_height = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(PangoLayout) layout = pl_chart_layout (GTK_WIDGET (self), texts->pdata[i], TRUE,
                                                       FALSE);
      int w, h;
      double entry;

      pango_layout_get_pixel_size (layout, &w, &h);
      line_height = MAX (line_height, h + 4);
      entry = LEGEND_SWATCH + 6 + w;
      if (x > 0 && x + entry > width)
        {
          x = 0;
          row++;
        }
      if (positions != NULL)
        {
          double at[2] = { x, row };

          g_array_append_vals (positions, at, 2);
        }
      x += entry + LEGEND_SPACING;
    }
  if (texts->len == 0)
    return 0;
  return (row + 1) * line_height;
}

/* The percent axis spans the figures and their intervals, in tens, at
 * least thirty points: differences of a few points stay visible, and
 * the whiskers show how much of them is noise. */
static void
compute_range (PlTrendChart *self,
               Geometry     *geometry)
{
  double low = 100, high = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < self->series->len; i++)
    for (guint t = 0; self->terms && self->terms[t]; t++)
      {
        const PlSatisfactionFigure *figure = figure_at (&g_array_index (self->series, Series, i), t);

        if (!is_shown (figure))
          continue;
        low = MIN (low, figure->low);
        high = MAX (high, figure->high);
        any = TRUE;
      }
  if (!any)
    {
      low = 0;
      high = 100;
    }
  geometry->y_min = MAX (0, floor ((low - 2) / 10) * 10);
  geometry->y_max = MIN (100, ceil ((high + 2) / 10) * 10);
  while (geometry->y_max - geometry->y_min < 30)
    {
      if (geometry->y_min > 0)
        geometry->y_min -= 10;
      else
        geometry->y_max += 10;
    }
  geometry->y_step = geometry->y_max - geometry->y_min > 60 ? 20 : 10;
}

static void
compute_geometry (PlTrendChart *self,
                  double        width,
                  double        height,
                  Geometry     *geometry)
{
  g_autoptr(PangoLayout) axis = pl_chart_layout (GTK_WIDGET (self), "100.0%", TRUE, FALSE);
  guint n_terms = self->terms ? g_strv_length (self->terms) : 0;
  double legend_height = legend_layout (self, width - 2 * MARGIN, NULL);
  double widest = 0, slot;
  int w, h;

  pango_layout_get_pixel_size (axis, &w, &h);
  geometry->axis_width = w + 10;
  geometry->label_height = h + 8;
  /* The percent axis at the start edge: on the right, right to left. */
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    {
      geometry->left = MARGIN + 6;
      geometry->right = width - MARGIN - geometry->axis_width;
    }
  else
    {
      geometry->left = MARGIN + geometry->axis_width;
      geometry->right = width - MARGIN - 6;
    }
  geometry->top = PLOT_TOP;
  geometry->bottom = height - MARGIN - legend_height - LEGEND_GAP - geometry->label_height;
  geometry->legend_top = geometry->bottom + geometry->label_height + LEGEND_GAP;

  for (guint t = 0; t < n_terms; t++)
    {
      g_autoptr(PangoLayout) label = pl_chart_layout (GTK_WIDGET (self), self->terms[t], TRUE,
                                                      FALSE);

      pango_layout_get_pixel_size (label, &w, &h);
      widest = MAX (widest, w);
    }
  compute_range (self, geometry);
  slot = n_terms > 0 ? (geometry->right - geometry->left) / n_terms : 1;
  geometry->label_step = MAX (1, (guint) ceil ((widest + 8) / MAX (slot, 1)));
}

/* The centre of term @t along the axis, mirrored right to left. */
static double
term_x (PlTrendChart   *self,
        const Geometry *geometry,
        guint           t)
{
  guint n_terms = self->terms ? g_strv_length (self->terms) : 0;
  double slot = (geometry->right - geometry->left) / MAX (n_terms, 1);
  double offset = (t + 0.5) * slot;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return geometry->right - offset;
  return geometry->left + offset;
}

static double
percent_y (const Geometry *geometry,
           double          percent)
{
  double span = geometry->y_max - geometry->y_min;

  return geometry->bottom - (geometry->bottom - geometry->top) *
                            (CLAMP (percent, geometry->y_min, geometry->y_max) - geometry->y_min) /
                            span;
}

/* Side by side within a term, so whiskers of several series stay apart. */
static double
dodge (PlTrendChart   *self,
       const Geometry *geometry,
       guint           index)
{
  guint n_terms = self->terms ? g_strv_length (self->terms) : 1;
  guint n = self->series->len;
  double slot = (geometry->right - geometry->left) / MAX (n_terms, 1);
  double step = n > 1 ? MIN (7, slot * 0.5 / (n - 1)) : 0;
  double offset = (index - (n - 1) / 2.0) * step;

  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -offset : offset;
}

static void
draw_axes (PlTrendChart   *self,
           cairo_t        *cr,
           const Geometry *geometry,
           const GdkRGBA  *fg)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  guint n_terms = self->terms ? g_strv_length (self->terms) : 0;

  for (double tick = geometry->y_min; tick <= geometry->y_max + 0.01; tick += geometry->y_step)
    {
      g_autofree char *text = g_strdup_printf (C_("axis percentage", "%d%%"), (int) tick);
      g_autoptr(PangoLayout) layout = pl_chart_layout (GTK_WIDGET (self), text, TRUE, FALSE);
      double y = round (percent_y (geometry, tick)) + 0.5;
      int w, h;

      cairo_move_to (cr, geometry->left, y);
      cairo_line_to (cr, geometry->right, y);
      cairo_set_line_width (cr, 1);
      pl_chart_set_source (cr, fg, tick == geometry->y_min ? 0.35 : 0.1);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      if (rtl)
        pl_chart_show_layout (cr, layout, geometry->right + 8, y - h / 2.0,
                              &(GdkRGBA) { fg->red, fg->green, fg->blue, fg->alpha * 0.6 });
      else
        pl_chart_show_layout (cr, layout, geometry->left - 8 - w, y - h / 2.0,
                              &(GdkRGBA) { fg->red, fg->green, fg->blue, fg->alpha * 0.6 });
    }

  for (guint t = 0; t < n_terms; t++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      /* Crowded, every other (or third) label, counting back from the newest. */
      if ((n_terms - 1 - t) % geometry->label_step != 0)
        continue;
      layout = pl_chart_layout (GTK_WIDGET (self), self->terms[t], TRUE, FALSE);
      pango_layout_get_pixel_size (layout, &w, &h);
      /* Centred under its term, but inside the chart at either end. */
      pl_chart_show_layout (cr, layout,
                            CLAMP (term_x (self, geometry, t) - w / 2.0, 0,
                                   gtk_widget_get_width (GTK_WIDGET (self)) - w),
                            geometry->bottom + 6,
                            &(GdkRGBA) { fg->red, fg->green, fg->blue, fg->alpha * 0.7 });
    }
}

static void
draw_hidden_bands (PlTrendChart   *self,
                   cairo_t        *cr,
                   const Geometry *geometry,
                   const GdkRGBA  *fg)
{
  guint n_terms = self->terms ? g_strv_length (self->terms) : 0;
  double slot = (geometry->right - geometry->left) / MAX (n_terms, 1);
  g_autofree char *text = pl_chart_fewer_than (self->minimum);

  if (self->series->len == 0)
    return;
  for (guint t = 0; t < n_terms; t++)
    {
      const PlSatisfactionFigure *figure = figure_at (&g_array_index (self->series, Series, 0), t);
      g_autoptr(PangoLayout) layout = NULL;
      double x, band = MAX (slot * 0.7, 8);
      int w, h;

      if (figure == NULL || !figure->suppressed)
        continue;
      x = term_x (self, geometry, t);
      pl_chart_hatch (cr, x - band / 2, geometry->top, band, geometry->bottom - geometry->top, fg);

      /* The words, when the band has room for them (the legend says it too). */
      layout = pl_chart_layout (GTK_WIDGET (self), text, TRUE, FALSE);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (w <= band - 4 && h < (geometry->bottom - geometry->top) / 2)
        pl_chart_show_layout_boxed (GTK_WIDGET (self), cr, layout, x - w / 2.0,
                                    (geometry->top + geometry->bottom - h) / 2,
                                    &(GdkRGBA) { fg->red, fg->green, fg->blue, fg->alpha * 0.75 });
    }
}

static void
draw_series (PlTrendChart   *self,
             cairo_t        *cr,
             const Geometry *geometry,
             guint           index)
{
  const Series *series = &g_array_index (self->series, Series, index);
  guint n_terms = self->terms ? g_strv_length (self->terms) : 0;
  double shift = dodge (self, geometry, index);
  double radius = index == 0 ? 4.5 : 3.5;
  gboolean drawing = FALSE;
  GdkRGBA color;

  pl_chart_get_series_color (GTK_WIDGET (self), index, &color);

  /* Whiskers: the 95% interval. */
  for (guint t = 0; t < n_terms; t++)
    {
      const PlSatisfactionFigure *figure = figure_at (series, t);
      double x;

      if (!is_shown (figure))
        continue;
      x = round (term_x (self, geometry, t) + shift) + 0.5;
      cairo_move_to (cr, x, percent_y (geometry, figure->low));
      cairo_line_to (cr, x, percent_y (geometry, figure->high));
      cairo_move_to (cr, x - 3, round (percent_y (geometry, figure->low)) + 0.5);
      cairo_line_to (cr, x + 3, round (percent_y (geometry, figure->low)) + 0.5);
      cairo_move_to (cr, x - 3, round (percent_y (geometry, figure->high)) + 0.5);
      cairo_line_to (cr, x + 3, round (percent_y (geometry, figure->high)) + 0.5);
    }
  cairo_set_line_width (cr, 1);
  pl_chart_set_source (cr, &color, 0.55);
  cairo_stroke (cr);

  /* The line, broken where a term has no figure. */
  for (guint t = 0; t < n_terms; t++)
    {
      const PlSatisfactionFigure *figure = figure_at (series, t);
      double x, y;

      if (!is_shown (figure))
        {
          drawing = FALSE;
          continue;
        }
      x = term_x (self, geometry, t) + shift;
      y = percent_y (geometry, figure->percent);
      if (drawing)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      drawing = TRUE;
    }
  cairo_set_line_width (cr, index == 0 ? 2.5 : 1.75);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  pl_chart_set_source (cr, &color, index == 0 ? 1 : 0.9);
  cairo_stroke (cr);

  for (guint t = 0; t < n_terms; t++)
    {
      const PlSatisfactionFigure *figure = figure_at (series, t);

      if (!is_shown (figure))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, term_x (self, geometry, t) + shift, percent_y (geometry, figure->percent),
                 radius, 0, 2 * G_PI);
    }
  pl_chart_set_source (cr, &color, 1);
  cairo_fill (cr);
}

static void
draw_legend (PlTrendChart   *self,
             cairo_t        *cr,
             const Geometry *geometry,
             double          width,
             const GdkRGBA  *fg)
{
  g_autoptr(GPtrArray) texts = legend_texts (self);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  double line_height;
  int w, h;

  legend_layout (self, width - 2 * MARGIN, positions);
  {
    g_autoptr(PangoLayout) probe = pl_chart_layout (GTK_WIDGET (self), "Ag", TRUE, FALSE);

    pango_layout_get_pixel_size (probe, &w, &h);
    line_height = h + 4;
  }

  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(PangoLayout) layout = pl_chart_layout (GTK_WIDGET (self), texts->pdata[i], TRUE,
                                                       FALSE);
      double offset = g_array_index (positions, double, 2 * i);
      double y = geometry->legend_top + g_array_index (positions, double, 2 * i + 1) * line_height;
      double swatch_start, text_x, mid = y + h / 2.0;
      GdkRGBA color;

      pango_layout_get_pixel_size (layout, &w, &h);
      if (rtl)
        {
          swatch_start = width - MARGIN - offset - LEGEND_SWATCH;
          text_x = swatch_start - 6 - w;
        }
      else
        {
          swatch_start = MARGIN + offset;
          text_x = swatch_start + LEGEND_SWATCH + 6;
        }

      if (i < self->series->len)
        {
          pl_chart_get_series_color (GTK_WIDGET (self), i, &color);
          cairo_move_to (cr, swatch_start, mid);
          cairo_line_to (cr, swatch_start + LEGEND_SWATCH, mid);
          cairo_set_line_width (cr, i == 0 ? 2.5 : 1.75);
          pl_chart_set_source (cr, &color, 1);
          cairo_stroke (cr);
          cairo_arc (cr, swatch_start + LEGEND_SWATCH / 2, mid, i == 0 ? 4.5 : 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      else if (i == self->series->len)
        {
          double x = round (swatch_start + LEGEND_SWATCH / 2) + 0.5;

          cairo_move_to (cr, x, mid - 6);
          cairo_line_to (cr, x, mid + 6);
          cairo_move_to (cr, x - 3, round (mid - 6) + 0.5);
          cairo_line_to (cr, x + 3, round (mid - 6) + 0.5);
          cairo_move_to (cr, x - 3, round (mid + 6) + 0.5);
          cairo_line_to (cr, x + 3, round (mid + 6) + 0.5);
          cairo_set_line_width (cr, 1);
          pl_chart_set_source (cr, fg, 0.7);
          cairo_stroke (cr);
        }
      else
        pl_chart_hatch (cr, swatch_start + 3, mid - 7, LEGEND_SWATCH - 6, 14, fg);

      pl_chart_show_layout (cr, layout, text_x, y, fg);
    }
}

static void
pl_trend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PlTrendChart *self = PL_TREND_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;
  Geometry geometry;
  GdkRGBA fg;

  if (self->terms == NULL || self->terms[0] == NULL || width < 40 || height < 40)
    return;

  compute_geometry (self, width, height, &geometry);
  if (geometry.bottom - geometry.top < 20)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pl_chart_get_color (widget, NULL, &fg);

  draw_axes (self, cr, &geometry, &fg);
  draw_hidden_bands (self, cr, &geometry, &fg);
  /* The first series last, on top of the others. */
  for (guint i = self->series->len; i > 0; i--)
    draw_series (self, cr, &geometry, i - 1);
  draw_legend (self, cr, &geometry, width, &fg);
  cairo_destroy (cr);
}

static void
pl_trend_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  PlTrendChart *self = PL_TREND_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 260;
      *natural = 640;
    }
  else
    {
      double width = for_size > 0 ? for_size : 640;
      double legend = legend_layout (self, width - 2 * MARGIN, NULL);

      /* A scrolled page gives its children their minimum height. */
      *minimum = (int) ceil (280 + legend + LEGEND_GAP);
      *natural = *minimum;
    }
}

static GtkSizeRequestMode
pl_trend_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static gboolean
pl_trend_chart_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  PlTrendChart *self = PL_TREND_CHART (widget);
  guint n_terms = self->terms ? g_strv_length (self->terms) : 0;
  g_autoptr(GString) text = NULL;
  Geometry geometry;
  double slot, best = G_MAXDOUBLE;
  int term = -1;

  if (n_terms == 0 || self->series->len == 0 || keyboard_mode)
    return FALSE;
  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &geometry);
  if (y < geometry.top || y > geometry.bottom + geometry.label_height)
    return FALSE;
  slot = (geometry.right - geometry.left) / n_terms;
  for (guint t = 0; t < n_terms; t++)
    {
      double distance = fabs (term_x (self, &geometry, t) - x);

      if (distance < best)
        {
          best = distance;
          term = t;
        }
    }
  if (term < 0 || best > slot / 2)
    return FALSE;

  text = g_string_new (NULL);
  {
    g_autofree char *escaped = g_markup_escape_text (self->terms[term], -1);

    g_string_append_printf (text, "<b>%s</b>", escaped);
  }
  for (guint i = 0; i < self->series->len; i++)
    {
      const Series *series = &g_array_index (self->series, Series, i);
      g_autofree char *figure = pl_chart_describe_figure (figure_at (series, term), self->minimum);
      /* Translators: a series of a chart and its figure: "Spanish: 72.4% favorable …" */
      g_autofree char *line = g_strdup_printf (C_("chart tooltip", "%s: %s"), series->label, figure);
      g_autofree char *escaped = g_markup_escape_text (line, -1);

      g_string_append_printf (text, "\n%s", escaped);
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

static void
pl_trend_chart_finalize (GObject *object)
{
  PlTrendChart *self = PL_TREND_CHART (object);

  g_strfreev (self->terms);
  g_array_unref (self->series);

  G_OBJECT_CLASS (pl_trend_chart_parent_class)->finalize (object);
}

static void
pl_trend_chart_class_init (PlTrendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pl_trend_chart_finalize;
  widget_class->snapshot = pl_trend_chart_snapshot;
  widget_class->measure = pl_trend_chart_measure;
  widget_class->get_request_mode = pl_trend_chart_get_request_mode;
  widget_class->query_tooltip = pl_trend_chart_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pl_trend_chart_init (PlTrendChart *self)
{
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, series_clear);
  self->minimum = PL_SATISFACTION_MIN_CELL_DEFAULT;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
pl_trend_chart_new (void)
{
  return g_object_new (PL_TYPE_TREND_CHART, NULL);
}

void
pl_trend_chart_set_terms (PlTrendChart      *self,
                          const char *const *labels)
{
  g_return_if_fail (PL_IS_TREND_CHART (self));

  g_strfreev (self->terms);
  self->terms = g_strdupv ((char **) labels);
  g_array_set_size (self->series, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pl_trend_chart_set_minimum (PlTrendChart *self,
                            guint         minimum)
{
  g_return_if_fail (PL_IS_TREND_CHART (self));

  self->minimum = minimum;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pl_trend_chart_add_series (PlTrendChart *self,
                           const char   *label,
                           GPtrArray    *figures)
{
  Series series = { 0 };

  g_return_if_fail (PL_IS_TREND_CHART (self));

  series.label = g_strdup (label);
  series.figures = figures ? g_ptr_array_ref (figures) : NULL;
  g_array_append_val (self->series, series);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
pl_trend_chart_get_n_series (PlTrendChart *self)
{
  g_return_val_if_fail (PL_IS_TREND_CHART (self), 0);

  return self->series->len;
}
