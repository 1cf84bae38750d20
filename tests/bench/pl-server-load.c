/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A load generator for porchlight-server, behind build-aux/bench: many
 * liaison laptops pushing their work at once, each in a closed loop (send a
 * batch of changes, wait for the reply, send the next). It prints
 *
 *   BENCH server_changes_per_s <v> changes/s
 *   BENCH server_push_p99_ms <v> ms
 *   BENCH server_failed_requests <n> requests
 *   BENCH server_rss_mb <v> MB        (with --server-pid)
 *
 * on stdout; progress and problems go to stderr.
 *
 *   pl-server-load schools --database FILE --users N
 *       prints N lines of school ids (three consecutive schools each, joined
 *       by commas), for `porchlight-server user add … --schools`
 *   pl-server-load run --server URL --database FILE --user-prefix P --users N
 *       --password-file FILE [--clients 50] [--seconds 20] [--batch 20]
 *       [--server-pid PID]
 *       logs client K in as user P<K % N + 1> with a device of its own, then
 *       pushes for the given time
 *
 * The server database is only read, before the load, to learn which
 * families each user's schools hold. Request bodies are written with a plain
 * string builder: the generator shares the machine with the server and must
 * cost it as little as it can.
 */

#define G_LOG_DOMAIN "pl-server-load"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#define DEFAULT_CLIENTS 50
#define DEFAULT_SECONDS 20
#define DEFAULT_BATCH 20
#define SCHOOLS_PER_USER 3
/* Every tenth change edits a family's notes; the others are new contacts. */
#define UPDATE_EVERY 10
/* A request that takes longer than this failed. */
#define REQUEST_TIMEOUT_S 30
/* After the load time, how long the requests still out may take. */
#define DRAIN_TIMEOUT_S (REQUEST_TIMEOUT_S + 10)

/* Output */

static void
bench_print (const char *name,
             double      value,
             const char *unit)
{
  if (fabs (value) >= 1000)
    printf ("BENCH %s %.0f %s\n", name, value, unit);
  else
    printf ("BENCH %s %.3g %s\n", name, value, unit);
  fflush (stdout);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value below which @fraction of @values lie (nearest rank). Sorts @values. */
static double
percentile (GArray *values,
            double  fraction)
{
  guint rank;

  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  rank = (guint) ceil (fraction * values->len);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

/* The server's database, read only */

static sqlite3 *
open_database (const char  *path,
               GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not open %s: %s", path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static int
cmd_schools (int    argc,
             char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("schools");
  g_autoptr(GPtrArray) schools = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int users = 10;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "The server database", "FILE" },
    { "users", 0, 0, G_OPTION_ARG_INT, &users, "How many users", "N" },
    { NULL }
  };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || database == NULL || users < 1)
    {
      g_printerr ("pl-server-load schools: %s\n",
                  error ? error->message : "--database and --users N (N ≥ 1) are needed");
      return 2;
    }
  db = open_database (database, &error);
  if (db == NULL)
    {
      g_printerr ("pl-server-load: %s\n", error->message);
      return 1;
    }
  if (sqlite3_prepare_v2 (db, "SELECT id FROM schools WHERE deleted = 0 ORDER BY name, id", -1,
                          &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (schools, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (schools->len == 0)
    {
      g_printerr ("pl-server-load: %s holds no schools; fill it with porchlight-server demo\n",
                  database);
      return 1;
    }

  for (int u = 0; u < users; u++)
    {
      for (guint s = 0; s < MIN (SCHOOLS_PER_USER, schools->len); s++)
        printf ("%s%s", s > 0 ? "," : "",
                (const char *) schools->pdata[(u * SCHOOLS_PER_USER + s) % schools->len]);
      printf ("\n");
    }
  return 0;
}

/* run */

typedef struct
{
  char *id;
  char *guardian_id;  /* nullable */
  char *hlc;          /* the family row's clock as read: the base of an edit */
} Family;

static void
family_clear (Family *family)
{
  g_free (family->id);
  g_free (family->guardian_id);
  g_free (family->hlc);
}

/* The families a user's schools hold, shared by the user's devices. */
typedef struct
{
  char   *name;
  GStrv   schools;
  GArray *families;  /* Family */
} User;

typedef struct _Load Load;

typedef struct
{
  Load        *load;
  User        *user;
  guint        index;
  char         device[32];
  char        *authorization;
  guint64      rng;
  gint64       last_ms;
  guint        counter;
  gint64       sent_at;
  SoupMessage *msg;
} Client;

struct _Load
{
  SoupSession *session;
  GUri        *push_uri;
  GMainLoop   *loop;
  Client      *clients;
  guint        n_clients;
  guint        batch;
  gint64       started_at;
  gint64       deadline;
  gint64       finished_at;
  guint        running;
  guint64      pushes_ok;
  guint64      failed;
  guint64      transport_errors;
  GArray      *latencies_ms;
  gboolean     timed_out;
};

/* xorshift64*: ids need to be unique, not secret. */
static guint64
next_random (Client *client)
{
  client->rng ^= client->rng >> 12;
  client->rng ^= client->rng << 25;
  client->rng ^= client->rng >> 27;
  return client->rng * G_GUINT64_CONSTANT (2685821657736338717);
}

static void
append_uuid (GString *out,
             Client  *client)
{
  static const char hex[] = "0123456789abcdef";
  guint64 a = next_random (client), b = next_random (client);
  char text[37];
  guint n = 0;

  /* A version 4 UUID's layout: 8-4-4-4-12, the 13th digit 4. */
  for (guint i = 0; i < 32; i++)
    {
      guint64 source = i < 16 ? a : b;
      guint digit = (source >> ((i % 16) * 4)) & 0xF;

      if (i == 8 || i == 12 || i == 16 || i == 20)
        text[n++] = '-';
      if (i == 12)
        digit = 4;
      else if (i == 16)
        digit = 8 | (digit & 3);
      text[n++] = hex[digit];
    }
  text[n] = '\0';
  g_string_append_len (out, text, n);
}

/* A stamp of the client's own hybrid logical clock, as a device makes them. */
static void
append_hlc (GString *out,
            Client  *client)
{
  gint64 ms = g_get_real_time () / 1000;

  if (ms > client->last_ms)
    {
      client->last_ms = ms;
      client->counter = 0;
    }
  else if (++client->counter > 0xFFFF)
    {
      client->last_ms++;
      client->counter = 0;
    }
  g_string_append_printf (out, "%013" G_GINT64_MODIFIER "X-%04X-%s", client->last_ms,
                          client->counter, client->device);
}

static const char *const methods[] = { "phone", "text", "in-person", "email", "home-visit" };
static const char *const purposes[] = { "attendance", "academics", "wellbeing", "council",
                                        "resources" };
static const char *const outcomes[] = { "reached", "left-message", "no-answer" };
static const char *const notes[] = {
  "Asked about the bus schedule.", "Will bring documents on Friday.",
  "Prefers calls after 5 pm.", "Interested in the family council.",
};

static char *
build_push_body (Client *client)
{
  Load *load = client->load;
  GArray *families = client->user->families;
  GString *body = g_string_sized_new (load->batch * 700);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *happened_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  g_string_append_printf (body, "{\"device\":\"%s\",\"changes\":[", client->device);
  for (guint i = 0; i < load->batch; i++)
    {
      const Family *family = &g_array_index (families, Family,
                                             next_random (client) % families->len);
      guint64 pick = next_random (client);

      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, "{\"change_id\":\"");
      append_uuid (body, client);
      if (i % UPDATE_EVERY == UPDATE_EVERY - 1)
        {
          g_string_append (body, "\",\"entity\":\"families\",\"id\":\"");
          g_string_append (body, family->id);
          g_string_append (body, "\",\"fields\":{\"notes\":\"");
          g_string_append (body, notes[pick % G_N_ELEMENTS (notes)]);
          g_string_append (body, "\"},\"hlc\":\"");
          append_hlc (body, client);
          g_string_append (body, "\",\"base_hlc\":\"");
          g_string_append (body, family->hlc);
          g_string_append (body, "\"}");
          continue;
        }

      g_string_append (body, "\",\"entity\":\"contacts\",\"id\":\"");
      append_uuid (body, client);
      g_string_append (body, "\",\"fields\":{\"family_id\":\"");
      g_string_append (body, family->id);
      g_string_append (body, "\",\"guardian_id\":");
      if (family->guardian_id != NULL)
        g_string_append_printf (body, "\"%s\"", family->guardian_id);
      else
        g_string_append (body, "null");
      g_string_append (body, ",\"staff_id\":null,\"happened_at\":\"");
      g_string_append (body, happened_at);
      g_string_append (body, "\",\"method\":\"");
      g_string_append (body, methods[pick % G_N_ELEMENTS (methods)]);
      g_string_append (body, "\",\"direction\":\"outgoing\",\"language\":\"en\","
                             "\"interpreter\":\"none\",\"purpose\":\"");
      g_string_append (body, purposes[(pick >> 8) % G_N_ELEMENTS (purposes)]);
      g_string_append (body, "\",\"purpose_other\":null,\"outcome\":\"");
      g_string_append (body, outcomes[(pick >> 16) % G_N_ELEMENTS (outcomes)]);
      g_string_append (body, "\",\"notes\":");
      if ((pick >> 24) % 5 == 0)
        {
          g_string_append_c (body, '"');
          g_string_append (body, notes[(pick >> 32) % G_N_ELEMENTS (notes)]);
          g_string_append_c (body, '"');
        }
      else
        g_string_append (body, "null");
      g_string_append (body, ",\"follow_up_due\":null,\"follow_up_done_at\":null,"
                             "\"follow_up_owner\":null,\"deleted\":false},\"hlc\":\"");
      append_hlc (body, client);
      g_string_append (body, "\",\"base_hlc\":null}");
    }
  g_string_append (body, "]}");
  return g_string_free (body, FALSE);
}

static void send_push (Client *client);

static gboolean
send_push_idle (gpointer user_data)
{
  send_push (user_data);
  return G_SOURCE_REMOVE;
}

static void
client_finished (Client *client)
{
  Load *load = client->load;

  if (--load->running == 0)
    {
      load->finished_at = g_get_monotonic_time ();
      g_main_loop_quit (load->loop);
    }
}

/* The reply counts only when every change of the batch was taken. */
static gboolean
reply_accepts_batch (GBytes *bytes,
                     guint   batch)
{
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  g_autofree char *text = NULL;
  const char *accepted;

  if (data == NULL || size == 0)
    return FALSE;
  text = g_strndup (data, size);
  accepted = strstr (text, "\"accepted\":");
  return accepted != NULL &&
         g_ascii_strtoull (accepted + strlen ("\"accepted\":"), NULL, 10) == batch;
}

static void
on_push_reply (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Client *client = user_data;
  Load *load = client->load;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  gint64 now = g_get_monotonic_time ();
  double latency_ms = (now - client->sent_at) / 1000.0;

  if (bytes == NULL)
    {
      load->failed++;
      load->transport_errors++;
      if (load->transport_errors <= 5)
        g_printerr ("pl-server-load: client %u: %s\n", client->index, error->message);
    }
  else if (soup_message_get_status (client->msg) != SOUP_STATUS_OK ||
           !reply_accepts_batch (bytes, load->batch))
    {
      load->failed++;
      if (load->failed - load->transport_errors <= 5)
        {
          gsize size = 0;
          const char *data = g_bytes_get_data (bytes, &size);

          /* The server's error codes and messages name no person. */
          g_printerr ("pl-server-load: client %u: HTTP %u: %.*s\n", client->index,
                      soup_message_get_status (client->msg), (int) MIN (size, 300), data);
        }
    }
  else
    load->pushes_ok++;
  g_array_append_val (load->latencies_ms, latency_ms);
  g_clear_object (&client->msg);

  /* The next push goes out from the main loop, once libsoup has put the
   * connection back for reuse: sent from here it would open another one. */
  if (now < load->deadline)
    g_idle_add_full (G_PRIORITY_DEFAULT, send_push_idle, client, NULL);
  else
    client_finished (client);
}

static void
send_push (Client *client)
{
  Load *load = client->load;
  char *body = build_push_body (client);
  g_autoptr(GBytes) bytes = g_bytes_new_take (body, strlen (body));

  client->msg = soup_message_new_from_uri ("POST", load->push_uri);
  soup_message_headers_replace (soup_message_get_request_headers (client->msg), "Authorization",
                                client->authorization);
  soup_message_set_request_body_from_bytes (client->msg, "application/json", bytes);
  client->sent_at = g_get_monotonic_time ();
  soup_session_send_and_read_async (load->session, client->msg, G_PRIORITY_DEFAULT, NULL,
                                    on_push_reply, client);
}

/* Logs the client in; sets its authorization and, the first time for the
 * user, the user's schools. */
static gboolean
login (Load        *load,
       Client      *client,
       const char  *base_url,
       const char  *password,
       GError     **error)
{
  g_autofree char *url = g_strconcat (base_url, "/api/v1/login", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) reply = NULL;
  JsonObject *object, *user;
  JsonNode *schools;
  char *text;

  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s is not a URL", base_url);
      return FALSE;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, client->user->name);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, client->device);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  request = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (msg, "application/json", request);

  reply = soup_session_send_and_read (load->session, msg, NULL, error);
  if (reply == NULL)
    return FALSE;
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "logging in as %s: HTTP %u: %.*s",
                   client->user->name, soup_message_get_status (msg),
                   (int) MIN (g_bytes_get_size (reply), 300),
                   (const char *) g_bytes_get_data (reply, NULL));
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), error))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  client->authorization = g_strconcat ("Bearer ",
                                       json_object_get_string_member (object, "token"), NULL);
  user = json_object_get_object_member (object, "user");
  schools = json_object_get_member (user, "schools");
  if (client->user->schools == NULL)
    {
      JsonArray *array;
      GStrv ids;

      if (!JSON_NODE_HOLDS_ARRAY (schools))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s has all schools; the load wants liaisons with a few",
                       client->user->name);
          return FALSE;
        }
      array = json_node_get_array (schools);
      ids = g_new0 (char *, json_array_get_length (array) + 1);
      for (guint i = 0; i < json_array_get_length (array); i++)
        ids[i] = g_strdup (json_array_get_string_element (array, i));
      client->user->schools = ids;
    }
  return TRUE;
}

static gboolean
read_families (sqlite3     *db,
               User        *user,
               GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Only the user's families: what their laptop holds after a pull. */
  g_string_append (sql, "SELECT f.id, f.hlc, (SELECT g.id FROM guardians g"
                        " WHERE g.family_id = f.id AND g.deleted = 0 ORDER BY g.position LIMIT 1)"
                        " FROM families f WHERE f.deleted = 0 AND f.id IN"
                        " (SELECT family_id FROM students WHERE deleted = 0 AND school_id IN (");
  for (guint i = 0; user->schools[i]; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, "))");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && user->schools[i]; i++)
    sqlite3_bind_text (stmt, i + 1, user->schools[i], -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Family family = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
      };

      g_array_append_val (user->families, family);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not read the families: %s",
                   sqlite3_errmsg (db));
      return FALSE;
    }
  if (user->families->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s's schools hold no families",
                   user->name);
      return FALSE;
    }
  return TRUE;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The resident set of a process in MiB, from /proc, or a negative number. */
static double
process_rss_mb (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0;
}

/* The CPU time a process has used, in seconds, from /proc, or a negative number. */
static double
process_cpu_seconds (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (pid <= 0 || !g_file_get_contents (path, &stat, NULL, NULL))
    return -1;
  /* The command name, in parentheses, may hold spaces. */
  after_name = strrchr (stat, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", 0);
  /* utime and stime are fields 14 and 15 of the line, 12 and 13 after the name. */
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

/* A process's I/O counters from /proc: read and write calls and bytes. */
typedef struct
{
  double syscr, syscw, rchar, wchar;
} ProcessIo;

static gboolean
process_io (int        pid,
            ProcessIo *io)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/io", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  memset (io, 0, sizeof *io);
  if (pid <= 0 || !g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", 0);
  for (guint i = 0; lines[i]; i++)
    {
      const char *colon = strchr (lines[i], ':');
      double value;

      if (colon == NULL)
        continue;
      value = g_ascii_strtod (colon + 1, NULL);
      if (g_str_has_prefix (lines[i], "syscr:"))
        io->syscr = value;
      else if (g_str_has_prefix (lines[i], "syscw:"))
        io->syscw = value;
      else if (g_str_has_prefix (lines[i], "rchar:"))
        io->rchar = value;
      else if (g_str_has_prefix (lines[i], "wchar:"))
        io->wchar = value;
    }
  return TRUE;
}

/* The machine's load average, for telling a quiet run from a busy one. */
static const char *
load_average (void)
{
  static char text[128];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "unknown\n";
  g_strlcpy (text, contents, sizeof text);
  return text;
}

static gboolean
on_watchdog (gpointer user_data)
{
  Load *load = user_data;

  load->timed_out = TRUE;
  g_main_loop_quit (load->loop);
  return G_SOURCE_REMOVE;
}

static int
cmd_run (int    argc,
         char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autofree char *push_url = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("run");
  g_autoptr(GError) error = NULL;
  int n_users = 10, n_clients = DEFAULT_CLIENTS, seconds = DEFAULT_SECONDS;
  int batch = DEFAULT_BATCH, server_pid = 0;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The server's URL", "URL" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "The server's database (read)", "FILE" },
    { "user-prefix", 0, 0, G_OPTION_ARG_STRING, &prefix, "Users are PREFIX1 … PREFIXN", "PREFIX" },
    { "users", 0, 0, G_OPTION_ARG_INT, &n_users, "How many users", "N" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Their password", "FILE" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Concurrent clients", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long to push", "S" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch, "Changes per push", "N" },
    { "server-pid", 0, 0, G_OPTION_ARG_INT, &server_pid, "Report this process's memory", "PID" },
    { NULL }
  };
  Load load = { 0 };
  User *users;
  sqlite3 *db;
  ProcessIo io_start, io_end;
  gboolean have_io;
  double cpu_start, cpu_used, server_cpu_start, server_cpu_used, elapsed_s, changes_per_s, p50, p99, rss = -1;
  guint64 pushes;
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || server == NULL ||
      database == NULL || prefix == NULL || password_file == NULL || n_users < 1 ||
      n_clients < 1 || seconds < 1 || batch < 1 || batch > 1000)
    {
      g_printerr ("pl-server-load run: %s\n",
                  error ? error->message : "--server, --database, --user-prefix and "
                                           "--password-file are needed; counts must be positive");
      return 2;
    }
  if (!g_file_get_contents (password_file, &password, NULL, &error))
    {
      g_printerr ("pl-server-load: %s\n", error->message);
      return 1;
    }
  password[strcspn (password, "\r\n")] = '\0';
  /* The server prints its URL with a slash at the end. */
  while (g_str_has_suffix (server, "/"))
    server[strlen (server) - 1] = '\0';

  load.n_clients = n_clients;
  load.batch = batch;
  load.latencies_ms = g_array_sized_new (FALSE, FALSE, sizeof (double), 16384);
  load.loop = g_main_loop_new (NULL, FALSE);
  load.session = soup_session_new_with_options ("max-conns", n_clients + 8,
                                                "max-conns-per-host", n_clients + 8,
                                                "timeout", REQUEST_TIMEOUT_S,
                                                NULL);
  push_url = g_strconcat (server, "/api/v1/sync/push", NULL);
  load.push_uri = g_uri_parse (push_url, G_URI_FLAGS_NONE, &error);
  if (load.push_uri == NULL)
    {
      g_printerr ("pl-server-load: %s\n", error->message);
      return 1;
    }

  users = g_new0 (User, n_users);
  for (int u = 0; u < n_users; u++)
    {
      users[u].name = g_strdup_printf ("%s%d", prefix, u + 1);
      users[u].families = g_array_new (FALSE, FALSE, sizeof (Family));
      g_array_set_clear_func (users[u].families, (GDestroyNotify) family_clear);
    }

  /* Logging in hashes a password on the server: done once per client, before the clock runs. */
  g_printerr ("pl-server-load: logging in %d clients as %d users\n", n_clients, n_users);
  load.clients = g_new0 (Client, n_clients);
  for (int c = 0; c < n_clients; c++)
    {
      Client *client = &load.clients[c];

      client->load = &load;
      client->index = c;
      client->user = &users[c % n_users];
      g_snprintf (client->device, sizeof client->device, "load_%04d_%08x", c, g_random_int ());
      client->rng = ((guint64) g_random_int () << 32 | g_random_int ()) | 1;
      if (!login (&load, client, server, password, &error))
        {
          g_printerr ("pl-server-load: %s\n", error->message);
          return 1;
        }
    }

  db = open_database (database, &error);
  if (db == NULL)
    {
      g_printerr ("pl-server-load: %s\n", error->message);
      return 1;
    }
  for (int u = 0; u < n_users; u++)
    if (!read_families (db, &users[u], &error))
      {
        g_printerr ("pl-server-load: %s\n", error->message);
        sqlite3_close (db);
        return 1;
      }
  sqlite3_close (db);

  g_printerr ("pl-server-load: %d clients push %d changes a batch for %d s\n", n_clients, batch,
              seconds);
  cpu_start = cpu_seconds ();
  server_cpu_start = process_cpu_seconds (server_pid);
  have_io = process_io (server_pid, &io_start);
  load.started_at = g_get_monotonic_time ();
  load.deadline = load.started_at + (gint64) seconds * G_USEC_PER_SEC;
  load.running = n_clients;
  for (int c = 0; c < n_clients; c++)
    send_push (&load.clients[c]);
  g_timeout_add_seconds (seconds + DRAIN_TIMEOUT_S, on_watchdog, &load);
  g_main_loop_run (load.loop);

  /* The server's memory at the end of the load, before anything frees it. */
  if (server_pid > 0)
    rss = process_rss_mb (server_pid);
  cpu_used = cpu_seconds () - cpu_start;
  server_cpu_used = process_cpu_seconds (server_pid) - server_cpu_start;
  have_io = have_io && process_io (server_pid, &io_end);
  if (load.timed_out)
    {
      /* Requests still out never answered: they failed. */
      load.failed += load.running;
      load.finished_at = g_get_monotonic_time ();
      g_printerr ("pl-server-load: %u requests got no reply in time\n", load.running);
    }

  elapsed_s = (load.finished_at - load.started_at) / (double) G_USEC_PER_SEC;
  pushes = load.pushes_ok;
  changes_per_s = pushes * batch / elapsed_s;
  p50 = percentile (load.latencies_ms, 0.50);
  p99 = percentile (load.latencies_ms, 0.99);
  g_printerr ("pl-server-load: %" G_GUINT64_FORMAT " pushes in %.1f s (%.0f a second), "
              "%" G_GUINT64_FORMAT " failed (%" G_GUINT64_FORMAT " without a reply); "
              "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
              "the load generator used %.0f%% of a core\n",
              pushes, elapsed_s, pushes / elapsed_s, load.failed, load.transport_errors, p50, p99,
              load.latencies_ms->len > 0
                ? g_array_index (load.latencies_ms, double, load.latencies_ms->len - 1) : NAN,
              100 * cpu_used / elapsed_s);
  /* What the server spent, whatever else the machine was doing. */
  if (server_pid > 0 && server_cpu_start >= 0 && pushes > 0)
    g_printerr ("pl-server-load: the server used %.0f%% of a core, %.2f ms of CPU a push; "
                "load average %s", 100 * server_cpu_used / elapsed_s,
                1000 * server_cpu_used / pushes, load_average ());
  /* Counts that do not depend on how busy the machine was. */
  if (have_io && pushes > 0)
    g_printerr ("pl-server-load: a push cost the server %.0f reads (%.0f KiB) and %.0f writes "
                "(%.0f KiB), the network included\n",
                (io_end.syscr - io_start.syscr) / pushes,
                (io_end.rchar - io_start.rchar) / pushes / 1024,
                (io_end.syscw - io_start.syscw) / pushes,
                (io_end.wchar - io_start.wchar) / pushes / 1024);

  bench_print ("server_changes_per_s", changes_per_s, "changes/s");
  bench_print ("server_push_p99_ms", p99, "ms");
  printf ("BENCH server_failed_requests %" G_GUINT64_FORMAT " requests\n", load.failed);
  fflush (stdout);
  if (server_pid > 0)
    {
      if (rss >= 0)
        bench_print ("server_rss_mb", rss, "MB");
      else
        {
          g_printerr ("pl-server-load: could not read the memory of process %d\n", server_pid);
          status = 1;
        }
    }
  if (pushes == 0)
    status = 1;
  /* The process ends here; the clients' memory goes with it. */
  return status;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* Figures print with a point whatever the locale. */
  setlocale (LC_NUMERIC, "C");

  if (argc >= 2 && g_str_equal (argv[1], "schools"))
    return cmd_schools (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "run"))
    return cmd_run (argc - 1, argv + 1);
  g_printerr ("Usage: pl-server-load schools --database FILE --users N\n"
              "       pl-server-load run --server URL --database FILE --user-prefix P --users N\n"
              "                          --password-file FILE [--clients N] [--seconds S]\n"
              "                          [--batch N] [--server-pid PID]\n");
  return 2;
}
