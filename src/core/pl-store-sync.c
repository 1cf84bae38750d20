/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pl-merge.h"
#include "pl-refused-change.h"
#include "pl-store-private.h"

/* The parts of PlStore the sync client leans on besides the merge: changes
 * the server refused, set aside until a person decides (doc/sync-protocol.md,
 * "A refused change"), and families that left this user's schools ("A family
 * that leaves a user's schools"). The journal's pushed column says where a
 * change stands: 0 waiting, 1 sent, 2 set aside. */

#define PUSHED_SET_ASIDE 2

/* A condition on a (entity, row id) pair, ?1 being a family id: the family's
 * own row and those of its guardians, students and contacts. */
#define OF_FAMILY(e, r) \
  "((" e " = 'families' AND " r " = ?1)" \
  " OR (" e " = 'guardians' AND " r " IN (SELECT id FROM guardians WHERE family_id = ?1))" \
  " OR (" e " = 'students' AND " r " IN (SELECT id FROM students WHERE family_id = ?1))" \
  " OR (" e " = 'contacts' AND " r " IN (SELECT id FROM contacts WHERE family_id = ?1)))"
/* ... and the conflicts about them, which belong to the family too. */
#define OF_FAMILY_OR_CONFLICT(e, r) \
  "(" OF_FAMILY (e, r) " OR (" e " = 'conflicts' AND " r " IN" \
  " (SELECT id FROM conflicts WHERE " OF_FAMILY ("entity", "row_id") ")))"

static gboolean
run (PlStore     *store,
     const char  *sql,
     const char  *text,
     const char  *what,
     GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  return _pl_store_step_done (store, stmt, what, error);
}

static char *
household_name (PlStore    *store,
                const char *family_id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (family_id == NULL)
    return NULL;
  stmt = _pl_store_prepare (store, "SELECT household_name FROM families WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}

/* The field names of a journal entry's JSON object, in its order. */
static GStrv
field_names (const char *fields_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GList *members;
  JsonNode *root;

  if (fields_json == NULL || !json_parser_load_from_data (parser, fields_json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  members = json_object_get_members (json_node_get_object (root));
  for (GList *l = members; l != NULL; l = l->next)
    g_strv_builder_add (names, l->data);
  g_list_free (members);
  return g_strv_builder_end (names);
}

/**
 * pl_store_list_refused:
 *
 * Returns: (transfer full): a GListModel of the PlRefusedChanges set aside,
 *   oldest first
 */
GListModel *
pl_store_list_refused (PlStore  *self,
                       GError  **error)
{
  g_autoptr(GListStore) changes = g_list_store_new (PL_TYPE_REFUSED_CHANGE);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  stmt = _pl_store_prepare (self, "SELECT change_id, entity, row_id, op, fields, refused_code,"
                                  " refused_message FROM journal WHERE pushed = 2 ORDER BY seq",
                            error);
  if (stmt == NULL)
    return NULL;
  /* Read them all first: looking up their families would disturb the statement. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < 7; i++)
      g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the change journal"), error);
      return NULL;
    }

  for (guint i = 0; i + 6 < rows->len; i += 7)
    {
      const char *const *row = (const char *const *) &rows->pdata[i];
      g_autofree char *family_id = pl_merge_family_of (self, row[1], row[2], NULL);
      g_autofree char *household = household_name (self, family_id);
      g_autoptr(PlRefusedChange) change = NULL;

      change = _pl_refused_change_new (row[0], row[1], row[2], g_strcmp0 (row[3], "insert") == 0,
                                       field_names (row[4]), row[5], row[6], family_id, household);
      g_list_store_append (changes, change);
    }
  return G_LIST_MODEL (g_steal_pointer (&changes));
}

/**
 * pl_store_count_refused:
 *
 * Returns: how many changes are set aside, or -1 with @error set
 */
gint64
pl_store_count_refused (PlStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 count;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), -1);

  stmt = _pl_store_prepare (self, "SELECT count(*) FROM journal WHERE pushed = 2", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("read the change journal"), error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/**
 * pl_store_retry_refused:
 * @change_id: a change set aside
 *
 * Puts the change back with those waiting to be sent, in its old place, for
 * the next sync (after an administrator gave the right, say).
 */
gboolean
pl_store_retry_refused (PlStore     *self,
                        const char  *change_id,
                        GError     **error)
{
  g_autofree char *family_id = NULL;
  sqlite3_stmt *stmt;
  char *entity = NULL, *row_id = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);

  if (!_pl_store_lookup_refused (self, change_id, &entity, &row_id, NULL, error))
    return FALSE;
  family_id = pl_merge_family_of (self, entity, row_id, NULL);
  g_free (entity);
  g_free (row_id);

  stmt = _pl_store_prepare (self, "UPDATE journal SET pushed = 0, refused_code = NULL,"
                                  " refused_message = NULL WHERE change_id = ? AND pushed = 2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("send the change again"), error))
    return FALSE;

  /* The window counts what waits when a family changes. */
  _pl_store_emit_family_changed (self, family_id);
  return TRUE;
}

/* Looks up a change set aside; NOT_FOUND when there is none (any more). */
gboolean
_pl_store_lookup_refused (PlStore     *self,
                          const char  *change_id,
                          char       **entity,
                          char       **row_id,
                          char       **op,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (self, "SELECT entity, row_id, op FROM journal"
                                  " WHERE change_id = ? AND pushed = 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (entity != NULL)
        *entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (row_id != NULL)
        *row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (op != NULL)
        *op = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    _pl_store_set_error (self, rc, _("read the change journal"), error);
  else
    g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                         _("That change is no longer set aside"));
  return FALSE;
}

/**
 * _pl_store_set_aside:
 * @found: (out): whether @change_id was a change waiting to be sent
 *
 * Sets a change the server refused aside with the server's @code and
 * @message, so the next push goes on without it.
 */
gboolean
_pl_store_set_aside (PlStore     *self,
                     const char  *change_id,
                     const char  *code,
                     const char  *message,
                     gboolean    *found,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _pl_store_prepare (self, "UPDATE journal SET pushed = 2, refused_code = ?,"
                                  " refused_message = ? WHERE change_id = ? AND pushed = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, change_id, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("set the refused change aside"), error))
    return FALSE;
  *found = sqlite3_changes (_pl_store_get_db (self)) > 0;
  return TRUE;
}

/* Whether something of the family has not been accepted by the server yet:
 * a change waiting or set aside. */
static gboolean
family_has_pending (PlStore     *self,
                    const char  *family_id,
                    gboolean    *pending,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Two partial indexes, one per state; the pending changes are few. */
  stmt = _pl_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM journal WHERE pushed = 0 AND "
                                  OF_FAMILY_OR_CONFLICT ("entity", "row_id") ")"
                                  " OR EXISTS (SELECT 1 FROM journal WHERE pushed = 2 AND "
                                  OF_FAMILY_OR_CONFLICT ("entity", "row_id") ")", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("read the change journal"), error);
      return FALSE;
    }
  *pending = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Whether records outside the family (a council, a meeting's attendance)
 * name one of its guardians: then the family stays. */
static gboolean
family_is_referenced (PlStore     *self,
                      const char  *family_id,
                      gboolean    *referenced,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM council_members WHERE guardian_id"
                                  " IN (SELECT id FROM guardians WHERE family_id = ?1))"
                                  " OR EXISTS (SELECT 1 FROM meeting_attendance WHERE guardian_id"
                                  " IN (SELECT id FROM guardians WHERE family_id = ?1))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("read the database"), error);
      return FALSE;
    }
  *referenced = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Removes a family and everything of it from this database, journal and
 * search index included, without journaling anything: nothing is deleted
 * on the server. In the caller's transaction. */
static gboolean
purge_family (PlStore     *self,
              const char  *family_id,
              GError     **error)
{
  const char *what = _("remove the family from this computer");

  /* Bookkeeping first: its conditions look the family's rows up. */
  return run (self, "DELETE FROM field_clocks WHERE " OF_FAMILY_OR_CONFLICT ("entity", "row_id"),
              family_id, what, error) &&
         run (self, "DELETE FROM journal WHERE " OF_FAMILY_OR_CONFLICT ("entity", "row_id"),
              family_id, what, error) &&
         run (self, "DELETE FROM conflicts WHERE " OF_FAMILY ("entity", "row_id"),
              family_id, what, error) &&
         run (self, "DELETE FROM family_fts WHERE rowid = (SELECT rowid FROM families"
                    " WHERE id = ?1)", family_id, what, error) &&
         run (self, "DELETE FROM contacts WHERE family_id = ?1", family_id, what, error) &&
         run (self, "DELETE FROM students WHERE family_id = ?1", family_id, what, error) &&
         run (self, "DELETE FROM guardians WHERE family_id = ?1", family_id, what, error) &&
         run (self, "DELETE FROM families WHERE id = ?1", family_id, what, error);
}

/**
 * _pl_store_forget_family:
 * @kept: (out) (optional): set when the family stays because something of it
 *   waits for the server, or other records name it
 *
 * A family that left this user's schools: removed from this computer (not
 * journaled; the server keeps it), in the caller's transaction. A family
 * not stored here is no error.
 */
gboolean
_pl_store_forget_family (PlStore     *self,
                         const char  *family_id,
                         gboolean    *kept,
                         GError     **error)
{
  gboolean pending = FALSE, referenced = FALSE;

  if (kept != NULL)
    *kept = FALSE;
  if (!family_has_pending (self, family_id, &pending, error) ||
      (!pending && !family_is_referenced (self, family_id, &referenced, error)))
    return FALSE;
  if (pending || referenced)
    {
      /* Its changes will be refused and set aside; discarding them removes it. */
      if (kept != NULL)
        *kept = TRUE;
      return TRUE;
    }
  return purge_family (self, family_id, error);
}

/* Removes a row this device added and the server never accepted. */
static gboolean
remove_new_row (PlStore     *self,
                const char  *entity,
                const char  *row_id,
                GError     **error)
{
  const PlEntity *known = _pl_store_lookup_entity (entity);
  const char *what = _("remove the change");
  g_autofree char *delete_sql = NULL;
  sqlite3_stmt *stmt;

  if (known == NULL)
    return TRUE;
  if (g_str_equal (entity, "families"))
    return purge_family (self, row_id, error);

  stmt = _pl_store_prepare (self, "DELETE FROM field_clocks WHERE (entity = ?1 AND row_id = ?2)"
                                  " OR (entity = 'conflicts' AND row_id IN (SELECT id FROM"
                                  " conflicts WHERE entity = ?1 AND row_id = ?2))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, what, error))
    return FALSE;
  stmt = _pl_store_prepare (self, "DELETE FROM journal WHERE (entity = ?1 AND row_id = ?2)"
                                  " OR (entity = 'conflicts' AND row_id IN (SELECT id FROM"
                                  " conflicts WHERE entity = ?1 AND row_id = ?2))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, what, error))
    return FALSE;
  stmt = _pl_store_prepare (self, "DELETE FROM conflicts WHERE entity = ?1 AND row_id = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, what, error))
    return FALSE;

  /* A contact logged with a guardian the server never had keeps the contact. */
  if (g_str_equal (entity, "guardians") &&
      !run (self, "UPDATE contacts SET guardian_id = NULL WHERE guardian_id = ?1", row_id, what,
            error))
    return FALSE;

  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", known->table);
  stmt = _pl_store_prepare (self, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_extended_errcode (_pl_store_get_db (self));

      sqlite3_reset (stmt);
      if ((rc & 0xFF) == SQLITE_CONSTRAINT)
        g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                             /* Translators: a new record the server refused is still in use */
                             _("Other records on this computer still use this new record; "
                               "change them first"));
      else
        _pl_store_set_error (self, rc, what, error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Puts the server's values and clocks back in the fields @change_id
 * changed, except those a later change of this device (waiting or set
 * aside) changed again: those stay as this device has them. The rest of
 * the row merges as a pulled row would. */
static gboolean
restore_fields (PlStore     *self,
                const char  *change_id,
                const char  *entity,
                const char  *row_id,
                const char  *fields_json,
                JsonObject  *server_row,
                GError     **error)
{
  g_auto(GStrv) names = field_names (fields_json);
  g_autoptr(GHashTable) later = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *server_fields = json_object_get_object_member (server_row, "fields");
  JsonObject *server_clocks = json_object_get_object_member (server_row, "clocks");
  PlMergeResult result;
  g_autofree char *hlc_sql = NULL;
  sqlite3_stmt *stmt;
  int rc;
  gboolean ok;

  if (server_fields == NULL || server_clocks == NULL)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                           _("The server sent a row without its fields and clocks"));
      return FALSE;
    }

  stmt = _pl_store_prepare (self, "SELECT fields FROM journal WHERE entity = ? AND row_id = ?"
                                  " AND change_id != ? AND pushed != 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, change_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) other = field_names ((const char *) sqlite3_column_text (stmt, 0));

      for (guint i = 0; other != NULL && other[i] != NULL; i++)
        g_hash_table_add (later, g_strdup (other[i]));
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the change journal"), error);
      return FALSE;
    }

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *name = names[i];

      if (g_hash_table_contains (later, name) || !json_object_has_member (server_fields, name) ||
          !json_object_has_member (server_clocks, name))
        continue;
      /* Below any clock, so the server's value wins the merge. */
      if (!_pl_store_set_field_clock (self, entity, row_id, name, "", error))
        return FALSE;
    }

  pl_merge_result_init (&result);
  ok = pl_merge_apply_snapshot (self, server_row, &result, error);
  pl_merge_result_clear (&result);
  if (!ok)
    return FALSE;

  /* The row's clock is its newest field's again, not the discarded change's. */
  hlc_sql = g_strdup_printf ("UPDATE %s SET hlc = coalesce ((SELECT max (hlc) FROM field_clocks"
                             " WHERE entity = ?2 AND row_id = ?1), hlc) WHERE id = ?1",
                             _pl_store_lookup_entity (entity)->table);
  stmt = _pl_store_prepare (self, hlc_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_TRANSIENT);
  return _pl_store_step_done (self, stmt, _("put back the server’s values"), error);
}

/**
 * _pl_store_discard_refused:
 * @server_row: (nullable): for an update, the server's snapshot of the row
 *   (GET /api/v1/sync/row); %NULL when the server has none for this user
 *
 * Drops a change set aside, in one transaction: a new row goes from this
 * computer (a new family with all of it); an update's fields take the
 * server's values back; an update of a row the server no longer shows this
 * user removes the row's family here, unless other changes of it wait.
 */
gboolean
_pl_store_discard_refused (PlStore     *self,
                           const char  *change_id,
                           JsonObject  *server_row,
                           GError     **error)
{
  g_autofree char *entity = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *op = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *family_id = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!_pl_store_begin (self, error))
    return FALSE;

  if (!_pl_store_lookup_refused (self, change_id, &entity, &row_id, &op, error))
    goto failed;
  stmt = _pl_store_prepare (self, "SELECT fields FROM journal WHERE change_id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    fields_json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  family_id = pl_merge_family_of (self, entity, row_id, NULL);

  if (!run (self, "DELETE FROM journal WHERE change_id = ?1", change_id,
            _("remove the change"), error))
    goto failed;

  if (g_str_equal (op, "insert"))
    ok = remove_new_row (self, entity, row_id, error);
  else if (server_row != NULL)
    ok = restore_fields (self, change_id, entity, row_id, fields_json, server_row, error);
  else if (family_id != NULL)
    ok = _pl_store_forget_family (self, family_id, NULL, error);
  else
    ok = TRUE;  /* a school the server does not have stays as it is here */
  if (!ok)
    goto failed;

  if (family_id != NULL && !g_str_equal (op, "insert") &&
      (g_str_equal (entity, "families") || g_str_equal (entity, "guardians") ||
       g_str_equal (entity, "students")))
    {
      gboolean exists = FALSE;

      stmt = _pl_store_prepare (self, "SELECT 1 FROM families WHERE id = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (exists && !_pl_store_update_family_search (self, family_id, error))
        goto failed;
    }
  else if (family_id != NULL && g_str_equal (op, "insert") && !g_str_equal (entity, "families") &&
           !_pl_store_update_family_search (self, family_id, error))
    goto failed;

  if (!_pl_store_commit (self, error))
    goto failed;
  _pl_store_emit_family_changed (self, family_id);
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/* Rewrites one stamp of this device everywhere it stands for a change not
 * yet accepted: the journal, later changes based on it, the row and its
 * field clocks. */
static gboolean
restamp (PlStore     *self,
         gint64       seq,
         const char  *entity,
         const char  *row_id,
         const char  *old,
         const char  *new,
         GError     **error)
{
  const PlEntity *known = _pl_store_lookup_entity (entity);
  const char *what = _("stamp the changes again");
  g_autofree char *row_sql = NULL;
  sqlite3_stmt *stmt;

  stmt = _pl_store_prepare (self, "UPDATE journal SET hlc = ?2 WHERE seq = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, new, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, what, error))
    return FALSE;

  stmt = _pl_store_prepare (self, "UPDATE journal SET base_hlc = ?2 WHERE base_hlc = ?1"
                                  " AND pushed != 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, old, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, new, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, what, error))
    return FALSE;

  stmt = _pl_store_prepare (self, "UPDATE field_clocks SET hlc = ?4"
                                  " WHERE entity = ?1 AND row_id = ?2 AND hlc = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, old, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, new, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, what, error))
    return FALSE;

  if (known == NULL)
    return TRUE;
  row_sql = g_strdup_printf ("UPDATE %s SET hlc = ?3 WHERE id = ?1 AND hlc = ?2", known->table);
  stmt = _pl_store_prepare (self, row_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, old, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, new, -1, SQLITE_TRANSIENT);
  return _pl_store_step_done (self, stmt, what, error);
}

/**
 * _pl_store_restamp_ahead:
 * @now_ms: the right time now, as this computer and the server agree
 *
 * The changes keep their order; only their clocks move back to now. What
 * others changed meanwhile may now order after them, which is right: it
 * was written later.
 */
gboolean
_pl_store_restamp_ahead (PlStore     *self,
                         gint64       now_ms,
                         GError     **error)
{
  PlClock *clock = pl_store_get_clock (self);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *limit = NULL;
  g_autofree char *start = NULL;
  g_autofree char *epoch = NULL;
  sqlite3_stmt *stmt;
  gint64 next_epoch;
  int rc;

  if (!_pl_store_begin (self, error))
    return FALSE;

  /* A minute of leeway: a stamp that close to now is no trouble. */
  limit = g_strdup_printf ("%013" G_GINT64_MODIFIER "X", now_ms + 60 * 1000);
  stmt = _pl_store_prepare (self, "SELECT seq, entity, row_id, hlc FROM journal"
                                  " WHERE pushed != 1 AND hlc > ? ORDER BY seq", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, limit, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (changes, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 (gint64) sqlite3_column_int64 (stmt, 0)));
      for (int i = 1; i <= 3; i++)
        g_ptr_array_add (changes, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the change journal"), error);
      goto failed;
    }

  /* Back to now, and on from there in the changes' own order. */
  start = g_strdup_printf ("%013" G_GINT64_MODIFIER "X-0000-%s", now_ms,
                           pl_store_get_device_id (self));
  pl_clock_set_last (clock, start);
  for (guint i = 0; i + 3 < changes->len; i += 4)
    {
      g_autofree char *stamp = pl_clock_now (clock);

      if (!restamp (self, g_ascii_strtoll (changes->pdata[i], NULL, 10), changes->pdata[i + 1],
                    changes->pdata[i + 2], changes->pdata[i + 3], stamp, error))
        goto failed;
    }

  /* Other connections to this file move their clocks back with this one. */
  stmt = _pl_store_prepare (self, "SELECT value FROM meta WHERE key = 'hlc-epoch'", error);
  if (stmt == NULL)
    goto failed;
  next_epoch = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) + 1 : 1;
  sqlite3_reset (stmt);
  epoch = g_strdup_printf ("%" G_GINT64_FORMAT, next_epoch);
  stmt = _pl_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value)"
                                  " VALUES ('hlc-epoch', ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, epoch, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("save the clock"), error))
    goto failed;

  if (!_pl_store_commit (self, error))
    goto failed;
  g_debug ("Stamped %u changes again after the clock was set right", changes->len / 4);
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}
