/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-demo-responses.h"
#include "pl-form-code.h"
#include "pl-test-util.h"

/* The demo district's five years of survey responses, as the satisfaction
 * dashboard and the entry desk will meet them. Most cases share one
 * district of 800 families, made once. */

#define N_FAMILIES 800
#define SEED 11

static char *district_dir;
static char *district_path;
static PlStore *district;

static PlStore *
get_district (void)
{
  g_autoptr(GError) error = NULL;

  if (district != NULL)
    return district;
  district_dir = g_dir_make_tmp ("porchlight-test-XXXXXX", &error);
  g_assert_no_error (error);
  district_path = g_build_filename (district_dir, "district.db", NULL);
  district = pl_store_open (district_path, &error);
  g_assert_no_error (error);
  g_assert_true (pl_demo_generate (district, N_FAMILIES, SEED, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return district;
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static double
query_double (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt;
  double value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The survey versions, oldest first. */
static GPtrArray *
versions_oldest_first (PlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = pl_store_list_surveys (store, &error);
  GPtrArray *versions = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = listed->len; i > 0; i--)
    g_ptr_array_add (versions, g_object_ref (listed->pdata[i - 1]));
  return versions;
}

/* One version a term, the current one open, all alike. */
static void
test_versions (void)
{
  PlStore *store = get_district ();
  g_autoptr(GPtrArray) versions = versions_oldest_first (store);
  const char *const *terms = pl_demo_responses_get_terms ();
  PlSurvey *newest;

  g_assert_cmpuint (versions->len, ==, 10);
  g_assert_cmpuint (g_strv_length ((char **) terms), ==, 10);
  g_assert_cmpstr (terms[0], ==, "2022-spring");
  g_assert_cmpstr (terms[9], ==, "2026-fall");
  newest = versions->pdata[9];
  for (guint i = 0; i < versions->len; i++)
    {
      PlSurvey *survey = versions->pdata[i];

      g_assert_cmpuint (pl_survey_get_version (survey), ==, i + 1);
      g_assert_cmpuint (pl_survey_get_number (survey), ==, 1);
      g_assert_cmpstr (pl_survey_get_series_id (survey), ==, pl_survey_get_series_id (newest));
      g_assert_cmpstr (pl_survey_get_term (survey), ==, terms[i]);
      g_assert_cmpstr (pl_survey_get_status (survey), ==, i == 9 ? "open" : "closed");
      /* Forms were keyed into every one, so none can change its meaning. */
      g_assert_true (pl_survey_get_locked (survey));
      g_assert_cmpuint (pl_survey_get_n_questions (survey), ==, pl_survey_get_n_questions (newest));
      g_assert_cmpstr (pl_survey_get_title (survey), ==, pl_survey_get_title (newest));
      for (guint q = 0; q < pl_survey_get_n_questions (survey); q++)
        {
          PlQuestion *asked = pl_survey_get_question (survey, q);
          PlQuestion *now = pl_survey_get_question (newest, q);

          g_assert_cmpstr (pl_question_get_code (asked), ==, pl_question_get_code (now));
          g_assert_cmpint (pl_question_get_kind (asked), ==, pl_question_get_kind (now));
          g_assert_cmpstr (pl_survey_question_text (survey, asked, "so", NULL), ==,
                           pl_survey_question_text (newest, now, "so", NULL));
        }
    }
}

/* About four forms per family over ten terms, a quarter to two fifths of
 * a school's families a term, a little more as the years go by. */
static void
test_counts (void)
{
  PlStore *store = get_district ();
  g_autoptr(GPtrArray) versions = versions_oldest_first (store);
  sqlite3 *db = open_db (district_path);
  gint64 enrolled = query_int (db, "SELECT sum (n) FROM (SELECT count (DISTINCT family_id) n"
                                   " FROM students GROUP BY school_id)");
  gint64 total = 0, first = 0, last = 0;

  for (guint i = 0; i < versions->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 n = pl_store_count_responses (store, pl_survey_get_id (versions->pdata[i]), &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, enrolled * 20 / 100);
      g_assert_cmpint (n, <, enrolled * 45 / 100);
      total += n;
      if (i == 0)
        first = n;
      last = n;
    }
  g_assert_cmpint (last, >, first);
  g_assert_cmpint (total, >, N_FAMILIES * 3);
  g_assert_cmpint (total, <, N_FAMILIES * 5);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM responses"), ==, total);
  /* About twenty answers a form. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM answers"), >, total * 18);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM answers"), <, total * 22);

  /* Some school is far under a quarter of its families this term ("not
   * representative"), while the typical school is well over it. */
  g_assert_cmpint (query_int (db,
                              "WITH e AS (SELECT school_id, count (DISTINCT family_id) n"
                              "  FROM students GROUP BY school_id),"
                              " r AS (SELECT r.school_id, count (*) k FROM responses r"
                              "  JOIN surveys s ON s.id = r.survey_id AND s.term = '2026-fall'"
                              "  GROUP BY r.school_id)"
                              " SELECT count (*) FROM e LEFT JOIN r USING (school_id)"
                              " WHERE coalesce (r.k, 0) * 100 < e.n * 20"), >=, 1);
  g_assert_cmpint (query_int (db,
                              "WITH e AS (SELECT school_id, count (DISTINCT family_id) n"
                              "  FROM students GROUP BY school_id),"
                              " r AS (SELECT r.school_id, count (*) k FROM responses r"
                              "  GROUP BY r.school_id)"
                              " SELECT count (*) FROM e JOIN r USING (school_id)"
                              " WHERE r.k * 100 >= e.n * 10 * 25"), >, 30);
  sqlite3_close (db);
}

static PlSurvey *
find_version (GPtrArray  *versions,
              const char *id)
{
  for (guint i = 0; i < versions->len; i++)
    if (g_str_equal (pl_survey_get_id (versions->pdata[i]), id))
      return versions->pdata[i];
  return NULL;
}

/* Every sampled form reads back through the store as the entry desk would
 * have saved it: answers valid for their questions, the skip rule kept, a
 * form code of its school, keyed in its term. */
static void
test_valid (void)
{
  PlStore *store = get_district ();
  g_autoptr(GPtrArray) versions = versions_oldest_first (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) schools = pl_store_list_schools (store, &error);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db = open_db (district_path);
  sqlite3_stmt *stmt;
  guint checked = 0, answers = 0;

  for (guint i = 0; i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      g_hash_table_insert (codes, (gpointer) g_intern_string (pl_school_get_id (school)),
                           (gpointer) g_intern_string (pl_school_get_code (school)));
    }

  /* Every 11th form: a few hundred, from every term and school. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM responses WHERE rowid % 11 = 0",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(PlSurveyResponse) response = pl_store_load_response (store, id, &error);
      g_autoptr(GHashTable) copy = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *school_code = NULL;
      g_autofree char *month = NULL;
      PlSurvey *survey;
      GHashTableIter iter;
      gpointer key, value;
      guint number, serial;
      const char *term;

      g_assert_no_error (error);
      survey = find_version (versions, pl_survey_response_get_survey_id (response));
      g_assert_nonnull (survey);
      term = pl_survey_get_term (survey);

      g_assert_cmpuint (pl_survey_response_get_keying (response), ==, 1);
      g_assert_cmpstr (pl_survey_response_get_verification (response), ==, "single");
      g_assert_cmpstr (pl_survey_response_get_mode (response), ==, "paper");
      g_assert_true (g_strv_contains (pl_survey_get_languages (survey),
                                      pl_survey_response_get_language (response)));
      g_assert_nonnull (pl_survey_response_get_entered_by (response));
      g_assert_cmpfloat (pl_survey_response_get_keyed_seconds (response), >=, 60.0);
      g_assert_cmpfloat (pl_survey_response_get_keyed_seconds (response), <=, 200.0);
      g_assert_cmpstr (pl_survey_response_get_started_at (response), <,
                       pl_survey_response_get_entered_at (response));

      /* Keyed in its own term: April–May or October–November of its year. */
      g_assert_cmpint (strncmp (pl_survey_response_get_entered_at (response), term, 4), ==, 0);
      month = g_strndup (pl_survey_response_get_entered_at (response) + 5, 2);
      if (g_str_has_suffix (term, "spring"))
        g_assert_true (g_str_equal (month, "04") || g_str_equal (month, "05"));
      else
        g_assert_true (g_str_equal (month, "10") || g_str_equal (month, "11"));

      g_assert_nonnull (pl_form_code_parse (pl_survey_response_get_form_code (response), &number,
                                            &school_code, &serial, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (number, ==, 1);
      g_assert_cmpstr (school_code, ==,
                       g_hash_table_lookup (codes, pl_survey_response_get_school_id (response)));
      g_assert_cmpuint (serial, >, 0);

      g_hash_table_iter_init (&iter, pl_survey_response_get_answers (response));
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          PlQuestion *question = pl_survey_find_question (survey, key);

          g_assert_nonnull (question);
          g_assert_true (pl_question_check_value (question, value, &error));
          g_assert_no_error (error);
          g_hash_table_insert (copy, key, value);
          answers++;
        }
      /* A question the skip rule hides has no answer: checking drops none. */
      g_assert_true (pl_survey_check_answers (survey, copy, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (copy), ==,
                        g_hash_table_size (pl_survey_response_get_answers (response)));
      checked++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (checked, >, 250);
  g_assert_cmpuint (answers, >, checked * 18);
}

/* Over every form: "were the meetings worth it" only after "yes". */
static void
test_skip_rule (void)
{
  sqlite3 *db;

  get_district ();
  db = open_db (district_path);
  g_assert_cmpint (query_int (db,
                              "SELECT count (*) FROM answers a"
                              " JOIN questions q ON q.id = a.question_id"
                              "  AND q.code = 'voice_meeting_useful'"
                              " WHERE NOT EXISTS (SELECT 1 FROM answers b"
                              "  JOIN questions p ON p.id = b.question_id"
                              "  AND p.code = 'voice_meeting'"
                              "  WHERE b.response_id = a.response_id AND b.value = 'yes')"), ==, 0);
  /* …and it is answered by most of those who went. */
  g_assert_cmpint (query_int (db,
                              "SELECT count (*) FROM answers a JOIN questions q"
                              " ON q.id = a.question_id AND q.code = 'voice_meeting_useful'"), >,
                   query_int (db,
                              "SELECT count (*) FROM answers a JOIN questions q"
                              " ON q.id = a.question_id AND q.code = 'voice_meeting'"
                              " WHERE a.value = 'yes'") * 9 / 10);
  sqlite3_close (db);
}

#define FAVORABLE(where) \
  "SELECT 100.0 * sum (a.value IN ('4', '5')) / count (*) FROM answers a" \
  " JOIN questions q ON q.id = a.question_id JOIN responses r ON r.id = a.response_id" \
  " JOIN surveys s ON s.id = r.survey_id" \
  " WHERE a.value IN ('1', '2', '3', '4', '5') AND " where

/* What the dashboard is there to show: families feel welcome more than
 * heard, some language groups are less well served, the zone improves; and
 * what it must handle: N/A, blanks, comments, small groups. */
static void
test_patterns (void)
{
  sqlite3 *db;
  gint64 responses, comments;
  double na, blanks;

  get_district ();
  db = open_db (district_path);
  responses = query_int (db, "SELECT count (*) FROM responses");

  g_assert_cmpfloat (query_double (db, FAVORABLE ("q.domain = 'welcoming'")), >,
                     query_double (db, FAVORABLE ("q.domain = 'family-voice'")) + 15.0);
  g_assert_cmpfloat (query_double (db, FAVORABLE ("q.domain = 'communication'"
                                                  " AND r.language = 'en'")), >,
                     query_double (db, FAVORABLE ("q.domain = 'communication'"
                                                  " AND r.language IN"
                                                  " ('so', 'ar', 'ht', 'vi', 'ne')"))
                     + 3.0);
  g_assert_cmpfloat (query_double (db, FAVORABLE ("s.term = '2026-fall'")), >,
                     query_double (db, FAVORABLE ("s.term = '2022-spring'")));

  /* Not applicable only where a question allows it, and there now and then. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM answers a JOIN questions q"
                                  " ON q.id = a.question_id"
                                  " WHERE a.value = 'na' AND q.allow_na = 0"),
                   ==, 0);
  na = query_double (db, "SELECT 100.0 * sum (a.value = 'na') / count (*) FROM answers a"
                         " JOIN questions q ON q.id = a.question_id WHERE q.allow_na = 1");
  g_assert_cmpfloat (na, >, 3.0);
  g_assert_cmpfloat (na, <, 40.0);

  /* A few questions left blank: those with no rule that hides them and no free text. */
  blanks = 100.0 - query_double (db,
                                 "SELECT 100.0 * count (*) / ((SELECT count (*) FROM responses) *"
                                 "  (SELECT count (*) FROM questions q JOIN surveys s"
                                 "   ON s.id = q.survey_id AND s.version = 10"
                                 "   WHERE q.skip_question_id IS NULL"
                                 "   AND q.kind NOT IN ('short-text', 'long-text')))"
                                 " FROM answers a JOIN questions q ON q.id = a.question_id"
                                 " WHERE q.skip_question_id IS NULL"
                                 " AND q.kind NOT IN ('short-text', 'long-text')");
  g_assert_cmpfloat (blanks, >, 1.0);
  g_assert_cmpfloat (blanks, <, 6.0);

  /* Now and then a comment, in the form's own script. */
  comments = query_int (db, "SELECT count (*) FROM answers a JOIN questions q"
                            " ON q.id = a.question_id WHERE q.kind = 'long-text'");
  g_assert_cmpint (comments, >, 0);
  g_assert_cmpint (comments, <, responses / 50);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM answers a JOIN questions q"
                                  " ON q.id = a.question_id"
                                  " JOIN responses r ON r.id = a.response_id"
                                  " WHERE q.kind = 'long-text' AND r.language = 'en'"
                                  " AND a.value GLOB '*[^ -~]*'"), ==, 0);

  /* The grade asked about is one the school teaches, nearly always. */
  g_assert_cmpfloat (query_double (db,
                                   "SELECT 100.0 * sum (CASE a.value"
                                   "  WHEN 'prek_k' THEN sc.grade_low <= 0"
                                   "  WHEN 'g1_5' THEN sc.grade_low <= 5 AND sc.grade_high >= 1"
                                   "  WHEN 'g6_8' THEN sc.grade_low <= 8 AND sc.grade_high >= 6"
                                   "  ELSE sc.grade_high >= 9 END) / count (*)"
                                   " FROM answers a JOIN questions q ON q.id = a.question_id"
                                   "  AND q.code = 'demo_grade'"
                                   " JOIN responses r ON r.id = a.response_id"
                                   " JOIN schools sc ON sc.id = r.school_id"), >, 90.0);
  /* A form in a family's language mostly says that language is spoken at home. */
  g_assert_cmpfloat (query_double (db,
                                   "SELECT 100.0 * sum (a.value = r.language) / count (*)"
                                   " FROM answers a JOIN questions q ON q.id = a.question_id"
                                   "  AND q.code = 'demo_language'"
                                   " JOIN responses r ON r.id = a.response_id"
                                   " WHERE r.language != 'en'"), >, 85.0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM answers a JOIN questions q"
                                  " ON q.id = a.question_id AND q.code = 'demo_children'"
                                  " WHERE CAST (a.value AS INTEGER) NOT BETWEEN 1 AND 5"), ==, 0);

  /* Groups small enough that a figure for them must be suppressed. */
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM (SELECT count (*) n FROM responses"
                                  " GROUP BY survey_id, school_id, language HAVING n < 5)"), >, 10);
  sqlite3_close (db);
}

/* Demo rows are fixture data: nothing waits to be pushed. */
static void
test_no_journal (void)
{
  PlStore *store = get_district ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pl_store_count_journal (store, &error), ==, 0);
  g_assert_no_error (error);
}

/* Keying this term's new forms at the entry desk: printing continues the
 * demo's serials, and a form code already keyed is refused. */
static void
test_new_forms (PlTestDir     *fixture,
                gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "new-forms.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(PlSchool) school = NULL;
  g_autoptr(PlEntryBatch) batch = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *max_sql = NULL;
  g_autofree char *keyed = NULL;
  PlSurvey *open;
  guint first = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_true (pl_demo_generate (store, 200, 5, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  versions = versions_oldest_first (store);
  open = versions->pdata[versions->len - 1];
  schools = pl_store_list_schools (store, &error);
  school = g_list_model_get_item (schools, 0);

  db = open_db (path);
  max_sql = g_strdup_printf ("SELECT max (CAST (substr (form_code, -5) AS INTEGER)) FROM responses"
                             " WHERE school_id = '%s'", pl_school_get_id (school));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT form_code FROM responses WHERE school_id = ?"
                                           " AND survey_id = ? LIMIT 1", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, pl_school_get_id (school), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pl_survey_get_id (open), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  keyed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  g_assert_true (pl_store_reserve_form_serials (store, open, pl_school_get_id (school), 20, "es",
                                                "maria.ortiz", &first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, >, query_int (db, max_sql));
  sqlite3_close (db);

  batch = pl_entry_batch_new (pl_survey_get_id (open), pl_school_get_id (school));
  pl_entry_batch_set_received_on (batch, "2026-11-20");
  pl_entry_batch_set_form_count (batch, 20);
  pl_entry_batch_set_entered_by (batch, "maria.ortiz");
  g_assert_true (pl_store_save_batch (store, batch, &error));
  g_assert_no_error (error);

  fresh = pl_form_code_format (1, pl_school_get_code (school), first);
  checked = pl_store_check_form_code (store, batch, 1, fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (checked, ==, fresh);

  g_assert_null (pl_store_check_form_code (store, batch, 1, keyed, &error));
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_DUPLICATE_FORM);
}

/* The responses of one district in a stable order, by what they say. */
static char *
fingerprint (const char *path)
{
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt;
  GString *out = g_string_new (NULL);
  const char *last = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT r.id, r.form_code, s.term, r.language, r.entered_by,"
                                       " r.entered_at, r.keyed_seconds, q.code, a.value"
                                       " FROM responses r JOIN surveys s ON s.id = r.survey_id"
                                       " LEFT JOIN answers a ON a.response_id = r.id"
                                       " LEFT JOIN questions q ON q.id = a.question_id"
                                       " ORDER BY r.id, q.position", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (id, last) != 0)
        g_string_append_printf (out, "\n%s %s %s %s %s %s %.1f:", id,
                                sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                                sqlite3_column_text (stmt, 3), sqlite3_column_text (stmt, 4),
                                sqlite3_column_text (stmt, 5), sqlite3_column_double (stmt, 6));
      g_string_append_printf (out, " %s=%s", sqlite3_column_text (stmt, 7),
                              sqlite3_column_text (stmt, 8));
      g_free ((char *) last);
      last = g_strdup (id);
    }
  g_free ((char *) last);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* The same seed gives the same forms, answer for answer; another seed does not. */
static void
test_deterministic (PlTestDir     *fixture,
                    gconstpointer  data)
{
  const char *names[] = { "one.db", "two.db", "other.db" };
  const guint32 seeds[] = { 21, 21, 22 };
  char *prints[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = pl_test_dir_file (fixture, names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(PlStore) store = pl_store_open (path, &error);

      g_assert_true (pl_demo_generate (store, 150, seeds[i], NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&store);
      prints[i] = fingerprint (path);
    }
  g_assert_cmpuint (strlen (prints[0]), >, 150 * 3 * 60);
  g_assert_cmpstr (prints[0], ==, prints[1]);
  g_assert_cmpstr (prints[0], !=, prints[2]);
  for (guint i = 0; i < 3; i++)
    g_free (prints[i]);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo-responses/versions", test_versions);
  g_test_add_func ("/demo-responses/counts", test_counts);
  g_test_add_func ("/demo-responses/valid", test_valid);
  g_test_add_func ("/demo-responses/skip-rule", test_skip_rule);
  g_test_add_func ("/demo-responses/patterns", test_patterns);
  g_test_add_func ("/demo-responses/no-journal", test_no_journal);
  g_test_add ("/demo-responses/new-forms", PlTestDir, NULL, pl_test_dir_setup, test_new_forms,
              pl_test_dir_teardown);
  g_test_add ("/demo-responses/deterministic", PlTestDir, NULL, pl_test_dir_setup,
              test_deterministic, pl_test_dir_teardown);
  status = g_test_run ();

  g_clear_object (&district);
  if (district_dir != NULL)
    pl_test_dir_remove (district_dir);
  g_free (district_dir);
  g_free (district_path);
  return status;
}
