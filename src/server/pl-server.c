/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pl-merge.h"
#include "pl-server.h"
#include "pl-server-auth.h"
#include "pl-server-writer.h"
#include "pl-store.h"

/* Login throttling (doc/sync-protocol.md, "Log in and out"). */
#define THROTTLE_WINDOW (15 * 60)
#define THROTTLE_PER_USER 5
#define THROTTLE_PER_ADDRESS 20

#define PULL_DEFAULT_LIMIT 1000
#define PULL_MAX_LIMIT 5000

#define DEVICE_MAX_LENGTH 64

/* How far ahead of the server's clock a change's stamp may be. */
#define DEFAULT_MAX_CLOCK_AHEAD (10 * 60)

/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

struct _PlServer
{
  GObject          parent_instance;

  PlServerStorage *storage;
  PlServerWriter  *writer;   /* applies pushes, on a thread of its own */
  SoupServer      *soup;
  gint64           token_lifetime;
  gint64           max_clock_ahead;  /* seconds */
};

G_DEFINE_FINAL_TYPE (PlServer, pl_server, G_TYPE_OBJECT)

/* The body of a request as it arrives, kept by us rather than libsoup so a
 * client that sends more than the limit without a Content-Length costs no
 * more than the limit. */
typedef struct
{
  GByteArray *data;
  gboolean    too_large;
} RequestBody;

static void
request_body_free (RequestBody *body)
{
  g_byte_array_unref (body->data);
  g_free (body);
}

/* A signed-in request: who, from which device. */
typedef struct
{
  PlServerUser *user;
  char         *device;
  char         *token_hash;
} Session;

static void
session_free (Session *session)
{
  pl_server_user_free (session->user);
  g_free (session->device);
  g_free (session->token_hash);
  g_free (session);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Session, session_free)

static void
pl_server_dispose (GObject *object)
{
  PlServer *self = PL_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  if (self->writer != NULL)
    pl_server_writer_stop (self->writer);
  g_clear_object (&self->writer);
  g_clear_object (&self->storage);

  G_OBJECT_CLASS (pl_server_parent_class)->dispose (object);
}

static void
pl_server_class_init (PlServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pl_server_dispose;
}

static void
pl_server_init (PlServer *self)
{
}

/* Replies */

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            JsonNode          *root)
{
  gsize length = 0;
  char *text = json_to_string (root, FALSE);

  length = strlen (text);
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

static void
reply_builder (SoupServerMessage *msg,
               guint              status,
               JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  reply_json (msg, status, root);
}

static void
reply_error_change (SoupServerMessage *msg,
                    guint              status,
                    const char        *code,
                    const char        *message,
                    gint64             retry_after,
                    const char        *change_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  /* The one change a push was refused for, so the client can set it aside. */
  if (change_id != NULL)
    {
      json_builder_set_member_name (builder, "change_id");
      json_builder_add_string_value (builder, change_id);
    }
  if (retry_after > 0)
    {
      g_autofree char *header = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

      json_builder_set_member_name (builder, "retry_after");
      json_builder_add_int_value (builder, retry_after);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", header);
    }
  json_builder_end_object (builder);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"porchlight\"");
  reply_builder (msg, status, builder);
}

static void
reply_error_full (SoupServerMessage *msg,
                  guint              status,
                  const char        *code,
                  const char        *message,
                  gint64             retry_after)
{
  reply_error_change (msg, status, code, message, retry_after, NULL);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  reply_error_full (msg, status, code, message, 0);
}

/* Maps what storage and merge report to the protocol's status and code;
 * @change_id names the change a 4xx is about, when there is one. */
static void
reply_gerror_change (SoupServerMessage *msg,
                     const GError      *error,
                     const char        *change_id)
{
  if (error->domain == PL_MERGE_ERROR)
    {
      const char *code = "bad-request";

      switch ((PlMergeError) error->code)
        {
        case PL_MERGE_ERROR_UNKNOWN_ENTITY:
          code = "unknown-entity";
          break;
        case PL_MERGE_ERROR_UNKNOWN_FIELD:
          code = "unknown-field";
          break;
        case PL_MERGE_ERROR_TOO_LONG:
          code = "too-long";
          break;
        case PL_MERGE_ERROR_BAD_REQUEST:
        default:
          break;
        }
      reply_error_change (msg, SOUP_STATUS_BAD_REQUEST, code, error->message, 0, change_id);
      return;
    }

  if (g_error_matches (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FORBIDDEN_SCHOOL))
    {
      reply_error_change (msg, SOUP_STATUS_FORBIDDEN, "forbidden-school", error->message, 0,
                          change_id);
      return;
    }
  if (g_error_matches (error, PL_SERVER_ERROR, PL_SERVER_ERROR_FORBIDDEN_ROLE))
    {
      reply_error_change (msg, SOUP_STATUS_FORBIDDEN, "forbidden-role", error->message, 0,
                          change_id);
      return;
    }
  if (g_error_matches (error, PL_SERVER_ERROR, PL_SERVER_ERROR_INVALID))
    {
      reply_error_change (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", error->message, 0,
                          change_id);
      return;
    }
  if (g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_BUSY))
    {
      reply_error_full (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "busy",
                        _("The server’s database is busy; try again in a moment"), 5);
      return;
    }

  /* The log gets the reason (SQLite's words, never a field's value). */
  g_warning ("Request failed: %s", error->message);
  reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
               _("The server could not complete the request; its log says why"));
}

static void
reply_gerror (SoupServerMessage *msg,
              const GError      *error)
{
  reply_gerror_change (msg, error, NULL);
}

/* Requests */

static JsonObject *
parse_body (SoupServerMessage *msg)
{
  RequestBody *body = g_object_get_data (G_OBJECT (msg), "pl-request-body");
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (body == NULL || body->data->len == 0)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("The request has no body; it needs a JSON object"));
      return NULL;
    }
  if (body->too_large || body->data->len > PL_SERVER_MAX_BODY)
    {
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                   _("The request is larger than the server accepts (8 MiB); send fewer "
                     "changes at a time"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, (const char *) body->data->data, body->data->len,
                                   &error))
    {
      g_autofree char *message =
        /* Translators: %s is the JSON parser's reason */
        g_strdup_printf (_("The request is not valid JSON: %s"), error->message);

      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("The request must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Device ids go into every clock stamp ("…-DEVICE"), so they stay plain. */
static gboolean
device_is_valid (const char *device)
{
  gsize length = device ? strlen (device) : 0;

  if (length == 0 || length > DEVICE_MAX_LENGTH)
    return FALSE;
  for (const char *p = device; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static void
reply_missing_member (SoupServerMessage *msg,
                      const char        *name)
{
  g_autofree char *message =
    /* Translators: %s is the name of a JSON member */
    g_strdup_printf (_("The request needs “%s” as text"), name);

  reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", message);
}

static char *
bearer_token_hash (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  header += 7;
  while (*header == ' ')
    header++;
  if (*header == '\0')
    return NULL;
  return pl_server_hash_token (header);
}

/* The session of a request with a valid bearer token; otherwise NULL and,
 * with @reply, the 401 sent. */
static Session *
authenticate (PlServer          *self,
              SoupServerMessage *msg,
              gboolean           reply)
{
  g_autofree char *token_hash = bearer_token_hash (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(Session) session = NULL;
  gint64 expires_at = 0;

  if (token_hash == NULL)
    {
      if (reply)
        reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                     _("Log in first: the request has no session token"));
      return NULL;
    }

  session = g_new0 (Session, 1);
  session->user = pl_server_storage_lookup_token (self->storage, token_hash, &session->device,
                                                  &expires_at, &error);
  if (session->user == NULL)
    {
      if (!reply)
        return NULL;
      if (g_error_matches (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_FOUND))
        reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                     _("The session is not known; log in again"));
      else
        reply_gerror (msg, error);
      return NULL;
    }
  if (pl_server_now_seconds () >= expires_at)
    {
      if (reply)
        reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "session-expired",
                     _("The session has expired; log in again"));
      return NULL;
    }
  if (session->user->disabled)
    {
      if (reply)
        reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                     _("The session is not known; log in again"));
      return NULL;
    }
  session->token_hash = g_steal_pointer (&token_hash);
  return g_steal_pointer (&session);
}

static void
add_user_member (JsonBuilder        *builder,
                 const PlServerUser *user)
{
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, user->name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, pl_server_role_to_string (user->role));
  json_builder_set_member_name (builder, "schools");
  if (user->schools == NULL)
    json_builder_add_string_value (builder, "all");
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; user->schools[i]; i++)
        json_builder_add_string_value (builder, user->schools[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* TRUE when @key may try again; otherwise the 429 is sent. */
static gboolean
check_throttle (PlServer          *self,
                SoupServerMessage *msg,
                const char        *key,
                guint              limit,
                gint64             now)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gint64 latest = 0;

  if (!pl_server_storage_count_login_failures (self->storage, key, now - THROTTLE_WINDOW,
                                               &count, &latest, &error))
    {
      reply_gerror (msg, error);
      return FALSE;
    }
  if (count < limit)
    return TRUE;

  /* Tries while locked are not counted, so the lock ends 15 minutes after
   * the failure that set it. */
  reply_error_full (msg, STATUS_TOO_MANY_REQUESTS, "throttled",
                    _("Too many failed logins; wait before trying again"),
                    MAX (1, latest + THROTTLE_WINDOW - now));
  return FALSE;
}

static void
handle_login (PlServer          *self,
              SoupServerMessage *msg)
{
  g_autoptr(JsonObject) request = parse_body (msg);
  g_autoptr(PlServerUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *user_key = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *expires_text = NULL;
  const char *name, *password, *device;
  gboolean ok;
  gint64 now = pl_server_now_seconds ();
  gint64 expires_at;

  if (request == NULL)
    return;
  name = get_string (request, "user");
  password = get_string (request, "password");
  device = get_string (request, "device");
  if (name == NULL || password == NULL || device == NULL)
    {
      reply_missing_member (msg, name == NULL ? "user" : password == NULL ? "password"
                                                                          : "device");
      return;
    }
  if (!device_is_valid (device))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("The device id must be 1 to 64 letters, digits or underscores"));
      return;
    }

  user_key = g_strconcat ("user:", name, NULL);
  address_key = g_strconcat ("address:", soup_server_message_get_remote_host (msg), NULL);
  if (!check_throttle (self, msg, address_key, THROTTLE_PER_ADDRESS, now) ||
      !check_throttle (self, msg, user_key, THROTTLE_PER_USER, now))
    return;

  user = pl_server_storage_lookup_user (self->storage, name, &password_hash, &error);
  if (user == NULL && !g_error_matches (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_FOUND))
    {
      reply_gerror (msg, error);
      return;
    }
  g_clear_error (&error);

  /* Unknown, disabled and wrong answer alike, in about the same time. */
  if (user == NULL)
    {
      pl_server_waste_verification (password);
      ok = FALSE;
    }
  else
    ok = pl_server_verify_password (password_hash, password) && !user->disabled;

  if (!ok)
    {
      if (!pl_server_storage_record_login_failure (self->storage, user_key, now, &error) ||
          !pl_server_storage_record_login_failure (self->storage, address_key, now, &error))
        {
          reply_gerror (msg, error);
          return;
        }
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "wrong-password",
                   _("The user name or password is wrong, or the account is disabled"));
      return;
    }

  token = pl_server_new_token ();
  token_hash = pl_server_hash_token (token);
  expires_at = now + self->token_lifetime;
  if (!pl_server_storage_create_token (self->storage, token_hash, user->name, device, expires_at,
                                       &error) ||
      !pl_server_storage_clear_login_failures (self->storage, user_key, &error))
    {
      reply_gerror (msg, error);
      return;
    }

  expires_text = pl_server_format_time (expires_at);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  add_user_member (builder, user);
  json_builder_end_object (builder);
  reply_builder (msg, SOUP_STATUS_OK, builder);
}

static void
reply_empty_object (SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  reply_builder (msg, SOUP_STATUS_OK, builder);
}

static void
handle_logout (PlServer          *self,
               SoupServerMessage *msg)
{
  g_autofree char *token_hash = bearer_token_hash (msg);
  g_autoptr(GError) error = NULL;

  /* An expired session may log out too: it only forgets the token. */
  if (token_hash == NULL)
    {
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                   _("Log in first: the request has no session token"));
      return;
    }
  if (!pl_server_storage_delete_token (self->storage, token_hash, &error))
    {
      reply_gerror (msg, error);
      return;
    }
  reply_empty_object (msg);
}

static void
handle_status (PlServer          *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(Session) session = authenticate (self, msg, FALSE);
  g_autofree char *now = pl_server_format_time (pl_server_now_seconds ());

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "server");
  json_builder_add_string_value (builder, "porchlight");
  json_builder_set_member_name (builder, "api");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, now);
  if (session != NULL)
    add_user_member (builder, session->user);
  json_builder_end_object (builder);
  reply_builder (msg, SOUP_STATUS_OK, builder);
}

/* A stamp from a laptop whose clock runs ahead would order its changes
 * after everything anyone writes for as long as it is ahead, and drag every
 * device that pulls it along: refused, and the person told to set the
 * clock. TRUE when every change's stamp is within the limit. */
static gboolean
check_clocks (PlServer          *self,
              SoupServerMessage *msg,
              JsonArray         *changes)
{
  gint64 limit_ms = (g_get_real_time () / 1000) + self->max_clock_ahead * 1000;
  guint n = json_array_get_length (changes);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (changes, i);
      JsonObject *change;
      const char *hlc;
      gint64 physical_ms = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;  /* the storage names it */
      change = json_node_get_object (node);
      hlc = get_string (change, "hlc");
      if (hlc == NULL || !pl_hlc_parse (hlc, &physical_ms, NULL, NULL) || physical_ms <= limit_ms)
        continue;

      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autofree char *now = pl_server_format_time (pl_server_now_seconds ());

        /* The server's time, so a client whose clock was set right since can
         * tell, and stamp its changes again. */
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "error");
        json_builder_add_string_value (builder, "clock-ahead");
        json_builder_set_member_name (builder, "message");
        json_builder_add_string_value (builder,
                                       _("This computer’s clock is ahead of the server’s. Set "
                                         "its date and time (automatic date and time is best), "
                                         "then sync again."));
        json_builder_set_member_name (builder, "change_id");
        json_builder_add_string_value (builder, get_string (change, "change_id"));
        json_builder_set_member_name (builder, "server_time");
        json_builder_add_string_value (builder, now);
        json_builder_end_object (builder);
        reply_builder (msg, SOUP_STATUS_BAD_REQUEST, builder);
      }
      return FALSE;
    }
  return TRUE;
}

static void
handle_push (PlServer          *self,
             SoupServerMessage *msg)
{
  g_autoptr(Session) session = authenticate (self, msg, TRUE);
  g_autoptr(JsonObject) request = NULL;
  const char *device;
  JsonNode *changes;

  if (session == NULL)
    return;
  request = parse_body (msg);
  if (request == NULL)
    return;

  device = get_string (request, "device");
  if (device == NULL)
    {
      reply_missing_member (msg, "device");
      return;
    }
  /* The audit journal says which device made a change: the one that logged in. */
  if (!g_str_equal (device, session->device))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("The push names another device than the one that logged in"));
      return;
    }
  changes = json_object_get_member (request, "changes");
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("The request needs “changes” as a list"));
      return;
    }
  if (!check_clocks (self, msg, json_node_get_array (changes)))
    return;

  /* Answered by push_done() once the writer has applied it. */
  pl_server_writer_push (self->writer, msg, session->user, device, request,
                         json_node_get_array (changes));
}

static void
push_done (SoupServerMessage        *msg,
           const PlServerPushResult *result,
           const GError             *error,
           gpointer                  user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (error != NULL)
    {
      reply_gerror_change (msg, error, result->refused_change_id);
      return;
    }
  g_debug ("Push: %u accepted, %u duplicates, %u conflicts", result->accepted,
           result->duplicates, result->conflicts);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accepted");
  json_builder_add_int_value (builder, result->accepted);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_add_int_value (builder, result->duplicates);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_add_int_value (builder, result->conflicts);
  json_builder_end_object (builder);
  reply_builder (msg, SOUP_STATUS_OK, builder);
}

static gboolean
parse_query_number (GHashTable  *query,
                    const char  *name,
                    gint64       fallback,
                    gint64       min,
                    gint64       max,
                    gint64      *out)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 value = 0;

  if (text == NULL || *text == '\0')
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static void
handle_pull (PlServer          *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_autoptr(Session) session = authenticate (self, msg, TRUE);
  g_autoptr(GError) error = NULL;
  GString *body;
  gint64 since = 0, limit = 0, cursor = 0, remaining = 0;
  gboolean more = FALSE;
  gsize length;

  if (session == NULL)
    return;
  if (!parse_query_number (query, "since", 0, 0, G_MAXINT64, &since))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("“since” must be the cursor of a previous pull, or 0"));
      return;
    }
  if (!parse_query_number (query, "limit", PULL_DEFAULT_LIMIT, 1, PULL_MAX_LIMIT, &limit))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("“limit” must be a number from 1 to 5000"));
      return;
    }

  /* The rows come as JSON text, written straight into the reply. */
  body = g_string_sized_new (64 * 1024);
  g_string_append (body, "{\"rows\":");
  if (!pl_server_storage_pull (self->storage, session->user, since, (guint) limit, body, &cursor,
                               &more, &remaining, &error))
    {
      g_string_free (body, TRUE);
      reply_gerror (msg, error);
      return;
    }
  g_string_append_printf (body, ",\"cursor\":\"%" G_GINT64_FORMAT "\",\"more\":%s,"
                          "\"remaining\":%" G_GINT64_FORMAT "}", cursor, more ? "true" : "false",
                          more ? remaining : 0);

  length = body->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
}

static void
handle_row (PlServer          *self,
            SoupServerMessage *msg,
            GHashTable        *query)
{
  g_autoptr(Session) session = authenticate (self, msg, TRUE);
  g_autoptr(GError) error = NULL;
  const char *entity = query ? g_hash_table_lookup (query, "entity") : NULL;
  const char *id = query ? g_hash_table_lookup (query, "id") : NULL;
  GString *body;
  gsize length;

  if (session == NULL)
    return;
  if (entity == NULL || *entity == '\0' || id == NULL || *id == '\0')
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad-request",
                   _("Name the row with “entity” and “id”"));
      return;
    }

  body = g_string_new ("{\"row\":");
  if (!pl_server_storage_read_row (self->storage, session->user, entity, id, body, &error))
    {
      g_string_free (body, TRUE);
      if (g_error_matches (error, PL_SERVER_ERROR, PL_SERVER_ERROR_NOT_FOUND))
        reply_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", error->message);
      else
        reply_gerror (msg, error);
      return;
    }
  g_string_append_c (body, '}');

  length = body->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
}

typedef struct
{
  const char *path;
  const char *method;
} Route;

static const Route routes[] = {
  { "/api/v1/login", "POST" },
  { "/api/v1/logout", "POST" },
  { "/api/v1/status", "GET" },
  { "/api/v1/sync/push", "POST" },
  { "/api/v1/sync/pull", "GET" },
  { "/api/v1/sync/row", "GET" },
};

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  PlServer *self = PL_SERVER (user_data);
  const char *method = soup_server_message_get_method (msg);
  const Route *route = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_str_equal (path, routes[i].path))
      route = &routes[i];

  if (route == NULL)
    reply_error (msg, SOUP_STATUS_NOT_FOUND, "not-found",
                 _("There is no such address in the Porchlight sync API"));
  else if (!g_str_equal (method, route->method))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    route->method);
      reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed",
                   g_str_equal (route->method, "GET") ? _("This address only answers GET")
                                                      : _("This address only answers POST"));
    }
  else if (route == &routes[0])
    handle_login (self, msg);
  else if (route == &routes[1])
    handle_logout (self, msg);
  else if (route == &routes[2])
    handle_status (self, msg);
  else if (route == &routes[3])
    handle_push (self, msg);
  else if (route == &routes[4])
    handle_pull (self, msg, query);
  else
    handle_row (self, msg, query);

  /* The path names no person; the status says how it went. */
  g_debug ("%s %s → %u", method, path, soup_server_message_get_status (msg));
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              RequestBody       *body)
{
  gsize size = g_bytes_get_size (chunk);

  if (body->too_large || body->data->len + size > PL_SERVER_MAX_BODY)
    {
      /* Keep reading (HTTP/1.1 has no polite way to stop a sender) but drop it. */
      body->too_large = TRUE;
      return;
    }
  g_byte_array_append (body->data, g_bytes_get_data (chunk, NULL), size);
}

/* Runs after the headers, before the body is read. */
static void
on_early_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RequestBody *body;

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > PL_SERVER_MAX_BODY)
    {
      /* Answered now: libsoup then skips the body. */
      reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                   _("The request is larger than the server accepts (8 MiB); send fewer "
                     "changes at a time"));
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      return;
    }

  body = g_new0 (RequestBody, 1);
  body->data = g_byte_array_new ();
  g_object_set_data_full (G_OBJECT (msg), "pl-request-body", body,
                          (GDestroyNotify) request_body_free);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), body);
}

/**
 * pl_server_new:
 * @storage: where accounts, rows and the audit journal live
 * @token_lifetime: seconds a session lasts
 */
PlServer *
pl_server_new (PlServerStorage *storage,
               gint64           token_lifetime)
{
  PlServer *self;

  g_return_val_if_fail (PL_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (token_lifetime > 0, NULL);

  self = g_object_new (PL_TYPE_SERVER, NULL);
  self->storage = g_object_ref (storage);
  self->token_lifetime = token_lifetime;
  self->max_clock_ahead = DEFAULT_MAX_CLOCK_AHEAD;
  self->soup = soup_server_new ("server-header", "porchlight-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, on_early_request, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_request, self, NULL);
  return self;
}

/* libsoup listens with GSocket's default backlog of 10 connections: when
 * more laptops than that connect while the server is busy, the kernel's
 * queue of new connections overflows and some of them are reset. */
#define LISTEN_BACKLOG 1024

static gboolean
listen_on (PlServer                 *self,
           GInetAddress             *inet,
           guint                     port,
           SoupServerListenOptions   options,
           GError                  **error)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, port);
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->soup, socket, options, error);
}

/* The port the server's first listening socket was given. */
static guint
listening_port (PlServer *self)
{
  GSList *listeners = soup_server_get_listeners (self->soup);
  guint port = 0;

  for (GSList *l = listeners; l != NULL && port == 0; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_socket_get_local_address (l->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (address))
        port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
    }
  g_slist_free (listeners);
  return port;
}

/**
 * pl_server_listen:
 *
 * Returns: (transfer full): the URI the server answers on (IPv4 when it
 *   listens on both), or %NULL with @error set
 */
char *
pl_server_listen (PlServer         *self,
                  const char       *address,
                  guint             port,
                  GTlsCertificate  *certificate,
                  GError          **error)
{
  SoupServerListenOptions options = 0;
  GSList *uris;
  char *chosen = NULL;

  g_return_val_if_fail (PL_IS_SERVER (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  /* Pushes are applied by a writer with a storage handle of its own. */
  if (self->writer == NULL)
    {
      g_autoptr(PlServerStorage) writer_storage = pl_server_storage_open_writer (self->storage,
                                                                                 error);

      if (writer_storage == NULL)
        return NULL;
      self->writer = pl_server_writer_new (writer_storage, push_done, self);
    }

  if (certificate != NULL)
    {
      soup_server_set_tls_certificate (self->soup, certificate);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  if (g_ascii_strcasecmp (address, "localhost") == 0)
    {
      g_autoptr(GInetAddress) ipv4 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GInetAddress) ipv6 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
      g_autoptr(GError) ipv6_error = NULL;

      /* Both loopbacks on one port, as soup_server_listen_local() does; a
       * machine without IPv6 is served on IPv4 alone. */
      if (!listen_on (self, ipv4, port, options, error))
        return NULL;
      if (!listen_on (self, ipv6, listening_port (self), options, &ipv6_error))
        g_debug ("Not listening on the IPv6 loopback: %s", ipv6_error->message);
    }
  else
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

      if (inet == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is what was given after --listen */
                       _("“%s” is not an IP address or “localhost”"), address);
          return NULL;
        }
      if (!listen_on (self, inet, port, options, error))
        return NULL;
    }

  uris = soup_server_get_uris (self->soup);
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      const char *host = g_uri_get_host (l->data);

      if (chosen == NULL || (host != NULL && strchr (host, ':') == NULL))
        {
          g_free (chosen);
          chosen = g_uri_to_string (l->data);
        }
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return chosen;
}

/**
 * pl_server_set_max_clock_ahead:
 * @seconds: how far ahead of the server's clock a pushed change's stamp may be
 */
void
pl_server_set_max_clock_ahead (PlServer *self,
                               gint64    seconds)
{
  g_return_if_fail (PL_IS_SERVER (self));
  g_return_if_fail (seconds > 0);
  self->max_clock_ahead = seconds;
}

void
pl_server_disconnect (PlServer *self)
{
  g_return_if_fail (PL_IS_SERVER (self));
  soup_server_disconnect (self->soup);
}
