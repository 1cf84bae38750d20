/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-family-list.h"
#include "pl-store.h"
#include "pl-sync-manager.h"

G_BEGIN_DECLS

#define PL_TYPE_FAMILIES_PAGE (pl_families_page_get_type ())
G_DECLARE_FINAL_TYPE (PlFamiliesPage, pl_families_page, PL, FAMILIES_PAGE, GtkWidget)

/* The family directory: search, filters and the list.
 *
 * Signals: "family-selected" (const char *family_id) when a person picks a
 * family in the list; "family-activated" (const char *family_id) when they
 * press Enter on one. */
PlStore      *pl_families_page_get_store       (PlFamiliesPage *self);
void          pl_families_page_set_store       (PlFamiliesPage *self,
                                                PlStore        *store);
PlFamilyList *pl_families_page_get_families    (PlFamiliesPage *self);
void          pl_families_page_start_search    (PlFamiliesPage *self);
/* Selects @family_id without emitting "family-selected"; NULL unselects. */
void          pl_families_page_select_family   (PlFamiliesPage *self,
                                                const char     *family_id);
void          pl_families_page_set_key_capture_widget (PlFamiliesPage *self,
                                                       GtkWidget      *widget);
/* The sync control in the header bar follows @manager (NULL hides it). */
void          pl_families_page_set_sync_manager (PlFamiliesPage *self,
                                                 PlSyncManager  *manager);

G_END_DECLS
