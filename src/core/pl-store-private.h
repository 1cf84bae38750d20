/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pl-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  char        type;  /* 't' text, 'i' integer */
} PlColumn;

typedef struct
{
  const char     *table;
  const PlColumn *columns;  /* NULL-terminated */
} PlEntity;

const char     *_pl_store_migration_sql   (int          version);
const PlEntity *_pl_store_lookup_entity   (const char  *table);

sqlite3        *_pl_store_get_db          (PlStore     *self);
/* A cached prepared statement, reset and unbound; NULL with @error set on failure. */
sqlite3_stmt   *_pl_store_prepare         (PlStore     *self,
                                           const char  *sql,
                                           GError     **error);
void            _pl_store_reset_all       (PlStore     *self);
gboolean        _pl_store_step_done       (PlStore      *self,
                                           sqlite3_stmt *stmt,
                                           const char   *what,
                                           GError      **error);
gboolean        _pl_store_exec            (PlStore     *self,
                                           const char  *sql,
                                           GError     **error);
gboolean        _pl_store_begin           (PlStore     *self,
                                           GError     **error);
gboolean        _pl_store_commit          (PlStore     *self,
                                           GError     **error);
void            _pl_store_rollback        (PlStore     *self);
/* Sets @error from SQLite's last error on the store's connection. */
void            _pl_store_set_error       (PlStore     *self,
                                           int          rc,
                                           const char  *what,
                                           GError     **error);

/* Writes one journal entry. @fields_json is NULL for an insert. */
gboolean        _pl_store_journal         (PlStore     *self,
                                           const char  *entity,
                                           const char  *row_id,
                                           const char  *op,
                                           const char  *fields_json,
                                           const char  *hlc,
                                           const char  *base_hlc,
                                           GError     **error);
/* Before a row's first update, records every field at the row's clock. */
gboolean        _pl_store_split_field_clocks (PlStore        *self,
                                           const PlEntity *entity,
                                           const char     *id,
                                           const char     *row_hlc,
                                           GError        **error);
gboolean        _pl_store_set_field_clock (PlStore     *self,
                                           const char  *table,
                                           const char  *id,
                                           const char  *field,
                                           const char  *hlc,
                                           GError     **error);

guint           _pl_store_n_columns       (const PlEntity *entity);
/* A stored row's columns as text, plus "hlc" and "deleted"; NULL (and no
 * error) when it does not exist. */
GHashTable     *_pl_store_read_row        (PlStore         *self,
                                           const PlEntity  *entity,
                                           const char      *id,
                                           GError         **error);
/* Inserts or updates one row from text values in column order, with field
 * clocks and a journal entry; writes nothing when nothing changed. */
gboolean        _pl_store_write_row       (PlStore            *self,
                                           const PlEntity     *entity,
                                           const char         *id,
                                           const char *const  *values,
                                           gboolean            deleted,
                                           const char         *hlc,
                                           GError            **error);

/* Writes a family with its guardians and students inside the caller's
 * transaction (pl_store_save_family() without validation or its own
 * transaction), for batches such as a roster import. */
gboolean        _pl_store_write_family    (PlStore     *self,
                                           PlFamily    *family,
                                           const char  *hlc,
                                           GError     **error);
/* Recomputes the search text and sort key of a family from what is stored. */
gboolean        _pl_store_update_family_search (PlStore    *self,
                                           const char  *family_id,
                                           GError     **error);
/* Builds a family's search text from its parts (all may be NULL). */
char           *_pl_store_build_search_text (const char        *household_name,
                                           const char *const *names,
                                           const char *const *phones,
                                           const char *const *district_ids);
void            _pl_store_emit_family_changed (PlStore   *self,
                                           const char  *family_id);
void            _pl_store_emit_contacts_changed (PlStore    *self,
                                                 const char *family_id);

/* Sync bookkeeping (pl-store-sync.c). A change the server refused is set
 * aside (@found: it was waiting to be sent); one set aside is looked up or
 * discarded (@server_row: the server's copy of an updated row, or NULL when
 * it has none for this user). A family that left the user's schools is
 * forgotten here unless something of it waits for the server (@kept). */
gboolean        _pl_store_set_aside       (PlStore     *self,
                                           const char  *change_id,
                                           const char  *code,
                                           const char  *message,
                                           gboolean    *found,
                                           GError     **error);
gboolean        _pl_store_lookup_refused  (PlStore     *self,
                                           const char  *change_id,
                                           char       **entity,
                                           char       **row_id,
                                           char       **op,
                                           GError     **error);
gboolean        _pl_store_discard_refused (PlStore     *self,
                                           const char  *change_id,
                                           JsonObject  *server_row,
                                           GError     **error);
gboolean        _pl_store_forget_family   (PlStore     *self,
                                           const char  *family_id,
                                           gboolean    *kept,
                                           GError     **error);
/* After the server refused stamps from a wall clock that ran ahead and the
 * clock is right again: every change not yet accepted and stamped after
 * @now_ms is stamped again from @now_ms, and the clock moved back there, in
 * one transaction. */
gboolean        _pl_store_restamp_ahead   (PlStore     *self,
                                           gint64       now_ms,
                                           GError     **error);

G_END_DECLS
