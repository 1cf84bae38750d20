/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-merge.h"
#include "pl-store-private.h"
#include "pl-util-private.h"

/* The one merge rule of DESIGN.md "Sync", used by the server on every push and
 * by clients on every pulled page: per field, the higher hybrid logical clock
 * wins, so every replica converges whatever order changes arrive in. */

#define MAX_FIELDS 32
#define DELETED_TYPE 'b'

G_DEFINE_QUARK (pl-merge-error-quark, pl_merge_error)

void
pl_merge_result_init (PlMergeResult *result)
{
  result->n_conflicts = 0;
  result->touched = g_ptr_array_new_with_free_func (g_free);
}

void
pl_merge_result_clear (PlMergeResult *result)
{
  g_clear_pointer (&result->touched, g_ptr_array_unref);
}

/* A row as text values and clocks, "deleted" last. */
typedef struct
{
  const PlEntity *entity;
  guint           n;        /* columns, not counting "deleted" */
  gboolean        exists;
  char           *row_hlc;
  char           *origin;
  char           *values[MAX_FIELDS + 1];
  char           *clocks[MAX_FIELDS + 1];
  gboolean        given[MAX_FIELDS + 1];
} Row;

static void
row_clear (Row *row)
{
  g_free (row->row_hlc);
  g_free (row->origin);
  for (guint i = 0; i <= row->n; i++)
    {
      g_free (row->values[i]);
      g_free (row->clocks[i]);
    }
}

static const char *
field_name (const Row *row,
            guint      i)
{
  return i < row->n ? row->entity->columns[i].name : "deleted";
}

static char
field_type (const Row *row,
            guint      i)
{
  return i < row->n ? row->entity->columns[i].type : DELETED_TYPE;
}

static int
field_index (const Row  *row,
             const char *name)
{
  for (guint i = 0; i <= row->n; i++)
    if (g_str_equal (field_name (row, i), name))
      return (int) i;
  return -1;
}

static gboolean
row_init (Row         *row,
          const char  *entity_name,
          const char  *change_id,
          GError     **error)
{
  memset (row, 0, sizeof *row);
  row->entity = _pl_store_lookup_entity (entity_name);
  if (row->entity == NULL)
    {
      g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_UNKNOWN_ENTITY,
                   /* Translators: first %s is a change id, second an entity name */
                   _("Change %s: there is no entity “%s”"), change_id, entity_name);
      return FALSE;
    }
  while (row->entity->columns[row->n].name)
    row->n++;
  g_assert (row->n <= MAX_FIELDS);
  return TRUE;
}

/* Reads the stored row and its field clocks (a row with none has every field
 * at its row clock). */
static gboolean
row_load (Row         *row,
          PlStore     *store,
          const char  *id,
          GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT hlc, origin, deleted");
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < row->n; i++)
    g_string_append_printf (sql, ", %s", row->entity->columns[i].name);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", row->entity->table);

  stmt = _pl_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (store, rc, _("read the database"), error);
      return FALSE;
    }

  row->exists = TRUE;
  row->row_hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->values[row->n] = g_strdup (sqlite3_column_int (stmt, 2) ? "1" : "0");
  for (guint i = 0; i < row->n; i++)
    row->values[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i + 3));
  sqlite3_reset (stmt);

  for (guint i = 0; i <= row->n; i++)
    row->clocks[i] = g_strdup (row->row_hlc);

  stmt = _pl_store_prepare (store, "SELECT field, hlc FROM field_clocks"
                                   " WHERE entity = ? AND row_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->entity->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = field_index (row, (const char *) sqlite3_column_text (stmt, 0));
      if (i >= 0)
        {
          g_free (row->clocks[i]);
          row->clocks[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the database"), error);
      return FALSE;
    }
  return TRUE;
}

/* Turns a JSON value into the text SQLite stores, checking its type. */
static gboolean
json_to_text (JsonNode    *node,
              char         type,
              const char  *change_id,
              const char  *field,
              char       **out,
              GError     **error)
{
  *out = NULL;
  if (JSON_NODE_HOLDS_NULL (node) && type != DELETED_TYPE)
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType value_type = json_node_get_value_type (node);

      if (type == 't' && value_type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          if (!g_utf8_validate (text, -1, NULL))
            goto wrong_type;
          if (g_utf8_strlen (text, -1) > PL_MERGE_MAX_TEXT)
            {
              g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_TOO_LONG,
                           /* Translators: %s are a change id and a field name; %d a number */
                           _("Change %s: “%s” is longer than %d characters"),
                           change_id, field, PL_MERGE_MAX_TEXT);
              return FALSE;
            }
          *out = g_strdup (text);
          return TRUE;
        }
      if (type == 'i' && value_type == G_TYPE_INT64)
        {
          *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          return TRUE;
        }
      if (type == DELETED_TYPE && value_type == G_TYPE_BOOLEAN)
        {
          *out = g_strdup (json_node_get_boolean (node) ? "1" : "0");
          return TRUE;
        }
    }

wrong_type:
  g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
               /* Translators: %s are a change id and a field name */
               type == 't' ? _("Change %s: “%s” must be text or null")
               : type == 'i' ? _("Change %s: “%s” must be a whole number or null")
               : _("Change %s: “%s” must be true or false"),
               change_id, field);
  return FALSE;
}

static gboolean
add_conflict (PlStore       *store,
              const Row     *row,
              const char    *id,
              guint          field,
              const char    *winner_value,
              const char    *winner_hlc,
              const char    *loser_value,
              const char    *loser_hlc,
              const char    *loser_origin,
              PlMergeResult *result,
              GError       **error)
{
  g_autofree char *conflict_id = _pl_new_id ();
  g_autofree char *hlc = pl_clock_now (pl_store_get_clock (store));
  sqlite3_stmt *stmt;

  stmt = _pl_store_prepare (store,
                            "INSERT INTO conflicts (id, hlc, origin, entity, row_id, field,"
                            " winner_value, winner_hlc, loser_value, loser_hlc, loser_origin)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pl_store_get_device_id (store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->entity->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, field_name (row, field), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, winner_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, winner_hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, loser_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, loser_hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, loser_origin, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (store, stmt, _("keep a conflicting value"), error))
    return FALSE;

  result->n_conflicts++;
  g_ptr_array_add (result->touched, g_strdup_printf ("conflicts\t%s", conflict_id));
  return TRUE;
}

/* Keeps the search index right after a merge into the directory's tables. */
static gboolean
refresh_search (PlStore     *store,
                const Row   *row,
                const char  *id,
                GError     **error)
{
  g_autofree char *family_id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!g_str_equal (row->entity->table, "families") &&
      !g_str_equal (row->entity->table, "guardians") &&
      !g_str_equal (row->entity->table, "students"))
    return TRUE;

  family_id = pl_merge_family_of (store, row->entity->table, id, error);
  if (family_id == NULL)
    return error == NULL || *error == NULL;

  stmt = _pl_store_prepare (store, "SELECT rowid, deleted FROM families WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;  /* the family's own row comes later in the page */
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (store, rc, _("update the search index"), error);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 1) != 0)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      sqlite3_reset (stmt);
      stmt = _pl_store_prepare (store, "DELETE FROM family_fts WHERE rowid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      return _pl_store_step_done (store, stmt, _("update the search index"), error);
    }
  sqlite3_reset (stmt);
  return _pl_store_update_family_search (store, family_id, error);
}

/* Writes the fields of @incoming that win over @row. @clocks[i] is the clock
 * of incoming field i; @base, when set, is what the sender had seen, for
 * spotting concurrent edits. */
static gboolean
merge_row (PlStore       *store,
           Row           *row,
           const char    *id,
           char         **incoming,
           char         **clocks,
           const char    *origin,
           const char    *base,
           PlMergeResult *result,
           GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  gboolean taken[MAX_FIELDS + 1] = { FALSE };
  const char *top = NULL;
  guint n_taken = 0;
  sqlite3_stmt *stmt;
  int bind = 1;

  for (guint i = 0; i <= row->n; i++)
    {
      int order;
      gboolean differ;

      if (!row->given[i])
        continue;
      if (!row->exists)
        {
          taken[i] = TRUE;
          n_taken++;
          continue;
        }

      order = pl_hlc_compare (clocks[i], row->clocks[i]);
      differ = g_strcmp0 (incoming[i], row->values[i]) != 0;

      /* Two people changed this field without seeing each other's change:
       * the clock decides, and the losing value is kept for a person. */
      if (base != NULL && differ && pl_hlc_compare (row->clocks[i], base) > 0 && order != 0)
        {
          gboolean incoming_wins = order > 0;

          if (!add_conflict (store, row, id, i,
                             incoming_wins ? incoming[i] : row->values[i],
                             incoming_wins ? clocks[i] : row->clocks[i],
                             incoming_wins ? row->values[i] : incoming[i],
                             incoming_wins ? row->clocks[i] : clocks[i],
                             incoming_wins ? row->origin : origin,
                             result, error))
            return FALSE;
        }

      if (order > 0)
        {
          taken[i] = TRUE;
          n_taken++;
        }
    }

  if (n_taken == 0)
    return TRUE;

  for (guint i = 0; i <= row->n; i++)
    if (taken[i] && pl_hlc_compare (clocks[i], top) > 0)
      top = clocks[i];
  if (row->exists && pl_hlc_compare (row->row_hlc, top) > 0)
    top = row->row_hlc;

  if (!row->exists)
    {
      g_string_printf (sql, "INSERT INTO %s (id, hlc, origin", row->entity->table);
      for (guint i = 0; i <= row->n; i++)
        if (taken[i])
          g_string_append_printf (sql, ", %s", field_name (row, i));
      g_string_append (sql, ") VALUES (?, ?, ?");
      for (guint i = 0; i < n_taken; i++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  else
    {
      g_string_printf (sql, "UPDATE %s SET id = ?, hlc = ?, origin = ?", row->entity->table);
      for (guint i = 0; i <= row->n; i++)
        if (taken[i])
          g_string_append_printf (sql, ", %s = ?", field_name (row, i));
      g_string_append (sql, " WHERE id = ?1");
    }

  stmt = _pl_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, bind++, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, bind++, top, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, bind++, origin, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i <= row->n; i++)
    if (taken[i])
      sqlite3_bind_text (stmt, bind++, incoming[i], -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_errcode (_pl_store_get_db (store));

      sqlite3_reset (stmt);
      if ((rc & 0xFF) == SQLITE_CONSTRAINT)
        g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                     /* Translators: first %s an entity, second a row id, third SQLite's words */
                     _("The %s row %s cannot be stored: %s"), row->entity->table, id,
                     sqlite3_errmsg (_pl_store_get_db (store)));
      else
        _pl_store_set_error (store, rc, _("merge a change"), error);
      return FALSE;
    }

  /* Fields keep their own clocks once they differ from the row's. */
  if (row->exists)
    {
      if (!_pl_store_split_field_clocks (store, row->entity, id, row->row_hlc, error))
        return FALSE;
      for (guint i = 0; i <= row->n; i++)
        if (taken[i] && !_pl_store_set_field_clock (store, row->entity->table, id,
                                                    field_name (row, i), clocks[i], error))
          return FALSE;
    }
  else
    {
      gboolean uniform = TRUE;

      for (guint i = 0; i <= row->n; i++)
        if (taken[i] && g_strcmp0 (clocks[i], top) != 0)
          uniform = FALSE;
      for (guint i = 0; !uniform && i <= row->n; i++)
        if (taken[i] && !_pl_store_set_field_clock (store, row->entity->table, id,
                                                    field_name (row, i), clocks[i], error))
          return FALSE;
    }

  g_ptr_array_add (result->touched, g_strdup_printf ("%s\t%s", row->entity->table, id));
  return refresh_search (store, row, id, error);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Reads "fields" into @row->given and @values, checking every name and type. */
static gboolean
read_fields (Row         *row,
             JsonObject  *object,
             const char  *change_id,
             char       **values,
             GError     **error)
{
  JsonNode *fields_node = json_object_get_member (object, "fields");
  JsonObject *fields;
  g_autoptr(GList) names = NULL;

  if (fields_node == NULL || !JSON_NODE_HOLDS_OBJECT (fields_node))
    {
      g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                   _("Change %s has no “fields” object"), change_id);
      return FALSE;
    }
  fields = json_node_get_object (fields_node);
  names = json_object_get_members (fields);
  for (GList *l = names; l; l = l->next)
    {
      int i = field_index (row, l->data);

      if (i < 0)
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_UNKNOWN_FIELD,
                       /* Translators: %s are a change id, a field and an entity */
                       _("Change %s: there is no field “%s” in %s"), change_id,
                       (const char *) l->data, row->entity->table);
          return FALSE;
        }
      if (!json_to_text (json_object_get_member (fields, l->data), field_type (row, i),
                         change_id, l->data, &values[i], error))
        return FALSE;
      row->given[i] = TRUE;
    }
  return TRUE;
}

static gboolean
valid_id (const char *id)
{
  return id != NULL && *id != '\0' && strlen (id) <= 64 && g_utf8_validate (id, -1, NULL);
}

gboolean
pl_merge_apply_change (PlStore        *store,
                       JsonObject     *change,
                       const char     *origin,
                       PlMergeResult  *result,
                       GError        **error)
{
  const char *change_id = member_string (change, "change_id");
  const char *entity = member_string (change, "entity");
  const char *id = member_string (change, "id");
  const char *hlc = member_string (change, "hlc");
  const char *base = member_string (change, "base_hlc");
  char *values[MAX_FIELDS + 1] = { NULL };
  char *clocks[MAX_FIELDS + 1] = { NULL };
  gboolean ok = FALSE;
  Row row;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  if (change_id == NULL || entity == NULL || !valid_id (id) ||
      !pl_hlc_parse (hlc, NULL, NULL, NULL) || (base != NULL && !pl_hlc_parse (base, NULL, NULL, NULL)))
    {
      g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                   /* Translators: %s is a change id, or "?" */
                   _("Change %s needs a change_id, entity, id and a valid hlc"),
                   change_id ? change_id : "?");
      return FALSE;
    }
  if (!row_init (&row, entity, change_id, error))
    return FALSE;

  if (read_fields (&row, change, change_id, values, error) &&
      row_load (&row, store, id, error))
    {
      for (guint i = 0; i <= row.n; i++)
        clocks[i] = (char *) hlc;
      /* Everything here happened after what the sender saw. */
      pl_clock_observe (pl_store_get_clock (store), hlc);
      ok = merge_row (store, &row, id, values, clocks, origin, base, result, error);
    }

  for (guint i = 0; i <= row.n; i++)
    g_free (values[i]);
  row_clear (&row);
  return ok;
}

gboolean
pl_merge_apply_snapshot (PlStore        *store,
                         JsonObject     *snapshot,
                         PlMergeResult  *result,
                         GError        **error)
{
  const char *entity = member_string (snapshot, "entity");
  const char *id = member_string (snapshot, "id");
  JsonNode *clocks_node = json_object_get_member (snapshot, "clocks");
  char *values[MAX_FIELDS + 1] = { NULL };
  char *clocks[MAX_FIELDS + 1] = { NULL };
  const char *origin = NULL;
  gboolean ok = FALSE;
  Row row;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  if (entity == NULL || !valid_id (id) || clocks_node == NULL || !JSON_NODE_HOLDS_OBJECT (clocks_node))
    {
      g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                   _("A pulled row needs an entity, an id and clocks"));
      return FALSE;
    }
  if (!row_init (&row, entity, id, error))
    return FALSE;

  if (!read_fields (&row, snapshot, id, values, error) || !row_load (&row, store, id, error))
    goto out;

  for (guint i = 0; i <= row.n; i++)
    {
      const char *clock;

      if (!row.given[i])
        continue;
      clock = member_string (json_node_get_object (clocks_node), field_name (&row, i));
      if (!pl_hlc_parse (clock, NULL, NULL, NULL))
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                       /* Translators: %s are a row id and a field */
                       _("Row %s: the field “%s” has no valid clock"), id, field_name (&row, i));
          goto out;
        }
      clocks[i] = (char *) clock;
      if (pl_hlc_compare (clock, origin) > 0)
        origin = clock;
      pl_clock_observe (pl_store_get_clock (store), clock);
    }

  {
    /* The device of the newest clock made the row as it now stands. */
    const char *device = NULL;
    if (origin != NULL)
      pl_hlc_parse (origin, NULL, NULL, &device);
    ok = merge_row (store, &row, id, values, clocks, device ? device : "", NULL, result, error);
  }

out:
  for (guint i = 0; i <= row.n; i++)
    g_free (values[i]);
  row_clear (&row);
  return ok;
}

static JsonNode *
text_to_json (const char *text,
              char        type)
{
  if (type == DELETED_TYPE)
    return json_node_init_boolean (json_node_alloc (), g_strcmp0 (text, "1") == 0);
  if (text == NULL)
    return json_node_init_null (json_node_alloc ());
  if (type == 'i')
    return json_node_init_int (json_node_alloc (), g_ascii_strtoll (text, NULL, 10));
  return json_node_init_string (json_node_alloc (), text);
}

/**
 * pl_merge_read_snapshot:
 *
 * Returns: (transfer full): {entity, id, fields, clocks} for a pull reply
 */
JsonObject *
pl_merge_read_snapshot (PlStore     *store,
                        const char  *entity,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(JsonObject) snapshot = NULL;
  JsonObject *fields, *clocks;
  Row row;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  if (!row_init (&row, entity, id, error))
    return NULL;
  if (!row_load (&row, store, id, error))
    {
      row_clear (&row);
      return NULL;
    }
  if (!row.exists)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s are an entity and a row id */
                   _("There is no %s row %s"), entity, id);
      row_clear (&row);
      return NULL;
    }

  snapshot = json_object_new ();
  fields = json_object_new ();
  clocks = json_object_new ();
  json_object_set_string_member (snapshot, "entity", row.entity->table);
  json_object_set_string_member (snapshot, "id", id);
  for (guint i = 0; i <= row.n; i++)
    {
      json_object_set_member (fields, field_name (&row, i),
                              text_to_json (row.values[i], field_type (&row, i)));
      json_object_set_string_member (clocks, field_name (&row, i), row.clocks[i]);
    }
  json_object_set_object_member (snapshot, "fields", fields);
  json_object_set_object_member (snapshot, "clocks", clocks);
  row_clear (&row);
  return g_steal_pointer (&snapshot);
}

/**
 * pl_merge_family_of:
 *
 * Returns: (transfer full) (nullable): the family id, or %NULL (with no error)
 *   for a row outside any family or one not stored
 */
char *
pl_merge_family_of (PlStore     *store,
                    const char  *entity,
                    const char  *id,
                    GError     **error)
{
  const char *sql = NULL;
  sqlite3_stmt *stmt;
  char *family_id = NULL;
  int rc;

  if (g_strcmp0 (entity, "families") == 0)
    return g_strdup (id);
  if (g_strcmp0 (entity, "guardians") == 0)
    sql = "SELECT family_id FROM guardians WHERE id = ?";
  else if (g_strcmp0 (entity, "students") == 0)
    sql = "SELECT family_id FROM students WHERE id = ?";
  else if (g_strcmp0 (entity, "contacts") == 0)
    sql = "SELECT family_id FROM contacts WHERE id = ?";
  else if (g_strcmp0 (entity, "conflicts") == 0)
    {
      g_autofree char *conflict_entity = NULL;
      g_autofree char *row_id = NULL;

      stmt = _pl_store_prepare (store, "SELECT entity, row_id FROM conflicts WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          conflict_entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _pl_store_set_error (store, rc, _("read the database"), error);
          return NULL;
        }
      if (conflict_entity == NULL || g_str_equal (conflict_entity, "conflicts"))
        return NULL;
      return pl_merge_family_of (store, conflict_entity, row_id, error);
    }
  else
    return NULL;

  stmt = _pl_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    family_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _pl_store_set_error (store, rc, _("read the database"), error);
  return family_id;
}
