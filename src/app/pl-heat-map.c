/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-chart-utils.h"
#include "pl-heat-map.h"

#define ROW_HEIGHT 36.0
#define GAP 3.0
#define MIN_COLUMN 84.0
#define MAX_COLUMN 150.0
#define MAX_LABEL 230.0
#define LEGEND_HEIGHT 40.0

typedef struct
{
  char      *label;
  GPtrArray *figures;
  char      *rate;
  gboolean   not_representative;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->label);
  g_free (row->rate);
  g_clear_pointer (&row->figures, g_ptr_array_unref);
}

struct _PlHeatMap
{
  GtkWidget  parent_instance;

  GStrv      columns;
  GArray    *rows;       /* Row */
  guint      minimum;
  int        highlighted;
};

G_DEFINE_FINAL_TYPE (PlHeatMap, pl_heat_map, GTK_TYPE_WIDGET)

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  double label_width;
  double column_width;
  double rate_width;
  double header_height;
  double table_width;
} Geometry;

static guint
n_columns (PlHeatMap *self)
{
  return self->columns ? g_strv_length (self->columns) : 0;
}

static double
text_width (PlHeatMap  *self,
            const char *text,
            gboolean    small,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = pl_chart_layout (GTK_WIDGET (self), text, small, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static PangoLayout *
header_layout (PlHeatMap  *self,
               const char *text,
               double      width)
{
  PangoLayout *layout = pl_chart_layout (GTK_WIDGET (self), text, TRUE, TRUE);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

/* The natural sizes, widened up to @width when there is room. */
static void
compute_geometry (PlHeatMap *self,
                  double     width,
                  Geometry  *geometry)
{
  guint n = n_columns (self);
  double label = 0, rate, spare;
  g_autofree char *not_representative = g_utf8_strdown (_("Not representative"), -1);

  for (guint r = 0; r < self->rows->len; r++)
    label = MAX (label, text_width (self, g_array_index (self->rows, Row, r).label, FALSE, TRUE));
  geometry->label_width = MIN (label + 12, MAX_LABEL);

  rate = MAX (text_width (self, not_representative, TRUE, FALSE),
              MIN (text_width (self, _("Response rate"), TRUE, TRUE), 110));
  for (guint r = 0; r < self->rows->len; r++)
    rate = MAX (rate, text_width (self, g_array_index (self->rows, Row, r).rate, FALSE, FALSE));
  geometry->rate_width = rate + 16;

  geometry->column_width = MIN_COLUMN;
  spare = width - geometry->label_width - geometry->rate_width - GAP * (n + 1);
  if (n > 0 && spare / n > MIN_COLUMN)
    geometry->column_width = MIN (spare / n, MAX_COLUMN);

  geometry->header_height = 0;
  for (guint c = 0; c < n; c++)
    {
      g_autoptr(PangoLayout) layout = header_layout (self, self->columns[c],
                                                     geometry->column_width - 6);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      geometry->header_height = MAX (geometry->header_height, h);
    }
  {
    g_autoptr(PangoLayout) layout = header_layout (self, _("Response rate"),
                                                   geometry->rate_width - 4);
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    geometry->header_height = MAX (geometry->header_height, h);
  }
  geometry->header_height += 10;
  geometry->table_width = geometry->label_width + GAP + n * (geometry->column_width + GAP) +
                          geometry->rate_width;
}

/* x of a cell's start edge, from the left, mirrored right to left;
 * column -1 is the label, n the rate. */
static double
cell_x (PlHeatMap      *self,
        const Geometry *geometry,
        int             column,
        double          cell_width)
{
  double offset;

  if (column < 0)
    offset = 0;
  else if (column >= (int) n_columns (self))
    offset = geometry->label_width + GAP + n_columns (self) * (geometry->column_width + GAP);
  else
    offset = geometry->label_width + GAP + column * (geometry->column_width + GAP);

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return gtk_widget_get_width (GTK_WIDGET (self)) - offset - cell_width;
  return offset;
}

/* Higher figures are stronger; squared, so the 60–90% most schools have
 * spread out rather than looking all alike. */
static double
tint (double percent)
{
  double share = CLAMP (percent, 0, 100) / 100.0;

  return 0.08 + 0.84 * share * share;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_cell (PlHeatMap                  *self,
           cairo_t                    *cr,
           const PlSatisfactionFigure *figure,
           double                      x,
           double                      y,
           double                      width,
           const GdkRGBA              *fg,
           const GdkRGBA              *accent,
           const GdkRGBA              *accent_fg)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  const GdkRGBA *text_color = fg;
  gboolean small = FALSE;
  GdkRGBA dim = *fg;
  int w, h;

  dim.alpha *= 0.6;
  cairo_save (cr);
  rounded_rectangle (cr, x, y, width, ROW_HEIGHT, 5);
  if (figure == NULL || (!figure->suppressed && figure->n == 0))
    {
      pl_chart_set_source (cr, fg, 0.04);
      cairo_fill (cr);
      text = g_strdup ("—");
      text_color = &dim;
    }
  else if (figure->suppressed)
    {
      cairo_clip (cr);
      pl_chart_hatch (cr, x, y, width, ROW_HEIGHT, fg);
      text = pl_chart_fewer_than (self->minimum);
      text_color = &dim;
      small = TRUE;
    }
  else
    {
      double alpha = tint (figure->percent);

      pl_chart_set_source (cr, accent, alpha);
      cairo_fill (cr);
      text = pl_chart_format_percent (figure->percent);
      if (alpha > 0.5)
        text_color = accent_fg;
    }
  cairo_restore (cr);

  layout = pl_chart_layout (GTK_WIDGET (self), text, small, FALSE);
  pango_layout_set_width (layout, (int) ((width - 4) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (figure != NULL && figure->suppressed)
    pl_chart_show_layout_boxed (GTK_WIDGET (self), cr, layout, x + 2, y + (ROW_HEIGHT - h) / 2,
                                text_color);
  else
    pl_chart_show_layout (cr, layout, x + 2, y + (ROW_HEIGHT - h) / 2, text_color);
}

static void
draw_legend (PlHeatMap      *self,
             cairo_t        *cr,
             double          top,
             const GdkRGBA  *fg,
             const GdkRGBA  *accent)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double bar = 160, x;
  g_autofree char *zero = g_strdup_printf (C_("axis percentage", "%d%%"), 0);
  g_autofree char *hundred = g_strdup_printf (C_("axis percentage", "%d%%"), 100);
  g_autoptr(PangoLayout) low = pl_chart_layout (GTK_WIDGET (self), zero, TRUE, FALSE);
  g_autoptr(PangoLayout) high = pl_chart_layout (GTK_WIDGET (self), hundred, TRUE, FALSE);
  g_autoptr(PangoLayout) caption = pl_chart_layout (GTK_WIDGET (self), _("favorable"), TRUE, FALSE);
  int lw, hw, cw, h;
  GdkRGBA dim = *fg;

  dim.alpha *= 0.7;
  pango_layout_get_pixel_size (low, &lw, &h);
  pango_layout_get_pixel_size (high, &hw, &h);
  pango_layout_get_pixel_size (caption, &cw, &h);
  top += 12;

  /* 0% at the start edge, 100% at the end, as the reading goes. */
  x = rtl ? width - lw : 0;
  pl_chart_show_layout (cr, low, x, top, &dim);
  x = rtl ? width - lw - 6 - bar : lw + 6;
  for (int i = 0; i < (int) bar; i++)
    {
      double share = (rtl ? bar - 1 - i : i) / (bar - 1);

      cairo_rectangle (cr, x + i, top + 2, 1, h - 4);
      pl_chart_set_source (cr, accent, tint (share * 100));
      cairo_fill (cr);
    }
  x = rtl ? x - 6 - hw : x + bar + 6;
  pl_chart_show_layout (cr, high, x, top, &dim);
  x = rtl ? x - 10 - cw : x + hw + 10;
  pl_chart_show_layout (cr, caption, x, top, &dim);
}

static void
pl_heat_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  PlHeatMap *self = PL_HEAT_MAP (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  guint n = n_columns (self);
  cairo_t *cr;
  GdkRGBA fg, accent, accent_fg, dim, warning;
  Geometry geometry;
  double y;

  if (n == 0 || self->rows->len == 0)
    return;

  compute_geometry (self, width, &geometry);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pl_chart_get_color (widget, NULL, &fg);
  pl_chart_get_color (widget, "accent_bg_color", &accent);
  pl_chart_get_color (widget, "accent_fg_color", &accent_fg);
  pl_chart_get_color (widget, "warning_color", &warning);
  dim = fg;
  dim.alpha *= 0.7;

  /* Headings, at the foot of the header row. */
  for (guint c = 0; c <= n; c++)
    {
      double cell = c < n ? geometry.column_width : geometry.rate_width;
      g_autoptr(PangoLayout) layout = header_layout (self, c < n ? self->columns[c]
                                                                 : _("Response rate"), cell - 6);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      pl_chart_show_layout (cr, layout, cell_x (self, &geometry, c, cell) + 3,
                            geometry.header_height - 6 - h, &dim);
    }

  y = geometry.header_height;
  for (guint r = 0; r < self->rows->len; r++, y += ROW_HEIGHT + GAP)
    {
      const Row *row = &g_array_index (self->rows, Row, r);
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) rate = NULL;
      double x;
      int w, h;

      if ((int) r == self->highlighted)
        {
          rounded_rectangle (cr, rtl ? width - geometry.table_width + 1 : 1, y - 2,
                             geometry.table_width - 2, ROW_HEIGHT + 4, 7);
          cairo_set_line_width (cr, 2);
          pl_chart_set_source (cr, &accent, 1);
          cairo_stroke (cr);
        }

      label = pl_chart_layout (widget, row->label, FALSE, r == 0 || (int) r == self->highlighted);
      pango_layout_set_width (label, (int) ((geometry.label_width - 12) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &w, &h);
      x = cell_x (self, &geometry, -1, geometry.label_width);
      pl_chart_show_layout_at (cr, label, rtl ? x + geometry.label_width - 6 : x + 6,
                               y + (ROW_HEIGHT - h) / 2, rtl, &fg);

      for (guint c = 0; c < n; c++)
        draw_cell (self, cr,
                   row->figures && c < row->figures->len ? row->figures->pdata[c] : NULL,
                   cell_x (self, &geometry, c, geometry.column_width), y, geometry.column_width,
                   &fg, &accent, &accent_fg);

      rate = pl_chart_layout (widget, row->rate, FALSE, FALSE);
      pango_layout_get_pixel_size (rate, &w, &h);
      x = cell_x (self, &geometry, n, geometry.rate_width);
      if (row->not_representative)
        {
          g_autofree char *words = g_utf8_strdown (_("Not representative"), -1);
          g_autoptr(PangoLayout) note = pl_chart_layout (widget, words, TRUE, FALSE);
          int nw, nh;

          pango_layout_get_pixel_size (note, &nw, &nh);
          pl_chart_show_layout (cr, rate, x + (geometry.rate_width - w) / 2,
                                y + (ROW_HEIGHT - h - nh) / 2, &warning);
          pl_chart_show_layout (cr, note, x + (geometry.rate_width - nw) / 2,
                                y + (ROW_HEIGHT - h - nh) / 2 + h, &warning);
        }
      else
        pl_chart_show_layout (cr, rate, x + (geometry.rate_width - w) / 2, y + (ROW_HEIGHT - h) / 2,
                              &dim);
    }

  draw_legend (self, cr, y, &fg, &accent);
  cairo_destroy (cr);
}

static void
pl_heat_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  PlHeatMap *self = PL_HEAT_MAP (widget);
  Geometry geometry;

  compute_geometry (self, for_size > 0 && orientation == GTK_ORIENTATION_VERTICAL ? for_size : 0,
                    &geometry);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (geometry.table_width + 4);
      *natural = *minimum;
    }
  else
    {
      *minimum = (int) ceil (geometry.header_height + self->rows->len * (ROW_HEIGHT + GAP) +
                             LEGEND_HEIGHT);
      *natural = *minimum;
    }
}

static GtkSizeRequestMode
pl_heat_map_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The row and column under a point; column -1 for the label, n for the rate. */
static gboolean
cell_at (PlHeatMap *self,
         double     x,
         double     y,
         guint     *row,
         int       *column)
{
  Geometry geometry;
  guint n = n_columns (self);

  compute_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)), &geometry);
  if (y < geometry.header_height)
    return FALSE;
  *row = (guint) ((y - geometry.header_height) / (ROW_HEIGHT + GAP));
  if (*row >= self->rows->len)
    return FALSE;
  for (int c = -1; c <= (int) n; c++)
    {
      double cell = c < 0 ? geometry.label_width : c < (int) n ? geometry.column_width
                                                               : geometry.rate_width;
      double start = cell_x (self, &geometry, c, cell);

      if (x >= start && x < start + cell)
        {
          *column = c;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
pl_heat_map_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip)
{
  PlHeatMap *self = PL_HEAT_MAP (widget);
  g_autofree char *text = NULL;
  const Row *row;
  guint r;
  int c;

  if (keyboard_mode || !cell_at (self, x, y, &r, &c))
    return FALSE;
  row = &g_array_index (self->rows, Row, r);
  if (c < 0)
    text = g_strdup (row->label);
  else if (c >= (int) n_columns (self))
    /* Translators: a school and its response rate, "North Elementary: response rate 38.2%" */
    text = g_strdup_printf (row->not_representative ? _("%s: response rate %s, not representative")
                                                    : _("%s: response rate %s"),
                            row->label, row->rate);
  else
    {
      const PlSatisfactionFigure *figure =
        row->figures && (guint) c < row->figures->len ? row->figures->pdata[c] : NULL;
      g_autofree char *described = pl_chart_describe_figure (figure, self->minimum);

      /* Translators: a school, a domain and its figure: "North Elementary, Welcoming: 72.4% …" */
      text = g_strdup_printf (C_("heat map tooltip", "%s, %s: %s"), row->label, self->columns[c],
                              described);
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PlHeatMap       *self)
{
  guint row;
  int column;

  if (n_press == 1 && cell_at (self, x, y, &row, &column))
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, row);
}

static void
pl_heat_map_finalize (GObject *object)
{
  PlHeatMap *self = PL_HEAT_MAP (object);

  g_strfreev (self->columns);
  g_array_unref (self->rows);

  G_OBJECT_CLASS (pl_heat_map_parent_class)->finalize (object);
}

static void
pl_heat_map_class_init (PlHeatMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pl_heat_map_finalize;
  widget_class->snapshot = pl_heat_map_snapshot;
  widget_class->measure = pl_heat_map_measure;
  widget_class->get_request_mode = pl_heat_map_get_request_mode;
  widget_class->query_tooltip = pl_heat_map_query_tooltip;

  signals[ROW_ACTIVATED] =
    g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pl_heat_map_init (PlHeatMap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->minimum = PL_SATISFACTION_MIN_CELL_DEFAULT;
  self->highlighted = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
pl_heat_map_new (void)
{
  return g_object_new (PL_TYPE_HEAT_MAP, NULL);
}

void
pl_heat_map_set_columns (PlHeatMap         *self,
                         const char *const *labels)
{
  g_return_if_fail (PL_IS_HEAT_MAP (self));

  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **) labels);
  g_array_set_size (self->rows, 0);
  self->highlighted = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pl_heat_map_set_minimum (PlHeatMap *self,
                         guint      minimum)
{
  g_return_if_fail (PL_IS_HEAT_MAP (self));

  self->minimum = minimum;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pl_heat_map_add_row (PlHeatMap  *self,
                     const char *label,
                     GPtrArray  *figures,
                     const char *rate,
                     gboolean    not_representative)
{
  Row row = { 0 };

  g_return_if_fail (PL_IS_HEAT_MAP (self));

  row.label = g_strdup (label);
  row.figures = figures ? g_ptr_array_ref (figures) : NULL;
  row.rate = g_strdup (rate ? rate : "");
  row.not_representative = not_representative;
  g_array_append_val (self->rows, row);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
pl_heat_map_set_highlighted_row (PlHeatMap *self,
                                 int        row)
{
  g_return_if_fail (PL_IS_HEAT_MAP (self));

  self->highlighted = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
pl_heat_map_get_n_rows (PlHeatMap *self)
{
  g_return_val_if_fail (PL_IS_HEAT_MAP (self), 0);

  return self->rows->len;
}
