/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-duplicates-page.h"

G_BEGIN_DECLS

GtkListView *_pl_duplicates_page_get_list_view (PlDuplicatesPage *self);
/* The two families' columns, side by side or one above the other: a GtkBox. */
GtkWidget   *_pl_duplicates_page_get_columns   (PlDuplicatesPage *self);
/* "loading", "list", "empty" or "error": what the list pane shows. */
const char  *_pl_duplicates_page_get_state     (PlDuplicatesPage *self);
guint        _pl_duplicates_page_get_n_pairs   (PlDuplicatesPage *self);

G_END_DECLS
