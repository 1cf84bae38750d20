/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-store.h"

G_BEGIN_DECLS

#define PL_TYPE_START_BATCH_DIALOG (pl_start_batch_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlStartBatchDialog, pl_start_batch_dialog, PL, START_BATCH_DIALOG, AdwWindow)

/* Starts a batch: a stack of paper forms of one open survey from one
 * school, the day it came in (today unless changed; a day that does not
 * exist or has not come is refused with a message), how many forms, who
 * keys them (the person logged in unless changed), and whether a second
 * person keys all of them or a sample again, blind.
 *
 * Signal "started" (const char *batch_id) once the batch is saved; the
 * dialog then closes. */
PlStartBatchDialog *pl_start_batch_dialog_new (GtkWindow *parent,
                                               PlStore   *store);

G_END_DECLS
