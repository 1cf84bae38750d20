/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-duplicate-pair.h"
#include "pl-store.h"

G_BEGIN_DECLS

#define PL_DUPLICATES_ERROR (pl_duplicates_error_quark ())

typedef enum
{
  PL_DUPLICATES_ERROR_SAME_FAMILY,  /* a family cannot be merged into itself */
  PL_DUPLICATES_ERROR_GONE,         /* one of the families is no longer in the database */
  PL_DUPLICATES_ERROR_CANNOT_UNDO,  /* the families changed since the merge */
  PL_DUPLICATES_ERROR_TOO_LONG,     /* the two families' notes do not fit in one */
} PlDuplicatesError;

GQuark pl_duplicates_error_quark (void);

/* A phone listed by more families than this is a shared line (a shelter, a
 * school office, an agency), not a sign that they are one household. */
#define PL_DUPLICATES_MAX_PHONE_FAMILIES 4

#define PL_TYPE_DUPLICATES (pl_duplicates_get_type ())
G_DECLARE_FINAL_TYPE (PlDuplicates, pl_duplicates, PL, DUPLICATES, GObject)

/* The possible duplicate families of a database: a GListModel of
 * PlDuplicatePair, strongest first. A pair's families are live and differ;
 * pairs a person dismissed are left out. Items are made when asked for: the
 * model itself holds a few bytes a pair. */

/* Finds the pairs in one pass over the live families and guardians: a guardian
 * phone (by its digits, a US country code dropped, at least seven digits) in
 * two to PL_DUPLICATES_MAX_PHONE_FAMILIES families, or a guardian or
 * household name that folds alike (pl_normalize_text(), words in any order)
 * at the same address (folded, common street words shortened; zip and city
 * must not differ). Runs in the calling thread. */
PlDuplicates *pl_duplicates_find           (PlStore              *store,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* pl_duplicates_find() in a worker thread, on its own connection to the file. */
void          pl_duplicates_find_async     (PlStore              *store,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
PlDuplicates *pl_duplicates_find_finish    (PlStore              *store,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Takes a pair off the list (after "Not Duplicates"). */
void          pl_duplicates_remove_pair    (PlDuplicates         *self,
                                            const char           *family_a,
                                            const char           *family_b);
/* Follows a merge: the pair of the two goes, and pairs of the merged family
 * with others become pairs of the kept one when they share a phone (which
 * moved with its guardian); the rest wait for the next search. */
void          pl_duplicates_family_merged  (PlDuplicates         *self,
                                            const char           *keep_id,
                                            const char           *merged_id);
/* The position of the pair of these two families, or -1. */
int           pl_duplicates_find_pair      (PlDuplicates         *self,
                                            const char           *family_a,
                                            const char           *family_b);

/* "Not duplicates": remembered in this database (never synced), so the pair
 * is not offered again. Either order of the two ids. */
gboolean      pl_duplicates_dismiss        (PlStore              *store,
                                            const char           *family_a,
                                            const char           *family_b,
                                            GError              **error);
/* Undoes pl_duplicates_dismiss(). */
gboolean      pl_duplicates_undismiss      (PlStore              *store,
                                            const char           *family_a,
                                            const char           *family_b,
                                            GError              **error);
gboolean      pl_duplicates_is_dismissed   (PlStore              *store,
                                            const char           *family_a,
                                            const char           *family_b,
                                            GError              **error);

/* The keys the search compares, for marking what two families share: a
 * name's folded words in order ("García, María" and "Maria Garcia" give
 * "garcia maria"), and a phone's digits without a US country code, or NULL
 * for fewer than seven. */
char         *pl_duplicates_name_key       (const char           *name);
char         *pl_duplicates_phone_key      (const char           *phone);
/* Whether two guardians' names are alike as the search tells: the same
 * words, or all of the shorter's (two at least) in the longer. */
gboolean      pl_duplicates_guardian_names_alike (const char     *name_a,
                                                  const char     *name_b);

/* How many contacts (not deleted) are logged with the family, or -1. */
gint64        pl_duplicates_count_contacts (PlStore              *store,
                                            const char           *family_id,
                                            GError              **error);

G_END_DECLS
