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
  result->stale_families = NULL;
}

/**
 * pl_merge_result_init_page:
 *
 * For a client applying a pulled page: no list of the rows written, and the
 * search text of the families the page touches left to
 * pl_merge_refresh_search(), so a family whose guardians and students come
 * in the same page is indexed once rather than once per row.
 */
void
pl_merge_result_init_page (PlMergeResult *result)
{
  result->n_conflicts = 0;
  result->touched = NULL;
  result->stale_families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
pl_merge_result_clear (PlMergeResult *result)
{
  g_clear_pointer (&result->touched, g_ptr_array_unref);
  g_clear_pointer (&result->stale_families, g_hash_table_unref);
}

static void
note_touched (PlMergeResult *result,
              const char    *table,
              const char    *id)
{
  if (result->touched != NULL)
    g_ptr_array_add (result->touched, g_strconcat (table, "\t", id, NULL));
}

/* SQL text that depends only on the entity (and, for an insert, on which
 * fields it sets), made once per process: a pulled page merges thousands of
 * rows with the same few statements. The strings live as long as the
 * process; _pl_store_prepare() caches the statements per connection. */
typedef struct
{
  const PlEntity *entity;
  char           *load_sql;
  GHashTable     *insert_sql;  /* set of fields (a bit each) → text */
} EntitySql;

static EntitySql entity_sql[16];
G_LOCK_DEFINE_STATIC (entity_sql);

static EntitySql *
entity_sql_get (const PlEntity *entity)
{
  EntitySql *found = NULL;

  G_LOCK (entity_sql);
  for (guint i = 0; i < G_N_ELEMENTS (entity_sql) && found == NULL; i++)
    {
      if (entity_sql[i].entity == entity)
        found = &entity_sql[i];
      else if (entity_sql[i].entity == NULL)
        {
          GString *sql = g_string_new ("SELECT hlc, origin, deleted");

          for (guint c = 0; entity->columns[c].name; c++)
            {
              g_string_append (sql, ", ");
              g_string_append (sql, entity->columns[c].name);
            }
          g_string_append_printf (sql, " FROM %s WHERE id = ?", entity->table);
          entity_sql[i].load_sql = g_string_free (sql, FALSE);
          entity_sql[i].insert_sql = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            g_free);
          entity_sql[i].entity = entity;
          found = &entity_sql[i];
        }
    }
  G_UNLOCK (entity_sql);
  g_assert (found != NULL);
  return found;
}

/* A row as text values and clocks, "deleted" last. */
typedef struct
{
  const PlEntity *entity;
  EntitySql      *sql;
  guint           n;        /* columns, not counting "deleted" */
  gboolean        exists;
  gboolean        unread;   /* not looked up: an insert is tried first */
  gboolean        found;    /* that insert met the stored row */
  gboolean        has_field_clocks;
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
  row->sql = entity_sql_get (row->entity);
  return TRUE;
}

/* Reads the stored row and its field clocks (a row with none has every field
 * at its row clock). A row not stored costs one lookup. */
static gboolean
row_load (Row         *row,
          PlStore     *store,
          const char  *id,
          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (store, row->sql->load_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
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
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = field_index (row, (const char *) sqlite3_column_text (stmt, 0));

      row->has_field_clocks = TRUE;
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

/* Checks a wire value against the column's type and gives the text SQLite
 * stores: the string itself, the integer's digits, "1" or "0" for deleted,
 * NULL for null. The text points into @value or is static. */
static gboolean
value_to_text (const PlMergeField  *value,
               char                 type,
               const char          *change_id,
               const char         **out,
               GError             **error)
{
  *out = NULL;
  if (value->kind == PL_MERGE_VALUE_NULL && type != DELETED_TYPE)
    return TRUE;

  if (type == 't' && value->kind == PL_MERGE_VALUE_STRING)
    {
      if (!g_utf8_validate (value->text, -1, NULL))
        goto wrong_type;
      /* Bytes bound the characters from above: count only long texts. */
      if (strlen (value->text) > PL_MERGE_MAX_TEXT &&
          g_utf8_strlen (value->text, -1) > PL_MERGE_MAX_TEXT)
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_TOO_LONG,
                       /* Translators: %s are a change id and a field name; %d a number */
                       _("Change %s: “%s” is longer than %d characters"),
                       change_id, value->name, PL_MERGE_MAX_TEXT);
          return FALSE;
        }
      *out = value->text;
      return TRUE;
    }
  if (type == 'i' && value->kind == PL_MERGE_VALUE_INTEGER)
    {
      /* JSON writes an integer one way, but for "-0". */
      *out = g_str_equal (value->text, "-0") ? "0" : value->text;
      return TRUE;
    }
  if (type == DELETED_TYPE && value->kind == PL_MERGE_VALUE_BOOLEAN)
    {
      *out = g_str_equal (value->text, "1") ? "1" : "0";
      return TRUE;
    }

wrong_type:
  g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
               /* Translators: %s are a change id and a field name */
               type == 't' ? _("Change %s: “%s” must be text or null")
               : type == 'i' ? _("Change %s: “%s” must be a whole number or null")
               : _("Change %s: “%s” must be true or false"),
               change_id, value->name);
  return FALSE;
}

/* Reads the given fields into @row->given and @values, checking every name
 * and type. */
static gboolean
read_values (Row                 *row,
             const PlMergeField  *fields,
             guint                n_fields,
             const char          *change_id,
             const char         **values,
             const char         **clocks,
             GError             **error)
{
  for (guint f = 0; f < n_fields; f++)
    {
      /* Senders list the fields in column order; look there first. */
      int i = f <= row->n && g_str_equal (field_name (row, f), fields[f].name)
              ? (int) f : field_index (row, fields[f].name);

      if (i < 0)
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_UNKNOWN_FIELD,
                       /* Translators: %s are a change id, a field and an entity */
                       _("Change %s: there is no field “%s” in %s"), change_id,
                       fields[f].name, row->entity->table);
          return FALSE;
        }
      if (!value_to_text (&fields[f], field_type (row, i), change_id, &values[i], error))
        return FALSE;
      if (clocks != NULL)
        clocks[i] = fields[f].clock;
      row->given[i] = TRUE;
    }
  return TRUE;
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
  note_touched (result, "conflicts", conflict_id);
  return TRUE;
}

/* Brings a family's search text up to date with what is stored: rebuilt, or
 * taken out of the index once the family is deleted. */
static gboolean
refresh_family_search (PlStore     *store,
                       const char  *family_id,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

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

/* Keeps the search index right after a merge into the directory's tables,
 * now or, for a page, at pl_merge_refresh_search(). @family_id is the
 * family the merged row now belongs to, when the caller knows it. */
static gboolean
refresh_search (PlStore        *store,
                const Row      *row,
                const char     *id,
                const char     *family_id,
                PlMergeResult  *result,
                GError        **error)
{
  g_autofree char *looked_up = NULL;

  if (!g_str_equal (row->entity->table, "families") &&
      !g_str_equal (row->entity->table, "guardians") &&
      !g_str_equal (row->entity->table, "students"))
    return TRUE;

  if (family_id == NULL)
    {
      family_id = looked_up = pl_merge_family_of (store, row->entity->table, id, error);
      if (family_id == NULL)
        return error == NULL || *error == NULL;
    }

  if (result->stale_families != NULL)
    {
      if (!g_hash_table_contains (result->stale_families, family_id))
        g_hash_table_add (result->stale_families, g_strdup (family_id));
      return TRUE;
    }
  return refresh_family_search (store, family_id, error);
}

/**
 * pl_merge_refresh_search:
 *
 * Brings the search text of every family the merges since
 * pl_merge_result_init_page() touched up to date, in the caller's
 * transaction.
 */
gboolean
pl_merge_refresh_search (PlStore        *store,
                         PlMergeResult  *result,
                         GError        **error)
{
  GHashTableIter iter;
  const char *family_id;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  if (result->stale_families == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, result->stale_families);
  while (g_hash_table_iter_next (&iter, (gpointer *) &family_id, NULL))
    {
      if (!refresh_family_search (store, family_id, error))
        return FALSE;
      g_hash_table_iter_remove (&iter);
    }
  return TRUE;
}

static const char *
insert_sql (Row            *row,
            const gboolean *taken)
{
  gint64 key = 0;
  const char *sql;

  for (guint i = 0; i <= row->n; i++)
    if (taken[i])
      key |= G_GINT64_CONSTANT (1) << i;

  G_LOCK (entity_sql);
  sql = g_hash_table_lookup (row->sql->insert_sql, &key);
  if (sql == NULL)
    {
      GString *text = g_string_new (NULL);
      guint n_taken = 0;

      g_string_printf (text, "INSERT INTO %s (id, hlc, origin", row->entity->table);
      for (guint i = 0; i <= row->n; i++)
        if (taken[i])
          {
            g_string_append_printf (text, ", %s", field_name (row, i));
            n_taken++;
          }
      g_string_append (text, ") VALUES (?, ?, ?");
      for (guint i = 0; i < n_taken; i++)
        g_string_append (text, ", ?");
      g_string_append_c (text, ')');
      sql = g_string_free (text, FALSE);
      g_hash_table_insert (row->sql->insert_sql, g_memdup2 (&key, sizeof key), (char *) sql);
    }
  G_UNLOCK (entity_sql);
  return sql;
}

/* Writes the fields of @incoming that win over @row. @clocks[i] is the clock
 * of incoming field i; @base, when set, is what the sender had seen, for
 * spotting concurrent edits. */
static gboolean
merge_row (PlStore            *store,
           Row                *row,
           const char         *id,
           const char *const  *incoming,
           const char *const  *clocks,
           const char         *origin,
           const char         *base,
           PlMergeResult      *result,
           GError            **error)
{
  g_autoptr(GString) update = NULL;
  gboolean taken[MAX_FIELDS + 1] = { FALSE };
  const char *top = NULL;
  const char *family_id = NULL;
  guint n_taken = 0;
  sqlite3_stmt *stmt;
  int bind = 1;
  int family_field;

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
    stmt = _pl_store_prepare (store, insert_sql (row, taken), error);
  else
    {
      update = g_string_new (NULL);
      g_string_printf (update, "UPDATE %s SET id = ?, hlc = ?, origin = ?", row->entity->table);
      for (guint i = 0; i <= row->n; i++)
        if (taken[i])
          g_string_append_printf (update, ", %s = ?", field_name (row, i));
      g_string_append (update, " WHERE id = ?1");
      stmt = _pl_store_prepare (store, update->str, error);
    }
  if (stmt == NULL)
    return FALSE;
  /* Every bound text outlives the step. */
  sqlite3_bind_text (stmt, bind++, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, bind++, top, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, bind++, origin, -1, SQLITE_STATIC);
  for (guint i = 0; i <= row->n; i++)
    if (taken[i])
      sqlite3_bind_text (stmt, bind++, incoming[i], -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_errcode (_pl_store_get_db (store));

      sqlite3_reset (stmt);
      /* The insert changed nothing: the caller reads the row and merges. */
      if (row->unread && rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        {
          row->found = TRUE;
          return FALSE;
        }
      if ((rc & 0xFF) == SQLITE_CONSTRAINT)
        g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                     /* Translators: first %s an entity, second a row id, third SQLite's words */
                     _("The %s row %s cannot be stored: %s"), row->entity->table, id,
                     sqlite3_errmsg (_pl_store_get_db (store)));
      else
        _pl_store_set_error (store, rc, _("merge a change"), error);
      return FALSE;
    }
  sqlite3_reset (stmt);

  /* Fields keep their own clocks once they differ from the row's. */
  if (row->exists)
    {
      /* A row's first update records every field; later ones find them. */
      if (!row->has_field_clocks &&
          !_pl_store_split_field_clocks (store, row->entity, id, row->row_hlc, error))
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

  note_touched (result, row->entity->table, id);

  /* The family the row now belongs to, without asking the database. */
  if (g_str_equal (row->entity->table, "families"))
    family_id = id;
  else if ((family_field = field_index (row, "family_id")) >= 0)
    family_id = taken[family_field] ? incoming[family_field] : row->values[family_field];
  return refresh_search (store, row, id, family_id, result, error);
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

/* The members of a change's or snapshot's "fields" as wire values; their
 * texts point into @object or into @numbers. */
static gboolean
json_fields (JsonObject   *object,
             const char   *change_id,
             GArray       *fields,
             GPtrArray    *numbers,
             GError      **error)
{
  JsonNode *fields_node = json_object_get_member (object, "fields");
  JsonObject *members;
  g_autoptr(GList) names = NULL;

  if (fields_node == NULL || !JSON_NODE_HOLDS_OBJECT (fields_node))
    {
      g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                   _("Change %s has no “fields” object"), change_id);
      return FALSE;
    }
  members = json_node_get_object (fields_node);
  names = json_object_get_members (members);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (members, l->data);
      PlMergeField field = { l->data, PL_MERGE_VALUE_OTHER, NULL, NULL };

      if (JSON_NODE_HOLDS_NULL (node))
        field.kind = PL_MERGE_VALUE_NULL;
      else if (JSON_NODE_HOLDS_VALUE (node))
        {
          GType type = json_node_get_value_type (node);

          if (type == G_TYPE_STRING)
            {
              field.kind = PL_MERGE_VALUE_STRING;
              field.text = json_node_get_string (node);
            }
          else if (type == G_TYPE_INT64)
            {
              char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

              g_ptr_array_add (numbers, digits);
              field.kind = PL_MERGE_VALUE_INTEGER;
              field.text = digits;
            }
          else if (type == G_TYPE_BOOLEAN)
            {
              field.kind = PL_MERGE_VALUE_BOOLEAN;
              field.text = json_node_get_boolean (node) ? "1" : "0";
            }
        }
      g_array_append_val (fields, field);
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
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (PlMergeField));
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  const char *values[MAX_FIELDS + 1] = { NULL };
  const char *clocks[MAX_FIELDS + 1] = { NULL };
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

  if (json_fields (change, change_id, fields, numbers, error) &&
      read_values (&row, (PlMergeField *) fields->data, fields->len, change_id, values, NULL,
                   error) &&
      row_load (&row, store, id, error))
    {
      for (guint i = 0; i <= row.n; i++)
        clocks[i] = hlc;
      /* Everything here happened after what the sender saw. */
      pl_clock_observe (pl_store_get_clock (store), hlc);
      ok = merge_row (store, &row, id, values, clocks, origin, base, result, error);
    }

  row_clear (&row);
  return ok;
}

/**
 * pl_merge_apply_snapshot_fields:
 *
 * pl_merge_apply_snapshot() for a row already read off the wire.
 */
gboolean
pl_merge_apply_snapshot_fields (PlStore             *store,
                                const char          *entity,
                                const char          *id,
                                const PlMergeField  *fields,
                                guint                n_fields,
                                PlMergeResult       *result,
                                GError             **error)
{
  const char *values[MAX_FIELDS + 1] = { NULL };
  const char *clocks[MAX_FIELDS + 1] = { NULL };
  const char *newest = NULL;
  const char *device = NULL;
  gboolean ok = FALSE;
  Row row;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  if (entity == NULL || !valid_id (id))
    {
      g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                   _("A pulled row needs an entity, an id and clocks"));
      return FALSE;
    }
  if (!row_init (&row, entity, id, error))
    return FALSE;

  if (!read_values (&row, fields, n_fields, id, values, clocks, error))
    goto out;

  for (guint i = 0; i <= row.n; i++)
    {
      if (!row.given[i])
        continue;
      if (!pl_hlc_parse (clocks[i], NULL, NULL, NULL))
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                       /* Translators: %s are a row id and a field */
                       _("Row %s: the field “%s” has no valid clock"), id, field_name (&row, i));
          goto out;
        }
      if (pl_hlc_compare (clocks[i], newest) > 0)
        newest = clocks[i];
    }

  /* Observing the newest clock moves this device past all of them. The
   * device of the newest clock made the row as it now stands. */
  if (newest != NULL)
    {
      pl_clock_observe (pl_store_get_clock (store), newest);
      pl_hlc_parse (newest, NULL, NULL, &device);
    }

  /* Most pulled rows are new to this device, the whole district on its first
   * sync: insert, and look the row up only when it is already stored. */
  row.unread = TRUE;
  ok = merge_row (store, &row, id, values, clocks, device ? device : "", NULL, result, error);
  if (!ok && row.found)
    {
      row.unread = FALSE;
      ok = row_load (&row, store, id, error) &&
           merge_row (store, &row, id, values, clocks, device ? device : "", NULL, result,
                      error);
    }

out:
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
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (PlMergeField));
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  if (entity == NULL || !valid_id (id) || clocks_node == NULL || !JSON_NODE_HOLDS_OBJECT (clocks_node))
    {
      g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                   _("A pulled row needs an entity, an id and clocks"));
      return FALSE;
    }
  if (!json_fields (snapshot, id, fields, numbers, error))
    return FALSE;
  for (guint f = 0; f < fields->len; f++)
    {
      PlMergeField *field = &g_array_index (fields, PlMergeField, f);

      field->clock = member_string (json_node_get_object (clocks_node), field->name);
    }
  return pl_merge_apply_snapshot_fields (store, entity, id, (PlMergeField *) fields->data,
                                         fields->len, result, error);
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

/* Appends @text as a JSON string. Stored text is valid UTF-8 (the merge and
 * the store check it), so only quotes, backslashes and control characters
 * need escapes. */
static void
append_json_string (GString    *json,
                    const char *text)
{
  const char *run = text;

  g_string_append_c (json, '"');
  for (const char *p = text; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (json, run, p - run);
      if (c == '"' || c == '\\')
        {
          g_string_append_c (json, '\\');
          g_string_append_c (json, (char) c);
        }
      else if (c == '\n')
        g_string_append (json, "\\n");
      else if (c == '\r')
        g_string_append (json, "\\r");
      else if (c == '\t')
        g_string_append (json, "\\t");
      else
        g_string_append_printf (json, "\\u%04x", c);
      run = p + 1;
    }
  g_string_append (json, run);
  g_string_append_c (json, '"');
}

static void
append_json_value (GString    *json,
                   const char *text,
                   char        type)
{
  if (type == DELETED_TYPE)
    g_string_append (json, g_strcmp0 (text, "1") == 0 ? "true" : "false");
  else if (text == NULL)
    g_string_append (json, "null");
  else if (type == 'i')
    g_string_append_printf (json, "%" G_GINT64_FORMAT, g_ascii_strtoll (text, NULL, 10));
  else
    append_json_string (json, text);
}

struct _PlMergeRow
{
  Row   row;
  char *id;
};

/**
 * pl_merge_row_read:
 *
 * Returns: (transfer full): the row, or %NULL with @error set
 */
PlMergeRow *
pl_merge_row_read (PlStore     *store,
                   const char  *entity,
                   const char  *id,
                   GError     **error)
{
  PlMergeRow *self;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_new0 (PlMergeRow, 1);
  if (!row_init (&self->row, entity, id, error) || !row_load (&self->row, store, id, error))
    {
      pl_merge_row_free (self);
      return NULL;
    }
  if (!self->row.exists)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no %s row %s"), entity, id);
      pl_merge_row_free (self);
      return NULL;
    }
  self->id = g_strdup (id);
  return self;
}

const char *
pl_merge_row_get_value (PlMergeRow *self,
                        const char *field)
{
  int i = field_index (&self->row, field);

  return i >= 0 ? self->row.values[i] : NULL;
}

void
pl_merge_row_write_json (PlMergeRow *self,
                         GString    *json)
{
  Row *row = &self->row;

  g_string_append (json, "{\"entity\":");
  append_json_string (json, row->entity->table);
  g_string_append (json, ",\"id\":");
  append_json_string (json, self->id);
  g_string_append (json, ",\"fields\":{");
  for (guint i = 0; i <= row->n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      append_json_string (json, field_name (row, i));
      g_string_append_c (json, ':');
      append_json_value (json, row->values[i], field_type (row, i));
    }
  g_string_append (json, "},\"clocks\":{");
  for (guint i = 0; i <= row->n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      append_json_string (json, field_name (row, i));
      g_string_append_c (json, ':');
      append_json_string (json, row->clocks[i]);
    }
  g_string_append (json, "}}");
}

void
pl_merge_row_free (PlMergeRow *self)
{
  if (self == NULL)
    return;
  if (self->row.entity != NULL)
    row_clear (&self->row);
  g_free (self->id);
  g_free (self);
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
