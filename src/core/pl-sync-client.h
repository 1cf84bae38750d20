/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PL_SYNC_ERROR (pl_sync_error_quark ())

/* What went wrong, in the terms a person acts on. */
typedef enum
{
  PL_SYNC_ERROR_UNREACHABLE,      /* no answer: offline, wrong address, server down */
  PL_SYNC_ERROR_TLS,              /* the server's certificate is not trusted */
  PL_SYNC_ERROR_WRONG_PASSWORD,   /* unknown user, disabled user or wrong password */
  PL_SYNC_ERROR_SESSION_EXPIRED,  /* log in again */
  PL_SYNC_ERROR_FORBIDDEN,        /* no right to that school or entity */
  PL_SYNC_ERROR_BAD_REQUEST,      /* the server refused a change; message says why */
  PL_SYNC_ERROR_BAD_REPLY,        /* the reply was cut short or is not JSON */
  PL_SYNC_ERROR_THROTTLED,        /* too many failed logins; wait */
  PL_SYNC_ERROR_DEMO,             /* a demo database never syncs */
  PL_SYNC_ERROR_CLOCK_AHEAD,      /* this computer's clock runs ahead of the server's */
  PL_SYNC_ERROR_FAILED,
} PlSyncError;

GQuark pl_sync_error_quark (void);

typedef struct
{
  guint pushed;      /* changes the server accepted (or already had) */
  guint pulled;      /* rows received */
  guint conflicts;   /* conflicts the server reported for our changes */
  guint refused;     /* changes the server refused, now set aside */
} PlSyncStats;

#define PL_TYPE_SYNC_CLIENT (pl_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (PlSyncClient, pl_sync_client, PL, SYNC_CLIENT, GObject)

/* A client for one database file and one server ("https://host:port"). */
PlSyncClient *pl_sync_client_new            (const char    *database_path,
                                             const char    *server_url);
const char   *pl_sync_client_get_server_url (PlSyncClient  *self);
void          pl_sync_client_set_token      (PlSyncClient  *self,
                                             const char    *token);

/* Logs in; returns the bearer token (keep it in the keyring, not a file). */
char         *pl_sync_client_login          (PlSyncClient  *self,
                                             const char    *user,
                                             const char    *password,
                                             GCancellable  *cancellable,
                                             GError       **error);
void          pl_sync_client_login_async    (PlSyncClient        *self,
                                             const char          *user,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char         *pl_sync_client_login_finish   (PlSyncClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* Rows received so far, and of how many at most: the server's bound of
 * what is left plus what came (0 when not known yet). */
typedef void (*PlSyncProgress) (guint    done,
                                guint    total,
                                gpointer user_data);

/* Pushes the local journal, then pulls since the stored cursor, page by page,
 * each page in one transaction. Safe to interrupt at any point: it resumes. */
gboolean      pl_sync_client_sync           (PlSyncClient   *self,
                                             PlSyncProgress  progress,
                                             gpointer        progress_data,
                                             PlSyncStats    *stats,
                                             GCancellable   *cancellable,
                                             GError        **error);
void          pl_sync_client_sync_async     (PlSyncClient        *self,
                                             PlSyncProgress       progress,
                                             gpointer             progress_data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      pl_sync_client_sync_finish    (PlSyncClient  *self,
                                             GAsyncResult  *result,
                                             PlSyncStats   *stats,
                                             GError       **error);

/* Ends the session on the server (POST /api/v1/logout), so the token no
 * longer works anywhere. Forget it locally whatever this returns: offline,
 * it fails with PL_SYNC_ERROR_UNREACHABLE and the server forgets the token
 * only when it expires. */
gboolean      pl_sync_client_logout         (PlSyncClient  *self,
                                             GCancellable  *cancellable,
                                             GError       **error);
void          pl_sync_client_logout_async   (PlSyncClient        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      pl_sync_client_logout_finish  (PlSyncClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* Drops a change the server refused (see pl_store_list_refused()): a new row
 * is removed from this computer; a changed row takes the server's values
 * back, read from the server. When the server no longer shows the row to
 * this user, its family is removed here. */
gboolean      pl_sync_client_discard        (PlSyncClient  *self,
                                             const char    *change_id,
                                             GCancellable  *cancellable,
                                             GError       **error);
void          pl_sync_client_discard_async  (PlSyncClient        *self,
                                             const char          *change_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      pl_sync_client_discard_finish (PlSyncClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

G_END_DECLS
