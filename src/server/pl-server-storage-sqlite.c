/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-merge.h"
#include "pl-server-storage-sqlite.h"
#include "pl-server-vfs.h"
#include "pl-store-private.h"

typedef struct _Checkpointer Checkpointer;

struct _PlServerStorageSqlite
{
  GObject       parent_instance;

  PlStore      *store;
  /* The writer's handle (open_writer) only: */
  int           wal_frames;    /* in the write-ahead log after its last commit */
  Checkpointer *checkpointer;
};

static void checkpointer_free (Checkpointer *checkpointer);

static void storage_iface_init (PlServerStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PlServerStorageSqlite, pl_server_storage_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PL_TYPE_SERVER_STORAGE, storage_iface_init))

/* Server schema 1. The tables sit in the store's file, so one transaction
 * covers a push's merge, audit entries and pull order. A change is a new
 * step, never an edit of a released one. */
static const char server_migration_1[] =
  "CREATE TABLE IF NOT EXISTS server_users ("
  "  name TEXT PRIMARY KEY NOT NULL, display_name TEXT,"
  "  role TEXT NOT NULL CHECK (role IN ('admin','organizer','liaison','entry','viewer')),"
  "  schools TEXT NOT NULL,"  /* 'all' or school ids joined by commas */
  "  password_hash TEXT NOT NULL,"
  "  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  created_at INTEGER NOT NULL);"

  /* Only a token's SHA-256 is kept, so a copy of the database opens no session. */
  "CREATE TABLE IF NOT EXISTS server_tokens ("
  "  token_hash TEXT PRIMARY KEY NOT NULL,"
  "  user TEXT NOT NULL REFERENCES server_users (name),"
  "  device TEXT NOT NULL, expires_at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS server_tokens_user ON server_tokens (user);"

  /* key is 'user:NAME' or 'address:ADDR'. */
  "CREATE TABLE IF NOT EXISTS server_login_failures ("
  "  key TEXT NOT NULL, at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS server_login_failures_key ON server_login_failures (key, at);"

  /* The unique pair is also what makes a retried push apply once. */
  "CREATE TABLE IF NOT EXISTS server_audit ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,"
  "  user TEXT NOT NULL, device TEXT NOT NULL, change_id TEXT NOT NULL,"
  "  entity TEXT NOT NULL, row_id TEXT NOT NULL, family_id TEXT,"
  "  fields TEXT NOT NULL, hlc TEXT NOT NULL,"
  "  UNIQUE (device, change_id));"
  "CREATE INDEX IF NOT EXISTS server_audit_family ON server_audit (family_id, seq);"

  /* Pull order: every row a push wrote, with the seq of its last change. */
  "CREATE TABLE IF NOT EXISTS server_rows ("
  "  entity TEXT NOT NULL, row_id TEXT NOT NULL, seq INTEGER NOT NULL, family_id TEXT,"
  "  PRIMARY KEY (entity, row_id)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS server_rows_seq ON server_rows (seq);"
  "CREATE INDEX IF NOT EXISTS server_rows_family ON server_rows (family_id);";

/* Server schema 2: where a family left a school. When a push takes a
 * family's last live student away from a school, the school's users who can
 * no longer see the family get a "gone" marker in their next pull. */
static const char server_migration_2[] =
  "CREATE TABLE IF NOT EXISTS server_departures ("
  "  family_id TEXT NOT NULL, school_id TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (family_id, school_id)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS server_departures_seq ON server_departures (seq);";

/* Server schema 3: a push writes fewer index pages. Each index keyed by a
 * family takes a change into a random page of its own, and the commit
 * writes that page twice (log, then database): server_rows_family and
 * server_audit_family were a fifth of what a push wrote. A family's rows
 * are found through the directory's own family_id indexes instead, and the
 * user who first changed a family (who may change it while it has no
 * students) is kept in a table written once per family. "audit --family"
 * reads the journal through. */
static const char server_migration_3[] =
  "DROP INDEX IF EXISTS server_rows_family;"
  "DROP INDEX IF EXISTS server_audit_family;"
  "CREATE TABLE IF NOT EXISTS server_family_creators ("
  "  family_id TEXT PRIMARY KEY NOT NULL, user TEXT NOT NULL) WITHOUT ROWID;"
  "INSERT OR IGNORE INTO server_family_creators (family_id, user)"
  "  SELECT row_id, user FROM server_audit WHERE entity = 'families' ORDER BY seq;";

static const char *const server_migrations[] = {
  server_migration_1,
  server_migration_2,
  server_migration_3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (server_migrations) == PL_SERVER_SCHEMA_VERSION);

/* Whether a family is in a set of schools (?3, a JSON array): a live student
 * at one of them, or, once the family is deleted, a student there when it
 * was, so its tombstone reaches the schools that had it. */
#define STUDENT_AT_SCHOOLS \
  " FROM students s JOIN families f ON f.id = s.family_id" \
  " WHERE s.school_id IN (SELECT value FROM json_each (?3))" \
  " AND (s.deleted = 0 OR f.deleted = 1)"
#define FAMILIES_IN_SCHOOLS "SELECT s.family_id" STUDENT_AT_SCHOOLS

static void
pl_server_storage_sqlite_finalize (GObject *object)
{
  PlServerStorageSqlite *self = PL_SERVER_STORAGE_SQLITE (object);

  g_clear_pointer (&self->checkpointer, checkpointer_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_server_storage_sqlite_parent_class)->finalize (object);
}

static void
pl_server_storage_sqlite_class_init (PlServerStorageSqliteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_server_storage_sqlite_finalize;
}

static void
pl_server_storage_sqlite_init (PlServerStorageSqlite *self)
{
}

/* Steps a query; TRUE with *has_row for SQLITE_ROW/DONE, FALSE with @error
 * otherwise. @what is translated only when it is needed: a pull steps
 * thousands of queries a page. */
static gboolean
step_row (PlStore       *store,
          sqlite3_stmt  *stmt,
          gboolean      *has_row,
          const char    *what,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *has_row = rc == SQLITE_ROW;
      return TRUE;
    }
  _pl_store_set_error (store, rc, _(what), error);
  sqlite3_reset (stmt);
  return FALSE;
}

/* _pl_store_step_done(), with @what translated only on failure. */
static gboolean
step_done (PlStore       *store,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  _pl_store_set_error (store, rc, _(what), error);
  sqlite3_reset (stmt);
  return FALSE;
}

static gboolean
query_int (PlStore     *store,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, sql, error);
  gboolean has_row = FALSE;

  if (stmt == NULL || !step_row (store, stmt, &has_row, N_("read the database"), error))
    return FALSE;
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
table_exists (PlStore     *store,
              const char  *name,
              gboolean    *exists,
              GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, "SELECT 1 FROM sqlite_schema"
                                                 " WHERE type = 'table' AND name = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!step_row (store, stmt, exists, N_("read the database"), error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Brings the server tables to PL_SERVER_SCHEMA_VERSION; with !@create a file
 * without them is refused instead. */
static gboolean
migrate (PlServerStorageSqlite  *self,
         gboolean                create,
         GError                **error)
{
  PlStore *store = self->store;
  gboolean exists = FALSE;
  gint64 version = 0;

  if (!table_exists (store, "server_schema_version", &exists, error))
    return FALSE;
  if (!exists && !create)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_SERVER,
                   /* Translators: %s is a file name */
                   _("“%s” is not a Porchlight server database; create one with "
                     "“porchlight-server --database FILE init”"), pl_store_get_path (store));
      return FALSE;
    }
  if (exists && !query_int (store, "SELECT max(version) FROM server_schema_version", &version,
                            error))
    return FALSE;
  if (version > PL_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NEWER_SCHEMA,
                   /* Translators: %s is a file name; the numbers are schema versions */
                   _("“%s” was written by a newer porchlight-server (server schema %d; this "
                     "version reads up to %d). Update porchlight-server; the file has not been "
                     "changed."), pl_store_get_path (store), (int) version,
                   PL_SERVER_SCHEMA_VERSION);
      return FALSE;
    }

  for (int step = (int) version + 1; step <= PL_SERVER_SCHEMA_VERSION; step++)
    {
      sqlite3_stmt *stmt;

      /* One transaction per step: a failed step leaves the previous version. */
      if (!pl_store_begin (store, error))
        return FALSE;
      if (!_pl_store_exec (store, "CREATE TABLE IF NOT EXISTS server_schema_version ("
                                  "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
                           error) ||
          !_pl_store_exec (store, server_migrations[step - 1], error))
        goto failed;
      stmt = _pl_store_prepare (store, "INSERT INTO server_schema_version VALUES"
                                       " (?, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int (stmt, 1, step);
      if (!step_done (store, stmt, N_("record the server schema version"), error) ||
          !pl_store_commit (store, error))
        goto failed;
      continue;

    failed:
      pl_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * pl_server_storage_sqlite_open:
 *
 * Returns: (transfer full): the storage, or %NULL with @error set
 */
PlServerStorage *
pl_server_storage_sqlite_open (const char  *path,
                               gboolean     create,
                               GError     **error)
{
  g_autoptr(PlServerStorageSqlite) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_SERVER,
                   /* Translators: %s is a file name */
                   _("“%s” does not exist; create it with "
                     "“porchlight-server --database FILE init”"), path);
      return NULL;
    }

  self = g_object_new (PL_TYPE_SERVER_STORAGE_SQLITE, NULL);
  self->store = pl_store_open (path, error);
  if (self->store == NULL || !migrate (self, create, error))
    return NULL;
  return PL_SERVER_STORAGE (g_steal_pointer (&self));
}

PlStore *
pl_server_storage_sqlite_get_store (PlServerStorageSqlite *self)
{
  g_return_val_if_fail (PL_IS_SERVER_STORAGE_SQLITE (self), NULL);
  return self->store;
}

static gboolean
storage_init (PlServerStorage  *storage,
              GError          **error)
{
  return migrate (PL_SERVER_STORAGE_SQLITE (storage), TRUE, error);
}

/* Demo district */

/* While the demo writes, every synced row it inserts is queued for pull with
 * the next seq. The demo inserts a row's parents before it (the foreign keys
 * say so), so insertion order is an order the pull protocol accepts: schools,
 * then each family, its guardians, students and contacts. As triggers they
 * run inside the demo's own transaction and cost no pass over the rows. */
static const char *const demo_triggers[] = { "schools", "families", "guardians", "students",
                                             "contacts" };

static gboolean
demo_triggers_create (PlStore  *store,
                      GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_triggers); i++)
    {
      const char *table = demo_triggers[i];
      g_autofree char *sql = NULL;

      sql = g_strdup_printf ("CREATE TEMP TRIGGER pl_demo_queue_%s AFTER INSERT ON main.%s BEGIN"
                             " INSERT INTO server_rows (entity, row_id, seq, family_id)"
                             " VALUES ('%s', NEW.id,"
                             " (SELECT coalesce (max (seq), 0) + 1 FROM server_rows), %s);"
                             " END", table, table, table,
                             g_str_equal (table, "schools") ? "NULL"
                             : g_str_equal (table, "families") ? "NEW.id" : "NEW.family_id");
      if (!_pl_store_exec (store, sql, error))
        return FALSE;
    }
  return TRUE;
}

static void
demo_triggers_drop (PlStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_triggers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER IF EXISTS temp.pl_demo_queue_%s",
                                              demo_triggers[i]);

      _pl_store_exec (store, sql, NULL);
    }
}

/**
 * pl_server_storage_sqlite_fill_demo:
 * @n_families: how many families (see pl_demo_generate())
 * @seed: the same seed makes the same district
 * @progress: (nullable) (scope call): told every few hundred families
 *
 * Returns: %TRUE on success; on failure nothing is left behind
 */
gboolean
pl_server_storage_sqlite_fill_demo (PlServerStorageSqlite  *self,
                                    guint                   n_families,
                                    guint32                 seed,
                                    PlDemoProgress          progress,
                                    gpointer                user_data,
                                    GError                **error)
{
  gint64 queued = 0;
  gboolean ok;

  g_return_val_if_fail (PL_IS_SERVER_STORAGE_SQLITE (self), FALSE);

  if (!query_int (self->store, "SELECT count(*) FROM server_rows", &queued, error))
    return FALSE;
  if (queued > 0)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_INVALID,
                   /* Translators: %s is a file name */
                   _("“%s” already holds synced rows; a demo district goes only into an empty "
                     "server database"), pl_store_get_path (self->store));
      return FALSE;
    }

  /* An insert that fires a trigger keeps a statement journal; once one
   * outgrows its memory it goes to a temporary file for the rest of the
   * transaction, a write per page of each of a million inserts. (Set before
   * the triggers: changing temp_store drops temporary triggers.) The pull
   * queue's indexes take random ids too: a larger page cache keeps the
   * transaction from spilling pages to the WAL and reading them back. */
  if (!_pl_store_exec (self->store, "PRAGMA temp_store = MEMORY", error) ||
      !_pl_store_exec (self->store, "PRAGMA cache_size = -262144", error))
    return FALSE;

  /* pl_demo_generate() refuses a store with families, and writes in one
   * transaction of its own, which the triggers join. */
  ok = demo_triggers_create (self->store, error) &&
       pl_demo_generate (self->store, n_families, seed, progress, user_data, NULL, error);
  demo_triggers_drop (self->store);
  _pl_store_exec (self->store, "PRAGMA temp_store = DEFAULT", NULL);
  _pl_store_exec (self->store, "PRAGMA cache_size = -2000", NULL);
  return ok;
}

/* Users */

#define USER_COLUMNS "name, display_name, role, schools, disabled, created_at, password_hash"

static PlServerUser *
read_user (sqlite3_stmt *stmt,
           int           first)
{
  g_autoptr(PlServerUser) user = g_new0 (PlServerUser, 1);
  const char *role = (const char *) sqlite3_column_text (stmt, first + 2);
  const char *schools = (const char *) sqlite3_column_text (stmt, first + 3);

  user->name = g_strdup ((const char *) sqlite3_column_text (stmt, first));
  user->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, first + 1));
  /* The CHECK constraint keeps the role one of the known names. */
  if (!pl_server_role_from_string (role, &user->role))
    user->role = PL_SERVER_ROLE_VIEWER;
  if (g_strcmp0 (schools, "all") == 0)
    user->schools = NULL;
  else
    user->schools = g_strsplit (schools ? schools : "", ",", -1);
  user->disabled = sqlite3_column_int (stmt, first + 4) != 0;
  user->created_at = sqlite3_column_int64 (stmt, first + 5);
  return g_steal_pointer (&user);
}

static gboolean
storage_add_user (PlServerStorage     *storage,
                  const PlServerUser  *user,
                  const char          *password_hash,
                  GError             **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autofree char *schools = pl_server_user_dup_schools_text (user);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (store, "INSERT INTO server_users (" USER_COLUMNS ")"
                                   " VALUES (?, ?, ?, ?, 0, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user->display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pl_server_role_to_string (user->role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, schools, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, user->created_at ? user->created_at : pl_server_now_seconds ());
  sqlite3_bind_text (stmt, 6, password_hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_EXISTS,
                 /* Translators: %s is a user name */
                 _("A user named “%s” already exists"), user->name);
  else
    _pl_store_set_error (store, rc, _("add the user"), error);
  sqlite3_reset (stmt);
  return FALSE;
}

static GPtrArray *
storage_list_users (PlServerStorage  *storage,
                    GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autoptr(GPtrArray) users = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE, ok;

  users = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_server_user_free);
  stmt = _pl_store_prepare (store, "SELECT " USER_COLUMNS " FROM server_users ORDER BY name",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((ok = step_row (store, stmt, &has_row, N_("read the users"), error)) && has_row)
    g_ptr_array_add (users, read_user (stmt, 0));
  if (!ok)
    return NULL;
  return g_steal_pointer (&users);
}

static gboolean
storage_disable_user (PlServerStorage  *storage,
                      const char       *name,
                      GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  sqlite3_stmt *stmt;

  if (!pl_store_begin (store, error))
    return FALSE;

  stmt = _pl_store_prepare (store, "UPDATE server_users SET disabled = 1 WHERE name = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, N_("disable the user"), error))
    goto failed;
  if (sqlite3_changes (_pl_store_get_db (store)) == 0)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_FOUND,
                   /* Translators: %s is a user name */
                   _("There is no user named “%s”"), name);
      goto failed;
    }

  /* A disabled user's sessions end now, not when their tokens expire. */
  stmt = _pl_store_prepare (store, "DELETE FROM server_tokens WHERE user = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!step_done (store, stmt, N_("end the user’s sessions"), error) ||
      !pl_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  pl_store_rollback (store);
  return FALSE;
}

static PlServerUser *
storage_lookup_user (PlServerStorage  *storage,
                     const char       *name,
                     char            **password_hash,
                     GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autoptr(PlServerUser) user = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE;

  stmt = _pl_store_prepare (store, "SELECT " USER_COLUMNS " FROM server_users WHERE name = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &has_row, N_("read the users"), error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_FOUND,
                   _("There is no user named “%s”"), name);
      return NULL;
    }
  user = read_user (stmt, 0);
  if (password_hash != NULL)
    *password_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  sqlite3_reset (stmt);
  return g_steal_pointer (&user);
}

/* Sessions */

static gboolean
storage_create_token (PlServerStorage  *storage,
                      const char       *token_hash,
                      const char       *user,
                      const char       *device,
                      gint64            expires_at,
                      GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  sqlite3_stmt *stmt;

  /* Expired tokens are kept a while so their holders hear "session expired"
   * rather than "unknown token"; after that they are only clutter. */
  stmt = _pl_store_prepare (store, "DELETE FROM server_tokens WHERE expires_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pl_server_now_seconds () - 30 * 24 * 3600);
  if (!step_done (store, stmt, N_("remove old sessions"), error))
    return FALSE;

  stmt = _pl_store_prepare (store, "INSERT INTO server_tokens"
                                   " (token_hash, user, device, expires_at)"
                                   " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, expires_at);
  return step_done (store, stmt, N_("save the session"), error);
}

static PlServerUser *
storage_lookup_token (PlServerStorage  *storage,
                      const char       *token_hash,
                      char            **device,
                      gint64           *expires_at,
                      GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autoptr(PlServerUser) user = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE;

  stmt = _pl_store_prepare (store, "SELECT t.device, t.expires_at, u.name, u.display_name,"
                                   " u.role, u.schools, u.disabled, u.created_at"
                                   " FROM server_tokens t JOIN server_users u ON u.name = t.user"
                                   " WHERE t.token_hash = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &has_row, N_("read the sessions"), error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_FOUND,
                           _("The session is not known; log in again"));
      return NULL;
    }
  user = read_user (stmt, 2);
  if (device != NULL)
    *device = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (expires_at != NULL)
    *expires_at = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return g_steal_pointer (&user);
}

static gboolean
storage_delete_token (PlServerStorage  *storage,
                      const char       *token_hash,
                      GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  sqlite3_stmt *stmt;

  stmt = _pl_store_prepare (store, "DELETE FROM server_tokens WHERE token_hash = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, N_("end the session"), error);
}

/* Login failures */

static gboolean
storage_record_login_failure (PlServerStorage  *storage,
                              const char       *key,
                              gint64            at,
                              GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  sqlite3_stmt *stmt;

  /* Throttling looks back 15 minutes; an hour keeps the table small. */
  stmt = _pl_store_prepare (store, "DELETE FROM server_login_failures WHERE at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at - 3600);
  if (!step_done (store, stmt, N_("forget old failed logins"), error))
    return FALSE;

  stmt = _pl_store_prepare (store, "INSERT INTO server_login_failures (key, at) VALUES (?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, at);
  return step_done (store, stmt, N_("record a failed login"), error);
}

static gboolean
storage_count_login_failures (PlServerStorage  *storage,
                              const char       *key,
                              gint64            since,
                              guint            *count,
                              gint64           *latest,
                              GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE;

  stmt = _pl_store_prepare (store, "SELECT count(*), coalesce (max(at), 0)"
                                   " FROM server_login_failures WHERE key = ? AND at > ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, since);
  if (!step_row (store, stmt, &has_row, N_("read the failed logins"), error))
    return FALSE;
  *count = has_row ? (guint) sqlite3_column_int (stmt, 0) : 0;
  *latest = has_row ? sqlite3_column_int64 (stmt, 1) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
storage_clear_login_failures (PlServerStorage  *storage,
                              const char       *key,
                              GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  sqlite3_stmt *stmt;

  stmt = _pl_store_prepare (store, "DELETE FROM server_login_failures WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, N_("forget failed logins"), error);
}

/* Push */

typedef struct
{
  gboolean  exists;
  char     *family_id;
  char     *school_id;
  gboolean  deleted;
} StudentPlace;

static void
student_place_clear (StudentPlace *place)
{
  g_clear_pointer (&place->family_id, g_free);
  g_clear_pointer (&place->school_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StudentPlace, student_place_clear)

static gboolean
read_student_place (PlStore       *store,
                    const char    *id,
                    StudentPlace  *place,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE;

  stmt = _pl_store_prepare (store, "SELECT family_id, school_id, deleted FROM students"
                                   " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &has_row, N_("read a student"), error))
    return FALSE;
  student_place_clear (place);
  place->exists = has_row;
  if (has_row)
    {
      place->family_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      place->school_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      place->deleted = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Whether a student change can show the family to a school that did not see it. */
static gboolean
student_place_widens (const StudentPlace *before,
                      const StudentPlace *after)
{
  if (!after->exists)
    return FALSE;
  return !before->exists ||
         g_strcmp0 (before->family_id, after->family_id) != 0 ||
         g_strcmp0 (before->school_id, after->school_id) != 0 ||
         before->deleted != after->deleted;
}

/* The family a row belongs to now, or NULL for a row outside any family or
 * not stored (yet). */
static gboolean
family_of (PlStore     *store,
           const char  *entity,
           const char  *id,
           char       **family_id,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *family_id = pl_merge_family_of (store, entity, id, &local_error);
  if (local_error != NULL &&
      !g_error_matches (local_error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
family_exists (PlStore     *store,
               const char  *family_id,
               gboolean    *exists,
               GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, "SELECT 1 FROM families WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, exists, N_("read a family"), error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Whether @user may change the family: it is at one of their schools, or it
 * has no student yet and they created it. The second case is a family
 * whose students come in the next push, when a client's batch ends between
 * a family and its students. */
static gboolean
family_in_scope (PlStore            *store,
                 const char         *family_id,
                 const PlServerUser *user,
                 gboolean           *in_scope,
                 GError            **error)
{
  /* STUDENT_AT_SCHOOLS for one family, read through its few students
   * (students_family) and matched against the user's schools here: asking
   * SQLite to match them (IN json_each) built a temporary table per call,
   * a quarter of a push's work. */
  sqlite3_stmt *stmt = _pl_store_prepare (store, "SELECT s.school_id, s.deleted = 0 OR f.deleted = 1"
                                                 " FROM students s"
                                                 " JOIN families f ON f.id = s.family_id"
                                                 " WHERE s.family_id = ?", error);
  gboolean has_row = FALSE, has_student = FALSE, ok;

  *in_scope = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  while ((ok = step_row (store, stmt, &has_row, N_("read the family’s schools"), error)) &&
         has_row)
    {
      const char *school_id = (const char *) sqlite3_column_text (stmt, 0);

      has_student = TRUE;
      if (sqlite3_column_int (stmt, 1) != 0 && school_id != NULL &&
          g_strv_contains ((const char *const *) user->schools, school_id))
        {
          *in_scope = TRUE;
          break;
        }
    }
  if (!ok)
    return FALSE;
  sqlite3_reset (stmt);
  if (has_student)
    return TRUE;

  stmt = _pl_store_prepare (store, "SELECT user = ?2 FROM server_family_creators"
                                   " WHERE family_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user->name, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &has_row, N_("read the audit journal"), error))
    return FALSE;
  *in_scope = has_row && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static void
set_forbidden_school (const char  *family_id,
                      GError     **error)
{
  g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FORBIDDEN_SCHOOL,
               /* Translators: %s is a family id */
               _("Family %s has no student at your schools; you may not change it"),
               family_id);
}

/* Surveys travel like families, scoped by school rather than by family:
 * a survey's definition (surveys, questions, translations) is the whole
 * zone's; a batch, a keyed form, its answers and a print run belong to the
 * school on them. In server_rows their family_id column holds a scope key
 * instead of a family: "zone", or "school:" and the school's id. */

static gboolean
is_zone_entity (const char *entity)
{
  return g_str_equal (entity, "surveys") || g_str_equal (entity, "questions") ||
         g_str_equal (entity, "translations");
}

static gboolean
is_school_entity (const char *entity)
{
  return g_str_equal (entity, "entry_batches") || g_str_equal (entity, "responses") ||
         g_str_equal (entity, "answers") || g_str_equal (entity, "form_prints");
}

/* The school a stored survey row belongs to (NULL with no error when the
 * row does not exist); an answer's is its response's. */
static gboolean
survey_row_school (PlStore     *store,
                   const char  *entity,
                   const char  *id,
                   char       **school_id,
                   GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  *school_id = NULL;
  if (g_str_equal (entity, "answers"))
    sql = g_strdup ("SELECT r.school_id FROM answers a JOIN responses r ON r.id = a.response_id"
                    " WHERE a.id = ?");
  else
    sql = g_strdup_printf ("SELECT school_id FROM %s WHERE id = ?", entity);
  stmt = _pl_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &found, N_("read a survey row’s school"), error))
    return FALSE;
  if (found)
    *school_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
user_has_school (const PlServerUser *user,
                 const char         *school_id)
{
  return user->schools == NULL ||
         (school_id != NULL && g_strv_contains ((const char *const *) user->schools, school_id));
}

static void
set_forbidden_survey_school (const char  *entity,
                             const char  *id,
                             GError     **error)
{
  g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FORBIDDEN_SCHOOL,
               /* Translators: first %s is an entity name (responses, answers…), second a row id */
               _("%s %s is not at one of your schools; you may not change it"), entity, id);
}

/* A text member of a change's fields, or NULL. */
static const char *
field_text (JsonObject *fields,
            const char *name)
{
  JsonNode *node;

  if (fields == NULL || !json_object_has_member (fields, name))
    return NULL;
  node = json_object_get_member (fields, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Before a change to a school's survey row: the row as stored, and the
 * school (or, for an answer, the response) the change names, must be the
 * user's. */
static gboolean
check_survey_scope (PlStore             *store,
                    JsonObject          *change,
                    const char          *entity,
                    const char          *id,
                    const PlServerUser  *user,
                    GError             **error)
{
  g_autofree char *stored = NULL;
  JsonObject *fields = NULL;

  if (!is_school_entity (entity) || user->schools == NULL)
    return TRUE;
  if (!survey_row_school (store, entity, id, &stored, error))
    return FALSE;
  if (stored != NULL && !user_has_school (user, stored))
    {
      set_forbidden_survey_school (entity, id, error);
      return FALSE;
    }

  if (json_object_has_member (change, "fields") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (change, "fields")))
    fields = json_object_get_object_member (change, "fields");
  if (g_str_equal (entity, "answers") && fields != NULL &&
      json_object_has_member (fields, "response_id"))
    {
      const char *response_id = field_text (fields, "response_id");
      g_autofree char *school = NULL;

      if (response_id != NULL && !survey_row_school (store, "responses", response_id, &school, error))
        return FALSE;
      if (!user_has_school (user, school))
        {
          set_forbidden_survey_school (entity, id, error);
          return FALSE;
        }
    }
  else if (fields != NULL && json_object_has_member (fields, "school_id"))
    {
      if (!user_has_school (user, field_text (fields, "school_id")))
        {
          set_forbidden_survey_school (entity, id, error);
          return FALSE;
        }
    }
  else if (stored == NULL)
    {
      /* A new row must say where it belongs. */
      set_forbidden_survey_school (entity, id, error);
      return FALSE;
    }
  return TRUE;
}

/* The scope key server_rows keeps for a survey row (see above), or NULL
 * for any other entity. */
static gboolean
survey_scope_key (PlStore     *store,
                  const char  *entity,
                  const char  *id,
                  char       **key,
                  GError     **error)
{
  g_autofree char *school = NULL;

  *key = NULL;
  if (is_zone_entity (entity))
    {
      *key = g_strdup ("zone");
      return TRUE;
    }
  if (!is_school_entity (entity))
    return TRUE;
  if (!survey_row_school (store, entity, id, &school, error))
    return FALSE;
  *key = g_strconcat ("school:", school ? school : "", NULL);
  return TRUE;
}

/* Before a change: a family the server holds must already be the user's, so
 * nobody brings a family into their schools by adding a student to it. */
static gboolean
check_scope_before (PlStore             *store,
                    JsonObject          *change,
                    const char          *entity,
                    const char          *id,
                    const PlServerUser  *user,
                    GHashTable          *verified,
                    GError             **error)
{
  g_autofree char *current = NULL;
  const char *candidates[2] = { NULL, NULL };
  JsonObject *fields = NULL;

  if (g_str_equal (entity, "families"))
    candidates[0] = id;
  else
    {
      if (!family_of (store, entity, id, &current, error))
        return FALSE;
      candidates[0] = current;
    }

  /* A new row, or a row moved to another family, names its family in the change. */
  if (json_object_has_member (change, "fields") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (change, "fields")))
    fields = json_object_get_object_member (change, "fields");
  if (fields != NULL && json_object_has_member (fields, "family_id") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (fields, "family_id")) &&
      json_node_get_value_type (json_object_get_member (fields, "family_id")) == G_TYPE_STRING)
    candidates[1] = json_object_get_string_member (fields, "family_id");

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gboolean exists = FALSE, in_scope = FALSE;

      if (candidates[i] == NULL || g_hash_table_contains (verified, candidates[i]))
        continue;
      if (!family_exists (store, candidates[i], &exists, error))
        return FALSE;
      if (!exists)
        continue;
      if (!family_in_scope (store, candidates[i], user, &in_scope, error))
        return FALSE;
      if (!in_scope)
        {
          set_forbidden_school (candidates[i], error);
          return FALSE;
        }
      g_hash_table_add (verified, g_strdup (candidates[i]));
    }
  return TRUE;
}

static gboolean
change_seen (PlStore     *store,
             const char  *device,
             const char  *change_id,
             gboolean    *seen,
             GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, "SELECT 1 FROM server_audit"
                                                 " WHERE device = ? AND change_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, change_id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, seen, N_("read the audit journal"), error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
mark_row (PlStore     *store,
          const char  *entity,
          const char  *row_id,
          const char  *family_id,
          gint64       seq,
          GError     **error)
{
  g_autofree char *scope = NULL;
  sqlite3_stmt *stmt;

  if (family_id == NULL)
    {
      if (!survey_scope_key (store, entity, row_id, &scope, error))
        return FALSE;
      family_id = scope;
    }
  stmt = _pl_store_prepare (store, "INSERT INTO server_rows (entity, row_id, seq, family_id)"
                                   " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (entity, row_id)"
                                   " DO UPDATE SET seq = ?3, family_id = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, seq);
  sqlite3_bind_text (stmt, 4, family_id, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, N_("record the pull order"), error);
}

/* Sends all of a family's rows again, parents before children. */
static gboolean
bump_family (PlStore     *store,
             const char  *family_id,
             gint64      *next_seq,
             GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE, ok;

  /* Found through the directory's family_id indexes, with the conflicts
   * over them (what pl_merge_family_of() ties to the family). */
  stmt = _pl_store_prepare (store, "WITH r (entity, row_id, rank) AS ("
                                   " SELECT 'families', id, 0 FROM families WHERE id = ?1"
                                   " UNION ALL SELECT 'guardians', id, 1 FROM guardians"
                                   " WHERE family_id = ?1"
                                   " UNION ALL SELECT 'students', id, 2 FROM students"
                                   " WHERE family_id = ?1"
                                   " UNION ALL SELECT 'contacts', id, 3 FROM contacts"
                                   " WHERE family_id = ?1)"
                                   " SELECT s.entity, s.row_id FROM"
                                   " (SELECT entity, row_id, rank FROM r"
                                   " UNION ALL SELECT 'conflicts', c.id, 4 FROM r JOIN conflicts c"
                                   " ON c.entity = r.entity AND c.row_id = r.row_id) AS x"
                                   " JOIN server_rows s ON s.entity = x.entity"
                                   " AND s.row_id = x.row_id"
                                   " ORDER BY x.rank, s.seq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  while ((ok = step_row (store, stmt, &has_row, N_("read the family’s rows"), error)) && has_row)
    {
      g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (!ok)
    return FALSE;

  for (guint i = 0; i + 1 < rows->len; i += 2)
    if (!mark_row (store, rows->pdata[i], rows->pdata[i + 1], family_id, (*next_seq)++, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_audit (PlStore     *store,
             const char  *at,
             const char  *user,
             const char  *device,
             const char  *change_id,
             const char  *entity,
             const char  *row_id,
             const char  *family_id,
             const char  *fields,
             const char  *hlc,
             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _pl_store_prepare (store, "INSERT INTO server_audit (at, user, device, change_id,"
                                   " entity, row_id, family_id, fields, hlc)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, change_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, family_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, fields, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, hlc, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, N_("write the audit journal"), error);
}

/* The first user a family's changes came from, for family_in_scope(). */
static gboolean
note_family_creator (PlStore             *store,
                     const char          *family_id,
                     const PlServerUser  *user,
                     GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = _pl_store_prepare (store, "INSERT OR IGNORE INTO server_family_creators"
                                   " (family_id, user) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user->name, -1, SQLITE_TRANSIENT);
  return step_done (store, stmt, N_("write the audit journal"), error);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
schools_to_json (const PlServerUser *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; user->schools[i]; i++)
    json_builder_add_string_value (builder, user->schools[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* A constraint a change breaks (a row of a family that does not exist, a
 * grade out of range) is the sender's mistake, not the server's. */
static void
name_constraint_failure (PlStore      *store,
                         const char   *change_id,
                         GError      **error)
{
  sqlite3 *db = _pl_store_get_db (store);

  if (error == NULL || *error == NULL || (*error)->domain != PL_STORE_ERROR ||
      (sqlite3_errcode (db) & 0xFF) != SQLITE_CONSTRAINT)
    return;
  g_clear_error (error);
  g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
               /* Translators: first %s is a change id, second SQLite's reason */
               _("Change %s breaks a rule of the database: %s"), change_id,
               sqlite3_errmsg (db));
}

/* The change to name when a family ends a batch outside the user's schools:
 * the last change to one of its students (adding or moving a student is what
 * takes a family out of a school), else the last change that touched it. */
typedef struct
{
  char     *change_id;
  gboolean  student;
} Culprit;

static void
culprit_free (Culprit *culprit)
{
  g_free (culprit->change_id);
  g_free (culprit);
}

static void
note_culprit (GHashTable *culprits,
              const char *family_id,
              const char *change_id,
              gboolean    student)
{
  Culprit *culprit;

  if (family_id == NULL)
    return;
  culprit = g_hash_table_lookup (culprits, family_id);
  if (culprit == NULL)
    {
      culprit = g_new0 (Culprit, 1);
      g_hash_table_insert (culprits, g_strdup (family_id), culprit);
    }
  if (student || !culprit->student)
    {
      g_free (culprit->change_id);
      culprit->change_id = g_strdup (change_id);
      culprit->student = culprit->student || student;
    }
}

static gboolean
family_deleted (PlStore     *store,
                const char  *family_id,
                gboolean    *deleted,
                GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, "SELECT 1 FROM families WHERE id = ? AND deleted = 1",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, deleted, N_("read a family"), error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Records that @family_id left @school_id at @seq, when it has no live
 * student there any more (doc/sync-protocol.md, "Pull"). */
static gboolean
record_departure (PlStore     *store,
                  const char  *family_id,
                  const char  *school_id,
                  gint64       seq,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean left = FALSE;

  stmt = _pl_store_prepare (store, "SELECT NOT EXISTS (SELECT 1 FROM students"
                                   " WHERE family_id = ?1 AND school_id = ?2 AND deleted = 0)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, school_id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &left, N_("read the family’s schools"), error))
    return FALSE;
  left = left && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (!left)
    return TRUE;

  stmt = _pl_store_prepare (store, "INSERT INTO server_departures (family_id, school_id, seq)"
                                   " VALUES (?1, ?2, ?3) ON CONFLICT (family_id, school_id)"
                                   " DO UPDATE SET seq = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, school_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, seq);
  return step_done (store, stmt, N_("record the pull order"), error);
}

/* When a group has to set a refused push apart (storage_push_group), each
 * push runs in a savepoint of its own inside the group's transaction:
 * refused, it leaves the group's other pushes be. */
static gboolean
push_begin (PlStore   *store,
            gboolean   savepoint,
            GError   **error)
{
  return !savepoint || _pl_store_exec (store, "SAVEPOINT pl_push", error);
}

static gboolean
push_release (PlStore   *store,
              gboolean   savepoint,
              GError   **error)
{
  if (!savepoint)
    return TRUE;
  _pl_store_reset_all (store);
  return _pl_store_exec (store, "RELEASE pl_push", error);
}

/* Without a savepoint, the group's whole transaction is rolled back. */
static void
push_rollback (PlStore  *store,
               gboolean  savepoint)
{
  sqlite3 *db = _pl_store_get_db (store);

  _pl_store_reset_all (store);
  if (!savepoint)
    return;
  /* Some failures (a full disk, an I/O error) end the whole transaction:
   * then there is no savepoint left, and the group sees that. */
  if (!sqlite3_get_autocommit (db))
    {
      sqlite3_exec (db, "ROLLBACK TO pl_push", NULL, NULL, NULL);
      sqlite3_exec (db, "RELEASE pl_push", NULL, NULL, NULL);
    }
}

static gboolean
push_one (PlServerStorage     *storage,
          const PlServerUser  *user,
          const char          *device,
          JsonArray           *changes,
          gboolean             savepoint,
          PlServerPushResult  *result,
          GError             **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autofree char *now = pl_server_format_time (pl_server_now_seconds ());
  /* Families the batch touched, and those to send again in full; in order. */
  g_autoptr(GPtrArray) families = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) widened = g_ptr_array_new_with_free_func (g_free);
  /* "family\tschool" a student change took a live student away from. */
  g_autoptr(GPtrArray) departed = g_ptr_array_new_with_free_func (g_free);
  /* Families found in the user's schools since the last change that could
   * take them out (a change to the family or to a student in or out of
   * it): each is checked again only after such a change. */
  g_autoptr(GHashTable) verified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) culprits =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) culprit_free);
  guint n_changes = json_array_get_length (changes);
  const char *refused = NULL;  /* the change being applied, to name if it fails */
  gint64 next_seq = 0;

  memset (result, 0, sizeof *result);

  if (!push_begin (store, savepoint, error))
    return FALSE;
  if (!query_int (store, "SELECT coalesce (max(seq), 0) FROM server_rows", &next_seq, error))
    goto failed;
  next_seq++;

  for (guint i = 0; i < n_changes; i++)
    {
      JsonNode *node = json_array_get_element (changes, i);
      JsonObject *change;
      const char *change_id, *entity, *id;
      g_autofree char *fields = NULL;
      g_autofree char *family_id = NULL;
      g_auto(StudentPlace) before = { 0 };
      g_auto(StudentPlace) after = { 0 };
      PlMergeResult merged;
      gboolean seen = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                       /* Translators: %u is a position in a list, from 1 */
                       _("Change %u is not a JSON object"), i + 1);
          goto failed;
        }
      change = json_node_get_object (node);
      change_id = string_member (change, "change_id");
      entity = string_member (change, "entity");
      id = string_member (change, "id");
      if (change_id == NULL || *change_id == '\0')
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                       /* Translators: %u is a position in a list, from 1 */
                       _("Change %u has no “change_id” text"), i + 1);
          goto failed;
        }
      refused = change_id;

      if (!change_seen (store, device, change_id, &seen, error))
        goto failed;
      if (seen)
        {
          result->duplicates++;
          continue;
        }

      if (entity == NULL || id == NULL || *id == '\0')
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                       /* Translators: %s is a change id */
                       _("Change %s needs an “entity” and an “id” as text"), change_id);
          goto failed;
        }
      /* A device stamps only its own changes; a stamp naming another device
       * would let one device's changes pass for another's. */
      {
        const char *hlc = string_member (change, "hlc");
        const char *stamp_device = NULL;

        if (hlc != NULL && pl_hlc_parse (hlc, NULL, NULL, &stamp_device) &&
            g_strcmp0 (stamp_device, device) != 0)
          {
            g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST,
                         /* Translators: %s is a change id */
                         _("Change %s: its clock stamp names another device than the one "
                           "pushing it"), change_id);
            goto failed;
          }
      }
      if (_pl_store_lookup_entity (entity) == NULL)
        {
          g_set_error (error, PL_MERGE_ERROR, PL_MERGE_ERROR_UNKNOWN_ENTITY,
                       /* Translators: first %s is a change id, second an entity name */
                       _("Change %s: the server knows no entity “%s”"), change_id, entity);
          goto failed;
        }
      if (!pl_server_role_may_write (user->role, entity))
        {
          g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FORBIDDEN_ROLE,
                       /* Translators: first %s is a role, second an entity name */
                       _("A user with the role %s may not change %s"),
                       pl_server_role_to_string (user->role), entity);
          goto failed;
        }
      if (user->schools != NULL &&
          !check_survey_scope (store, change, entity, id, user, error))
        goto failed;
      if (user->schools != NULL &&
          !check_scope_before (store, change, entity, id, user, verified, error))
        goto failed;

      if (g_str_equal (entity, "students") && !read_student_place (store, id, &before, error))
        goto failed;

      pl_merge_result_init (&merged);
      /* Nobody searches the server's directory: the family search index and
       * sort keys are the app's. A merge that finds them stale leaves them
       * to a refresh that never comes here, which spares a family's change
       * a rewrite of its search text (a sixth of a push's time). */
      merged.stale_families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!pl_merge_apply_change (store, change, device, &merged, error))
        {
          pl_merge_result_clear (&merged);
          name_constraint_failure (store, change_id, error);
          goto failed;
        }
      result->conflicts += merged.n_conflicts;

      /* The family the changed row belongs to now: a change that lost every
       * field still counts against the family it names. */
      if (!family_of (store, entity, id, &family_id, error))
        {
          pl_merge_result_clear (&merged);
          goto failed;
        }

      for (guint t = 0; merged.touched != NULL && t < merged.touched->len; t++)
        {
          g_auto(GStrv) parts = g_strsplit (merged.touched->pdata[t], "\t", 2);
          g_autofree char *row_family = NULL;

          if (g_strv_length (parts) != 2)
            continue;
          /* The changed row itself is the one just looked up. */
          if (g_str_equal (parts[0], entity) && g_str_equal (parts[1], id))
            row_family = g_strdup (family_id);
          else if (!family_of (store, parts[0], parts[1], &row_family, error))
            {
              pl_merge_result_clear (&merged);
              goto failed;
            }
          if (!mark_row (store, parts[0], parts[1], row_family, next_seq++, error))
            {
              pl_merge_result_clear (&merged);
              goto failed;
            }
          if (row_family != NULL &&
              !g_ptr_array_find_with_equal_func (families, row_family, g_str_equal, NULL))
            g_ptr_array_add (families, g_steal_pointer (&row_family));
        }
      pl_merge_result_clear (&merged);

      if (family_id != NULL &&
          !g_ptr_array_find_with_equal_func (families, family_id, g_str_equal, NULL))
        g_ptr_array_add (families, g_strdup (family_id));

      note_culprit (culprits, family_id, change_id, g_str_equal (entity, "students"));

      if (g_str_equal (entity, "students"))
        {
          if (!read_student_place (store, id, &after, error))
            goto failed;
          if (student_place_widens (&before, &after) && after.family_id != NULL &&
              !g_ptr_array_find_with_equal_func (widened, after.family_id, g_str_equal, NULL))
            g_ptr_array_add (widened, g_strdup (after.family_id));
          if (before.exists && !before.deleted && before.school_id != NULL &&
              student_place_widens (&before, &after))
            g_ptr_array_add (departed, g_strconcat (before.family_id, "\t", before.school_id,
                                                    NULL));
        }

      /* Only a student (where it is, whose it is) or a family (deleted or
       * not) has a say in a family's schools: the families such a change
       * may have moved are checked again; contacts and guardians move none. */
      if (g_str_equal (entity, "students"))
        {
          if (before.family_id != NULL)
            g_hash_table_remove (verified, before.family_id);
          if (after.family_id != NULL)
            g_hash_table_remove (verified, after.family_id);
        }
      else if (g_str_equal (entity, "families"))
        g_hash_table_remove (verified, id);
      else if (!g_str_equal (entity, "contacts") && !g_str_equal (entity, "guardians"))
        g_hash_table_remove_all (verified);

      if (json_object_has_member (change, "fields"))
        fields = json_to_string (json_object_get_member (change, "fields"), FALSE);
      if (!write_audit (store, now, user->name, device, change_id, entity, id, family_id,
                        fields ? fields : "{}", string_member (change, "hlc") ?: "", error))
        goto failed;
      if (g_str_equal (entity, "families") && !note_family_creator (store, id, user, error))
        goto failed;
      result->accepted++;
    }
  refused = NULL;

  /* After the batch every family it touched is at one of the user's schools. */
  for (guint i = 0; user->schools != NULL && i < families->len; i++)
    {
      gboolean in_scope = FALSE;
      gboolean deleted = FALSE;

      /* Nothing that could move it has changed since it was found in them. */
      if (g_hash_table_contains (verified, families->pdata[i]))
        continue;
      /* A family deleted in the batch was the user's before each change to
       * it, and once a merge has emptied it, it is at no school. */
      if (!family_deleted (store, families->pdata[i], &deleted, error))
        goto failed;
      if (deleted)
        continue;
      if (!family_in_scope (store, families->pdata[i], user, &in_scope, error))
        goto failed;
      if (!in_scope)
        {
          Culprit *culprit = g_hash_table_lookup (culprits, families->pdata[i]);

          refused = culprit ? culprit->change_id : NULL;
          set_forbidden_school (families->pdata[i], error);
          goto failed;
        }
    }

  for (guint i = 0; i < widened->len; i++)
    if (!bump_family (store, widened->pdata[i], &next_seq, error))
      goto failed;

  /* The last seq this batch gave out: the departures sort with its rows. */
  for (guint i = 0; i < departed->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (departed->pdata[i], "\t", 2);

      if (!record_departure (store, parts[0], parts[1], next_seq - 1, error))
        goto failed;
    }

  if (!push_release (store, savepoint, error))
    goto failed;
  return TRUE;

failed:
  push_rollback (store, savepoint);
  memset (result, 0, sizeof *result);
  /* Only a change at fault is named; a busy or failing database is not its doing. */
  if (refused != NULL && error != NULL && *error != NULL &&
      ((*error)->domain == PL_MERGE_ERROR ||
       g_error_matches (*error, PL_SERVER_ERROR, PL_SERVER_ERROR_FORBIDDEN_ROLE) ||
       g_error_matches (*error, PL_SERVER_ERROR, PL_SERVER_ERROR_FORBIDDEN_SCHOOL) ||
       g_error_matches (*error, PL_SERVER_ERROR, PL_SERVER_ERROR_INVALID)))
    result->refused_change_id = g_strdup (refused);
  return FALSE;
}

static void
storage_push_group (PlServerStorage     *storage,
                    PlServerPushRequest *requests,
                    guint                n_requests)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autoptr(GError) error = NULL;
  /* Pushes are seldom refused, and a savepoint per push costs each push a
   * copy of every page it changes (an eighth of the writer's work): the
   * group is first tried without them. Should a push be refused, the
   * group starts over with a savepoint per push, which gives the other
   * pushes the same outcome, since each push sees the ones before it. */
  gboolean savepoints = FALSE;

again:
  for (guint i = 0; i < n_requests; i++)
    {
      memset (&requests[i].result, 0, sizeof requests[i].result);
      g_clear_error (&requests[i].error);
    }

  if (!pl_store_begin (store, &error))
    goto failed;
  for (guint i = 0; i < n_requests; i++)
    {
      PlServerPushRequest *request = &requests[i];

      if (push_one (storage, request->user, request->device, request->changes, savepoints,
                    &request->result, &request->error))
        continue;
      /* The transaction is gone, and with it the pushes before this one. */
      if (sqlite3_get_autocommit (_pl_store_get_db (store)))
        {
          error = g_error_copy (request->error);
          goto failed;
        }
      if (!savepoints)
        {
          pl_store_rollback (store);
          g_free (request->result.refused_change_id);
          savepoints = TRUE;
          goto again;
        }
    }
  if (pl_store_commit (store, &error))
    return;

failed:
  pl_store_rollback (store);
  for (guint i = 0; i < n_requests; i++)
    if (requests[i].error == NULL)
      {
        memset (&requests[i].result, 0, sizeof requests[i].result);
        requests[i].error = g_error_copy (error);
      }
}

static gboolean
storage_push (PlServerStorage     *storage,
              const PlServerUser  *user,
              const char          *device,
              JsonArray           *changes,
              PlServerPushResult  *result,
              GError             **error)
{
  PlServerPushRequest request = { user, device, changes };

  storage_push_group (storage, &request, 1);
  *result = request.result;
  if (request.error != NULL)
    {
      g_propagate_error (error, request.error);
      return FALSE;
    }
  return TRUE;
}

/* The writer */

/* Past this many frames in the write-ahead log, the checkpointer copies
 * them into the database file, on a thread of its own while the writer
 * goes on (SQLite's own default is to do it at 1000, inside a commit). */
#define CHECKPOINT_FRAMES 1000
/* The log starts over only once all of it is copied, and under a steady
 * load the copy never quite catches up: past this many frames (256 MiB of
 * 4 KiB pages) the writer waits for a copy of everything it wrote. Each
 * wait takes as long as a copy of the last group or two, however large
 * the log: at 64 MiB, with a group of pushes writing 20 MiB, the writer
 * waited every few groups, an eighth of its time under load. The file
 * keeps the size it reached. */
#define WAL_LIMIT_FRAMES 65536
/* The writer's page cache (KiB): a group changes thousands of pages, which
 * SQLite would otherwise write out to the log and read back mid-transaction. */
#define WRITER_CACHE_KIB 65536

struct _Checkpointer
{
  PlStore *store;      /* a connection of its own */
  GThread *thread;
  GMutex   lock;
  GCond    cond;
  guint64  requested;  /* copies asked for */
  guint64  done;       /* the last request a finished copy began after */
  gboolean stop;
};

static gpointer
checkpointer_thread (gpointer user_data)
{
  Checkpointer *checkpointer = user_data;
  sqlite3 *db = _pl_store_get_db (checkpointer->store);

  g_mutex_lock (&checkpointer->lock);
  for (;;)
    {
      guint64 request;
      int rc;

      while (checkpointer->requested == checkpointer->done && !checkpointer->stop)
        g_cond_wait (&checkpointer->cond, &checkpointer->lock);
      if (checkpointer->stop)
        break;
      request = checkpointer->requested;
      g_mutex_unlock (&checkpointer->lock);

      /* PASSIVE waits for nobody: it copies what every reader is done
       * with, up to the writer's last commit. */
      rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_warning ("Could not copy the write-ahead log into the database: %s",
                   sqlite3_errstr (rc));

      g_mutex_lock (&checkpointer->lock);
      checkpointer->done = request;
      g_cond_broadcast (&checkpointer->cond);
    }
  g_mutex_unlock (&checkpointer->lock);
  return NULL;
}

static Checkpointer *
checkpointer_new (const char  *path,
                  GError     **error)
{
  Checkpointer *checkpointer;
  PlStore *store = pl_store_open (path, error);

  if (store == NULL)
    return NULL;
  checkpointer = g_new0 (Checkpointer, 1);
  checkpointer->store = store;
  g_mutex_init (&checkpointer->lock);
  g_cond_init (&checkpointer->cond);
  checkpointer->thread = g_thread_new ("pl-checkpointer", checkpointer_thread, checkpointer);
  return checkpointer;
}

static void
checkpointer_free (Checkpointer *checkpointer)
{
  g_mutex_lock (&checkpointer->lock);
  checkpointer->stop = TRUE;
  g_cond_broadcast (&checkpointer->cond);
  g_mutex_unlock (&checkpointer->lock);
  g_thread_join (checkpointer->thread);
  g_object_unref (checkpointer->store);
  g_mutex_clear (&checkpointer->lock);
  g_cond_clear (&checkpointer->cond);
  g_free (checkpointer);
}

static int
on_wal_commit (void        *user_data,
               sqlite3     *db,
               const char  *name,
               int          frames)
{
  PlServerStorageSqlite *self = user_data;

  self->wal_frames = frames;
  return SQLITE_OK;
}

static PlServerStorage *
storage_open_writer (PlServerStorage  *storage,
                     GError          **error)
{
  PlServerStorageSqlite *self = PL_SERVER_STORAGE_SQLITE (storage);
  g_autoptr(PlServerStorageSqlite) writer = g_object_new (PL_TYPE_SERVER_STORAGE_SQLITE, NULL);
  g_autofree char *cache_sql = g_strdup_printf ("PRAGMA cache_size = -%d", WRITER_CACHE_KIB);
  const char *path = pl_store_get_path (self->store);

  /* The writer's log writes are gathered into large ones: it syncs every
   * commit, which writes them out (pl-server-vfs.c). */
  writer->store = pl_server_vfs_open_store (path, error);
  if (writer->store == NULL || !migrate (writer, FALSE, error))
    return NULL;
  /* A push is answered once it is on disk: the writer's commits wait for
   * the log to reach the disk (FULL), a wait its whole group shares. The
   * log is copied into the database by the checkpointer, never inside a
   * commit on this handle (logins, pulls) or the writer's. */
  if (!_pl_store_exec (writer->store, "PRAGMA synchronous = FULL", error) ||
      !_pl_store_exec (writer->store, cache_sql, error) ||
      /* Each push's savepoint keeps the pages it changes as they were, so
       * a refused push can be undone: in memory, not a temporary file. */
      !_pl_store_exec (writer->store, "PRAGMA temp_store = MEMORY", error) ||
      !_pl_store_exec (self->store, "PRAGMA wal_autocheckpoint = 0", error))
    return NULL;
  writer->checkpointer = checkpointer_new (path, error);
  if (writer->checkpointer == NULL)
    return NULL;
  /* Replaces SQLite's own checkpoint after a commit. */
  sqlite3_wal_hook (_pl_store_get_db (writer->store), on_wal_commit, writer);
  return PL_SERVER_STORAGE (g_steal_pointer (&writer));
}

static void
storage_after_group (PlServerStorage *storage)
{
  PlServerStorageSqlite *self = PL_SERVER_STORAGE_SQLITE (storage);
  Checkpointer *checkpointer = self->checkpointer;
  guint64 request;

  if (checkpointer == NULL || self->wal_frames < CHECKPOINT_FRAMES)
    return;

  g_mutex_lock (&checkpointer->lock);
  request = ++checkpointer->requested;
  g_cond_broadcast (&checkpointer->cond);
  /* A copy that began after this request holds everything committed, so
   * the writer's next transaction starts the log over. */
  if (self->wal_frames >= WAL_LIMIT_FRAMES)
    while (checkpointer->done < request)
      g_cond_wait (&checkpointer->cond, &checkpointer->lock);
  g_mutex_unlock (&checkpointer->lock);
}

/* Pull */

/* The rows a row refers to (its foreign keys), which a client must hold
 * before it, since it applies each page in one transaction. */
static const struct
{
  const char *entity;
  const char *column;
  const char *parent;
} row_parents[] = {
  { "guardians", "family_id", "families" },
  { "students", "family_id", "families" },
  { "students", "school_id", "schools" },
  { "contacts", "family_id", "families" },
  { "contacts", "guardian_id", "guardians" },
};

static gboolean
row_seq (PlStore     *store,
         const char  *entity,
         const char  *id,
         gint64      *seq,
         GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (store, "SELECT seq FROM server_rows"
                                                 " WHERE entity = ? AND row_id = ?", error);
  gboolean has_row = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, &has_row, N_("read the pull order"), error))
    return FALSE;
  *seq = has_row ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Adds the row's snapshot to the page, after any row it refers to that the
 * client would otherwise receive only in a later page: a family edited after
 * its guardians were added sorts after them, a renamed school after its
 * students. Sent twice, a row merges to the same result. */
static gboolean
add_pulled_row (PlStore     *store,
                const char  *entity,
                const char  *id,
                gint64       seq,
                GString     *rows,
                GHashTable  *sent,
                GError     **error)
{
  g_autofree char *key = g_strconcat (entity, "\t", id, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PlMergeRow) row = NULL;

  if (g_hash_table_contains (sent, key))
    return TRUE;

  row = pl_merge_row_read (store, entity, id, &local_error);
  if (row == NULL)
    {
      if (g_error_matches (local_error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (row_parents); i++)
    {
      g_autofree char *parent_key = NULL;
      const char *parent_id;
      gint64 parent_seq = -1;

      if (!g_str_equal (row_parents[i].entity, entity))
        continue;
      parent_id = pl_merge_row_get_value (row, row_parents[i].column);
      if (parent_id == NULL)
        continue;

      /* Already in this page: nothing to look up. */
      parent_key = g_strconcat (row_parents[i].parent, "\t", parent_id, NULL);
      if (g_hash_table_contains (sent, parent_key))
        continue;
      if (!row_seq (store, row_parents[i].parent, parent_id, &parent_seq, error))
        return FALSE;
      if (parent_seq > seq &&
          !add_pulled_row (store, row_parents[i].parent, parent_id, parent_seq, rows, sent,
                           error))
        return FALSE;
    }

  if (rows->str[rows->len - 1] != '[')
    g_string_append_c (rows, ',');
  pl_merge_row_write_json (row, rows);
  g_hash_table_add (sent, g_steal_pointer (&key));
  return TRUE;
}

static gboolean
storage_pull (PlServerStorage     *storage,
              const PlServerUser  *user,
              gint64               since,
              guint                limit,
              GString             *rows_json,
              gint64              *cursor,
              gboolean            *more,
              gint64              *remaining,
              GError             **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autofree char *schools_json = user->schools ? schools_to_json (user) : NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Per found row: a family that left the user's schools, sent as a marker. */
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize start = rows_json->len;
  gint64 last_seq = since;
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE, ok;

  g_return_val_if_fail (limit > 0, FALSE);

  /* One read transaction for the page: one snapshot of the database, and
   * one lock taken rather than one per statement. */
  if (!_pl_store_exec (store, "BEGIN", error))
    return FALSE;

  if (schools_json == NULL)
    stmt = _pl_store_prepare (store, "SELECT entity, row_id, seq, 0 FROM server_rows"
                                     " WHERE seq > ?1 ORDER BY seq LIMIT ?2", error);
  else
    stmt = _pl_store_prepare (store, "SELECT entity, row_id, seq, 0 FROM server_rows"
                                     " WHERE seq > ?1 AND (entity = 'schools' OR family_id IN ("
                                     FAMILIES_IN_SCHOOLS ")"
                                     " OR family_id = 'zone' OR family_id IN"
                                     " (SELECT 'school:' || value FROM json_each (?3)))"
                                     " UNION ALL"
                                     " SELECT 'families', family_id, seq, 1 FROM server_departures"
                                     " WHERE seq > ?1"
                                     " AND school_id IN (SELECT value FROM json_each (?3))"
                                     " AND family_id NOT IN (" FAMILIES_IN_SCHOOLS ")"
                                     " ORDER BY 3 LIMIT ?2", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
  if (schools_json != NULL)
    sqlite3_bind_text (stmt, 3, schools_json, -1, SQLITE_TRANSIENT);

  *more = FALSE;
  while ((ok = step_row (store, stmt, &has_row, N_("read the changed rows"), error)) && has_row)
    {
      if (found->len / 2 == limit)
        {
          *more = TRUE;
          break;
        }
      g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (found, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      last_seq = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (seqs, last_seq);
      {
        gboolean is_gone = sqlite3_column_int (stmt, 3) != 0;

        g_array_append_val (gone, is_gone);
      }
    }
  if (!ok)
    goto failed;
  /* Read the snapshots with this statement finished, not holding it open. */
  sqlite3_reset (stmt);

  {
    gint64 top = 0;

    if (!query_int (store, "SELECT coalesce (max(seq), 0) FROM server_rows", &top, error))
      goto failed;
    /* Rows out of the user's sight need no second look: a family that comes
     * into their schools is sent again with fresh seqs. */
    if (!*more)
      last_seq = MAX (last_seq, top);
    /* An upper bound, for a progress bar: every position in the order after
     * the cursor, seen by this user or not. Counting only what they may see
     * would cost a scan per page. */
    *remaining = MAX (top - last_seq, 0);
  }

  g_string_append_c (rows_json, '[');
  for (guint i = 0; i + 1 < found->len; i += 2)
    {
      if (g_array_index (gone, gboolean, i / 2))
        {
          /* Not a row: the family, sent before, is no longer theirs to see. */
          g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (), found->pdata[i + 1]);
          g_autofree char *id_json = json_to_string (id, FALSE);

          if (rows_json->str[rows_json->len - 1] != '[')
            g_string_append_c (rows_json, ',');
          g_string_append_printf (rows_json, "{\"entity\":\"families\",\"id\":%s,"
                                             "\"gone\":true}", id_json);
          continue;
        }
      if (!add_pulled_row (store, found->pdata[i], found->pdata[i + 1],
                           g_array_index (seqs, gint64, i / 2), rows_json, sent, error))
        goto failed;
    }
  g_string_append_c (rows_json, ']');

  _pl_store_reset_all (store);
  if (!_pl_store_exec (store, "COMMIT", error))
    goto failed;
  *cursor = last_seq;
  return TRUE;

failed:
  _pl_store_reset_all (store);
  pl_store_rollback (store);
  g_string_truncate (rows_json, start);
  return FALSE;
}

/* One row */

static gboolean
storage_read_row (PlServerStorage     *storage,
                  const PlServerUser  *user,
                  const char          *entity,
                  const char          *id,
                  GString             *row_json,
                  GError             **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autofree char *family_id = NULL;
  g_autoptr(PlMergeRow) row = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean visible = TRUE;

  if (_pl_store_lookup_entity (entity) == NULL)
    goto not_found;

  /* One snapshot: the row and the family that decides who sees it. */
  if (!_pl_store_exec (store, "BEGIN", error))
    return FALSE;
  row = pl_merge_row_read (store, entity, id, &local_error);
  if (row == NULL && !g_error_matches (local_error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
    goto failed;
  if (row != NULL && user->schools != NULL && is_school_entity (entity))
    {
      g_autofree char *school = NULL;

      if (!survey_row_school (store, entity, id, &school, &local_error))
        goto failed;
      visible = user_has_school (user, school);
    }
  else if (row != NULL && user->schools != NULL && !g_str_equal (entity, "schools") &&
           !is_zone_entity (entity))
    {
      if (!family_of (store, entity, id, &family_id, &local_error))
        goto failed;
      if (family_id != NULL &&
          !family_in_scope (store, family_id, user, &visible, &local_error))
        goto failed;
    }
  if (row != NULL && visible)
    pl_merge_row_write_json (row, row_json);
  _pl_store_reset_all (store);
  if (!_pl_store_exec (store, "COMMIT", error))
    {
      pl_store_rollback (store);
      return FALSE;
    }
  if (row != NULL && visible)
    return TRUE;

not_found:
  g_set_error_literal (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_FOUND,
                       _("The server has no such row, or it is not at your schools"));
  return FALSE;

failed:
  _pl_store_reset_all (store);
  pl_store_rollback (store);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Audit */

static GPtrArray *
storage_list_audit (PlServerStorage  *storage,
                    const char       *family_id,
                    GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pl_server_audit_entry_free);
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE, ok;

#define AUDIT_COLUMNS "seq, at, user, device, change_id, entity, row_id, family_id, fields, hlc"
  if (family_id == NULL)
    stmt = _pl_store_prepare (store, "SELECT " AUDIT_COLUMNS " FROM server_audit ORDER BY seq",
                              error);
  else
    /* Read through: an index by family would cost every push a page (server
     * schema 3), and this is an administrator's occasional question. */
    stmt = _pl_store_prepare (store, "SELECT " AUDIT_COLUMNS " FROM server_audit"
                                     " WHERE family_id = ? ORDER BY seq", error);
#undef AUDIT_COLUMNS
  if (stmt == NULL)
    return NULL;
  if (family_id != NULL)
    sqlite3_bind_text (stmt, 1, family_id, -1, SQLITE_TRANSIENT);

  while ((ok = step_row (store, stmt, &has_row, N_("read the audit journal"), error)) && has_row)
    {
      PlServerAuditEntry *entry = g_new0 (PlServerAuditEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->user = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->device = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->change_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->row_id = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->family_id = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      entry->fields = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      entry->hlc = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (entries, entry);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&entries);
}

/* Backup */

static gboolean
storage_backup (PlServerStorage  *storage,
                const char       *path,
                GError          **error)
{
  PlStore *store = PL_SERVER_STORAGE_SQLITE (storage)->store;
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc, fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_INVALID,
                   /* Translators: %s is a file name */
                   _("“%s” already exists; back up to a new file"), path);
      return FALSE;
    }

  /* Password hashes and family records: for the administrator's eyes only.
   * SQLite keeps the mode of an existing (empty) file. */
  g_unlink (partial);
  fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                   /* Translators: first %s is a file name, second the system's reason */
                   _("Could not create “%s”: %s"), partial, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  rc = sqlite3_open_v2 (partial, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                   /* Translators: first %s is a file name, second SQLite's reason */
                   _("Could not create “%s”: %s"), path,
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      goto failed;
    }

  /* One step copies every page inside one read transaction: a consistent
   * copy, while the server (another connection) goes on writing the WAL. */
  backup = sqlite3_backup_init (dest, "main", _pl_store_get_db (store), "main");
  if (backup == NULL)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                   _("Could not back up to “%s”: %s"), path, sqlite3_errmsg (dest));
      goto failed;
    }
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (50 * 1000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_DONE)
    rc = sqlite3_errcode (dest);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                   /* Translators: first %s is a file name, second SQLite's reason */
                   _("Could not back up to “%s”: %s"), path, sqlite3_errstr (rc));
      goto failed;
    }
  rc = sqlite3_close (dest);
  dest = NULL;

  if (rc != SQLITE_OK)
    {
      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                   _("Could not back up to “%s”: %s"), path, sqlite3_errstr (rc));
      goto failed;
    }
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FAILED,
                   /* Translators: first %s is a file name, second the system's reason */
                   _("Could not back up to “%s”: %s"), path, g_strerror (saved_errno));
      goto failed;
    }
  return TRUE;

failed:
  if (dest != NULL)
    sqlite3_close (dest);
  g_unlink (partial);
  return FALSE;
}

static void
storage_iface_init (PlServerStorageInterface *iface)
{
  iface->init = storage_init;
  iface->add_user = storage_add_user;
  iface->list_users = storage_list_users;
  iface->disable_user = storage_disable_user;
  iface->lookup_user = storage_lookup_user;
  iface->create_token = storage_create_token;
  iface->lookup_token = storage_lookup_token;
  iface->delete_token = storage_delete_token;
  iface->record_login_failure = storage_record_login_failure;
  iface->count_login_failures = storage_count_login_failures;
  iface->clear_login_failures = storage_clear_login_failures;
  iface->push = storage_push;
  iface->push_group = storage_push_group;
  iface->open_writer = storage_open_writer;
  iface->after_group = storage_after_group;
  iface->pull = storage_pull;
  iface->list_audit = storage_list_audit;
  iface->backup = storage_backup;
  iface->read_row = storage_read_row;
}
