/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-sync-client.h"
#include "pl-sync-manager.h"

/* Every five minutes while the app is open. */
#define SYNC_INTERVAL_SECONDS (5 * 60)

#define SETTING_LAST_SYNC "sync-last"

struct _PlSyncManager
{
  GObject          parent_instance;

  PlStore         *store;
  GSettings       *settings;      /* NULL when the schema is not installed */
  PlSyncClient    *client;        /* set while logged in */
  GCancellable    *cancellable;   /* the account's work; replaced on log-out */

  char            *server_url;
  char            *user_name;
  gboolean         logged_in;
  gboolean         demo;
  PlSyncState      state;
  GDateTime       *last_synced;
  gint64           unsent;
  gint64           refused;       /* changes the server refused, set aside */
  guint            pulled;
  guint            pull_total;    /* the server's bound of the rows to come, or 0 */
  char            *error_message;
  char            *account_error;
  gboolean         unreachable;   /* the last sync found no server */

  GNetworkMonitor *monitor;
  gboolean         network_available;
  guint            timeout_source;
  guint            unsent_source;
  gulong           family_changed_id;
  /* A log-in waits for a log-out's keyring clear to finish, or the clear
   * could remove the new session's token. */
  guint            pending_clears;
  GQueue           waiting_stores;
  gboolean         started;
  gboolean         shut_down;
};

G_DEFINE_FINAL_TYPE (PlSyncManager, pl_sync_manager, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PlSyncState, pl_sync_state,
                    G_DEFINE_ENUM_VALUE (PL_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (PL_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (PL_SYNC_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_STATE,
  PROP_LOGGED_IN,
  PROP_DEMO,
  PROP_SERVER_URL,
  PROP_USER_NAME,
  PROP_LAST_SYNCED,
  PROP_UNSENT,
  PROP_REFUSED,
  PROP_PULLED,
  PROP_PULL_TOTAL,
  PROP_ERROR_MESSAGE,
  PROP_ACCOUNT_ERROR,
  N_PROPS
};

enum {
  AUTH_REQUIRED,
  SYNCED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const SecretSchema *
pl_sync_manager_get_token_schema (void)
{
  static const SecretSchema schema = {
    "org.springfieldempowerment.Porchlight.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
set_state (PlSyncManager *self,
           PlSyncState    state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_string (PlSyncManager  *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_logged_in (PlSyncManager *self,
               gboolean       logged_in)
{
  if (self->logged_in == logged_in)
    return;

  self->logged_in = logged_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
}

static void
set_pulled (PlSyncManager *self,
            guint          pulled,
            guint          total)
{
  /* The total first: whoever hears of the rows can show their fraction. */
  if (self->pull_total != total)
    {
      self->pull_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULL_TOTAL]);
    }
  if (self->pulled == pulled)
    return;

  self->pulled = pulled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PULLED]);
}

static void
read_last_synced (PlSyncManager *self)
{
  g_autofree char *text = pl_store_get_setting (self->store, SETTING_LAST_SYNC);
  g_autoptr(GDateTime) when = NULL;

  if (text != NULL)
    when = g_date_time_new_from_iso8601 (text, NULL);

  if (when == NULL && self->last_synced == NULL)
    return;
  if (when != NULL && self->last_synced != NULL && g_date_time_equal (when, self->last_synced))
    return;

  g_clear_pointer (&self->last_synced, g_date_time_unref);
  self->last_synced = g_steal_pointer (&when);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

static void
count_unsent (PlSyncManager *self)
{
  g_autoptr(GError) error = NULL;
  gint64 unsent = 0, refused = 0;

  /* A demo district's journal is all made up and never goes anywhere. */
  if (!self->demo)
    {
      unsent = pl_store_count_unsent (self->store, &error);
      if (unsent >= 0)
        refused = pl_store_count_refused (self->store, &error);
    }
  if (unsent < 0 || refused < 0)
    {
      g_warning ("Could not count the changes waiting to be sent: %s", error->message);
      return;
    }

  if (self->refused != refused)
    {
      self->refused = refused;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSED]);
    }
  if (self->unsent == unsent)
    return;

  self->unsent = unsent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSENT]);
}

static gboolean
count_unsent_cb (gpointer user_data)
{
  PlSyncManager *self = user_data;

  self->unsent_source = 0;
  count_unsent (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_family_changed (PlSyncManager *self,
                         const char    *family_id,
                         PlStore       *store)
{
  /* A save is a change to send; a burst of them is counted once. */
  if (self->unsent_source == 0 && self->started && !self->shut_down)
    self->unsent_source = g_idle_add_full (G_PRIORITY_LOW, count_unsent_cb, self, NULL);
}

/* A log-out cancels what the old session was doing, silently. */
static void
reset_cancellable (PlSyncManager *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
on_sync_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  PlSyncManager *self = user_data;

  /* The sync holds a reference until it finishes, and its progress reports
   * arrive before its end. */
  if (self->state != PL_SYNC_STATE_SYNCING)
    return;

  /* Rows come in only once the changes went out. */
  if (self->pulled == 0)
    count_unsent (self);
  set_pulled (self, done, total);
}

static gboolean
is_auth_error (const GError *error)
{
  return g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_SESSION_EXPIRED) ||
         g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_WRONG_PASSWORD);
}

static void
on_sync_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PlSyncManager) self = user_data;
  g_autoptr(GError) error = NULL;
  PlSyncStats stats = { 0 };
  gboolean ok;

  ok = pl_sync_client_sync_finish (PL_SYNC_CLIENT (source), result, &stats, &error);

  /* Logged out (or closed) while it ran: what it did no longer matters. */
  if (self->shut_down || PL_SYNC_CLIENT (source) != self->client)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_pulled (self, 0, 0);
      set_state (self, PL_SYNC_STATE_IDLE);
      return;
    }

  set_pulled (self, 0, 0);
  read_last_synced (self);
  count_unsent (self);

  if (!ok)
    {
      g_debug ("Sync failed: %s", error->message);
      self->unreachable = g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_UNREACHABLE);
      set_string (self, &self->error_message, error->message, PROP_ERROR_MESSAGE);
      set_state (self, PL_SYNC_STATE_ERROR);

      if (is_auth_error (error))
        {
          /* The token is no good any more: forget it, and ask for the
           * password with the reason next to the form. */
          pl_sync_manager_log_out (self);
          set_string (self, &self->error_message, error->message, PROP_ERROR_MESSAGE);
          set_string (self, &self->account_error, error->message, PROP_ACCOUNT_ERROR);
          g_signal_emit (self, signals[AUTH_REQUIRED], 0);
        }
      return;
    }

  self->unreachable = FALSE;
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  set_state (self, PL_SYNC_STATE_IDLE);

  /* The sync wrote through its own connection; the window's store emits
   * nothing for that, so say many families may have changed (a change set
   * aside shows in the Conflicts section too). "household": lists of
   * families listen for that detail only, and a sync can change anything. */
  if (stats.pulled > 0 || stats.refused > 0)
    g_signal_emit_by_name (self->store, "family-changed::household", NULL);

  g_signal_emit (self, signals[SYNCED], 0);
}

gboolean
pl_sync_manager_sync (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), FALSE);

  if (self->client == NULL || self->demo || self->shut_down ||
      self->state == PL_SYNC_STATE_SYNCING)
    return FALSE;

  set_pulled (self, 0, 0);
  set_state (self, PL_SYNC_STATE_SYNCING);

  pl_sync_client_sync_async (self->client, on_sync_progress, self, self->cancellable,
                             on_sync_finished, g_object_ref (self));
  return TRUE;
}

static gboolean
periodic_sync_cb (gpointer user_data)
{
  PlSyncManager *self = user_data;

  pl_sync_manager_sync (self);

  return G_SOURCE_CONTINUE;
}

static void
on_network_changed (PlSyncManager   *self,
                    gboolean         available,
                    GNetworkMonitor *monitor)
{
  gboolean was_available = self->network_available;

  self->network_available = available;

  /* Back online, or on another network while the server was out of reach. */
  if (available && (!was_available || self->unreachable))
    pl_sync_manager_sync (self);
}

#define SETTING_SERVER "sync-server"
#define SETTING_USER "sync-user"

static void
remember_account (PlSyncManager *self,
                  const char    *server_url,
                  const char    *user_name)
{
  g_autoptr(GError) error = NULL;

  if (!pl_store_set_setting (self->store, SETTING_SERVER, server_url, &error) ||
      !pl_store_set_setting (self->store, SETTING_USER, user_name, &error))
    g_warning ("Could not keep the sync account in the database: %s", error->message);
}

static void
use_account (PlSyncManager *self,
             PlSyncClient  *client,
             const char    *server_url,
             const char    *user_name)
{
  if (self->client != NULL && self->client != client)
    reset_cancellable (self);

  g_set_object (&self->client, client);

  /* The account belongs to this database (its device and "me"): another
   * database on the same desktop may sync as someone else. GSettings keeps
   * the last one only to fill in the form for a new database. Not in delay
   * mode: the window shares this GSettings, and delay mode would hold back
   * its own writes until the next apply. */
  remember_account (self, server_url, user_name);
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "sync-server", server_url);
      g_settings_set_string (self->settings, "sync-user", user_name);
    }

  set_string (self, &self->server_url, server_url, PROP_SERVER_URL);
  set_string (self, &self->user_name, user_name, PROP_USER_NAME);
  set_string (self, &self->account_error, NULL, PROP_ACCOUNT_ERROR);
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  if (self->state == PL_SYNC_STATE_ERROR)
    set_state (self, PL_SYNC_STATE_IDLE);
  set_logged_in (self, TRUE);
}

static void
on_token_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PlSyncManager) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (token == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the sync session from the keyring: %s", error->message);
      return;
    }

  if (self->shut_down || self->logged_in || self->server_url == NULL || self->user_name == NULL)
    {
      secret_password_free (token);
      return;
    }

  client = pl_sync_client_new (pl_store_get_path (self->store), self->server_url);
  pl_sync_client_set_token (client, token);
  secret_password_free (token);

  use_account (self, client, self->server_url, self->user_name);
  pl_sync_manager_sync (self);
}

void
pl_sync_manager_start (PlSyncManager *self)
{
  g_return_if_fail (PL_IS_SYNC_MANAGER (self));

  if (self->started || self->shut_down)
    return;
  self->started = TRUE;

  read_last_synced (self);
  count_unsent (self);

  if (self->demo)
    return;

  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
  self->timeout_source = g_timeout_add_seconds (SYNC_INTERVAL_SECONDS, periodic_sync_cb, self);

  if (self->server_url != NULL && *self->server_url != '\0' &&
      self->user_name != NULL && *self->user_name != '\0')
    secret_password_lookup (pl_sync_manager_get_token_schema (), self->cancellable,
                            on_token_looked_up, g_object_ref (self),
                            "server", self->server_url,
                            "user", self->user_name,
                            NULL);
}

void
pl_sync_manager_shutdown (PlSyncManager *self)
{
  g_return_if_fail (PL_IS_SYNC_MANAGER (self));

  self->shut_down = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_clear_handle_id (&self->unsent_source, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->family_changed_id, self->store);
}

/* Log in */

typedef struct
{
  PlSyncClient *client;
  char         *server_url;
  char         *user_name;
  char         *token;
  char         *warning;
} LogIn;

static void
log_in_free (LogIn *data)
{
  g_clear_object (&data->client);
  g_free (data->server_url);
  g_free (data->user_name);
  g_free (data->token);
  g_free (data->warning);
  g_free (data);
}

static void
on_token_stored (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PlSyncManager *self = g_task_get_source_object (task);
  LogIn *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The session works; it just will not outlive the app. */
      data->warning = g_strdup_printf (_("Logged in, but the keyring could not keep the "
                                         "session, so Porchlight will ask again next time: %s"),
                                       error->message);
    }

  if (self->shut_down)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Closed");
      return;
    }

  use_account (self, data->client, data->server_url, data->user_name);
  g_task_return_boolean (task, TRUE);

  pl_sync_manager_sync (self);
}

static void
store_token (GTask *task)
{
  LogIn *data = g_task_get_task_data (task);
  g_autofree char *label = NULL;

  /* Translators: the name of the keyring entry; %s are a user name and a server address */
  label = g_strdup_printf (_("Porchlight session for %s on %s"), data->user_name, data->server_url);

  secret_password_store (pl_sync_manager_get_token_schema (), SECRET_COLLECTION_DEFAULT, label,
                         data->token, g_task_get_cancellable (task), on_token_stored, task,
                         "server", data->server_url,
                         "user", data->user_name,
                         NULL);
}

static void
on_logged_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  PlSyncManager *self = g_task_get_source_object (task);
  LogIn *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->token = pl_sync_client_login_finish (PL_SYNC_CLIENT (source), result, &error);
  if (data->token == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (self->pending_clears > 0)
    g_queue_push_tail (&self->waiting_stores, task);
  else
    store_token (task);
}

void
pl_sync_manager_log_in_async (PlSyncManager       *self,
                              const char          *server_url,
                              const char          *user_name,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *address = NULL;
  LogIn *data;

  g_return_if_fail (PL_IS_SYNC_MANAGER (self));
  g_return_if_fail (server_url != NULL && user_name != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_sync_manager_log_in_async);

  if (self->demo)
    {
      g_task_return_new_error (task, PL_SYNC_ERROR, PL_SYNC_ERROR_DEMO,
                               _("This is a demo district: its made-up families never go to a "
                                 "server"));
      return;
    }

  /* "sync.example.org" means the secure address; a plain one must say so. */
  address = g_strstrip (g_strdup (server_url));
  if (strstr (address, "://") == NULL)
    {
      char *secure = g_strconcat ("https://", address, NULL);

      g_free (address);
      address = secure;
    }

  data = g_new0 (LogIn, 1);
  data->client = pl_sync_client_new (pl_store_get_path (self->store), address);
  data->server_url = g_strdup (pl_sync_client_get_server_url (data->client));
  data->user_name = g_strstrip (g_strdup (user_name));
  g_task_set_task_data (task, data, (GDestroyNotify) log_in_free);

  pl_sync_client_login_async (data->client, data->user_name, password, cancellable,
                              on_logged_in, g_steal_pointer (&task));
}

gboolean
pl_sync_manager_log_in_finish (PlSyncManager  *self,
                               GAsyncResult   *result,
                               char          **warning,
                               GError        **error)
{
  LogIn *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (warning != NULL)
    *warning = g_strdup (data->warning);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Log out */

static void
on_token_cleared (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PlSyncManager) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_warning ("Could not remove the sync session from the keyring: %s", error->message);

  if (--self->pending_clears > 0)
    return;

  while ((task = g_queue_pop_head (&self->waiting_stores)) != NULL)
    store_token (task);
}

static void
on_session_ended (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!pl_sync_client_logout_finish (PL_SYNC_CLIENT (source), result, &error))
    {
      g_debug ("The server was not told of the log-out: %s", error->message);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * pl_sync_manager_log_out_async:
 *
 * Logs out here at once (the keyring entry goes, as with
 * pl_sync_manager_log_out()) and tells the server to end the session, so the
 * token opens nothing even where it was copied. Finishes with an error when
 * the server could not be told; the log-out here stands all the same.
 */
void
pl_sync_manager_log_out_async (PlSyncManager       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(PlSyncClient) client = NULL;

  g_return_if_fail (PL_IS_SYNC_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_sync_manager_log_out_async);

  /* The client keeps the token in memory for the server's sake; the
   * keyring forgets it now, so a crash before the reply leaves nothing. */
  client = self->client != NULL ? g_object_ref (self->client) : NULL;
  pl_sync_manager_log_out (self);

  if (client == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* Not cancellable: the server should hear of it even if the window closes. */
  pl_sync_client_logout_async (client, NULL, on_session_ended, g_steal_pointer (&task));
}

gboolean
pl_sync_manager_log_out_finish (PlSyncManager  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Refused changes */

/**
 * pl_sync_manager_retry_refused:
 *
 * Puts a change the server refused back with those to send, and syncs.
 */
gboolean
pl_sync_manager_retry_refused (PlSyncManager  *self,
                               const char     *change_id,
                               GError        **error)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), FALSE);

  if (!pl_store_retry_refused (self->store, change_id, error))
    return FALSE;
  count_unsent (self);
  pl_sync_manager_sync (self);
  return TRUE;
}

static void
on_discarded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PlSyncManager *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pl_sync_client_discard_finish (PL_SYNC_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!self->shut_down)
    {
      count_unsent (self);
      /* Written through the client's own connection: say what may have changed. */
      g_signal_emit_by_name (self->store, "family-changed::household", NULL);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * pl_sync_manager_discard_refused_async:
 *
 * Drops a change the server refused (pl_sync_client_discard()); it may ask
 * the server for its copy of the row, so it needs the account.
 */
void
pl_sync_manager_discard_refused_async (PlSyncManager       *self,
                                       const char          *change_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PL_IS_SYNC_MANAGER (self));
  g_return_if_fail (change_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_sync_manager_discard_refused_async);
  if (self->client == NULL)
    {
      g_task_return_new_error (task, PL_SYNC_ERROR, PL_SYNC_ERROR_SESSION_EXPIRED,
                               _("Log in to the sync server first: discarding a change takes "
                                 "the server’s copy of the record back"));
      return;
    }
  pl_sync_client_discard_async (self->client, change_id, cancellable, on_discarded,
                                g_steal_pointer (&task));
}

gboolean
pl_sync_manager_discard_refused_finish (PlSyncManager  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pl_sync_manager_log_out (PlSyncManager *self)
{
  g_return_if_fail (PL_IS_SYNC_MANAGER (self));

  reset_cancellable (self);

  if (self->logged_in && self->server_url != NULL && self->user_name != NULL)
    {
      self->pending_clears++;
      /* Not cancellable: the token must go even when the window closes. */
      secret_password_clear (pl_sync_manager_get_token_schema (), NULL,
                             on_token_cleared, g_object_ref (self),
                             "server", self->server_url,
                             "user", self->user_name,
                             NULL);
    }

  g_clear_object (&self->client);
  self->unreachable = FALSE;
  set_pulled (self, 0, 0);
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  set_string (self, &self->account_error, NULL, PROP_ACCOUNT_ERROR);
  set_state (self, PL_SYNC_STATE_IDLE);
  set_logged_in (self, FALSE);
}

/* Accessors */

PlStore *
pl_sync_manager_get_store (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), NULL);
  return self->store;
}

PlSyncState
pl_sync_manager_get_state (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), PL_SYNC_STATE_IDLE);
  return self->state;
}

gboolean
pl_sync_manager_get_logged_in (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), FALSE);
  return self->logged_in;
}

gboolean
pl_sync_manager_get_demo (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), FALSE);
  return self->demo;
}

const char *
pl_sync_manager_get_server_url (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), NULL);
  return self->server_url;
}

const char *
pl_sync_manager_get_user_name (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), NULL);
  return self->user_name;
}

GDateTime *
pl_sync_manager_get_last_synced (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), NULL);
  return self->last_synced;
}

gint64
pl_sync_manager_get_unsent (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), 0);
  return self->unsent;
}

guint
pl_sync_manager_get_pulled (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), 0);
  return self->pulled;
}

guint
pl_sync_manager_get_pull_total (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), 0);
  return self->pull_total;
}

gint64
pl_sync_manager_get_refused (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), 0);
  return self->refused;
}

const char *
pl_sync_manager_get_error_message (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), NULL);
  return self->error_message;
}

const char *
pl_sync_manager_get_account_error (PlSyncManager *self)
{
  g_return_val_if_fail (PL_IS_SYNC_MANAGER (self), NULL);
  return self->account_error;
}

PlSyncManager *
pl_sync_manager_new (PlStore   *store,
                     GSettings *settings)
{
  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (PL_TYPE_SYNC_MANAGER,
                       "store", store,
                       "settings", settings,
                       NULL);
}

static void
pl_sync_manager_constructed (GObject *object)
{
  PlSyncManager *self = PL_SYNC_MANAGER (object);

  G_OBJECT_CLASS (pl_sync_manager_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  self->demo = pl_store_is_demo (self->store);
  /* This database's own account first; the desktop's last one for a
   * database that has none yet. */
  self->server_url = pl_store_get_setting (self->store, SETTING_SERVER);
  self->user_name = pl_store_get_setting (self->store, SETTING_USER);
  if (self->server_url == NULL && self->user_name == NULL && self->settings != NULL)
    {
      g_autofree char *server_url = g_settings_get_string (self->settings, "sync-server");
      g_autofree char *user_name = g_settings_get_string (self->settings, "sync-user");

      if (*server_url != '\0')
        self->server_url = g_steal_pointer (&server_url);
      if (*user_name != '\0')
        self->user_name = g_steal_pointer (&user_name);
    }

  self->family_changed_id =
    g_signal_connect_object (self->store, "family-changed",
                             G_CALLBACK (on_store_family_changed), self, G_CONNECT_SWAPPED);
}

static void
pl_sync_manager_dispose (GObject *object)
{
  PlSyncManager *self = PL_SYNC_MANAGER (object);
  GTask *task;

  pl_sync_manager_shutdown (self);

  while ((task = g_queue_pop_head (&self->waiting_stores)) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Closed");
      g_object_unref (task);
    }

  g_clear_object (&self->client);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_sync_manager_parent_class)->dispose (object);
}

static void
pl_sync_manager_finalize (GObject *object)
{
  PlSyncManager *self = PL_SYNC_MANAGER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->account_error, g_free);

  G_OBJECT_CLASS (pl_sync_manager_parent_class)->finalize (object);
}

static void
pl_sync_manager_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlSyncManager *self = PL_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LOGGED_IN:
      g_value_set_boolean (value, self->logged_in);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;

    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;

    case PROP_UNSENT:
      g_value_set_int64 (value, self->unsent);
      break;

    case PROP_REFUSED:
      g_value_set_int64 (value, self->refused);
      break;

    case PROP_PULLED:
      g_value_set_uint (value, self->pulled);
      break;

    case PROP_PULL_TOTAL:
      g_value_set_uint (value, self->pull_total);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_ACCOUNT_ERROR:
      g_value_set_string (value, self->account_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_sync_manager_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PlSyncManager *self = PL_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_sync_manager_class_init (PlSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pl_sync_manager_constructed;
  object_class->dispose = pl_sync_manager_dispose;
  object_class->finalize = pl_sync_manager_finalize;
  object_class->get_property = pl_sync_manager_get_property;
  object_class->set_property = pl_sync_manager_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PL_TYPE_SYNC_STATE, PL_SYNC_STATE_IDLE, read_only);
  properties[PROP_LOGGED_IN] =
    g_param_spec_boolean ("logged-in", NULL, NULL, FALSE, read_only);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE, read_only);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL, read_only);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL, read_only);
  properties[PROP_LAST_SYNCED] =
    g_param_spec_boxed ("last-synced", NULL, NULL, G_TYPE_DATE_TIME, read_only);
  properties[PROP_UNSENT] =
    g_param_spec_int64 ("unsent", NULL, NULL, 0, G_MAXINT64, 0, read_only);
  properties[PROP_REFUSED] =
    g_param_spec_int64 ("refused", NULL, NULL, 0, G_MAXINT64, 0, read_only);
  properties[PROP_PULLED] =
    g_param_spec_uint ("pulled", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  properties[PROP_PULL_TOTAL] =
    g_param_spec_uint ("pull-total", NULL, NULL, 0, G_MAXUINT, 0, read_only);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, read_only);
  properties[PROP_ACCOUNT_ERROR] =
    g_param_spec_string ("account-error", NULL, NULL, NULL, read_only);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[AUTH_REQUIRED] =
    g_signal_new ("auth-required", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pl_sync_manager_init (PlSyncManager *self)
{
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->waiting_stores);
}
