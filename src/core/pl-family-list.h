/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-store.h"
#include "pl-family-summary.h"

G_BEGIN_DECLS

#define PL_TYPE_FAMILY_LIST (pl_family_list_get_type ())
G_DECLARE_FINAL_TYPE (PlFamilyList, pl_family_list, PL, FAMILY_LIST, GObject)

/* A GListModel of PlFamilySummary over the store, read lazily: it keeps the
 * ordered ids of the matching families and builds items for a window of rows
 * around the ones asked for. Sorting and filtering happen in SQL.
 *
 * Properties: "store", "query" (what a person typed; empty for all),
 * "school-id" (NULL for all), "language" (home language code; NULL for all),
 * "n-items". Changing a filter emits items-changed for the whole list.
 * Saving, deleting or restoring a family through the store updates the list. */
PlFamilyList *pl_family_list_new          (PlStore      *store);
void          pl_family_list_set_query    (PlFamilyList *self,
                                           const char   *query);
/* NULL when no query is set (an empty or blank query counts as none). */
const char   *pl_family_list_get_query    (PlFamilyList *self);
void          pl_family_list_set_school_id (PlFamilyList *self,
                                           const char   *school_id);
const char   *pl_family_list_get_school_id (PlFamilyList *self);
void          pl_family_list_set_language (PlFamilyList *self,
                                           const char   *language);
const char   *pl_family_list_get_language (PlFamilyList *self);
/* The position of a family in the current list, or -1. */
int           pl_family_list_find         (PlFamilyList *self,
                                           const char   *family_id);
/* The error of the last refresh, if it failed (the list is then empty). */
const GError *pl_family_list_get_error    (PlFamilyList *self);

G_END_DECLS
