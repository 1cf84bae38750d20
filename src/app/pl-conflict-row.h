/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_CONFLICT_ROW (pl_conflict_row_get_type ())
G_DECLARE_FINAL_TYPE (PlConflictRow, pl_conflict_row, PL, CONFLICT_ROW, GtkWidget)

/* One open conflict: the household, the field in words, both values with
 * which device wrote them and when, and the ways to settle it.
 *
 * Signals: "resolve" (PlConflictChoice choice, const char *combined) when a
 * person keeps one value or writes a combined one; "show-family" (const
 * char *family_id) when they click the household. */
GtkWidget  *pl_conflict_row_new          (PlStore       *store,
                                          PlConflict    *conflict);
PlConflict *pl_conflict_row_get_conflict (PlConflictRow *self);

G_END_DECLS
