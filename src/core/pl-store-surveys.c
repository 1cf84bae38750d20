/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-form-code.h"
#include "pl-languages.h"
#include "pl-store-private.h"
#include "pl-store-surveys.h"
#include "pl-survey-private.h"
#include "pl-util-private.h"

/* Surveys, entry batches and responses: rows of synced tables written
 * through _pl_store_write_row(), so every save is journaled and merges
 * like a family. Rows that stand for "the text of X in language L" or "the
 * answer to question Q on response R" get ids made from those parts, so
 * two laptops writing the same one meet on the same row. */

#define MAX_VALUES 16

/* A row id from its parts: the first 128 bits of their SHA-256, written
 * like a UUID. */
static char *
derived_id (const char *first,
            ...)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *part = first;
  const char *hex;
  va_list args;

  va_start (args, first);
  while (part != NULL)
    {
      g_checksum_update (sum, (const guchar *) part, -1);
      g_checksum_update (sum, (const guchar *) "\x1f", 1);
      part = va_arg (args, const char *);
    }
  va_end (args);
  hex = g_checksum_get_string (sum);
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

/* Numbers with a fraction, as SQLite prints a REAL, so what is written
 * reads back the same and an unchanged survey writes nothing. */
static char *
real_text (double value)
{
  char *printed = sqlite3_mprintf ("%!.15g", value);
  char *text = g_strdup (printed);

  sqlite3_free (printed);
  return text;
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Steps a statement expected to give at most one row; *found says whether it did. */
static gboolean
step_row (PlStore      *self,
          sqlite3_stmt *stmt,
          gboolean     *found,
          GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      return TRUE;
    }
  *found = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;
  _pl_store_set_error (self, rc, _("read surveys"), error);
  return FALSE;
}

/* Every id a query with one text parameter returns. */
static GPtrArray *
list_ids (PlStore     *self,
          const char  *sql,
          const char  *param,
          GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _pl_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read surveys"), error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

/* Marks a stored row deleted (a tombstone that syncs). */
static gboolean
tombstone (PlStore        *self,
           const PlEntity *entity,
           const char     *id,
           const char     *hlc,
           GError        **error)
{
  g_autoptr(GHashTable) row = _pl_store_read_row (self, entity, id, error);
  const char *values[MAX_VALUES];
  guint n = _pl_store_n_columns (entity);

  g_assert (n <= MAX_VALUES);
  if (row == NULL)
    return error == NULL || *error == NULL;
  for (guint c = 0; c < n; c++)
    values[c] = g_hash_table_lookup (row, entity->columns[c].name);
  return _pl_store_write_row (self, entity, id, values, TRUE, hlc, error);
}

/* Surveys */

/* The survey row and its questions, without texts: enough to check answers. */
static PlSurvey *
load_survey_structure (PlStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(PlSurvey) survey = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  int rc;

  stmt = _pl_store_prepare (self,
                            "SELECT series_id, version, number, default_language, languages, term,"
                            " status FROM surveys WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    return NULL;
  if (!found)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                           _("That survey is no longer in the database"));
      return NULL;
    }
  survey = _pl_survey_new_stored (id, (const char *) sqlite3_column_text (stmt, 0),
                                  sqlite3_column_int (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 3));
  pl_survey_set_number (survey, sqlite3_column_int (stmt, 2));
  {
    g_auto(GStrv) languages = g_strsplit ((const char *) sqlite3_column_text (stmt, 4) ?
                                          (const char *) sqlite3_column_text (stmt, 4) : "",
                                          " ", -1);
    const char *status = (const char *) sqlite3_column_text (stmt, 6);

    pl_survey_set_term (survey, (const char *) sqlite3_column_text (stmt, 5));
    if (g_strcmp0 (status, "open") == 0 || g_strcmp0 (status, "closed") == 0)
      pl_survey_set_status (survey, status);
    sqlite3_reset (stmt);
    _pl_survey_set_languages (survey, (const char *const *) languages);
  }

  stmt = _pl_store_prepare (self,
                            "SELECT id, code, kind, domain, required, options, min_value, max_value,"
                            " allow_na, skip_question_id, skip_value FROM questions"
                            " WHERE survey_id = ? AND deleted = 0 ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlQuestionKind kind;
      g_autoptr(PlQuestion) question = NULL;
      const char *options = (const char *) sqlite3_column_text (stmt, 5);

      if (!pl_question_kind_from_code ((const char *) sqlite3_column_text (stmt, 2), &kind))
        kind = PL_QUESTION_SHORT_TEXT;
      question = _pl_question_new_with_id ((const char *) sqlite3_column_text (stmt, 0), kind);
      pl_question_set_code (question, (const char *) sqlite3_column_text (stmt, 1));
      pl_question_set_domain (question, (const char *) sqlite3_column_text (stmt, 3));
      pl_question_set_required (question, sqlite3_column_int (stmt, 4));
      if (options != NULL && *options)
        {
          g_auto(GStrv) values = g_strsplit (options, " ", -1);

          pl_question_set_options (question, (const char *const *) values);
        }
      pl_question_set_range (question, sqlite3_column_type (stmt, 6) != SQLITE_NULL,
                             sqlite3_column_double (stmt, 6),
                             sqlite3_column_type (stmt, 7) != SQLITE_NULL,
                             sqlite3_column_double (stmt, 7));
      pl_question_set_allow_na (question, sqlite3_column_int (stmt, 8));
      pl_question_set_skip_rule (question, (const char *) sqlite3_column_text (stmt, 9),
                                 (const char *) sqlite3_column_text (stmt, 10));
      pl_survey_insert_question (survey, -1, question);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read a survey’s questions"), error);
      return NULL;
    }
  return g_steal_pointer (&survey);
}

gint64
pl_store_count_responses (PlStore     *self,
                          const char  *survey_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 count;

  g_return_val_if_fail (PL_IS_STORE (self), -1);

  stmt = _pl_store_prepare (self,
                            "SELECT count(*) FROM responses"
                            " WHERE survey_id = ? AND keying = 1 AND deleted = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    return -1;
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

PlSurvey *
pl_store_load_survey (PlStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(PlSurvey) survey = NULL;
  sqlite3_stmt *stmt;
  gint64 n_responses;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  survey = load_survey_structure (self, id, error);
  if (survey == NULL)
    return NULL;

  stmt = _pl_store_prepare (self,
                            "SELECT owner_kind, owner_id, field, language, text, source_hash"
                            " FROM translations WHERE survey_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlTextOwner owner;

      if (!pl_text_owner_from_code ((const char *) sqlite3_column_text (stmt, 0), &owner))
        continue;
      pl_survey_load_text (survey, owner, (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2),
                           (const char *) sqlite3_column_text (stmt, 3),
                           (const char *) sqlite3_column_text (stmt, 4),
                           (const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read a survey’s texts"), error);
      return NULL;
    }


  n_responses = pl_store_count_responses (self, id, error);
  if (n_responses < 0)
    return NULL;
  pl_survey_set_locked (survey, n_responses > 0);
  return g_steal_pointer (&survey);
}

GPtrArray *
pl_store_list_surveys (PlStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) surveys = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  ids = list_ids (self,
                  "SELECT id FROM surveys WHERE deleted = 0 ORDER BY number DESC, version DESC, id",
                  NULL, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      PlSurvey *survey = pl_store_load_survey (self, ids->pdata[i], error);

      if (survey == NULL)
        return NULL;
      g_ptr_array_add (surveys, survey);
    }
  return g_steal_pointer (&surveys);
}

typedef struct
{
  PlStore        *store;
  const PlEntity *entity;
  const char     *survey_id;
  const char     *hlc;
  GHashTable     *written;  /* ids of the texts the survey has */
  GError         *error;
} WriteTexts;

static void
write_text (PlTextOwner  owner,
            const char  *owner_id,
            const char  *field,
            const char  *language,
            const char  *text,
            const char  *source_hash,
            gpointer     user_data)
{
  WriteTexts *write = user_data;
  const char *kind = pl_text_owner_to_code (owner);
  char *id;
  const char *values[] = {
    write->survey_id, kind, owner_id, field, language, text, source_hash,
  };

  if (write->error != NULL)
    return;
  id = derived_id (write->survey_id, kind, owner_id, field, language, NULL);
  g_hash_table_add (write->written, id);
  _pl_store_write_row (write->store, write->entity, id, values, FALSE, write->hlc, &write->error);
}

static gboolean
write_survey (PlStore     *self,
              PlSurvey    *survey,
              const char  *hlc,
              GError     **error)
{
  const PlEntity *surveys = _pl_store_lookup_entity ("surveys");
  const PlEntity *questions = _pl_store_lookup_entity ("questions");
  const PlEntity *translations = _pl_store_lookup_entity ("translations");
  const char *id = pl_survey_get_id (survey);
  g_autofree char *version = g_strdup_printf ("%u", pl_survey_get_version (survey));
  g_autofree char *number = g_strdup_printf ("%u", pl_survey_get_number (survey));
  g_autofree char *languages = g_strjoinv (" ", (char **) pl_survey_get_languages (survey));
  g_autoptr(GPtrArray) old_ids = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  WriteTexts write = { self, translations, id, hlc, NULL, NULL };
  const char *survey_values[] = {
    pl_survey_get_series_id (survey), version, number, pl_survey_get_title (survey),
    pl_survey_get_own_text (survey, PL_TEXT_OWNER_SURVEY, id, "description",
                            pl_survey_get_default_language (survey)),
    pl_survey_get_default_language (survey), languages, pl_survey_get_term (survey),
    pl_survey_get_status (survey),
  };

  if (!_pl_store_write_row (self, surveys, id, survey_values, FALSE, hlc, error))
    return FALSE;

  for (guint i = 0; i < pl_survey_get_n_questions (survey); i++)
    {
      PlQuestion *question = pl_survey_get_question (survey, i);
      g_autofree char *position = g_strdup_printf ("%u", i + 1);
      g_autofree char *options = pl_question_get_options (question)
                                 ? g_strjoinv (" ", (char **) pl_question_get_options (question))
                                 : NULL;
      g_autofree char *min_text = NULL, *max_text = NULL;
      double min, max;
      gboolean has_min, has_max;
      const char *values[12];

      pl_question_get_range (question, &min, &has_min, &max, &has_max);
      if (has_min)
        min_text = real_text (min);
      if (has_max)
        max_text = real_text (max);
      values[0] = id;
      values[1] = position;
      values[2] = pl_question_get_code (question);
      values[3] = pl_question_kind_to_code (pl_question_get_kind (question));
      values[4] = pl_question_get_domain (question);
      values[5] = pl_question_get_required (question) ? "1" : "0";
      values[6] = options;
      values[7] = min_text;
      values[8] = max_text;
      values[9] = pl_question_get_allow_na (question) ? "1" : "0";
      values[10] = pl_question_get_skip_question_id (question);
      values[11] = pl_question_get_skip_value (question);
      if (!_pl_store_write_row (self, questions, pl_question_get_id (question), values, FALSE, hlc,
                                error))
        return FALSE;
      g_hash_table_add (kept, (gpointer) pl_question_get_id (question));
    }

  old_ids = list_ids (self, "SELECT id FROM questions WHERE survey_id = ? AND deleted = 0", id,
                      error);
  if (old_ids == NULL)
    return FALSE;
  for (guint i = 0; i < old_ids->len; i++)
    if (!g_hash_table_contains (kept, old_ids->pdata[i]) &&
        !tombstone (self, questions, old_ids->pdata[i], hlc, error))
      return FALSE;

  write.written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pl_survey_foreach_text (survey, write_text, &write);
  if (write.error != NULL)
    {
      g_hash_table_unref (write.written);
      g_propagate_error (error, write.error);
      return FALSE;
    }
  g_clear_pointer (&old_ids, g_ptr_array_unref);
  old_ids = list_ids (self, "SELECT id FROM translations WHERE survey_id = ? AND deleted = 0", id,
                      error);
  for (guint i = 0; old_ids != NULL && i < old_ids->len; i++)
    if (!g_hash_table_contains (write.written, old_ids->pdata[i]) &&
        !tombstone (self, translations, old_ids->pdata[i], hlc, error))
      {
        g_hash_table_unref (write.written);
        return FALSE;
      }
  g_hash_table_unref (write.written);
  return old_ids != NULL;
}

/* The series' number, or the next free one for a new series. */
static gboolean
assign_number (PlStore   *self,
               PlSurvey  *survey,
               GError   **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  guint number;

  stmt = _pl_store_prepare (self,
                            "SELECT number FROM surveys WHERE series_id = ? AND number IS NOT NULL"
                            " AND number > 0 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pl_survey_get_series_id (survey), -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    return FALSE;
  number = found ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (number == 0)
    {
      stmt = _pl_store_prepare (self, "SELECT coalesce(max(number), 0) + 1 FROM surveys", error);
      if (stmt == NULL || !step_row (self, stmt, &found, error))
        return FALSE;
      number = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }
  pl_survey_set_number (survey, number);
  return TRUE;
}

gboolean
pl_store_save_survey (PlStore   *self,
                      PlSurvey  *survey,
                      GError   **error)
{
  g_autofree char *hlc = NULL;
  gint64 n_responses;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_SURVEY (survey), FALSE);

  if (!pl_survey_validate (survey, error))
    return FALSE;
  if (!_pl_store_begin (self, error))
    return FALSE;

  n_responses = pl_store_count_responses (self, pl_survey_get_id (survey), error);
  if (n_responses < 0)
    goto failed;
  if (n_responses > 0)
    {
      g_autoptr(PlSurvey) stored = pl_store_load_survey (self, pl_survey_get_id (survey), error);

      if (stored == NULL || pl_survey_changes_meaning (stored, survey, error))
        goto failed;
    }

  if (pl_survey_get_number (survey) == 0 && !assign_number (self, survey, error))
    goto failed;

  hlc = pl_clock_now (pl_store_get_clock (self));
  if (!write_survey (self, survey, hlc, error) || !_pl_store_commit (self, error))
    goto failed;
  pl_survey_set_locked (survey, n_responses > 0);
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

gboolean
pl_store_delete_survey (PlStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autofree char *hlc = NULL;
  g_autoptr(GPtrArray) question_ids = NULL;
  g_autoptr(GPtrArray) text_ids = NULL;
  gint64 n_responses;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  if (!_pl_store_begin (self, error))
    return FALSE;
  n_responses = pl_store_count_responses (self, id, error);
  if (n_responses < 0)
    goto failed;
  if (n_responses > 0)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_LOCKED,
                   ngettext ("This survey version has %u keyed form; it cannot be deleted",
                             "This survey version has %u keyed forms; it cannot be deleted",
                             (gulong) n_responses), (guint) n_responses);
      goto failed;
    }
  hlc = pl_clock_now (pl_store_get_clock (self));
  question_ids = list_ids (self, "SELECT id FROM questions WHERE survey_id = ? AND deleted = 0", id,
                           error);
  text_ids = list_ids (self, "SELECT id FROM translations WHERE survey_id = ? AND deleted = 0",
                       id, error);
  if (question_ids == NULL || text_ids == NULL)
    goto failed;
  for (guint i = 0; i < question_ids->len; i++)
    if (!tombstone (self, _pl_store_lookup_entity ("questions"), question_ids->pdata[i], hlc, error))
      goto failed;
  for (guint i = 0; i < text_ids->len; i++)
    if (!tombstone (self, _pl_store_lookup_entity ("translations"), text_ids->pdata[i], hlc, error))
      goto failed;
  if (!tombstone (self, _pl_store_lookup_entity ("surveys"), id, hlc, error) ||
      !_pl_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/* Entry batches */

static PlEntryBatch *
batch_from_row (GHashTable *row,
                const char *id)
{
  PlEntryBatch *batch = _pl_entry_batch_new_stored (id, g_hash_table_lookup (row, "survey_id"),
                                                    g_hash_table_lookup (row, "school_id"));
  const char *count = g_hash_table_lookup (row, "form_count");
  const char *percent = g_hash_table_lookup (row, "sample_percent");

  pl_entry_batch_set_received_on (batch, g_hash_table_lookup (row, "received_on"));
  pl_entry_batch_set_form_count (batch, count ? g_ascii_strtoull (count, NULL, 10) : 0);
  pl_entry_batch_set_entered_by (batch, g_hash_table_lookup (row, "entered_by"));
  pl_entry_batch_set_double_entry (batch, g_hash_table_lookup (row, "double_entry"));
  pl_entry_batch_set_sample_percent (batch, percent ? g_ascii_strtoull (percent, NULL, 10) : 0);
  pl_entry_batch_set_second_keyer (batch, g_hash_table_lookup (row, "second_keyer"));
  pl_entry_batch_set_status (batch, g_hash_table_lookup (row, "status"));
  return batch;
}

PlEntryBatch *
pl_store_load_batch (PlStore     *self,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  row = _pl_store_read_row (self, _pl_store_lookup_entity ("entry_batches"), id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (row == NULL || g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                           _("That batch is no longer in the database"));
      return NULL;
    }
  return batch_from_row (row, id);
}

GPtrArray *
pl_store_list_batches (PlStore     *self,
                       const char  *survey_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  if (survey_id != NULL)
    ids = list_ids (self,
                    "SELECT id FROM entry_batches WHERE survey_id = ? AND deleted = 0"
                    " ORDER BY received_on DESC, rowid DESC", survey_id, error);
  else
    ids = list_ids (self,
                    "SELECT id FROM entry_batches WHERE deleted = 0"
                    " ORDER BY received_on DESC, rowid DESC", NULL, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      PlEntryBatch *batch = pl_store_load_batch (self, ids->pdata[i], error);

      if (batch == NULL)
        return NULL;
      g_ptr_array_add (batches, batch);
    }
  return g_steal_pointer (&batches);
}

static gboolean
check_date (const char  *text,
            GError     **error)
{
  guint y, m, d;

  if (text == NULL)
    return TRUE;
  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
      sscanf (text, "%4u-%2u-%2u", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    return TRUE;
  g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
               _("“%s” is not a date (YYYY-MM-DD)"), text);
  return FALSE;
}

gboolean
pl_store_save_batch (PlStore       *self,
                     PlEntryBatch  *batch,
                     GError       **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("entry_batches");
  g_autoptr(PlSurvey) survey = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *count = NULL;
  g_autofree char *percent = NULL;
  const char *double_entry = pl_entry_batch_get_double_entry (batch);
  const char *values[9];
  gboolean found;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_ENTRY_BATCH (batch), FALSE);

  if (!check_date (pl_entry_batch_get_received_on (batch), error))
    return FALSE;
  if (g_strcmp0 (double_entry, "none") != 0 && g_strcmp0 (double_entry, "all") != 0 &&
      g_strcmp0 (double_entry, "sample") != 0)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("“%s” is not a double-entry setting"), double_entry ? double_entry : "");
      return FALSE;
    }
  if (g_str_equal (double_entry, "sample") &&
      (pl_entry_batch_get_sample_percent (batch) < 1 || pl_entry_batch_get_sample_percent (batch) > 99))
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("A sample for second keying must be between 1%% and 99%% of the forms, not %u%%"),
                   pl_entry_batch_get_sample_percent (batch));
      return FALSE;
    }
  if (!g_str_equal (double_entry, "none") && pl_entry_batch_get_second_keyer (batch) != NULL &&
      g_strcmp0 (pl_entry_batch_get_second_keyer (batch), pl_entry_batch_get_entered_by (batch)) == 0)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("The second keying must be done by someone other than %s"),
                   pl_entry_batch_get_entered_by (batch));
      return FALSE;
    }
  if (g_strcmp0 (pl_entry_batch_get_status (batch), "open") != 0 &&
      g_strcmp0 (pl_entry_batch_get_status (batch), "done") != 0)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("“%s” is not a batch status"), pl_entry_batch_get_status (batch));
      return FALSE;
    }

  if (!_pl_store_begin (self, error))
    return FALSE;
  survey = load_survey_structure (self, pl_entry_batch_get_survey_id (batch), error);
  if (survey == NULL)
    goto failed;
  stmt = _pl_store_prepare (self, "SELECT 1 FROM schools WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, pl_entry_batch_get_school_id (batch), -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    goto failed;
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                           _("That school is no longer in the database"));
      goto failed;
    }

  count = g_strdup_printf ("%u", pl_entry_batch_get_form_count (batch));
  percent = g_str_equal (double_entry, "sample")
            ? g_strdup_printf ("%u", pl_entry_batch_get_sample_percent (batch)) : NULL;
  values[0] = pl_entry_batch_get_survey_id (batch);
  values[1] = pl_entry_batch_get_school_id (batch);
  values[2] = pl_entry_batch_get_received_on (batch);
  values[3] = count;
  values[4] = pl_entry_batch_get_entered_by (batch);
  values[5] = double_entry;
  values[6] = percent;
  values[7] = g_str_equal (double_entry, "none") ? NULL : pl_entry_batch_get_second_keyer (batch);
  values[8] = pl_entry_batch_get_status (batch);
  hlc = pl_clock_now (pl_store_get_clock (self));
  if (!_pl_store_write_row (self, entity, pl_entry_batch_get_id (batch), values, FALSE, hlc, error) ||
      !_pl_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/* Responses */

static const char *
row_text (GHashTable *row,
          const char *name)
{
  return g_hash_table_lookup (row, name);
}

PlSurveyResponse *
pl_store_load_response (PlStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PlSurveyResponse) response = NULL;
  const char *keying, *seconds;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  row = _pl_store_read_row (self, _pl_store_lookup_entity ("responses"), id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (row == NULL || g_strcmp0 (row_text (row, "deleted"), "1") == 0)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                           _("That form is no longer in the database"));
      return NULL;
    }

  response = _pl_survey_response_new_stored (id, row_text (row, "survey_id"),
                                             row_text (row, "school_id"));
  pl_survey_response_set_batch_id (response, row_text (row, "batch_id"));
  pl_survey_response_set_form_code (response, row_text (row, "form_code"));
  pl_survey_response_set_language (response, row_text (row, "language"));
  pl_survey_response_set_mode (response, row_text (row, "mode"));
  pl_survey_response_set_entered_by (response, row_text (row, "entered_by"));
  keying = row_text (row, "keying");
  pl_survey_response_set_keying (response, g_strcmp0 (keying, "2") == 0 ? 2 : 1);
  pl_survey_response_set_verification (response, row_text (row, "verification"));
  pl_survey_response_set_entered_at (response, row_text (row, "entered_at"));
  pl_survey_response_set_started_at (response, row_text (row, "started_at"));
  seconds = row_text (row, "keyed_seconds");
  pl_survey_response_set_keyed_seconds (response, seconds ? g_ascii_strtod (seconds, NULL) : 0);

  stmt = _pl_store_prepare (self,
                            "SELECT question_id, value FROM answers"
                            " WHERE response_id = ? AND deleted = 0 AND value IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pl_survey_response_set_answer (response, (const char *) sqlite3_column_text (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read a form’s answers"), error);
      return NULL;
    }
  return g_steal_pointer (&response);
}

static char *
find_form_id (PlStore     *self,
              const char  *form_code,
              guint        keying,
              const char  *except_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  char *id;

  stmt = _pl_store_prepare (self,
                            "SELECT id FROM responses WHERE form_code = ? AND keying = ?"
                            " AND deleted = 0 AND id IS NOT ? ORDER BY entered_at, id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, form_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, keying);
  sqlite3_bind_text (stmt, 3, except_id, -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    return NULL;
  id = found ? column_dup (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  return id;
}

PlSurveyResponse *
pl_store_find_form (PlStore     *self,
                    const char  *form_code,
                    guint        keying,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  id = find_form_id (self, form_code, keying, NULL, &local_error);
  if (id == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return pl_store_load_response (self, id, error);
}

/* "12 Nov 2026 at 14:03", local time, for messages. */
static char *
format_when (const char *utc)
{
  g_autoptr(GDateTime) when = utc ? g_date_time_new_from_iso8601 (utc, NULL) : NULL;
  g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;

  if (local == NULL)
    return g_strdup (_("an unknown time"));
  /* Translators: a date and time in g_date_time_format() notation */
  return g_date_time_format (local, _("%-d %b %Y at %H:%M"));
}

static char *
school_code_of (PlStore     *self,
                const char  *school_id,
                char       **name,
                GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (self, "SELECT code, name FROM schools WHERE id = ?", error);
  gboolean found;
  char *code = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, school_id, -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    return NULL;
  if (found)
    {
      g_autofree char *printed = pl_form_code_format (1, (const char *) sqlite3_column_text (stmt, 0), 1);

      /* The school part exactly as a printed code carries it. */
      if (printed != NULL)
        {
          const char *start = strchr (printed, '-') + 1;

          code = g_strndup (start, strrchr (printed, '-') - start);
        }
      if (name)
        *name = column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (code == NULL)
    g_set_error_literal (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
                         _("The batch’s school has no code to print on forms; give it one under Schools"));
  return code;
}

static char *
check_form_code (PlStore       *self,
                 PlEntryBatch  *batch,
                 PlSurvey      *survey,
                 guint          keying,
                 const char    *text,
                 const char    *keyer,
                 const char    *except_id,
                 GError       **error)
{
  g_autofree char *code = NULL;
  g_autofree char *typed_school = NULL;
  g_autofree char *school = NULL;
  g_autofree char *school_name = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(GError) local_error = NULL;
  guint number;

  code = pl_form_code_parse (text, &number, &typed_school, NULL, error);
  if (code == NULL)
    return NULL;
  if (number != pl_survey_get_number (survey))
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
                   _("Form %s belongs to survey S%u, but this batch is for survey S%u"),
                   code, number, pl_survey_get_number (survey));
      return NULL;
    }
  school = school_code_of (self, pl_entry_batch_get_school_id (batch), &school_name, error);
  if (school == NULL)
    return NULL;
  if (!g_str_equal (school, typed_school))
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
                   /* Translators: a form code, the school code on it, this batch's school name and code */
                   _("Form %s is from school %s, but this batch is for %s (%s)"),
                   code, typed_school, school_name ? school_name : "", school);
      return NULL;
    }

  existing = find_form_id (self, code, keying, except_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (existing != NULL)
    {
      g_autoptr(PlSurveyResponse) first = pl_store_load_response (self, existing, error);
      g_autofree char *when = NULL;
      g_autoptr(PlEntryBatch) other = NULL;

      if (first == NULL)
        return NULL;
      when = format_when (pl_survey_response_get_entered_at (first));
      if (pl_survey_response_get_batch_id (first) != NULL)
        other = pl_store_load_batch (self, pl_survey_response_get_batch_id (first), NULL);
      if (other != NULL && pl_entry_batch_get_received_on (other) != NULL)
        g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_DUPLICATE_FORM,
                     /* Translators: form code, date and time, staff name, date a batch was received */
                     _("Form %s was already keyed on %s by %s, in the batch received %s"),
                     code, when, pl_survey_response_get_entered_by (first) ?
                     pl_survey_response_get_entered_by (first) : _("someone"),
                     pl_entry_batch_get_received_on (other));
      else
        g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_DUPLICATE_FORM,
                     _("Form %s was already keyed on %s by %s"),
                     code, when, pl_survey_response_get_entered_by (first) ?
                     pl_survey_response_get_entered_by (first) : _("someone"));
      return NULL;
    }

  if (keying == 2)
    {
      g_autoptr(PlSurveyResponse) first = pl_store_find_form (self, code, 1, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (first == NULL)
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
                       _("Form %s has not been keyed a first time yet"), code);
          return NULL;
        }
      if (!pl_entry_batch_wants_second_keying (batch, code))
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
                       _("Form %s is not one of the forms chosen for second keying"), code);
          return NULL;
        }
      if (keyer != NULL && g_strcmp0 (pl_survey_response_get_entered_by (first), keyer) == 0)
        {
          g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
                       _("Form %s was first keyed by %s; the second keying must be someone else’s"),
                       code, keyer);
          return NULL;
        }
    }
  return g_steal_pointer (&code);
}

char *
pl_store_check_form_code (PlStore       *self,
                          PlEntryBatch  *batch,
                          guint          keying,
                          const char    *text,
                          GError       **error)
{
  g_autoptr(PlSurvey) survey = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (PL_IS_ENTRY_BATCH (batch), NULL);

  survey = load_survey_structure (self, pl_entry_batch_get_survey_id (batch), error);
  if (survey == NULL)
    return NULL;
  return check_form_code (self, batch, survey, keying, text,
                          keying == 2 ? pl_entry_batch_get_second_keyer (batch)
                          : pl_entry_batch_get_entered_by (batch), NULL, error);
}

static gboolean
write_response_row (PlStore          *self,
                    PlSurveyResponse *response,
                    const char       *hlc,
                    GError          **error)
{
  g_autofree char *keying = g_strdup_printf ("%u", pl_survey_response_get_keying (response));
  g_autofree char *seconds = real_text (pl_survey_response_get_keyed_seconds (response));
  const char *values[] = {
    pl_survey_response_get_survey_id (response),
    pl_survey_response_get_school_id (response),
    pl_survey_response_get_batch_id (response),
    pl_survey_response_get_form_code (response),
    pl_survey_response_get_language (response),
    pl_survey_response_get_mode (response),
    pl_survey_response_get_entered_by (response),
    keying,
    pl_survey_response_get_verification (response),
    pl_survey_response_get_entered_at (response),
    pl_survey_response_get_started_at (response),
    seconds,
  };

  return _pl_store_write_row (self, _pl_store_lookup_entity ("responses"),
                              pl_survey_response_get_id (response), values, FALSE, hlc, error);
}

/* Whether two answers differ, "" and NULL being the same blank. */
static gboolean
differ (const char *a,
        const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) != 0;
}

/* One answer of a double-keyed form, as the comparison sees it. */
typedef struct
{
  char *question_id;
  char *first;     /* as keyed first */
  char *second;
  char *final;     /* after reconciliation, or the agreed value */
  char *reconciled_by;
  int   position;
} Compared;

static void
compared_free (gpointer data)
{
  Compared *compared = data;

  g_free (compared->question_id);
  g_free (compared->first);
  g_free (compared->second);
  g_free (compared->final);
  g_free (compared->reconciled_by);
  g_free (compared);
}

/* Compares the two keyings of one form: every question answered in
 * either, in question order. */
static GPtrArray *
compare_form (PlStore     *self,
              const char  *first_id,
              const char  *second_id,
              GError     **error)
{
  g_autoptr(GPtrArray) compared = g_ptr_array_new_with_free_func (compared_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Answers of either keying, joined on the question. The first keying's
   * value as keyed is keyed_value once a supervisor reconciled it. */
  stmt = _pl_store_prepare (self,
                            "SELECT q.id, q.position,"
                            " (SELECT CASE WHEN a.reconciled_by IS NULL THEN a.value ELSE a.keyed_value END"
                            "   FROM answers a WHERE a.response_id = ?1 AND a.question_id = q.id AND a.deleted = 0),"
                            " (SELECT b.value FROM answers b WHERE b.response_id = ?2 AND b.question_id = q.id"
                            "   AND b.deleted = 0),"
                            " (SELECT a.value FROM answers a WHERE a.response_id = ?1 AND a.question_id = q.id"
                            "   AND a.deleted = 0),"
                            " (SELECT a.reconciled_by FROM answers a WHERE a.response_id = ?1"
                            "   AND a.question_id = q.id AND a.deleted = 0)"
                            " FROM questions q"
                            " WHERE q.survey_id = (SELECT survey_id FROM responses WHERE id = ?1)"
                            " AND q.deleted = 0 ORDER BY q.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, second_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 2);
      const char *second = (const char *) sqlite3_column_text (stmt, 3);
      const char *reconciled_by = (const char *) sqlite3_column_text (stmt, 5);
      Compared *item;

      if ((first == NULL || !*first) && (second == NULL || !*second) && reconciled_by == NULL)
        continue;
      item = g_new0 (Compared, 1);
      item->question_id = column_dup (stmt, 0);
      item->position = sqlite3_column_int (stmt, 1);
      item->first = g_strdup (first && *first ? first : NULL);
      item->second = g_strdup (second && *second ? second : NULL);
      item->reconciled_by = g_strdup (reconciled_by);
      if (reconciled_by != NULL)
        item->final = column_dup (stmt, 4);
      else if (!differ (first, second))
        item->final = g_strdup (item->first);
      g_ptr_array_add (compared, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("compare two keyings"), error);
      return NULL;
    }
  return g_steal_pointer (&compared);
}

/* The first keying's state from its comparison with the second. */
static const char *
verification_of (GPtrArray *compared)
{
  gboolean any_disagreement = FALSE;

  for (guint i = 0; i < compared->len; i++)
    {
      Compared *item = compared->pdata[i];

      if (differ (item->first, item->second))
        {
          if (item->reconciled_by == NULL)
            return "disputed";
          any_disagreement = TRUE;
        }
    }
  return any_disagreement ? "reconciled" : "agreed";
}

/* Sets the first keying's verification from the two keyings. */
static gboolean
update_verification (PlStore     *self,
                     const char  *first_id,
                     const char  *second_id,
                     const char  *hlc,
                     GError     **error)
{
  g_autoptr(GPtrArray) compared = compare_form (self, first_id, second_id, error);
  g_autoptr(PlSurveyResponse) first = NULL;

  if (compared == NULL)
    return FALSE;
  first = pl_store_load_response (self, first_id, error);
  if (first == NULL)
    return FALSE;
  pl_survey_response_set_verification (first, verification_of (compared));
  return write_response_row (self, first, hlc, error);
}

gboolean
pl_store_save_response (PlStore           *self,
                        PlSurveyResponse  *response,
                        GError           **error)
{
  const PlEntity *answers_entity = _pl_store_lookup_entity ("answers");
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(PlEntryBatch) batch = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GHashTable) old = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *code = NULL;
  const char *id = pl_survey_response_get_id (response);
  guint keying = pl_survey_response_get_keying (response);
  const char *language = pl_survey_response_get_language (response);

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_SURVEY_RESPONSE (response), FALSE);

  if (!_pl_store_begin (self, error))
    return FALSE;

  survey = load_survey_structure (self, pl_survey_response_get_survey_id (response), error);
  if (survey == NULL)
    goto failed;
  old = _pl_store_read_row (self, _pl_store_lookup_entity ("responses"), id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  /* A draft cannot take forms yet, a closed survey no more; editing a form
   * already keyed stays possible. */
  if (old == NULL && g_strcmp0 (pl_survey_get_status (survey), "open") != 0)
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_NOT_OPEN,
                   g_str_equal (pl_survey_get_status (survey), "draft")
                   ? _("This survey is still a draft; open it before keying forms")
                   : _("This survey is closed; reopen it to key more forms"));
      goto failed;
    }
  if (language != NULL && !g_strv_contains (pl_survey_get_languages (survey), language))
    {
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                   _("This survey is not offered in %s"), pl_language_get_name (language));
      goto failed;
    }

  answers = g_hash_table_ref (pl_survey_response_get_answers (response));
  if (!pl_survey_check_answers (survey, answers, error))
    goto failed;

  if (pl_survey_response_get_batch_id (response) != NULL)
    {
      batch = pl_store_load_batch (self, pl_survey_response_get_batch_id (response), error);
      if (batch == NULL)
        goto failed;
      if (g_strcmp0 (pl_entry_batch_get_survey_id (batch),
                     pl_survey_response_get_survey_id (response)) != 0 ||
          g_strcmp0 (pl_entry_batch_get_school_id (batch),
                     pl_survey_response_get_school_id (response)) != 0)
        {
          g_set_error_literal (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                               _("The form is not of its batch’s survey and school"));
          goto failed;
        }
    }
  if (pl_survey_response_get_form_code (response) != NULL)
    {
      if (batch != NULL)
        code = check_form_code (self, batch, survey, keying,
                                pl_survey_response_get_form_code (response),
                                pl_survey_response_get_entered_by (response), id, error);
      else
        code = pl_form_code_parse (pl_survey_response_get_form_code (response), NULL, NULL, NULL,
                                   error);
      if (code == NULL)
        goto failed;
      pl_survey_response_set_form_code (response, code);
    }
  else if (keying == 2)
    {
      g_set_error_literal (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FORM_CODE,
                           _("A second keying needs the form code of the paper form"));
      goto failed;
    }

  if (pl_survey_response_get_entered_at (response) == NULL)
    {
      g_autofree char *now = now_utc ();

      pl_survey_response_set_entered_at (response, now);
    }
  if (keying == 2)
    pl_survey_response_set_verification (response, "second");
  else if (old == NULL)
    pl_survey_response_set_verification (response,
                                         batch != NULL && code != NULL &&
                                         pl_entry_batch_wants_second_keying (batch, code)
                                         ? "pending" : "single");

  hlc = pl_clock_now (pl_store_get_clock (self));
  if (!write_response_row (self, response, hlc, error))
    goto failed;

  /* Answers: one row per question, its id from the response and question. */
  for (guint i = 0; i < pl_survey_get_n_questions (survey); i++)
    {
      const char *question_id = pl_question_get_id (pl_survey_get_question (survey, i));
      const char *answer = g_hash_table_lookup (answers, question_id);
      g_autofree char *answer_id = derived_id (id, question_id, NULL);
      const char *values[] = { id, question_id, answer, NULL, NULL, NULL };

      if (answer == NULL)
        {
          /* Only a form edited after it was keyed has rows to clear. */
          if (old != NULL && !tombstone (self, answers_entity, answer_id, hlc, error))
            goto failed;
          continue;
        }
      if (!_pl_store_write_row (self, answers_entity, answer_id, values, FALSE, hlc, error))
        goto failed;
    }

  if (code != NULL)
    {
      g_autofree char *first_id = keying == 2 ? find_form_id (self, code, 1, NULL, &local_error) : NULL;
      g_autofree char *second_id = keying == 1 && old != NULL
                                   ? find_form_id (self, code, 2, NULL, &local_error) : NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (first_id != NULL && !update_verification (self, first_id, id, hlc, error))
        goto failed;
      if (second_id != NULL && !update_verification (self, id, second_id, hlc, error))
        goto failed;
    }

  if (!_pl_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

GPtrArray *
pl_store_list_batch_responses (PlStore     *self,
                               const char  *batch_id,
                               guint        keying,
                               GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  stmt = _pl_store_prepare (self,
                            "SELECT id FROM responses WHERE batch_id = ? AND keying = ?"
                            " AND deleted = 0 ORDER BY entered_at, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, keying);
  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read a batch’s forms"), error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      PlSurveyResponse *response = pl_store_load_response (self, ids->pdata[i], error);

      if (response == NULL)
        return NULL;
      g_ptr_array_add (responses, response);
    }
  return g_steal_pointer (&responses);
}

gboolean
pl_store_delete_response (PlStore     *self,
                          const char  *response_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) answer_ids = NULL;
  g_autofree char *hlc = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  if (!_pl_store_begin (self, error))
    return FALSE;
  hlc = pl_clock_now (pl_store_get_clock (self));
  answer_ids = list_ids (self, "SELECT id FROM answers WHERE response_id = ? AND deleted = 0",
                         response_id, error);
  if (answer_ids == NULL)
    goto failed;
  for (guint i = 0; i < answer_ids->len; i++)
    if (!tombstone (self, _pl_store_lookup_entity ("answers"), answer_ids->pdata[i], hlc, error))
      goto failed;
  if (!tombstone (self, _pl_store_lookup_entity ("responses"), response_id, hlc, error) ||
      !_pl_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

GPtrArray *
pl_store_list_duplicate_forms (PlStore     *self,
                               const char  *survey_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  stmt = _pl_store_prepare (self,
                            "SELECT form_code, keying FROM responses"
                            " WHERE deleted = 0 AND form_code IS NOT NULL"
                            " AND (?1 IS NULL OR survey_id = ?1)"
                            " GROUP BY form_code, keying HAVING count(*) > 1 ORDER BY form_code, keying",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup_printf ("%d\x1f%s", sqlite3_column_int (stmt, 1),
                                            sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("look for forms keyed twice"), error);
      return NULL;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *code = strchr (keys->pdata[i], '\x1f') + 1;
      int keying = atoi (keys->pdata[i]);
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) ids = NULL;

      stmt = _pl_store_prepare (self,
                                "SELECT id FROM responses WHERE form_code = ? AND keying = ?"
                                " AND deleted = 0 ORDER BY entered_at, id", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, keying);
      ids = g_ptr_array_new_with_free_func (g_free);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, column_dup (stmt, 0));
      sqlite3_reset (stmt);
      for (guint j = 0; j < ids->len; j++)
        {
          PlSurveyResponse *response = pl_store_load_response (self, ids->pdata[j], error);

          if (response == NULL)
            return NULL;
          g_ptr_array_add (group, response);
        }
      g_ptr_array_add (groups, g_steal_pointer (&group));
    }
  return g_steal_pointer (&groups);
}

gboolean
pl_store_reserve_form_serials (PlStore     *self,
                               PlSurvey    *survey,
                               const char  *school_id,
                               guint        count,
                               const char  *language,
                               const char  *printed_by,
                               guint       *first_serial,
                               GError     **error)
{
  g_autofree char *hlc = NULL;
  g_autofree char *id = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  guint first;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_SURVEY (survey), FALSE);
  g_return_val_if_fail (count > 0, FALSE);

  if (!_pl_store_begin (self, error))
    return FALSE;
  stmt = _pl_store_prepare (self,
                            "SELECT coalesce(max(first_serial + count), 1) FROM form_prints"
                            " WHERE series_id = ? AND school_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, pl_survey_get_series_id (survey), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, school_id, -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    goto failed;
  first = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  id = _pl_new_id ();
  first_text = g_strdup_printf ("%u", first);
  count_text = g_strdup_printf ("%u", count);
  now = now_utc ();
  {
    const char *values[] = {
      pl_survey_get_series_id (survey), school_id, first_text, count_text, language, printed_by,
      now,
    };

    hlc = pl_clock_now (pl_store_get_clock (self));
    if (!_pl_store_write_row (self, _pl_store_lookup_entity ("form_prints"), id, values, FALSE,
                              hlc, error) ||
        !_pl_store_commit (self, error))
      goto failed;
  }
  *first_serial = first;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/* Double entry */

void
pl_disagreement_free (PlDisagreement *self)
{
  if (self == NULL)
    return;
  g_free (self->form_code);
  g_free (self->first_response_id);
  g_free (self->second_response_id);
  g_free (self->question_id);
  g_free (self->first_value);
  g_free (self->second_value);
  g_free (self->first_keyer);
  g_free (self->second_keyer);
  g_free (self->final_value);
  g_free (self->reconciled_by);
  g_free (self);
}

/* The pairs of keyings of a batch's double-keyed forms (or of every
 * batch): first id, second id, form code, first keyer, second keyer. */
typedef struct
{
  char *first_id;
  char *second_id;
  char *form_code;
  char *first_keyer;
  char *second_keyer;
  double seconds;
} Pair;

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_free (pair->first_id);
  g_free (pair->second_id);
  g_free (pair->form_code);
  g_free (pair->first_keyer);
  g_free (pair->second_keyer);
  g_free (pair);
}

static GPtrArray *
list_pairs (PlStore     *self,
            const char  *batch_id,
            GError     **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (pair_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (self,
                            "SELECT r1.id, r2.id, r1.form_code, r1.entered_by, r2.entered_by"
                            " FROM responses r1 JOIN responses r2 ON r2.id ="
                            "  (SELECT x.id FROM responses x WHERE x.form_code = r1.form_code"
                            "   AND x.keying = 2 AND x.deleted = 0 ORDER BY x.entered_at, x.id LIMIT 1)"
                            " WHERE r1.keying = 1 AND r1.deleted = 0 AND r1.form_code IS NOT NULL"
                            /* A form keyed first on two laptops pairs once, by its
                             * earliest keying, until a supervisor keeps one. */
                            " AND r1.id = (SELECT y.id FROM responses y WHERE y.form_code = r1.form_code"
                            "   AND y.keying = 1 AND y.deleted = 0 ORDER BY y.entered_at, y.id LIMIT 1)"
                            " AND (?1 IS NULL OR r1.batch_id = ?1)"
                            " ORDER BY r1.form_code, r1.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Pair *pair = g_new0 (Pair, 1);

      pair->first_id = column_dup (stmt, 0);
      pair->second_id = column_dup (stmt, 1);
      pair->form_code = column_dup (stmt, 2);
      pair->first_keyer = column_dup (stmt, 3);
      pair->second_keyer = column_dup (stmt, 4);
      g_ptr_array_add (pairs, pair);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the double-keyed forms"), error);
      return NULL;
    }
  return g_steal_pointer (&pairs);
}

static int
compare_disagreements (gconstpointer a,
                       gconstpointer b)
{
  const PlDisagreement *x = *(PlDisagreement *const *) a;
  const PlDisagreement *y = *(PlDisagreement *const *) b;

  if ((x->reconciled_by == NULL) != (y->reconciled_by == NULL))
    return x->reconciled_by == NULL ? -1 : 1;
  return 0;
}

GPtrArray *
pl_store_list_disagreements (PlStore     *self,
                             const char  *batch_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_disagreement_free);

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  pairs = list_pairs (self, batch_id, error);
  if (pairs == NULL)
    return NULL;
  for (guint p = 0; p < pairs->len; p++)
    {
      Pair *pair = pairs->pdata[p];
      g_autoptr(GPtrArray) compared = compare_form (self, pair->first_id, pair->second_id, error);

      if (compared == NULL)
        return NULL;
      for (guint i = 0; i < compared->len; i++)
        {
          Compared *item = compared->pdata[i];
          PlDisagreement *disagreement;

          if (!differ (item->first, item->second))
            continue;
          disagreement = g_new0 (PlDisagreement, 1);
          disagreement->form_code = g_strdup (pair->form_code);
          disagreement->first_response_id = g_strdup (pair->first_id);
          disagreement->second_response_id = g_strdup (pair->second_id);
          disagreement->question_id = g_strdup (item->question_id);
          disagreement->first_value = g_strdup (item->first);
          disagreement->second_value = g_strdup (item->second);
          disagreement->first_keyer = g_strdup (pair->first_keyer);
          disagreement->second_keyer = g_strdup (pair->second_keyer);
          disagreement->final_value = g_strdup (item->final);
          disagreement->reconciled_by = g_strdup (item->reconciled_by);
          g_ptr_array_add (list, disagreement);
        }
    }
  /* Stable: open ones first, each group still by form and question. */
  g_ptr_array_sort (list, compare_disagreements);
  return g_steal_pointer (&list);
}

/* Tombstones the answers of @response_id to questions its other answers
 * now skip. */
static gboolean
drop_skipped_answers (PlStore     *self,
                      PlSurvey    *survey,
                      const char  *response_id,
                      const char  *hlc,
                      GError     **error)
{
  g_autoptr(PlSurveyResponse) response = pl_store_load_response (self, response_id, error);
  GHashTable *answers;

  if (response == NULL)
    return FALSE;
  answers = pl_survey_response_get_answers (response);
  for (guint i = 0; i < pl_survey_get_n_questions (survey); i++)
    {
      PlQuestion *question = pl_survey_get_question (survey, i);
      const char *id = pl_question_get_id (question);

      if (g_hash_table_contains (answers, id) &&
          !pl_survey_question_is_shown (survey, question, answers))
        {
          g_autofree char *answer_id = derived_id (response_id, id, NULL);

          g_hash_table_remove (answers, id);
          if (!tombstone (self, _pl_store_lookup_entity ("answers"), answer_id, hlc, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
pl_store_reconcile_answer (PlStore     *self,
                           const char  *first_response_id,
                           const char  *question_id,
                           const char  *final_value,
                           const char  *supervisor,
                           GError     **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("answers");
  g_autoptr(PlSurveyResponse) first = NULL;
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *answer_id = derived_id (first_response_id, question_id, NULL);
  g_autofree char *hlc = NULL;
  g_autofree char *now = now_utc ();
  g_autofree char *second_id = NULL;
  g_autofree char *second_keyer = NULL;
  g_autofree char *keyed = NULL;
  PlQuestion *question;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (supervisor != NULL, FALSE);

  if (final_value != NULL && *final_value == '\0')
    final_value = NULL;
  if (!_pl_store_begin (self, error))
    return FALSE;
  first = pl_store_load_response (self, first_response_id, error);
  if (first == NULL)
    goto failed;
  survey = load_survey_structure (self, pl_survey_response_get_survey_id (first), error);
  if (survey == NULL)
    goto failed;
  question = pl_survey_find_question (survey, question_id);
  if (question == NULL)
    {
      g_set_error_literal (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_ANSWER,
                           _("An answer is for a question this survey version does not have"));
      goto failed;
    }
  if (!pl_question_check_value (question, final_value, error))
    goto failed;
  second_id = find_form_id (self, pl_survey_response_get_form_code (first), 2, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  if (second_id != NULL)
    {
      g_autoptr(PlSurveyResponse) second = pl_store_load_response (self, second_id, error);

      if (second == NULL)
        goto failed;
      second_keyer = g_strdup (pl_survey_response_get_entered_by (second));
    }
  if ((pl_survey_response_get_entered_by (first) != NULL &&
       g_strcmp0 (pl_survey_response_get_entered_by (first), supervisor) == 0) ||
      (second_keyer != NULL && g_strcmp0 (second_keyer, supervisor) == 0))
    {
      /* A keyer settling a disagreement with their own keying is not a check. */
      g_set_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_INVALID,
                   _("%s keyed this form; someone else must settle what the paper says"), supervisor);
      goto failed;
    }

  row = _pl_store_read_row (self, entity, answer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  if (row != NULL && g_strcmp0 (row_text (row, "deleted"), "1") != 0)
    keyed = g_strdup (row_text (row, "reconciled_by") != NULL ? row_text (row, "keyed_value")
                      : row_text (row, "value"));

  {
    const char *values[] = {
      first_response_id, question_id, final_value, keyed, supervisor, now,
    };

    hlc = pl_clock_now (pl_store_get_clock (self));
    if (!_pl_store_write_row (self, entity, answer_id, values, FALSE, hlc, error))
      goto failed;
  }

  /* The paper's value may hide questions its skip rules now pass over. */
  if (!drop_skipped_answers (self, survey, first_response_id, hlc, error))
    goto failed;
  if (second_id != NULL && !update_verification (self, first_response_id, second_id, hlc, error))
    goto failed;
  if (!_pl_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/* Walks every compared answer of a batch's pairs. */
typedef void (*ComparedFunc) (Pair     *pair,
                              Compared *item,
                              gpointer  user_data);

static gboolean
foreach_compared (PlStore      *self,
                  const char   *batch_id,
                  ComparedFunc  func,
                  gpointer      user_data,
                  GError      **error)
{
  g_autoptr(GPtrArray) pairs = list_pairs (self, batch_id, error);

  if (pairs == NULL)
    return FALSE;
  for (guint p = 0; p < pairs->len; p++)
    {
      g_autoptr(GPtrArray) compared = compare_form (self, ((Pair *) pairs->pdata[p])->first_id,
                                                    ((Pair *) pairs->pdata[p])->second_id, error);

      if (compared == NULL)
        return FALSE;
      for (guint i = 0; i < compared->len; i++)
        func (pairs->pdata[p], compared->pdata[i], user_data);
    }
  return TRUE;
}

static void
count_compared (Pair     *pair,
                Compared *item,
                gpointer  user_data)
{
  PlEntryStats *stats = user_data;
  guint wrong = 0;

  stats->n_compared++;
  if (!differ (item->first, item->second))
    return;
  stats->n_disagreements++;
  if (item->reconciled_by == NULL)
    {
      /* One of the two is wrong; which one waits for a supervisor. */
      stats->n_open++;
      wrong = 1;
    }
  else
    wrong = (differ (item->first, item->final) ? 1 : 0) + (differ (item->second, item->final) ? 1 : 0);
  stats->error_rate += wrong;
}

gboolean
pl_store_get_entry_stats (PlStore       *self,
                          const char    *batch_id,
                          PlEntryStats  *stats,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  guint n_second_answers;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  stmt = _pl_store_prepare (self,
                            "SELECT sum(r.keying = 1), sum(r.keying = 2),"
                            " coalesce(sum(r.keyed_seconds), 0),"
                            " (SELECT count(*) FROM answers a JOIN responses x ON x.id = a.response_id"
                            "   WHERE x.deleted = 0 AND x.keying = 1 AND a.deleted = 0"
                            "   AND a.value IS NOT NULL AND (?1 IS NULL OR x.batch_id = ?1)),"
                            " (SELECT count(*) FROM answers a JOIN responses x ON x.id = a.response_id"
                            "   WHERE x.deleted = 0 AND x.keying = 2 AND a.deleted = 0"
                            "   AND a.value IS NOT NULL AND (?1 IS NULL OR x.batch_id = ?1))"
                            " FROM responses r WHERE r.deleted = 0 AND (?1 IS NULL OR r.batch_id = ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, batch_id, -1, SQLITE_TRANSIENT);
  if (!step_row (self, stmt, &found, error))
    return FALSE;
  stats->n_forms = sqlite3_column_int (stmt, 0);
  stats->n_second = sqlite3_column_int (stmt, 1);
  stats->keyed_seconds = sqlite3_column_double (stmt, 2);
  stats->n_answers = sqlite3_column_int (stmt, 3);
  n_second_answers = sqlite3_column_int (stmt, 4);
  sqlite3_reset (stmt);

  if (stats->keyed_seconds > 0)
    {
      stats->forms_per_hour = (stats->n_forms + stats->n_second) / (stats->keyed_seconds / 3600.0);
      stats->answers_per_minute = (stats->n_answers + n_second_answers) /
                                  (stats->keyed_seconds / 60.0);
    }

  if (!foreach_compared (self, batch_id, count_compared, stats, error))
    return FALSE;
  /* count_compared() summed wrong values in error_rate. */
  stats->error_rate = stats->n_compared > 0 ? stats->error_rate / (2.0 * stats->n_compared) : 0;
  stats->agreement_rate = stats->n_compared > 0
                          ? (double) (stats->n_compared - stats->n_disagreements) / stats->n_compared
                          : 1.0;
  return TRUE;
}

typedef struct
{
  GHashTable *compared;  /* keyer → guint count */
  GHashTable *agreed;
} KeyerCounts;

static void
bump (GHashTable *table,
      const char *keyer)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, keyer));

  g_hash_table_replace (table, g_strdup (keyer), GUINT_TO_POINTER (n + 1));
}

static void
count_keyers (Pair     *pair,
              Compared *item,
              gpointer  user_data)
{
  KeyerCounts *counts = user_data;
  const char *first = pair->first_keyer ? pair->first_keyer : "";
  const char *second = pair->second_keyer ? pair->second_keyer : "";

  /* Only answers whose true value is known (agreed, or settled by a
   * supervisor) say who keyed right. */
  if (differ (item->first, item->second) && item->reconciled_by == NULL)
    return;
  bump (counts->compared, first);
  bump (counts->compared, second);
  if (!differ (item->first, item->final))
    bump (counts->agreed, first);
  if (!differ (item->second, item->final))
    bump (counts->agreed, second);
}

GHashTable *
pl_store_get_keyer_agreement (PlStore     *self,
                              const char  *batch_id,
                              GError     **error)
{
  KeyerCounts counts;
  GHashTable *rates;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  counts.compared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  counts.agreed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!foreach_compared (self, batch_id, count_keyers, &counts, error))
    {
      g_hash_table_unref (counts.compared);
      g_hash_table_unref (counts.agreed);
      return NULL;
    }

  rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, counts.compared);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *rate = g_new (double, 1);

      *rate = (double) GPOINTER_TO_UINT (g_hash_table_lookup (counts.agreed, key)) /
              GPOINTER_TO_UINT (value);
      g_hash_table_insert (rates, g_strdup (key), rate);
    }
  g_hash_table_unref (counts.compared);
  g_hash_table_unref (counts.agreed);
  return rates;
}

gboolean
pl_store_keep_response (PlStore     *self,
                        const char  *response_id,
                        GError     **error)
{
  g_autoptr(PlSurveyResponse) kept = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *hlc = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  if (!_pl_store_begin (self, error))
    return FALSE;
  kept = pl_store_load_response (self, response_id, error);
  if (kept == NULL)
    goto failed;
  if (pl_survey_response_get_form_code (kept) == NULL)
    {
      _pl_store_rollback (self);
      return TRUE;
    }
  stmt = _pl_store_prepare (self,
                            "SELECT id FROM responses WHERE form_code = ? AND keying = ?"
                            " AND deleted = 0 AND id != ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, pl_survey_response_get_form_code (kept), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, pl_survey_response_get_keying (kept));
  sqlite3_bind_text (stmt, 3, response_id, -1, SQLITE_TRANSIENT);
  others = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (others, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("look for forms keyed twice"), error);
      goto failed;
    }
  hlc = pl_clock_now (pl_store_get_clock (self));
  for (guint i = 0; i < others->len; i++)
    {
      g_autoptr(GPtrArray) answer_ids = list_ids (self,
                                                  "SELECT id FROM answers WHERE response_id = ?"
                                                  " AND deleted = 0", others->pdata[i], error);

      if (answer_ids == NULL)
        goto failed;
      for (guint a = 0; a < answer_ids->len; a++)
        if (!tombstone (self, _pl_store_lookup_entity ("answers"), answer_ids->pdata[a], hlc, error))
          goto failed;
      if (!tombstone (self, _pl_store_lookup_entity ("responses"), others->pdata[i], hlc, error))
        goto failed;
    }
  if (!_pl_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}
