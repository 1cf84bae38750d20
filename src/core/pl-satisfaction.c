/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-languages.h"
#include "pl-satisfaction.h"
#include "pl-store-private.h"
#include "pl-store-surveys.h"

/* The responses of a survey series, held as one byte per answer, sorted by
 * term and school so that a figure reads only the cells it is about.
 *
 * An answer byte is 0 for a blank; for a scale 1–5, or NA_BYTE for "does
 * not apply"; for a single choice or yes/no, the option's position + 1.
 * Other kinds (multiple choice, numbers, text) are not needed by the
 * figures: their byte stays 0, and text answers are kept apart for the
 * comments. */

#define NA_BYTE 6
#define MAX_QUESTIONS 250

typedef struct
{
  char           *code;
  char           *domain;
  PlQuestionKind  kind;
  GStrv           values;  /* for choices: the option values in order */
} Question;

static void
question_clear (gpointer data)
{
  Question *question = data;

  g_free (question->code);
  g_free (question->domain);
  g_strfreev (question->values);
}

typedef struct
{
  guint   response;   /* position in the sorted table */
  guint   question;
  char   *text;
} Comment;

static void
comment_clear (gpointer data)
{
  g_free (((Comment *) data)->text);
}

struct _PlSatisfaction
{
  GObject     parent_instance;

  char       *series_id;
  char       *title;
  PlSurvey   *newest;
  guint       minimum;
  double      rate_floor;

  GArray     *questions;     /* Question */
  GPtrArray  *terms;         /* char*, oldest first, NULL-terminated */
  GPtrArray  *school_ids;    /* char*, by name, NULL-terminated */
  GPtrArray  *school_names;  /* parallel */
  GPtrArray  *domains;       /* const char* (static), NULL-terminated */
  GArray     *enrolled;      /* guint per school */
  guint       zone_enrolled;
  GPtrArray  *languages;     /* form language codes, index = byte */

  /* Responses, sorted by (term, school). */
  guint       n_responses;
  guint8     *term_of;
  guint16    *school_of;
  guint8     *language_of;
  guint8     *answers;       /* n_responses × questions->len */
  guint      *cell_start;    /* (term × schools + school) → first response; one past the end last */
  GArray     *comments;      /* Comment, by response */
};

G_DEFINE_FINAL_TYPE (PlSatisfaction, pl_satisfaction, G_TYPE_OBJECT)

static void
pl_satisfaction_finalize (GObject *object)
{
  PlSatisfaction *self = PL_SATISFACTION (object);

  g_free (self->series_id);
  g_free (self->title);
  g_clear_object (&self->newest);
  g_array_unref (self->questions);
  g_ptr_array_unref (self->terms);
  g_ptr_array_unref (self->school_ids);
  g_ptr_array_unref (self->school_names);
  g_ptr_array_unref (self->domains);
  g_array_unref (self->enrolled);
  g_ptr_array_unref (self->languages);
  g_free (self->term_of);
  g_free (self->school_of);
  g_free (self->language_of);
  g_free (self->answers);
  g_free (self->cell_start);
  g_array_unref (self->comments);

  G_OBJECT_CLASS (pl_satisfaction_parent_class)->finalize (object);
}

static void
pl_satisfaction_class_init (PlSatisfactionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_satisfaction_finalize;
}

static void
pl_satisfaction_init (PlSatisfaction *self)
{
  self->questions = g_array_new (FALSE, TRUE, sizeof (Question));
  g_array_set_clear_func (self->questions, question_clear);
  self->terms = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->school_ids = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  self->school_names = g_ptr_array_new_with_free_func (g_free);
  self->domains = g_ptr_array_new_null_terminated (8, NULL, TRUE);
  self->enrolled = g_array_new (FALSE, TRUE, sizeof (guint));
  self->languages = g_ptr_array_new_with_free_func (g_free);
  self->comments = g_array_new (FALSE, TRUE, sizeof (Comment));
  g_array_set_clear_func (self->comments, comment_clear);
  self->minimum = PL_SATISFACTION_MIN_CELL_DEFAULT;
  self->rate_floor = PL_SATISFACTION_RATE_FLOOR_DEFAULT;
}

/* Settings */

guint
pl_satisfaction_get_minimum_cell (PlStore *store)
{
  g_autofree char *text = pl_store_get_setting (store, "suppression-minimum");
  guint64 value = text ? g_ascii_strtoull (text, NULL, 10) : 0;

  if (value == 0)
    return PL_SATISFACTION_MIN_CELL_DEFAULT;
  return MAX (value, PL_SATISFACTION_MIN_CELL_FLOOR);
}

gboolean
pl_satisfaction_set_minimum_cell (PlStore  *store,
                                  guint     minimum,
                                  GError  **error)
{
  g_autofree char *text = NULL;

  if (minimum < PL_SATISFACTION_MIN_CELL_FLOOR)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("Groups smaller than %u families are always hidden; %u is too small"),
                   PL_SATISFACTION_MIN_CELL_FLOOR, minimum);
      return FALSE;
    }
  text = g_strdup_printf ("%u", minimum);
  return pl_store_set_setting (store, "suppression-minimum", text, error);
}

double
pl_satisfaction_get_rate_floor (PlStore *store)
{
  g_autofree char *text = pl_store_get_setting (store, "response-rate-floor");
  double percent = text ? g_ascii_strtod (text, NULL) : -1;

  if (percent < 0 || percent > 100)
    return PL_SATISFACTION_RATE_FLOOR_DEFAULT;
  return percent / 100.0;
}

gboolean
pl_satisfaction_set_rate_floor (PlStore  *store,
                                double    floor,
                                GError  **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!(floor >= 0 && floor <= 1))
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("A response-rate floor is a share between 0%% and 100%%"));
      return FALSE;
    }
  g_ascii_formatd (text, sizeof text, "%.1f", floor * 100);
  return pl_store_set_setting (store, "response-rate-floor", text, error);
}

/* Arithmetic */

void
pl_wilson_interval (guint   favorable,
                    guint   n,
                    double *low,
                    double *high)
{
  const double z = 1.959963984540054;
  double p, denominator, centre, margin;

  if (n == 0)
    {
      *low = 0;
      *high = 1;
      return;
    }
  p = (double) favorable / n;
  denominator = 1 + z * z / n;
  centre = (p + z * z / (2.0 * n)) / denominator;
  margin = z * sqrt (p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
  *low = MAX (0, centre - margin);
  *high = MIN (1, centre + margin);
}

static int
season_rank (const char *season)
{
  static const char *const seasons[] = { "winter", "spring", "summer", "fall", "autumn" };

  for (guint i = 0; i < G_N_ELEMENTS (seasons); i++)
    if (g_ascii_strcasecmp (season, seasons[i]) == 0)
      return MIN (i, 3);
  return -1;
}

int
pl_term_compare (const char *a,
                 const char *b)
{
  guint64 year_a, year_b;
  char *rest_a, *rest_b;
  int rank_a, rank_b;

  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  year_a = g_ascii_strtoull (a, &rest_a, 10);
  year_b = g_ascii_strtoull (b, &rest_b, 10);
  if (year_a != year_b)
    return year_a < year_b ? -1 : 1;
  while (*rest_a == '-' || *rest_a == ' ')
    rest_a++;
  while (*rest_b == '-' || *rest_b == ' ')
    rest_b++;
  rank_a = season_rank (rest_a);
  rank_b = season_rank (rest_b);
  if (rank_a >= 0 && rank_b >= 0 && rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return strcmp (rest_a, rest_b);
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  return pl_term_compare (*(const char *const *) a, *(const char *const *) b);
}

void
pl_satisfaction_figure_free (PlSatisfactionFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->group);
  g_free (figure->label);
  g_free (figure);
}

void
pl_satisfaction_comment_free (PlSatisfactionComment *comment)
{
  if (comment == NULL)
    return;
  g_free (comment->text);
  g_free (comment->language);
  g_free (comment->term);
  g_free (comment->school_id);
  g_free (comment);
}

/* Loading */

static int
find_string (GPtrArray  *array,
             const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (array->pdata[i], value) == 0)
      return i;
  return -1;
}

static int
find_question (PlSatisfaction *self,
               const char     *code)
{
  for (guint i = 0; i < self->questions->len; i++)
    if (g_strcmp0 (g_array_index (self->questions, Question, i).code, code) == 0)
      return i;
  return -1;
}

static gboolean
is_scale (const Question *question)
{
  return question->kind == PL_QUESTION_AGREEMENT || question->kind == PL_QUESTION_FREQUENCY;
}

static gboolean
is_groupable (const Question *question)
{
  return question->kind == PL_QUESTION_SINGLE || question->kind == PL_QUESTION_YES_NO;
}

/* The byte an answer is held as (see the top of the file). */
static guint8
encode (const Question *question,
        const char     *value)
{
  if (value == NULL || *value == '\0')
    return 0;
  if (is_scale (question))
    {
      if (value[0] >= '1' && value[0] <= '5' && value[1] == '\0')
        return value[0] - '0';
      if (g_str_equal (value, PL_ANSWER_NOT_APPLICABLE))
        return NA_BYTE;
      return 0;
    }
  if (is_groupable (question) && question->values != NULL)
    for (guint i = 0; question->values[i] && i < 254; i++)
      if (g_str_equal (question->values[i], value))
        return i + 1;
  return 0;
}

/* A response as read, before sorting. */
typedef struct
{
  guint8  term;
  guint16 school;
  guint8  language;
  guint   answers;  /* offset in the unsorted answer bytes */
} Loaded;

static int
compare_loaded (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Loaded *x = a, *y = b;

  if (x->term != y->term)
    return x->term < y->term ? -1 : 1;
  if (x->school != y->school)
    return x->school < y->school ? -1 : 1;
  return x->answers < y->answers ? -1 : x->answers > y->answers;
}

static int
compare_comments (gconstpointer a,
                  gconstpointer b)
{
  const Comment *x = a, *y = b;

  return x->response < y->response ? -1 : x->response > y->response;
}

static gboolean
load_schools (PlSatisfaction  *self,
              PlStore         *store,
              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (store,
                            "SELECT s.id, s.name,"
                            " (SELECT count(DISTINCT st.family_id) FROM students st"
                            "   JOIN families f ON f.id = st.family_id AND f.deleted = 0"
                            "   WHERE st.school_id = s.id AND st.deleted = 0)"
                            " FROM schools s WHERE s.deleted = 0 ORDER BY s.name, s.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint enrolled = sqlite3_column_int (stmt, 2);

      g_ptr_array_add (self->school_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (self->school_names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (self->enrolled, enrolled);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the schools"), error);
      return FALSE;
    }

  stmt = _pl_store_prepare (store,
                            "SELECT count(DISTINCT st.family_id) FROM students st"
                            " JOIN families f ON f.id = st.family_id AND f.deleted = 0"
                            " WHERE st.deleted = 0 AND st.school_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  self->zone_enrolled = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (store, rc, _("count the enrolled families"), error);
      return FALSE;
    }
  return TRUE;
}

/* The questions of every version, matched by code; the newest version's
 * kind, domain and options win. */
static void
add_questions (PlSatisfaction *self,
               PlSurvey       *survey)
{
  for (guint i = 0; i < pl_survey_get_n_questions (survey); i++)
    {
      PlQuestion *question = pl_survey_get_question (survey, i);
      int found = find_question (self, pl_question_get_code (question));

      if (found < 0 && self->questions->len < MAX_QUESTIONS)
        {
          Question added = { 0 };

          added.code = g_strdup (pl_question_get_code (question));
          added.domain = g_strdup (pl_question_get_domain (question));
          added.kind = pl_question_get_kind (question);
          added.values = pl_question_dup_values (question);
          g_array_append_val (self->questions, added);
        }
    }
}

static gboolean
load_responses (PlSatisfaction  *self,
                PlStore         *store,
                GPtrArray       *versions,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (Loaded));
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GArray) comments = g_array_new (FALSE, TRUE, sizeof (Comment));
  guint n_questions = self->questions->len;
  guint n_schools = self->school_ids->len;
  guint n_terms = self->terms->len;
  guint *order_of_loaded;

  for (guint v = 0; v < versions->len; v++)
    {
      PlSurvey *survey = versions->pdata[v];
      g_autoptr(GHashTable) question_index = g_hash_table_new (g_str_hash, g_str_equal);
      int term = find_string (self->terms, pl_survey_get_term (survey));
      sqlite3_stmt *stmt;
      sqlite3_int64 last = -1;
      int rc;
      guint row = 0;

      if (term < 0)
        continue;
      for (guint i = 0; i < pl_survey_get_n_questions (survey); i++)
        {
          PlQuestion *question = pl_survey_get_question (survey, i);
          int index = find_question (self, pl_question_get_code (question));

          if (index >= 0)
            g_hash_table_insert (question_index, (gpointer) pl_question_get_id (question),
                                 GINT_TO_POINTER (index + 1));
        }

      /* One pass: each response followed by its answers (the join walks
       * answers_response for each response in turn). */
      stmt = _pl_store_prepare (store,
                                "SELECT r.rowid, r.school_id, r.language, a.question_id, a.value"
                                " FROM responses r LEFT JOIN answers a"
                                "  ON a.response_id = r.id AND a.deleted = 0"
                                " WHERE r.survey_id = ? AND r.keying = 1 AND r.deleted = 0", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pl_survey_get_id (survey), -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          sqlite3_int64 rowid = sqlite3_column_int64 (stmt, 0);
          const char *question_id = (const char *) sqlite3_column_text (stmt, 3);
          int index;

          if (rowid != last)
            {
              Loaded response;
              const char *school = (const char *) sqlite3_column_text (stmt, 1);
              const char *language = (const char *) sqlite3_column_text (stmt, 2);
              int school_index = find_string (self->school_ids, school);
              int language_index;

              last = rowid;
              if ((++row & 4095) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
                {
                  sqlite3_reset (stmt);
                  return FALSE;
                }
              if (school_index < 0)
                {
                  /* A school no longer in the roster: its responses still count
                   * for the zone. */
                  g_ptr_array_add (self->school_ids, g_strdup (school ? school : ""));
                  g_ptr_array_add (self->school_names, g_strdup (_("Former school")));
                  g_array_append_val (self->enrolled, (guint) { 0 });
                  school_index = self->school_ids->len - 1;
                  n_schools = self->school_ids->len;
                }
              language_index = find_string (self->languages, language ? language : "");
              if (language_index < 0 && self->languages->len < 255)
                {
                  g_ptr_array_add (self->languages, g_strdup (language ? language : ""));
                  language_index = self->languages->len - 1;
                }
              response.term = term;
              response.school = school_index;
              response.language = MAX (language_index, 0);
              response.answers = bytes->len;
              g_array_append_val (loaded, response);
              g_byte_array_set_size (bytes, bytes->len + n_questions);
              memset (bytes->data + response.answers, 0, n_questions);
            }
          if (question_id == NULL)
            continue;
          index = GPOINTER_TO_INT (g_hash_table_lookup (question_index, question_id)) - 1;
          if (index < 0)
            continue;
          {
            const Question *question = &g_array_index (self->questions, Question, index);
            const char *value = (const char *) sqlite3_column_text (stmt, 4);
            guint response = loaded->len - 1;

            bytes->data[g_array_index (loaded, Loaded, response).answers + index] =
              encode (question, value);
            if ((question->kind == PL_QUESTION_SHORT_TEXT ||
                 question->kind == PL_QUESTION_LONG_TEXT) && value != NULL && *value)
              {
                Comment comment = { response, index, g_strdup (value) };

                g_array_append_val (comments, comment);
              }
          }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _pl_store_set_error (store, rc, _("read the survey responses"), error);
          return FALSE;
        }
    }

  /* Sort by (term, school) and lay the table out in that order. */
  {
    g_autofree guint *sorted_of_loaded = g_new (guint, loaded->len + 1);

    g_qsort_with_data (loaded->data, loaded->len, sizeof (Loaded), compare_loaded, NULL);
    /* compare_loaded() breaks ties by the answers offset, which grows with
     * the load order: recover where each loaded response went. */
    for (guint i = 0; i < loaded->len; i++)
      sorted_of_loaded[g_array_index (loaded, Loaded, i).answers / MAX (n_questions, 1)] = i;

    self->n_responses = loaded->len;
    self->term_of = g_new (guint8, loaded->len + 1);
    self->school_of = g_new (guint16, loaded->len + 1);
    self->language_of = g_new (guint8, loaded->len + 1);
    self->answers = g_new0 (guint8, (gsize) loaded->len * n_questions + 1);
    self->cell_start = g_new0 (guint, (gsize) n_terms * n_schools + 1);
    for (guint i = 0; i < loaded->len; i++)
      {
        const Loaded *response = &g_array_index (loaded, Loaded, i);

        self->term_of[i] = response->term;
        self->school_of[i] = response->school;
        self->language_of[i] = response->language;
        if (n_questions > 0)
          memcpy (self->answers + (gsize) i * n_questions, bytes->data + response->answers,
                  n_questions);
      }
    /* cell_start[c] = first response of cell c or later; filled backwards. */
    {
      guint next = loaded->len;

      self->cell_start[(gsize) n_terms * n_schools] = loaded->len;
      for (gint64 cell = (gint64) n_terms * n_schools - 1; cell >= 0; cell--)
        {
          while (next > 0 &&
                 (guint) (self->term_of[next - 1] * n_schools + self->school_of[next - 1]) >= cell)
            next--;
          self->cell_start[cell] = next;
        }
    }

    order_of_loaded = sorted_of_loaded;
    for (guint i = 0; i < comments->len; i++)
      {
        Comment *comment = &g_array_index (comments, Comment, i);
        Comment moved = { order_of_loaded[comment->response], comment->question, comment->text };

        comment->text = NULL;
        g_array_append_val (self->comments, moved);
      }
    g_array_sort (self->comments, compare_comments);
  }
  return TRUE;
}

PlSatisfaction *
pl_satisfaction_load (PlStore       *store,
                      const char    *series_id,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(PlSatisfaction) self = NULL;
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (series_id != NULL, NULL);

  self = g_object_new (PL_TYPE_SATISFACTION, NULL);
  self->series_id = g_strdup (series_id);
  self->minimum = pl_satisfaction_get_minimum_cell (store);
  self->rate_floor = pl_satisfaction_get_rate_floor (store);

  /* pl_store_list_surveys() gives newest first. */
  all = pl_store_list_surveys (store, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (pl_survey_get_series_id (all->pdata[i]), series_id) == 0)
      g_ptr_array_add (versions, g_object_ref (all->pdata[i]));
  if (versions->len == 0)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                           _("That survey is no longer in the database"));
      return NULL;
    }
  self->newest = g_object_ref (versions->pdata[0]);
  self->title = g_strdup (pl_survey_get_title (self->newest));
  for (guint i = 0; i < versions->len; i++)
    {
      const char *term = pl_survey_get_term (versions->pdata[i]);

      add_questions (self, versions->pdata[i]);
      if (term != NULL && find_string (self->terms, term) < 0)
        g_ptr_array_add (self->terms, g_strdup (term));
    }
  g_ptr_array_sort (self->terms, compare_terms);
  if (self->terms->len > 255)
    g_ptr_array_set_size (self->terms, 255);

  for (const char *const *domain = pl_question_domains (); *domain; domain++)
    for (guint q = 0; q < self->questions->len; q++)
      {
        const Question *question = &g_array_index (self->questions, Question, q);

        if (is_scale (question) && g_strcmp0 (question->domain, *domain) == 0 &&
            !g_str_equal (*domain, "demographics"))
          {
            g_ptr_array_add (self->domains, (gpointer) *domain);
            break;
          }
      }

  if (!load_schools (self, store, error) ||
      !load_responses (self, store, versions, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlStore *store = g_object_get_data (G_OBJECT (task), "store");
  g_autoptr(PlStore) own = NULL;
  g_autoptr(GError) error = NULL;
  PlSatisfaction *self;

  /* A connection of its own: the window's stays free for the person. */
  own = pl_store_open (pl_store_get_path (store), &error);
  if (own == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self = pl_satisfaction_load (own, task_data, cancellable, &error);
  if (self == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, self, g_object_unref);
}

void
pl_satisfaction_load_async (PlStore             *store,
                            const char          *series_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (PL_IS_STORE (store));

  g_task_set_source_tag (task, pl_satisfaction_load_async);
  g_task_set_task_data (task, g_strdup (series_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "store", g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

PlSatisfaction *
pl_satisfaction_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors */

const char *
pl_satisfaction_get_series_id (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return self->series_id;
}

const char *
pl_satisfaction_get_title (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return self->title;
}

guint
pl_satisfaction_get_minimum_cell_size (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), PL_SATISFACTION_MIN_CELL_DEFAULT);
  return self->minimum;
}

void
pl_satisfaction_set_minimum_cell_size (PlSatisfaction *self,
                                       guint           minimum)
{
  g_return_if_fail (PL_IS_SATISFACTION (self));
  self->minimum = MAX (minimum, PL_SATISFACTION_MIN_CELL_FLOOR);
}

double
pl_satisfaction_get_response_rate_floor (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), PL_SATISFACTION_RATE_FLOOR_DEFAULT);
  return self->rate_floor;
}

const char *const *
pl_satisfaction_get_terms (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return (const char *const *) self->terms->pdata;
}

const char *const *
pl_satisfaction_get_school_ids (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return (const char *const *) self->school_ids->pdata;
}

const char *
pl_satisfaction_get_school_name (PlSatisfaction *self,
                                 const char     *school_id)
{
  int index;

  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  index = find_string (self->school_ids, school_id);
  return index >= 0 ? self->school_names->pdata[index] : NULL;
}

const char *const *
pl_satisfaction_get_domains (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return (const char *const *) self->domains->pdata;
}

static GStrv
dup_codes (PlSatisfaction *self,
           gboolean      (*keep) (const Question *question, const char *domain),
           const char     *domain)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint q = 0; q < self->questions->len; q++)
    if (keep (&g_array_index (self->questions, Question, q), domain))
      g_strv_builder_add (builder, g_array_index (self->questions, Question, q).code);
  return g_strv_builder_end (builder);
}

static gboolean
keep_scale (const Question *question,
            const char     *domain)
{
  return is_scale (question) && (domain == NULL ? g_strcmp0 (question->domain, "demographics") != 0
                                 : g_strcmp0 (question->domain, domain) == 0);
}

static gboolean
keep_groupable (const Question *question,
                const char     *domain)
{
  return is_groupable (question);
}

static gboolean
keep_text (const Question *question,
           const char     *domain)
{
  return question->kind == PL_QUESTION_SHORT_TEXT || question->kind == PL_QUESTION_LONG_TEXT;
}

GStrv
pl_satisfaction_dup_questions (PlSatisfaction *self,
                               const char     *domain)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return dup_codes (self, keep_scale, domain);
}

GStrv
pl_satisfaction_dup_group_questions (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return dup_codes (self, keep_groupable, NULL);
}

GStrv
pl_satisfaction_dup_comment_questions (PlSatisfaction *self)
{
  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  return dup_codes (self, keep_text, NULL);
}

const char *
pl_satisfaction_get_question_text (PlSatisfaction *self,
                                   const char     *question_code,
                                   const char     *language)
{
  PlQuestion *question;

  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  question = pl_survey_find_question_by_code (self->newest, question_code);
  return question ? pl_survey_question_text (self->newest, question, language, NULL) : NULL;
}

/* Figures */

/* Which questions a scope measures: a mask over the question indexes. */
static gboolean
scope_questions (PlSatisfaction            *self,
                 const PlSatisfactionScope *scope,
                 gboolean                  *measured)
{
  gboolean any = FALSE;

  for (guint q = 0; q < self->questions->len; q++)
    {
      const Question *question = &g_array_index (self->questions, Question, q);

      if (scope->question_code != NULL)
        measured[q] = is_scale (question) && g_str_equal (question->code, scope->question_code);
      else
        measured[q] = keep_scale (question, scope->domain);
      any |= measured[q];
    }
  return any;
}

/* The responses a scope reads: runs of the sorted table. */
typedef struct
{
  guint start;
  guint end;
} Run;

static guint
scope_runs (PlSatisfaction            *self,
            const PlSatisfactionScope *scope,
            Run                       *runs,
            guint                      max_runs)
{
  guint n_schools = self->school_ids->len;
  int term = scope->term ? find_string (self->terms, scope->term) : -1;
  int school = scope->school_id ? find_string (self->school_ids, scope->school_id) : -1;
  guint n = 0;

  if ((scope->term != NULL && term < 0) || (scope->school_id != NULL && school < 0))
    return 0;
  for (guint t = 0; t < self->terms->len && n < max_runs; t++)
    {
      if (term >= 0 && (guint) term != t)
        continue;
      if (school >= 0)
        {
          runs[n].start = self->cell_start[t * n_schools + school];
          runs[n].end = self->cell_start[t * n_schools + school + 1];
        }
      else
        {
          runs[n].start = self->cell_start[t * n_schools];
          runs[n].end = self->cell_start[(t + 1) * n_schools];
        }
      if (runs[n].end > runs[n].start)
        n++;
    }
  return n;
}

typedef struct
{
  guint  n;
  guint  n_answers;
  guint  n_favorable;
  guint  sum;
} Tally;

/* Adds one response's measured answers to @tally. */
static inline void
tally_response (PlSatisfaction *self,
                guint           response,
                const gboolean *measured,
                Tally          *tally)
{
  const guint8 *answers = self->answers + (gsize) response * self->questions->len;
  guint counted = 0;

  for (guint q = 0; q < self->questions->len; q++)
    {
      guint8 value = answers[q];

      if (!measured[q] || value == 0 || value == NA_BYTE)
        continue;
      counted++;
      tally->sum += value;
      tally->n_favorable += value >= 4;
    }
  if (counted > 0)
    {
      tally->n++;
      tally->n_answers += counted;
    }
}

static PlSatisfactionFigure *
figure_from_tally (const Tally *tally,
                   guint        minimum,
                   const char  *group,
                   const char  *label)
{
  PlSatisfactionFigure *figure = g_new0 (PlSatisfactionFigure, 1);

  figure->group = g_strdup (group);
  figure->label = g_strdup (label);
  figure->n = tally->n;
  figure->n_answers = tally->n_answers;
  figure->n_favorable = tally->n_favorable;
  if (tally->n_answers > 0)
    {
      double low, high, p = (double) tally->n_favorable / tally->n_answers;
      guint favorable_of_n = (guint) lround (p * tally->n);

      figure->percent = 100.0 * p;
      figure->mean = (double) tally->sum / tally->n_answers;
      /* The interval with n families, not n answers (see the header). */
      pl_wilson_interval (favorable_of_n, tally->n, &low, &high);
      figure->low = 100.0 * low;
      figure->high = 100.0 * high;
    }
  if (tally->n < minimum)
    {
      figure->suppressed = TRUE;
      figure->n = figure->n_answers = figure->n_favorable = 0;
      figure->percent = figure->low = figure->high = figure->mean = 0;
    }
  return figure;
}

/* Hides the next smallest shown group when exactly one of a set shown
 * with its total is hidden (complementary suppression). @figures holds the
 * total first. The true sizes are in @sizes. */
static void
suppress_complement (GPtrArray   *figures,
                     const guint *sizes)
{
  PlSatisfactionFigure *total = figures->pdata[0];
  guint hidden = 0;
  int smallest = -1;

  if (total->suppressed)
    {
      for (guint i = 1; i < figures->len; i++)
        {
          PlSatisfactionFigure *figure = figures->pdata[i];

          figure->suppressed = TRUE;
          figure->n = figure->n_answers = figure->n_favorable = 0;
          figure->percent = figure->low = figure->high = figure->mean = 0;
        }
      return;
    }
  for (guint i = 1; i < figures->len; i++)
    {
      PlSatisfactionFigure *figure = figures->pdata[i];

      if (figure->suppressed)
        hidden++;
      else if (smallest < 0 || sizes[i] < sizes[smallest])
        smallest = i;
    }
  if (hidden == 1 && smallest > 0)
    {
      PlSatisfactionFigure *figure = figures->pdata[smallest];

      figure->suppressed = TRUE;
      figure->n = figure->n_answers = figure->n_favorable = 0;
      figure->percent = figure->low = figure->high = figure->mean = 0;
    }
}

PlSatisfactionFigure *
pl_satisfaction_compute (PlSatisfaction            *self,
                         const PlSatisfactionScope *scope)
{
  gboolean measured[MAX_QUESTIONS];
  Run runs[256];
  guint n_runs;
  Tally tally = { 0 };

  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  if (scope_questions (self, scope, measured))
    {
      n_runs = scope_runs (self, scope, runs, G_N_ELEMENTS (runs));
      for (guint r = 0; r < n_runs; r++)
        for (guint i = runs[r].start; i < runs[r].end; i++)
          tally_response (self, i, measured, &tally);
    }
  return figure_from_tally (&tally, self->minimum, NULL, NULL);
}

double
pl_satisfaction_response_rate (PlSatisfaction *self,
                               const char     *school_id,
                               const char     *term,
                               guint          *n_responses,
                               guint          *n_enrolled,
                               gboolean       *under_floor)
{
  PlSatisfactionScope scope = { term, school_id, NULL, NULL };
  Run runs[256];
  guint n_runs, responses = 0, enrolled;
  int school;
  double rate;

  g_return_val_if_fail (PL_IS_SATISFACTION (self), -1);

  n_runs = scope_runs (self, &scope, runs, G_N_ELEMENTS (runs));
  for (guint r = 0; r < n_runs; r++)
    responses += runs[r].end - runs[r].start;
  school = school_id ? find_string (self->school_ids, school_id) : -1;
  enrolled = school_id == NULL ? self->zone_enrolled
             : school >= 0 ? g_array_index (self->enrolled, guint, school) : 0;
  rate = enrolled > 0 ? (double) responses / enrolled : -1;
  if (n_responses)
    *n_responses = responses;
  if (n_enrolled)
    *n_enrolled = enrolled;
  if (under_floor)
    *under_floor = rate >= 0 && rate < self->rate_floor;
  return rate;
}

PlSatisfactionFigure *
pl_satisfaction_compare_previous (PlSatisfaction            *self,
                                  const PlSatisfactionScope *scope,
                                  int                       *change)
{
  g_autoptr(PlSatisfactionFigure) now = NULL;
  PlSatisfactionFigure *before;
  PlSatisfactionScope previous = *scope;
  int term;

  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);

  *change = 0;
  term = scope->term ? find_string (self->terms, scope->term) : -1;
  if (term <= 0)
    return NULL;
  previous.term = self->terms->pdata[term - 1];
  before = pl_satisfaction_compute (self, &previous);
  now = pl_satisfaction_compute (self, scope);
  if (!now->suppressed && !before->suppressed && now->n > 0 && before->n > 0)
    {
      if (now->low > before->high)
        *change = 1;
      else if (now->high < before->low)
        *change = -1;
    }
  return before;
}

typedef struct
{
  char  *code;
  Tally  tally;
} Group;

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *x = a, *y = b;

  /* "Not answered" last, then largest first, then by code. */
  if ((*x->code == '\0') != (*y->code == '\0'))
    return *x->code == '\0' ? 1 : -1;
  if (x->tally.n != y->tally.n)
    return x->tally.n > y->tally.n ? -1 : 1;
  return strcmp (x->code, y->code);
}

GPtrArray *
pl_satisfaction_breakdown (PlSatisfaction            *self,
                           const PlSatisfactionScope *scope,
                           PlGroupBy                  group_by,
                           const char                *group_question,
                           const char                *label_language)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_autofree guint *sizes = NULL;
  GPtrArray *figures = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_figure_free);
  gboolean measured[MAX_QUESTIONS];
  Run runs[256];
  guint n_runs, n_slots;
  int group_index = -1;
  const Question *question = NULL;
  PlQuestion *survey_question = NULL;
  Tally total = { 0 };

  g_return_val_if_fail (PL_IS_SATISFACTION (self), figures);

  if (group_by == PL_GROUP_BY_QUESTION)
    {
      group_index = find_question (self, group_question);
      if (group_index < 0 || !is_groupable (&g_array_index (self->questions, Question, group_index)))
        return figures;
      question = &g_array_index (self->questions, Question, group_index);
      survey_question = pl_survey_find_question_by_code (self->newest, group_question);
      n_slots = g_strv_length (question->values) + 1;
    }
  else
    n_slots = self->languages->len;

  /* Slot 0 of a question is "not answered"; a language's slot is its index. */
  g_array_set_size (groups, n_slots);
  for (guint s = 0; s < n_slots; s++)
    {
      Group *group = &g_array_index (groups, Group, s);

      if (group_by == PL_GROUP_BY_QUESTION)
        group->code = g_strdup (s == 0 ? "" : question->values[s - 1]);
      else
        group->code = g_strdup (self->languages->pdata[s]);
    }

  if (scope_questions (self, scope, measured))
    {
      n_runs = scope_runs (self, scope, runs, G_N_ELEMENTS (runs));
      for (guint r = 0; r < n_runs; r++)
        for (guint i = runs[r].start; i < runs[r].end; i++)
          {
            guint slot = group_by == PL_GROUP_BY_QUESTION
                         ? self->answers[(gsize) i * self->questions->len + group_index]
                         : self->language_of[i];

            if (slot >= n_slots)
              slot = 0;
            tally_response (self, i, measured, &g_array_index (groups, Group, slot).tally);
            tally_response (self, i, measured, &total);
          }
    }

  g_array_sort (groups, compare_groups);
  g_ptr_array_add (figures, figure_from_tally (&total, self->minimum, NULL, _("All responses")));

  /* A school hidden beside the others (to protect a smaller neighbour)
   * stays hidden here, with every group of it. */
  if (scope->school_id != NULL)
    {
      g_autoptr(GPtrArray) schools = pl_satisfaction_by_school (self, scope);

      for (guint i = 1; i < schools->len; i++)
        {
          PlSatisfactionFigure *school = schools->pdata[i];
          PlSatisfactionFigure *whole = figures->pdata[0];

          if (g_strcmp0 (school->group, scope->school_id) == 0 && school->suppressed)
            {
              whole->suppressed = TRUE;
              whole->n = whole->n_answers = whole->n_favorable = 0;
              whole->percent = whole->low = whole->high = whole->mean = 0;
            }
        }
    }
  sizes = g_new0 (guint, groups->len + 1);
  sizes[0] = total.n;
  for (guint s = 0; s < groups->len; s++)
    {
      Group *group = &g_array_index (groups, Group, s);
      const char *label;

      if (group->tally.n == 0)
        continue;
      if (*group->code == '\0')
        label = group_by == PL_GROUP_BY_QUESTION ? _("Not answered") : _("Language not recorded");
      else if (group_by == PL_GROUP_BY_FORM_LANGUAGE)
        label = pl_language_get_name (group->code);
      else
        label = survey_question
                ? pl_survey_value_label (self->newest, survey_question, group->code, label_language, NULL)
                : group->code;
      sizes[figures->len] = group->tally.n;
      g_ptr_array_add (figures, figure_from_tally (&group->tally, self->minimum, group->code,
                                                   label ? label : group->code));
    }
  for (guint s = 0; s < groups->len; s++)
    g_free (g_array_index (groups, Group, s).code);
  suppress_complement (figures, sizes);
  return figures;
}

GPtrArray *
pl_satisfaction_by_school (PlSatisfaction            *self,
                           const PlSatisfactionScope *scope)
{
  GPtrArray *figures = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_figure_free);
  g_autofree guint *sizes = NULL;
  PlSatisfactionScope zone = *scope;
  PlSatisfactionFigure *total;

  g_return_val_if_fail (PL_IS_SATISFACTION (self), figures);

  zone.school_id = NULL;
  sizes = g_new0 (guint, self->school_ids->len + 1);
  total = pl_satisfaction_compute (self, &zone);
  g_free (total->label);
  total->label = g_strdup (_("Whole zone"));
  g_ptr_array_add (figures, total);
  for (guint s = 0; s < self->school_ids->len; s++)
    {
      PlSatisfactionScope one = *scope;
      PlSatisfactionFigure *figure;
      Tally tally = { 0 };
      gboolean measured[MAX_QUESTIONS];
      Run runs[256];
      guint n_runs;

      one.school_id = self->school_ids->pdata[s];
      if (scope_questions (self, &one, measured))
        {
          n_runs = scope_runs (self, &one, runs, G_N_ELEMENTS (runs));
          for (guint r = 0; r < n_runs; r++)
            for (guint i = runs[r].start; i < runs[r].end; i++)
              tally_response (self, i, measured, &tally);
        }
      figure = figure_from_tally (&tally, self->minimum, self->school_ids->pdata[s],
                                  self->school_names->pdata[s]);
      sizes[figures->len] = tally.n;
      g_ptr_array_add (figures, figure);
    }
  /* Schools with no response at all are no one's secret. */
  for (guint i = figures->len - 1; i >= 1; i--)
    if (sizes[i] == 0)
      {
        ((PlSatisfactionFigure *) figures->pdata[i])->suppressed = FALSE;
      }
  {
    /* Complementary suppression counts only schools with responses. */
    g_autoptr(GPtrArray) answered = g_ptr_array_new ();
    g_autofree guint *answered_sizes = g_new0 (guint, figures->len + 1);

    for (guint i = 0; i < figures->len; i++)
      if (i == 0 || sizes[i] > 0)
        {
          answered_sizes[answered->len] = sizes[i];
          g_ptr_array_add (answered, figures->pdata[i]);
        }
    suppress_complement (answered, answered_sizes);
  }
  return figures;
}

GPtrArray *
pl_satisfaction_list_comments (PlSatisfaction            *self,
                               const PlSatisfactionScope *scope,
                               const char                *question_code,
                               gboolean                  *withheld)
{
  g_autoptr(GPtrArray) comments = NULL;
  Run runs[256];
  guint n_runs, n_responses = 0;
  int question;

  g_return_val_if_fail (PL_IS_SATISFACTION (self), NULL);

  *withheld = FALSE;
  question = find_question (self, question_code);
  n_runs = scope_runs (self, scope, runs, G_N_ELEMENTS (runs));
  for (guint r = 0; r < n_runs; r++)
    n_responses += runs[r].end - runs[r].start;
  if (n_responses < self->minimum)
    {
      *withheld = TRUE;
      return NULL;
    }

  comments = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_satisfaction_comment_free);
  for (guint c = 0; c < self->comments->len; c++)
    {
      const Comment *comment = &g_array_index (self->comments, Comment, c);
      gboolean inside = FALSE;
      PlSatisfactionComment *shown;

      if ((int) comment->question != question)
        continue;
      for (guint r = 0; r < n_runs && !inside; r++)
        inside = comment->response >= runs[r].start && comment->response < runs[r].end;
      if (!inside)
        continue;
      shown = g_new0 (PlSatisfactionComment, 1);
      shown->text = g_strdup (comment->text);
      shown->language = g_strdup (self->languages->pdata[self->language_of[comment->response]]);
      shown->term = g_strdup (self->terms->pdata[self->term_of[comment->response]]);
      shown->school_id = g_strdup (self->school_ids->pdata[self->school_of[comment->response]]);
      g_ptr_array_add (comments, shown);
    }
  /* Newest term first, keeping the order within a term. */
  for (guint i = 0, j = comments->len; i + 1 < j; i++, j--)
    {
      gpointer swap = comments->pdata[i];

      comments->pdata[i] = comments->pdata[j - 1];
      comments->pdata[j - 1] = swap;
    }
  return g_steal_pointer (&comments);
}
