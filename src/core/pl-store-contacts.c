/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-contact-private.h"
#include "pl-store-private.h"

/* The contact log's part of PlStore: contacts are written through the same
 * journaled row writer as families, so they sync the same way. */

#define SETTING_ME "me"

char *
pl_store_dup_me (PlStore *self)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  return pl_store_get_setting (self, SETTING_ME);
}

gboolean
pl_store_set_me (PlStore     *self,
                 const char  *username,
                 GError     **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  if (username != NULL && *username == '\0')
    username = NULL;
  return pl_store_set_setting (self, SETTING_ME, username, error);
}

/**
 * pl_store_dup_staff_name:
 * @username: (nullable): a staff username
 *
 * Returns: (transfer full) (nullable): the person's display name
 */
char *
pl_store_dup_staff_name (PlStore    *self,
                         const char *username)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  char *name = NULL;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  if (username == NULL)
    return NULL;

  stmt = _pl_store_prepare (self, "SELECT display_name FROM staff_users"
                                  " WHERE username = ? AND deleted = 0"
                                  " ORDER BY display_name IS NULL LIMIT 1", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the staff: %s", error->message);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the staff"), &error);
      g_warning ("%s", error->message);
    }
  sqlite3_reset (stmt);
  return name;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

PlContact *
_pl_contact_new_from_statement (sqlite3_stmt *stmt)
{
  return g_object_new (PL_TYPE_CONTACT,
                       "id", column_text (stmt, 0),
                       "family-id", column_text (stmt, 1),
                       "guardian-id", column_text (stmt, 2),
                       "staff-id", column_text (stmt, 3),
                       "happened-at", column_text (stmt, 4),
                       "method", column_text (stmt, 5),
                       "direction", column_text (stmt, 6),
                       "language", column_text (stmt, 7),
                       "interpreter", column_text (stmt, 8),
                       "purpose", column_text (stmt, 9),
                       "purpose-other", column_text (stmt, 10),
                       "outcome", column_text (stmt, 11),
                       "notes", column_text (stmt, 12),
                       "follow-up-due", column_text (stmt, 13),
                       "follow-up-done-at", column_text (stmt, 14),
                       "follow-up-owner", column_text (stmt, 15),
                       NULL);
}

/**
 * pl_store_load_contact:
 *
 * Returns: (transfer full): the contact, or %NULL with
 *   %PL_STORE_ERROR_NOT_FOUND when it does not exist or was deleted
 */
PlContact *
pl_store_load_contact (PlStore     *self,
                       const char  *id,
                       GError     **error)
{
  PlContact *contact;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _pl_store_prepare (self, "SELECT " PL_CONTACT_COLUMNS " FROM contacts"
                                  " WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                           _("That contact is no longer in the database"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("read the contact"), error);
      return NULL;
    }
  contact = _pl_contact_new_from_statement (stmt);
  sqlite3_reset (stmt);
  return contact;
}

/* Whether a row with @id exists, deleted or not. */
static gboolean
contact_exists (PlStore     *self,
                const char  *id,
                gboolean    *exists,
                GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (self, "SELECT 1 FROM contacts WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the contact"), error);
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * pl_store_save_contact:
 *
 * Checks @contact against its family as stored now (the family exists, the
 * guardian is one of its guardians) and every field's rules, then writes it
 * in one transaction with a journal entry: an insert for a new contact, the
 * changed fields for an edit. Nothing is written if anything fails.
 */
gboolean
pl_store_save_contact (PlStore    *self,
                       PlContact  *contact,
                       GError    **error)
{
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hlc = NULL;
  const char *family_id;
  gboolean exists = FALSE;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_CONTACT (contact), FALSE);

  family_id = pl_contact_get_family_id (contact);
  if (!pl_contact_validate (contact, NULL, NULL, error))
    return FALSE;

  if (!_pl_store_begin (self, error))
    return FALSE;

  /* Inside the transaction, so the family cannot go while the contact is
   * written against it. */
  family = pl_store_load_family (self, family_id, &local_error);
  if (family == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  if (!pl_contact_validate (contact, family, NULL, error) ||
      !contact_exists (self, pl_contact_get_id (contact), &exists, error))
    goto failed;

  if (!exists && pl_contact_get_staff_id (contact) == NULL)
    {
      g_autofree char *me = pl_store_dup_me (self);

      pl_contact_set_staff_id (contact, me);
    }
  if (pl_contact_get_follow_up_due (contact) != NULL &&
      pl_contact_get_follow_up_owner (contact) == NULL)
    pl_contact_set_follow_up_owner (contact, pl_contact_get_staff_id (contact));

  hlc = pl_clock_now (pl_store_get_clock (self));
  {
    const char *values[] = {
      family_id,
      pl_contact_get_guardian_id (contact),
      pl_contact_get_staff_id (contact),
      pl_contact_get_happened_at (contact),
      pl_contact_get_method (contact),
      pl_contact_get_direction (contact),
      pl_contact_get_language (contact),
      pl_contact_get_interpreter (contact),
      pl_contact_get_purpose (contact),
      pl_contact_get_purpose_other (contact),
      pl_contact_get_outcome (contact),
      pl_contact_get_notes (contact),
      pl_contact_get_follow_up_due (contact),
      pl_contact_get_follow_up_done_at (contact),
      pl_contact_get_follow_up_owner (contact),
    };
    const PlEntity *entity = _pl_store_lookup_entity ("contacts");

    g_assert (_pl_store_n_columns (entity) == G_N_ELEMENTS (values));
    if (!_pl_store_write_row (self, entity, pl_contact_get_id (contact), values, FALSE, hlc,
                              error))
      goto failed;
  }

  if (!_pl_store_commit (self, error))
    goto failed;
  _pl_store_emit_contacts_changed (self, family_id);
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

static gboolean
set_contact_deleted (PlStore     *self,
                     const char  *id,
                     gboolean     deleted,
                     GError     **error)
{
  const PlEntity *entity = _pl_store_lookup_entity ("contacts");
  g_autoptr(GHashTable) row = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hlc = NULL;
  g_autofree char *family_id = NULL;
  const char *values[32];
  guint n = _pl_store_n_columns (entity);

  g_assert (n < G_N_ELEMENTS (values));

  if (!_pl_store_begin (self, error))
    return FALSE;

  row = _pl_store_read_row (self, entity, id, &local_error);
  if (row == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                             _("That contact is no longer in the database"));
      goto failed;
    }
  if ((g_strcmp0 (g_hash_table_lookup (row, "deleted"), "1") == 0) == deleted)
    {
      _pl_store_rollback (self);
      return TRUE;
    }

  /* Bringing a contact back to a family that is gone would hide it. */
  if (!deleted)
    {
      g_autoptr(PlFamily) family =
        pl_store_load_family (self, g_hash_table_lookup (row, "family_id"), error);

      if (family == NULL)
        goto failed;
    }

  for (guint c = 0; c < n; c++)
    values[c] = g_hash_table_lookup (row, entity->columns[c].name);
  family_id = g_strdup (g_hash_table_lookup (row, "family_id"));

  hlc = pl_clock_now (pl_store_get_clock (self));
  if (!_pl_store_write_row (self, entity, id, values, deleted, hlc, error) ||
      !_pl_store_commit (self, error))
    goto failed;

  _pl_store_emit_contacts_changed (self, family_id);
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/**
 * pl_store_delete_contact:
 *
 * Marks the contact deleted: it leaves the timeline and counts, and the
 * deletion syncs; pl_store_restore_contact() brings it back.
 */
gboolean
pl_store_delete_contact (PlStore     *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return set_contact_deleted (self, id, TRUE, error);
}

gboolean
pl_store_restore_contact (PlStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return set_contact_deleted (self, id, FALSE, error);
}

gint64
pl_store_count_contacts (PlStore     *self,
                         const char  *family_id,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), -1);
  g_return_val_if_fail (family_id != NULL, -1);

  stmt = _pl_store_prepare (self, "SELECT count(*) FROM contacts"
                                  " WHERE family_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("count the contacts"), error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}
