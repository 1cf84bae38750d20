/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-conflict.h"
#include "pl-merge.h"
#include "pl-store-private.h"

/* The conflicts part of PlStore: listing the open ones and resolving them
 * with ordinary journaled changes, so a resolution syncs like any edit. */

/**
 * pl_store_list_conflicts:
 *
 * Returns: (transfer full): a GListModel of the open PlConflicts, newest first
 */
GListModel *
pl_store_list_conflicts (PlStore  *self,
                         GError  **error)
{
  g_autoptr(GListStore) conflicts = g_list_store_new (PL_TYPE_CONFLICT);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  stmt = _pl_store_prepare (self, "SELECT id, entity, row_id, field, winner_value, winner_hlc,"
                                  " loser_value, loser_hlc, loser_origin FROM conflicts"
                                  " WHERE deleted = 0 AND resolved_at IS NULL"
                                  " ORDER BY winner_hlc DESC", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[11] = { NULL };
      g_autoptr(PlConflict) conflict = NULL;
      g_autofree char *family_id = NULL;
      g_autoptr(PlFamily) family = NULL;

      for (guint i = 0; i < 9; i++)
        fields[i] = (const char *) sqlite3_column_text (stmt, i);
      /* The statement stays on its row while the family is read: copy what
       * the nested queries could disturb first. */
      family_id = pl_merge_family_of (self, fields[1], fields[2], NULL);
      if (family_id != NULL)
        family = pl_store_load_family (self, family_id, NULL);
      fields[9] = family_id;
      fields[10] = family ? pl_family_get_household_name (family) : NULL;
      conflict = _pl_conflict_new (fields);
      g_list_store_append (conflicts, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the conflicts"), error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&conflicts));
}

/**
 * pl_store_resolve_conflict:
 * @combined: (nullable): the value to keep with %PL_CONFLICT_KEEP_COMBINED
 * @resolved_by: (nullable): who decided, for the record
 *
 * Puts the chosen value in the field (a journaled change, so it syncs) and
 * marks the conflict resolved, in one transaction.
 */
gboolean
pl_store_resolve_conflict (PlStore          *self,
                           const char       *conflict_id,
                           PlConflictChoice  choice,
                           const char       *combined,
                           const char       *resolved_by,
                           GError          **error)
{
  const PlEntity *conflicts = _pl_store_lookup_entity ("conflicts");
  const PlEntity *entity;
  g_autoptr(GHashTable) conflict = NULL;
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autofree char *hlc = NULL;
  g_autofree char *family_id = NULL;
  const char *values[32];
  const char *keep;
  const char *field;
  gboolean deleted;
  guint n;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  if (!_pl_store_begin (self, error))
    return FALSE;

  conflict = _pl_store_read_row (self, conflicts, conflict_id, error);
  if (conflict == NULL || g_hash_table_lookup (conflict, "resolved_at") != NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                     /* Translators: %s is a conflict id */
                     _("There is no open conflict %s"), conflict_id);
      goto failed;
    }

  entity = _pl_store_lookup_entity (g_hash_table_lookup (conflict, "entity"));
  field = g_hash_table_lookup (conflict, "field");
  keep = choice == PL_CONFLICT_KEEP_WINNER ? g_hash_table_lookup (conflict, "winner_value")
         : choice == PL_CONFLICT_KEEP_LOSER ? g_hash_table_lookup (conflict, "loser_value")
         : combined;
  if (entity == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                   _("The conflict names a kind of record this version does not know"));
      goto failed;
    }

  hlc = pl_clock_now (pl_store_get_clock (self));
  row = _pl_store_read_row (self, entity, g_hash_table_lookup (conflict, "row_id"), error);
  if (row != NULL)
    {
      n = _pl_store_n_columns (entity);
      for (guint i = 0; i < n; i++)
        values[i] = g_str_equal (entity->columns[i].name, field)
                      ? keep : g_hash_table_lookup (row, entity->columns[i].name);
      deleted = g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0;
      if (g_str_equal (field, "deleted"))
        deleted = g_strcmp0 (keep, "1") == 0;
      if (!_pl_store_write_row (self, entity, g_hash_table_lookup (conflict, "row_id"), values,
                                deleted, hlc, error))
        goto failed;
    }
  else if (error != NULL && *error != NULL)
    goto failed;

  n = _pl_store_n_columns (conflicts);
  for (guint i = 0; i < n; i++)
    {
      const char *name = conflicts->columns[i].name;

      values[i] = g_str_equal (name, "resolved_at") ? now_text
                  : g_str_equal (name, "resolved_by") ? resolved_by
                  : g_str_equal (name, "resolution")
                    ? (choice == PL_CONFLICT_KEEP_WINNER ? "winner"
                       : choice == PL_CONFLICT_KEEP_LOSER ? "loser" : "combined")
                  : g_hash_table_lookup (conflict, name);
    }
  if (!_pl_store_write_row (self, conflicts, conflict_id, values, FALSE, hlc, error))
    goto failed;

  family_id = pl_merge_family_of (self, entity->table, g_hash_table_lookup (conflict, "row_id"), NULL);
  if (family_id != NULL && row != NULL &&
      (g_str_equal (entity->table, "families") || g_str_equal (entity->table, "guardians") ||
       g_str_equal (entity->table, "students")) &&
      !_pl_store_update_family_search (self, family_id, error))
    goto failed;

  if (!_pl_store_commit (self, error))
    goto failed;
  if (family_id != NULL)
    _pl_store_emit_family_changed (self, family_id);
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}
