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
/* The same, and the server ends the session too; an error says it could
 * not be told (offline), the log-out here standing all the same. */
void           pl_sync_manager_log_out_async   (PlSyncManager       *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean       pl_sync_manager_log_out_finish  (PlSyncManager  *self,
                                                GAsyncResult   *result,
                                                GError        **error);

/* A change the server refused (pl_store_list_refused()): sent again now, or
 * dropped, which may take the server's copy of the row back. */
gboolean       pl_sync_manager_retry_refused   (PlSyncManager  *self,
                                                const char     *change_id,
                                                GError        **error);
void           pl_sync_manager_discard_refused_async  (PlSyncManager       *self,
                                                       const char          *change_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean       pl_sync_manager_discard_refused_finish (PlSyncManager  *self,
                                                       GAsyncResult   *result,
                                                       GError        **error);

PlStore       *pl_sync_manager_get_store       (PlSyncManager *self);
PlSyncState    pl_sync_manager_get_state       (PlSyncManager *self);
gboolean       pl_sync_manager_get_logged_in   (PlSyncManager *self);
gboolean       pl_sync_manager_get_demo        (PlSyncManager *self);
/* What GSettings holds, filled in even when logged out. */
const char    *pl_sync_manager_get_server_url  (PlSyncManager *self);
const char    *pl_sync_manager_get_user_name   (PlSyncManager *self);
GDateTime     *pl_sync_manager_get_last_synced (PlSyncManager *self);
gint64         pl_sync_manager_get_unsent      (PlSyncManager *self);
/* Changes the server refused, set aside for a person to settle. */
gint64         pl_sync_manager_get_refused     (PlSyncManager *self);
/* Rows received so far by the sync under way, and the server's bound of
 * how many in all (0 when not known yet). */
guint          pl_sync_manager_get_pulled      (PlSyncManager *self);
guint          pl_sync_manager_get_pull_total  (PlSyncManager *self);
const char    *pl_sync_manager_get_error_message (PlSyncManager *self);
/* Why the account was logged out, for the log-in form; NULL otherwise. */
const char    *pl_sync_manager_get_account_error (PlSyncManager *self);

/* The keyring schema of session tokens: attributes "server" and "user". */
const SecretSchema *pl_sync_manager_get_token_schema (void);

G_END_DECLS
