/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_ENTRY_PAGE (pl_entry_page_get_type ())
G_DECLARE_FINAL_TYPE (PlEntryPage, pl_entry_page, PL, ENTRY_PAGE, GtkWidget)

/* The Data Entry section: the batches of paper forms (open ones first),
 * Start Batch, and the entry desk a batch is keyed at, first or second
 * keying. It reads the store only while shown, off the main thread.
 *
 * Properties: "store", "show-start-title-buttons", "show-back-button". */
PlStore    *pl_entry_page_get_store (PlEntryPage *self);
void        pl_entry_page_set_store (PlEntryPage *self,
                                     PlStore     *store);

G_END_DECLS
