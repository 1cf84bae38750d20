/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-family-merge.h"
#include "pl-languages.h"
#include "pl-merge.h"
#include "pl-normalize.h"
#include "pl-store-private.h"

/* Merging two families that are one household. Every change goes through
 * _pl_store_write_row(), the same path a family save takes, so each moved
 * row and each changed field is journaled and syncs; nothing is removed, the
 * merged family only becomes a tombstone. The object remembers what it
 * moved and what it overwrote, which is what an undo needs. */

#define MAX_COLUMNS 24

typedef struct
{
  char *id;
  int   position;  /* in the merged family; -1 for a contact */
} Moved;

struct _PlFamilyMerge
{
  GObject     parent_instance;

  char       *keep_id;
  char       *merged_id;
  char       *hlc;               /* the merge's stamp */
  GArray     *guardians;         /* Moved */
  GArray     *students;          /* Moved */
  GArray     *contacts;          /* Moved */
  GHashTable *family_before;     /* field → the kept family's value before */
  GHashTable *family_after;      /* field → what the merge wrote */
  GPtrArray  *conflicts_before;  /* GHashTable rows, as read before the merge */
  guint       n_repeated_guardians;
  guint       n_repeated_students;
  gboolean    undone;
};

G_DEFINE_FINAL_TYPE (PlFamilyMerge, pl_family_merge, G_TYPE_OBJECT)

static void
moved_clear (gpointer data)
{
  g_free (((Moved *) data)->id);
}

static void
pl_family_merge_finalize (GObject *object)
{
  PlFamilyMerge *self = PL_FAMILY_MERGE (object);

  g_free (self->keep_id);
  g_free (self->merged_id);
  g_free (self->hlc);
  g_array_unref (self->guardians);
  g_array_unref (self->students);
  g_array_unref (self->contacts);
  g_hash_table_unref (self->family_before);
  g_hash_table_unref (self->family_after);
  g_ptr_array_unref (self->conflicts_before);

  G_OBJECT_CLASS (pl_family_merge_parent_class)->finalize (object);
}

static void
pl_family_merge_class_init (PlFamilyMergeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_family_merge_finalize;
}

static void
pl_family_merge_init (PlFamilyMerge *self)
{
  self->guardians = g_array_new (FALSE, FALSE, sizeof (Moved));
  self->students = g_array_new (FALSE, FALSE, sizeof (Moved));
  self->contacts = g_array_new (FALSE, FALSE, sizeof (Moved));
  g_array_set_clear_func (self->guardians, moved_clear);
  g_array_set_clear_func (self->students, moved_clear);
  g_array_set_clear_func (self->contacts, moved_clear);
  self->family_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->family_after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->conflicts_before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
}

const char *
pl_family_merge_get_keep_id (PlFamilyMerge *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), NULL);
  return self->keep_id;
}

const char *
pl_family_merge_get_merged_id (PlFamilyMerge *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), NULL);
  return self->merged_id;
}

guint
pl_family_merge_get_n_guardians (PlFamilyMerge *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), 0);
  return self->guardians->len;
}

guint
pl_family_merge_get_n_students (PlFamilyMerge *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), 0);
  return self->students->len;
}

guint
pl_family_merge_get_n_contacts (PlFamilyMerge *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), 0);
  return self->contacts->len;
}

guint
pl_family_merge_get_n_repeated_guardians (PlFamilyMerge *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), 0);
  return self->n_repeated_guardians;
}

guint
pl_family_merge_get_n_repeated_students (PlFamilyMerge *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), 0);
  return self->n_repeated_students;
}

/* Helpers over stored rows */

static gboolean
is_empty (const char *value)
{
  return value == NULL || *value == '\0';
}

static gboolean
row_is_deleted (GHashTable *row)
{
  return g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0;
}

/* A row's values in column order, with @field set to @value when not NULL. */
static void
row_values (const PlEntity  *entity,
            GHashTable      *row,
            const char     **values)
{
  for (guint c = 0; entity->columns[c].name; c++)
    values[c] = g_hash_table_lookup (row, entity->columns[c].name);
}

static int
column_index (const PlEntity *entity,
              const char     *name)
{
  for (int c = 0; entity->columns[c].name; c++)
    if (g_strcmp0 (entity->columns[c].name, name) == 0)
      return c;
  return -1;
}

static GHashTable *
read_live_family (PlStore     *store,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GHashTable *row = _pl_store_read_row (store, _pl_store_lookup_entity ("families"), id,
                                        &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (row == NULL || row_is_deleted (row))
    {
      g_clear_pointer (&row, g_hash_table_unref);
      g_set_error_literal (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_GONE,
                           _("One of the two families is no longer in the database"));
      return NULL;
    }
  return row;
}

/* The ids a query with one bound family id returns, read before anything is
 * written so no statement walks a table while it changes. */
static GPtrArray *
collect_ids (PlStore     *store,
             const char  *sql,
             const char  *family_id,
             GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _pl_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the database"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
next_position (PlStore     *store,
               const char  *table,
               const char  *family_id,
               int         *position,
               GError     **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT coalesce (max (position), -1) + 1 FROM %s"
                     " WHERE family_id = ? AND deleted = 0", table);
  sqlite3_stmt *stmt = _pl_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (store, rc, _("read the database"), error);
      return FALSE;
    }
  *position = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Folded identity of a guardian ("name|phone digits") or a student
 * (district id, or the name without one), for counting repeats. */
static char *
guardian_identity (GHashTable *row)
{
  g_autofree char *name = pl_normalize_text (g_hash_table_lookup (row, "full_name"));
  g_autofree char *phone = pl_normalize_phone_digits (g_hash_table_lookup (row, "phone"));

  return g_strconcat (name, "|", phone, NULL);
}

static char *
student_identity (GHashTable *row)
{
  const char *district_id = g_hash_table_lookup (row, "district_id");

  if (!is_empty (district_id))
    return g_strconcat ("id|", district_id, NULL);
  return g_strconcat ("name|", g_hash_table_lookup (row, "full_name"), NULL);
}

static GHashTable *
identities_of (PlStore     *store,
               const char  *table,
               const char  *family_id,
               char       *(*identity) (GHashTable *row),
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE family_id = ? AND deleted = 0",
                                          table);
  g_autoptr(GPtrArray) ids = collect_ids (store, sql, family_id, error);
  g_autoptr(GHashTable) identities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const PlEntity *entity = _pl_store_lookup_entity (table);

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GHashTable) row = _pl_store_read_row (store, entity, ids->pdata[i], error);

      if (row == NULL)
        return NULL;
      g_hash_table_add (identities, identity (row));
    }
  return g_steal_pointer (&identities);
}

/* Moves the live children in @table (guardians or students) of the merged
 * family to the end of the kept family's, in their order. */
static gboolean
move_members (PlFamilyMerge  *self,
              PlStore        *store,
              const char     *table,
              GArray         *moved,
              char         *(*identity) (GHashTable *row),
              guint          *n_repeated,
              GError        **error)
{
  const PlEntity *entity = _pl_store_lookup_entity (table);
  g_autofree char *sql =
    g_strdup_printf ("SELECT id FROM %s WHERE family_id = ? AND deleted = 0"
                     " ORDER BY position, rowid", table);
  g_autoptr(GPtrArray) ids = collect_ids (store, sql, self->merged_id, error);
  g_autoptr(GHashTable) kept = NULL;
  int family_column = column_index (entity, "family_id");
  int position_column = column_index (entity, "position");
  int position;

  if (ids == NULL || !next_position (store, table, self->keep_id, &position, error))
    return FALSE;
  kept = identities_of (store, table, self->keep_id, identity, error);
  if (kept == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      g_autoptr(GHashTable) row = _pl_store_read_row (store, entity, id, error);
      g_autofree char *new_position = NULL;
      g_autofree char *who = NULL;
      const char *values[MAX_COLUMNS];
      Moved record;

      if (row == NULL)
        return FALSE;
      who = identity (row);
      if (g_hash_table_contains (kept, who))
        (*n_repeated)++;

      record.id = g_strdup (id);
      record.position = (int) g_ascii_strtoll (g_hash_table_lookup (row, "position"), NULL, 10);
      g_array_append_val (moved, record);

      new_position = g_strdup_printf ("%d", position++);
      row_values (entity, row, values);
      values[family_column] = self->keep_id;
      values[position_column] = new_position;
      if (!_pl_store_write_row (store, entity, id, values, FALSE, self->hlc, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
move_contacts (PlFamilyMerge  *self,
               PlStore        *store,
               GError        **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("contacts");
  g_autoptr(GPtrArray) ids = collect_ids (store, "SELECT id FROM contacts WHERE family_id = ?",
                                          self->merged_id, error);
  int family_column = column_index (entity, "family_id");

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      g_autoptr(GHashTable) row = _pl_store_read_row (store, entity, id, error);
      const char *values[MAX_COLUMNS];
      Moved record = { g_strdup (id), -1 };

      if (row == NULL)
        return FALSE;
      g_array_append_val (self->contacts, record);
      row_values (entity, row, values);
      values[family_column] = self->keep_id;
      if (!_pl_store_write_row (store, entity, id, values, row_is_deleted (row), self->hlc, error))
        return FALSE;
    }
  return TRUE;
}

static char *
address_line (GHashTable *row)
{
  const char *parts[] = {
    g_hash_table_lookup (row, "address"), g_hash_table_lookup (row, "city"),
    g_hash_table_lookup (row, "zip"),
  };
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!is_empty (parts[i]))
      {
        if (line->len > 0)
          g_string_append (line, i == 2 ? " " : ", ");
        g_string_append (line, parts[i]);
      }
  return g_string_free (line, FALSE);
}

/* The kept family's fields after the merge; @values point into the rows or
 * into @owned. */
static gboolean
merge_family_fields (PlFamilyMerge  *self,
                     GHashTable     *keep,
                     GHashTable     *merged,
                     const char    **values,
                     GPtrArray      *owned,
                     GError        **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("families");
  g_autofree char *keep_address = address_line (keep);
  g_autofree char *merged_address = address_line (merged);
  g_autofree char *keep_folded = pl_normalize_text (keep_address);
  g_autofree char *merged_folded = pl_normalize_text (merged_address);
  const char *keep_language = g_hash_table_lookup (keep, "home_language");
  const char *merged_language = g_hash_table_lookup (merged, "home_language");
  const char *keep_notes = g_hash_table_lookup (keep, "notes");
  const char *merged_notes = g_hash_table_lookup (merged, "notes");
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  GString *notes = g_string_new (NULL);
  char *text;

  row_values (entity, keep, values);

  /* Street, city and zip are one address: never half of each. */
  if (*keep_address == '\0' && *merged_address != '\0')
    {
      values[column_index (entity, "address")] = g_hash_table_lookup (merged, "address");
      values[column_index (entity, "city")] = g_hash_table_lookup (merged, "city");
      values[column_index (entity, "zip")] = g_hash_table_lookup (merged, "zip");
    }
  if (is_empty (keep_language) && !is_empty (merged_language))
    values[column_index (entity, "home_language")] = merged_language;

  if (!is_empty (keep_notes))
    g_string_append_printf (notes, "%s\n\n", keep_notes);
  /* Translators: a note added to a family; %s are a household name and a date */
  g_string_append_printf (notes, _("Merged with the “%s” household on %s."),
                          (const char *) g_hash_table_lookup (merged, "household_name"), date);
  if (*keep_address != '\0' && *merged_address != '\0' && strcmp (keep_folded, merged_folded) != 0)
    {
      g_string_append_c (notes, '\n');
      /* Translators: in the note of a merge; %s is the other family's address */
      g_string_append_printf (notes, _("Their address: %s"), merged_address);
    }
  if (!is_empty (keep_language) && !is_empty (merged_language) &&
      g_strcmp0 (keep_language, merged_language) != 0)
    {
      g_string_append_c (notes, '\n');
      /* Translators: in the note of a merge; %s is a language name */
      g_string_append_printf (notes, _("Their home language: %s"),
                              pl_language_get_name (merged_language));
    }
  if (!is_empty (merged_notes))
    {
      g_string_append_c (notes, '\n');
      /* Translators: in the note of a merge, followed by the other family's notes */
      g_string_append_printf (notes, "%s\n%s", _("Their notes:"), merged_notes);
    }

  text = g_string_free (notes, FALSE);
  g_ptr_array_add (owned, text);
  if (g_utf8_strlen (text, -1) > PL_MERGE_MAX_TEXT)
    {
      g_set_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_TOO_LONG,
                   /* Translators: %d is a number of characters */
                   _("The two families’ notes together are longer than %d characters; shorten "
                     "one family’s notes, then merge"), PL_MERGE_MAX_TEXT);
      return FALSE;
    }
  values[column_index (entity, "notes")] = text;

  for (guint c = 0; entity->columns[c].name; c++)
    {
      const char *name = entity->columns[c].name;

      if (g_strcmp0 (g_hash_table_lookup (keep, name), values[c]) == 0)
        continue;
      g_hash_table_insert (self->family_before, g_strdup (name),
                           g_strdup (g_hash_table_lookup (keep, name)));
      g_hash_table_insert (self->family_after, g_strdup (name), g_strdup (values[c]));
    }
  return TRUE;
}

/* A row as read, with its "id" too, to write back on undo. */
static GHashTable *
copy_row (GHashTable *row,
          const char *id)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, row);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, key, g_strdup (value));
  g_hash_table_insert (copy, (gpointer) "id", g_strdup (id));
  return copy;
}

/* Open conflicts on the merged family's own fields follow its values into
 * the kept family. */
static gboolean
move_conflicts (PlFamilyMerge  *self,
                PlStore        *store,
                const char    **family_values,
                GError        **error)
{
  const PlEntity *conflicts = _pl_store_lookup_entity ("conflicts");
  const PlEntity *families = _pl_store_lookup_entity ("families");
  g_autoptr(GPtrArray) ids =
    collect_ids (store, "SELECT id FROM conflicts WHERE entity = 'families' AND row_id = ?"
                        " AND deleted = 0 AND resolved_at IS NULL", self->merged_id, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autofree char *me = pl_store_get_setting (store, "me");

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GHashTable) row = _pl_store_read_row (store, conflicts, ids->pdata[i], error);
      const char *values[MAX_COLUMNS];
      const char *resolution = NULL;
      int field;

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (self->conflicts_before, copy_row (row, ids->pdata[i]));
      row_values (conflicts, row, values);
      field = column_index (families, g_hash_table_lookup (row, "field"));
      if (field < 0)
        /* Deleted or not: the merge decided it. */
        resolution = "merged";
      else
        {
          values[column_index (conflicts, "row_id")] = self->keep_id;
          values[column_index (conflicts, "winner_value")] = family_values[field];
          values[column_index (conflicts, "winner_hlc")] = self->hlc;
          if (g_strcmp0 (family_values[field], g_hash_table_lookup (row, "loser_value")) == 0)
            resolution = "winner";
        }
      if (resolution != NULL)
        {
          values[column_index (conflicts, "resolved_at")] = now_text;
          values[column_index (conflicts, "resolved_by")] = me;
          values[column_index (conflicts, "resolution")] = resolution;
        }
      if (!_pl_store_write_row (store, conflicts, ids->pdata[i], values, FALSE, self->hlc, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
remove_from_search (PlStore     *store,
                    const char  *family_id,
                    GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, "DELETE FROM family_fts WHERE rowid ="
                                                 " (SELECT rowid FROM families WHERE id = ?)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  return _pl_store_step_done (store, stmt, _("update the search index"), error);
}

/**
 * pl_family_merge_run:
 * @keep_id: the family that stays
 * @merge_id: the family whose people move into it
 *
 * Returns: (transfer full): the merge, or %NULL with @error set
 */
PlFamilyMerge *
pl_family_merge_run (PlStore     *store,
                     const char  *keep_id,
                     const char  *merge_id,
                     GError     **error)
{
  const PlEntity *families = _pl_store_lookup_entity ("families");
  g_autoptr(PlFamilyMerge) self = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const char *keep_values[MAX_COLUMNS];
  const char *merged_values[MAX_COLUMNS];

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (keep_id != NULL && merge_id != NULL, NULL);

  if (strcmp (keep_id, merge_id) == 0)
    {
      g_set_error_literal (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_SAME_FAMILY,
                           _("A family cannot be merged into itself"));
      return NULL;
    }

  self = g_object_new (PL_TYPE_FAMILY_MERGE, NULL);
  self->keep_id = g_strdup (keep_id);
  self->merged_id = g_strdup (merge_id);

  if (!_pl_store_begin (store, error))
    return NULL;

  keep = read_live_family (store, keep_id, error);
  if (keep == NULL)
    goto failed;
  merged = read_live_family (store, merge_id, error);
  if (merged == NULL)
    goto failed;

  self->hlc = pl_clock_now (pl_store_get_clock (store));

  /* The journal sends changes in this order. The students go last: until
   * then the merged family still has them, so a server that decides who
   * may change a family by its students' schools sees it at theirs. */
  row_values (families, merged, merged_values);
  if (!merge_family_fields (self, keep, merged, keep_values, owned, error) ||
      !_pl_store_write_row (store, families, keep_id, keep_values, FALSE, self->hlc, error) ||
      !move_members (self, store, "guardians", self->guardians, guardian_identity,
                     &self->n_repeated_guardians, error) ||
      !move_contacts (self, store, error) ||
      !_pl_store_write_row (store, families, merge_id, merged_values, TRUE, self->hlc, error) ||
      !remove_from_search (store, merge_id, error) ||
      !move_members (self, store, "students", self->students, student_identity,
                     &self->n_repeated_students, error) ||
      !move_conflicts (self, store, keep_values, error) ||
      !_pl_store_update_family_search (store, keep_id, error) ||
      !_pl_store_commit (store, error))
    goto failed;

  _pl_store_emit_family_changed (store, merge_id);
  _pl_store_emit_family_changed (store, keep_id);
  return g_steal_pointer (&self);

failed:
  _pl_store_rollback (store);
  return NULL;
}

/* Undo */

static gboolean
move_back (PlFamilyMerge  *self,
           PlStore        *store,
           const char     *table,
           GArray         *moved,
           const char     *hlc,
           GError        **error)
{
  const PlEntity *entity = _pl_store_lookup_entity (table);
  int family_column = column_index (entity, "family_id");
  int position_column = column_index (entity, "position");

  for (guint i = 0; i < moved->len; i++)
    {
      const Moved *record = &g_array_index (moved, Moved, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GHashTable) row = _pl_store_read_row (store, entity, record->id, &local_error);
      g_autofree char *position = g_strdup_printf ("%d", record->position);
      const char *values[MAX_COLUMNS];

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (row == NULL)
        continue;
      /* Moved on since (to a third family): it stays where a person put it. */
      if (g_strcmp0 (g_hash_table_lookup (row, "family_id"), self->keep_id) != 0)
        continue;
      row_values (entity, row, values);
      values[family_column] = self->merged_id;
      if (position_column >= 0 && record->position >= 0)
        values[position_column] = position;
      if (!_pl_store_write_row (store, entity, record->id, values, row_is_deleted (row), hlc,
                                error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pl_family_merge_undo (PlFamilyMerge  *self,
                      PlStore        *store,
                      GError        **error)
{
  const PlEntity *families = _pl_store_lookup_entity ("families");
  const PlEntity *conflicts = _pl_store_lookup_entity ("conflicts");
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hlc = NULL;
  const char *values[MAX_COLUMNS];

  g_return_val_if_fail (PL_IS_FAMILY_MERGE (self), FALSE);
  g_return_val_if_fail (PL_IS_STORE (store), FALSE);

  if (self->undone)
    goto cannot;

  if (!_pl_store_begin (store, error))
    return FALSE;

  keep = _pl_store_read_row (store, families, self->keep_id, &local_error);
  if (local_error == NULL)
    merged = _pl_store_read_row (store, families, self->merged_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  if (keep == NULL || merged == NULL || row_is_deleted (keep) || !row_is_deleted (merged))
    {
      _pl_store_rollback (store);
      goto cannot;
    }

  hlc = pl_clock_now (pl_store_get_clock (store));

  row_values (families, merged, values);
  if (!_pl_store_write_row (store, families, self->merged_id, values, FALSE, hlc, error) ||
      !move_back (self, store, "guardians", self->guardians, hlc, error) ||
      !move_back (self, store, "students", self->students, hlc, error) ||
      !move_back (self, store, "contacts", self->contacts, hlc, error))
    goto failed;

  /* The kept family's fields go back where they still hold what the merge wrote. */
  row_values (families, keep, values);
  for (guint c = 0; families->columns[c].name; c++)
    {
      const char *name = families->columns[c].name;

      if (g_hash_table_contains (self->family_after, name) &&
          g_strcmp0 (values[c], g_hash_table_lookup (self->family_after, name)) == 0)
        values[c] = g_hash_table_lookup (self->family_before, name);
    }
  if (!_pl_store_write_row (store, families, self->keep_id, values, FALSE, hlc, error))
    goto failed;

  for (guint i = 0; i < self->conflicts_before->len; i++)
    {
      GHashTable *before = g_ptr_array_index (self->conflicts_before, i);
      const char *id = g_hash_table_lookup (before, "id");
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GHashTable) now = _pl_store_read_row (store, conflicts, id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (now == NULL)
        continue;
      /* Settled or changed by a person since: theirs stands. */
      if (g_strcmp0 (g_hash_table_lookup (now, "hlc"), self->hlc) != 0)
        continue;
      row_values (conflicts, before, values);
      if (!_pl_store_write_row (store, conflicts, id, values, FALSE, hlc, error))
        goto failed;
    }

  if (!_pl_store_update_family_search (store, self->merged_id, error) ||
      !_pl_store_update_family_search (store, self->keep_id, error) ||
      !_pl_store_commit (store, error))
    goto failed;

  self->undone = TRUE;
  _pl_store_emit_family_changed (store, self->merged_id);
  _pl_store_emit_family_changed (store, self->keep_id);
  return TRUE;

failed:
  _pl_store_rollback (store);
  return FALSE;

cannot:
  g_set_error_literal (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_CANNOT_UNDO,
                       _("The merge can no longer be undone: one of the families changed since"));
  return FALSE;
}
