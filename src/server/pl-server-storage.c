/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-server-storage.h"

G_DEFINE_QUARK (pl-server-error-quark, pl_server_error)
G_DEFINE_INTERFACE (PlServerStorage, pl_server_storage, G_TYPE_OBJECT)

static void
pl_server_storage_default_init (PlServerStorageInterface *iface)
{
}

static const char *const role_names[] = {
  [PL_SERVER_ROLE_ADMIN] = "admin",
  [PL_SERVER_ROLE_ORGANIZER] = "organizer",
  [PL_SERVER_ROLE_LIAISON] = "liaison",
  [PL_SERVER_ROLE_ENTRY] = "entry",
  [PL_SERVER_ROLE_VIEWER] = "viewer",
};

const char *
pl_server_role_to_string (PlServerRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
pl_server_role_from_string (const char   *text,
                            PlServerRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
pl_server_role_may_write (PlServerRole  role,
                          const char   *entity)
{
  if (g_strcmp0 (entity, "schools") == 0)
    return role == PL_SERVER_ROLE_ADMIN;

  if (g_strcmp0 (entity, "families") == 0 || g_strcmp0 (entity, "guardians") == 0 ||
      g_strcmp0 (entity, "students") == 0 || g_strcmp0 (entity, "contacts") == 0 ||
      g_strcmp0 (entity, "conflicts") == 0)
    return role == PL_SERVER_ROLE_ADMIN || role == PL_SERVER_ROLE_ORGANIZER ||
           role == PL_SERVER_ROLE_LIAISON;

  /* A survey's definition is the organizers'; keyed forms are also the
   * entry staff's. */
  if (g_strcmp0 (entity, "surveys") == 0 || g_strcmp0 (entity, "questions") == 0 ||
      g_strcmp0 (entity, "translations") == 0)
    return role == PL_SERVER_ROLE_ADMIN || role == PL_SERVER_ROLE_ORGANIZER;
  if (g_strcmp0 (entity, "entry_batches") == 0 || g_strcmp0 (entity, "responses") == 0 ||
      g_strcmp0 (entity, "answers") == 0 || g_strcmp0 (entity, "form_prints") == 0)
    return role == PL_SERVER_ROLE_ADMIN || role == PL_SERVER_ROLE_ORGANIZER ||
           role == PL_SERVER_ROLE_ENTRY;

  return FALSE;
}

PlServerUser *
pl_server_user_copy (const PlServerUser *user)
{
  PlServerUser *copy = g_new0 (PlServerUser, 1);

  copy->name = g_strdup (user->name);
  copy->display_name = g_strdup (user->display_name);
  copy->role = user->role;
  copy->schools = g_strdupv (user->schools);
  copy->disabled = user->disabled;
  copy->created_at = user->created_at;
  return copy;
}

void
pl_server_user_free (PlServerUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->display_name);
  g_strfreev (user->schools);
  g_free (user);
}

gint64
pl_server_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
pl_server_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

char *
pl_server_user_dup_schools_text (const PlServerUser *user)
{
  if (user->schools == NULL)
    return g_strdup ("all");
  return g_strjoinv (",", user->schools);
}

gboolean
pl_server_parse_schools (const char  *text,
                         GStrv       *schools,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  if (g_strcmp0 (text, "all") == 0)
    {
      *schools = NULL;
      return TRUE;
    }

  ids = g_ptr_array_new_with_free_func (g_free);
  parts = g_strsplit (text ? text : "", ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *id = g_strstrip (parts[i]);

      if (*id == '\0' || strpbrk (id, " \t\n\"'") != NULL)
        {
          g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_INVALID,
                       /* Translators: %s is what was typed after --schools */
                       _("“%s” is not a list of schools: give “all” or school ids "
                         "separated by commas"), text ? text : "");
          return FALSE;
        }
      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (id));
    }
  g_ptr_array_add (ids, NULL);
  *schools = (GStrv) g_ptr_array_steal (ids, NULL);
  return TRUE;
}

void
pl_server_audit_entry_free (PlServerAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->user);
  g_free (entry->device);
  g_free (entry->change_id);
  g_free (entry->entity);
  g_free (entry->row_id);
  g_free (entry->family_id);
  g_free (entry->fields);
  g_free (entry->hlc);
  g_free (entry);
}

#define IFACE(self) PL_SERVER_STORAGE_GET_IFACE (self)

gboolean
pl_server_storage_init (PlServerStorage  *self,
                        GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->init (self, error);
}

gboolean
pl_server_storage_add_user (PlServerStorage     *self,
                            const PlServerUser  *user,
                            const char          *password_hash,
                            GError             **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->add_user (self, user, password_hash, error);
}

GPtrArray *
pl_server_storage_list_users (PlServerStorage  *self,
                              GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), NULL);
  return IFACE (self)->list_users (self, error);
}

gboolean
pl_server_storage_disable_user (PlServerStorage  *self,
                                const char       *name,
                                GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->disable_user (self, name, error);
}

PlServerUser *
pl_server_storage_lookup_user (PlServerStorage  *self,
                               const char       *name,
                               char            **password_hash,
                               GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), NULL);
  return IFACE (self)->lookup_user (self, name, password_hash, error);
}

gboolean
pl_server_storage_create_token (PlServerStorage  *self,
                                const char       *token_hash,
                                const char       *user,
                                const char       *device,
                                gint64            expires_at,
                                GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->create_token (self, token_hash, user, device, expires_at, error);
}

PlServerUser *
pl_server_storage_lookup_token (PlServerStorage  *self,
                                const char       *token_hash,
                                char            **device,
                                gint64           *expires_at,
                                GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), NULL);
  return IFACE (self)->lookup_token (self, token_hash, device, expires_at, error);
}

gboolean
pl_server_storage_delete_token (PlServerStorage  *self,
                                const char       *token_hash,
                                GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->delete_token (self, token_hash, error);
}

gboolean
pl_server_storage_record_login_failure (PlServerStorage  *self,
                                        const char       *key,
                                        gint64            at,
                                        GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->record_login_failure (self, key, at, error);
}

gboolean
pl_server_storage_count_login_failures (PlServerStorage  *self,
                                        const char       *key,
                                        gint64            since,
                                        guint            *count,
                                        gint64           *latest,
                                        GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->count_login_failures (self, key, since, count, latest, error);
}

gboolean
pl_server_storage_clear_login_failures (PlServerStorage  *self,
                                        const char       *key,
                                        GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->clear_login_failures (self, key, error);
}

gboolean
pl_server_storage_push (PlServerStorage     *self,
                        const PlServerUser  *user,
                        const char          *device,
                        JsonArray           *changes,
                        PlServerPushResult  *result,
                        GError             **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->push (self, user, device, changes, result, error);
}

gboolean
pl_server_storage_pull (PlServerStorage     *self,
                        const PlServerUser  *user,
                        gint64               since,
                        guint                limit,
                        GString             *rows_json,
                        gint64              *cursor,
                        gboolean            *more,
                        gint64              *remaining,
                        GError             **error)
{
  gint64 unused = 0;

  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (rows_json != NULL, FALSE);
  return IFACE (self)->pull (self, user, since, limit, rows_json, cursor, more,
                             remaining ? remaining : &unused, error);
}

GPtrArray *
pl_server_storage_list_audit (PlServerStorage  *self,
                              const char       *family_id,
                              GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), NULL);
  return IFACE (self)->list_audit (self, family_id, error);
}

gboolean
pl_server_storage_backup (PlServerStorage  *self,
                          const char       *path,
                          GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  return IFACE (self)->backup (self, path, error);
}

gboolean
pl_server_storage_read_row (PlServerStorage     *self,
                            const PlServerUser  *user,
                            const char          *entity,
                            const char          *id,
                            GString             *row_json,
                            GError             **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), FALSE);
  g_return_val_if_fail (row_json != NULL, FALSE);
  return IFACE (self)->read_row (self, user, entity, id, row_json, error);
}

void
pl_server_storage_push_group (PlServerStorage     *self,
                              PlServerPushRequest *requests,
                              guint                n_requests)
{
  g_return_if_fail (PL_IS_SERVER_STORAGE (self));
  g_return_if_fail (requests != NULL || n_requests == 0);
  IFACE (self)->push_group (self, requests, n_requests);
}

PlServerStorage *
pl_server_storage_open_writer (PlServerStorage  *self,
                               GError          **error)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE (self), NULL);
  return IFACE (self)->open_writer (self, error);
}

void
pl_server_storage_after_group (PlServerStorage *self)
{
  g_return_if_fail (PL_IS_SERVER_STORAGE (self));
  if (IFACE (self)->after_group != NULL)
    IFACE (self)->after_group (self);
}
