/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-sync-manager.h"

G_BEGIN_DECLS

#define PL_TYPE_PREFERENCES_WINDOW (pl_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PlPreferencesWindow, pl_preferences_window, PL, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Preferences of one window's database. The Account page logs in to the
 * sync server (the session goes to the keyring through @manager), shows who
 * is logged in and logs out; a demo district only says it never syncs. */
PlPreferencesWindow *pl_preferences_window_new         (GtkWindow           *parent,
                                                        PlSyncManager       *manager);
PlSyncManager       *pl_preferences_window_get_manager (PlPreferencesWindow *self);
/* Shows the Account page, with the cursor where typing is needed. */
void                 pl_preferences_window_show_account (PlPreferencesWindow *self);

G_END_DECLS
