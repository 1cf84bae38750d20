/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pl-normalize.h"
#include "pl-store-private.h"
#include "pl-util-private.h"

/* "PLIT": marks a file as a Porchlight database in SQLite's header, so we
 * never migrate somebody else's database by mistake. */
#define PL_APPLICATION_ID 0x504C4954

struct _PlStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  char       *device_id;
  PlClock    *clock;
  GHashTable *statements;  /* SQL text → sqlite3_stmt */
  int         schema_version;
  GThreadPool *checkpointer;       /* one worker, made when first needed */
  gint         checkpoint_queued;  /* atomic */
  char        *clock_epoch;        /* meta "hlc-epoch" as this connection last saw it */
};

G_DEFINE_FINAL_TYPE (PlStore, pl_store, G_TYPE_OBJECT)

static char *meta_get (PlStore *self, const char *key, GError **error);
G_DEFINE_QUARK (pl-store-error-quark, pl_store_error)

enum {
  FAMILY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pl_store_finalize (GObject *object)
{
  PlStore *self = PL_STORE (object);

  /* A checkpoint under way finishes before the file is closed. */
  if (self->checkpointer != NULL)
    g_thread_pool_free (g_steal_pointer (&self->checkpointer), FALSE, TRUE);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Let SQLite fold the WAL back into the file on a clean close. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_object (&self->clock);
  g_free (self->device_id);
  g_free (self->clock_epoch);
  g_free (self->path);

  G_OBJECT_CLASS (pl_store_parent_class)->finalize (object);
}

static void
pl_store_class_init (PlStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_store_finalize;

  /**
   * PlStore::family-changed:
   * @family_id: (nullable): the family saved, deleted or restored, or %NULL
   *   when many families changed at once (a demo district, an import)
   *
   * The detail says what changed: "household" for the family itself, its
   * guardians or students (its name, order and search text may be new),
   * "contacts" when only its contacts or follow-ups did. Lists of families
   * connect to "family-changed::household" so that logging a call does not
   * re-sort the district.
   */
  signals[FAMILY_CHANGED] =
    g_signal_new ("family-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pl_store_init (PlStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

static PlStoreError
error_code_for (int rc)
{
  switch (rc & 0xFF)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return PL_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return PL_STORE_ERROR_BUSY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return PL_STORE_ERROR_OPEN;
    default:
      return PL_STORE_ERROR_FAILED;
    }
}

void
_pl_store_set_error (PlStore    *self,
                     int         rc,
                     const char *what,
                     GError    **error)
{
  PlStoreError code = error_code_for (rc);

  if (code == PL_STORE_ERROR_CORRUPT)
    g_set_error (error, PL_STORE_ERROR, code,
                 /* Translators: %s is a file name */
                 _("“%s” is not a Porchlight database, or it is damaged"), self->path);
  else if (code == PL_STORE_ERROR_BUSY)
    g_set_error (error, PL_STORE_ERROR, code,
                 /* Translators: %s is a file name */
                 _("“%s” is in use by another program; try again in a moment"), self->path);
  else
    g_set_error (error, PL_STORE_ERROR, code,
                 /* Translators: first %s is what failed, second SQLite's own message */
                 _("Could not %s: %s"), what,
                 self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

sqlite3 *
_pl_store_get_db (PlStore *self)
{
  return self->db;
}

sqlite3_stmt *
_pl_store_prepare (PlStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _pl_store_set_error (self, rc, _("read the database"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Steps a statement that returns no rows; on failure says what failed. */
gboolean
_pl_store_step_done (PlStore      *self,
                     sqlite3_stmt *stmt,
                     const char   *what,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, what, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

gboolean
_pl_store_exec (PlStore     *self,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _pl_store_set_error (self, rc, _("change the database"), error);
      return FALSE;
    }
  return TRUE;
}

/* A statement stepped to a row but not reset holds a read transaction open,
 * which would hide other connections' writes and block BEGIN and checkpoints. */
void
_pl_store_reset_all (PlStore *self)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (self->db, NULL); stmt;
       stmt = sqlite3_next_stmt (self->db, stmt))
    if (sqlite3_stmt_busy (stmt))
      sqlite3_reset (stmt);
}

gboolean
_pl_store_begin (PlStore  *self,
                 GError  **error)
{
  g_autofree char *saved = NULL;

  _pl_store_reset_all (self);
  /* IMMEDIATE takes the write lock now, so a busy database fails here rather
   * than half way through a change. */
  if (!_pl_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another connection to this file (a sync in its worker thread) may have
   * moved the clock past stamps it pulled in; never issue an older one. The
   * clock exists once the store is open (migrations run before it). */
  if (self->clock != NULL)
    {
      g_autofree char *epoch = meta_get (self, "hlc-epoch", NULL);

      saved = meta_get (self, "hlc", NULL);
      /* Stamps that ran ahead on a wrong wall clock were rewritten through
       * another connection, which moved the clock back: follow it back. */
      if (saved != NULL && g_strcmp0 (epoch, self->clock_epoch) != 0)
        pl_clock_set_last (self->clock, saved);
      else if (saved != NULL)
        pl_clock_observe (self->clock, saved);
      g_free (self->clock_epoch);
      self->clock_epoch = g_steal_pointer (&epoch);
    }
  return TRUE;
}

gboolean
_pl_store_commit (PlStore  *self,
                  GError  **error)
{
  g_autofree char *last = pl_clock_dup_last (self->clock);
  sqlite3_stmt *stmt;

  /* Persist the clock with the change, so a restart never issues an older stamp. */
  stmt = _pl_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('hlc', ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, last, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("save the clock"), error))
    return FALSE;
  _pl_store_reset_all (self);
  return _pl_store_exec (self, "COMMIT", error);
}

void
_pl_store_rollback (PlStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
pl_store_is_demo (PlStore *self)
{
  g_autofree char *demo = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  demo = meta_get (self, "demo", NULL);
  return g_strcmp0 (demo, "1") == 0;
}

gboolean
pl_store_begin (PlStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  return _pl_store_begin (self, error);
}

gboolean
pl_store_commit (PlStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  return _pl_store_commit (self, error);
}

void
pl_store_rollback (PlStore *self)
{
  g_return_if_fail (PL_IS_STORE (self));
  _pl_store_rollback (self);
}

static char *
meta_get (PlStore     *self,
          const char  *key,
          GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (self, "SELECT value FROM meta WHERE key = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return value;
    }
  if (rc != SQLITE_DONE)
    _pl_store_set_error (self, rc, _("read the database"), error);
  return NULL;
}

static gboolean
query_int (PlStore     *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = _pl_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _pl_store_set_error (self, rc, _("read the database"), error);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
migrate (PlStore  *self,
         GError  **error)
{
  gint64 tables = 0, app_id = 0, version = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &tables, error))
    return FALSE;

  if (tables > 0)
    {
      if (app_id != PL_APPLICATION_ID)
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_CORRUPT,
                       /* Translators: %s is a file name */
                       _("“%s” is not a Porchlight database"), self->path);
          return FALSE;
        }
      if (!query_int (self, "SELECT max(version) FROM schema_version", &version, error))
        return FALSE;
      if (version > PL_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NEWER_SCHEMA,
                       /* Translators: %s is a file name; the numbers are schema versions */
                       _("“%s” was written by a newer version of Porchlight (database "
                         "version %d; this version reads up to %d). Update Porchlight to "
                         "open it; the file has not been changed."),
                       self->path, (int) version, PL_STORE_SCHEMA_VERSION);
          return FALSE;
        }
    }

  for (int step = (int) version + 1; step <= PL_STORE_SCHEMA_VERSION; step++)
    {
      g_autofree char *record = NULL;

      /* One transaction per step: a failed step leaves the previous version intact. */
      if (!_pl_store_begin (self, error))
        return FALSE;
      if (step == 1)
        {
          g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                     PL_APPLICATION_ID);
          if (!_pl_store_exec (self, set_id, error) ||
              !_pl_store_exec (self, "CREATE TABLE schema_version ("
                                     "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
                               error))
            goto failed;
        }
      record = g_strdup_printf ("INSERT INTO schema_version VALUES (%d, datetime('now'))", step);
      if (!_pl_store_exec (self, _pl_store_migration_sql (step), error) ||
          !_pl_store_exec (self, record, error) ||
          !_pl_store_exec (self, "COMMIT", error))
        goto failed;
      continue;

    failed:
      _pl_store_rollback (self);
      return FALSE;
    }

  self->schema_version = PL_STORE_SCHEMA_VERSION;
  return TRUE;
}

static gboolean
load_identity (PlStore  *self,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *device_id = meta_get (self, "device_id", &local_error);
  g_autofree char *last = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (device_id == NULL)
    {
      sqlite3_stmt *stmt;
      g_autofree char *uuid = g_uuid_string_random ();
      GString *compact = g_string_new (NULL);

      /* 16 hex digits: unique enough across a district, short in every stamp. */
      for (const char *p = uuid; *p && compact->len < 16; p++)
        if (*p != '-')
          g_string_append_c (compact, *p);
      device_id = g_string_free (compact, FALSE);

      stmt = _pl_store_prepare (self, "INSERT INTO meta (key, value) VALUES ('device_id', ?)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
      if (!_pl_store_step_done (self, stmt, _("save the device id"), error))
        return FALSE;
    }

  last = meta_get (self, "hlc", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->device_id = g_steal_pointer (&device_id);
  self->clock = pl_clock_new (self->device_id, last);
  self->clock_epoch = meta_get (self, "hlc-epoch", NULL);
  return TRUE;
}

/* A folding function SQL can call, so ordering and searching use exactly the
 * C normalization. */
static void
sql_normalize (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  g_autofree char *folded = pl_normalize_text ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, folded, -1, SQLITE_TRANSIENT);
}

/* Copying the write-ahead log back into the database file takes tens of
 * milliseconds on a district database, most of it waiting for the disk.
 * SQLite would do it inside the commit that fills the log, so one save in a
 * hundred would take that long; instead a worker with a connection of its
 * own does it beside the saves, which go on meanwhile. */
#define CHECKPOINT_PAGES 1000

static void
checkpoint_thread (gpointer data,
                   gpointer user_data)
{
  PlStore *self = user_data;
  sqlite3 *db = NULL;
  int rc;

  g_atomic_int_set (&self->checkpoint_queued, 0);
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  /* Busy: another connection is checkpointing; the next commit asks again. */
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_warning ("Could not checkpoint the database: %s",
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
}

static int
wal_hook (void       *user_data,
          sqlite3    *db,
          const char *name,
          int         pages)
{
  PlStore *self = user_data;

  if (pages < CHECKPOINT_PAGES ||
      !g_atomic_int_compare_and_exchange (&self->checkpoint_queued, 0, 1))
    return SQLITE_OK;

  if (self->checkpointer == NULL)
    self->checkpointer = g_thread_pool_new (checkpoint_thread, self, 1, FALSE, NULL);
  if (self->checkpointer == NULL ||
      !g_thread_pool_push (self->checkpointer, GINT_TO_POINTER (1), NULL))
    {
      /* No thread to spare: checkpoint here, as SQLite would have. */
      g_atomic_int_set (&self->checkpoint_queued, 0);
      sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
  return SQLITE_OK;
}

/**
 * pl_store_open:
 * @path: the database file; created with its folder if missing
 *
 * Opens the database with WAL, synchronous=NORMAL and foreign keys on, and
 * brings an older schema up to date one step at a time. A database from a
 * newer Porchlight, or a file that is not a Porchlight database, is refused
 * and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PlStore *
pl_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PlStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PL_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   /* Translators: first %s is a folder, second the system's reason */
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_OPEN,
                   /* Translators: first %s is a file name, second SQLite's reason */
                   _("Could not open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_function (self->db, "pl_normalize", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, sql_normalize, NULL, NULL);

  /* The first read of a damaged or foreign file fails here, before any write. */
  if (!_pl_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, error) ||
      !_pl_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_pl_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !load_identity (self, error))
    return NULL;

  /* In place of SQLite's own checkpoint at the end of a commit. */
  sqlite3_wal_hook (self->db, wal_hook, self);

  return g_steal_pointer (&self);
}

char *
pl_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "porchlight", "porchlight.db", NULL);
}

const char *
pl_store_get_path (PlStore *self)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  return self->path;
}

const char *
pl_store_get_device_id (PlStore *self)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  return self->device_id;
}

PlClock *
pl_store_get_clock (PlStore *self)
{
  g_return_val_if_fail (PL_IS_STORE (self), NULL);
  return self->clock;
}

int
pl_store_get_schema_version (PlStore *self)
{
  g_return_val_if_fail (PL_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * pl_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when unset
 */
char *
pl_store_get_setting (PlStore    *self,
                      const char *key)
{
  g_autofree char *meta_key = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  meta_key = g_strconcat ("setting:", key, NULL);
  value = meta_get (self, meta_key, &error);
  if (error != NULL)
    g_warning ("Could not read a setting: %s", error->message);
  return value;
}

gboolean
pl_store_set_setting (PlStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autofree char *meta_key = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);

  meta_key = g_strconcat ("setting:", key, NULL);
  stmt = _pl_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, meta_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (!_pl_store_step_done (self, stmt, _("save a setting"), error))
    return FALSE;
  return TRUE;
}

gboolean
_pl_store_journal (PlStore     *self,
                   const char  *entity,
                   const char  *row_id,
                   const char  *op,
                   const char  *fields_json,
                   const char  *hlc,
                   const char  *base_hlc,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *change_id = NULL;
  static const char sql[] =
    "INSERT INTO journal (change_id, entity, row_id, op, fields, hlc, base_hlc)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";

  stmt = _pl_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* A stamp names the device and is never reused by it, and a row changes at
   * most once per stamp, so stamp and row make a change id unique everywhere. */
  change_id = g_strdup_printf ("%s:%s", hlc, row_id);
  sqlite3_bind_text (stmt, 1, change_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, fields_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, hlc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, base_hlc, -1, SQLITE_TRANSIENT);
  return _pl_store_step_done (self, stmt, _("write the change journal"), error);
}

gint64
pl_store_count_journal (PlStore  *self,
                        GError  **error)
{
  gint64 count = -1;

  g_return_val_if_fail (PL_IS_STORE (self), -1);
  if (!query_int (self, "SELECT count(*) FROM journal", &count, error))
    return -1;
  return count;
}

gint64
pl_store_count_unsent (PlStore  *self,
                       GError  **error)
{
  gint64 count = -1;

  g_return_val_if_fail (PL_IS_STORE (self), -1);
  if (!query_int (self, "SELECT count(*) FROM journal WHERE pushed = 0", &count, error))
    return -1;
  return count;
}

gint64
pl_store_count_families (PlStore  *self,
                         GError  **error)
{
  gint64 count = -1;

  g_return_val_if_fail (PL_IS_STORE (self), -1);
  if (!query_int (self, "SELECT count(*) FROM families INDEXED BY families_language"
                       " WHERE deleted = 0", &count, error))
    return -1;
  return count;
}

void
_pl_store_emit_family_changed (PlStore    *self,
                               const char *family_id)
{
  g_signal_emit (self, signals[FAMILY_CHANGED], g_quark_from_static_string ("household"),
                 family_id);
}

void
_pl_store_emit_contacts_changed (PlStore    *self,
                                 const char *family_id)
{
  g_signal_emit (self, signals[FAMILY_CHANGED], g_quark_from_static_string ("contacts"),
                 family_id);
}

/**
 * pl_store_list_schools:
 *
 * Returns: (transfer full): a GListModel of PlSchool, by name; a district has
 *   tens of schools, so they are loaded at once
 */
GListModel *
pl_store_list_schools (PlStore  *self,
                       GError  **error)
{
  g_autoptr(GListStore) schools = g_list_store_new (PL_TYPE_SCHOOL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  stmt = _pl_store_prepare (self,
                            "SELECT id, name, code, grade_low, grade_high FROM schools"
                            " WHERE deleted = 0 ORDER BY name COLLATE NOCASE",
                            error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PlSchool) school =
        g_object_new (PL_TYPE_SCHOOL,
                      "id", (const char *) sqlite3_column_text (stmt, 0),
                      "name", (const char *) sqlite3_column_text (stmt, 1),
                      "code", (const char *) sqlite3_column_text (stmt, 2),
                      "grade-low", sqlite3_column_int (stmt, 3),
                      "grade-high", sqlite3_column_int (stmt, 4),
                      NULL);
      g_list_store_append (schools, school);
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the schools"), error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&schools));
}

/**
 * pl_store_save_school:
 *
 * Inserts or updates a school, with its journal entry.
 */
gboolean
pl_store_save_school (PlStore   *self,
                      PlSchool  *school,
                      GError   **error)
{
  g_autofree char *hlc = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  const char *values[4];

  g_return_val_if_fail (PL_IS_STORE (self), FALSE);
  g_return_val_if_fail (PL_IS_SCHOOL (school), FALSE);

  if (pl_school_get_name (school) == NULL)
    {
      g_set_error_literal (error, PL_FAMILY_ERROR, PL_FAMILY_ERROR_REQUIRED,
                           _("The school needs a name"));
      return FALSE;
    }

  if (!_pl_store_begin (self, error))
    return FALSE;

  /* Through the one row writer, so that an edited school journals the
   * fields it changed (an update with no fields cannot be sent). */
  low = g_strdup_printf ("%d", pl_school_get_grade_low (school));
  high = g_strdup_printf ("%d", pl_school_get_grade_high (school));
  values[0] = pl_school_get_name (school);
  values[1] = pl_school_get_code (school);
  values[2] = low;
  values[3] = high;
  hlc = pl_clock_now (self->clock);
  if (!_pl_store_write_row (self, _pl_store_lookup_entity ("schools"), pl_school_get_id (school),
                            values, FALSE, hlc, error) ||
      !_pl_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  _pl_store_rollback (self);
  return FALSE;
}

/**
 * pl_store_list_home_languages:
 *
 * Returns: (transfer full): the home language codes in use, most families first
 */
GStrv
pl_store_list_home_languages (PlStore  *self,
                              GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  stmt = _pl_store_prepare (self,
                            /* Without statistics SQLite would walk the name
                             * index and read every row; this index covers it. */
                            "SELECT home_language FROM families INDEXED BY families_language"
                            " WHERE deleted = 0 AND home_language IS NOT NULL"
                            " GROUP BY home_language ORDER BY count(*) DESC, home_language",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (self, rc, _("read the languages"), error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}
