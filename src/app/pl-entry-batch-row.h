/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-entry-batch.h"

G_BEGIN_DECLS

/* What the store holds of one batch, for its row. */
typedef struct
{
  guint n_first;   /* forms keyed (first keyings) */
  guint n_wanted;  /* of those, the ones chosen for a second keying */
  guint n_second;  /* second keyings done */
  guint n_open;    /* disagreements between the two keyings not yet settled */
} PlEntryBatchCounts;

#define PL_TYPE_ENTRY_BATCH_ROW (pl_entry_batch_row_get_type ())
G_DECLARE_FINAL_TYPE (PlEntryBatchRow, pl_entry_batch_row, PL, ENTRY_BATCH_ROW, GtkListBoxRow)

/* One batch in the Data Entry section: survey and school, the day the
 * stack came in, who keys it, forms keyed of the form count, the second
 * keying, and the batch's actions. The buttons and the menu activate
 * "entry.resume", "entry.second-keying", "entry.mark-done" and
 * "entry.reopen" with the batch id as target; the page that lists the rows
 * installs them. Further batch actions (such as reconciling the two
 * keyings) go into the row's action box beside these, with the same
 * target. */
GtkWidget    *pl_entry_batch_row_new       (PlEntryBatch             *batch,
                                            const char               *survey_title,
                                            const char               *school_name,
                                            const PlEntryBatchCounts *counts);
PlEntryBatch *pl_entry_batch_row_get_batch (PlEntryBatchRow          *self);
const PlEntryBatchCounts *
              pl_entry_batch_row_get_counts (PlEntryBatchRow         *self);
/* Where further buttons of the batch go (a horizontal GtkBox). */
GtkBox       *pl_entry_batch_row_get_action_box (PlEntryBatchRow     *self);

G_END_DECLS
