/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pl-normalize.h"
#include "pl-store-private.h"

/* The family directory's part of PlStore: families with their guardians and
 * students, written with journal entries and kept searchable. */

#define MAX_COLUMNS 24

guint
_pl_store_n_columns (const PlEntity *entity)
{
  guint n = 0;

  while (entity->columns[n].name)
    n++;
  return n;
}

/* Reads a row's columns as text (NULL for SQL NULL), plus "hlc" and "deleted".
 * Returns NULL when the row does not exist. */
GHashTable *
_pl_store_read_row (PlStore         *self,
          const PlEntity  *entity,
          const char      *id,
          GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT hlc, deleted");
  GHashTable *row;
  sqlite3_stmt *stmt;
  guint n = _pl_store_n_columns (entity);
  int rc;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, ", %s", entity->columns[i].name);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", entity->table);

  stmt = _pl_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("read the database"), error);
      return NULL;
    }

  row = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (row, (gpointer) "hlc", g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_hash_table_insert (row, (gpointer) "deleted", g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (row, (gpointer) entity->columns[i].name,
                         g_strdup ((const char *) sqlite3_column_text (stmt, i + 2)));
  sqlite3_reset (stmt);
  return row;
}

static void
json_add_value (JsonBuilder *builder,
                const char  *name,
                char         type,
                const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else if (type == 'i')
    json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
  else
    json_builder_add_string_value (builder, value);
}

/* Before a row's first update, record every field at the row's clock, so from
 * then on each field has its own (see the field_clocks table). */
gboolean
_pl_store_split_field_clocks (PlStore         *self,
                    const PlEntity  *entity,
                    const char      *id,
                    const char      *row_hlc,
                    GError         **error)
{
  sqlite3_stmt *stmt;
  guint n = _pl_store_n_columns (entity);

  stmt = _pl_store_prepare (self, "INSERT OR IGNORE INTO field_clocks (entity, row_id, field, hlc)"
                                  " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i <= n; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, entity->table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, i < n ? entity->columns[i].name : "deleted", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, row_hlc, -1, SQLITE_TRANSIENT);
      if (!_pl_store_step_done (self, stmt, _("save the change"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_pl_store_set_field_clock (PlStore     *self,
                 const char  *table,
                 const char  *id,
                 const char  *field,
                 const char  *hlc,
                 GError     **error)
{
  sqlite3_stmt *stmt =
    _pl_store_prepare (self, "INSERT OR REPLACE INTO field_clocks (entity, row_id, field, hlc)"
                             " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, hlc, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("save the change"), error))
    return FALSE;
  return TRUE;
}

/* The newest clock among the fields about to change (the row's clock for
 * fields never changed on their own). */
static char *
changed_fields_clock (PlStore            *self,
                      const PlEntity     *entity,
                      const char         *id,
                      const char         *row_hlc,
                      const char *const  *changed,
                      guint               n_changed,
                      gboolean            deleted_changed,
                      GError            **error)
{
  g_autoptr(GHashTable) clocks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *newest = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (self, "SELECT field, hlc FROM field_clocks"
                                  " WHERE entity = ? AND row_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (clocks, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the database"), error);
      return NULL;
    }

  for (guint i = 0; i <= n_changed; i++)
    {
      const char *field = i < n_changed ? changed[i] : (deleted_changed ? "deleted" : NULL);
      const char *clock;

      if (field == NULL)
        continue;
      clock = g_hash_table_lookup (clocks, field);
      if (clock == NULL)
        clock = row_hlc;
      if (pl_hlc_compare (clock, newest) > 0)
        newest = clock;
    }
  return g_strdup (newest ? newest : row_hlc);
}

/* Writes one row: inserts it when it does not exist, otherwise updates only
 * the columns whose value differs (and @deleted, when it differs), with field
 * clocks and one journal entry. @values are text in the entity's column order. */
gboolean
_pl_store_write_row (PlStore            *self,
           const PlEntity     *entity,
           const char         *id,
           const char *const  *values,
           gboolean            deleted,
           const char         *hlc,
           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) old = _pl_store_read_row (self, entity, id, &local_error);
  g_autoptr(GString) sql = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char *changed[MAX_COLUMNS + 1];
  g_autofree char *base_hlc = NULL;
  guint n = _pl_store_n_columns (entity), n_changed = 0;
  gboolean deleted_changed;
  sqlite3_stmt *stmt;
  int bind = 1;

  g_assert (n <= MAX_COLUMNS);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (old == NULL)
    {
      if (deleted)
        return TRUE;

      sql = g_string_new (NULL);
      g_string_append_printf (sql, "INSERT INTO %s (id, hlc, origin", entity->table);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (sql, ", %s", entity->columns[i].name);
      g_string_append (sql, ") VALUES (?, ?, ?");
      for (guint i = 0; i < n; i++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');

      stmt = _pl_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, bind++, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, bind++, hlc, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, bind++, pl_store_get_device_id (self), -1, SQLITE_STATIC);
      for (guint i = 0; i < n; i++)
        sqlite3_bind_text (stmt, bind++, values[i], -1, SQLITE_TRANSIENT);
      if (!_pl_store_step_done (self, stmt, _("save the change"), error))
        return FALSE;
      return _pl_store_journal (self, entity->table, id, "insert", NULL, hlc, NULL, error);
    }

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (g_hash_table_lookup (old, entity->columns[i].name), values[i]) != 0)
      changed[n_changed++] = entity->columns[i].name;
  deleted_changed = (g_strcmp0 (g_hash_table_lookup (old, "deleted"), "1") == 0) != !!deleted;

  if (n_changed == 0 && !deleted_changed)
    return TRUE;

  /* What this device saw of the fields it changes: the server calls it a
   * conflict when one of them moved on since. */
  base_hlc = changed_fields_clock (self, entity, id, g_hash_table_lookup (old, "hlc"), changed,
                                   n_changed, deleted_changed, error);
  if (base_hlc == NULL)
    return FALSE;

  sql = g_string_new (NULL);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  g_string_append_printf (sql, "UPDATE %s SET hlc = ?, origin = ?, deleted = ?", entity->table);
  for (guint i = 0, c = 0; i < n && c < n_changed; i++)
    if (entity->columns[i].name == changed[c])
      {
        g_string_append_printf (sql, ", %s = ?", changed[c]);
        json_add_value (builder, changed[c], entity->columns[i].type, values[i]);
        c++;
      }
  if (deleted_changed)
    {
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_boolean_value (builder, deleted);
    }
  json_builder_end_object (builder);
  g_string_append (sql, " WHERE id = ?");

  stmt = _pl_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, bind++, hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, bind++, pl_store_get_device_id (self), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, bind++, deleted ? 1 : 0);
  for (guint i = 0, c = 0; i < n && c < n_changed; i++)
    if (entity->columns[i].name == changed[c])
      {
        sqlite3_bind_text (stmt, bind++, values[i], -1, SQLITE_TRANSIENT);
        c++;
      }
  sqlite3_bind_text (stmt, bind++, id, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("save the change"), error))
    return FALSE;

  if (!_pl_store_split_field_clocks (self, entity, id, g_hash_table_lookup (old, "hlc"), error))
    return FALSE;
  for (guint c = 0; c < n_changed; c++)
    if (!_pl_store_set_field_clock (self, entity->table, id, changed[c], hlc, error))
      return FALSE;
  if (deleted_changed && !_pl_store_set_field_clock (self, entity->table, id, "deleted", hlc, error))
    return FALSE;

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  return _pl_store_journal (self, entity->table, id, "update", json, hlc, base_hlc, error);
}

static char *
int_text (int value)
{
  return g_strdup_printf ("%d", value);
}

static gboolean
write_guardian (PlStore     *self,
                PlGuardian  *guardian,
                const char  *family_id,
                guint        position,
                const char  *hlc,
                GError     **error)
{
  g_autofree char *pos = int_text (position);
  const char *values[] = {
    family_id, pos,
    pl_guardian_get_full_name (guardian), pl_guardian_get_relationship (guardian),
    pl_guardian_get_phone (guardian), pl_guardian_get_phone_alt (guardian),
    pl_guardian_get_email (guardian), pl_guardian_get_preferred_language (guardian),
    pl_guardian_get_needs_interpreter (guardian) ? "1" : "0",
    pl_guardian_get_can_text (guardian) ? "1" : "0",
  };

  return _pl_store_write_row (self, _pl_store_lookup_entity ("guardians"), pl_guardian_get_id (guardian),
                    values, FALSE, hlc, error);
}

static gboolean
write_student (PlStore     *self,
               PlStudent   *student,
               const char  *family_id,
               guint        position,
               const char  *hlc,
               GError     **error)
{
  g_autofree char *pos = int_text (position);
  g_autofree char *grade = int_text (pl_student_get_grade (student));
  const char *values[] = {
    family_id, pos,
    pl_student_get_district_id (student), pl_student_get_full_name (student),
    pl_student_get_school_id (student), grade,
    pl_student_get_emerging_bilingual (student) ? "1" : "0",
    pl_student_get_iep (student) ? "1" : "0",
    pl_student_get_plan_504 (student) ? "1" : "0",
  };

  return _pl_store_write_row (self, _pl_store_lookup_entity ("students"), pl_student_get_id (student),
                    values, FALSE, hlc, error);
}

/* Tombstones the live children of @family_id in @table whose ids are not in @keep. */
static gboolean
remove_children (PlStore     *self,
                 const char  *table,
                 const char  *family_id,
                 GHashTable  *keep,
                 const char  *hlc,
                 GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE family_id = ? AND deleted = 0",
                                          table);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  const PlEntity *entity = _pl_store_lookup_entity (table);
  sqlite3_stmt *stmt = _pl_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      if (keep == NULL || !g_hash_table_contains (keep, id))
        g_ptr_array_add (gone, g_strdup (id));
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the database"), error);
      return FALSE;
    }

  for (guint i = 0; i < gone->len; i++)
    {
      const char *id = g_ptr_array_index (gone, i);
      g_autoptr(GHashTable) row = _pl_store_read_row (self, entity, id, error);
      const char *values[MAX_COLUMNS];
      guint n = _pl_store_n_columns (entity);

      if (row == NULL)
        return FALSE;
      for (guint c = 0; c < n; c++)
        values[c] = g_hash_table_lookup (row, entity->columns[c].name);
      if (!_pl_store_write_row (self, entity, id, values, TRUE, hlc, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes @family, its guardians and its students inside the caller's
 * transaction, stamped @hlc: new rows inserted, changed fields updated,
 * guardians and students no longer in the family tombstoned, and the search
 * text rebuilt. Does not validate. */
gboolean
_pl_store_write_family (PlStore     *self,
                        PlFamily    *family,
                        const char  *hlc,
                        GError     **error)
{
  g_autoptr(GHashTable) keep_guardians = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keep_students = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));
  GListModel *students = G_LIST_MODEL (pl_family_get_students (family));
  const char *family_id = pl_family_get_id (family);

  {
    const char *values[] = {
      pl_family_get_household_name (family), pl_family_get_address (family),
      pl_family_get_city (family), pl_family_get_zip (family),
      pl_family_get_home_language (family), pl_family_get_notes (family),
    };
    if (!_pl_store_write_row (self, _pl_store_lookup_entity ("families"), family_id, values, FALSE, hlc,
                    error))
      return FALSE;
  }

  for (guint i = 0; i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      g_hash_table_add (keep_guardians, (gpointer) pl_guardian_get_id (guardian));
      if (!write_guardian (self, guardian, family_id, i, hlc, error))
        return FALSE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (students); i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, i);

      g_hash_table_add (keep_students, (gpointer) pl_student_get_id (student));
      if (!write_student (self, student, family_id, i, hlc, error))
        return FALSE;
    }

  return remove_children (self, "guardians", family_id, keep_guardians, hlc, error) &&
         remove_children (self, "students", family_id, keep_students, hlc, error) &&
         _pl_store_update_family_search (self, family_id, error);
}

/**
 * pl_store_save_family:
 *
 * Validates @family, then writes it, its guardians and its students in one
 * transaction: new rows are inserted, changed fields updated, guardians and
 * students no longer in the family tombstoned, each with a journal entry, and
 * the family's search text rebuilt. Nothing is written if anything fails.
 */
gboolean
pl_store_save_family (PlStore   *self,
                      PlFamily  *family,
                      GError   **error)
{
  g_autofree char *hlc = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_FAMILY (family), FALSE);

  if (!pl_family_validate (family, error))
    return FALSE;

  if (!_pl_store_begin (self, error))
    return FALSE;

  hlc = pl_clock_now (pl_store_get_clock (self));
  if (!_pl_store_write_family (self, family, hlc, error) ||
      !_pl_store_commit (self, error))
    {
      _pl_store_rollback (self);
      return FALSE;
    }

  _pl_store_emit_family_changed (self, pl_family_get_id (family));
  return TRUE;
}

static gboolean
set_family_deleted (PlStore     *self,
                    const char  *id,
                    gboolean     deleted,
                    GError     **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("families");
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hlc = NULL;
  const char *values[MAX_COLUMNS];
  const char *deleted_hlc;
  guint n = _pl_store_n_columns (entity);

  if (!_pl_store_begin (self, error))
    return FALSE;

  row = _pl_store_read_row (self, entity, id, &local_error);
  if (row == NULL)
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                     _("That family is no longer in the database"));
      goto failed;
    }
  if ((g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0) == deleted)
    {
      _pl_store_rollback (self);
      return TRUE;
    }

  hlc = pl_clock_now (pl_store_get_clock (self));
  deleted_hlc = g_hash_table_lookup (row, "hlc");
  for (guint c = 0; c < n; c++)
    values[c] = g_hash_table_lookup (row, entity->columns[c].name);
  if (!_pl_store_write_row (self, entity, id, values, deleted, hlc, error))
    goto failed;

  if (deleted)
    {
      sqlite3_stmt *stmt;

      if (!remove_children (self, "guardians", id, NULL, hlc, error) ||
          !remove_children (self, "students", id, NULL, hlc, error))
        goto failed;
      stmt = _pl_store_prepare (self, "DELETE FROM family_fts WHERE rowid ="
                                      " (SELECT rowid FROM families WHERE id = ?)", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (!_pl_store_step_done (self, stmt, _("update the search index"), error))
        goto failed;
    }
  else
    {
      /* Bring back the guardians and students that went with the family: the
       * ones tombstoned by that same change, not those removed earlier. */
      const char *tables[] = { "guardians", "students" };

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          const PlEntity *child = _pl_store_lookup_entity (tables[t]);
          g_autofree char *sql =
            g_strdup_printf ("SELECT id FROM %s WHERE family_id = ? AND deleted = 1 AND hlc = ?",
                             tables[t]);
          g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
          sqlite3_stmt *stmt = _pl_store_prepare (self, sql, error);
          int rc;

          if (stmt == NULL)
            goto failed;
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, deleted_hlc, -1, SQLITE_TRANSIENT);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          if (rc != SQLITE_DONE)
            {
              _pl_store_set_error (self, rc, _("read the database"), error);
              goto failed;
            }
          for (guint i = 0; i < ids->len; i++)
            {
              g_autoptr(GHashTable) child_row = _pl_store_read_row (self, child, g_ptr_array_index (ids, i),
                                                          error);
              const char *child_values[MAX_COLUMNS];

              if (child_row == NULL)
                goto failed;
              for (guint c = 0; child->columns[c].name; c++)
                child_values[c] = g_hash_table_lookup (child_row, child->columns[c].name);
              if (!_pl_store_write_row (self, child, g_ptr_array_index (ids, i), child_values, FALSE, hlc,
                              error))
                goto failed;
            }
        }
      if (!_pl_store_update_family_search (self, id, error))
        goto failed;
    }

  if (!_pl_store_commit (self, error))
    goto failed;
  _pl_store_emit_family_changed (self, id);
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/**
 * pl_store_delete_family:
 *
 * Tombstones the family with its guardians and students: they disappear from
 * lists and search, but stay in the file so the deletion can sync and be undone.
 */
gboolean
pl_store_delete_family (PlStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  return set_family_deleted (self, id, TRUE, error);
}

gboolean
pl_store_restore_family (PlStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  return set_family_deleted (self, id, FALSE, error);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/**
 * pl_store_load_family:
 *
 * Returns: (transfer full): the family with its guardians and students, or
 *   %NULL with %PL_STORE_ERROR_NOT_FOUND when it does not exist or was deleted
 */
PlFamily *
pl_store_load_family (PlStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(PlFamily) family = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _pl_store_prepare (self,
                            "SELECT household_name, address, city, zip, home_language, notes"
                            " FROM families WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("That family is no longer in the database"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("read the family"), error);
      return NULL;
    }
  family = g_object_new (PL_TYPE_FAMILY,
                         "id", id,
                         "household-name", column_text (stmt, 0),
                         "address", column_text (stmt, 1),
                         "city", column_text (stmt, 2),
                         "zip", column_text (stmt, 3),
                         "home-language", column_text (stmt, 4),
                         "notes", column_text (stmt, 5),
                         NULL);
  sqlite3_reset (stmt);

  stmt = _pl_store_prepare (self,
                            "SELECT id, full_name, relationship, phone, phone_alt, email,"
                            " preferred_language, needs_interpreter, can_text FROM guardians"
                            " WHERE family_id = ? AND deleted = 0 ORDER BY position, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PlGuardian) guardian =
        g_object_new (PL_TYPE_GUARDIAN,
                      "id", column_text (stmt, 0),
                      "full-name", column_text (stmt, 1),
                      "relationship", column_text (stmt, 2),
                      "phone", column_text (stmt, 3),
                      "phone-alt", column_text (stmt, 4),
                      "email", column_text (stmt, 5),
                      "preferred-language", column_text (stmt, 6),
                      "needs-interpreter", sqlite3_column_int (stmt, 7) != 0,
                      "can-text", sqlite3_column_int (stmt, 8) != 0,
                      NULL);
      g_list_store_append (pl_family_get_guardians (family), guardian);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the guardians"), error);
      return NULL;
    }

  stmt = _pl_store_prepare (self,
                            "SELECT id, district_id, full_name, school_id, grade,"
                            " emerging_bilingual, iep, plan_504 FROM students"
                            " WHERE family_id = ? AND deleted = 0 ORDER BY position, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PlStudent) student =
        g_object_new (PL_TYPE_STUDENT,
                      "id", column_text (stmt, 0),
                      "district-id", column_text (stmt, 1),
                      "full-name", column_text (stmt, 2),
                      "school-id", column_text (stmt, 3),
                      "grade", sqlite3_column_int (stmt, 4),
                      "emerging-bilingual", sqlite3_column_int (stmt, 5) != 0,
                      "iep", sqlite3_column_int (stmt, 6) != 0,
                      "plan-504", sqlite3_column_int (stmt, 7) != 0,
                      NULL);
      g_list_store_append (pl_family_get_students (family), student);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the students"), error);
      return NULL;
    }

  return g_steal_pointer (&family);
}

char *
_pl_store_build_search_text (const char        *household_name,
                             const char *const *names,
                             const char *const *phones,
                             const char *const *district_ids)
{
  GString *raw = g_string_new (household_name);
  g_autofree char *folded = NULL;
  GString *out;

  for (guint i = 0; names && names[i]; i++)
    g_string_append_printf (raw, " %s", names[i]);
  folded = pl_normalize_text (raw->str);
  g_string_free (raw, TRUE);

  out = g_string_new (folded);
  for (guint i = 0; phones && phones[i]; i++)
    {
      g_autofree char *tokens = pl_normalize_phone_tokens (phones[i]);
      if (*tokens)
        g_string_append_printf (out, " %s", tokens);
    }
  for (guint i = 0; district_ids && district_ids[i]; i++)
    {
      g_autofree char *id = pl_normalize_text (district_ids[i]);
      if (*id)
        g_string_append_printf (out, " %s", id);
    }
  return g_string_free (out, FALSE);
}

static gboolean
collect_strings (PlStore     *self,
                 const char  *sql,
                 const char  *family_id,
                 GPtrArray   *out,
                 GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
        g_ptr_array_add (out, g_strdup (column_text (stmt, c)));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the database"), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pl_store_update_family_search (PlStore     *self,
                                const char  *family_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) district_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *household = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sort_key = NULL;
  sqlite3_stmt *stmt;
  gint64 rowid;

  stmt = _pl_store_prepare (self, "SELECT rowid, household_name FROM families WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _pl_store_set_error (self, sqlite3_errcode (_pl_store_get_db (self)),
                           _("update the search index"), error);
      return FALSE;
    }
  rowid = sqlite3_column_int64 (stmt, 0);
  household = g_strdup (column_text (stmt, 1));
  sqlite3_reset (stmt);

  if (!collect_strings (self, "SELECT full_name FROM guardians WHERE family_id = ?1 AND deleted = 0"
                              " UNION ALL SELECT full_name FROM students"
                              " WHERE family_id = ?1 AND deleted = 0", family_id, names, error))
    return FALSE;
  if (!collect_strings (self, "SELECT phone, phone_alt FROM guardians"
                              " WHERE family_id = ? AND deleted = 0", family_id, phones, error))
    return FALSE;
  if (!collect_strings (self, "SELECT district_id FROM students"
                              " WHERE family_id = ? AND deleted = 0", family_id, district_ids,
                        error))
    return FALSE;
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (phones, NULL);
  g_ptr_array_add (district_ids, NULL);

  text = _pl_store_build_search_text (household, (const char *const *) names->pdata,
                                      (const char *const *) phones->pdata,
                                      (const char *const *) district_ids->pdata);
  sort_key = pl_normalize_text (household);

  stmt = _pl_store_prepare (self, "INSERT OR REPLACE INTO family_fts (rowid, text) VALUES (?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("update the search index"), error))
    return FALSE;

  stmt = _pl_store_prepare (self, "UPDATE families SET sort_key = ? WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sort_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rowid);
  if (!_pl_store_step_done (self, stmt, _("update the search index"), error))
    return FALSE;
  return TRUE;
}

/**
 * pl_store_search_families:
 * @query: what a person typed
 * @limit: the most ids to return
 *
 * Returns: (transfer full): ids of matching families, best match first
 */
GStrv
pl_store_search_families (PlStore     *self,
                          const char  *query,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *match = pl_normalize_query (query);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  if (match == NULL)
    return g_strv_builder_end (builder);

  stmt = _pl_store_prepare (self,
                            "SELECT f.id FROM family_fts JOIN families f ON f.rowid = family_fts.rowid"
                            " WHERE family_fts MATCH ? AND f.deleted = 0"
                            " ORDER BY family_fts.rank, f.sort_key LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("search the families"), error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}
