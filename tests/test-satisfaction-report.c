/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libintl.h>
#include <sys/wait.h>

#include "pl-core.h"
#include "pl-test-families.h"
#include "pl-test-util.h"

/* Exports of the satisfaction figures. The PDFs are read back with
 * poppler's tools, as a principal would read the page.
 *
 * The district below, keyed by hand (minimum cell size 5):
 *
 * North Elementary, 40 families enrolled.
 *   Fall 2025, 18 forms in Spanish: welcome 5 × "4" and 13 × "2"
 *   (27.8%), informed 8 × "4" and 10 × "2" (44.4%); overall 13 of 36
 *   answers = 36.1%. Response rate 18 / 40 = 45.0%.
 *   Spring 2026, 25 forms:
 *     16 in Spanish (home "es"): welcome "5", informed 12 × "4", 4 × "3"
 *        → 28 of 32 favorable = 87.5%
 *      6 in English (home "en"): welcome 4 × "4", 2 × "2", informed "2"
 *        → 4 of 12 = 33.3%   (hidden: the next smallest after Somali)
 *      3 in Somali (home "so"): welcome "1", informed "5"
 *        → 3 of 6 = 50.0%    (hidden: fewer than 5)
 *   welcome 20 / 25 = 80.0%, informed 15 / 25 = 60.0%, overall 35 / 50
 *   = 70.0%; response rate 25 / 40 = 62.5%.
 *   Welcome's change: fall 5 of 18 → Wilson [12.5%, 50.9%]; spring 20
 *   of 25 → [60.9%, 91.1%]: apart, so "Up". Overall: fall 36.1% with
 *   n 18 (7 of 18 → [20.3%, 61.4%]), spring 70.0% (18 of 25 → [52.4%,
 *   85.7%]): they overlap, "No clear change".
 * South Elementary, 10 families: spring, 8 forms in English, all "4":
 *   100.0%, response rate 80.0%.
 * The zone in the spring: 33 forms of 50 families (66.0%); overall 51 of
 *   66 answers = 77.3%. */

#define COMMENT "Más reuniones en español, por favor."

typedef struct
{
  PlTestDir  dir;
  PlStore   *store;
  PlSchool  *north;
  PlSchool  *south;
  PlSurvey  *fall;
  PlSurvey  *spring;
  guint      serial;
  PlSatisfaction *satisfaction;
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
      g_autoptr(PlQuestion) home = pl_question_new (PL_QUESTION_SINGLE);
      g_autoptr(PlQuestion) comment = pl_question_new (PL_QUESTION_LONG_TEXT);
      const char *const homes[] = { "en", "es", "so", "other", NULL };
      const char *const en[] = { "English", "Spanish", "Somali", "Another language" };
      const char *const es[] = { "Inglés", "Español", "Somalí", "Otro idioma" };

      survey = pl_survey_new ("en");
      pl_survey_add_language (survey, "es");
      pl_survey_add_language (survey, "so");
      pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "title", "en",
                          "Family Survey");
      pl_question_set_code (welcome, "welcome");
      pl_question_set_domain (welcome, "welcoming");
      pl_question_set_code (informed, "informed");
      pl_question_set_domain (informed, "communication");
      pl_question_set_code (home, "home");
      pl_question_set_domain (home, "demographics");
      pl_question_set_options (home, homes);
      pl_question_set_code (comment, "comment");
      pl_question_set_domain (comment, "other");
      pl_survey_insert_question (survey, -1, welcome);
      pl_survey_insert_question (survey, -1, informed);
      pl_survey_insert_question (survey, -1, home);
      pl_survey_insert_question (survey, -1, comment);
      pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text",
                          "en", "Staff make me feel welcome.");
      pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text",
                          "es", "El personal me hace sentir bienvenido.");
      pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (informed), "text",
                          "en", "The school keeps me informed.");
      pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (home), "text", "en",
                          "What language does your family speak at home?");
      pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (comment), "text",
                          "en", "What could the school do better?");
      for (guint i = 0; homes[i]; i++)
        {
          g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (home), homes[i]);

          pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "en", en[i]);
          pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "es", es[i]);
        }
    }
  pl_survey_set_term (survey, term);
  pl_survey_set_status (survey, "open");
  pl_store_save_survey (store, survey, &error);
  g_assert_no_error (error);
  return survey;
}

/* Keys one form: welcome, informed, home language, a comment. */
static void
key (Fixture    *fixture,
     PlSurvey   *survey,
     PlSchool   *school,
     const char *language,
     const char *welcome,
     const char *informed,
     const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSurveyResponse) response =
    pl_survey_response_new (pl_survey_get_id (survey), pl_school_get_id (school));
  g_autofree char *code = pl_form_code_format (pl_survey_get_number (survey),
                                               pl_school_get_code (school), ++fixture->serial);
  const char *values[] = { welcome, informed, language, comment };

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
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pl_test_dir_setup (&fixture->dir, data);
  path = pl_test_dir_file (&fixture->dir, "district.db");
  fixture->store = pl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->north = pl_test_add_school (fixture->store, "North Elementary");
  pl_school_set_code (fixture->north, "0101");
  pl_store_save_school (fixture->store, fixture->north, &error);
  g_assert_no_error (error);
  fixture->south = pl_test_add_school (fixture->store, "South Elementary");
  pl_school_set_code (fixture->south, "0202");
  pl_store_save_school (fixture->store, fixture->south, &error);
  g_assert_no_error (error);
  g_assert_true (pl_satisfaction_set_minimum_cell (fixture->store, 5, &error));
  g_assert_no_error (error);

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

  for (guint i = 0; i < 18; i++)
    key (fixture, fixture->fall, fixture->north, "es", i < 5 ? "4" : "2", i < 8 ? "4" : "2", NULL);
  for (guint i = 0; i < 16; i++)
    key (fixture, fixture->spring, fixture->north, "es", "5", i < 12 ? "4" : "3",
         i == 0 ? COMMENT : NULL);
  for (guint i = 0; i < 6; i++)
    key (fixture, fixture->spring, fixture->north, "en", i < 4 ? "4" : "2", "2", NULL);
  for (guint i = 0; i < 3; i++)
    key (fixture, fixture->spring, fixture->north, "so", "1", "5", NULL);
  for (guint i = 0; i < 8; i++)
    key (fixture, fixture->spring, fixture->south, "en", "4", "4", NULL);

  fixture->satisfaction = pl_satisfaction_load (fixture->store,
                                                pl_survey_get_series_id (fixture->fall), NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_satisfaction_get_minimum_cell_size (fixture->satisfaction), ==, 5);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->satisfaction);
  g_clear_object (&fixture->fall);
  g_clear_object (&fixture->spring);
  g_clear_object (&fixture->north);
  g_clear_object (&fixture->south);
  g_clear_object (&fixture->store);
  pl_test_dir_teardown (&fixture->dir, data);
}

/* CSV */

/* The records of a CSV text, read back with the project's own reader. */
static GPtrArray *
read_csv (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCsvReader) reader = pl_csv_reader_new_for_data (text, strlen (text), &error);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GStrv record;

  g_assert_no_error (error);
  g_assert_cmpint (pl_csv_reader_get_delimiter (reader), ==, ',');
  while ((record = pl_csv_reader_read_record (reader, NULL, &error)))
    g_ptr_array_add (records, record);
  g_assert_no_error (error);
  return records;
}

static int
column (GStrv       header,
        const char *name)
{
  for (guint i = 0; header[i]; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_error ("no column %s", name);
  return -1;
}

static void
test_breakdown_csv (Fixture       *fixture,
                    gconstpointer  data)
{
  PlSatisfactionScope scope = { "2026-spring", pl_school_get_id (fixture->north), NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = pl_satisfaction_report_breakdown_csv (fixture->satisfaction, &scope,
                                                               PL_GROUP_BY_FORM_LANGUAGE, NULL,
                                                               "en", &error);
  g_autoptr(GPtrArray) records = NULL;
  GStrv header;
  int group, n, percent, low, mean, rate, representative;

  g_assert_no_error (error);
  /* RFC 4180: CRLF after every record. */
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  records = read_csv (csv);
  g_assert_cmpuint (records->len, ==, 5);
  header = records->pdata[0];
  group = column (header, "Group");
  n = column (header, "Families counted (n)");
  percent = column (header, "Percent favorable");
  low = column (header, "95% interval, low");
  mean = column (header, "Mean (1–5)");
  rate = column (header, "Response rate");
  representative = column (header, "Representative");

  /* The total: 25 families, 35 of 50 answers; mean (16 × 5 + 12 × 4 +
   * 4 × 3 + 4 × 4 + 2 × 2 + 6 × 2 + 3 × 1 + 3 × 5) / 50 = 190 / 50. */
  g_assert_cmpstr (((GStrv) records->pdata[1])[group], ==, "All responses");
  g_assert_cmpstr (((GStrv) records->pdata[1])[n], ==, "25");
  g_assert_cmpstr (((GStrv) records->pdata[1])[percent], ==, "70.0");
  g_assert_cmpstr (((GStrv) records->pdata[1])[low], ==, "52.4");
  g_assert_cmpstr (((GStrv) records->pdata[1])[mean], ==, "3.80");
  g_assert_cmpstr (((GStrv) records->pdata[1])[rate], ==, "62.5");
  g_assert_cmpstr (((GStrv) records->pdata[1])[representative], ==, "Yes");
  /* Spanish forms: 28 of 32. */
  g_assert_cmpstr (((GStrv) records->pdata[2])[group], ==, "Spanish");
  g_assert_cmpstr (((GStrv) records->pdata[2])[n], ==, "16");
  g_assert_cmpstr (((GStrv) records->pdata[2])[percent], ==, "87.5");
  /* English (complementary) and Somali (too few): words, no figures. */
  for (guint r = 3; r <= 4; r++)
    {
      GStrv record = records->pdata[r];

      g_assert_cmpstr (record[n], ==, "fewer than 5");
      g_assert_cmpstr (record[percent], ==, "fewer than 5");
      g_assert_cmpstr (record[low], ==, "");
      g_assert_cmpstr (record[mean], ==, "");
    }
  g_assert_cmpstr (((GStrv) records->pdata[3])[group], ==, "English");
  g_assert_cmpstr (((GStrv) records->pdata[4])[group], ==, "Somali");
  g_assert_null (strstr (csv, "33.3"));
  g_assert_null (strstr (csv, "50.0"));
}

static void
test_schools_csv (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = pl_satisfaction_report_schools_csv (fixture->satisfaction, "2026-spring",
                                                             NULL, "en", &error);
  g_autofree char *north = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GStrv header, record;
  int school, measure, percent, previous, change, responses, enrolled, rate;

  g_assert_no_error (error);
  records = read_csv (csv);
  /* The zone, North and South, each overall and two domains. */
  g_assert_cmpuint (records->len, ==, 1 + 3 * 3);
  header = records->pdata[0];
  school = column (header, "School");
  measure = column (header, "Measure");
  percent = column (header, "Percent favorable");
  previous = column (header, "Previous percent favorable");
  change = column (header, "Change");
  responses = column (header, "Responses");
  enrolled = column (header, "Families enrolled");
  rate = column (header, "Response rate");

  record = records->pdata[1];
  g_assert_cmpstr (record[column (header, "Term")], ==, "Spring 2026");
  g_assert_cmpstr (record[school], ==, "Whole zone");
  g_assert_cmpstr (record[measure], ==, "Overall");
  g_assert_cmpstr (record[percent], ==, "77.3");
  g_assert_cmpstr (record[responses], ==, "33");
  g_assert_cmpstr (record[enrolled], ==, "50");
  g_assert_cmpstr (record[rate], ==, "66.0");

  record = records->pdata[4];
  g_assert_cmpstr (record[school], ==, "North Elementary");
  g_assert_cmpstr (record[measure], ==, "Overall");
  g_assert_cmpstr (record[percent], ==, "70.0");
  g_assert_cmpstr (record[previous], ==, "36.1");
  g_assert_cmpstr (record[change], ==, "No clear change");
  record = records->pdata[5];
  g_assert_cmpstr (record[measure], ==, "Welcoming");
  g_assert_cmpstr (record[percent], ==, "80.0");
  g_assert_cmpstr (record[previous], ==, "27.8");
  g_assert_cmpstr (record[change], ==, "Up");
  record = records->pdata[6];
  g_assert_cmpstr (record[measure], ==, "Communication");
  g_assert_cmpstr (record[percent], ==, "60.0");

  record = records->pdata[7];
  g_assert_cmpstr (record[school], ==, "South Elementary");
  g_assert_cmpstr (record[percent], ==, "100.0");
  g_assert_cmpstr (record[rate], ==, "80.0");
  /* No responses in the fall: nothing to compare. */
  g_assert_cmpstr (record[previous], ==, "");
  g_assert_cmpstr (record[change], ==, "Not comparable");

  /* One school's rows only. */
  north = pl_satisfaction_report_schools_csv (fixture->satisfaction, "2026-spring",
                                              pl_school_get_id (fixture->north), "en", &error);
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = read_csv (north);
  g_assert_cmpuint (records->len, ==, 4);
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpstr (((GStrv) records->pdata[i])[school], ==, "North Elementary");

  /* A term the survey does not have. */
  g_assert_null (pl_satisfaction_report_schools_csv (fixture->satisfaction, "2031-fall", NULL,
                                                     "en", &error));
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2031-fall"));
  g_assert_nonnull (strstr (error->message, "2025-fall, 2026-spring"));
  g_clear_error (&error);
  g_assert_null (pl_satisfaction_report_schools_csv (fixture->satisfaction, "2026-spring", NULL,
                                                     "fr", &error));
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID);
}

static void
test_trend_and_comments_csv (Fixture       *fixture,
                             gconstpointer  data)
{
  PlSatisfactionScope scope = { NULL, pl_school_get_id (fixture->north), "welcoming", NULL };
  PlSatisfactionScope south = { "2026-spring", pl_school_get_id (fixture->south), NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *trend = pl_satisfaction_report_trend_csv (fixture->satisfaction, &scope, "en",
                                                             &error);
  g_autofree char *comments = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *path = pl_test_dir_file (&fixture->dir, "comments.csv");
  g_autoptr(GPtrArray) records = NULL;
  GStrv header;
  gsize length;

  g_assert_no_error (error);
  records = read_csv (trend);
  g_assert_cmpuint (records->len, ==, 3);
  header = records->pdata[0];
  g_assert_cmpstr (((GStrv) records->pdata[1])[column (header, "Term")], ==, "Fall 2025");
  g_assert_cmpstr (((GStrv) records->pdata[1])[column (header, "Percent favorable")], ==, "27.8");
  g_assert_cmpstr (((GStrv) records->pdata[1])[column (header, "Response rate")], ==, "45.0");
  g_assert_cmpstr (((GStrv) records->pdata[2])[column (header, "Percent favorable")], ==, "80.0");
  g_assert_cmpstr (((GStrv) records->pdata[2])[column (header, "Change since the previous term")],
                   ==, "Up");

  /* Comments: North's spring (25 families) shows them, quoted for the comma. */
  scope.term = "2026-spring";
  scope.domain = NULL;
  comments = pl_satisfaction_report_comments_csv (fixture->satisfaction, &scope, "comment", "en",
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (comments, "\"" COMMENT "\""));
  g_assert_nonnull (strstr (comments, ",Spanish,"));
  g_assert_true (pl_satisfaction_report_save_csv (comments, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, &length, NULL));
  /* A byte order mark, so Excel reads the accents as UTF-8. */
  g_assert_true (g_str_has_prefix (saved, "\xEF\xBB\xBF" "Term,"));
  g_assert_true (g_utf8_validate (saved, length, NULL));

  /* South's 8 are enough with a minimum of 5 — but not of 10. */
  g_clear_pointer (&comments, g_free);
  pl_satisfaction_set_minimum_cell_size (fixture->satisfaction, 10);
  comments = pl_satisfaction_report_comments_csv (fixture->satisfaction, &south, "comment", "en",
                                                  &error);
  g_assert_null (comments);
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* An unwritable place. */
  g_assert_false (pl_satisfaction_report_save_csv ("a\r\n", "/nonexistent-porchlight/x.csv",
                                                   &error));
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-porchlight/x.csv"));
}

/* PDF */

static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* Pages as pdftoppm draws them. */
static guint
count_rendered_pages (const char *pdf,
                      const char *work_dir)
{
  g_autofree char *dir = g_build_filename (work_dir, "pages", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  out = run_tool ((const char *const[]) { "pdftoppm", "-r", "10", "-png", pdf, prefix, NULL });
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  pl_test_dir_remove (dir);
  return n;
}

/* The text of the PDF, with runs of spaces made one (columns of a table
 * come out spaced). */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = run_tool ((const char *const[]) { "pdftotext", pdf, "-", NULL });
  g_autoptr(GRegex) spaces = g_regex_new ("[ \t]+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("The report lacks “%s”:\n%s", part, text);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("The report shows “%s”:\n%s", part, text);
}

/* A Spanish catalog of a few of the report's messages, compiled with
 * msgfmt as the build compiles po/es.po; its plural rule has three forms
 * so that the rule is really read (5 takes the second). */
static char *
make_spanish_catalog (const char *work_dir)
{
  g_autofree char *dir = g_build_filename (work_dir, "locale", "es", "LC_MESSAGES", NULL);
  g_autofree char *po = g_build_filename (work_dir, "es.po", NULL);
  g_autofree char *mo = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *out = NULL;
  const char *text =
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Plural-Forms: nplurals=3; plural=n == 1 ? 0 : (n >= 2 && n < 7) ? 1 : 2;\\n\"\n"
    "\n"
    "msgid \"How to read these numbers\"\n"
    "msgstr \"Cómo leer estas cifras\"\n"
    "\n"
    "msgid \"fewer than %u\"\n"
    "msgid_plural \"fewer than %u\"\n"
    "msgstr[0] \"menos de %u (una)\"\n"
    "msgstr[1] \"menos de %u\"\n"
    "msgstr[2] \"menos de %u familias\"\n"
    "\n"
    "msgctxt \"decimal separator\"\n"
    "msgid \".\"\n"
    "msgstr \",\"\n"
    "\n"
    "msgctxt \"percent\"\n"
    "msgid \"%s%%\"\n"
    "msgstr \"%s %%\"\n"
    "\n"
    "msgid \"Spring %s\"\n"
    "msgstr \"Primavera %s\"\n"
    "\n"
    "msgid \"Percent favorable\"\n"
    "msgstr \"Porcentaje favorable\"\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (po, text, -1, NULL));
  out = run_tool ((const char *const[]) { "msgfmt", "--check", "-o", mo, po, NULL });
  return g_build_filename (work_dir, "locale", NULL);
}

static void
test_school_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "north.pdf");
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_true (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring",
                                                   pl_school_get_id (fixture->north), "en",
                                                   PL_PAPER_LETTER, pdf, NULL, NULL, &n_pages,
                                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (count_rendered_pages (pdf, fixture->dir.dir), ==, n_pages);

  text = pdf_text (pdf);
  assert_contains (text, "North Elementary");
  assert_contains (text, "Spring 2026");
  assert_contains (text, "70.0%");          /* overall */
  assert_contains (text, "80.0%");          /* welcoming */
  assert_contains (text, "60.0%");          /* communication */
  assert_contains (text, "87.5%");          /* Spanish forms */
  assert_contains (text, "62.5%");          /* response rate */
  assert_contains (text, "25 of 40 families");
  assert_contains (text, "Since Fall 2025");
  assert_contains (text, "Up");
  assert_contains (text, "Staff make me feel welcome.");
  assert_contains (text, "By the language spoken at home");
  assert_contains (text, "fewer than 5");
  assert_contains (text, COMMENT);
  assert_contains (text, "How to read these numbers");
  assert_contains (text, "Wilson");
  assert_contains (text, "Page 1 of");
  /* The English-form and Somali-form groups' figures appear nowhere. */
  assert_lacks (text, "33.3");
  assert_lacks (text, "50.0%");
}

static void
test_zone_pdf (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "zone.pdf");
  g_autofree char *fall = pl_test_dir_file (&fixture->dir, "fall.pdf");
  g_autofree char *text = NULL;
  g_autofree char *fall_text = NULL;
  guint n_pages = 0;

  g_assert_true (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring", NULL,
                                                   "en", PL_PAPER_A4, pdf, NULL, NULL, &n_pages,
                                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rendered_pages (pdf, fixture->dir.dir), ==, n_pages);
  text = pdf_text (pdf);
  assert_contains (text, "All schools of the zone");
  assert_contains (text, "North Elementary");
  assert_contains (text, "South Elementary");
  assert_contains (text, "77.3%");          /* the zone */
  assert_contains (text, "100.0%");         /* South */
  assert_contains (text, "66.0%");          /* the zone's response rate */
  assert_lacks (text, "33.3");

  /* The fall: North is the only school that answered, 45.0% of its
   * families; South, with none, has no figure to hide. */
  g_assert_true (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2025-fall", NULL,
                                                   "en", PL_PAPER_LETTER, fall, NULL, NULL, NULL,
                                                   NULL, &error));
  g_assert_no_error (error);
  fall_text = pdf_text (fall);
  assert_contains (fall_text, "36.1%");
  assert_contains (fall_text, "This is the survey’s first term.");
  assert_contains (fall_text, "no responses");
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  guint      n_pages;
  guint      last_done;
  guint      last_total;
  GError    *error;
} AsyncRun;

static void
async_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_cmpuint (done, >, run->last_done);
  run->last_done = done;
  run->last_total = total;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = pl_satisfaction_report_write_pdf_finish (result, &run->n_pages, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_spanish_pdf (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *locale = make_spanish_catalog (fixture->dir.dir);
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "norte.pdf");
  g_autofree char *english = pl_test_dir_file (&fixture->dir, "north.pdf");
  g_autofree char *text = NULL;
  g_autofree char *english_text = NULL;
  g_autofree char *previous = g_strdup (bindtextdomain (GETTEXT_PACKAGE, NULL));
  g_autoptr(GError) error = NULL;
  AsyncRun run = { 0 };

  bindtextdomain (GETTEXT_PACKAGE, locale);
  /* On a worker thread, with progress on this one. */
  run.loop = g_main_loop_new (NULL, FALSE);
  pl_satisfaction_report_write_pdf_async (fixture->satisfaction, "2026-spring",
                                          pl_school_get_id (fixture->north), "es", PL_PAPER_LETTER,
                                          pdf, async_progress, &run, NULL, async_done, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.last_done, ==, run.n_pages);
  g_assert_cmpuint (run.last_total, ==, run.n_pages);
  g_assert_cmpuint (count_rendered_pages (pdf, fixture->dir.dir), ==, run.n_pages);

  text = pdf_text (pdf);
  assert_contains (text, "North Elementary");
  assert_contains (text, "Cómo leer estas cifras");
  assert_contains (text, "Primavera 2026");
  assert_contains (text, "Porcentaje favorable");
  assert_contains (text, "70,0 %");
  assert_contains (text, "87,5 %");
  assert_contains (text, "62,5 %");
  /* The Spanish form of "fewer than", for 5 (the catalog's second form). */
  assert_contains (text, "menos de 5");
  assert_lacks (text, "menos de 5 familias");
  assert_lacks (text, "How to read these numbers");
  /* Option labels from the survey's own Spanish texts. */
  assert_contains (text, "Español");
  assert_lacks (text, "33,3");
  assert_lacks (text, "50,0 %");

  /* The same process writes English beside it, whatever it has read. */
  g_assert_true (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring",
                                                   pl_school_get_id (fixture->north), "en",
                                                   PL_PAPER_LETTER, english, NULL, NULL, NULL,
                                                   NULL, &error));
  g_assert_no_error (error);
  english_text = pdf_text (english);
  assert_contains (english_text, "How to read these numbers");
  assert_contains (english_text, "70.0%");
  assert_lacks (english_text, "Cómo leer");

  bindtextdomain (GETTEXT_PACKAGE, previous);
  g_main_loop_unref (run.loop);
}

static void
test_pdf_refusals (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "report.pdf");
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_assert_false (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2024-spring", NULL,
                                                    "en", PL_PAPER_LETTER, pdf, NULL, NULL, NULL,
                                                    NULL, &error));
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring",
                                                    "no-such-school", "en", PL_PAPER_LETTER, pdf,
                                                    NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring", NULL,
                                                    "vi", PL_PAPER_LETTER, pdf, NULL, NULL, NULL,
                                                    NULL, &error));
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring", NULL,
                                                    "en", PL_PAPER_LETTER,
                                                    "/nonexistent-porchlight/r.pdf", NULL, NULL,
                                                    NULL, NULL, &error));
  g_assert_error (error, PL_SATISFACTION_REPORT_ERROR, PL_SATISFACTION_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-porchlight/r.pdf"));
  g_clear_error (&error);

  /* Cancelled: no file, and nothing half-written beside it. */
  g_cancellable_cancel (cancellable);
  g_assert_false (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring", NULL,
                                                    "en", PL_PAPER_LETTER, pdf, NULL, NULL, NULL,
                                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  listing = g_dir_open (fixture->dir.dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    g_assert_false (g_str_has_prefix (name, ".report.pdf"));
}

/* With the district's usual minimum of 10, South's 8 spring forms are
 * hidden beside the zone's total, and so North's 25 are too (the zone
 * less North would give South away). North's own report and exports
 * must not show what the zone's hides. */
static void
test_neighbour_hidden (Fixture       *fixture,
                       gconstpointer  data)
{
  PlSatisfactionScope spring = { "2026-spring", pl_school_get_id (fixture->north), NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "north.pdf");
  g_autofree char *text = NULL;
  g_autofree char *breakdown = NULL;
  g_autofree char *trend = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GStrv header;
  int percent;

  pl_satisfaction_set_minimum_cell_size (fixture->satisfaction, 10);
  g_assert_true (pl_satisfaction_report_write_pdf (fixture->satisfaction, "2026-spring",
                                                   pl_school_get_id (fixture->north), "en",
                                                   PL_PAPER_LETTER, pdf, NULL, NULL, NULL, NULL,
                                                   &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_contains (text, "fewer than 10");
  assert_contains (text, "No group is shown");
  assert_lacks (text, "70.0%");
  assert_lacks (text, "80.0%");
  assert_lacks (text, "87.5%");
  /* The fall, when only North answered, is shown in its trend. */
  assert_contains (text, "36.1%");

  breakdown = pl_satisfaction_report_breakdown_csv (fixture->satisfaction, &spring,
                                                    PL_GROUP_BY_QUESTION, "home", "en", &error);
  g_assert_no_error (error);
  records = read_csv (breakdown);
  header = records->pdata[0];
  percent = column (header, "Percent favorable");
  g_assert_cmpuint (records->len, ==, 5);
  for (guint i = 1; i < records->len; i++)
    g_assert_cmpstr (((GStrv) records->pdata[i])[percent], ==, "fewer than 10");
  g_clear_pointer (&records, g_ptr_array_unref);

  spring.term = NULL;
  trend = pl_satisfaction_report_trend_csv (fixture->satisfaction, &spring, "en", &error);
  g_assert_no_error (error);
  records = read_csv (trend);
  percent = column (records->pdata[0], "Percent favorable");
  g_assert_cmpstr (((GStrv) records->pdata[1])[percent], ==, "36.1");
  g_assert_cmpstr (((GStrv) records->pdata[2])[percent], ==, "fewer than 10");
  g_assert_null (strstr (trend, "70.0"));
}

/* The command line */

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PORCHLIGHT_CLI");
  const char *arg;
  int status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *db = pl_store_get_path (fixture->store);
  /* Any version's id names the series. */
  const char *survey = pl_survey_get_id (fixture->fall);
  g_autofree char *csv = pl_test_dir_file (&fixture->dir, "north.csv");
  g_autofree char *pdf = pl_test_dir_file (&fixture->dir, "zone.pdf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey", survey,
                            "--term", "2026-spring", "--school", "0101", "--format", "csv",
                            "--out", csv, "--language", "en", NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nSpring 2026,North Elementary,Overall,25,70.0,"));
  g_assert_null (strstr (contents, "South Elementary"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey",
                            pl_survey_get_series_id (fixture->spring), "--term", "2026-spring",
                            "--format", "pdf", "--out", pdf, "--language", "en", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "pages in"));
  text = pdf_text (pdf);
  assert_contains (text, "All schools of the zone");
  assert_contains (text, "77.3%");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A term the survey lacks: said, with the terms it has. */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey", survey, "--term",
                            "2026-fall", "--format", "pdf", "--out", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“2026-fall”"));
  g_assert_nonnull (strstr (err, "2025-fall, 2026-spring"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A school, a survey or a folder that is not there. */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey", survey, "--term",
                            "2026-spring", "--school", "9999", "--format", "csv", "--out", csv,
                            NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“9999”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey", "nope", "--term",
                            "2026-spring", "--format", "csv", "--out", csv, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“nope”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey", survey, "--term",
                            "2026-spring", "--format", "pdf", "--out",
                            "/nonexistent-porchlight/zone.pdf", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent-porchlight/zone.pdf"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors. */
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey", survey, "--term",
                            "2026-spring", "--format", "xlsx", "--out", csv, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "“xlsx”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "--database", db, "report", "--survey", survey, NULL), ==,
                   2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/satisfaction-report/breakdown-csv", test_breakdown_csv);
  ADD ("/satisfaction-report/schools-csv", test_schools_csv);
  ADD ("/satisfaction-report/trend-and-comments-csv", test_trend_and_comments_csv);
  ADD ("/satisfaction-report/school-pdf", test_school_pdf);
  ADD ("/satisfaction-report/zone-pdf", test_zone_pdf);
  ADD ("/satisfaction-report/spanish-pdf", test_spanish_pdf);
  ADD ("/satisfaction-report/pdf-refusals", test_pdf_refusals);
  ADD ("/satisfaction-report/neighbour-hidden", test_neighbour_hidden);
  ADD ("/satisfaction-report/cli", test_cli);
#undef ADD

  return g_test_run ();
}
