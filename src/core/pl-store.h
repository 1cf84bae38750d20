/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-clock.h"
#include "pl-conflict.h"
#include "pl-family.h"
#include "pl-school.h"

G_BEGIN_DECLS

#define PL_STORE_ERROR (pl_store_error_quark ())

typedef enum
{
  PL_STORE_ERROR_OPEN,          /* the file cannot be opened or created */
  PL_STORE_ERROR_NEWER_SCHEMA,  /* written by a newer Porchlight; left untouched */
  PL_STORE_ERROR_CORRUPT,       /* not a Porchlight database, or damaged */
  PL_STORE_ERROR_FAILED,        /* any other SQLite failure */
  PL_STORE_ERROR_NOT_FOUND,     /* no such row (or it was deleted) */
  PL_STORE_ERROR_BUSY,          /* another program holds the database */
} PlStoreError;

GQuark pl_store_error_quark (void);

#define PL_TYPE_STORE (pl_store_get_type ())
G_DECLARE_FINAL_TYPE (PlStore, pl_store, PL, STORE, GObject)

/* The schema version this build writes. */
#define PL_STORE_SCHEMA_VERSION 6

/* Opens (creating and migrating as needed) the database at @path.
 * A database from a newer Porchlight is refused and left as it was. */
PlStore    *pl_store_open              (const char  *path,
                                        GError     **error);
/* The default database path: $XDG_DATA_HOME/porchlight/porchlight.db. */
char       *pl_store_default_path      (void);

const char *pl_store_get_path          (PlStore *self);
const char *pl_store_get_device_id     (PlStore *self);
PlClock    *pl_store_get_clock         (PlStore *self);
int         pl_store_get_schema_version (PlStore *self);

/* Signal "family-changed" (const char *family_id) is emitted on the thread
 * that owns the store after a family is saved, deleted or restored. */

/* TRUE for a demo district: fixture data that must never sync. */
gboolean    pl_store_is_demo           (PlStore     *self);

/* A transaction for a batch of merges (a sync page, a server push). Plain
 * saves through this API make their own. */
gboolean    pl_store_begin             (PlStore     *self,
                                        GError     **error);
gboolean    pl_store_commit            (PlStore     *self,
                                        GError     **error);
void        pl_store_rollback          (PlStore     *self);

/* Local settings of this database file (never synced), such as whether a
 * person already chose how to start. Keys are short ASCII names. */
char       *pl_store_get_setting       (PlStore     *self,
                                        const char  *key);
gboolean    pl_store_set_setting       (PlStore     *self,
                                        const char  *key,
                                        const char  *value,
                                        GError     **error);

/* Schools */
GListModel *pl_store_list_schools      (PlStore     *self,
                                        GError     **error);
gboolean    pl_store_save_school       (PlStore     *self,
                                        PlSchool    *school,
                                        GError     **error);
/* The language codes families in the database speak at home, most common first. */
GStrv       pl_store_list_home_languages (PlStore   *self,
                                        GError     **error);

/* Families */
gint64      pl_store_count_families    (PlStore     *self,
                                        GError     **error);
PlFamily   *pl_store_load_family       (PlStore     *self,
                                        const char  *id,
                                        GError     **error);
/* Validates, then inserts or updates the family, its guardians and students
 * in one transaction with journal entries and a fresh search text. Only
 * fields that changed are journaled. */
gboolean    pl_store_save_family       (PlStore     *self,
                                        PlFamily    *family,
                                        GError     **error);
/* Marks the family (and its guardians and students) deleted: a tombstone. */
gboolean    pl_store_delete_family     (PlStore     *self,
                                        const char  *id,
                                        GError     **error);
/* Undoes pl_store_delete_family(). */
gboolean    pl_store_restore_family    (PlStore     *self,
                                        const char  *id,
                                        GError     **error);

/* Search: family ids matching what a person typed, best first. */
GStrv       pl_store_search_families   (PlStore     *self,
                                        const char  *query,
                                        guint        limit,
                                        GError     **error);

/* Conflicts: the open ones, newest first (a GListModel of PlConflict), and
 * resolving one by keeping the winner, the loser or a combined value. */
GListModel *pl_store_list_conflicts    (PlStore          *self,
                                        GError          **error);
gboolean    pl_store_resolve_conflict  (PlStore          *self,
                                        const char       *conflict_id,
                                        PlConflictChoice  choice,
                                        const char       *combined,
                                        const char       *resolved_by,
                                        GError          **error);

/* Changes the server refused, set aside so the others still go
 * (doc/sync-protocol.md, "A refused change"): a GListModel of
 * PlRefusedChange, oldest first; how many; and sending one again at the
 * next sync. Discarding one may need the server's copy of the row:
 * pl_sync_client_discard_async(). */
GListModel *pl_store_list_refused      (PlStore     *self,
                                        GError     **error);
gint64      pl_store_count_refused     (PlStore     *self,
                                        GError     **error);
gboolean    pl_store_retry_refused     (PlStore     *self,
                                        const char  *change_id,
                                        GError     **error);

/* Number of entries in the local change journal, and of those not yet sent. */
gint64      pl_store_count_journal     (PlStore     *self,
                                        GError     **error);
gint64      pl_store_count_unsent      (PlStore     *self,
                                        GError     **error);

G_END_DECLS
