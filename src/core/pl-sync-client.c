/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pl-merge.h"
#include "pl-store-private.h"
#include "pl-sync-client.h"

/* The client side of doc/sync-protocol.md. Every call blocks, so the async
 * wrappers run it in a worker thread with its own SoupSession and its own
 * connection to the database file. */

#define PUSH_BATCH 500
#define PULL_PAGE 5000
#define ATTEMPTS 3
/* A clock within two minutes of the server's is a right one. */
#define CLOCK_AGREES_MS (2 * 60 * 1000)

#define SETTING_CURSOR "sync-cursor"
#define SETTING_SERVER "sync-server"
#define SETTING_LAST "sync-last"

struct _PlSyncClient
{
  GObject  parent_instance;

  char    *database_path;
  char    *server_url;
  GMutex   lock;
  char    *token;
};

G_DEFINE_FINAL_TYPE (PlSyncClient, pl_sync_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (pl-sync-error-quark, pl_sync_error)

static void
pl_sync_client_finalize (GObject *object)
{
  PlSyncClient *self = PL_SYNC_CLIENT (object);

  g_free (self->database_path);
  g_free (self->server_url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pl_sync_client_parent_class)->finalize (object);
}

static void
pl_sync_client_class_init (PlSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_sync_client_finalize;
}

static void
pl_sync_client_init (PlSyncClient *self)
{
  g_mutex_init (&self->lock);
}

PlSyncClient *
pl_sync_client_new (const char *database_path,
                    const char *server_url)
{
  PlSyncClient *self = g_object_new (PL_TYPE_SYNC_CLIENT, NULL);
  gsize len;

  self->database_path = g_strdup (database_path);
  self->server_url = g_strdup (server_url);
  /* "https://host/" and "https://host" name the same server. */
  len = strlen (self->server_url);
  while (len > 0 && self->server_url[len - 1] == '/')
    self->server_url[--len] = '\0';
  return self;
}

const char *
pl_sync_client_get_server_url (PlSyncClient *self)
{
  g_return_val_if_fail (PL_IS_SYNC_CLIENT (self), NULL);
  return self->server_url;
}

void
pl_sync_client_set_token (PlSyncClient *self,
                          const char   *token)
{
  g_return_if_fail (PL_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
}

static char *
dup_token (PlSyncClient *self)
{
  char *token;

  g_mutex_lock (&self->lock);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->lock);
  return token;
}

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 60,
                                        "idle-timeout", 30,
                                        "user-agent", "Porchlight/" PACKAGE_VERSION,
                                        NULL);
}

/* Turns a transport failure into what a person can act on. */
static void
set_transport_error (PlSyncClient  *self,
                     GError        *cause,
                     GError       **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_TLS,
                 /* Translators: %s is a server address, then the system's words */
                 _("The connection to %s is not secure: %s"), self->server_url, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                 /* Translators: %s is a server address */
                 _("The reply from %s was cut short; nothing was lost, try again"),
                 self->server_url);
  else
    g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_UNREACHABLE,
                 /* Translators: %s is a server address, then the system's words */
                 _("Cannot reach the server at %s: %s"), self->server_url, cause->message);
}

static void
set_http_error (PlSyncClient *self,
                guint         status,
                JsonObject   *body,
                GError      **error)
{
  const char *code = body && json_object_has_member (body, "error")
                       ? json_object_get_string_member_with_default (body, "error", "") : "";
  const char *message = body && json_object_has_member (body, "message")
                          ? json_object_get_string_member_with_default (body, "message", "") : "";

  if (g_str_equal (code, "clock-ahead"))
    g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_CLOCK_AHEAD,
                         _("This computer’s clock is ahead of the server’s. Set the date and time "
                           "(in Settings, turn on Automatic Date & Time), then sync again."));
  else if (status == 401 && g_str_equal (code, "wrong-password"))
    g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_WRONG_PASSWORD,
                         _("The user name or password is wrong"));
  else if (status == 401)
    g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_SESSION_EXPIRED,
                         _("Your session has ended; log in again"));
  else if (status == 403)
    g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_FORBIDDEN,
                 /* Translators: %s is the server's explanation */
                 _("The server refused: %s"), *message ? message : _("no right to do that"));
  else if (status == 429)
    g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_THROTTLED,
                         _("Too many failed log-ins; wait a quarter of an hour and try again"));
  else if (status >= 400 && status < 500)
    g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REQUEST,
                 /* Translators: %s is the server's explanation */
                 _("The server refused the changes: %s"), *message ? message : code);
  else
    g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_FAILED,
                 /* Translators: %u is an HTTP status, %s the server address */
                 _("The server at %s had a problem (HTTP %u); try again later"),
                 self->server_url, status);
}

static gboolean
is_transient (GError *error)
{
  return g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_UNREACHABLE) ||
         g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_FAILED) ||
         g_error_matches (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY);
}

static void
set_not_porchlight (PlSyncClient  *self,
                    GError       **error)
{
  g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
               /* Translators: %s is a server address */
               _("The reply from %s is not what a Porchlight server sends; "
                 "check the address"), self->server_url);
}

/* One request; transient failures are retried with a growing pause. Returns
 * the body of a 2xx reply, whole, or NULL with @error set (from the JSON
 * error reply when there is one, which goes to @error_reply too). */
static GBytes *
request_bytes (PlSyncClient  *self,
               SoupSession   *session,
               const char    *method,
               const char    *path,
               JsonNode      *body,
               gboolean       authenticated,
               JsonObject   **error_reply,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *uri = g_strconcat (self->server_url, path, NULL);
  g_autofree char *json = body ? json_to_string (body, FALSE) : NULL;
  gulong pause_ms = 500;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (method, uri);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GError) failure = NULL;
      guint status;

      if (message == NULL)
        {
          g_set_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_UNREACHABLE,
                       /* Translators: %s is what was typed as the server address */
                       _("“%s” is not a server address; it looks like https://sync.example.org"),
                       self->server_url);
          return NULL;
        }
      if (json != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
          soup_message_set_request_body_from_bytes (message, "application/json", bytes);
        }
      if (authenticated)
        {
          g_autofree char *token = dup_token (self);
          g_autofree char *header = g_strconcat ("Bearer ", token ? token : "", NULL);
          soup_message_headers_replace (soup_message_get_request_headers (message),
                                        "Authorization", header);
        }

      reply = soup_session_send_and_read (session, message, cancellable, &local_error);
      status = soup_message_get_status (message);

      if (reply == NULL)
        set_transport_error (self, local_error, &failure);
      else if (soup_message_headers_get_encoding (soup_message_get_response_headers (message)) ==
                 SOUP_ENCODING_CONTENT_LENGTH &&
               (goffset) g_bytes_get_size (reply) <
                 soup_message_headers_get_content_length (soup_message_get_response_headers (message)))
        g_set_error (&failure, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                     /* Translators: %s is a server address */
                     _("The reply from %s was cut short; nothing was lost, try again"),
                     self->server_url);
      else if (status >= 200 && status < 300)
        return g_steal_pointer (&reply);
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonNode *root;

          if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                           g_bytes_get_size (reply), NULL) ||
              (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
            {
              if (status >= 500)
                set_http_error (self, status, NULL, &failure);
              else
                set_not_porchlight (self, &failure);
            }
          else
            {
              set_http_error (self, status, json_node_get_object (root), &failure);
              if (error_reply != NULL)
                {
                  g_clear_pointer (error_reply, json_object_unref);
                  *error_reply = json_object_ref (json_node_get_object (root));
                }
            }
        }

      if (attempt >= ATTEMPTS || !is_transient (failure) ||
          g_cancellable_is_cancelled (cancellable))
        {
          g_propagate_error (error, g_steal_pointer (&failure));
          return NULL;
        }
      g_usleep (pause_ms * 1000);
      pause_ms *= 2;
    }
}

/* request_bytes() for a reply that is a JSON object. */
static JsonObject *
request (PlSyncClient  *self,
         SoupSession   *session,
         const char    *method,
         const char    *path,
         JsonNode      *body,
         gboolean       authenticated,
         JsonObject   **error_reply,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GBytes) reply = request_bytes (self, session, method, path, body, authenticated,
                                           error_reply, cancellable, error);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (reply == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_not_porchlight (self, error);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* Reading a pulled page. A page holds thousands of rows of a few dozen
 * values each; a JSON tree of it costs more than merging it, so the page is
 * read into a flat list of tokens over its own text, unescaped in place. */

typedef enum
{
  TOKEN_OBJECT,
  TOKEN_ARRAY,
  TOKEN_STRING,
  TOKEN_INTEGER,
  TOKEN_NUMBER,
  TOKEN_TRUE,
  TOKEN_FALSE,
  TOKEN_NULL,
} TokenType;

typedef struct
{
  TokenType  type;
  guint      end;     /* the token after this value and all it holds */
  char      *text;    /* a string's text, or a number's */
  gsize      length;  /* of a number's text */
} Token;

#define PAGE_MAX_DEPTH 32

typedef struct
{
  char   *p;
  char   *end;
  GArray *tokens;
} Scanner;

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static guint
add_token (Scanner   *s,
           TokenType  type,
           char      *text)
{
  Token token = { type, s->tokens->len + 1, text, 0 };

  g_array_append_val (s->tokens, token);
  return s->tokens->len - 1;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A string at s->p, unescaped where it stands and ended with a NUL where its
 * closing quote (or earlier) was. */
static gboolean
scan_string (Scanner *s)
{
  char *in = s->p + 1;
  char *out = in;

  while (in < s->end)
    {
      unsigned char c = (unsigned char) *in;

      if (c == '"')
        {
          *out = '\0';
          add_token (s, TOKEN_STRING, s->p + 1);
          s->p = in + 1;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          *out++ = *in++;
          continue;
        }
      if (++in >= s->end)
        return FALSE;
      switch (*in)
        {
        case '"':
        case '\\':
        case '/':
          *out++ = *in++;
          break;
        case 'b':
          *out++ = '\b', in++;
          break;
        case 'f':
          *out++ = '\f', in++;
          break;
        case 'n':
          *out++ = '\n', in++;
          break;
        case 'r':
          *out++ = '\r', in++;
          break;
        case 't':
          *out++ = '\t', in++;
          break;
        case 'u':
          {
            int unit = s->end - in > 4 ? hex4 (in + 1) : -1;
            gunichar c32 = (gunichar) unit;

            if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF))
              return FALSE;
            in += 5;
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                int low = s->end - in > 5 && in[0] == '\\' && in[1] == 'u' ? hex4 (in + 2) : -1;

                if (low < 0xDC00 || low > 0xDFFF)
                  return FALSE;
                c32 = 0x10000 + ((gunichar) (unit - 0xD800) << 10) + (gunichar) (low - 0xDC00);
                in += 6;
              }
            if (c32 == 0)
              return FALSE;  /* a NUL would cut the text short */
            /* Never longer than the escape it replaces. */
            out += g_unichar_to_utf8 (c32, out);
          }
          break;
        default:
          return FALSE;
        }
    }
  return FALSE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word,
              TokenType   type)
{
  gsize length = strlen (word);

  if ((gsize) (s->end - s->p) < length || memcmp (s->p, word, length) != 0)
    return FALSE;
  add_token (s, type, NULL);
  s->p += length;
  return TRUE;
}

/* A number; its text is ended with a NUL once the whole page is read, when
 * the character after it is no longer needed. */
static gboolean
scan_number (Scanner *s)
{
  char *start = s->p;
  gboolean integer = TRUE;
  guint index;

  if (s->p < s->end && *s->p == '-')
    s->p++;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return FALSE;
  if (*s->p == '0')
    s->p++;
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;
  if (s->p < s->end && *s->p == '.')
    {
      integer = FALSE;
      if (++s->p >= s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integer = FALSE;
      if (++s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  index = add_token (s, integer ? TOKEN_INTEGER : TOKEN_NUMBER, start);
  g_array_index (s->tokens, Token, index).length = s->p - start;
  return TRUE;
}

static gboolean
scan_value (Scanner *s,
            guint    depth)
{
  guint index;

  skip_space (s);
  if (s->p >= s->end || depth > PAGE_MAX_DEPTH)
    return FALSE;

  switch (*s->p)
    {
    case '{':
    case '[':
      {
        gboolean object = *s->p == '{';
        char close = object ? '}' : ']';

        index = add_token (s, object ? TOKEN_OBJECT : TOKEN_ARRAY, NULL);
        s->p++;
        skip_space (s);
        if (s->p < s->end && *s->p == close)
          s->p++;
        else
          for (;;)
            {
              if (object)
                {
                  skip_space (s);
                  if (s->p >= s->end || *s->p != '"' || !scan_string (s))
                    return FALSE;
                  skip_space (s);
                  if (s->p >= s->end || *s->p != ':')
                    return FALSE;
                  s->p++;
                }
              if (!scan_value (s, depth + 1))
                return FALSE;
              skip_space (s);
              if (s->p < s->end && *s->p == ',')
                {
                  s->p++;
                  continue;
                }
              if (s->p < s->end && *s->p == close)
                {
                  s->p++;
                  break;
                }
              return FALSE;
            }
        g_array_index (s->tokens, Token, index).end = s->tokens->len;
        return TRUE;
      }
    case '"':
      return scan_string (s);
    case 't':
      return scan_literal (s, "true", TOKEN_TRUE);
    case 'f':
      return scan_literal (s, "false", TOKEN_FALSE);
    case 'n':
      return scan_literal (s, "null", TOKEN_NULL);
    default:
      return scan_number (s);
    }
}

/* Reads @text (@length bytes, with room for one more) into @tokens; FALSE if
 * it is not one JSON value in valid UTF-8. */
static gboolean
scan_page (char   *text,
           gsize   length,
           GArray *tokens)
{
  Scanner s = { text, text + length, tokens };

  if (!g_utf8_validate_len (text, length, NULL) || !scan_value (&s, 0))
    return FALSE;
  skip_space (&s);
  if (s.p != s.end)
    return FALSE;

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = &g_array_index (tokens, Token, i);

      if (token->type != TOKEN_INTEGER && token->type != TOKEN_NUMBER)
        continue;
      token->text[token->length] = '\0';
      /* Integers are 64 bits on the wire, as json-glib reads them. */
      if (token->type == TOKEN_INTEGER)
        {
          errno = 0;
          g_ascii_strtoll (token->text, NULL, 10);
          if (errno == ERANGE)
            token->type = TOKEN_NUMBER;
        }
    }
  return TRUE;
}

/* The value of @object's member @name, or NULL. */
static const Token *
member (GArray     *tokens,
        guint       object,
        const char *name)
{
  const Token *holder = &g_array_index (tokens, Token, object);

  if (holder->type != TOKEN_OBJECT)
    return NULL;
  for (guint key = object + 1; key < holder->end; key = g_array_index (tokens, Token, key + 1).end)
    if (g_str_equal (g_array_index (tokens, Token, key).text, name))
      return &g_array_index (tokens, Token, key + 1);
  return NULL;
}

static const char *
member_text (GArray     *tokens,
             guint       object,
             const char *name)
{
  const Token *value = member (tokens, object, name);

  return value != NULL && value->type == TOKEN_STRING ? value->text : NULL;
}

static guint
token_index (GArray      *tokens,
             const Token *token)
{
  return token - &g_array_index (tokens, Token, 0);
}

/* Merges the row at @row (a token index) through the same checks as any
 * snapshot. */
static gboolean
apply_row (PlStore        *store,
           GArray         *tokens,
           guint           row,
           PlMergeResult  *result,
           GError        **error)
{
  const Token *fields = member (tokens, row, "fields");
  const Token *clocks = member (tokens, row, "clocks");
  PlMergeField values[64];
  guint n = 0, f, c;

  if (fields == NULL || fields->type != TOKEN_OBJECT || clocks == NULL ||
      clocks->type != TOKEN_OBJECT)
    {
      g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                           _("The server sent a row without its fields and clocks"));
      return FALSE;
    }

  f = token_index (tokens, fields);
  c = token_index (tokens, clocks) + 1;
  for (guint key = f + 1; key < fields->end; key = g_array_index (tokens, Token, key + 1).end)
    {
      const Token *name = &g_array_index (tokens, Token, key);
      const Token *value = &g_array_index (tokens, Token, key + 1);
      PlMergeField *field = &values[n];

      if (n == G_N_ELEMENTS (values))
        {
          g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                               _("The server sent a row with too many fields"));
          return FALSE;
        }
      field->name = name->text;
      field->text = value->text;
      switch (value->type)
        {
        case TOKEN_NULL:
          field->kind = PL_MERGE_VALUE_NULL;
          break;
        case TOKEN_STRING:
          field->kind = PL_MERGE_VALUE_STRING;
          break;
        case TOKEN_INTEGER:
          field->kind = PL_MERGE_VALUE_INTEGER;
          break;
        case TOKEN_TRUE:
        case TOKEN_FALSE:
          field->kind = PL_MERGE_VALUE_BOOLEAN;
          field->text = value->type == TOKEN_TRUE ? "1" : "0";
          break;
        default:
          field->kind = PL_MERGE_VALUE_OTHER;
          break;
        }

      /* The server lists clocks in the order of the fields: look there first. */
      field->clock = NULL;
      if (c < clocks->end && g_str_equal (g_array_index (tokens, Token, c).text, name->text))
        {
          const Token *clock = &g_array_index (tokens, Token, c + 1);

          field->clock = clock->type == TOKEN_STRING ? clock->text : NULL;
          c = clock->end;
        }
      else
        field->clock = member_text (tokens, token_index (tokens, clocks), name->text);
      n++;
    }

  return pl_merge_apply_snapshot_fields (store, member_text (tokens, row, "entity"),
                                         member_text (tokens, row, "id"), values, n, result,
                                         error);
}

char *
pl_sync_client_login (PlSyncClient  *self,
                      const char    *user,
                      const char    *password,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(PlStore) store = NULL;
  const char *token;

  g_return_val_if_fail (PL_IS_SYNC_CLIENT (self), NULL);

  store = pl_store_open (self->database_path, error);
  if (store == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, pl_store_get_device_id (store));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  reply = request (self, session, "POST", "/api/v1/login", body, FALSE, NULL, cancellable, error);
  if (reply == NULL)
    return NULL;
  token = json_object_get_string_member_with_default (reply, "token", NULL);
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                           _("The server accepted the log-in but sent no session"));
      return NULL;
    }
  pl_sync_client_set_token (self, token);
  return g_strdup (token);
}

/* Builds the next batch of unpushed journal entries as protocol changes. */
static JsonNode *
build_push (PlStore  *store,
            gint64   *last_seq,
            guint    *n_changes,
            GError  **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  *n_changes = 0;
  stmt = _pl_store_prepare (store, "SELECT seq, change_id, entity, row_id, op, fields, hlc,"
                                   " base_hlc FROM journal WHERE pushed = 0 ORDER BY seq LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, PUSH_BATCH);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, pl_store_get_device_id (store));
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *entity = (const char *) sqlite3_column_text (stmt, 2);
      const char *row_id = (const char *) sqlite3_column_text (stmt, 3);
      const char *op = (const char *) sqlite3_column_text (stmt, 4);
      g_autoptr(JsonNode) fields = NULL;

      *last_seq = sqlite3_column_int64 (stmt, 0);
      if (g_str_equal (op, "insert"))
        {
          /* An insert's values are the row's own; a later change to a field
           * carries a later clock in its own entry, so sending the current
           * value here can never win over it. */
          g_autoptr(GError) local_error = NULL;
          g_autoptr(JsonObject) snapshot = pl_merge_read_snapshot (store, entity, row_id,
                                                                   &local_error);
          if (snapshot == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              sqlite3_reset (stmt);
              return NULL;
            }
          fields = json_node_init_object (json_node_alloc (),
                                          json_object_get_object_member (snapshot, "fields"));
        }
      else
        {
          fields = json_from_string ((const char *) sqlite3_column_text (stmt, 5), error);
          if (fields == NULL)
            {
              sqlite3_reset (stmt);
              return NULL;
            }
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "change_id");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, entity);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, row_id);
      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, g_steal_pointer (&fields));
      json_builder_set_member_name (builder, "hlc");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 6));
      json_builder_set_member_name (builder, "base_hlc");
      if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 7));
      json_builder_end_object (builder);
      (*n_changes)++;
    }
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (store, rc, _("read the change journal"), error);
      return NULL;
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* When @refusal (a push's error reply) names a change of the batch, and the
 * fault is the change's rather than the device's or the request's, sets it
 * aside. */
static gboolean
set_aside_refused (PlStore       *store,
                   JsonObject    *refusal,
                   const GError  *refused,
                   gboolean      *set_aside,
                   GError       **error)
{
  const char *change_id = json_object_get_string_member_with_default (refusal, "change_id", NULL);
  const char *code = json_object_get_string_member_with_default (refusal, "error", "");
  const char *message = json_object_get_string_member_with_default (refusal, "message", "");

  *set_aside = FALSE;
  if (change_id == NULL ||
      !(g_error_matches (refused, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REQUEST) ||
        g_error_matches (refused, PL_SYNC_ERROR, PL_SYNC_ERROR_FORBIDDEN)))
    return TRUE;
  /* The server's code and words are kept as they came: the app says them in
   * the person's language by the code. */
  g_debug ("The server refused change %s: %s", change_id, code);
  return _pl_store_set_aside (store, change_id, code, message, set_aside, error);
}

/* Whether this computer's clock now agrees with the server's, which
 * @refusal (a clock-ahead reply) gives; @now_ms is the later of the two. */
static gboolean
clock_is_right (PlStore    *store,
                JsonObject *refusal,
                gint64     *now_ms)
{
  const char *text = refusal ? json_object_get_string_member_with_default (refusal, "server_time",
                                                                           NULL) : NULL;
  g_autoptr(GDateTime) server_time = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  gint64 server_ms, local_ms = pl_clock_get_wall_ms (pl_store_get_clock (store));

  if (server_time == NULL)
    return FALSE;
  server_ms = g_date_time_to_unix (server_time) * 1000;
  *now_ms = MAX (local_ms, server_ms);
  /* The server's time is whole seconds, and a reply takes a moment. */
  return ABS (local_ms - server_ms) <= CLOCK_AGREES_MS;
}

static gboolean
push (PlSyncClient  *self,
      SoupSession   *session,
      PlStore       *store,
      PlSyncStats   *stats,
      GCancellable  *cancellable,
      GError       **error)
{
  gboolean restamped = FALSE;

  for (;;)
    {
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(JsonObject) reply = NULL;
      sqlite3_stmt *stmt;
      gint64 last_seq = 0;
      guint n_changes;

      g_autoptr(JsonObject) refusal = NULL;
      g_autoptr(GError) local_error = NULL;

      body = build_push (store, &last_seq, &n_changes, error);
      if (body == NULL)
        return FALSE;
      if (n_changes == 0)
        return TRUE;

      reply = request (self, session, "POST", "/api/v1/sync/push", body, TRUE, &refusal,
                       cancellable, &local_error);
      if (reply == NULL &&
          g_error_matches (local_error, PL_SYNC_ERROR, PL_SYNC_ERROR_CLOCK_AHEAD) && !restamped)
        {
          gint64 now_ms = 0;

          /* The changes were stamped while the clock ran ahead; if it agrees
           * with the server's now, they are stamped again and go. */
          if (clock_is_right (store, refusal, &now_ms))
            {
              if (!_pl_store_restamp_ahead (store, now_ms, error))
                return FALSE;
              restamped = TRUE;
              continue;
            }
        }
      if (reply == NULL)
        {
          gboolean set_aside = FALSE;

          /* One change at fault: set it aside with the server's words and
           * send the rest, rather than offer the same batch forever. */
          if (refusal != NULL && !set_aside_refused (store, refusal, local_error, &set_aside, error))
            return FALSE;
          if (!set_aside)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          stats->refused++;
          continue;
        }

      stmt = _pl_store_prepare (store, "UPDATE journal SET pushed = 1"
                                       " WHERE pushed = 0 AND seq <= ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, last_seq);
      if (!_pl_store_step_done (store, stmt, _("mark changes as sent"), error))
        return FALSE;

      stats->pushed += n_changes;
      stats->conflicts += json_object_get_int_member_with_default (reply, "conflicts", 0);
    }
}

/* A pulled page, read. */
typedef struct
{
  char       *text;    /* the reply, its strings unescaped in place */
  GArray     *tokens;
  guint       rows;    /* the token of the rows array */
  guint       n_rows;
  const char *cursor;
  gboolean    more;
  guint64     remaining;  /* the server's bound of the rows after this page */
} Page;

static void
page_free (Page *page)
{
  g_free (page->text);
  /* A page that failed to parse has no tokens. */
  g_clear_pointer (&page->tokens, g_array_unref);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static Page *
fetch_page (PlSyncClient  *self,
            SoupSession   *session,
            const char    *cursor,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *escaped = g_uri_escape_string (cursor ? cursor : "0", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/sync/pull?since=%s&limit=%d", escaped,
                                           PULL_PAGE);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(Page) page = g_new0 (Page, 1);
  const Token *rows, *more, *remaining;
  gsize length;

  reply = request_bytes (self, session, "GET", path, NULL, TRUE, NULL, cancellable, error);
  if (reply == NULL)
    return NULL;

  length = g_bytes_get_size (reply);
  page->text = g_malloc (length + 1);
  memcpy (page->text, g_bytes_get_data (reply, NULL), length);
  page->text[length] = '\0';
  page->tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), length / 16 + 16);
  if (!scan_page (page->text, length, page->tokens) ||
      g_array_index (page->tokens, Token, 0).type != TOKEN_OBJECT)
    {
      set_not_porchlight (self, error);
      return NULL;
    }

  rows = member (page->tokens, 0, "rows");
  page->cursor = member_text (page->tokens, 0, "cursor");
  if (rows == NULL || rows->type != TOKEN_ARRAY || page->cursor == NULL)
    {
      g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                           _("The server's reply has no rows or cursor"));
      return NULL;
    }
  page->rows = token_index (page->tokens, rows);
  for (guint row = page->rows + 1; row < rows->end;
       row = g_array_index (page->tokens, Token, row).end)
    page->n_rows++;
  more = member (page->tokens, 0, "more");
  page->more = more != NULL && more->type == TOKEN_TRUE;
  remaining = member (page->tokens, 0, "remaining");
  if (page->more && remaining != NULL && remaining->type == TOKEN_INTEGER)
    page->remaining = g_ascii_strtoull (remaining->text, NULL, 10);
  return g_steal_pointer (&page);
}

/* Merges a page and stores its cursor, in one transaction: killed half way,
 * the next sync asks for the same page again. Rows of one family may come
 * in any order within a page, so foreign keys are checked at commit. */
static gboolean
apply_page (PlSyncClient  *self,
            PlStore       *store,
            Page          *page,
            GError       **error)
{
  const Token *rows = &g_array_index (page->tokens, Token, page->rows);
  PlMergeResult result;

  if (!pl_store_begin (store, error))
    return FALSE;
  pl_merge_result_init_page (&result);
  if (!_pl_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    goto failed;
  for (guint row = page->rows + 1; row < rows->end;
       row = g_array_index (page->tokens, Token, row).end)
    {
      if (g_array_index (page->tokens, Token, row).type != TOKEN_OBJECT)
        {
          g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                               _("The server sent a row that is not an object"));
          goto failed;
        }
      /* A family that left this user's schools: not deleted, only no longer theirs. */
      if (member (page->tokens, row, "gone") != NULL &&
          member (page->tokens, row, "gone")->type == TOKEN_TRUE)
        {
          const char *entity = member_text (page->tokens, row, "entity");
          const char *id = member_text (page->tokens, row, "id");

          if (g_strcmp0 (entity, "families") != 0 || id == NULL)
            {
              g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY,
                                   _("The server said a row is gone that is not a family"));
              goto failed;
            }
          if (!_pl_store_forget_family (store, id, NULL, error))
            goto failed;
          continue;
        }
      if (!apply_row (store, page->tokens, row, &result, error))
        goto failed;
    }
  if (!pl_merge_refresh_search (store, &result, error) ||
      !pl_store_set_setting (store, SETTING_CURSOR, page->cursor, error) ||
      !pl_store_set_setting (store, SETTING_SERVER, self->server_url, error) ||
      !pl_store_commit (store, error))
    goto failed;
  pl_merge_result_clear (&result);
  return TRUE;

failed:
  pl_merge_result_clear (&result);
  pl_store_rollback (store);
  return FALSE;
}

/* Fetches pages on a thread of its own, one ahead of the page being merged,
 * so the server writes the next page while this device merges the last. */
typedef struct
{
  PlSyncClient *self;
  char         *cursor;       /* of the first page to fetch */
  GCancellable *cancellable;  /* cancelled with the caller's, or when the pull fails */
  GAsyncQueue  *fetched;      /* Fetched *, in order */
  GAsyncQueue  *wanted;       /* an item each time the next page may be fetched */
  GThread      *thread;
  gulong        cancelled_id;
  GCancellable *caller_cancellable;
} Fetcher;

typedef struct
{
  Page   *page;
  GError *error;
} Fetched;

static void
fetched_free (Fetched *fetched)
{
  g_clear_pointer (&fetched->page, page_free);
  g_clear_error (&fetched->error);
  g_free (fetched);
}

static gpointer
fetcher_thread (gpointer user_data)
{
  Fetcher *fetcher = user_data;
  g_autoptr(SoupSession) session = new_session ();
  g_autofree char *cursor = g_strdup (fetcher->cursor);

  for (;;)
    {
      Fetched *fetched = g_new0 (Fetched, 1);
      gboolean more;

      fetched->page = fetch_page (fetcher->self, session, cursor, fetcher->cancellable,
                                  &fetched->error);
      more = fetched->page != NULL && fetched->page->more;
      if (more)
        {
          g_free (cursor);
          cursor = g_strdup (fetched->page->cursor);
        }
      g_async_queue_push (fetcher->fetched, fetched);
      if (!more)
        return NULL;
      g_async_queue_pop (fetcher->wanted);
      if (g_cancellable_is_cancelled (fetcher->cancellable))
        return NULL;
    }
}

static void
cancel_fetcher_cb (GCancellable *caller,
                   GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static Fetcher *
fetcher_start (PlSyncClient  *self,
               const char    *cursor,
               GCancellable  *cancellable)
{
  Fetcher *fetcher = g_new0 (Fetcher, 1);

  fetcher->self = self;
  fetcher->cursor = g_strdup (cursor);
  fetcher->cancellable = g_cancellable_new ();
  fetcher->fetched = g_async_queue_new_full ((GDestroyNotify) fetched_free);
  fetcher->wanted = g_async_queue_new ();
  if (cancellable != NULL)
    {
      fetcher->caller_cancellable = g_object_ref (cancellable);
      fetcher->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_fetcher_cb),
                                                     fetcher->cancellable, NULL);
    }
  fetcher->thread = g_thread_new ("pl-sync-pull", fetcher_thread, fetcher);
  return fetcher;
}

/* Stops the thread (at once, when it is still fetching) and forgets what it
 * fetched. */
static void
fetcher_stop (Fetcher *fetcher)
{
  g_cancellable_cancel (fetcher->cancellable);
  g_async_queue_push (fetcher->wanted, GINT_TO_POINTER (1));
  g_thread_join (fetcher->thread);
  if (fetcher->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (fetcher->caller_cancellable, fetcher->cancelled_id);
      g_object_unref (fetcher->caller_cancellable);
    }
  g_async_queue_unref (fetcher->fetched);
  g_async_queue_unref (fetcher->wanted);
  g_object_unref (fetcher->cancellable);
  g_free (fetcher->cursor);
  g_free (fetcher);
}

static gboolean
pull (PlSyncClient    *self,
      SoupSession     *session,
      PlStore         *store,
      PlSyncProgress   progress,
      gpointer         progress_data,
      PlSyncStats     *stats,
      GCancellable    *cancellable,
      GError         **error)
{
  g_autofree char *cursor = pl_store_get_setting (store, SETTING_CURSOR);
  g_autofree char *server = pl_store_get_setting (store, SETTING_SERVER);
  g_autoptr(Page) page = NULL;
  Fetcher *fetcher = NULL;
  gboolean ok = FALSE;

  /* A cursor means something only to the server that gave it. */
  if (g_strcmp0 (server, self->server_url) != 0)
    g_clear_pointer (&cursor, g_free);

  /* A first sync writes a district: a million rows whose random ids land
   * all over their indexes, each page dirtying thousands of index pages. A
   * larger page cache keeps them between pages, and checkpointing every
   * 160 MB of log rather than every 4 MB copies a page written by many
   * pages into the database once. */
  if (!_pl_store_exec (store, "PRAGMA cache_size = -65536", error) ||
      !_pl_store_exec (store, "PRAGMA wal_autocheckpoint = 40000", error))
    return FALSE;

  /* The first page here: when it is the only one, no thread is needed. */
  page = fetch_page (self, session, cursor, cancellable, error);
  while (page != NULL)
    {
      Fetched *fetched;

      if (page->more && fetcher == NULL)
        fetcher = fetcher_start (self, page->cursor, cancellable);
      else if (page->more)
        g_async_queue_push (fetcher->wanted, GINT_TO_POINTER (1));

      /* A page fetched ahead is not merged once the sync is cancelled. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !apply_page (self, store, page, error))
        break;
      stats->pulled += page->n_rows;
      if (progress != NULL)
        progress (stats->pulled,
                  page->more ? (guint) MIN (stats->pulled + page->remaining, G_MAXUINT)
                             : stats->pulled,
                  progress_data);
      if (!page->more)
        {
          ok = TRUE;
          break;
        }

      g_clear_pointer (&page, page_free);
      fetched = g_async_queue_pop (fetcher->fetched);
      page = g_steal_pointer (&fetched->page);
      if (fetched->error != NULL)
        g_propagate_error (error, g_steal_pointer (&fetched->error));
      fetched_free (fetched);
    }

  if (fetcher != NULL)
    fetcher_stop (fetcher);

  /* After more than a page, fold the log into the database now rather than
   * leave it to whoever writes next, and let the next write shrink it. */
  _pl_store_exec (store, "PRAGMA wal_autocheckpoint = 1000", NULL);
  _pl_store_exec (store, "PRAGMA cache_size = -2000", NULL);
  if (fetcher != NULL)
    {
      _pl_store_exec (store, "PRAGMA journal_size_limit = 4194304", NULL);
      _pl_store_exec (store, "PRAGMA wal_checkpoint (PASSIVE)", NULL);
    }
  return ok;
}

/**
 * pl_sync_client_sync:
 *
 * Pushes, then pulls. Blocks; call it from a worker thread or use
 * pl_sync_client_sync_async().
 */
gboolean
pl_sync_client_sync (PlSyncClient   *self,
                     PlSyncProgress  progress,
                     gpointer        progress_data,
                     PlSyncStats    *stats,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  PlSyncStats local_stats = { 0 };

  g_return_val_if_fail (PL_IS_SYNC_CLIENT (self), FALSE);

  if (stats == NULL)
    stats = &local_stats;
  *stats = (PlSyncStats) { 0 };

  store = pl_store_open (self->database_path, error);
  if (store == NULL)
    return FALSE;
  if (pl_store_is_demo (store))
    {
      g_set_error_literal (error, PL_SYNC_ERROR, PL_SYNC_ERROR_DEMO,
                           _("This is a demo district: its made-up families never go to a server"));
      return FALSE;
    }

  if (!push (self, session, store, stats, cancellable, error) ||
      !pull (self, session, store, progress, progress_data, stats, cancellable, error))
    return FALSE;

  now = g_date_time_new_now_utc ();
  when = g_date_time_format_iso8601 (now);
  return pl_store_set_setting (store, SETTING_LAST, when, error);
}

/**
 * pl_sync_client_logout:
 *
 * Ends the session on the server. Blocks.
 */
gboolean
pl_sync_client_logout (PlSyncClient  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_val_if_fail (PL_IS_SYNC_CLIENT (self), FALSE);

  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  reply = request (self, session, "POST", "/api/v1/logout", body, TRUE, NULL, cancellable, error);
  if (reply == NULL)
    return FALSE;

  pl_sync_client_set_token (self, NULL);
  return TRUE;
}

/**
 * pl_sync_client_discard:
 * @change_id: a change set aside (pl_refused_change_get_change_id())
 *
 * Blocks; call it from a worker thread or use pl_sync_client_discard_async().
 */
gboolean
pl_sync_client_discard (PlSyncClient  *self,
                        const char    *change_id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(PlStore) store = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *row_id = NULL;
  g_autofree char *op = NULL;
  JsonObject *server_row = NULL;

  g_return_val_if_fail (PL_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);

  store = pl_store_open (self->database_path, error);
  if (store == NULL || !_pl_store_lookup_refused (store, change_id, &entity, &row_id, &op, error))
    return FALSE;

  /* A new row only goes; a changed one takes back what the server has. */
  if (g_str_equal (op, "update"))
    {
      g_autoptr(SoupSession) session = new_session ();
      g_autoptr(JsonObject) refusal = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *escaped_entity = g_uri_escape_string (entity, NULL, FALSE);
      g_autofree char *escaped_id = g_uri_escape_string (row_id, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/api/v1/sync/row?entity=%s&id=%s",
                                               escaped_entity, escaped_id);

      reply = request (self, session, "GET", path, NULL, TRUE, &refusal, cancellable,
                       &local_error);
      if (reply == NULL &&
          !(refusal != NULL &&
            g_strcmp0 (json_object_get_string_member_with_default (refusal, "error", NULL),
                       "not-found") == 0))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (reply != NULL)
        {
          JsonNode *row = json_object_get_member (reply, "row");

          if (row == NULL || !JSON_NODE_HOLDS_OBJECT (row))
            {
              set_not_porchlight (self, error);
              return FALSE;
            }
          server_row = json_node_get_object (row);
        }
    }

  return _pl_store_discard_refused (store, change_id, server_row, error);
}

typedef struct
{
  char           *user;
  char           *password;
  char           *change_id;
  PlSyncProgress  progress;
  gpointer        progress_data;
  GMainContext   *context;
  PlSyncStats     stats;
} TaskData;

static void
task_data_free (TaskData *data)
{
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->user);
  g_free (data->change_id);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
login_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  char *token = pl_sync_client_login (source_object, data->user, data->password, cancellable,
                                      &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
pl_sync_client_login_async (PlSyncClient        *self,
                            const char          *user,
                            const char          *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->user = g_strdup (user);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, pl_sync_client_login_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, login_thread);
}

char *
pl_sync_client_login_finish (PlSyncClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  PlSyncProgress progress;
  gpointer       data;
  guint          done;
  guint          total;
} ProgressReport;

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress (report->done, report->total, report->data);
  return G_SOURCE_REMOVE;
}

static void
thread_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  TaskData *data = user_data;
  ProgressReport *report = g_new (ProgressReport, 1);

  *report = (ProgressReport) { data->progress, data->progress_data, done, total };
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, report_progress_cb, report, g_free);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (!pl_sync_client_sync (source_object, data->progress ? thread_progress : NULL, data,
                            &data->stats, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pl_sync_client_sync_async (PlSyncClient        *self,
                           PlSyncProgress       progress,
                           gpointer             progress_data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, pl_sync_client_sync_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
pl_sync_client_sync_finish (PlSyncClient  *self,
                            GAsyncResult  *result,
                            PlSyncStats   *stats,
                            GError       **error)
{
  TaskData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = data->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
logout_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (!pl_sync_client_logout (source_object, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pl_sync_client_logout_async (PlSyncClient        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pl_sync_client_logout_async);
  g_task_run_in_thread (task, logout_thread);
}

gboolean
pl_sync_client_logout_finish (PlSyncClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
discard_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (!pl_sync_client_discard (source_object, data->change_id, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pl_sync_client_discard_async (PlSyncClient        *self,
                              const char          *change_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->change_id = g_strdup (change_id);
  g_task_set_source_tag (task, pl_sync_client_discard_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, discard_thread);
}

gboolean
pl_sync_client_discard_finish (PlSyncClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
