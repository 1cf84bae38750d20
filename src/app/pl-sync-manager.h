/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "pl-store.h"

G_BEGIN_DECLS

typedef enum
{
  PL_SYNC_STATE_IDLE,
  PL_SYNC_STATE_SYNCING,
  PL_SYNC_STATE_ERROR,   /* the last sync failed; "error-message" says why */
} PlSyncState;

#define PL_TYPE_SYNC_STATE (pl_sync_state_get_type ())
GType pl_sync_state_get_type (void);

#define PL_TYPE_SYNC_MANAGER (pl_sync_manager_get_type ())
G_DECLARE_FINAL_TYPE (PlSyncManager, pl_sync_manager, PL, SYNC_MANAGER, GObject)

/* The window's side of sync: the account (server and user in GSettings, the
 * session token in the desktop keyring), syncing on demand, every five
 * minutes and when the network comes back, one sync at a time, and what a
 * person sees of it (state, last sync, changes waiting, progress, error).
 *
 * Signals: "auth-required" when the server no longer accepts the session
 * (the account is logged out and "account-error" says why); "synced" after a
 * sync succeeded, once the window's store shows what it brought. */
PlSyncManager *pl_sync_manager_new             (PlStore       *store,
                                                GSettings     *settings);
/* Reads the account and looks the token up in the keyring, asynchronously;
 * with a token, syncs at once. Call it once the window is on screen. */
void           pl_sync_manager_start           (PlSyncManager *self);
/* Cancels what is under way and stops the timers; the window calls it as it
 * goes away. */
void           pl_sync_manager_shutdown        (PlSyncManager *self);

/* Starts a sync; FALSE when there is no account or one is already running. */
gboolean       pl_sync_manager_sync            (PlSyncManager *self);

void           pl_sync_manager_log_in_async    (PlSyncManager       *self,
                                                const char          *server_url,
                                                const char          *user_name,
                                                const char          *password,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* @warning is set when logged in but the keyring could not keep the session. */
gboolean       pl_sync_manager_log_in_finish   (PlSyncManager  *self,
                                                GAsyncResult   *result,
                                                char          **warning,
                                                GError        **error);
/* Forgets the session: the keyring entry is cleared; server and user stay
 * for the next log-in. */
void           pl_sync_manager_log_out         (PlSyncManager *self);

PlStore       *pl_sync_manager_get_store       (PlSyncManager *self);
PlSyncState    pl_sync_manager_get_state       (PlSyncManager *self);
gboolean       pl_sync_manager_get_logged_in   (PlSyncManager *self);
gboolean       pl_sync_manager_get_demo        (PlSyncManager *self);
/* What GSettings holds, filled in even when logged out. */
const char    *pl_sync_manager_get_server_url  (PlSyncManager *self);
const char    *pl_sync_manager_get_user_name   (PlSyncManager *self);
GDateTime     *pl_sync_manager_get_last_synced (PlSyncManager *self);
gint64         pl_sync_manager_get_unsent      (PlSyncManager *self);
/* Rows received so far by the sync under way. */
guint          pl_sync_manager_get_pulled      (PlSyncManager *self);
const char    *pl_sync_manager_get_error_message (PlSyncManager *self);
/* Why the account was logged out, for the log-in form; NULL otherwise. */
const char    *pl_sync_manager_get_account_error (PlSyncManager *self);

/* The keyring schema of session tokens: attributes "server" and "user". */
const SecretSchema *pl_sync_manager_get_token_schema (void);

G_END_DECLS
