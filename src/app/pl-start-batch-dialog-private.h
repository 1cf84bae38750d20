/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-start-batch-dialog.h"

G_BEGIN_DECLS

/* For tests: a field by name ("survey", "school", "date", "count",
 * "keyer", "double-entry", "percent", "second-keyer"), and the message
 * shown under it (NULL when none). */
GtkWidget  *_pl_start_batch_dialog_get_row     (PlStartBatchDialog *self,
                                                const char         *name);
const char *_pl_start_batch_dialog_get_message (PlStartBatchDialog *self,
                                                const char         *name);

G_END_DECLS
