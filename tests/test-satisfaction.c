/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pl-core.h"
#include "pl-test-families.h"
#include "pl-test-util.h"

/* Expectations below are worked out by hand from the answers each test
 * keys; the comments show the arithmetic. */

static void
test_wilson (void)
{
  double low, high;

  /* 8 of 10: p = 0.8, z² = 3.8415; centre = (0.8 + 0.19207) / 1.38415 = 0.71674;
   * margin = 1.96 × √(0.016 + 0.0096037) / 1.38415 = 0.22658. */
  pl_wilson_interval (8, 10, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.4902, 0.0001);
  g_assert_cmpfloat_with_epsilon (high, 0.9433, 0.0001);

  /* 0 of 20: [0, 3.84146 / 23.84146] = [0, 0.16113]. */
  pl_wilson_interval (0, 20, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (high, 0.16113, 0.0001);

  /* 50 of 100: centre 0.5, margin = 1.96 × √(0.0025 + 0.000096) / 1.038415 = 0.09620. */
  pl_wilson_interval (50, 100, &low, &high);
  g_assert_cmpfloat_with_epsilon (low, 0.4038, 0.0001);
  g_assert_cmpfloat_with_epsilon (high, 0.5962, 0.0001);
}

static int
compare_terms (const void *a,
               const void *b)
{
  return pl_term_compare (*(const char *const *) a, *(const char *const *) b);
}

static void
test_terms (void)
{
  const char *terms[] = { "2026-fall", "2025-spring", "2026-spring", "2025-fall" };

  g_assert_cmpint (pl_term_compare ("2025-spring", "2025-fall"), <, 0);
  g_assert_cmpint (pl_term_compare ("2025-fall", "2026-spring"), <, 0);
  g_assert_cmpint (pl_term_compare ("2026-winter", "2026-spring"), <, 0);
  g_assert_cmpint (pl_term_compare ("2026-fall", "2026-fall"), ==, 0);
  qsort (terms, G_N_ELEMENTS (terms), sizeof (char *), compare_terms);
  g_assert_cmpstr (terms[0], ==, "2025-spring");
  g_assert_cmpstr (terms[1], ==, "2025-fall");
  g_assert_cmpstr (terms[2], ==, "2026-spring");
  g_assert_cmpstr (terms[3], ==, "2026-fall");
}

typedef struct
{
  PlTestDir  dir;
  PlStore   *store;
  PlSchool  *north;
  PlSchool  *south;
  PlSurvey  *fall;    /* 2025-fall */
  PlSurvey  *spring;  /* 2026-spring */
  guint      serial;
} Fixture;

static PlSurvey *
make_survey (PlStore    *store,
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
      pl_question_set_allow_na (informed, TRUE);
      pl_question_set_code (band, "band");
      pl_question_set_domain (band, "demographics");
      pl_question_set_options (band, bands);
      pl_question_set_code (comment, "comment");
      pl_question_set_domain (comment, "other");
      pl_survey_insert_question (survey, -1, welcome);
      pl_survey_insert_question (survey, -1, informed);
      pl_survey_insert_question (survey, -1, band);
      pl_survey_insert_question (survey, -1, comment);
      for (guint i = 0; i < 4; i++)
        pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION,
                            pl_question_get_id (pl_survey_get_question (survey, i)), "text", "en",
                            pl_question_get_code (pl_survey_get_question (survey, i)));
      for (guint i = 0; bands[i]; i++)
        {
          g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (band), bands[i]);
          g_autofree char *label = g_strdup_printf ("Band %s", bands[i]);

          pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "en", label);
        }
    }
  pl_survey_set_term (survey, term);
  pl_survey_set_status (survey, "open");
  pl_store_save_survey (store, survey, &error);
  g_assert_no_error (error);
  return survey;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pl_test_dir_setup (&fixture->dir, data);
  path = pl_test_dir_file (&fixture->dir, "district.db");
  fixture->store = pl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->north = pl_test_add_school (fixture->store, "North Elementary");
  pl_school_set_code (fixture->north, "0101");
  pl_store_save_school (fixture->store, fixture->north, &error);
  fixture->south = pl_test_add_school (fixture->store, "South Elementary");
  pl_school_set_code (fixture->south, "0202");
  pl_store_save_school (fixture->store, fixture->south, &error);
  g_assert_no_error (error);

  /* 40 families at North, 10 at South. */
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Family %u", i);
      g_autoptr(PlFamily) family =
        pl_test_make_family (name, name, NULL, name,
                             pl_school_get_id (i < 40 ? fixture->north : fixture->south), "es");

      pl_test_save (fixture->store, family);
    }

  fixture->fall = make_survey (fixture->store, NULL, "2025-fall");
  fixture->spring = make_survey (fixture->store, fixture->fall, "2026-spring");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->fall);
  g_clear_object (&fixture->spring);
  g_clear_object (&fixture->north);
  g_clear_object (&fixture->south);
  g_clear_object (&fixture->store);
  pl_test_dir_teardown (&fixture->dir, data);
}

/* Keys one form: welcome, informed, band ("" for blank), a comment. */
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

  pl_survey_response_set_form_code (response, code);
  pl_survey_response_set_language (response, language);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 0)),
                                 welcome);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 1)),
                                 informed);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 2)),
                                 band);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 3)),
                                 comment);
  pl_store_save_response (fixture->store, response, &error);
  g_assert_no_error (error);
}

static PlSatisfaction *
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PlSatisfaction *satisfaction = pl_satisfaction_load (fixture->store,
                                                       pl_survey_get_series_id (fixture->fall),
                                                       NULL, &error);

  g_assert_no_error (error);
  return satisfaction;
}

static void
test_percent_favorable (Fixture       *fixture,
                        gconstpointer  data)
{
  /* welcome: 5 5 4 4 4 3 2 1 na na (blank) 5 → 9 counted, 6 favorable. */
  const char *welcome[] = { "5", "5", "4", "4", "4", "3", "2", "1", "na", "na", NULL, "5" };
  /* informed: 4 on the first six, blank on the rest → 6 counted, 6 favorable. */
  PlSatisfactionScope scope = { "2025-fall", NULL, "welcoming", NULL };
  g_autoptr(PlSatisfaction) satisfaction = NULL;
  g_autoptr(PlSatisfactionFigure) figure = NULL;
  g_autoptr(PlSatisfactionFigure) overall = NULL;
  double low, high;

  for (guint i = 0; i < G_N_ELEMENTS (welcome); i++)
    key (fixture, fixture->fall, fixture->north, "es", welcome[i], i < 6 ? "4" : NULL, "g35", NULL);

  satisfaction = load (fixture);
  pl_satisfaction_set_minimum_cell_size (satisfaction, 5);

  figure = pl_satisfaction_compute (satisfaction, &scope);
  g_assert_false (figure->suppressed);
  g_assert_cmpuint (figure->n, ==, 9);
  g_assert_cmpuint (figure->n_answers, ==, 9);
  g_assert_cmpuint (figure->n_favorable, ==, 6);
  g_assert_cmpfloat_with_epsilon (figure->percent, 600.0 / 9, 1e-9);
  /* (5+5+4+4+4+3+2+1+5) / 9 = 33 / 9 */
  g_assert_cmpfloat_with_epsilon (figure->mean, 33.0 / 9, 1e-9);
  pl_wilson_interval (6, 9, &low, &high);
  g_assert_cmpfloat_with_epsilon (figure->low, 100 * low, 1e-9);
  g_assert_cmpfloat_with_epsilon (figure->high, 100 * high, 1e-9);

  /* Overall pools both domains: 9 + 6 = 15 answers, 6 + 6 = 12 favorable.
   * The informed answers are on forms that also count for welcome, and
   * the forms with only "na" or blanks count for neither: n stays 9. */
  scope.domain = NULL;
  overall = pl_satisfaction_compute (satisfaction, &scope);
  g_assert_cmpuint (overall->n, ==, 9);
  g_assert_cmpuint (overall->n_answers, ==, 15);
  g_assert_cmpuint (overall->n_favorable, ==, 12);
  g_assert_cmpfloat_with_epsilon (overall->percent, 80, 1e-9);

  /* With the district's default of 10, nine families is too few to show. */
  pl_satisfaction_set_minimum_cell_size (satisfaction, 10);
  g_clear_pointer (&figure, pl_satisfaction_figure_free);
  scope.domain = "welcoming";
  figure = pl_satisfaction_compute (satisfaction, &scope);
  g_assert_true (figure->suppressed);
  g_assert_cmpuint (figure->n, ==, 0);
  g_assert_cmpfloat (figure->percent, ==, 0);

  /* And the floor holds: 3 is raised to 5. */
  pl_satisfaction_set_minimum_cell_size (satisfaction, 3);
  g_assert_cmpuint (pl_satisfaction_get_minimum_cell_size (satisfaction), ==, 5);
}

static void
test_response_rate (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PlSatisfaction) satisfaction = NULL;
  guint responses, enrolled;
  gboolean under;
  double rate;

  for (guint i = 0; i < 12; i++)
    key (fixture, fixture->fall, fixture->north, "es", "4", "4", "k2", NULL);
  for (guint i = 0; i < 2; i++)
    key (fixture, fixture->fall, fixture->south, "en", "2", "2", "k2", NULL);

  satisfaction = load (fixture);
  /* North: 12 of 40 = 30%. */
  rate = pl_satisfaction_response_rate (satisfaction, pl_school_get_id (fixture->north),
                                        "2025-fall", &responses, &enrolled, &under);
  g_assert_cmpuint (responses, ==, 12);
  g_assert_cmpuint (enrolled, ==, 40);
  g_assert_cmpfloat_with_epsilon (rate, 0.30, 1e-9);
  g_assert_false (under);
  /* South: 2 of 10 = 20%, under the 25% floor. */
  rate = pl_satisfaction_response_rate (satisfaction, pl_school_get_id (fixture->south),
                                        "2025-fall", &responses, &enrolled, &under);
  g_assert_cmpfloat_with_epsilon (rate, 0.20, 1e-9);
  g_assert_true (under);
  /* Zone: 14 of 50. */
  rate = pl_satisfaction_response_rate (satisfaction, NULL, "2025-fall", &responses, &enrolled,
                                        &under);
  g_assert_cmpuint (enrolled, ==, 50);
  g_assert_cmpfloat_with_epsilon (rate, 14.0 / 50, 1e-9);
  /* No responses in the spring yet. */
  rate = pl_satisfaction_response_rate (satisfaction, NULL, "2026-spring", &responses, NULL, NULL);
  g_assert_cmpuint (responses, ==, 0);
  g_assert_cmpfloat (rate, ==, 0);
}

static void
test_suppression (Fixture       *fixture,
                  gconstpointer  data)
{
  PlSatisfactionScope scope = { "2025-fall", pl_school_get_id (fixture->north), NULL, NULL };
  g_autoptr(PlSatisfaction) satisfaction = NULL;
  g_autoptr(GPtrArray) by_band = NULL;
  g_autoptr(GPtrArray) by_language = NULL;
  PlSatisfactionFigure *figure;

  /* Bands: k2 × 12 (all favorable), g35 × 6, g68 × 4 → with a minimum of
   * 5, g68 (4) is hidden, and since total − k2 − g35 would give it away,
   * g35 (the next smallest) is hidden too. */
  for (guint i = 0; i < 12; i++)
    key (fixture, fixture->fall, fixture->north, "es", "5", "4", "k2", NULL);
  for (guint i = 0; i < 6; i++)
    key (fixture, fixture->fall, fixture->north, "ar", "2", "2", "g35", NULL);
  for (guint i = 0; i < 4; i++)
    key (fixture, fixture->fall, fixture->north, "so", "1", "1", "g68", NULL);

  satisfaction = load (fixture);
  pl_satisfaction_set_minimum_cell_size (satisfaction, 5);
  by_band = pl_satisfaction_breakdown (satisfaction, &scope, PL_GROUP_BY_QUESTION, "band", "en");
  g_assert_cmpuint (by_band->len, ==, 4);

  figure = by_band->pdata[0];
  g_assert_null (figure->group);
  g_assert_false (figure->suppressed);
  g_assert_cmpuint (figure->n, ==, 22);
  /* 12 × 2 favorable of 22 × 2 answers */
  g_assert_cmpfloat_with_epsilon (figure->percent, 2400.0 / 44, 1e-9);

  figure = by_band->pdata[1];
  g_assert_cmpstr (figure->group, ==, "k2");
  g_assert_cmpstr (figure->label, ==, "Band k2");
  g_assert_false (figure->suppressed);
  g_assert_cmpfloat_with_epsilon (figure->percent, 100, 1e-9);

  figure = by_band->pdata[2];
  g_assert_cmpstr (figure->group, ==, "g35");
  g_assert_true (figure->suppressed);       /* complementary */
  g_assert_cmpuint (figure->n, ==, 0);
  figure = by_band->pdata[3];
  g_assert_cmpstr (figure->group, ==, "g68");
  g_assert_true (figure->suppressed);       /* primary */

  /* The same by the form's language: es 12, ar 6, so 4 — same rule. */
  by_language = pl_satisfaction_breakdown (satisfaction, &scope, PL_GROUP_BY_FORM_LANGUAGE, NULL,
                                           "en");
  g_assert_cmpuint (by_language->len, ==, 4);
  g_assert_cmpstr (((PlSatisfactionFigure *) by_language->pdata[1])->group, ==, "es");
  g_assert_false (((PlSatisfactionFigure *) by_language->pdata[1])->suppressed);
  g_assert_cmpstr (((PlSatisfactionFigure *) by_language->pdata[2])->group, ==, "ar");
  g_assert_true (((PlSatisfactionFigure *) by_language->pdata[2])->suppressed);
  g_assert_cmpstr (((PlSatisfactionFigure *) by_language->pdata[3])->group, ==, "so");
  g_assert_true (((PlSatisfactionFigure *) by_language->pdata[3])->suppressed);

  /* Two groups both large enough: nothing is hidden. */
  for (guint i = 0; i < 2; i++)
    key (fixture, fixture->fall, fixture->north, "so", "1", "1", "g68", NULL);
  g_clear_object (&satisfaction);
  g_clear_pointer (&by_band, g_ptr_array_unref);
  satisfaction = load (fixture);
  pl_satisfaction_set_minimum_cell_size (satisfaction, 5);
  by_band = pl_satisfaction_breakdown (satisfaction, &scope, PL_GROUP_BY_QUESTION, "band", "en");
  for (guint i = 0; i < by_band->len; i++)
    g_assert_false (((PlSatisfactionFigure *) by_band->pdata[i])->suppressed);
}

static void
test_schools_and_change (Fixture       *fixture,
                         gconstpointer  data)
{
  PlSatisfactionScope scope = { "2026-spring", pl_school_get_id (fixture->north), "welcoming", NULL };
  g_autoptr(PlSatisfaction) satisfaction = NULL;
  g_autoptr(PlSatisfactionFigure) before = NULL;
  g_autoptr(GPtrArray) schools = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  gboolean withheld;
  int change;

  /* North, fall: 3 of 20 favorable; spring: 17 of 20. Wilson intervals
   * [5.2%, 36.0%] and [64.0%, 94.8%] do not overlap: a real rise. */
  for (guint i = 0; i < 20; i++)
    key (fixture, fixture->fall, fixture->north, "es", i < 3 ? "5" : "2", NULL, "k2",
         i == 0 ? "Más reuniones en español, por favor." : NULL);
  for (guint i = 0; i < 20; i++)
    key (fixture, fixture->spring, fixture->north, "es", i < 17 ? "4" : "3", NULL, "k2", NULL);
  /* South: 6 in the spring. */
  for (guint i = 0; i < 6; i++)
    key (fixture, fixture->spring, fixture->south, "en", "4", NULL, "k2", NULL);

  satisfaction = load (fixture);
  g_assert_cmpuint (g_strv_length ((char **) pl_satisfaction_get_terms (satisfaction)), ==, 2);
  g_assert_cmpstr (pl_satisfaction_get_terms (satisfaction)[0], ==, "2025-fall");

  before = pl_satisfaction_compare_previous (satisfaction, &scope, &change);
  g_assert_nonnull (before);
  g_assert_cmpuint (before->n_favorable, ==, 3);
  g_assert_cmpint (change, ==, 1);

  /* The zone and each school in the spring (minimum 10): South's 6 are
   * hidden, and with only North left beside the total, North is hidden too. */
  scope.school_id = NULL;
  schools = pl_satisfaction_by_school (satisfaction, &scope);
  g_assert_cmpuint (schools->len, ==, 3);
  g_assert_false (((PlSatisfactionFigure *) schools->pdata[0])->suppressed);
  g_assert_cmpuint (((PlSatisfactionFigure *) schools->pdata[0])->n, ==, 26);
  g_assert_cmpstr (((PlSatisfactionFigure *) schools->pdata[1])->label, ==, "North Elementary");
  g_assert_true (((PlSatisfactionFigure *) schools->pdata[1])->suppressed);
  g_assert_cmpstr (((PlSatisfactionFigure *) schools->pdata[2])->label, ==, "South Elementary");
  g_assert_true (((PlSatisfactionFigure *) schools->pdata[2])->suppressed);

  /* North's own breakdown keeps it hidden too, groups and all: its total
   * and the zone's would give South away. */
  {
    g_autoptr(GPtrArray) north = NULL;

    scope.school_id = pl_school_get_id (fixture->north);
    north = pl_satisfaction_breakdown (satisfaction, &scope, PL_GROUP_BY_FORM_LANGUAGE, NULL, "en");
    for (guint i = 0; i < north->len; i++)
      g_assert_true (((PlSatisfactionFigure *) north->pdata[i])->suppressed);
  }

  /* Comments only for groups of at least the minimum. */
  scope.term = "2025-fall";
  scope.school_id = pl_school_get_id (fixture->north);
  comments = pl_satisfaction_list_comments (satisfaction, &scope, "comment", &withheld);
  g_assert_false (withheld);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (((PlSatisfactionComment *) comments->pdata[0])->text, ==,
                   "Más reuniones en español, por favor.");
  g_assert_cmpstr (((PlSatisfactionComment *) comments->pdata[0])->language, ==, "es");
  scope.term = "2026-spring";
  scope.school_id = pl_school_get_id (fixture->south);
  g_assert_null (pl_satisfaction_list_comments (satisfaction, &scope, "comment", &withheld));
  g_assert_true (withheld);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/satisfaction/wilson", test_wilson);
  g_test_add_func ("/satisfaction/terms", test_terms);
  g_test_add ("/satisfaction/percent-favorable", Fixture, NULL, fixture_setup,
              test_percent_favorable, fixture_teardown);
  g_test_add ("/satisfaction/response-rate", Fixture, NULL, fixture_setup, test_response_rate,
              fixture_teardown);
  g_test_add ("/satisfaction/suppression", Fixture, NULL, fixture_setup, test_suppression,
              fixture_teardown);
  g_test_add ("/satisfaction/schools-and-change", Fixture, NULL, fixture_setup,
              test_schools_and_change, fixture_teardown);

  return g_test_run ();
}
