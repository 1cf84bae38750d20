/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-test-families.h"
#include "pl-test-util.h"

/* A small survey: an agreement question with N/A, a yes/no that opens a
 * follow-up choice, a number and a comment. English and Spanish, with
 * Spanish missing for the comment. */
static PlSurvey *
make_survey (void)
{
  PlSurvey *survey = pl_survey_new ("en");
  g_autoptr(PlQuestion) welcome = pl_question_new (PL_QUESTION_AGREEMENT);
  g_autoptr(PlQuestion) attended = pl_question_new (PL_QUESTION_YES_NO);
  g_autoptr(PlQuestion) how = pl_question_new (PL_QUESTION_SINGLE);
  g_autoptr(PlQuestion) children = pl_question_new (PL_QUESTION_NUMBER);
  g_autoptr(PlQuestion) comment = pl_question_new (PL_QUESTION_LONG_TEXT);
  const char *const how_values[] = { "in_person", "video", "phone", NULL };
  const char *id = pl_survey_get_id (survey);

  pl_survey_add_language (survey, "es");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "en", "Family Survey");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "es", "Encuesta para familias");

  pl_question_set_code (welcome, "welcome");
  pl_question_set_domain (welcome, "welcoming");
  pl_question_set_allow_na (welcome, TRUE);
  pl_question_set_required (welcome, TRUE);
  pl_survey_insert_question (survey, -1, welcome);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "en",
                      "I feel welcome at my child's school.");
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "es",
                      "Me siento bienvenido en la escuela de mi hijo.");

  pl_question_set_code (attended, "attended");
  pl_survey_insert_question (survey, -1, attended);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (attended), "text", "en",
                      "Did you attend a conference this year?");
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (attended), "text", "es",
                      "¿Asistió a una conferencia este año?");

  pl_question_set_code (how, "how");
  pl_question_set_options (how, how_values);
  pl_question_set_required (how, TRUE);
  pl_question_set_skip_rule (how, pl_question_get_id (attended), "yes");
  pl_survey_insert_question (survey, -1, how);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (how), "text", "en",
                      "How did you attend?");
  for (guint i = 0; how_values[i]; i++)
    {
      g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (how), how_values[i]);

      pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "en", how_values[i]);
    }

  pl_question_set_code (children, "children");
  pl_question_set_range (children, TRUE, 1, TRUE, 12);
  pl_survey_insert_question (survey, -1, children);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (children), "text", "en",
                      "How many children do you have at the school?");

  pl_question_set_code (comment, "comment");
  pl_survey_insert_question (survey, -1, comment);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (comment), "text", "en",
                      "Anything else?");
  return survey;
}

static void
test_texts (void)
{
  g_autoptr(PlSurvey) survey = make_survey ();
  PlQuestion *welcome = pl_survey_get_question (survey, 0);
  PlQuestion *comment = pl_survey_get_question (survey, 4);
  const char *qid = pl_question_get_id (welcome);
  gboolean fell_back = TRUE;
  guint missing, stale;

  g_assert_cmpstr (pl_survey_question_text (survey, welcome, "es", &fell_back), ==,
                   "Me siento bienvenido en la escuela de mi hijo.");
  g_assert_false (fell_back);

  /* A missing translation falls back, visibly, never to a blank. */
  g_assert_cmpstr (pl_survey_question_text (survey, comment, "es", &fell_back), ==,
                   "Anything else?");
  g_assert_true (fell_back);
  g_assert_cmpint (pl_survey_get_text_state (survey, PL_TEXT_OWNER_QUESTION,
                                             pl_question_get_id (comment), "text", "es"), ==,
                   PL_TEXT_MISSING);

  /* Scale labels come filled in for languages Porchlight knows. */
  g_assert_nonnull (pl_survey_builtin_scale_label ("agreement/5", "es"));
  g_assert_cmpstr (pl_survey_value_label (survey, welcome, "5", "es", &fell_back), ==,
                   pl_survey_builtin_scale_label ("agreement/5", "es"));
  g_assert_false (fell_back);

  /* Changing the English makes the Spanish stale; confirming it makes it current. */
  g_assert_cmpint (pl_survey_get_text_state (survey, PL_TEXT_OWNER_QUESTION, qid, "text", "es"),
                   ==, PL_TEXT_CURRENT);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, qid, "text", "en",
                      "I feel welcome at my children's school.");
  g_assert_cmpint (pl_survey_get_text_state (survey, PL_TEXT_OWNER_QUESTION, qid, "text", "es"),
                   ==, PL_TEXT_STALE);
  pl_survey_count_text_states (survey, "es", &missing, &stale);
  g_assert_cmpuint (stale, ==, 1);
  /* how (text + 3 options), children, comment */
  g_assert_cmpuint (missing, ==, 6);
  pl_survey_confirm_text (survey, PL_TEXT_OWNER_QUESTION, qid, "text", "es");
  g_assert_cmpint (pl_survey_get_text_state (survey, PL_TEXT_OWNER_QUESTION, qid, "text", "es"),
                   ==, PL_TEXT_CURRENT);
}

static void
test_skip_rules (void)
{
  g_autoptr(PlSurvey) survey = make_survey ();
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  PlQuestion *welcome = pl_survey_get_question (survey, 0);
  PlQuestion *attended = pl_survey_get_question (survey, 1);
  PlQuestion *how = pl_survey_get_question (survey, 2);
  PlQuestion *children = pl_survey_get_question (survey, 3);

  g_assert_true (pl_survey_validate (survey, &error));
  g_assert_no_error (error);

  g_assert_false (pl_survey_question_is_shown (survey, how, answers));
  g_hash_table_insert (answers, g_strdup (pl_question_get_id (attended)), g_strdup ("yes"));
  g_assert_true (pl_survey_question_is_shown (survey, how, answers));

  /* Shown and required: must be answered. */
  g_hash_table_insert (answers, g_strdup (pl_question_get_id (welcome)), g_strdup ("na"));
  g_assert_false (pl_survey_check_answers (survey, answers, &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_REQUIRED);
  g_assert_nonnull (strstr (error->message, "how"));
  g_clear_error (&error);

  /* Answered "no": the follow-up is hidden and its stray answer dropped. */
  g_hash_table_insert (answers, g_strdup (pl_question_get_id (attended)), g_strdup ("no"));
  g_hash_table_insert (answers, g_strdup (pl_question_get_id (how)), g_strdup ("video"));
  g_assert_true (pl_survey_check_answers (survey, answers, &error));
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (answers, pl_question_get_id (how)));

  /* Range and option checks name the value. */
  g_assert_false (pl_question_check_value (children, "13", &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER);
  g_assert_nonnull (strstr (error->message, "13"));
  g_clear_error (&error);
  g_assert_false (pl_question_check_value (children, "two", &error));
  g_clear_error (&error);
  g_assert_false (pl_question_check_value (how, "bus", &error));
  g_clear_error (&error);

  /* One key per answer. */
  g_assert_cmpstr (pl_question_value_for_key (welcome, '4'), ==, "4");
  g_assert_cmpstr (pl_question_value_for_key (welcome, '0'), ==, "na");
  g_assert_cmpstr (pl_question_value_for_key (welcome, 'n'), ==, "na");
  g_assert_null (pl_question_value_for_key (welcome, '6'));
  g_assert_cmpstr (pl_question_value_for_key (attended, '2'), ==, "no");
  g_assert_cmpstr (pl_question_value_for_key (how, '3'), ==, "phone");
  g_assert_null (pl_question_value_for_key (how, '4'));

  /* A rule pointing forward is refused. */
  pl_question_set_skip_rule (attended, pl_question_get_id (how), "video");
  g_assert_false (pl_survey_validate (survey, &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID);
}

static void
test_form_codes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = pl_form_code_format (3, "0153", 421);
  g_autofree char *school = NULL;
  g_autofree char *parsed = NULL;
  guint number = 0, serial = 0;

  g_assert_cmpstr (code, ==, "S3-0153-00421");
  parsed = pl_form_code_parse (" s3 0153 421 ", &number, &school, &serial, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed, ==, "S3-0153-00421");
  g_assert_cmpuint (number, ==, 3);
  g_assert_cmpstr (school, ==, "0153");
  g_assert_cmpuint (serial, ==, 421);

  g_assert_null (pl_form_code_parse ("S3-0153", NULL, NULL, NULL, &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE);
  g_assert_nonnull (strstr (error->message, "S3-0153"));
  g_clear_error (&error);
  g_assert_null (pl_form_code_parse ("S3-0153-00A21", NULL, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_null (pl_form_code_parse ("X3-0153-00421", NULL, NULL, NULL, &error));
  g_clear_error (&error);
}

typedef struct
{
  PlTestDir  dir;
  PlStore   *store;
  PlSchool  *school;
  PlSurvey  *survey;
} Fixture;

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
  fixture->school = pl_school_new ();
  pl_school_set_name (fixture->school, "Riverside Elementary");
  pl_school_set_code (fixture->school, "0153");
  pl_store_save_school (fixture->store, fixture->school, &error);
  g_assert_no_error (error);
  fixture->survey = make_survey ();
  pl_survey_set_status (fixture->survey, "open");
  pl_store_save_survey (fixture->store, fixture->survey, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->survey);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  pl_test_dir_teardown (&fixture->dir, data);
}

static PlEntryBatch *
make_batch (Fixture    *fixture,
            const char *double_entry)
{
  g_autoptr(GError) error = NULL;
  PlEntryBatch *batch = pl_entry_batch_new (pl_survey_get_id (fixture->survey),
                                            pl_school_get_id (fixture->school));

  pl_entry_batch_set_received_on (batch, "2026-11-20");
  pl_entry_batch_set_form_count (batch, 40);
  pl_entry_batch_set_entered_by (batch, "amina");
  pl_entry_batch_set_double_entry (batch, double_entry);
  if (g_strcmp0 (double_entry, "none") != 0)
    pl_entry_batch_set_second_keyer (batch, "bao");
  pl_store_save_batch (fixture->store, batch, &error);
  g_assert_no_error (error);
  return batch;
}

/* Keys one form: welcome, attended, then how when attended is yes. */
static PlSurveyResponse *
key_form (Fixture      *fixture,
          PlEntryBatch *batch,
          guint         keying,
          const char   *code,
          const char   *welcome,
          const char   *attended,
          const char   *how,
          GError      **error)
{
  PlSurveyResponse *response = pl_survey_response_new (pl_survey_get_id (fixture->survey),
                                                       pl_school_get_id (fixture->school));
  PlSurvey *survey = fixture->survey;

  pl_survey_response_set_batch_id (response, pl_entry_batch_get_id (batch));
  pl_survey_response_set_form_code (response, code);
  pl_survey_response_set_language (response, "es");
  pl_survey_response_set_keying (response, keying);
  pl_survey_response_set_entered_by (response, keying == 1 ? "amina" : "bao");
  pl_survey_response_set_keyed_seconds (response, 30);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 0)),
                                 welcome);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 1)),
                                 attended);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 2)),
                                 how);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 4)),
                                 "Gracias por todo — شكرا");
  if (!pl_store_save_response (fixture->store, response, error))
    g_clear_object (&response);
  return response;
}

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSurvey) loaded = pl_store_load_survey (fixture->store,
                                                     pl_survey_get_id (fixture->survey), &error);
  g_autoptr(GPtrArray) surveys = NULL;
  gint64 journal_before, journal_after;

  g_assert_no_error (error);
  g_assert_cmpuint (pl_survey_get_number (loaded), ==, 1);
  g_assert_cmpuint (pl_survey_get_n_questions (loaded), ==, 5);
  g_assert_cmpstr (pl_survey_get_title (loaded), ==, "Family Survey");
  g_assert_cmpstr (pl_survey_get_status (loaded), ==, "open");
  g_assert_true (g_strv_contains (pl_survey_get_languages (loaded), "es"));
  g_assert_false (pl_survey_changes_meaning (fixture->survey, loaded, NULL));
  g_assert_cmpstr (pl_question_get_skip_value (pl_survey_get_question (loaded, 2)), ==, "yes");
  {
    double min, max;
    gboolean has_min, has_max;

    pl_question_get_range (pl_survey_get_question (loaded, 3), &min, &has_min, &max, &has_max);
    g_assert_true (has_min && has_max);
    g_assert_cmpfloat (min, ==, 1);
    g_assert_cmpfloat (max, ==, 12);
  }

  /* Saving what is stored writes nothing new. */
  journal_before = pl_store_count_journal (fixture->store, NULL);
  pl_store_save_survey (fixture->store, loaded, &error);
  g_assert_no_error (error);
  journal_after = pl_store_count_journal (fixture->store, NULL);
  g_assert_cmpint (journal_after, ==, journal_before);

  surveys = pl_store_list_surveys (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (surveys->len, ==, 1);
}

static void
test_version_locking (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEntryBatch) batch = make_batch (fixture, "none");
  g_autoptr(PlSurveyResponse) response = NULL;
  g_autoptr(PlSurvey) edited = NULL;
  g_autoptr(PlSurvey) next = NULL;
  g_autoptr(PlSurvey) reloaded = NULL;
  PlQuestion *welcome;

  /* Before any response, the wording may change freely. */
  edited = pl_survey_copy (fixture->survey);
  welcome = pl_survey_get_question (edited, 0);
  pl_survey_set_text (edited, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "en",
                      "I feel welcome at school.");
  pl_store_save_survey (fixture->store, edited, &error);
  g_assert_no_error (error);

  response = key_form (fixture, batch, 1, "S1-0153-00001", "4", "no", NULL, &error);
  g_assert_no_error (error);

  reloaded = pl_store_load_survey (fixture->store, pl_survey_get_id (fixture->survey), &error);
  g_assert_no_error (error);
  g_assert_true (pl_survey_get_locked (reloaded));

  /* Now the meaning is fixed: a changed option set or English wording is
   * refused and nothing is written… */
  pl_question_set_allow_na (pl_survey_get_question (reloaded, 0), FALSE);
  g_assert_false (pl_store_save_survey (fixture->store, reloaded, &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "welcome"));
  g_clear_error (&error);
  pl_question_set_allow_na (pl_survey_get_question (reloaded, 0), TRUE);

  /* …while a translation may still be corrected. */
  pl_survey_set_text (reloaded, PL_TEXT_OWNER_QUESTION,
                      pl_question_get_id (pl_survey_get_question (reloaded, 4)), "text", "es",
                      "¿Algo más?");
  pl_store_save_survey (fixture->store, reloaded, &error);
  g_assert_no_error (error);

  /* A new version is free to change, in the same series and number. */
  next = pl_survey_new_version (reloaded);
  g_assert_cmpuint (pl_survey_get_version (next), ==, 2);
  g_assert_cmpstr (pl_survey_get_series_id (next), ==, pl_survey_get_series_id (reloaded));
  g_assert_cmpstr (pl_question_get_skip_question_id (pl_survey_get_question (next, 2)), ==,
                   pl_question_get_id (pl_survey_get_question (next, 1)));
  g_assert_cmpstr (pl_survey_question_text (next, pl_survey_get_question (next, 4), "es", NULL),
                   ==, "¿Algo más?");
  pl_question_set_allow_na (pl_survey_get_question (next, 0), FALSE);
  pl_store_save_survey (fixture->store, next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_survey_get_number (next), ==, 1);

  g_assert_false (pl_store_delete_survey (fixture->store, pl_survey_get_id (reloaded), &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_LOCKED);
}

static void
test_duplicate_form_codes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEntryBatch) batch = make_batch (fixture, "none");
  g_autoptr(PlEntryBatch) later = make_batch (fixture, "none");
  g_autoptr(PlSurveyResponse) first = NULL;
  g_autoptr(PlSurveyResponse) again = NULL;
  g_autofree char *checked = NULL;

  first = key_form (fixture, batch, 1, "s1 0153 7", "5", "yes", "video", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_response_get_form_code (first), ==, "S1-0153-00007");

  /* The same paper in another batch, on another day: refused, saying when. */
  checked = pl_store_check_form_code (fixture->store, later, 1, "S1-0153-00007", &error);
  g_assert_null (checked);
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_DUPLICATE_FORM);
  g_assert_nonnull (strstr (error->message, "S1-0153-00007"));
  g_assert_nonnull (strstr (error->message, "amina"));
  g_assert_nonnull (strstr (error->message, "2026-11-20"));
  g_clear_error (&error);
  again = key_form (fixture, later, 1, "S1-0153-00007", "1", "no", NULL, &error);
  g_assert_null (again);
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_DUPLICATE_FORM);
  g_clear_error (&error);
  g_assert_cmpint (pl_store_count_responses (fixture->store, pl_survey_get_id (fixture->survey),
                                             NULL), ==, 1);

  /* Another school's or survey's form is not this batch's. */
  g_assert_null (pl_store_check_form_code (fixture->store, later, 1, "S1-0999-00008", &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE);
  g_assert_nonnull (strstr (error->message, "Riverside"));
  g_clear_error (&error);
  g_assert_null (pl_store_check_form_code (fixture->store, later, 1, "S2-0153-00008", &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE);
  g_clear_error (&error);

  /* Editing the form already keyed is not a duplicate of itself. */
  pl_survey_response_set_answer (first, pl_question_get_id (pl_survey_get_question (fixture->survey, 0)),
                                 "4");
  pl_store_save_response (fixture->store, first, &error);
  g_assert_no_error (error);
}

static void
test_double_entry (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEntryBatch) batch = make_batch (fixture, "all");
  g_autoptr(PlSurveyResponse) a1 = NULL, a2 = NULL, b1 = NULL, b2 = NULL;
  g_autoptr(PlSurveyResponse) reloaded = NULL;
  g_autoptr(GPtrArray) disagreements = NULL;
  g_autoptr(GHashTable) rates = NULL;
  PlEntryStats stats;
  PlDisagreement *d;

  a1 = key_form (fixture, batch, 1, "S1-0153-00001", "4", "yes", "video", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_response_get_verification (a1), ==, "pending");
  b1 = key_form (fixture, batch, 1, "S1-0153-00002", "2", "no", NULL, &error);
  g_assert_no_error (error);

  /* The second keyer must be someone else, and the form keyed once before. */
  g_assert_null (pl_store_check_form_code (fixture->store, batch, 2, "S1-0153-00003", &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE);
  g_clear_error (&error);

  /* Form 1 agrees; form 2 differs on welcome (2 vs 3). */
  a2 = key_form (fixture, batch, 2, "S1-0153-00001", "4", "yes", "video", &error);
  g_assert_no_error (error);
  b2 = key_form (fixture, batch, 2, "S1-0153-00002", "3", "no", NULL, &error);
  g_assert_no_error (error);

  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (a1), &error);
  g_assert_cmpstr (pl_survey_response_get_verification (reloaded), ==, "agreed");
  g_clear_object (&reloaded);
  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (b1), &error);
  g_assert_cmpstr (pl_survey_response_get_verification (reloaded), ==, "disputed");
  g_clear_object (&reloaded);

  disagreements = pl_store_list_disagreements (fixture->store, pl_entry_batch_get_id (batch), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disagreements->len, ==, 1);
  d = disagreements->pdata[0];
  g_assert_cmpstr (d->form_code, ==, "S1-0153-00002");
  g_assert_cmpstr (d->first_value, ==, "2");
  g_assert_cmpstr (d->second_value, ==, "3");
  g_assert_cmpstr (d->first_keyer, ==, "amina");
  g_assert_cmpstr (d->second_keyer, ==, "bao");
  g_assert_null (d->reconciled_by);

  pl_store_get_entry_stats (fixture->store, pl_entry_batch_get_id (batch), &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_forms, ==, 2);
  g_assert_cmpuint (stats.n_second, ==, 2);
  /* form 1: welcome, attended, how, comment; form 2: welcome, attended, comment */
  g_assert_cmpuint (stats.n_compared, ==, 7);
  g_assert_cmpuint (stats.n_disagreements, ==, 1);
  g_assert_cmpuint (stats.n_open, ==, 1);
  g_assert_cmpfloat_with_epsilon (stats.agreement_rate, 6.0 / 7.0, 1e-9);
  /* 4 forms × 30 s = 2 minutes: 120 forms an hour. */
  g_assert_cmpfloat_with_epsilon (stats.forms_per_hour, 120, 1e-9);

  /* The paper says 3: the second keyer was right. */
  g_assert_false (pl_store_reconcile_answer (fixture->store, d->first_response_id, d->question_id,
                                             "3", "amina", &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_store_reconcile_answer (fixture->store, d->first_response_id, d->question_id,
                                             "3", "bao", &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID);
  g_clear_error (&error);
  pl_store_reconcile_answer (fixture->store, d->first_response_id, d->question_id, "3",
                             "carmen", &error);
  g_assert_no_error (error);

  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (b1), &error);
  g_assert_cmpstr (pl_survey_response_get_verification (reloaded), ==, "reconciled");
  g_assert_cmpstr (pl_survey_response_get_answer (reloaded, d->question_id), ==, "3");

  g_clear_pointer (&disagreements, g_ptr_array_unref);
  disagreements = pl_store_list_disagreements (fixture->store, pl_entry_batch_get_id (batch), &error);
  g_assert_cmpuint (disagreements->len, ==, 1);
  d = disagreements->pdata[0];
  g_assert_cmpstr (d->first_value, ==, "2");
  g_assert_cmpstr (d->final_value, ==, "3");
  g_assert_cmpstr (d->reconciled_by, ==, "carmen");

  pl_store_get_entry_stats (fixture->store, pl_entry_batch_get_id (batch), &stats, &error);
  g_assert_cmpuint (stats.n_open, ==, 0);
  /* One value of 14 keyed was wrong. */
  g_assert_cmpfloat_with_epsilon (stats.error_rate, 1.0 / 14.0, 1e-9);

  rates = pl_store_get_keyer_agreement (fixture->store, NULL, &error);
  g_assert_no_error (error);
  /* Against the paper: amina keyed 6 of 7 right, bao all 7. */
  g_assert_cmpfloat_with_epsilon (*(double *) g_hash_table_lookup (rates, "amina"), 6.0 / 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (*(double *) g_hash_table_lookup (rates, "bao"), 1.0, 1e-9);
}

static void
test_print_serials (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint first = 0;

  pl_store_reserve_form_serials (fixture->store, fixture->survey,
                                 pl_school_get_id (fixture->school), 50, "so", "amina", &first,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, 1);
  pl_store_reserve_form_serials (fixture->store, fixture->survey,
                                 pl_school_get_id (fixture->school), 10, "ar", "amina", &first,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, 51);
}

static void
test_required_and_status (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEntryBatch) batch = make_batch (fixture, "none");
  g_autoptr(PlSurveyResponse) response = NULL;

  /* welcome is required: nothing is stored without it. */
  response = key_form (fixture, batch, 1, "S1-0153-00009", NULL, "yes", "phone", &error);
  g_assert_null (response);
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (pl_store_find_form (fixture->store, "S1-0153-00009", 1, &error));
  g_assert_no_error (error);

  pl_survey_set_status (fixture->survey, "closed");
  pl_store_save_survey (fixture->store, fixture->survey, &error);
  g_assert_no_error (error);
  response = key_form (fixture, batch, 1, "S1-0153-00009", "3", "no", NULL, &error);
  g_assert_null (response);
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_NOT_OPEN);
}

/* Settling "attended" to the paper's "no" takes away the answer to the
 * question only asked after a "yes"; keeping one keying of a form keyed on
 * two laptops deletes the other in one go. */
static void
test_reconcile_skips_and_keep (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEntryBatch) batch = make_batch (fixture, "all");
  g_autoptr(PlSurveyResponse) first = NULL, second = NULL, reloaded = NULL;
  g_autoptr(GPtrArray) disagreements = NULL;
  const char *attended = pl_question_get_id (pl_survey_get_question (fixture->survey, 1));
  const char *how = pl_question_get_id (pl_survey_get_question (fixture->survey, 2));
  PlDisagreement *d = NULL;

  first = key_form (fixture, batch, 1, "S1-0153-00005", "4", "yes", "video", &error);
  g_assert_no_error (error);
  second = key_form (fixture, batch, 2, "S1-0153-00005", "4", "no", NULL, &error);
  g_assert_no_error (error);

  disagreements = pl_store_list_disagreements (fixture->store, pl_entry_batch_get_id (batch), &error);
  for (guint i = 0; i < disagreements->len; i++)
    if (g_str_equal (((PlDisagreement *) disagreements->pdata[i])->question_id, attended))
      d = disagreements->pdata[i];
  g_assert_nonnull (d);
  pl_store_reconcile_answer (fixture->store, d->first_response_id, attended, "no", "carmen", &error);
  g_assert_no_error (error);
  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (first), &error);
  g_assert_cmpstr (pl_survey_response_get_answer (reloaded, attended), ==, "no");
  g_assert_null (pl_survey_response_get_answer (reloaded, how));

  pl_store_keep_response (fixture->store, pl_survey_response_get_id (second), &error);
  g_assert_no_error (error);
  g_clear_object (&reloaded);
  reloaded = pl_store_find_form (fixture->store, "S1-0153-00005", 2, &error);
  g_assert_cmpstr (pl_survey_response_get_id (reloaded), ==, pl_survey_response_get_id (second));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/surveys/texts", test_texts);
  g_test_add_func ("/surveys/skip-rules", test_skip_rules);
  g_test_add_func ("/surveys/form-codes", test_form_codes);
  g_test_add ("/surveys/store-round-trip", Fixture, NULL, fixture_setup, test_store_round_trip,
              fixture_teardown);
  g_test_add ("/surveys/version-locking", Fixture, NULL, fixture_setup, test_version_locking,
              fixture_teardown);
  g_test_add ("/surveys/duplicate-form-codes", Fixture, NULL, fixture_setup,
              test_duplicate_form_codes, fixture_teardown);
  g_test_add ("/surveys/double-entry", Fixture, NULL, fixture_setup, test_double_entry,
              fixture_teardown);
  g_test_add ("/surveys/reconcile-skips-and-keep", Fixture, NULL, fixture_setup,
              test_reconcile_skips_and_keep, fixture_teardown);
  g_test_add ("/surveys/print-serials", Fixture, NULL, fixture_setup, test_print_serials,
              fixture_teardown);
  g_test_add ("/surveys/required-and-status", Fixture, NULL, fixture_setup,
              test_required_and_status, fixture_teardown);

  return g_test_run ();
}
