/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-entry-batch-row.h"
#include "pl-entry-desk.h"
#include "pl-entry-page.h"
#include "pl-start-batch-dialog.h"

G_BEGIN_DECLS

/* For tests, which drive the real page. */

/* "batches" or "desk". */
const char         *_pl_entry_page_get_view         (PlEntryPage *self);
/* The entry desk, once a batch was opened. */
PlEntryDesk        *_pl_entry_page_get_desk         (PlEntryPage *self);
/* Whether the batches are being read. */
gboolean            _pl_entry_page_get_loading      (PlEntryPage *self);
/* The row of batch @batch_id, once read. */
PlEntryBatchRow    *_pl_entry_page_find_row         (PlEntryPage *self,
                                                     const char  *batch_id);
/* The Start Batch dialog, while it is open. */
PlStartBatchDialog *_pl_entry_page_get_start_dialog (PlEntryPage *self);

G_END_DECLS
