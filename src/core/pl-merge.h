/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_MERGE_ERROR (pl_merge_error_quark ())

/* Why a change was refused; the message names the change, entity and field. */
typedef enum
{
  PL_MERGE_ERROR_BAD_REQUEST,
  PL_MERGE_ERROR_UNKNOWN_ENTITY,
  PL_MERGE_ERROR_UNKNOWN_FIELD,
  PL_MERGE_ERROR_TOO_LONG,
} PlMergeError;

GQuark pl_merge_error_quark (void);

/* The longest text a field may hold on the wire. */
#define PL_MERGE_MAX_TEXT 10000

typedef struct
{
  guint       n_conflicts;
  /* "entity\tid" of every row the merge wrote, conflicts included, so a
   * server can mark them for the next pulls; NULL for a page. */
  GPtrArray  *touched;
  /* For a page: the families whose search text waits for
   * pl_merge_refresh_search(); NULL when each merge refreshes its own. */
  GHashTable *stale_families;
} PlMergeResult;

void        pl_merge_result_init        (PlMergeResult *result);
void        pl_merge_result_init_page   (PlMergeResult *result);
void        pl_merge_result_clear       (PlMergeResult *result);
gboolean    pl_merge_refresh_search     (PlStore        *store,
                                         PlMergeResult  *result,
                                         GError        **error);

/* A field's value as the wire carried it. */
typedef enum
{
  PL_MERGE_VALUE_NULL,
  PL_MERGE_VALUE_STRING,
  PL_MERGE_VALUE_INTEGER,  /* text: the digits, as JSON writes an integer in 64 bits */
  PL_MERGE_VALUE_BOOLEAN,  /* text: "1" or "0" */
  PL_MERGE_VALUE_OTHER,    /* a fraction, an array, an object: never valid */
} PlMergeValueKind;

typedef struct
{
  const char       *name;
  PlMergeValueKind  kind;
  const char       *text;
  const char       *clock;  /* a snapshot's clock of the field, or NULL */
} PlMergeField;

/* Applies one pushed change (see doc/sync-protocol.md, "Push") in the
 * caller's transaction: per field, the higher clock wins; where the change's
 * base_hlc is older than the field's clock and the values differ, the losing
 * value is kept in a conflicts row. Nothing is journaled: merged changes came
 * from elsewhere. */
gboolean    pl_merge_apply_change       (PlStore        *store,
                                         JsonObject     *change,
                                         const char     *origin,
                                         PlMergeResult  *result,
                                         GError        **error);

/* Applies one pulled row snapshot ("Pull": fields with a clock each) in the
 * caller's transaction, with the same per-field rule and no conflict check
 * (the server made it). */
gboolean    pl_merge_apply_snapshot     (PlStore        *store,
                                         JsonObject     *row,
                                         PlMergeResult  *result,
                                         GError        **error);

/* pl_merge_apply_snapshot() for a row already read off the wire: its entity,
 * id, and fields with their clocks. The same checks, without a JSON tree. */
gboolean    pl_merge_apply_snapshot_fields (PlStore             *store,
                                            const char          *entity,
                                            const char          *id,
                                            const PlMergeField  *fields,
                                            guint                n_fields,
                                            PlMergeResult       *result,
                                            GError             **error);

/* The row as a pull snapshot, or NULL with PL_STORE_ERROR_NOT_FOUND. */
JsonObject *pl_merge_read_snapshot      (PlStore        *store,
                                         const char     *entity,
                                         const char     *id,
                                         GError        **error);

/* A stored row with its field clocks, as a pull snapshot shows it. */
typedef struct _PlMergeRow PlMergeRow;

/* NULL with PL_STORE_ERROR_NOT_FOUND for a row that is not stored. */
PlMergeRow *pl_merge_row_read           (PlStore        *store,
                                         const char     *entity,
                                         const char     *id,
                                         GError        **error);
/* A field's value as stored (integers in decimal, "deleted" as "1" or "0"),
 * or NULL for null or a field the entity does not have. */
const char *pl_merge_row_get_value      (PlMergeRow     *row,
                                         const char     *field);
/* Appends the row as a pull snapshot, in JSON text. */
void        pl_merge_row_write_json     (PlMergeRow     *row,
                                         GString        *json);
void        pl_merge_row_free           (PlMergeRow     *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlMergeRow, pl_merge_row_free)

/* The family a row belongs to (the family itself, or a guardian's, student's,
 * contact's or conflict's family), or NULL for rows outside any family. */
char       *pl_merge_family_of          (PlStore        *store,
                                         const char     *entity,
                                         const char     *id,
                                         GError        **error);

G_END_DECLS
