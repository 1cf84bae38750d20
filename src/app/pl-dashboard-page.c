/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-bar-chart.h"
#include "pl-chart-utils.h"
#include "pl-dashboard-page-private.h"
#include "pl-heat-map.h"
#include "pl-languages.h"
#include "pl-question.h"
#include "pl-satisfaction-report.h"
#include "pl-satisfaction.h"
#include "pl-store-surveys.h"
#include "pl-trend-chart.h"
#include "pl-utils.h"

/* Shown again after this long, the page reads the responses anew: forms
 * keyed in the meantime count. */
#define STALE_SECONDS 60
/* Comments come a page at a time. */
#define COMMENTS_PAGE 20
/* Cards shown (the zone's and the first schools') until a person asks
 * for every school's. */
#define CARDS_FOLDED 6
/* Lines in the trend besides the total; the table has every group. */
#define MAX_TREND_GROUPS 5

struct _PlDashboardPage
{
  GtkWidget       parent_instance;

  PlStore        *store;
  gboolean        show_start_title_buttons;
  gboolean        show_back_button;

  GPtrArray      *series_ids;        /* char*, as in the survey drop-down */
  PlSatisfaction *satisfaction;
  GCancellable   *cancellable;
  gint64          loaded_at;
  gboolean        loading;
  guint           updating;          /* filling drop-downs: their changes are ours */
  gboolean        cards_expanded;
  double          rate_floor;

  GPtrArray      *term_choices;      /* char*, newest first */
  GPtrArray      *school_choices;    /* char*, NULL = the zone */
  GPtrArray      *domain_choices;    /* char*, NULL = every domain */
  GPtrArray      *group_choices;     /* char*, NULL = the form's language */
  GPtrArray      *comment_questions; /* char* */

  /* Each table as rows of cells (GStrv), the headings first. */
  GPtrArray      *trend_table;
  GPtrArray      *breakdown_table;
  GPtrArray      *heat_table;

  GPtrArray      *comments;          /* PlSatisfactionComment, while listed */
  guint           comments_shown;

  GtkFileChooserNative *chooser;     /* while a file is being chosen */
  GCancellable   *export_cancellable; /* while a report is being written */
  char           *export_path;        /* the report's file, meanwhile */

  GtkDropDown    *survey_dropdown;
  GtkDropDown    *term_dropdown;
  GtkDropDown    *school_dropdown;
  GtkDropDown    *domain_dropdown;
  GtkDropDown    *group_dropdown;

  AdwWindowTitle *window_title;
  GtkWidget      *export_button;
  GtkWidget      *settings_button;
  GtkRevealer    *export_revealer;
  GtkLabel       *export_label;
  GtkProgressBar *export_progress;
  GtkWidget      *comments_export_button;
  GtkSpinner     *spinner;
  GtkSpinner     *loading_spinner;
  GtkSpinButton  *minimum_spin;
  GtkSpinButton  *floor_spin;
  GtkFlowBox     *filters_box;
  GtkStack       *stack;
  GtkScrolledWindow *scrolled;
  AdwStatusPage  *status_page;
  GtkLabel       *cards_title;
  GtkLabel       *cards_note;
  GtkFlowBox     *cards_box;
  GtkButton      *cards_more_button;
  GtkLabel       *trend_title;
  GtkLabel       *trend_note;
  GtkToggleButton *trend_table_toggle;
  GtkStack       *trend_stack;
  PlTrendChart   *trend_chart;
  GtkGrid        *trend_grid;
  GtkLabel       *breakdown_title;
  GtkLabel       *breakdown_note;
  GtkToggleButton *breakdown_table_toggle;
  GtkStack       *breakdown_stack;
  PlBarChart     *bar_chart;
  GtkGrid        *breakdown_grid;
  GtkLabel       *heat_title;
  GtkLabel       *heat_note;
  GtkToggleButton *heat_table_toggle;
  GtkStack       *heat_stack;
  PlHeatMap      *heat_map;
  GtkGrid        *heat_grid;
  GtkWidget      *comments_section;
  GtkLabel       *comments_title;
  GtkDropDown    *comment_question_dropdown;
  GtkStack       *comments_stack;
  GtkListBox     *comments_list;
  GtkButton      *more_comments_button;
  GtkLabel       *comments_message;
  GtkLabel       *method_label;
};

G_DEFINE_FINAL_TYPE (PlDashboardPage, pl_dashboard_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_START_TITLE_BUTTONS,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (PlDashboardPage *self);
static void update_actions (PlDashboardPage *self);
static void start_loading (PlDashboardPage *self);

static void
toast (PlDashboardPage *self,
       const char      *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/* The language the staff read Porchlight in, for the survey's own words
 * (question texts, option labels): "es" from "es_MX.UTF-8". */
static char *
staff_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));

      if (pl_language_lookup (code) != NULL)
        return g_steal_pointer (&code);
    }
  return g_strdup ("en");
}

static const char *
chosen (GtkDropDown *dropdown,
        GPtrArray   *choices)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (choices == NULL || selected >= choices->len)
    return NULL;
  return choices->pdata[selected];
}

static const char *
chosen_term (PlDashboardPage *self)
{
  return chosen (self->term_dropdown, self->term_choices);
}

static const char *
chosen_school (PlDashboardPage *self)
{
  return chosen (self->school_dropdown, self->school_choices);
}

static const char *
chosen_domain (PlDashboardPage *self)
{
  return chosen (self->domain_dropdown, self->domain_choices);
}

static const char *
chosen_group (PlDashboardPage *self)
{
  return chosen (self->group_dropdown, self->group_choices);
}

static const char *
domain_label (const char *domain)
{
  return domain == NULL ? _("All domains") : pl_question_domain_to_label (domain);
}

static const char *
school_label (PlDashboardPage *self,
              const char      *school_id)
{
  const char *name;

  if (school_id == NULL)
    return _("Whole zone");
  name = pl_satisfaction_get_school_name (self->satisfaction, school_id);
  return name ? name : school_id;
}

/* "Language of the form", or a grouping question's words. */
static char *
group_label (PlDashboardPage *self,
             const char      *question)
{
  g_autofree char *language = staff_language ();
  const char *text;

  if (question == NULL)
    return g_strdup (_("Language of the form"));
  text = pl_satisfaction_get_question_text (self->satisfaction, question, language);
  return g_strdup (text ? text : question);
}

static PlSatisfactionFigure *
figure_dup (const PlSatisfactionFigure *figure)
{
  PlSatisfactionFigure *copy = g_memdup2 (figure, sizeof *figure);

  copy->group = g_strdup (figure->group);
  copy->label = g_strdup (figure->label);
  return copy;
}

static void
hide_figure (PlSatisfactionFigure *figure)
{
  figure->suppressed = TRUE;
  figure->n = figure->n_answers = figure->n_favorable = 0;
  figure->percent = figure->low = figure->high = figure->mean = 0;
}

static gboolean
figure_shown (const PlSatisfactionFigure *figure)
{
  return figure != NULL && !figure->suppressed && figure->n > 0;
}

/* The figure of @school_id (NULL for the zone) among pl_satisfaction_by_school()'s. */
static PlSatisfactionFigure *
find_school_figure (GPtrArray  *by_school,
                    const char *school_id)
{
  if (school_id == NULL)
    return by_school->pdata[0];
  for (guint i = 1; i < by_school->len; i++)
    if (g_strcmp0 (((PlSatisfactionFigure *) by_school->pdata[i])->group, school_id) == 0)
      return by_school->pdata[i];
  return NULL;
}

/* A school's breakdown when the school's own figure is hidden among the
 * schools (to keep another school's small figure from being worked out):
 * its groups are hidden too, or they would add up to it. */
static GPtrArray *
breakdown (PlDashboardPage *self,
           const char      *term,
           const char      *school_id,
           const char      *domain,
           const char      *group)
{
  PlSatisfactionScope scope = { term, school_id, domain, NULL };
  g_autofree char *language = staff_language ();
  GPtrArray *figures = pl_satisfaction_breakdown (self->satisfaction, &scope,
                                                  group ? PL_GROUP_BY_QUESTION
                                                        : PL_GROUP_BY_FORM_LANGUAGE,
                                                  group, language);

  if (school_id != NULL && figures->len > 0)
    {
      g_autoptr(GPtrArray) by_school = pl_satisfaction_by_school (self->satisfaction, &scope);
      PlSatisfactionFigure *own = find_school_figure (by_school, school_id);

      if (own == NULL || own->suppressed)
        for (guint i = 0; i < figures->len; i++)
          hide_figure (figures->pdata[i]);
    }
  /* Group names as staff know them, in their language. */
  if (group == NULL)
    for (guint i = 1; i < figures->len; i++)
      {
        PlSatisfactionFigure *figure = figures->pdata[i];
        char *name = pl_language_display_name (figure->group);

        if (name != NULL)
          {
            g_free (figure->label);
            figure->label = name;
          }
      }
  return figures;
}

/* Response rates */

typedef struct
{
  double   rate;        /* 0–1, or -1 with nobody enrolled */
  gboolean under_floor;
} Rate;

static Rate
response_rate (PlDashboardPage *self,
               const char      *school_id,
               const char      *term)
{
  Rate rate;

  rate.rate = pl_satisfaction_response_rate (self->satisfaction, school_id, term, NULL, NULL,
                                             NULL);
  /* The floor set here, which the table read at its loading may predate. */
  rate.under_floor = rate.rate >= 0 && rate.rate < self->rate_floor;
  return rate;
}

static char *
format_rate (Rate rate)
{
  if (rate.rate < 0)
    return g_strdup (C_("response rate", "—"));
  return pl_chart_format_percent (100 * rate.rate);
}

/* "Response rate 38.2%", or with "not representative" under the floor. */
static char *
describe_rate (Rate rate)
{
  g_autofree char *percent = format_rate (rate);

  if (rate.rate < 0)
    return g_strdup (_("No families enrolled"));
  if (rate.under_floor)
    /* Translators: a school's response rate under the floor */
    return g_strdup_printf (_("Response rate %s, not representative"), percent);
  /* Translators: a school's response rate, "Response rate 38.2%" */
  return g_strdup_printf (_("Response rate %s"), percent);
}

/* Tables */

static void
table_add_row (GPtrArray *table,
               ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;
  const char *cell;

  va_start (args, table);
  while ((cell = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, cell);
  va_end (args);
  g_ptr_array_add (table, g_strv_builder_end (builder));
}

/* The cells of a figure: percent favorable, its interval, families, mean.
 * A hidden figure shows only the words. */
static void
figure_cells (PlDashboardPage            *self,
              const PlSatisfactionFigure *figure,
              char                      **percent,
              char                      **interval,
              char                      **families,
              char                      **mean)
{
  guint minimum = pl_satisfaction_get_minimum_cell_size (self->satisfaction);

  if (figure == NULL || (!figure->suppressed && figure->n == 0))
    {
      *percent = g_strdup (_("no responses"));
      *interval = g_strdup ("");
      *families = g_strdup ("");
      *mean = g_strdup ("");
    }
  else if (figure->suppressed)
    {
      *percent = pl_chart_fewer_than (minimum);
      *interval = g_strdup ("");
      *families = g_strdup ("");
      *mean = g_strdup ("");
    }
  else
    {
      *percent = pl_chart_format_percent (figure->percent);
      *interval = pl_chart_format_interval (figure->low, figure->high);
      *families = g_strdup_printf ("%'u", figure->n);
      *mean = g_strdup_printf ("%.2f", figure->mean);
    }
}

static void
show_table (GtkGrid   *grid,
            GPtrArray *table,
            guint      n_names)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  for (guint r = 0; table != NULL && r < table->len; r++)
    {
      const char *const *cells = table->pdata[r];

      for (guint c = 0; cells[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);

          /* Selectable, so a figure can be copied; the first @n_names
           * columns name the row (the last of them takes the spare
           * width), the rest are figures, lined up at their end. */
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_widget_set_focusable (label, FALSE);
          gtk_label_set_xalign (GTK_LABEL (label), c < n_names ? 0 : 1);
          gtk_label_set_wrap (GTK_LABEL (label), c < n_names);
          gtk_label_set_max_width_chars (GTK_LABEL (label), c < n_names ? 28 : -1);
          gtk_widget_set_hexpand (label, c + 1 == n_names);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          else if (c >= n_names)
            gtk_widget_add_css_class (label, "numeric");
          if (r % 2 == 0 && r > 0)
            gtk_widget_add_css_class (label, "dashboard-table-even");
          gtk_grid_attach (grid, label, c, r, 1, 1);
        }
    }
}

static char *
table_text (GPtrArray *table)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; table != NULL && r < table->len; r++)
    {
      g_autofree char *line = g_strjoinv ("\t", table->pdata[r]);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static GPtrArray *
table_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* The school cards */

static GtkWidget *
card_new (PlDashboardPage            *self,
          const PlSatisfactionFigure *figure,
          const PlSatisfactionFigure *previous_figure,
          const char                 *school_id,
          const char                 *term)
{
  PlSatisfactionScope scope = { term, school_id, chosen_domain (self), NULL };
  guint minimum = pl_satisfaction_get_minimum_cell_size (self->satisfaction);
  Rate rate = response_rate (self, school_id, term);
  g_autofree char *rate_text = describe_rate (rate);
  g_autofree char *accessible = NULL;
  g_autofree char *figure_text = pl_chart_describe_figure (figure, minimum);
  g_autofree char *change_text = NULL;
  g_autoptr(PlSatisfactionFigure) before = NULL;
  GtkWidget *child, *box, *top, *label;
  const char *name = school_label (self, school_id);
  int change = 0;

  child = gtk_flow_box_child_new ();
  gtk_widget_set_name (child, school_id ? school_id : "");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "dashboard-card");
  if (g_strcmp0 (school_id, chosen_school (self)) == 0)
    gtk_widget_add_css_class (box, "chosen");
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);

  label = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, name);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (box), top);

  if (figure_shown (figure))
    {
      g_autofree char *percent = pl_chart_format_percent (figure->percent);
      g_autofree char *interval = pl_chart_format_interval (figure->low, figure->high);
      g_autofree char *interval_text = NULL;
      g_autofree char *families = NULL;

      label = gtk_label_new (percent);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "title-1");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (top), label);

      /* Only a change the intervals say is real gets an arrow, and only
       * between two figures the cards show (a figure hidden beside the
       * other schools then says nothing through an arrow either). */
      before = pl_satisfaction_compare_previous (self->satisfaction, &scope, &change);
      if (change != 0 && before != NULL && figure_shown (previous_figure))
        {
          const char *const *terms = pl_satisfaction_get_terms (self->satisfaction);
          g_autofree char *previous = NULL;
          GtkWidget *arrow, *arrow_box;

          for (guint i = 1; terms[i] != NULL; i++)
            if (g_strcmp0 (terms[i], term) == 0)
              previous = pl_chart_format_term (terms[i - 1]);
          arrow_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
          gtk_widget_set_valign (arrow_box, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (arrow_box, change > 0 ? "dashboard-up" : "dashboard-down");
          arrow = gtk_image_new_from_icon_name (change > 0 ? "go-up-symbolic" : "go-down-symbolic");
          gtk_box_append (GTK_BOX (arrow_box), arrow);
          change_text = change > 0
                        /* Translators: the figure rose beyond the noise since that term */
                        ? g_strdup_printf (_("Up since %s"), previous ? previous : "")
                        /* Translators: the figure fell beyond the noise since that term */
                        : g_strdup_printf (_("Down since %s"), previous ? previous : "");
          label = gtk_label_new (change_text);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (arrow_box), label);
          gtk_box_append (GTK_BOX (top), arrow_box);
        }

      /* Translators: the 95% interval of a figure, "95% interval 68.0–76.5%" */
      interval_text = g_strdup_printf (_("95%% interval %s"), interval);
      label = gtk_label_new (interval_text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);

      families = g_strdup_printf (ngettext ("%'u family", "%'u families", figure->n), figure->n);
      label = gtk_label_new (families);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);
    }
  else
    {
      g_autofree char *words = figure != NULL && figure->suppressed
                               ? pl_chart_fewer_than (minimum) : g_strdup (_("No responses"));

      label = gtk_label_new (words);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "title-3");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "dashboard-hidden-figure");
      gtk_box_append (GTK_BOX (top), label);

      label = gtk_label_new (figure != NULL && figure->suppressed
                             ? _("Too few families to show a figure") : "");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  label = gtk_label_new (rate_text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  if (rate.under_floor)
    gtk_widget_add_css_class (label, "dashboard-not-representative");
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  /* Translators: read by a screen reader for a school's card: the school,
   * its figure, a change if any, and the response rate */
  accessible = g_strdup_printf (C_("card", "%s: %s. %s%s%s"), name, figure_text,
                                change_text ? change_text : "", change_text ? ". " : "",
                                rate_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_tooltip_text (child, school_id ? _("Show this school") : _("Show the whole zone"));
  return child;
}

static void
update_cards (PlDashboardPage *self,
              GPtrArray       *by_school)
{
  const char *term = chosen_term (self);
  g_autofree char *term_label = pl_chart_format_term (term);
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  guint minimum = pl_satisfaction_get_minimum_cell_size (self->satisfaction);
  g_autoptr(GPtrArray) previous = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);

  /* Translators: the heading of the school cards: a domain and a term,
   * "Percent Favorable, Welcoming — Fall 2026" */
  title = g_strdup_printf (_("Percent Favorable, %s — %s"), domain_label (chosen_domain (self)),
                           term_label);
  gtk_label_set_text (self->cards_title, title);
  note = g_strdup_printf (ngettext ("The share of answers in the top two points of the scale. "
                                    "An arrow marks a change since the previous term larger than "
                                    "the 95%% intervals allow by chance. No figure is shown for "
                                    "fewer than %u family.",
                                    "The share of answers in the top two points of the scale. "
                                    "An arrow marks a change since the previous term larger than "
                                    "the 95%% intervals allow by chance. No figure is shown for "
                                    "fewer than %u families.", minimum),
                          minimum);
  gtk_label_set_text (self->cards_note, note);

  /* The previous term's figures as its cards showed them. */
  {
    const char *const *terms = pl_satisfaction_get_terms (self->satisfaction);

    for (guint t = 1; terms[t] != NULL; t++)
      if (g_strcmp0 (terms[t], term) == 0)
        {
          PlSatisfactionScope scope = { terms[t - 1], NULL, chosen_domain (self), NULL };

          previous = pl_satisfaction_by_school (self->satisfaction, &scope);
        }
  }
  /* Folded, the zone and the school chosen, or the zone and the first
   * schools; the heat map has them all. */
  for (guint i = 0; i < by_school->len; i++)
    {
      PlSatisfactionFigure *figure = by_school->pdata[i];
      const char *school_id = i == 0 ? NULL : figure->group;

      if (!self->cards_expanded && i > 0 &&
          (chosen_school (self) != NULL ? g_strcmp0 (school_id, chosen_school (self)) != 0
                                        : i >= CARDS_FOLDED))
        continue;
      gtk_flow_box_append (self->cards_box,
                           card_new (self, figure,
                                     previous ? find_school_figure (previous, school_id) : NULL,
                                     school_id, term));
    }
  {
    guint n_schools = by_school->len - 1;
    guint folded = chosen_school (self) != NULL ? 1 : MIN (n_schools, CARDS_FOLDED - 1);
    g_autofree char *more = NULL;

    if (self->cards_expanded)
      more = g_strdup (_("Show Fewer Schools"));
    else
      /* Translators: a button under the school cards */
      more = g_strdup_printf (ngettext ("Show All %u School", "Show All %u Schools", n_schools),
                              n_schools);
    gtk_button_set_label (self->cards_more_button, more);
    gtk_widget_set_visible (GTK_WIDGET (self->cards_more_button),
                            self->cards_expanded || folded < n_schools);
  }
}

/* The trend */

static void
update_trend (PlDashboardPage *self)
{
  const char *const *terms = pl_satisfaction_get_terms (self->satisfaction);
  const char *school = chosen_school (self);
  const char *domain = chosen_domain (self);
  const char *group = chosen_group (self);
  const char *term = chosen_term (self);
  guint n_terms = g_strv_length ((char **) terms);
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_figure_free);
  g_autoptr(GPtrArray) per_term = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_null_terminated (n_terms, g_free, TRUE);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();   /* borrowed figures of the chosen term */
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *grouping = group_label (self, group);
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  int chosen_index = -1;

  for (guint t = 0; t < n_terms; t++)
    {
      PlSatisfactionScope scope = { terms[t], NULL, domain, NULL };
      g_autoptr(GPtrArray) by_school = pl_satisfaction_by_school (self->satisfaction, &scope);
      PlSatisfactionFigure *own = find_school_figure (by_school, school);
      Rate rate = response_rate (self, school, terms[t]);
      g_autofree char *rate_text = format_rate (rate);

      g_ptr_array_add (labels, pl_chart_format_term (terms[t]));
      /* Each term's figure as the cards and the heat map show it. */
      g_ptr_array_add (totals, own ? figure_dup (own) : NULL);
      g_ptr_array_add (per_term, breakdown (self, terms[t], school, domain, group));
      g_ptr_array_add (rates, rate.under_floor
                              /* Translators: a response rate under the floor, in a table */
                              ? g_strdup_printf (_("%s (not representative)"), rate_text)
                              : g_steal_pointer (&rate_text));
      if (g_strcmp0 (terms[t], term) == 0)
        chosen_index = t;
    }

  pl_trend_chart_set_terms (self->trend_chart, (const char *const *) labels->pdata);
  pl_trend_chart_set_minimum (self->trend_chart,
                              pl_satisfaction_get_minimum_cell_size (self->satisfaction));
  pl_trend_chart_add_series (self->trend_chart, school_label (self, school), totals);

  /* The groups with a figure in the chosen term, largest first. */
  if (chosen_index >= 0)
    {
      GPtrArray *figures = per_term->pdata[chosen_index];

      for (guint i = 1; i < figures->len && groups->len < MAX_TREND_GROUPS; i++)
        if (figure_shown (figures->pdata[i]))
          g_ptr_array_add (groups, figures->pdata[i]);
    }
  for (guint g = 0; g < groups->len; g++)
    {
      const PlSatisfactionFigure *group_figure = groups->pdata[g];
      g_autoptr(GPtrArray) line = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_figure_free);

      for (guint t = 0; t < n_terms; t++)
        {
          GPtrArray *figures = per_term->pdata[t];
          PlSatisfactionFigure *found = NULL;

          for (guint i = 1; i < figures->len && found == NULL; i++)
            if (g_strcmp0 (((PlSatisfactionFigure *) figures->pdata[i])->group,
                           group_figure->group) == 0)
              found = figures->pdata[i];
          g_ptr_array_add (line, found ? figure_dup (found) : NULL);
        }
      pl_trend_chart_add_series (self->trend_chart, group_figure->label, line);
    }

  gtk_label_set_text (self->trend_title, _("Trend by Term"));
  {
    g_autofree char *lines = NULL;
    g_autofree char *note = NULL;

    if (groups->len > 0 && group == NULL)
      lines = g_strdup (_("All families, and the largest groups by the language of their form; "
                          "the table lists every group."));
    else if (groups->len > 0)
      /* Translators: under the trend chart's heading: its lines are grouped by
       * the answer to this question */
      lines = g_strdup_printf (_("All families, and the largest groups by their answer to “%s”; "
                                 "the table lists every group."), grouping);
    else
      lines = g_strdup (_("All families."));
    /* Translators: under the trend chart's heading: the school (or the
     * whole zone), the domain, and what its lines are */
    note = g_strdup_printf (C_("trend note", "%s, %s. %s"), school_label (self, school),
                            domain_label (domain), lines);
    gtk_label_set_text (self->trend_note, note);
  }

  first = n_terms > 0 ? g_strdup (labels->pdata[0]) : g_strdup ("");
  last = n_terms > 0 ? g_strdup (labels->pdata[n_terms - 1]) : g_strdup ("");
  /* Translators: read by a screen reader for the trend chart */
  accessible = g_strdup_printf (_("Chart of percent favorable for %s, %s, from %s to %s. Show as "
                                  "Table lists its figures."),
                                school_label (self, school), domain_label (domain), first, last);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->trend_chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  /* The table: every term, the total and every group. */
  g_clear_pointer (&self->trend_table, g_ptr_array_unref);
  self->trend_table = table_new ();
  table_add_row (self->trend_table, _("Term"), _("Group"), _("Percent favorable"),
                 /* xgettext:no-c-format */
                 _("95% interval"), _("Families"), _("Response rate"), NULL);
  for (guint t = n_terms; t > 0; t--)
    {
      GPtrArray *figures = per_term->pdata[t - 1];

      for (guint i = 0; i < MAX (figures->len, 1); i++)
        {
          const PlSatisfactionFigure *figure = i == 0 ? totals->pdata[t - 1] : figures->pdata[i];
          g_autofree char *percent = NULL, *interval = NULL, *families = NULL, *mean = NULL;

          figure_cells (self, figure, &percent, &interval, &families, &mean);
          table_add_row (self->trend_table, labels->pdata[t - 1],
                         i == 0 ? _("All families") : figure->label, percent, interval, families,
                         i == 0 ? (const char *) rates->pdata[t - 1] : "", NULL);
        }
    }
  show_table (self->trend_grid, self->trend_table, 2);
}

/* The breakdown by group */

static void
update_breakdown (PlDashboardPage *self)
{
  const char *term = chosen_term (self);
  const char *school = chosen_school (self);
  const char *domain = chosen_domain (self);
  const char *group = chosen_group (self);
  g_autoptr(GPtrArray) figures = breakdown (self, term, school, domain, group);
  g_autofree char *grouping = group_label (self, group);
  g_autofree char *term_label = pl_chart_format_term (term);
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *rate_text = describe_rate (response_rate (self, school, term));

  /* The total reads "All families" beside its groups. */
  if (figures->len > 0)
    {
      PlSatisfactionFigure *total = figures->pdata[0];

      g_free (total->label);
      total->label = g_strdup (_("All families"));
    }
  pl_bar_chart_set_minimum (self->bar_chart,
                            pl_satisfaction_get_minimum_cell_size (self->satisfaction));
  pl_bar_chart_set_figures (self->bar_chart, figures);

  if (group == NULL)
    title = g_strdup (_("By Language of the Form"));
  else
    /* Translators: the heading of the breakdown by the answers to a question */
    title = g_strdup_printf (_("By Answer to “%s”"), grouping);
  gtk_label_set_text (self->breakdown_title, title);
  /* Translators: under the breakdown's heading: the school, the domain,
   * the term and its response rate */
  note = g_strdup_printf (C_("breakdown note", "%s, %s, %s. %s."), school_label (self, school),
                          domain_label (domain), term_label, rate_text);
  gtk_label_set_text (self->breakdown_note, note);

  /* Translators: read by a screen reader for the breakdown chart */
  accessible = g_strdup_printf (_("Bar chart of percent favorable by %s for %s, %s, %s. Show as "
                                  "Table lists its figures."),
                                grouping, school_label (self, school), domain_label (domain),
                                term_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar_chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  g_clear_pointer (&self->breakdown_table, g_ptr_array_unref);
  self->breakdown_table = table_new ();
  table_add_row (self->breakdown_table, _("Group"), _("Percent favorable"),
                 /* xgettext:no-c-format */
                 _("95% interval"),
                 _("Families"), _("Mean (1–5)"), NULL);
  for (guint i = 0; i < figures->len; i++)
    {
      const PlSatisfactionFigure *figure = figures->pdata[i];
      g_autofree char *percent = NULL, *interval = NULL, *families = NULL, *mean = NULL;

      figure_cells (self, figure, &percent, &interval, &families, &mean);
      table_add_row (self->breakdown_table, figure->label ? figure->label : "", percent, interval,
                     families, mean, NULL);
    }
  show_table (self->breakdown_grid, self->breakdown_table, 1);
}

/* Domains by school */

static void
update_heat_map (PlDashboardPage *self)
{
  const char *term = chosen_term (self);
  const char *const *domains = pl_satisfaction_get_domains (self->satisfaction);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) headings = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  g_autoptr(GStrvBuilder) heading_row = g_strv_builder_new ();
  g_autofree char *term_label = pl_chart_format_term (term);
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  GPtrArray *zone_column;

  /* Every domain together, then each. */
  for (int d = -1; d < 0 || domains[d] != NULL; d++)
    {
      PlSatisfactionScope scope = { term, NULL, d < 0 ? NULL : domains[d], NULL };

      g_ptr_array_add (columns, pl_satisfaction_by_school (self->satisfaction, &scope));
      g_ptr_array_add (headings, (gpointer) domain_label (scope.domain));
    }

  pl_heat_map_set_columns (self->heat_map, (const char *const *) headings->pdata);
  pl_heat_map_set_minimum (self->heat_map,
                           pl_satisfaction_get_minimum_cell_size (self->satisfaction));

  g_clear_pointer (&self->heat_table, g_ptr_array_unref);
  self->heat_table = table_new ();
  g_strv_builder_add (heading_row, _("School"));
  g_strv_builder_addv (heading_row, (const char **) headings->pdata);
  g_strv_builder_add (heading_row, _("Response rate"));
  g_ptr_array_add (self->heat_table, g_strv_builder_end (heading_row));

  zone_column = columns->pdata[0];
  for (guint r = 0; r < zone_column->len; r++)
    {
      PlSatisfactionFigure *head = zone_column->pdata[r];
      const char *school_id = r == 0 ? NULL : head->group;
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_figure_free);
      g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
      Rate rate = response_rate (self, school_id, term);
      g_autofree char *rate_text = format_rate (rate);

      g_strv_builder_add (cells, school_label (self, school_id));
      for (guint c = 0; c < columns->len; c++)
        {
          GPtrArray *column = columns->pdata[c];
          const PlSatisfactionFigure *figure = r < column->len ? column->pdata[r] : NULL;
          g_autofree char *percent = NULL, *interval = NULL, *families = NULL, *mean = NULL;

          g_ptr_array_add (row, figure ? figure_dup (figure) : NULL);
          figure_cells (self, figure, &percent, &interval, &families, &mean);
          g_strv_builder_add (cells, percent);
        }
      if (rate.under_floor)
        {
          g_autofree char *flagged = g_strdup_printf (_("%s (not representative)"), rate_text);

          g_strv_builder_add (cells, flagged);
        }
      else
        g_strv_builder_add (cells, rate_text);
      g_ptr_array_add (self->heat_table, g_strv_builder_end (cells));
      pl_heat_map_add_row (self->heat_map, school_label (self, school_id), row, rate_text,
                           rate.under_floor);
    }
  pl_heat_map_set_highlighted_row (self->heat_map,
                                   (int) gtk_drop_down_get_selected (self->school_dropdown));
  show_table (self->heat_grid, self->heat_table, 1);

  /* Translators: the heading of the heat map, with the term */
  title = g_strdup_printf (_("Domains by School — %s"), term_label);
  gtk_label_set_text (self->heat_title, title);
  gtk_label_set_text (self->heat_note, _("Percent favorable in each domain; the stronger the "
                                         "color, the higher. Click a school to show it."));
  /* Translators: read by a screen reader for the heat map */
  accessible = g_strdup_printf (_("Heat map of percent favorable by domain and school, %s. Show "
                                  "as Table lists its figures."),
                                term_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heat_map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

/* Comments */

static GtkWidget *
comment_row_new (PlDashboardPage             *self,
                 const PlSatisfactionComment *comment)
{
  const PlLanguage *language = pl_language_lookup (comment->language);
  g_autofree char *language_name = pl_language_display_name (comment->language);
  g_autofree char *term = pl_chart_format_term (comment->term);
  g_autofree char *caption = NULL;
  GtkWidget *row, *box, *text, *label;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "dashboard-comment");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  text = gtk_label_new (comment->text);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  /* A comment in Arabic or Dari reads from the right, whatever the
   * staff's language; xalign 0 is then its right edge. */
  if (language != NULL)
    gtk_widget_set_direction (text, language->rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  gtk_box_append (GTK_BOX (box), text);

  if (chosen_school (self) == NULL)
    /* Translators: under a comment: its language, school and term */
    caption = g_strdup_printf (C_("comment", "%s · %s · %s"),
                               language_name ? language_name : _("Language not recorded"),
                               school_label (self, comment->school_id), term);
  else
    /* Translators: under a comment: its language and term */
    caption = g_strdup_printf (C_("comment", "%s · %s"),
                               language_name ? language_name : _("Language not recorded"), term);
  label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  return row;
}

static void
show_more_comments (PlDashboardPage *self)
{
  guint end = self->comments ? MIN (self->comments->len, self->comments_shown + COMMENTS_PAGE) : 0;
  guint left;

  for (; self->comments_shown < end; self->comments_shown++)
    gtk_list_box_append (self->comments_list,
                         comment_row_new (self, self->comments->pdata[self->comments_shown]));
  left = self->comments ? self->comments->len - self->comments_shown : 0;
  if (left > 0)
    {
      /* Translators: a button under the comments: more of them, and how
       * many are left to show */
      g_autofree char *more = g_strdup_printf (ngettext ("Show %u More (%'u Left)",
                                                         "Show %u More (%'u Left)", left),
                                               MIN (left, COMMENTS_PAGE), left);

      gtk_button_set_label (self->more_comments_button, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_comments_button), left > 0);
}

static void
update_comments (PlDashboardPage *self)
{
  const char *question = chosen (self->comment_question_dropdown, self->comment_questions);
  const char *term = chosen_term (self);
  const char *school = chosen_school (self);
  PlSatisfactionScope scope = { term, school, NULL, NULL };
  g_autofree char *term_label = pl_chart_format_term (term);
  g_autofree char *title = NULL;
  gboolean withheld = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->comments_list))) != NULL)
    gtk_list_box_remove (self->comments_list, child);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  self->comments_shown = 0;

  gtk_widget_set_visible (self->comments_section, question != NULL);
  gtk_widget_set_sensitive (self->comments_export_button, FALSE);
  if (question == NULL)
    return;

  /* Translators: the heading of the comments: a school (or the whole
   * zone) and a term */
  title = g_strdup_printf (_("Comments — %s, %s"), school_label (self, school), term_label);
  gtk_label_set_text (self->comments_title, title);

  self->comments = pl_satisfaction_list_comments (self->satisfaction, &scope, question, &withheld);
  if (withheld)
    {
      guint minimum = pl_satisfaction_get_minimum_cell_size (self->satisfaction);
      g_autofree char *message =
        g_strdup_printf (ngettext ("Comments are shown only where at least %u family answered "
                                   "the survey, so none of a smaller group can be told apart.",
                                   "Comments are shown only where at least %u families answered "
                                   "the survey, so none of a smaller group can be told apart.",
                                   minimum),
                         minimum);

      gtk_label_set_text (self->comments_message, message);
      gtk_stack_set_visible_child_name (self->comments_stack, "message");
      return;
    }
  if (self->comments == NULL || self->comments->len == 0)
    {
      gtk_label_set_text (self->comments_message, _("No family wrote an answer to this question "
                                                    "here this term."));
      gtk_stack_set_visible_child_name (self->comments_stack, "message");
      return;
    }
  show_more_comments (self);
  gtk_stack_set_visible_child_name (self->comments_stack, "list");
  gtk_widget_set_sensitive (self->comments_export_button, TRUE);
}

static void
update_method (PlDashboardPage *self)
{
  guint minimum = pl_satisfaction_get_minimum_cell_size (self->satisfaction);
  g_autofree char *floor = pl_chart_format_percent (100 * self->rate_floor);
  g_autofree char *text = NULL;

  text = g_strdup_printf (
    ngettext ("An answer is favorable when it is one of the top two points of the five-point "
              "scale (agree or strongly agree; often or always). “Does not apply” and blank "
              "answers are left out. Percent favorable is the favorable answers divided by all "
              "the answers counted; for a domain, or for all domains, the answers to its "
              "questions are pooled.\n\n"
              "Families is the number of returned forms with at least one answer counted. The "
              "95%% interval (Wilson’s) shows how far the figure could be from the truth by "
              "chance; a change since the previous term is marked only when the two intervals "
              "do not overlap.\n\n"
              "The response rate is the forms returned in the term divided by the families with "
              "a student enrolled at the school now. Under %s a school is marked not "
              "representative: the families who answered may not speak for the others.\n\n"
              "No figure and no comment is shown for a group of fewer than %u family; and "
              "where one group is hidden, the next smallest is hidden too, so it cannot be "
              "worked out from the total.",
              "An answer is favorable when it is one of the top two points of the five-point "
              "scale (agree or strongly agree; often or always). “Does not apply” and blank "
              "answers are left out. Percent favorable is the favorable answers divided by all "
              "the answers counted; for a domain, or for all domains, the answers to its "
              "questions are pooled.\n\n"
              "Families is the number of returned forms with at least one answer counted. The "
              "95%% interval (Wilson’s) shows how far the figure could be from the truth by "
              "chance; a change since the previous term is marked only when the two intervals "
              "do not overlap.\n\n"
              "The response rate is the forms returned in the term divided by the families with "
              "a student enrolled at the school now. Under %s a school is marked not "
              "representative: the families who answered may not speak for the others.\n\n"
              "No figure and no comment is shown for a group of fewer than %u families; and "
              "where one group is hidden, the next smallest is hidden too, so it cannot be "
              "worked out from the total.",
              minimum),
    floor, minimum);
  gtk_label_set_text (self->method_label, text);
}

static void
refresh (PlDashboardPage *self)
{
  const char *term;
  g_autoptr(GPtrArray) by_school = NULL;

  if (self->satisfaction == NULL || self->updating > 0)
    return;
  term = chosen_term (self);
  if (term == NULL)
    return;

  {
    PlSatisfactionScope scope = { term, NULL, chosen_domain (self), NULL };

    by_school = pl_satisfaction_by_school (self->satisfaction, &scope);
  }
  update_cards (self, by_school);
  update_trend (self);
  update_breakdown (self);
  update_heat_map (self);
  update_comments (self);
  update_method (self);
}

/* Filters */

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    {
      /* The button keeps to a size; the list shows every word. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  gtk_label_set_text (label, item ? gtk_string_object_get_string (item) : "");
}

static GtkListItemFactory *
choice_factory_new (gboolean button)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (button));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  return factory;
}

static void
use_choice_factories (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button = choice_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list = choice_factory_new (FALSE);

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}

static void on_filter_changed (PlDashboardPage *self, GParamSpec *pspec, GtkDropDown *dropdown);
static void on_survey_changed (PlDashboardPage *self, GParamSpec *pspec, GtkDropDown *dropdown);

static GtkDropDown *
add_filter (PlDashboardPage *self,
            const char      *caption,
            GCallback        callback)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (caption);
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (gtk_string_list_new (NULL)), NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  use_choice_factories (GTK_DROP_DOWN (dropdown));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_box_append (GTK_BOX (box), dropdown);
  g_signal_connect_object (dropdown, "notify::selected", callback, self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->filters_box, box);
  /* Only the drop-down inside takes the keyboard. */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
  return GTK_DROP_DOWN (dropdown);
}

/* Fills @dropdown with @labels and selects the item whose choice is
 * @keep, or @fallback. Its change does not refresh the page. */
static void
fill_dropdown (PlDashboardPage *self,
               GtkDropDown     *dropdown,
               GPtrArray       *choices,
               GPtrArray       *labels,
               const char      *keep,
               guint            fallback)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = fallback;

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (model, labels->pdata[i]);
  for (guint i = 0; i < choices->len; i++)
    if (g_strcmp0 (choices->pdata[i], keep) == 0)
      selected = i;

  self->updating++;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, MIN (selected, MAX (choices->len, 1) - 1));
  self->updating--;
}

static void
fill_filters (PlDashboardPage *self)
{
  const char *const *terms = pl_satisfaction_get_terms (self->satisfaction);
  const char *const *schools = pl_satisfaction_get_school_ids (self->satisfaction);
  const char *const *domains = pl_satisfaction_get_domains (self->satisfaction);
  g_auto(GStrv) groups = pl_satisfaction_dup_group_questions (self->satisfaction);
  g_auto(GStrv) comment_questions = pl_satisfaction_dup_comment_questions (self->satisfaction);
  g_autofree char *language = staff_language ();
  g_autofree char *term = g_strdup (chosen_term (self));
  g_autofree char *school = g_strdup (chosen_school (self));
  g_autofree char *domain = g_strdup (chosen_domain (self));
  g_autofree char *group = g_strdup (chosen_group (self));
  g_autofree char *comment_question = g_strdup (chosen (self->comment_question_dropdown,
                                                        self->comment_questions));
  g_autoptr(GPtrArray) labels = NULL;
  guint newest_answered = 0;
  guint n_terms = g_strv_length ((char **) terms);

  /* Terms, newest first; the newest with responses unless one was chosen. */
  g_ptr_array_set_size (self->term_choices, 0);
  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint t = n_terms; t > 0; t--)
    {
      g_ptr_array_add (self->term_choices, g_strdup (terms[t - 1]));
      g_ptr_array_add (labels, pl_chart_format_term (terms[t - 1]));
    }
  for (guint i = 0; i < self->term_choices->len; i++)
    {
      guint responses = 0;

      pl_satisfaction_response_rate (self->satisfaction, NULL, self->term_choices->pdata[i],
                                     &responses, NULL, NULL);
      if (responses > 0)
        {
          newest_answered = i;
          break;
        }
    }
  fill_dropdown (self, self->term_dropdown, self->term_choices, labels, term, newest_answered);

  g_ptr_array_set_size (self->school_choices, 0);
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->school_choices, NULL);
  g_ptr_array_add (labels, g_strdup (_("Whole Zone")));
  for (guint s = 0; schools[s] != NULL; s++)
    {
      g_ptr_array_add (self->school_choices, g_strdup (schools[s]));
      g_ptr_array_add (labels, g_strdup (pl_satisfaction_get_school_name (self->satisfaction,
                                                                          schools[s])));
    }
  fill_dropdown (self, self->school_dropdown, self->school_choices, labels, school, 0);

  g_ptr_array_set_size (self->domain_choices, 0);
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->domain_choices, NULL);
  g_ptr_array_add (labels, g_strdup (_("All Domains")));
  for (guint d = 0; domains[d] != NULL; d++)
    {
      g_ptr_array_add (self->domain_choices, g_strdup (domains[d]));
      g_ptr_array_add (labels, g_strdup (pl_question_domain_to_label (domains[d])));
    }
  fill_dropdown (self, self->domain_dropdown, self->domain_choices, labels, domain, 0);

  g_ptr_array_set_size (self->group_choices, 0);
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->group_choices, NULL);
  g_ptr_array_add (labels, g_strdup (_("Language of the Form")));
  for (guint g = 0; groups[g] != NULL; g++)
    {
      const char *text = pl_satisfaction_get_question_text (self->satisfaction, groups[g], language);

      g_ptr_array_add (self->group_choices, g_strdup (groups[g]));
      g_ptr_array_add (labels, g_strdup (text ? text : groups[g]));
    }
  fill_dropdown (self, self->group_dropdown, self->group_choices, labels, group, 0);

  g_ptr_array_set_size (self->comment_questions, 0);
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint q = 0; comment_questions[q] != NULL; q++)
    {
      const char *text = pl_satisfaction_get_question_text (self->satisfaction,
                                                            comment_questions[q], language);

      g_ptr_array_add (self->comment_questions, g_strdup (comment_questions[q]));
      g_ptr_array_add (labels, g_strdup (text ? text : comment_questions[q]));
    }
  fill_dropdown (self, self->comment_question_dropdown, self->comment_questions, labels,
                 comment_question, 0);
}

/* Loading */

/* The survey to choose from while there is one; the other filters once
 * its figures are there to filter. */
static void
show_filters (PlDashboardPage *self,
              gboolean         all)
{
  GtkDropDown *others[] = { self->term_dropdown, self->school_dropdown, self->domain_dropdown,
                            self->group_dropdown };

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->filters_box)),
                          self->series_ids->len > 0);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (others[i]))),
                            all);
}

static void
set_loading (PlDashboardPage *self,
             gboolean         loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading && self->satisfaction != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading && self->satisfaction != NULL);
  gtk_spinner_set_spinning (self->loading_spinner, loading && self->satisfaction == NULL);
  /* A new reading over figures already shown keeps them until it is done. */
  if (loading && self->satisfaction == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      show_filters (self, FALSE);
    }
  update_actions (self);
}

static void
show_message (PlDashboardPage *self,
              const char      *icon,
              const char      *title,
              const char      *description)
{
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "message");
  show_filters (self, FALSE);
  update_actions (self);
}

static gboolean
has_responses (PlSatisfaction *satisfaction)
{
  guint responses = 0;

  pl_satisfaction_response_rate (satisfaction, NULL, NULL, &responses, NULL, NULL);
  return responses > 0;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PlDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSatisfaction) satisfaction = pl_satisfaction_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);

  if (satisfaction == NULL)
    {
      g_clear_object (&self->satisfaction);
      set_loading (self, FALSE);
      show_message (self, "dialog-error-symbolic", _("Cannot Read the Responses"), error->message);
      return;
    }

  g_set_object (&self->satisfaction, satisfaction);
  self->loaded_at = g_get_monotonic_time ();
  set_loading (self, FALSE);
  adw_window_title_set_subtitle (self->window_title, pl_satisfaction_get_title (satisfaction));

  self->updating++;
  gtk_spin_button_set_value (self->minimum_spin,
                             pl_satisfaction_get_minimum_cell_size (satisfaction));
  gtk_spin_button_set_value (self->floor_spin, 100 * self->rate_floor);
  self->updating--;

  if (!has_responses (satisfaction))
    {
      show_message (self, "pl-dashboard-symbolic", _("No Responses Yet"),
                    _("Forms of this survey keyed in Data Entry are counted here."));
      return;
    }

  fill_filters (self);
  show_filters (self, TRUE);
  refresh (self);
  gtk_stack_set_visible_child_name (self->stack, "dashboard");
  update_actions (self);
}

/* The survey series, newest first, each once, by title. */
static void
load_series (PlDashboardPage *self)
{
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_strdup (chosen (self->survey_dropdown, self->series_ids));

  g_ptr_array_set_size (self->series_ids, 0);
  surveys = pl_store_list_surveys (self->store, &error);
  if (surveys == NULL)
    g_warning ("Could not list the surveys: %s", error->message);
  for (guint i = 0; surveys != NULL && i < surveys->len; i++)
    {
      PlSurvey *survey = surveys->pdata[i];
      const char *series = pl_survey_get_series_id (survey);
      const char *title = pl_survey_get_title (survey);
      gboolean seen = FALSE;

      for (guint j = 0; j < self->series_ids->len && !seen; j++)
        seen = g_strcmp0 (self->series_ids->pdata[j], series) == 0;
      if (seen)
        continue;
      g_ptr_array_add (self->series_ids, g_strdup (series));
      if (title != NULL && *title != '\0')
        g_ptr_array_add (labels, g_strdup (title));
      else
        /* Translators: a survey without a title, by its number */
        g_ptr_array_add (labels, g_strdup_printf (_("Survey %u"), pl_survey_get_number (survey)));
    }
  fill_dropdown (self, self->survey_dropdown, self->series_ids, labels, keep, 0);
}

static void
start_loading (PlDashboardPage *self)
{
  const char *series_id;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_loading (self, FALSE);
      return;
    }

  series_id = chosen (self->survey_dropdown, self->series_ids);
  if (series_id == NULL)
    {
      g_clear_object (&self->satisfaction);
      set_loading (self, FALSE);
      show_message (self, "pl-dashboard-symbolic", _("No Surveys Yet"),
                    _("Create the family survey in Surveys and key the returned forms in Data "
                      "Entry: their figures show here."));
      return;
    }

  if (self->satisfaction != NULL &&
      g_strcmp0 (pl_satisfaction_get_series_id (self->satisfaction), series_id) != 0)
    g_clear_object (&self->satisfaction);

  self->rate_floor = pl_satisfaction_get_rate_floor (self->store);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  pl_satisfaction_load_async (self->store, series_id, self->cancellable, on_loaded,
                              g_object_ref (self));
}

static void
on_survey_changed (PlDashboardPage *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  if (self->updating > 0)
    return;
  g_clear_object (&self->satisfaction);
  start_loading (self);
}

static void
on_filter_changed (PlDashboardPage *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  refresh (self);
}

static void
on_comment_question_selected (PlDashboardPage *self,
                              GParamSpec      *pspec,
                              GtkDropDown     *dropdown)
{
  if (self->satisfaction != NULL && self->updating == 0)
    update_comments (self);
}

static void
on_cards_more_clicked (PlDashboardPage *self,
                       GtkButton       *button)
{
  self->cards_expanded = !self->cards_expanded;
  refresh (self);
}

static void
on_more_comments_clicked (PlDashboardPage *self,
                          GtkButton       *button)
{
  show_more_comments (self);
}

static void
select_school_at (PlDashboardPage *self,
                  guint            position)
{
  if (position < self->school_choices->len)
    gtk_drop_down_set_selected (self->school_dropdown, position);
}

static void
on_card_activated (PlDashboardPage *self,
                   GtkFlowBoxChild *child,
                   GtkFlowBox      *box)
{
  select_school_at (self, (guint) gtk_flow_box_child_get_index (child));
}

static void
on_heat_map_row_activated (PlDashboardPage *self,
                           guint            row,
                           PlHeatMap       *map)
{
  select_school_at (self, row);
}

static void
on_table_toggled (PlDashboardPage *self,
                  GtkToggleButton *toggle)
{
  GtkStack *stack = toggle == self->trend_table_toggle ? self->trend_stack
                    : toggle == self->breakdown_table_toggle ? self->breakdown_stack
                                                              : self->heat_stack;

  gtk_stack_set_visible_child_name (stack, gtk_toggle_button_get_active (toggle) ? "table"
                                                                                 : "chart");
}

static void
on_minimum_changed (PlDashboardPage *self,
                    GtkSpinButton   *spin)
{
  guint minimum = (guint) gtk_spin_button_get_value_as_int (spin);
  g_autoptr(GError) error = NULL;

  if (self->updating > 0 || self->store == NULL)
    return;
  if (!pl_satisfaction_set_minimum_cell (self->store, minimum, &error))
    {
      toast (self, error->message);
      return;
    }
  if (self->satisfaction != NULL)
    {
      pl_satisfaction_set_minimum_cell_size (self->satisfaction, minimum);
      refresh (self);
    }
}

static void
on_floor_changed (PlDashboardPage *self,
                  GtkSpinButton   *spin)
{
  double floor = gtk_spin_button_get_value (spin) / 100.0;
  g_autoptr(GError) error = NULL;

  if (self->updating > 0 || self->store == NULL)
    return;
  if (!pl_satisfaction_set_rate_floor (self->store, floor, &error))
    {
      toast (self, error->message);
      return;
    }
  self->rate_floor = floor;
  refresh (self);
}

static GPtrArray *
table_named (PlDashboardPage *self,
             const char      *name)
{
  if (g_strcmp0 (name, "trend") == 0)
    return self->trend_table;
  if (g_strcmp0 (name, "breakdown") == 0)
    return self->breakdown_table;
  if (g_strcmp0 (name, "heat-map") == 0)
    return self->heat_table;
  return NULL;
}

static void
copy_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (widget);
  GPtrArray *table = table_named (self, g_variant_get_string (parameter, NULL));
  g_autofree char *text = NULL;

  if (table == NULL)
    return;
  text = table_text (table);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast (self, _("Table copied"));
}

/* Exports */

static void
update_actions (PlDashboardPage *self)
{
  gboolean ready = self->satisfaction != NULL && self->chooser == NULL &&
                   g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "dashboard") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-csv", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-pdf",
                                 ready && self->export_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.copy-table",
                                 self->satisfaction != NULL);
  gtk_widget_set_sensitive (self->export_button, self->satisfaction != NULL);
  /* A report being written reads the figures with this minimum. */
  gtk_widget_set_sensitive (self->settings_button, self->export_cancellable == NULL);
}

/* "Family Survey – Fall 2026 – North Elementary – Trend.csv": a file name
 * from the parts, none of them holding a slash. */
static char *
file_name (PlDashboardPage *self,
           const char      *first,
           ...)
{
  GString *name = g_string_new (pl_satisfaction_get_title (self->satisfaction));
  const char *part;
  va_list args;

  if (name->len == 0)
    g_string_append (name, _("Family Survey"));
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    if (*part != '\0')
      g_string_append_printf (name, " – %s", part);
  va_end (args);
  g_strdelimit (name->str, "/\\:", '-');
  return g_string_free (name, FALSE);
}

static GtkFileChooserNative *
chooser_new (PlDashboardPage *self,
             const char      *title,
             const char      *filter_name,
             const char      *mime_type,
             const char      *pattern,
             const char      *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (documents != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      if (g_file_query_exists (folder, NULL))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

/* The path chosen, ending in @suffix; NULL (with a toast) for a place
 * that is not a folder on this computer. */
static char *
chosen_path (PlDashboardPage      *self,
             GtkFileChooserNative *chooser,
             int                   response,
             const char           *suffix)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      toast (self, _("Exports can only be saved in a folder on this computer"));
      return NULL;
    }
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, suffix))
    {
      char *with_suffix = g_strconcat (path, suffix, NULL);

      g_free (path);
      path = with_suffix;
    }
  return g_steal_pointer (&path);
}

static void
on_open_clicked (AdwToast *toast,
                 gpointer  user_data)
{
  PlDashboardPage *self = user_data;
  const char *path = g_object_get_data (G_OBJECT (toast), "path");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* "Saved “North Elementary – Trend.csv”", with Open. */
static void
toast_saved (PlDashboardPage *self,
             const char      *path)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *title = NULL;
  AdwToast *saved;

  if (overlay == NULL)
    return;
  /* Translators: an export was written to this file */
  title = g_strdup_printf (_("Saved “%s”"), base);
  saved = adw_toast_new (title);
  adw_toast_set_button_label (saved, _("_Open"));
  g_object_set_data_full (G_OBJECT (saved), "path", g_strdup (path), g_free);
  g_signal_connect_object (saved, "button-clicked", G_CALLBACK (on_open_clicked), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), saved);
}

/* The CSV of a table as shown now: "schools" (the cards and the heat
 * map), "trend", "breakdown" or "comments". */
static char *
make_csv (PlDashboardPage  *self,
          const char       *kind,
          GError          **error)
{
  PlSatisfactionScope scope = { chosen_term (self), chosen_school (self), chosen_domain (self),
                                NULL };
  const char *group = chosen_group (self);

  if (g_str_equal (kind, "schools"))
    return pl_satisfaction_report_schools_csv (self->satisfaction, scope.term, NULL, NULL, error);
  if (g_str_equal (kind, "trend"))
    return pl_satisfaction_report_trend_csv (self->satisfaction, &scope, NULL, error);
  if (g_str_equal (kind, "breakdown"))
    return pl_satisfaction_report_breakdown_csv (self->satisfaction, &scope,
                                                 group ? PL_GROUP_BY_QUESTION
                                                       : PL_GROUP_BY_FORM_LANGUAGE,
                                                 group, NULL, error);
  scope.domain = NULL;
  return pl_satisfaction_report_comments_csv (self->satisfaction, &scope,
                                              chosen (self->comment_question_dropdown,
                                                      self->comment_questions),
                                              NULL, error);
}

static gboolean
export_csv_to (PlDashboardPage  *self,
               const char       *kind,
               const char       *path,
               GError          **error)
{
  g_autofree char *csv = make_csv (self, kind, error);

  return csv != NULL && pl_satisfaction_report_save_csv (csv, path, error);
}

static void
on_csv_chooser_response (PlDashboardPage      *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  g_autofree char *path = chosen_path (self, chooser, response, ".csv");
  g_autofree char *kind = g_strdup (g_object_get_data (G_OBJECT (chooser), "kind"));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  update_actions (self);
  if (path == NULL || self->satisfaction == NULL)
    return;
  if (!export_csv_to (self, kind, path, &error))
    toast (self, error->message);
  else
    toast_saved (self, path);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autofree char *term = NULL;
  g_autofree char *grouping = NULL;
  g_autofree char *by = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  const char *school;

  if (self->satisfaction == NULL || self->chooser != NULL)
    return;
  term = pl_chart_format_term (chosen_term (self));
  school = school_label (self, chosen_school (self));
  if (g_str_equal (kind, "schools"))
    /* Translators: part of an exported file's name: the table of schools */
    name = file_name (self, term, C_("file name", "Schools"), NULL);
  else if (g_str_equal (kind, "trend"))
    /* Translators: part of an exported file's name: the trend across terms */
    name = file_name (self, school, domain_label (chosen_domain (self)), C_("file name", "Trend"),
                      NULL);
  else if (g_str_equal (kind, "breakdown"))
    {
      grouping = group_label (self, chosen_group (self));
      /* Translators: part of an exported file's name: "by Language of the form" */
      by = g_strdup_printf (C_("file name", "by %s"), grouping);
      name = file_name (self, term, school, by, NULL);
    }
  else if (g_str_equal (kind, "comments"))
    /* Translators: part of an exported file's name: the families' comments */
    name = file_name (self, term, school, C_("file name", "Comments"), NULL);
  else
    return;
  file = g_strconcat (name, ".csv", NULL);

  self->chooser = chooser_new (self, _("Export CSV"), _("CSV Files"), "text/csv", "*.csv", file);
  g_object_set_data_full (G_OBJECT (self->chooser), "kind", g_strdup (kind), g_free);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_csv_chooser_response), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_pdf_progress (guint    pages_done,
                 guint    pages_total,
                 gpointer user_data)
{
  PlDashboardPage *self = user_data;
  g_autofree char *text = NULL;

  if (self->export_cancellable == NULL || pages_total == 0)
    return;
  /* Translators: the progress of writing a PDF report */
  text = g_strdup_printf (_("Page %u of %u"), pages_done, pages_total);
  gtk_progress_bar_set_fraction (self->export_progress, (double) pages_done / pages_total);
  gtk_progress_bar_set_text (self->export_progress, text);
}

static void
on_pdf_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PlDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean written = pl_satisfaction_report_write_pdf_finish (result, NULL, &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->export_cancellable)
    return;
  path = g_steal_pointer (&self->export_path);
  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  update_actions (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!written)
    toast (self, error->message);
  else
    toast_saved (self, path);
}

static void
export_pdf_to (PlDashboardPage *self,
               const char      *path,
               const char      *language,
               PlPaperSize      paper)
{
  const char *school = chosen_school (self);
  g_autofree char *term = pl_chart_format_term (chosen_term (self));
  g_autofree char *text = NULL;

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  g_free (self->export_path);
  self->export_path = g_strdup (path);
  /* Translators: shown while a PDF report is written: the school (or the
   * whole zone) and the term */
  text = g_strdup_printf (_("Writing the report for %s, %s…"), school_label (self, school), term);
  gtk_label_set_text (self->export_label, text);
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_progress_bar_set_text (self->export_progress, "");
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  update_actions (self);

  pl_satisfaction_report_write_pdf_async (self->satisfaction, chosen_term (self), school, language,
                                          paper, path, on_pdf_progress, self,
                                          self->export_cancellable, on_pdf_written,
                                          g_object_ref (self));
}

static void
on_pdf_chooser_response (PlDashboardPage      *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  g_autofree char *path = chosen_path (self, chooser, response, ".pdf");
  const char *language = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "language");
  const char *paper = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "paper");
  g_autofree char *chosen_language = g_strdup (language ? language
                                               : pl_satisfaction_report_get_default_language ());
  PlPaperSize size = g_strcmp0 (paper, "a4") == 0 ? PL_PAPER_A4 : PL_PAPER_LETTER;

  g_clear_object (&self->chooser);
  update_actions (self);
  if (path == NULL || self->satisfaction == NULL)
    return;
  export_pdf_to (self, path, chosen_language, size);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (widget);
  const char *const *languages = pl_satisfaction_report_get_languages ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  const char *paper_ids[] = { "letter", "a4", NULL };
  /* Translators: paper sizes for a PDF report */
  const char *paper_labels[] = { C_("paper", "Letter"), C_("paper", "A4"), NULL };
  g_autofree char *term = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;

  if (self->satisfaction == NULL || self->chooser != NULL || self->export_cancellable != NULL)
    return;
  term = pl_chart_format_term (chosen_term (self));
  name = file_name (self, term, school_label (self, chosen_school (self)), NULL);
  file = g_strconcat (name, ".pdf", NULL);

  self->chooser = chooser_new (self, _("Export PDF Report"), _("PDF Documents"), "application/pdf",
                               "*.pdf", file);
  /* The report's language, each named in its own words. */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      const PlLanguage *language = pl_language_lookup (languages[i]);

      g_ptr_array_add (labels, g_strdup (language && language->native_name ? language->native_name
                                                                           : languages[i]));
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "language", _("Language"),
                               (const char **) languages, (const char **) labels->pdata);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "language",
                               pl_satisfaction_report_get_default_language ());
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "paper", _("Paper"), paper_ids,
                               paper_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "paper", "letter");
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_pdf_chooser_response), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (widget);

  g_cancellable_cancel (self->export_cancellable);
}

/* A wide table or heat map scrolls sideways in its own scrolled window,
 * which would otherwise stop the page's scrolling under the pointer: a
 * vertical wheel or touchpad scroll over it moves the page. */
static gboolean
on_inner_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 PlDashboardPage          *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  double page = gtk_adjustment_get_page_size (adjustment);
  double step;

  if (dy == 0)
    return FALSE;
  /* A wheel's click moves as GTK's own scrolled windows move it. */
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? pow (page, 2.0 / 3.0) : 1;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return TRUE;
}

static void
forward_scrolling (PlDashboardPage *self,
                   GtkWidget       *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        {
          GtkEventController *scroll =
            gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

          gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
          g_signal_connect (scroll, "scroll", G_CALLBACK (on_inner_scroll), self);
          gtk_widget_add_controller (child, scroll);
        }
      forward_scrolling (self, child);
    }
}

/* Public API */

PlStore *
pl_dashboard_page_get_store (PlDashboardPage *self)
{
  g_return_val_if_fail (PL_IS_DASHBOARD_PAGE (self), NULL);

  return self->store;
}

void
pl_dashboard_page_set_store (PlDashboardPage *self,
                             PlStore         *store)
{
  g_return_if_fail (PL_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (!store || PL_IS_STORE (store));

  if (self->store == store)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->satisfaction);
  g_set_object (&self->store, store);
  self->loaded_at = 0;

  if (store != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      load_series (self);
      start_loading (self);
    }
  else
    set_loading (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* For tests */

gboolean
_pl_dashboard_page_get_loading (PlDashboardPage *self)
{
  return self->loading;
}

const char *
_pl_dashboard_page_get_state (PlDashboardPage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
select_choice (GtkDropDown *dropdown,
               GPtrArray   *choices,
               const char  *value)
{
  if (value == NULL)
    return;
  for (guint i = 0; i < choices->len; i++)
    if (g_strcmp0 (choices->pdata[i], *value ? value : NULL) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_warning ("No such choice");
}

void
_pl_dashboard_page_select (PlDashboardPage *self,
                           const char      *term,
                           const char      *school_id,
                           const char      *domain,
                           const char      *group_question)
{
  select_choice (self->term_dropdown, self->term_choices, term);
  select_choice (self->school_dropdown, self->school_choices, school_id);
  select_choice (self->domain_dropdown, self->domain_choices, domain);
  select_choice (self->group_dropdown, self->group_choices, group_question);
}

void
_pl_dashboard_page_show_tables (PlDashboardPage *self,
                                gboolean         tables)
{
  gtk_toggle_button_set_active (self->trend_table_toggle, tables);
  gtk_toggle_button_set_active (self->breakdown_table_toggle, tables);
  gtk_toggle_button_set_active (self->heat_table_toggle, tables);
}

GtkWidget *
_pl_dashboard_page_get_cards (PlDashboardPage *self)
{
  return GTK_WIDGET (self->cards_box);
}

GtkWidget *
_pl_dashboard_page_get_table (PlDashboardPage *self,
                              const char      *name)
{
  if (g_strcmp0 (name, "trend") == 0)
    return GTK_WIDGET (self->trend_grid);
  if (g_strcmp0 (name, "breakdown") == 0)
    return GTK_WIDGET (self->breakdown_grid);
  if (g_strcmp0 (name, "heat-map") == 0)
    return GTK_WIDGET (self->heat_grid);
  return NULL;
}

char *
_pl_dashboard_page_dup_table_text (PlDashboardPage *self,
                                   const char      *name)
{
  return table_text (table_named (self, name));
}

GtkWidget *
_pl_dashboard_page_get_comments (PlDashboardPage *self)
{
  return GTK_WIDGET (self->comments_stack);
}

gboolean
_pl_dashboard_page_export_csv_to (PlDashboardPage  *self,
                                  const char       *kind,
                                  const char       *path,
                                  GError          **error)
{
  return export_csv_to (self, kind, path, error);
}

void
_pl_dashboard_page_export_pdf_to (PlDashboardPage *self,
                                  const char      *path,
                                  const char      *language)
{
  export_pdf_to (self, path, language, PL_PAPER_LETTER);
}

gboolean
_pl_dashboard_page_get_exporting (PlDashboardPage *self)
{
  return self->export_cancellable != NULL;
}

void
_pl_dashboard_page_set_minimum (PlDashboardPage *self,
                                guint            minimum)
{
  gtk_spin_button_set_value (self->minimum_spin, minimum);
}

/* GObject */

static void
pl_dashboard_page_map (GtkWidget *widget)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (pl_dashboard_page_parent_class)->map (widget);

  /* Read when first shown, and again when shown after a while. */
  if (self->store != NULL && self->cancellable == NULL &&
      (self->satisfaction == NULL ||
       g_get_monotonic_time () - self->loaded_at > STALE_SECONDS * G_USEC_PER_SEC))
    {
      load_series (self);
      start_loading (self);
    }
}

static void
pl_dashboard_page_unmap (GtkWidget *widget)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (widget);

  /* Out of sight, a reading under way stops; it starts again when shown. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_loading (self, FALSE);
    }
  GTK_WIDGET_CLASS (pl_dashboard_page_parent_class)->unmap (widget);
}

static void
pl_dashboard_page_dispose (GObject *object)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A report being written stops, and leaves no half-written file. */
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_DASHBOARD_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->satisfaction);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_dashboard_page_parent_class)->dispose (object);
}

static void
pl_dashboard_page_finalize (GObject *object)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->series_ids, g_ptr_array_unref);
  g_clear_pointer (&self->term_choices, g_ptr_array_unref);
  g_clear_pointer (&self->school_choices, g_ptr_array_unref);
  g_clear_pointer (&self->domain_choices, g_ptr_array_unref);
  g_clear_pointer (&self->group_choices, g_ptr_array_unref);
  g_clear_pointer (&self->comment_questions, g_ptr_array_unref);
  g_clear_pointer (&self->trend_table, g_ptr_array_unref);
  g_clear_pointer (&self->breakdown_table, g_ptr_array_unref);
  g_clear_pointer (&self->heat_table, g_ptr_array_unref);
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  g_clear_pointer (&self->export_path, g_free);

  G_OBJECT_CLASS (pl_dashboard_page_parent_class)->finalize (object);
}

static void
pl_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      g_value_set_boolean (value, self->show_start_title_buttons);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (PlDashboardPage *self,
             gboolean        *field,
             gboolean         value,
             guint            prop_id)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pl_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PlDashboardPage *self = PL_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pl_dashboard_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_SHOW_START_TITLE_BUTTONS:
      set_boolean (self, &self->show_start_title_buttons, g_value_get_boolean (value), prop_id);
      break;

    case PROP_SHOW_BACK_BUTTON:
      set_boolean (self, &self->show_back_button, g_value_get_boolean (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_dashboard_page_class_init (PlDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_dashboard_page_dispose;
  object_class->finalize = pl_dashboard_page_finalize;
  object_class->get_property = pl_dashboard_page_get_property;
  object_class->set_property = pl_dashboard_page_set_property;
  widget_class->map = pl_dashboard_page_map;
  widget_class->unmap = pl_dashboard_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_START_TITLE_BUTTONS] =
    g_param_spec_boolean ("show-start-title-buttons", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PL_TYPE_TREND_CHART);
  g_type_ensure (PL_TYPE_BAR_CHART);
  g_type_ensure (PL_TYPE_HEAT_MAP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, comments_export_button);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, settings_button);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, minimum_spin);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, floor_spin);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, filters_box);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, cards_title);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, cards_note);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, cards_more_button);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, trend_title);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, trend_note);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, trend_table_toggle);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, trend_stack);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, trend_grid);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, breakdown_title);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, breakdown_note);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, breakdown_table_toggle);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, breakdown_stack);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, bar_chart);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, breakdown_grid);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, heat_title);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, heat_note);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, heat_table_toggle);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, heat_stack);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, heat_map);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, heat_grid);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, comments_section);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, comments_title);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, comment_question_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, comments_stack);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, comments_list);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, more_comments_button);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, comments_message);
  gtk_widget_class_bind_template_child (widget_class, PlDashboardPage, method_label);
  gtk_widget_class_bind_template_callback (widget_class, on_card_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_heat_map_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_minimum_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_floor_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_question_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_more_comments_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cards_more_clicked);

  gtk_widget_class_install_action (widget_class, "dashboard.copy-table", "s", copy_table_action);
  gtk_widget_class_install_action (widget_class, "dashboard.export-csv", "s", export_csv_action);
  gtk_widget_class_install_action (widget_class, "dashboard.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "dashboard.cancel-export", NULL,
                                   cancel_export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pl_dashboard_page_init (PlDashboardPage *self)
{
  self->series_ids = g_ptr_array_new_with_free_func (g_free);
  self->term_choices = g_ptr_array_new_with_free_func (g_free);
  self->school_choices = g_ptr_array_new_with_free_func (g_free);
  self->domain_choices = g_ptr_array_new_with_free_func (g_free);
  self->group_choices = g_ptr_array_new_with_free_func (g_free);
  self->comment_questions = g_ptr_array_new_with_free_func (g_free);
  self->rate_floor = PL_SATISFACTION_RATE_FLOOR_DEFAULT;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->survey_dropdown = add_filter (self, _("Survey"), G_CALLBACK (on_survey_changed));
  self->term_dropdown = add_filter (self, _("Term"), G_CALLBACK (on_filter_changed));
  self->school_dropdown = add_filter (self, _("School"), G_CALLBACK (on_filter_changed));
  self->domain_dropdown = add_filter (self, _("Domain"), G_CALLBACK (on_filter_changed));
  self->group_dropdown = add_filter (self, _("Groups"), G_CALLBACK (on_filter_changed));
  use_choice_factories (self->comment_question_dropdown);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  forward_scrolling (self, GTK_WIDGET (self->scrolled));
  show_filters (self, FALSE);
  update_actions (self);
}
