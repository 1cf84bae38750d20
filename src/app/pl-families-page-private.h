/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-families-page.h"
#include "pl-sync-button.h"

G_BEGIN_DECLS

GtkEditable *_pl_families_page_get_search_entry (PlFamiliesPage *self);
GtkListView *_pl_families_page_get_list_view    (PlFamiliesPage *self);
GtkDropDown *_pl_families_page_get_school_filter (PlFamiliesPage *self);
GtkDropDown *_pl_families_page_get_language_filter (PlFamiliesPage *self);
/* "list", "no-results", "empty" or "error": what the pane shows. */
const char  *_pl_families_page_get_state        (PlFamiliesPage *self);
PlSyncButton *_pl_families_page_get_sync_button (PlFamiliesPage *self);

G_END_DECLS
