/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-server"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "pl-server-vfs.h"

/* SQLite writes each frame of the write-ahead log with two system calls
 * (its 24-byte header, then the page), and a group of pushes writes
 * thousands of frames: on a virtual machine those calls were a sixth of
 * the push writer's time. This VFS, layered over SQLite's own, gathers
 * consecutive writes to a write-ahead log in memory and hands them to the
 * file in large writes. What a commit promises does not change:
 *
 *  - before the log is synced (every commit, with synchronous=FULL), read,
 *    truncated, measured, controlled or closed, the gathered writes go to
 *    the file first, so a commit is on disk when SQLite says so;
 *  - before the database's shared-memory index is changed or locked
 *    (where a commit becomes visible to other connections) they go to the
 *    file too, so no connection ever finds a frame that is not there;
 *  - a write that does not follow the gathered ones goes after them.
 *
 * Files other than write-ahead logs pass straight through. */

/* How much of a log is gathered before it is written out: SQLite's unix
 * VFS writes at most 128 KiB a call (it never needs more), and 64 KiB
 * already makes a write of sixteen frames. */
#define BATCH_SIZE (64 * 1024)

typedef struct _BatchFile BatchFile;

struct _BatchFile
{
  sqlite3_file   base;
  sqlite3_file  *real;           /* the underlying VFS's file, just after this */
  const char    *database;       /* the main database's name: its own, or its log's */
  gboolean       is_log;
  guchar        *buffer;         /* a log's gathered writes */
  gsize          buffer_length;
  sqlite3_int64  buffer_offset;
};

/* The open logs, so a database file can write out its own. The lock also
 * keeps a log's buffer whole should two threads reach it. */
static GMutex batch_lock;
static GSList *open_logs;  /* BatchFile */

/* Set on the thread in pl_server_vfs_open_store(): only logs that thread
 * opens meanwhile are gathered, whatever else gets the VFS. */
static GPrivate opening_batched;

static sqlite3_vfs batch_vfs;

static sqlite3_vfs *
real_vfs (void)
{
  return batch_vfs.pAppData;
}

/* With batch_lock held. */
static int
flush_locked (BatchFile *self)
{
  int rc;

  if (self->buffer_length == 0)
    return SQLITE_OK;
  rc = self->real->pMethods->xWrite (self->real, self->buffer, (int) self->buffer_length,
                                     self->buffer_offset);
  self->buffer_length = 0;
  return rc;
}

static int
flush (BatchFile *self)
{
  int rc;

  if (!self->is_log)
    return SQLITE_OK;
  g_mutex_lock (&batch_lock);
  rc = flush_locked (self);
  g_mutex_unlock (&batch_lock);
  return rc;
}

/* Writes out the gathered frames of the logs of @self's database. */
static int
flush_logs_of (BatchFile *self)
{
  int rc = SQLITE_OK;

  if (self->is_log || self->database == NULL)
    return SQLITE_OK;
  g_mutex_lock (&batch_lock);
  for (GSList *l = open_logs; l != NULL; l = l->next)
    {
      BatchFile *log = l->data;

      if (g_strcmp0 (log->database, self->database) == 0)
        {
          int log_rc = flush_locked (log);

          if (rc == SQLITE_OK)
            rc = log_rc;
        }
    }
  g_mutex_unlock (&batch_lock);
  return rc;
}

static int
batch_close (sqlite3_file *file)
{
  BatchFile *self = (BatchFile *) file;
  int rc = flush (self);
  int close_rc;

  if (self->is_log)
    {
      g_mutex_lock (&batch_lock);
      open_logs = g_slist_remove (open_logs, self);
      g_mutex_unlock (&batch_lock);
      g_free (self->buffer);
    }
  close_rc = self->real->pMethods->xClose (self->real);
  return rc != SQLITE_OK ? rc : close_rc;
}

static int
batch_read (sqlite3_file  *file,
            void          *data,
            int            amount,
            sqlite3_int64  offset)
{
  BatchFile *self = (BatchFile *) file;
  int rc = flush (self);

  if (rc != SQLITE_OK)
    return rc;
  return self->real->pMethods->xRead (self->real, data, amount, offset);
}

static int
batch_write (sqlite3_file  *file,
             const void    *data,
             int            amount,
             sqlite3_int64  offset)
{
  BatchFile *self = (BatchFile *) file;
  int rc = SQLITE_OK;

  if (!self->is_log)
    return self->real->pMethods->xWrite (self->real, data, amount, offset);

  g_mutex_lock (&batch_lock);
  if (self->buffer_length > 0 && offset == self->buffer_offset + (sqlite3_int64) self->buffer_length &&
      self->buffer_length + amount <= BATCH_SIZE)
    {
      memcpy (self->buffer + self->buffer_length, data, amount);
      self->buffer_length += amount;
    }
  else
    {
      rc = flush_locked (self);
      if (rc == SQLITE_OK && amount >= BATCH_SIZE)
        rc = self->real->pMethods->xWrite (self->real, data, amount, offset);
      else if (rc == SQLITE_OK)
        {
          memcpy (self->buffer, data, amount);
          self->buffer_length = amount;
          self->buffer_offset = offset;
        }
    }
  g_mutex_unlock (&batch_lock);
  return rc;
}

static int
batch_truncate (sqlite3_file  *file,
                sqlite3_int64  size)
{
  BatchFile *self = (BatchFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xTruncate (self->real, size);
}

static int
batch_sync (sqlite3_file *file,
            int           flags)
{
  BatchFile *self = (BatchFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xSync (self->real, flags);
}

static int
batch_file_size (sqlite3_file  *file,
                 sqlite3_int64 *size)
{
  BatchFile *self = (BatchFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xFileSize (self->real, size);
}

static int
batch_lock_file (sqlite3_file *file,
                 int           level)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xLock (self->real, level);
}

static int
batch_unlock_file (sqlite3_file *file,
                   int           level)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xUnlock (self->real, level);
}

static int
batch_check_reserved_lock (sqlite3_file *file,
                           int          *out)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, out);
}

static int
batch_file_control (sqlite3_file *file,
                    int           op,
                    void         *arg)
{
  BatchFile *self = (BatchFile *) file;
  int rc = flush (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
batch_sector_size (sqlite3_file *file)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
batch_device_characteristics (sqlite3_file *file)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
batch_shm_map (sqlite3_file  *file,
               int            page,
               int            page_size,
               int            extend,
               void volatile **out)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xShmMap (self->real, page, page_size, extend, out);
}

static int
batch_shm_lock (sqlite3_file *file,
                int           offset,
                int           n,
                int           flags)
{
  BatchFile *self = (BatchFile *) file;
  int rc = flush_logs_of (self);

  return rc != SQLITE_OK ? rc : self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
batch_shm_barrier (sqlite3_file *file)
{
  BatchFile *self = (BatchFile *) file;

  /* Nothing to report a failure to: the log's next sync or read does. */
  flush_logs_of (self);
  self->real->pMethods->xShmBarrier (self->real);
}

static int
batch_shm_unmap (sqlite3_file *file,
                 int           delete_flag)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
batch_fetch (sqlite3_file   *file,
             sqlite3_int64   offset,
             int             amount,
             void          **out)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xFetch (self->real, offset, amount, out);
}

static int
batch_unfetch (sqlite3_file  *file,
               sqlite3_int64  offset,
               void          *page)
{
  BatchFile *self = (BatchFile *) file;

  return self->real->pMethods->xUnfetch (self->real, offset, page);
}

static const sqlite3_io_methods batch_io_methods = {
  3,
  batch_close,
  batch_read,
  batch_write,
  batch_truncate,
  batch_sync,
  batch_file_size,
  batch_lock_file,
  batch_unlock_file,
  batch_check_reserved_lock,
  batch_file_control,
  batch_sector_size,
  batch_device_characteristics,
  batch_shm_map,
  batch_shm_lock,
  batch_shm_barrier,
  batch_shm_unmap,
  batch_fetch,
  batch_unfetch,
};

static int
batch_open (sqlite3_vfs      *vfs,
            sqlite3_filename  name,
            sqlite3_file     *file,
            int               flags,
            int              *out_flags)
{
  BatchFile *self = (BatchFile *) file;
  int rc;

  memset (self, 0, sizeof *self);
  self->real = (sqlite3_file *) (self + 1);
  rc = real_vfs ()->xOpen (real_vfs (), name, self->real, flags, out_flags);
  if (rc != SQLITE_OK || self->real->pMethods == NULL)
    {
      if (self->real->pMethods != NULL)
        self->real->pMethods->xClose (self->real);
      self->base.pMethods = NULL;
      return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
  /* Shared memory and memory mapping are passed through, so the file must
   * have them as this one claims to. */
  if (self->real->pMethods->iVersion < 3)
    {
      self->real->pMethods->xClose (self->real);
      self->base.pMethods = NULL;
      return SQLITE_CANTOPEN;
    }
  self->base.pMethods = &batch_io_methods;

  if ((flags & SQLITE_OPEN_WAL) && name != NULL && g_private_get (&opening_batched) != NULL)
    {
      self->is_log = TRUE;
      self->database = sqlite3_filename_database (name);
      self->buffer = g_malloc (BATCH_SIZE);
      g_mutex_lock (&batch_lock);
      open_logs = g_slist_prepend (open_logs, self);
      g_mutex_unlock (&batch_lock);
    }
  else if (flags & SQLITE_OPEN_MAIN_DB)
    self->database = name;
  return SQLITE_OK;
}

static int
batch_delete (sqlite3_vfs *vfs,
              const char  *name,
              int          sync_dir)
{
  return real_vfs ()->xDelete (real_vfs (), name, sync_dir);
}

static int
batch_access (sqlite3_vfs *vfs,
              const char  *name,
              int          flags,
              int         *out)
{
  return real_vfs ()->xAccess (real_vfs (), name, flags, out);
}

static int
batch_full_pathname (sqlite3_vfs *vfs,
                     const char  *name,
                     int          size,
                     char        *out)
{
  return real_vfs ()->xFullPathname (real_vfs (), name, size, out);
}

static void *
batch_dl_open (sqlite3_vfs *vfs,
               const char  *name)
{
  return real_vfs ()->xDlOpen (real_vfs (), name);
}

static void
batch_dl_error (sqlite3_vfs *vfs,
                int          size,
                char        *out)
{
  real_vfs ()->xDlError (real_vfs (), size, out);
}

static void (*batch_dl_sym (sqlite3_vfs *vfs,
                            void        *handle,
                            const char  *symbol)) (void)
{
  return real_vfs ()->xDlSym (real_vfs (), handle, symbol);
}

static void
batch_dl_close (sqlite3_vfs *vfs,
                void        *handle)
{
  real_vfs ()->xDlClose (real_vfs (), handle);
}

static int
batch_randomness (sqlite3_vfs *vfs,
                  int          size,
                  char        *out)
{
  return real_vfs ()->xRandomness (real_vfs (), size, out);
}

static int
batch_sleep (sqlite3_vfs *vfs,
             int          microseconds)
{
  return real_vfs ()->xSleep (real_vfs (), microseconds);
}

static int
batch_current_time (sqlite3_vfs *vfs,
                    double      *out)
{
  return real_vfs ()->xCurrentTime (real_vfs (), out);
}

static int
batch_get_last_error (sqlite3_vfs *vfs,
                      int          size,
                      char        *out)
{
  return real_vfs ()->xGetLastError (real_vfs (), size, out);
}

static int
batch_current_time_int64 (sqlite3_vfs   *vfs,
                          sqlite3_int64 *out)
{
  return real_vfs ()->xCurrentTimeInt64 (real_vfs (), out);
}

static int
batch_set_system_call (sqlite3_vfs         *vfs,
                       const char          *name,
                       sqlite3_syscall_ptr  call)
{
  return real_vfs ()->xSetSystemCall (real_vfs (), name, call);
}

static sqlite3_syscall_ptr
batch_get_system_call (sqlite3_vfs *vfs,
                       const char  *name)
{
  return real_vfs ()->xGetSystemCall (real_vfs (), name);
}

static const char *
batch_next_system_call (sqlite3_vfs *vfs,
                        const char  *name)
{
  return real_vfs ()->xNextSystemCall (real_vfs (), name);
}

/* Layers the VFS over the default one, once; FALSE when that one lacks
 * what it passes through. */
static gboolean
batch_vfs_init (void)
{
  static gsize done;
  static gboolean usable;

  if (g_once_init_enter (&done))
    {
      sqlite3_vfs *real = sqlite3_vfs_find (NULL);

      usable = real != NULL && real->iVersion >= 3;
      if (usable)
        {
          batch_vfs = (sqlite3_vfs) {
            .iVersion = 3,
            .szOsFile = (int) sizeof (BatchFile) + real->szOsFile,
            .mxPathname = real->mxPathname,
            .zName = "porchlight-log-batch",
            .pAppData = real,
            .xOpen = batch_open,
            .xDelete = batch_delete,
            .xAccess = batch_access,
            .xFullPathname = batch_full_pathname,
            .xDlOpen = batch_dl_open,
            .xDlError = batch_dl_error,
            .xDlSym = batch_dl_sym,
            .xDlClose = batch_dl_close,
            .xRandomness = batch_randomness,
            .xSleep = batch_sleep,
            .xCurrentTime = batch_current_time,
            .xGetLastError = batch_get_last_error,
            .xCurrentTimeInt64 = batch_current_time_int64,
            .xSetSystemCall = batch_set_system_call,
            .xGetSystemCall = batch_get_system_call,
            .xNextSystemCall = batch_next_system_call,
          };
          usable = sqlite3_vfs_register (&batch_vfs, 0) == SQLITE_OK;
        }
      g_once_init_leave (&done, 1);
    }
  return usable;
}

/**
 * pl_server_vfs_open_store:
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PlStore *
pl_server_vfs_open_store (const char  *path,
                          GError     **error)
{
  static GMutex open_lock;
  sqlite3_vfs *plain;
  PlStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  if (!batch_vfs_init ())
    return pl_store_open (path, error);

  /* pl_store_open() opens with the default VFS: this one is the default
   * while it does (and opens the log). A connection another thread opens
   * meanwhile gets it too, but its files pass straight through. */
  g_mutex_lock (&open_lock);
  plain = sqlite3_vfs_find (NULL);
  sqlite3_vfs_register (&batch_vfs, 1);
  g_private_set (&opening_batched, GINT_TO_POINTER (1));
  store = pl_store_open (path, error);
  g_private_set (&opening_batched, NULL);
  sqlite3_vfs_register (plain, 1);
  g_mutex_unlock (&open_lock);
  return store;
}
