/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pl-sync-manager.h"

G_BEGIN_DECLS

#define PL_TYPE_SYNC_BUTTON (pl_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (PlSyncButton, pl_sync_button, PL, SYNC_BUTTON, GtkWidget)

/* The header bar's sync control: an icon that spins while syncing and shows
 * a dot when changes wait or the last sync failed, and a popover with the
 * last sync, the changes waiting, the progress, the error and "Sync Now".
 * Hidden while there is no account to sync with. */
PlSyncManager *pl_sync_button_get_manager (PlSyncButton  *self);
void           pl_sync_button_set_manager (PlSyncButton  *self,
                                           PlSyncManager *manager);

G_END_DECLS
