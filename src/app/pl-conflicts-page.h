/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"
#include "pl-sync-manager.h"

G_BEGIN_DECLS

#define PL_TYPE_CONFLICTS_PAGE (pl_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (PlConflictsPage, pl_conflicts_page, PL, CONFLICTS_PAGE, GtkWidget)

/* The Conflicts section: what a person has to settle. Changes the server did
 * not accept, each sent again or discarded, then every open conflict of the
 * store, each settled by keeping one value or writing a combined one.
 * "n-conflicts" counts both, for the sidebar.
 *
 * Signal "family-activated" (const char *family_id) when a person clicks a
 * household. */
PlStore    *pl_conflicts_page_get_store       (PlConflictsPage *self);
void        pl_conflicts_page_set_store       (PlConflictsPage *self,
                                               PlStore         *store);
/* The account that discards a refused change (it takes the server's copy of
 * the record back); NULL without one. */
void        pl_conflicts_page_set_sync_manager (PlConflictsPage *self,
                                                PlSyncManager   *manager);
guint       pl_conflicts_page_get_n_conflicts (PlConflictsPage *self);
/* Who settles the conflicts, for the record (the sync user); may be NULL. */
void        pl_conflicts_page_set_resolved_by (PlConflictsPage *self,
                                               const char      *user_name);
/* Reads the open conflicts again, now. A new store's are read only then, or
 * when one of its families changes. */
void        pl_conflicts_page_reload          (PlConflictsPage *self);

G_END_DECLS
