/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-dashboard-page-private.h"
#include "pl-window-private.h"

#define WAIT_SECONDS 30

#include "pl-test-app.h"
#include "pl-test-families.h"

/* The Dashboard on a small district keyed with the core API, opened from
 * the sidebar as a person would, its cards and tables read back and
 * checked against figures worked out by hand (in the comments). */

typedef struct
{
  char     *dir;
  char     *path;
  PlStore  *store;
  PlSchool *north;   /* 100 families */
  PlSchool *east;    /* 20 */
  PlSchool *south;   /* 10 */
  PlSurvey *fall;    /* 2025-fall */
  PlSurvey *spring;  /* 2026-spring */
  guint     serial;
  PlWindow *window;
} Fixture;

static PlSchool *
add_school (Fixture    *fixture,
            const char *name,
            const char *code,
            guint       families)
{
  g_autoptr(GError) error = NULL;
  PlSchool *school = pl_test_add_school (fixture->store, name);

  pl_school_set_code (school, code);
  pl_store_save_school (fixture->store, school, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < families; i++)
    {
      g_autofree char *household = g_strdup_printf ("%s family %u", code, i);
      g_autoptr(PlFamily) family = pl_test_make_family (household, household, NULL, household,
                                                        pl_school_get_id (school), "es");

      pl_test_save (fixture->store, family);
    }
  return school;
}

static void
set_text (PlSurvey   *survey,
          PlQuestion *question,
          const char *text)
{
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (question), "text", "en",
                      text);
}

static PlSurvey *
make_survey (Fixture    *fixture,
             PlSurvey   *previous,
             const char *term)
{
  g_autoptr(GError) error = NULL;
  PlSurvey *survey;

  if (previous != NULL)
    survey = pl_survey_new_version (previous);
  else
    {
      g_autoptr(PlQuestion) welcome = pl_question_new (PL_QUESTION_AGREEMENT);
      g_autoptr(PlQuestion) informed = pl_question_new (PL_QUESTION_AGREEMENT);
      g_autoptr(PlQuestion) band = pl_question_new (PL_QUESTION_SINGLE);
      g_autoptr(PlQuestion) comment = pl_question_new (PL_QUESTION_LONG_TEXT);
      const char *const bands[] = { "k2", "g35", "g68", NULL };
      const char *const band_labels[] = { "Kindergarten to grade 2", "Grades 3 to 5",
                                          "Grades 6 to 8" };

      survey = pl_survey_new ("en");
      pl_survey_add_language (survey, "es");
      pl_survey_add_language (survey, "ar");
      pl_survey_add_language (survey, "so");
      pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "title", "en",
                          "Family Survey");
      pl_question_set_code (welcome, "welcome");
      pl_question_set_domain (welcome, "welcoming");
      pl_question_set_allow_na (welcome, TRUE);
      pl_question_set_code (informed, "informed");
      pl_question_set_domain (informed, "communication");
      pl_question_set_code (band, "band");
      pl_question_set_domain (band, "demographics");
      pl_question_set_options (band, bands);
      pl_question_set_code (comment, "comment");
      pl_question_set_domain (comment, "other");
      pl_survey_insert_question (survey, -1, welcome);
      pl_survey_insert_question (survey, -1, informed);
      pl_survey_insert_question (survey, -1, band);
      pl_survey_insert_question (survey, -1, comment);
      set_text (survey, welcome, "The school makes me feel welcome.");
      set_text (survey, informed, "I know how my child is doing.");
      set_text (survey, band, "Your child's grade");
      set_text (survey, comment, "What could the school do better?");
      for (guint i = 0; bands[i]; i++)
        {
          g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (band), bands[i]);

          pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "en", band_labels[i]);
        }
    }
  pl_survey_set_term (survey, term);
  pl_survey_set_status (survey, "open");
  pl_store_save_survey (fixture->store, survey, &error);
  g_assert_no_error (error);
  return survey;
}

/* Keys one form: welcome, informed, band, a comment (NULL for blanks). */
static void
key (Fixture    *fixture,
     PlSurvey   *survey,
     PlSchool   *school,
     const char *language,
     const char *welcome,
     const char *informed,
     const char *band,
     const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSurveyResponse) response =
    pl_survey_response_new (pl_survey_get_id (survey), pl_school_get_id (school));
  g_autofree char *code = pl_form_code_format (pl_survey_get_number (survey),
                                               pl_school_get_code (school), ++fixture->serial);
  const char *values[] = { welcome, informed, band, comment };

  pl_survey_response_set_form_code (response, code);
  pl_survey_response_set_language (response, language);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    pl_survey_response_set_answer (response,
                                   pl_question_get_id (pl_survey_get_question (survey, i)),
                                   values[i]);
  pl_store_save_response (fixture->store, response, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = pl_test_app_make_dir ("porchlight-dashboard-XXXXXX", &fixture->path);
  fixture->store = pl_test_app_open_store (fixture->path);
  fixture->north = add_school (fixture, "North Elementary", "0101", 100);
  fixture->east = add_school (fixture, "East Elementary", "0303", 20);
  fixture->south = add_school (fixture, "South Elementary", "0202", 10);
  fixture->fall = make_survey (fixture, NULL, "2025-fall");
  fixture->spring = make_survey (fixture, fixture->fall, "2026-spring");

  /* Fall 2025: North alone, 20 Spanish forms, none favorable. */
  for (guint i = 0; i < 20; i++)
    key (fixture, fixture->fall, fixture->north, "es", "2", NULL, "k2",
         i == 0 ? "Más reuniones en español, por favor." : NULL);

  /* Spring 2026, North: 12 Spanish forms (welcome 5; informed 4 on six,
   * 3 on six), 6 Arabic (2, 2), 4 Somali (1, 1). */
  for (guint i = 0; i < 12; i++)
    key (fixture, fixture->spring, fixture->north, "es", "5", i < 6 ? "4" : "3", "k2", NULL);
  for (guint i = 0; i < 6; i++)
    key (fixture, fixture->spring, fixture->north, "ar", "2", "2", "g35",
         i == 0 ? "نريد مترجمًا في الاجتماعات" : NULL);
  for (guint i = 0; i < 4; i++)
    key (fixture, fixture->spring, fixture->north, "so", "1", "1", "g68", NULL);
  /* East: 12 English forms, all 4. South: 6, all 4. */
  for (guint i = 0; i < 12; i++)
    key (fixture, fixture->spring, fixture->east, "en", "4", "4", "k2", NULL);
  for (guint i = 0; i < 6; i++)
    key (fixture, fixture->spring, fixture->south, "en", "4", "4", "k2", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pl_test_app_close_window (&fixture->window);
  g_clear_object (&fixture->fall);
  g_clear_object (&fixture->spring);
  g_clear_object (&fixture->north);
  g_clear_object (&fixture->east);
  g_clear_object (&fixture->south);
  g_clear_object (&fixture->store);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            GType       type,
            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks Dashboard in the sidebar and waits for the figures. */
static PlDashboardPage *
open_dashboard (Fixture *fixture)
{
  PlDashboardPage *page;
  GtkWidget *row;

  fixture->window = pl_test_app_show_window (pl_window_new_for_store (NULL, fixture->store));
  page = _pl_window_get_dashboard_page (fixture->window);

  row = find_named (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, "dashboard");
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "dashboard");
  WAIT_UNTIL (!_pl_dashboard_page_get_loading (page) &&
              g_strcmp0 (_pl_dashboard_page_get_state (page), "dashboard") == 0);
  pl_test_iterate ();
  return page;
}

/* Every label's text under @widget, one per line, as a person reads them. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
widget_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect_text (widget, text);
  return g_string_free (text, FALSE);
}

/* The text of the card of @school_id ("" for the zone). */
static char *
card_text (PlDashboardPage *page,
           const char      *school_id)
{
  GtkWidget *card = find_named (_pl_dashboard_page_get_cards (page), GTK_TYPE_FLOW_BOX_CHILD,
                                school_id);

  g_assert_nonnull (card);
  return widget_text (card);
}

static char *
interval_text (guint favorable,
               guint n)
{
  double low, high;

  pl_wilson_interval (favorable, n, &low, &high);
  return g_strdup_printf ("%.1f–%.1f%%", 100 * low, 100 * high);
}

/* The row of a tab-separated table whose first cell is @first. */
static char *
table_row (const char *table,
           const char *first)
{
  g_auto(GStrv) lines = g_strsplit (table, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", 2);

      if (cells[0] != NULL && g_str_equal (cells[0], first))
        return g_strdup (lines[i]);
    }
  return NULL;
}

static gboolean
has_digit (const char *text)
{
  for (const char *c = text; *c; c++)
    if (g_ascii_isdigit (*c))
      return TRUE;
  return FALSE;
}

/* A hidden figure's row: the words, and no number anywhere else in it. */
static void
assert_hidden_row (const char *row,
                   guint       minimum)
{
  g_autofree char *words = g_strdup_printf ("fewer than %u", minimum);
  g_autoptr(GString) rest = NULL;
  const char *found;

  g_assert_nonnull (row);
  /* After the group's name, which may hold digits ("Grades 3 to 5"). */
  row = strchr (row, '\t');
  g_assert_nonnull (row);
  found = strstr (row, words);
  g_assert_nonnull (found);
  rest = g_string_new_len (row, found - row);
  g_string_append (rest, found + strlen (words));
  g_assert_false (has_digit (rest->str));
}

/* A hidden school's card: "fewer than N", and no number but its
 * response rate (how many answered is not what they answered). */
static void
assert_hidden_card (const char *text,
                    guint       minimum)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *words = g_strdup_printf ("fewer than %u", minimum);
  gboolean said = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], words))
        said = TRUE;
      else if (!g_str_has_prefix (lines[i], "Response rate "))
        g_assert_false (has_digit (lines[i]));
    }
  g_assert_true (said);
}

static void
test_cards (Fixture       *fixture,
            gconstpointer  data)
{
  PlDashboardPage *page = open_dashboard (fixture);
  g_autofree char *zone = NULL;
  g_autofree char *north = NULL;
  g_autofree char *east = NULL;
  g_autofree char *south = NULL;
  g_autofree char *interval = NULL;

  /* The newest term is shown first: Spring 2026, all domains.
   * Zone: 80 answers, 54 favorable (North 18 of 44, East 24 of 24,
   * South 12 of 12) = 67.5% of 40 families, the interval from 27 of 40;
   * 40 forms of 130 families = 30.8%. Fall: 0 of 20, [0, 16.1] — below
   * the spring's interval: up. */
  zone = card_text (page, "");
  g_assert_nonnull (strstr (zone, "Whole zone"));
  g_assert_nonnull (strstr (zone, "67.5%"));
  interval = interval_text (27, 40);
  g_assert_nonnull (strstr (zone, interval));
  g_assert_nonnull (strstr (zone, "40 families"));
  g_assert_nonnull (strstr (zone, "Response rate 30.8%"));
  g_assert_nonnull (strstr (zone, "Up since Fall 2025"));

  /* North: 18 of 44 answers = 40.9%, 22 families (interval from 9 of 22,
   * [23.3, 61.3], clear of the fall's [0, 16.1]); 22 of 100 families
   * answered: 22.0%, under the 25% floor. */
  north = card_text (page, pl_school_get_id (fixture->north));
  g_assert_nonnull (strstr (north, "40.9%"));
  g_clear_pointer (&interval, g_free);
  interval = interval_text (9, 22);
  g_assert_nonnull (strstr (north, interval));
  g_assert_nonnull (strstr (north, "22 families"));
  g_assert_nonnull (strstr (north, "Response rate 22.0%, not representative"));
  g_assert_nonnull (strstr (north, "Up since Fall 2025"));

  /* South's 6 are fewer than 10; East (12, all favorable) is the next
   * smallest, hidden too so South cannot be worked out from the zone. */
  south = card_text (page, pl_school_get_id (fixture->south));
  assert_hidden_card (south, 10);
  g_assert_nonnull (strstr (south, "Response rate 60.0%"));
  east = card_text (page, pl_school_get_id (fixture->east));
  assert_hidden_card (east, 10);
  g_assert_nonnull (strstr (east, "Response rate 60.0%"));
}

static void
test_tables (Fixture       *fixture,
             gconstpointer  data)
{
  PlDashboardPage *page = open_dashboard (fixture);
  g_autofree char *shown = NULL;
  g_autofree char *table = NULL;
  g_autofree char *row = NULL;
  g_autofree char *interval = NULL;
  GtkWidget *grid;

  _pl_dashboard_page_show_tables (page, TRUE);
  _pl_dashboard_page_select (page, "2026-spring", pl_school_get_id (fixture->north), "", "");
  pl_test_iterate ();

  /* North by the form's language: Spanish 18 of 24 answers = 75.0% of 12
   * families; Arabic (6) and Somali (4) are fewer than 10. */
  grid = _pl_dashboard_page_get_table (page, "breakdown");
  g_assert_true (gtk_widget_get_mapped (grid));
  shown = widget_text (grid);
  g_assert_nonnull (strstr (shown, "All families\n40.9%\n"));
  g_assert_nonnull (strstr (shown, "Spanish — Español\n75.0%\n"));
  table = _pl_dashboard_page_dup_table_text (page, "breakdown");
  row = table_row (table, "Spanish — Español");
  interval = interval_text (9, 12);
  g_assert_nonnull (strstr (row, interval));
  g_assert_nonnull (strstr (row, "\t12\t"));
  g_clear_pointer (&row, g_free);
  row = table_row (table, "Arabic — العربية");
  assert_hidden_row (row, 10);
  g_clear_pointer (&row, g_free);
  row = table_row (table, "Somali — Soomaali");
  assert_hidden_row (row, 10);
  /* What the grid shows is that table, cell for cell. */
  g_assert_nonnull (strstr (shown, "Arabic — العربية\nfewer than 10\n\n\n\n"));

  /* The heat map's table: North and the zone per domain. Welcoming:
   * North 12 of 22 = 54.5%; communication 6 of 22 = 27.3%. */
  g_clear_pointer (&table, g_free);
  g_clear_pointer (&row, g_free);
  table = _pl_dashboard_page_dup_table_text (page, "heat-map");
  g_assert_true (g_str_has_prefix (table, "School\tAll domains\tWelcoming\tCommunication\t"
                                          "Response rate\n"));
  row = table_row (table, "North Elementary");
  g_assert_cmpstr (row, ==, "North Elementary\t40.9%\t54.5%\t27.3%\t22.0% (not representative)");
  g_clear_pointer (&row, g_free);
  row = table_row (table, "South Elementary");
  {
    g_auto(GStrv) cells = g_strsplit (row, "\t", -1);

    /* Every domain hidden; the response rate (6 of 10) is not a figure
     * about the families' answers, and shows. */
    g_assert_cmpuint (g_strv_length (cells), ==, 5);
    for (guint c = 1; c < 4; c++)
      g_assert_cmpstr (cells[c], ==, "fewer than 10");
    g_assert_cmpstr (cells[4], ==, "60.0%");
  }
  g_clear_pointer (&shown, g_free);
  shown = widget_text (_pl_dashboard_page_get_table (page, "heat-map"));
  g_assert_nonnull (strstr (shown, "North Elementary\n40.9%\n54.5%\n27.3%\n"));

  /* The trend: North in both terms. */
  g_clear_pointer (&table, g_free);
  g_clear_pointer (&row, g_free);
  table = _pl_dashboard_page_dup_table_text (page, "trend");
  g_assert_nonnull (strstr (table, "Spring 2026\tAll families\t40.9%\t"));
  g_clear_pointer (&interval, g_free);
  interval = interval_text (0, 20);
  g_assert_nonnull (strstr (table, "Fall 2025\tAll families\t0.0%\t"));
  g_assert_nonnull (strstr (table, interval));
  /* Arabic in the spring, hidden there too. */
  {
    g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
    gboolean seen = FALSE;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "Spring 2026\tArabic"))
        {
          g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

          seen = TRUE;
          g_assert_cmpstr (cells[2], ==, "fewer than 10");
          for (guint c = 3; cells[c] != NULL; c++)
            g_assert_false (has_digit (cells[c]));
        }
    g_assert_true (seen);
  }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  PlDashboardPage *page = open_dashboard (fixture);
  g_autofree char *table = NULL;
  g_autofree char *row = NULL;
  g_autofree char *text = NULL;
  GtkWidget *comments;

  _pl_dashboard_page_show_tables (page, TRUE);

  /* One domain: the cards follow. Welcoming, North: 12 of 22 = 54.5%. */
  _pl_dashboard_page_select (page, NULL, NULL, "welcoming", NULL);
  pl_test_iterate ();
  text = card_text (page, pl_school_get_id (fixture->north));
  g_assert_nonnull (strstr (text, "54.5%"));

  /* The fall: only North answered; nothing to compare with before it. */
  g_clear_pointer (&text, g_free);
  _pl_dashboard_page_select (page, "2025-fall", NULL, "", NULL);
  pl_test_iterate ();
  text = card_text (page, pl_school_get_id (fixture->north));
  g_assert_nonnull (strstr (text, "0.0%"));
  g_assert_nonnull (strstr (text, "20 families"));
  g_assert_null (strstr (text, "since"));

  /* Grouped by the grade question, with its options' words: North in
   * the spring, Kindergarten to grade 2 are the 12 Spanish forms. */
  _pl_dashboard_page_select (page, "2026-spring", pl_school_get_id (fixture->north), NULL, "band");
  pl_test_iterate ();
  table = _pl_dashboard_page_dup_table_text (page, "breakdown");
  row = table_row (table, "Kindergarten to grade 2");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (row, "Kindergarten to grade 2\t75.0%\t"));
  g_clear_pointer (&row, g_free);
  row = table_row (table, "Grades 3 to 5");
  assert_hidden_row (row, 10);

  /* Comments: North in the spring, the Arabic one read right to left. */
  comments = _pl_dashboard_page_get_comments (page);
  g_clear_pointer (&text, g_free);
  text = widget_text (comments);
  g_assert_nonnull (strstr (text, "نريد مترجمًا في الاجتماعات"));
  g_assert_nonnull (strstr (text, "Arabic — العربية · Spring 2026"));
  {
    GtkWidget *label = find_named (comments, GTK_TYPE_LABEL, "GtkLabel");

    g_assert_nonnull (label);
    g_assert_cmpint (gtk_widget_get_direction (label), ==, GTK_TEXT_DIR_RTL);
  }
  /* In the fall, the Spanish one. */
  _pl_dashboard_page_select (page, "2025-fall", NULL, NULL, NULL);
  pl_test_iterate ();
  g_clear_pointer (&text, g_free);
  text = widget_text (comments);
  g_assert_nonnull (strstr (text, "Más reuniones en español, por favor."));
  g_assert_nonnull (strstr (text, "Spanish — Español · Fall 2025"));
  /* South's 6 forms are too few for their comments to be shown. */
  _pl_dashboard_page_select (page, "2026-spring", pl_school_get_id (fixture->south), NULL, NULL);
  pl_test_iterate ();
  g_clear_pointer (&text, g_free);
  text = widget_text (comments);
  g_assert_nonnull (strstr (text, "at least 10 families"));

  /* A smaller minimum, set as in the settings: at 5, South's 6 are shown
   * (100.0%), so East is too; Somali (4) stays hidden, and with it the
   * next smallest, Arabic (6). */
  _pl_dashboard_page_select (page, NULL, "", NULL, NULL);
  _pl_dashboard_page_set_minimum (page, 5);
  pl_test_iterate ();
  g_assert_cmpuint (pl_satisfaction_get_minimum_cell (fixture->store), ==, 5);
  g_clear_pointer (&text, g_free);
  text = card_text (page, pl_school_get_id (fixture->east));
  g_assert_nonnull (strstr (text, "100.0%"));
  g_assert_nonnull (strstr (text, "12 families"));
  _pl_dashboard_page_select (page, NULL, pl_school_get_id (fixture->north), NULL, "");
  pl_test_iterate ();
  g_clear_pointer (&table, g_free);
  g_clear_pointer (&row, g_free);
  table = _pl_dashboard_page_dup_table_text (page, "breakdown");
  row = table_row (table, "Arabic — العربية");
  assert_hidden_row (row, 5);
  g_clear_pointer (&row, g_free);
  row = table_row (table, "Somali — Soomaali");
  assert_hidden_row (row, 5);
  /* Never below 5. */
  _pl_dashboard_page_set_minimum (page, 3);
  pl_test_iterate ();
  g_assert_cmpuint (pl_satisfaction_get_minimum_cell (fixture->store), ==, 5);
}

static char *
line_starting (const char *text,
               const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_exports (Fixture       *fixture,
              gconstpointer  data)
{
  PlDashboardPage *page = open_dashboard (fixture);
  g_autofree char *csv_path = g_build_filename (fixture->dir, "breakdown.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "North.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfinfo", pdf_path, NULL };
  g_autofree char *info = NULL;
  int status = 0;

  /* The breakdown shown, as a CSV file: North in the spring by the form's
   * language. */
  _pl_dashboard_page_select (page, "2026-spring", pl_school_get_id (fixture->north), "", "");
  pl_test_iterate ();
  g_assert_true (_pl_dashboard_page_export_csv_to (page, "breakdown", csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  line = line_starting (strstr (csv, "\n") + 1, "Spring 2026,North Elementary");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (csv, "75.0"));
  g_clear_pointer (&line, g_free);
  {
    const char *arabic = strstr (csv, "Arabic");

    g_assert_nonnull (arabic);
    line = g_strndup (arabic, strcspn (arabic, "\r\n"));
    g_assert_nonnull (strstr (line, "fewer than 10"));
  }

  /* The school's PDF report, written in a worker thread. */
  _pl_dashboard_page_export_pdf_to (page, pdf_path, "en");
  g_assert_true (_pl_dashboard_page_get_exporting (page));
  WAIT_UNTIL (!_pl_dashboard_page_get_exporting (page));
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (info, "Pages:"));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
  PlDashboardPage *page;
  GtkWidget *row;

  /* A district with no survey says how figures come to be here. */
  store = pl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->window = pl_test_app_show_window (pl_window_new_for_store (NULL, store));
  page = _pl_window_get_dashboard_page (fixture->window);
  row = find_named (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, "dashboard");
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  WAIT_UNTIL (g_strcmp0 (_pl_dashboard_page_get_state (page), "message") == 0);
  pl_test_app_close_window (&fixture->window);
}

int
main (int   argc,
      char *argv[])
{
  char *state_dir = pl_test_app_init (&argc, &argv);

  g_test_add ("/app-dashboard/cards", Fixture, NULL, fixture_setup, test_cards, fixture_teardown);
  g_test_add ("/app-dashboard/tables", Fixture, NULL, fixture_setup, test_tables,
              fixture_teardown);
  g_test_add ("/app-dashboard/filters", Fixture, NULL, fixture_setup, test_filters,
              fixture_teardown);
  g_test_add ("/app-dashboard/exports", Fixture, NULL, fixture_setup, test_exports,
              fixture_teardown);
  g_test_add ("/app-dashboard/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);

  return pl_test_app_run (state_dir);
}
