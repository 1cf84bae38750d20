/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_DUPLICATES_PAGE (pl_duplicates_page_get_type ())
G_DECLARE_FINAL_TYPE (PlDuplicatesPage, pl_duplicates_page, PL, DUPLICATES_PAGE, GtkWidget)

/* Possible duplicate families for review: the pairs with why they may be one
 * household, the two families side by side, "Merge Into This One" on either
 * (confirmed, with an Undo toast) and "Not Duplicates". It looks for pairs
 * (in a worker thread) as soon as it has a store. */
GtkWidget *pl_duplicates_page_new        (PlStore          *store);
PlStore   *pl_duplicates_page_get_store  (PlDuplicatesPage *self);
void       pl_duplicates_page_set_store  (PlDuplicatesPage *self,
                                          PlStore          *store);
/* Looks for the pairs again. */
void       pl_duplicates_page_refresh    (PlDuplicatesPage *self);

/* Shows the page in its own window over @parent, or brings the open one
 * forward. Returns: (transfer none): the window */
GtkWindow *pl_duplicates_page_present    (GtkWindow        *parent,
                                          PlStore          *store);

G_END_DECLS
