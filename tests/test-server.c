/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "pl-core.h"
#include "pl-test-server.h"
#include "pl-test-util.h"

/* The real porchlight-server binary on 127.0.0.1, spoken to over HTTP the way
 * a client would (libsoup), with its commands run as an administrator would. */

#define PASSWORD PL_TEST_PASSWORD
#define SCHOOL_A "school-a"
#define SCHOOL_B "school-b"

typedef struct
{
  PlTestDir     dir;
  PlTestServer  server;
  SoupSession  *session;
  GPtrArray    *pool;  /* strings the test's helpers hand out */
  gint64        t0;    /* milliseconds: the tests' clock stamps start here */
} Fixture;

static const char *
keep (Fixture *fixture,
      char    *text)
{
  g_ptr_array_add (fixture->pool, text);
  return text;
}

/* Runs a server command to the end; its exit status, with its output. */
#define run_command(fixture, out, err, ...) \
  pl_test_server_run (&(fixture)->server, (out), (err), __VA_ARGS__)

static void
add_user (Fixture    *fixture,
          const char *name,
          const char *role,
          const char *schools)
{
  pl_test_server_add_user (&fixture->server, name, role, schools);
}

static void
start_server (Fixture    *fixture,
              const char *extra)
{
  pl_test_server_start (&fixture->server, extra, NULL);
}

static void
stop_server (Fixture *fixture)
{
  pl_test_server_stop (&fixture->server, SIGTERM);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  pl_test_dir_setup (&fixture->dir, data);
  pl_test_server_init (&fixture->server, &fixture->dir);
  fixture->session = soup_session_new ();
  fixture->pool = g_ptr_array_new_with_free_func (g_free);
  fixture->t0 = g_get_real_time () / 1000;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pl_test_server_clear (&fixture->server);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->pool, g_ptr_array_unref);
  pl_test_dir_teardown (&fixture->dir, data);
}

/* HTTP */

static guint
request_bytes (Fixture     *fixture,
               const char  *method,
               const char  *path,
               const char  *token,
               GBytes      *body,
               JsonObject **reply)
{
  g_autofree char *uri = g_strconcat (fixture->server.url, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  response = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);

  if (reply != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                  g_bytes_get_size (response), &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      *reply = json_object_ref (json_node_get_object (root));
    }
  return soup_message_get_status (msg);
}

static guint
request (Fixture     *fixture,
         const char  *method,
         const char  *path,
         const char  *token,
         const char  *body,
         JsonObject **reply)
{
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  return request_bytes (fixture, method, path, token, bytes, reply);
}

/* Asserts an error reply: status, code, and a message naming @mentions.
 * @reply is read here, after the request that fills it has run. */
static void
assert_error (guint         status,
              JsonObject  **reply,
              guint         expected_status,
              const char   *code,
              const char   *mentions)
{
  const char *message = json_object_get_string_member_with_default (*reply, "message", "");

  g_assert_cmpuint (status, ==, expected_status);
  g_assert_cmpstr (json_object_get_string_member_with_default (*reply, "error", NULL), ==, code);
  g_assert_cmpstr (message, !=, "");
  if (mentions != NULL && strstr (message, mentions) == NULL)
    g_error ("“%s” does not mention “%s”", message, mentions);
}

/* The push was refused for the change whose id ends with @suffix. */
static void
assert_refused_change (JsonObject  *reply,
                       const char  *suffix)
{
  const char *change_id = json_object_get_string_member_with_default (reply, "change_id", NULL);

  if (suffix == NULL)
    {
      g_assert_null (change_id);
      return;
    }
  g_assert_nonnull (change_id);
  if (!g_str_has_suffix (change_id, suffix))
    g_error ("The refused change is %s, not one of …%s", change_id, suffix);
}

static const char *
login (Fixture    *fixture,
       const char *user,
       const char *device)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"" PASSWORD "\","
                                           "\"device\":\"%s\"}", user, device);

  g_assert_cmpuint (request (fixture, "POST", "/api/v1/login", NULL, body, &reply), ==, 200);
  return keep (fixture, g_strdup (json_object_get_string_member (reply, "token")));
}

static guint
login_with (Fixture     *fixture,
            const char  *user,
            const char  *password,
            JsonObject **reply)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\","
                                           "\"device\":\"devX\"}", user, password);

  return request (fixture, "POST", "/api/v1/login", NULL, body, reply);
}

/* Changes */

static const char *
stamp (Fixture    *fixture,
       guint       tick,
       const char *device)
{
  return keep (fixture, g_strdup_printf ("%013" G_GINT64_MODIFIER "X-%04X-%s",
                                         fixture->t0 + tick, 0u, device));
}

static const char *
change (Fixture    *fixture,
        const char *device,
        guint       tick,
        const char *entity,
        const char *id,
        const char *base,
        const char *fields)
{
  const char *hlc = stamp (fixture, tick, device);
  g_autofree char *base_json = base ? g_strdup_printf ("\"%s\"", base) : g_strdup ("null");

  return keep (fixture, g_strdup_printf ("{\"change_id\":\"%s:%s\",\"entity\":\"%s\","
                                         "\"id\":\"%s\",\"fields\":%s,\"hlc\":\"%s\","
                                         "\"base_hlc\":%s}",
                                         hlc, id, entity, id, fields, hlc, base_json));
}

static const char *
school_fields (Fixture    *fixture,
               const char *name)
{
  return keep (fixture, g_strdup_printf ("{\"name\":\"%s\",\"code\":null,\"grade_low\":0,"
                                         "\"grade_high\":5,\"deleted\":false}", name));
}

static const char *
family_fields (Fixture    *fixture,
               const char *household)
{
  return keep (fixture, g_strdup_printf ("{\"household_name\":\"%s\",\"address\":null,"
                                         "\"city\":null,\"zip\":null,\"home_language\":\"es\","
                                         "\"notes\":null,\"deleted\":false}", household));
}

static const char *
guardian_fields (Fixture    *fixture,
                 const char *family_id)
{
  return keep (fixture, g_strdup_printf ("{\"family_id\":\"%s\",\"position\":0,"
                                         "\"full_name\":\"Rosa Díaz\",\"relationship\":\"mother\","
                                         "\"phone\":\"555-0100\",\"phone_alt\":null,\"email\":null,"
                                         "\"preferred_language\":\"es\",\"needs_interpreter\":1,"
                                         "\"can_text\":1,\"deleted\":false}", family_id));
}

static const char *
student_fields (Fixture    *fixture,
                const char *family_id,
                const char *school_id)
{
  return keep (fixture, g_strdup_printf ("{\"family_id\":\"%s\",\"position\":0,"
                                         "\"district_id\":null,\"full_name\":\"Mateo Díaz\","
                                         "\"school_id\":\"%s\",\"grade\":3,"
                                         "\"emerging_bilingual\":1,\"iep\":0,\"plan_504\":0,"
                                         "\"deleted\":false}", family_id, school_id));
}

/* A push body of the NULL-terminated changes. */
static const char *
batch (Fixture    *fixture,
       const char *device,
       ...)
{
  GString *body = g_string_new (NULL);
  const char *item;
  va_list ap;

  g_string_append_printf (body, "{\"device\":\"%s\",\"changes\":[", device);
  va_start (ap, device);
  for (guint i = 0; (item = va_arg (ap, const char *)); i++)
    g_string_append_printf (body, "%s%s", i ? "," : "", item);
  va_end (ap);
  g_string_append (body, "]}");
  return keep (fixture, g_string_free (body, FALSE));
}

/* A family, its guardian ("guardian-FAMILY") and student ("student-FAMILY"). */
static const char *
family_batch (Fixture    *fixture,
              const char *device,
              guint       tick,
              const char *family_id,
              const char *school_id)
{
  const char *guardian = keep (fixture, g_strconcat ("guardian-", family_id, NULL));
  const char *student = keep (fixture, g_strconcat ("student-", family_id, NULL));

  return batch (fixture, device,
                change (fixture, device, tick, "families", family_id, NULL,
                        family_fields (fixture, family_id)),
                change (fixture, device, tick + 1, "guardians", guardian, NULL,
                        guardian_fields (fixture, family_id)),
                change (fixture, device, tick + 2, "students", student, NULL,
                        student_fields (fixture, family_id, school_id)),
                NULL);
}

static void
push_ok (Fixture    *fixture,
         const char *token,
         const char *body,
         gint64      accepted,
         gint64      duplicates,
         gint64      conflicts)
{
  g_autoptr(JsonObject) reply = NULL;

  g_assert_cmpuint (request (fixture, "POST", "/api/v1/sync/push", token, body, &reply), ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply, "accepted"), ==, accepted);
  g_assert_cmpint (json_object_get_int_member (reply, "duplicates"), ==, duplicates);
  g_assert_cmpint (json_object_get_int_member (reply, "conflicts"), ==, conflicts);
}

static guint
push (Fixture     *fixture,
      const char  *token,
      const char  *body,
      JsonObject **reply)
{
  return request (fixture, "POST", "/api/v1/sync/push", token, body, reply);
}

/* An admin with the district's two schools on the server. */
static const char *
setup_district (Fixture *fixture)
{
  const char *admin;

  add_user (fixture, "admin", "admin", "all");
  add_user (fixture, "ana", "liaison", SCHOOL_A);
  start_server (fixture, NULL);
  admin = login (fixture, "admin", "devAdmin");
  push_ok (fixture, admin,
           batch (fixture, "devAdmin",
                  change (fixture, "devAdmin", 1, "schools", SCHOOL_A, NULL,
                          school_fields (fixture, "Brightwood Elementary")),
                  change (fixture, "devAdmin", 2, "schools", SCHOOL_B, NULL,
                          school_fields (fixture, "Lincoln Elementary")),
                  NULL),
           2, 0, 0);
  return admin;
}

/* A client applies each page in one transaction, so a row's parents (its
 * family, its student's school) must come in the same page or before. */
static void
assert_parents_sent (GHashTable *rows,
                     JsonArray  *page)
{
  for (guint i = 0; i < json_array_get_length (page); i++)
    {
      JsonObject *row = json_array_get_object_element (page, i);
      JsonObject *fields = json_object_has_member (row, "fields")
                             ? json_object_get_object_member (row, "fields") : NULL;
      const char *entity = json_object_get_string_member (row, "entity");
      const char *family, *school;

      if (fields == NULL)
        continue;  /* a "gone" marker */
      family = json_object_get_string_member_with_default (fields, "family_id", NULL);
      school = json_object_get_string_member_with_default (fields, "school_id", NULL);

      if (!g_str_equal (entity, "families") && family != NULL)
        {
          g_autofree char *key = g_strdup_printf ("families\t%s", family);
          g_assert_true (g_hash_table_contains (rows, key));
        }
      if (g_str_equal (entity, "students") && school != NULL)
        {
          g_autofree char *key = g_strdup_printf ("schools\t%s", school);
          g_assert_true (g_hash_table_contains (rows, key));
        }
    }
}

/* Pulls every page after *@cursor, two rows at a time so paging is used;
 * returns the rows by "entity\tid" and moves *@cursor on. */
static GHashTable *
pull_all (Fixture     *fixture,
          const char  *token,
          char       **cursor)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_object_unref);
  gboolean from_scratch = *cursor == NULL;
  gboolean more = TRUE;
  gint64 first_remaining = -1;
  guint first_page = 0;

  while (more)
    {
      g_autoptr(JsonObject) reply = NULL;
      g_autofree char *path = g_strdup_printf ("/api/v1/sync/pull?since=%s&limit=2",
                                               *cursor ? *cursor : "");
      JsonArray *page;
      gint64 remaining;

      g_assert_cmpuint (request (fixture, "GET", path, token, NULL, &reply), ==, 200);
      page = json_object_get_array_member (reply, "rows");
      for (guint i = 0; i < json_array_get_length (page); i++)
        {
          JsonObject *row = json_array_get_object_element (page, i);
          const char *entity = json_object_get_string_member (row, "entity");
          const char *id = json_object_get_string_member (row, "id");

          /* A family that left the user's schools: a marker, not a row. */
          if (json_object_get_boolean_member_with_default (row, "gone", FALSE))
            {
              g_assert_cmpstr (entity, ==, "families");
              g_assert_false (json_object_has_member (row, "fields"));
              g_hash_table_replace (rows, g_strdup_printf ("gone\t%s", id),
                                    json_object_ref (row));
              continue;
            }
          g_assert_true (json_object_has_member (row, "fields"));
          g_assert_true (json_object_has_member (row, "clocks"));
          g_hash_table_replace (rows, g_strdup_printf ("%s\t%s", entity, id),
                                json_object_ref (row));
        }
      if (from_scratch)
        assert_parents_sent (rows, page);
      more = json_object_get_boolean_member (reply, "more");
      remaining = json_object_get_int_member (reply, "remaining");
      /* Something left while there are more pages, nothing after the last. */
      if (more)
        g_assert_cmpint (remaining, >, 0);
      else
        g_assert_cmpint (remaining, ==, 0);
      if (first_remaining < 0)
        {
          first_remaining = remaining;
          first_page = g_hash_table_size (rows);
        }
      g_free (*cursor);
      *cursor = g_strdup (json_object_get_string_member (reply, "cursor"));
    }
  /* "remaining" bounds what the later pages brought, so a progress bar
   * never passes its end. */
  g_assert_cmpint (first_remaining, >=, (gint64) g_hash_table_size (rows) - first_page);
  return rows;
}

static gboolean
has_row (GHashTable *rows,
         const char *entity,
         const char *id)
{
  g_autofree char *key = g_strdup_printf ("%s\t%s", entity, id);

  return g_hash_table_contains (rows, key);
}

static const char *
field_of (GHashTable *rows,
          const char *entity,
          const char *id,
          const char *field)
{
  g_autofree char *key = g_strdup_printf ("%s\t%s", entity, id);
  JsonObject *row = g_hash_table_lookup (rows, key);

  g_assert_nonnull (row);
  return json_object_get_string_member (json_object_get_object_member (row, "fields"), field);
}

static guint
count_entity (GHashTable *rows,
              const char *entity)
{
  GHashTableIter iter;
  const char *key;
  guint n = 0;

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    n += g_str_has_prefix (key, entity) && key[strlen (entity)] == '\t';
  return n;
}

static GStrv
audit_lines (Fixture    *fixture,
             const char *family)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (family != NULL)
    g_assert_cmpint (run_command (fixture, &out, &err, "audit", "--family", family, NULL), ==, 0);
  else
    g_assert_cmpint (run_command (fixture, &out, &err, "audit", NULL), ==, 0);
  return g_strsplit (g_strchomp (out), "\n", -1);
}

/* Tests */

static void
test_commands (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *password_file = pl_test_dir_file (&fixture->dir, "password");
  g_autofree char *missing = pl_test_dir_file (&fixture->dir, "missing.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  /* init is idempotent: a second run keeps the users. */
  add_user (fixture, "ana", "liaison", SCHOOL_A ",school-c");
  g_assert_cmpint (run_command (fixture, &out, &err, "init", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (password_file, PASSWORD, -1, NULL));
  g_assert_cmpint (run_command (fixture, &out, &err, "user", "add", "ana", "--role", "viewer",
                                "--schools", "all", "--password-file", password_file, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "ana"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_command (fixture, &out, &err, "user", "add", "zoe", "--role", "boss",
                                "--schools", "all", "--password-file", password_file, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "boss"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No terminal and no file: no way to ask for a password. */
  g_assert_cmpint (run_command (fixture, &out, &err, "user", "add", "zoe", "--role", "viewer",
                                "--schools", "all", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--password-file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  add_user (fixture, "zoe", "viewer", "all");
  g_assert_cmpint (run_command (fixture, &out, &err, "user", "disable", "zoe", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_command (fixture, &out, &err, "user", "disable", "nobody", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_command (fixture, &out, &err, "user", "list", NULL), ==, 0);
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "ana\tliaison\t" SCHOOL_A ",school-c\tactive");
  g_assert_cmpstr (lines[1], ==, "zoe\tviewer\tall\tdisabled");
  /* The password never shows, nor its hash. */
  g_assert_null (strstr (out, PASSWORD));
  g_assert_null (strstr (out, "argon2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_command (fixture, &out, &err, "frobnicate", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Plain HTTP to the network is refused before anything listens. */
  g_assert_cmpint (run_command (fixture, &out, &err, "serve", "--listen", "0.0.0.0", "--port",
                                "0", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--tls-cert"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A mistyped database path does not start an empty server. */
  {
    char *db = fixture->server.db;

    fixture->server.db = missing;
    g_assert_cmpint (run_command (fixture, &out, &err, "user", "list", NULL), ==, 1);
    fixture->server.db = db;
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *user;
  const char *token;

  add_user (fixture, "ana", "liaison", SCHOOL_A);
  add_user (fixture, "bea", "viewer", SCHOOL_B);
  /* A password file written on Windows: the line ends are not the password. */
  {
    g_autofree char *crlf = pl_test_dir_file (&fixture->dir, "crlf-password");

    g_assert_true (g_file_set_contents (crlf, PASSWORD "\r\nsecond line\r\n", -1, NULL));
    g_assert_cmpint (run_command (fixture, &out, &err, "user", "add", "cy", "--role", "viewer",
                                  "--schools", SCHOOL_B, "--password-file", crlf, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  start_server (fixture, NULL);
  g_assert_cmpuint (login_with (fixture, "cy", PASSWORD, &reply), ==, 200);
  g_clear_pointer (&reply, json_object_unref);

  g_assert_cmpuint (request (fixture, "GET", "/api/v1/status", NULL, NULL, &reply), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply, "server"), ==, "porchlight");
  g_assert_cmpint (json_object_get_int_member (reply, "api"), ==, 1);
  g_assert_false (json_object_has_member (reply, "user"));
  g_clear_pointer (&reply, json_object_unref);

  g_assert_cmpuint (login_with (fixture, "ana", PASSWORD, &reply), ==, 200);
  token = keep (fixture, g_strdup (json_object_get_string_member (reply, "token")));
  g_assert_cmpuint (strlen (token), ==, 43);  /* 32 bytes, base64url without padding */
  g_assert_true (g_str_has_suffix (json_object_get_string_member (reply, "expires_at"), "Z"));
  user = json_object_get_object_member (reply, "user");
  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "ana");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "liaison");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (user, "schools"),
                                                  0), ==, SCHOOL_A);
  g_clear_pointer (&reply, json_object_unref);

  g_assert_cmpuint (request (fixture, "GET", "/api/v1/status", token, NULL, &reply), ==, 200);
  user = json_object_get_object_member (reply, "user");
  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "ana");
  g_clear_pointer (&reply, json_object_unref);

  assert_error (login_with (fixture, "ana", "wrong password", &reply), &reply, 401,
                "wrong-password", NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (login_with (fixture, "nobody", PASSWORD, &reply), &reply, 401, "wrong-password",
                NULL);
  g_clear_pointer (&reply, json_object_unref);

  /* Disabling a user ends their sessions at once and refuses new ones. */
  g_assert_cmpint (run_command (fixture, &out, &err, "user", "disable", "ana", NULL), ==, 0);
  assert_error (login_with (fixture, "ana", PASSWORD, &reply), &reply, 401, "wrong-password",
                NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (request (fixture, "GET", "/api/v1/sync/pull", token, NULL, &reply), &reply, 401,
                "unauthenticated", NULL);
  g_clear_pointer (&reply, json_object_unref);

  /* No token, an unknown token, a token after logout. */
  assert_error (request (fixture, "GET", "/api/v1/sync/pull", NULL, NULL, &reply), &reply, 401,
                "unauthenticated", NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (push (fixture, "not-a-token", batch (fixture, "devX", NULL), &reply), &reply, 401,
                "unauthenticated", NULL);
  g_clear_pointer (&reply, json_object_unref);

  token = login (fixture, "bea", "devB");
  g_assert_cmpuint (request (fixture, "POST", "/api/v1/logout", token, NULL, &reply), ==, 200);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (request (fixture, "GET", "/api/v1/sync/pull", token, NULL, &reply), &reply, 401,
                "unauthenticated", NULL);
  g_clear_pointer (&reply, json_object_unref);

  assert_error (request (fixture, "GET", "/api/v1/nothing", NULL, NULL, &reply), &reply, 404,
                "not-found", NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (request (fixture, "GET", "/api/v1/login", NULL, NULL, &reply), &reply, 405,
                "method-not-allowed", NULL);
}

static void
test_throttle (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;

  add_user (fixture, "ana", "liaison", SCHOOL_A);
  start_server (fixture, NULL);

  for (guint i = 0; i < 5; i++)
    {
      assert_error (login_with (fixture, "ana", "guess", &reply), &reply, 401, "wrong-password",
                    NULL);
      g_clear_pointer (&reply, json_object_unref);
    }
  /* Locked: even the right password waits. */
  assert_error (login_with (fixture, "ana", PASSWORD, &reply), &reply, 429, "throttled", NULL);
  g_assert_cmpint (json_object_get_int_member (reply, "retry_after"), >, 0);
  g_assert_cmpint (json_object_get_int_member (reply, "retry_after"), <=, 15 * 60);
}

static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;
  const char *token;

  add_user (fixture, "ana", "liaison", SCHOOL_A);
  start_server (fixture, "--token-lifetime=1");
  token = login (fixture, "ana", "devA");
  g_usleep (2 * G_USEC_PER_SEC);
  assert_error (request (fixture, "GET", "/api/v1/sync/pull", token, NULL, &reply), &reply, 401,
                "session-expired", NULL);
}

static void
test_push_scope (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autofree char *cursor = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) all_lines = NULL;
  const char *admin = setup_district (fixture);
  const char *ana = login (fixture, "ana", "devA");
  const char *bea;
  const char *body;

  add_user (fixture, "bea", "liaison", SCHOOL_B);
  bea = login (fixture, "bea", "devB");

  /* Ana, a liaison of school A, adds a family at her school. */
  body = family_batch (fixture, "devA", 100, "family-a", SCHOOL_A);
  push_ok (fixture, ana, body, 3, 0, 0);
  /* The same push again (a retry after a lost reply): acknowledged, applied once. */
  push_ok (fixture, ana, body, 0, 3, 0);
  lines = audit_lines (fixture, "family-a");
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  {
    g_auto(GStrv) columns = g_strsplit (lines[0], "\t", -1);

    /* time, user, device, entity, row id, change id, fields */
    g_assert_cmpuint (g_strv_length (columns), ==, 7);
    g_assert_true (g_str_has_suffix (columns[0], "Z"));
    g_assert_cmpstr (columns[1], ==, "ana");
    g_assert_cmpstr (columns[2], ==, "devA");
    g_assert_cmpstr (columns[3], ==, "families");
    g_assert_cmpstr (columns[4], ==, "family-a");
    g_assert_true (g_str_has_suffix (columns[5], ":family-a"));
    g_assert_nonnull (strstr (columns[6], "\"household_name\":\"family-a\""));
  }
  /* Schools by the admin, then Ana's three. */
  all_lines = audit_lines (fixture, NULL);
  g_assert_cmpuint (g_strv_length (all_lines), ==, 5);

  /* A family at school B is not hers to change. */
  push_ok (fixture, admin, family_batch (fixture, "devAdmin", 200, "family-b", SCHOOL_B), 3, 0, 0);
  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 300, "families", "family-a", NULL,
                                     "{\"notes\":\"a change that must not stay\"}"),
                             change (fixture, "devA", 301, "families", "family-b", NULL,
                                     "{\"household_name\":\"Renamed\"}"),
                             NULL),
                      &reply),
                &reply, 403, "forbidden-school", "family-b");
  /* The reply names the change at fault, so the laptop can set it aside. */
  assert_refused_change (reply, ":family-b");
  g_clear_pointer (&reply, json_object_unref);

  /* Nor can she take it over by enrolling a student of her own in it. */
  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 302, "students", "student-x", NULL,
                                     student_fields (fixture, "family-b", SCHOOL_A)),
                             NULL),
                      &reply),
                &reply, 403, "forbidden-school", "family-b");
  assert_refused_change (reply, ":student-x");
  g_clear_pointer (&reply, json_object_unref);

  /* Nor create a family whose only student is at school B: the student is
   * what takes it out of her schools. */
  assert_error (push (fixture, ana, family_batch (fixture, "devA", 310, "family-c", SCHOOL_B),
                      &reply),
                &reply, 403, "forbidden-school", "family-c");
  assert_refused_change (reply, ":student-family-c");
  g_clear_pointer (&reply, json_object_unref);

  /* A client's batch may end between a family and its student: the family
   * stays Ana's until the student arrives, and nobody else's. */
  push_ok (fixture, ana,
           batch (fixture, "devA",
                  change (fixture, "devA", 400, "families", "family-d", NULL,
                          family_fields (fixture, "family-d")),
                  change (fixture, "devA", 401, "guardians", "guardian-family-d", NULL,
                          guardian_fields (fixture, "family-d")),
                  NULL),
           2, 0, 0);
  assert_error (push (fixture, bea,
                      batch (fixture, "devB",
                             change (fixture, "devB", 402, "students", "student-bea", NULL,
                                     student_fields (fixture, "family-d", SCHOOL_B)),
                             NULL),
                      &reply),
                &reply, 403, "forbidden-school", "family-d");
  assert_refused_change (reply, ":student-bea");
  g_clear_pointer (&reply, json_object_unref);
  push_ok (fixture, ana,
           batch (fixture, "devA",
                  change (fixture, "devA", 403, "students", "student-family-d", NULL,
                          student_fields (fixture, "family-d", SCHOOL_A)),
                  NULL),
           1, 0, 0);

  /* Nothing of the refused batches stayed, nor went into the audit journal. */
  rows = pull_all (fixture, admin, &cursor);
  g_assert_cmpstr (field_of (rows, "families", "family-b", "household_name"), ==, "family-b");
  g_assert_null (field_of (rows, "families", "family-a", "notes"));
  g_assert_false (has_row (rows, "students", "student-x"));
  g_assert_false (has_row (rows, "families", "family-c"));
  g_assert_false (has_row (rows, "students", "student-bea"));
  g_assert_cmpstr (field_of (rows, "students", "student-family-d", "school_id"), ==, SCHOOL_A);
  g_strfreev (all_lines);
  all_lines = audit_lines (fixture, NULL);
  g_assert_cmpuint (g_strv_length (all_lines), ==, 11);
}

static void
test_roles (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;
  const char *viewer, *entry, *ana;

  setup_district (fixture);
  add_user (fixture, "vic", "viewer", SCHOOL_A);
  add_user (fixture, "eli", "entry", SCHOOL_A);
  viewer = login (fixture, "vic", "devV");
  entry = login (fixture, "eli", "devE");
  ana = login (fixture, "ana", "devA");

  assert_error (push (fixture, viewer, family_batch (fixture, "devV", 10, "family-v", SCHOOL_A),
                      &reply),
                &reply, 403, "forbidden-role", "families");
  assert_refused_change (reply, ":family-v");
  g_clear_pointer (&reply, json_object_unref);
  assert_error (push (fixture, entry, family_batch (fixture, "devE", 10, "family-e", SCHOOL_A),
                      &reply),
                &reply, 403, "forbidden-role", "families");
  g_clear_pointer (&reply, json_object_unref);
  /* Schools are the admin's. */
  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 10, "schools", "school-z", NULL,
                                     school_fields (fixture, "Zeta")),
                             NULL),
                      &reply),
                &reply, 403, "forbidden-role", "schools");
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *fields = NULL;
  GString *huge;
  const char *ana;

  setup_district (fixture);
  ana = login (fixture, "ana", "devA");

  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 10, "spaceships", "x1", NULL, "{}"), NULL),
                      &reply),
                &reply, 400, "unknown-entity", "spaceships");
  assert_refused_change (reply, ":x1");
  g_clear_pointer (&reply, json_object_unref);

  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 11, "families", "family-a", NULL,
                                     "{\"household_name\":\"A\",\"shoe_size\":\"44\"}"),
                             NULL),
                      &reply),
                &reply, 400, "unknown-field", "shoe_size");
  assert_refused_change (reply, ":family-a");
  g_clear_pointer (&reply, json_object_unref);

  long_text = g_strnfill (10001, 'x');
  fields = g_strdup_printf ("{\"household_name\":\"A\",\"notes\":\"%s\"}", long_text);
  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 12, "families", "family-a", NULL, fields),
                             NULL),
                      &reply),
                &reply, 400, "too-long", "notes");
  assert_refused_change (reply, ":family-a");
  g_clear_pointer (&reply, json_object_unref);

  /* A request broken as a whole names no change. */
  assert_error (push (fixture, ana, "{\"device\":\"devA\",\"changes\":[", &reply), &reply, 400,
                "bad-request", NULL);
  assert_refused_change (reply, NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (push (fixture, ana, batch (fixture, "devOther", NULL), &reply), &reply, 400,
                "bad-request", NULL);
  g_clear_pointer (&reply, json_object_unref);
  /* A stamp of another device: Ana's laptop cannot pass changes off as Luis's. */
  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devL", 13, "families", "family-a", NULL,
                                     family_fields (fixture, "A")),
                             NULL),
                      &reply),
                &reply, 400, "bad-request", NULL);
  g_clear_pointer (&reply, json_object_unref);

  /* Over 8 MiB: refused whole. */
  huge = g_string_new ("{\"device\":\"devA\",\"changes\":[],\"padding\":\"");
  while (huge->len < 8 * 1024 * 1024 + 1024)
    g_string_append (huge, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (huge, "\"}");
  big = g_string_free_to_bytes (huge);
  assert_error (request_bytes (fixture, "POST", "/api/v1/sync/push", ana, big, &reply),
                &reply, 413, "too-large", NULL);
  g_clear_pointer (&reply, json_object_unref);

  /* The server still answers after all that. */
  push_ok (fixture, ana, family_batch (fixture, "devA", 20, "family-a", SCHOOL_A), 3, 0, 0);
}

static void
test_pull_scope (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) later = NULL;
  g_autofree char *cursor = NULL;
  const char *admin = setup_district (fixture);
  const char *ana;
  const char *move;

  push_ok (fixture, admin, family_batch (fixture, "devAdmin", 100, "family-a", SCHOOL_A), 3, 0, 0);
  push_ok (fixture, admin, family_batch (fixture, "devAdmin", 200, "family-b", SCHOOL_B), 3, 0, 0);

  ana = login (fixture, "ana", "devA");
  rows = pull_all (fixture, ana, &cursor);
  g_assert_cmpuint (count_entity (rows, "schools"), ==, 2);
  g_assert_true (has_row (rows, "families", "family-a"));
  g_assert_true (has_row (rows, "guardians", "guardian-family-a"));
  g_assert_true (has_row (rows, "students", "student-family-a"));
  g_assert_false (has_row (rows, "families", "family-b"));
  g_assert_false (has_row (rows, "guardians", "guardian-family-b"));
  g_assert_false (has_row (rows, "students", "student-family-b"));
  g_assert_cmpuint (g_hash_table_size (rows), ==, 5);

  /* The student of family B moves to school A: Ana's next pull brings the whole family. */
  move = keep (fixture, g_strdup_printf ("{\"school_id\":\"%s\"}", SCHOOL_A));
  push_ok (fixture, admin,
           batch (fixture, "devAdmin",
                  change (fixture, "devAdmin", 300, "students", "student-family-b",
                          stamp (fixture, 202, "devAdmin"), move),
                  NULL),
           1, 0, 0);
  later = pull_all (fixture, ana, &cursor);
  g_assert_true (has_row (later, "families", "family-b"));
  g_assert_true (has_row (later, "guardians", "guardian-family-b"));
  g_assert_true (has_row (later, "students", "student-family-b"));
  g_assert_cmpstr (field_of (later, "students", "student-family-b", "school_id"), ==, SCHOOL_A);
  g_assert_false (has_row (later, "families", "family-a"));

  /* Nothing more until something changes. */
  g_hash_table_unref (later);
  later = pull_all (fixture, ana, &cursor);
  g_assert_cmpuint (g_hash_table_size (later), ==, 0);

  /* A school renamed and a family edited after their rows were added sort
   * after them; a new laptop still gets each in time (pull_all checks). */
  push_ok (fixture, admin,
           batch (fixture, "devAdmin",
                  change (fixture, "devAdmin", 400, "schools", SCHOOL_A,
                          stamp (fixture, 1, "devAdmin"), "{\"name\":\"Brightwood K-8\"}"),
                  change (fixture, "devAdmin", 401, "families", "family-a",
                          stamp (fixture, 100, "devAdmin"), "{\"notes\":\"Moved in May\"}"),
                  NULL),
           2, 0, 0);
  g_hash_table_unref (later);
  g_clear_pointer (&cursor, g_free);
  later = pull_all (fixture, ana, &cursor);
  g_assert_cmpuint (g_hash_table_size (later), ==, 8);
  g_assert_cmpstr (field_of (later, "schools", SCHOOL_A, "name"), ==, "Brightwood K-8");

  /* Family A's only student moves to school B: Ana's next pull says the
   * family is gone from her schools, and sends none of its rows. */
  move = keep (fixture, g_strdup_printf ("{\"school_id\":\"%s\"}", SCHOOL_B));
  push_ok (fixture, admin,
           batch (fixture, "devAdmin",
                  change (fixture, "devAdmin", 500, "students", "student-family-a",
                          stamp (fixture, 102, "devAdmin"), move),
                  NULL),
           1, 0, 0);
  g_hash_table_unref (later);
  later = pull_all (fixture, ana, &cursor);
  g_assert_true (has_row (later, "gone", "family-a"));
  g_assert_false (has_row (later, "families", "family-a"));
  g_assert_false (has_row (later, "students", "student-family-a"));
  g_assert_cmpuint (g_hash_table_size (later), ==, 1);
  /* Said once. */
  g_hash_table_unref (later);
  later = pull_all (fixture, ana, &cursor);
  g_assert_cmpuint (g_hash_table_size (later), ==, 0);
  /* A laptop starting afresh gets no marker for a family it never had a
   * right to, nor the family. */
  {
    g_autofree char *fresh_cursor = NULL;
    g_autoptr(GHashTable) fresh = pull_all (fixture, ana, &fresh_cursor);

    g_assert_false (has_row (fresh, "families", "family-a"));
  }
  /* The family is not deleted: school B's liaison has it now. */
  {
    g_autofree char *bea_cursor = NULL;
    g_autoptr(GHashTable) at_b = NULL;
    const char *bea;

    add_user (fixture, "bea", "liaison", SCHOOL_B);
    bea = login (fixture, "bea", "devB");
    at_b = pull_all (fixture, bea, &bea_cursor);
    g_assert_true (has_row (at_b, "families", "family-a"));
    g_assert_false (has_row (at_b, "gone", "family-a"));
  }

  /* Back at school A: the whole family comes again, with no marker. */
  move = keep (fixture, g_strdup_printf ("{\"school_id\":\"%s\"}", SCHOOL_A));
  push_ok (fixture, admin,
           batch (fixture, "devAdmin",
                  change (fixture, "devAdmin", 600, "students", "student-family-a",
                          stamp (fixture, 500, "devAdmin"), move),
                  NULL),
           1, 0, 0);
  g_hash_table_unref (later);
  later = pull_all (fixture, ana, &cursor);
  g_assert_true (has_row (later, "families", "family-a"));
  g_assert_true (has_row (later, "guardians", "guardian-family-a"));
  g_assert_false (has_row (later, "gone", "family-a"));
}

static void
test_clock_ahead (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;
  const char *ana;

  setup_district (fixture);
  ana = login (fixture, "ana", "devA");

  /* A laptop whose clock runs an hour ahead: refused, naming the change,
   * with words about the computer's clock. */
  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 3600 * 1000, "families", "family-a", NULL,
                                     family_fields (fixture, "Ahead")),
                             NULL),
                      &reply),
                &reply, 400, "clock-ahead", "date and time");
  assert_refused_change (reply, ":family-a");
  g_clear_pointer (&reply, json_object_unref);

  /* A minute ahead is within what laptops drift. */
  push_ok (fixture, ana, family_batch (fixture, "devA", 60 * 1000, "family-a", SCHOOL_A), 3, 0, 0);

  /* The limit is the server's to set. */
  stop_server (fixture);
  start_server (fixture, "--max-clock-ahead=30");
  ana = login (fixture, "ana", "devA");
  assert_error (push (fixture, ana,
                      batch (fixture, "devA",
                             change (fixture, "devA", 60 * 1000 + 1, "families", "family-a",
                                     stamp (fixture, 60 * 1000, "devA"), "{\"notes\":\"x\"}"),
                             NULL),
                      &reply),
                &reply, 400, "clock-ahead", NULL);
}

static void
test_row (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(JsonObject) reply = NULL;
  const char *admin = setup_district (fixture);
  const char *ana;
  JsonObject *row;

  push_ok (fixture, admin, family_batch (fixture, "devAdmin", 100, "family-a", SCHOOL_A), 3, 0, 0);
  push_ok (fixture, admin, family_batch (fixture, "devAdmin", 200, "family-b", SCHOOL_B), 3, 0, 0);
  ana = login (fixture, "ana", "devA");

  /* One row as the server holds it, with its clocks, as a pull sends it. */
  g_assert_cmpuint (request (fixture, "GET", "/api/v1/sync/row?entity=guardians&id=guardian-family-a",
                             ana, NULL, &reply), ==, 200);
  row = json_object_get_object_member (reply, "row");
  g_assert_cmpstr (json_object_get_string_member (row, "entity"), ==, "guardians");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row, "fields"),
                                                  "full_name"), ==, "Rosa Díaz");
  g_assert_true (json_object_has_member (json_object_get_object_member (row, "clocks"),
                                         "full_name"));
  g_clear_pointer (&reply, json_object_unref);

  /* Another school's row is as unknown as one that does not exist. */
  assert_error (request (fixture, "GET", "/api/v1/sync/row?entity=families&id=family-b", ana,
                         NULL, &reply),
                &reply, 404, "not-found", NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (request (fixture, "GET", "/api/v1/sync/row?entity=families&id=nobody", ana, NULL,
                         &reply),
                &reply, 404, "not-found", NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (request (fixture, "GET", "/api/v1/sync/row?entity=spaceships&id=x", ana, NULL,
                         &reply),
                &reply, 404, "not-found", NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (request (fixture, "GET", "/api/v1/sync/row?entity=families", ana, NULL, &reply),
                &reply, 400, "bad-request", NULL);
  g_clear_pointer (&reply, json_object_unref);
  assert_error (request (fixture, "GET", "/api/v1/sync/row?entity=families&id=family-a", NULL,
                         NULL, &reply),
                &reply, 401, "unauthenticated", NULL);
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GHashTable) ana_rows = NULL;
  g_autoptr(GHashTable) luis_rows = NULL;
  g_autofree char *ana_cursor = NULL;
  g_autofree char *luis_cursor = NULL;
  const char *ana, *luis, *base;
  GHashTableIter iter;
  const char *key;
  JsonObject *row;

  setup_district (fixture);
  add_user (fixture, "luis", "liaison", SCHOOL_A);
  ana = login (fixture, "ana", "devA");
  luis = login (fixture, "luis", "devL");
  push_ok (fixture, ana, family_batch (fixture, "devA", 100, "family-a", SCHOOL_A), 3, 0, 0);
  base = stamp (fixture, 100, "devA");

  /* Both correct the household name from the same starting point, offline. */
  push_ok (fixture, ana,
           batch (fixture, "devA",
                  change (fixture, "devA", 200, "families", "family-a", base,
                          "{\"household_name\":\"Díaz López\"}"),
                  NULL),
           1, 0, 0);
  push_ok (fixture, luis,
           batch (fixture, "devL",
                  change (fixture, "devL", 210, "families", "family-a", base,
                          "{\"household_name\":\"Diaz-Lopez\"}"),
                  NULL),
           1, 0, 1);

  ana_rows = pull_all (fixture, ana, &ana_cursor);
  luis_rows = pull_all (fixture, luis, &luis_cursor);
  g_assert_cmpuint (count_entity (ana_rows, "conflicts"), ==, 1);
  g_assert_cmpuint (count_entity (luis_rows, "conflicts"), ==, 1);
  g_assert_cmpstr (field_of (ana_rows, "families", "family-a", "household_name"), ==,
                   "Diaz-Lopez");

  g_hash_table_iter_init (&iter, luis_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &row))
    if (g_str_has_prefix (key, "conflicts\t"))
      {
        JsonObject *fields = json_object_get_object_member (row, "fields");

        g_assert_true (has_row (ana_rows, "conflicts", json_object_get_string_member (row, "id")));
        g_assert_cmpstr (json_object_get_string_member (fields, "row_id"), ==, "family-a");
        g_assert_cmpstr (json_object_get_string_member (fields, "field"), ==, "household_name");
        g_assert_cmpstr (json_object_get_string_member (fields, "winner_value"), ==, "Diaz-Lopez");
        g_assert_cmpstr (json_object_get_string_member (fields, "loser_value"), ==, "Díaz López");
      }
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *copy = pl_test_dir_file (&fixture->dir, "backup.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *admin = setup_district (fixture);
  GStatBuf info;

  push_ok (fixture, admin, family_batch (fixture, "devAdmin", 100, "family-a", SCHOOL_A), 3, 0, 0);
  push_ok (fixture, admin, family_batch (fixture, "devAdmin", 200, "family-b", SCHOOL_B), 3, 0, 0);

  /* While the server runs. */
  g_assert_cmpint (run_command (fixture, &out, &err, "backup", copy, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Never over an existing file. */
  g_assert_cmpint (run_command (fixture, &out, &err, "backup", copy, NULL), ==, 1);

  /* Password hashes and family records: readable by the administrator only. */
  g_assert_cmpint (g_stat (copy, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  store = pl_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_families (store, &error), ==, 2);
  g_assert_no_error (error);
}

/* Texts with every character JSON escapes, and beyond the BMP, arrive as they
 * were pushed: in a pull read by json-glib, and in a laptop's database. */
static void
test_text_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  /* As C text, then as the same text in JSON with escapes of every kind. */
  static const char household[] = "O\"Brien \\ Díaz\n\t\001 / Nguyễn 😀 مُحَمَّد";
  static const char household_json[] = "O\\\"Brien \\\\ D\\u00edaz\\n\\t\\u0001 \\/ Nguyễn "
                                       "\\ud83d\\ude00 مُحَمَّد";
  static const char notes[] = "line one\r\nline two\b\f";
  g_autofree char *client_path = pl_test_dir_file (&fixture->dir, "client.db");
  g_autofree char *cursor = NULL;
  g_autofree char *token = NULL;
  g_autofree char *fields = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(PlGuardian) guardian = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *family_row;
  const char *admin = setup_district (fixture);

  fields = g_strdup_printf ("{\"household_name\":\"%s\",\"address\":null,\"city\":null,"
                            "\"zip\":null,\"home_language\":\"ar\","
                            "\"notes\":\"line one\\r\\nline two\\b\\f\",\"deleted\":false}",
                            household_json);
  push_ok (fixture, admin,
           batch (fixture, "devAdmin",
                  change (fixture, "devAdmin", 100, "families", "family-x", NULL, fields),
                  change (fixture, "devAdmin", 101, "guardians", "guardian-x", NULL,
                          "{\"family_id\":\"family-x\",\"position\":0,"
                          "\"full_name\":\"\\u0645\\u064f\\u062d\\u064e\\u0645\\u064e\\u0651\\u062f"
                          " Tab\\there\",\"relationship\":null,\"phone\":\"(413) 555-0199\","
                          "\"phone_alt\":null,\"email\":null,\"preferred_language\":\"ar\","
                          "\"needs_interpreter\":1,\"can_text\":0,\"deleted\":false}"),
                  change (fixture, "devAdmin", 102, "students", "student-x", NULL,
                          student_fields (fixture, "family-x", SCHOOL_A)),
                  NULL),
           3, 0, 0);

  rows = pull_all (fixture, admin, &cursor);
  g_assert_cmpstr (field_of (rows, "families", "family-x", "household_name"), ==, household);
  g_assert_cmpstr (field_of (rows, "families", "family-x", "notes"), ==, notes);
  g_assert_cmpstr (field_of (rows, "guardians", "guardian-x", "full_name"), ==,
                   "مُحَمَّد Tab\there");
  family_row = g_hash_table_lookup (rows, "families\tfamily-x");
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (family_row,
                                                                                 "fields"),
                                                  "deleted"));

  client = pl_sync_client_new (client_path, fixture->server.url);
  token = pl_sync_client_login (client, "admin", PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  store = pl_store_open (client_path, &error);
  g_assert_no_error (error);
  family = pl_store_load_family (store, "family-x", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_family_get_household_name (family), ==, household);
  g_assert_cmpstr (pl_family_get_notes (family), ==, notes);
  guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);
  g_assert_cmpstr (pl_guardian_get_full_name (guardian), ==, "مُحَمَّد Tab\there");
  g_assert_true (pl_guardian_get_needs_interpreter (guardian));
  g_assert_false (pl_guardian_get_can_text (guardian));
}

/* How many rows of @table the server's database holds. */
static gint64
count_stored (Fixture    *fixture,
              const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (fixture->server.db, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static void
cancel_on_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  static const char *const tables[] = { "schools", "families", "guardians", "students",
                                        "contacts" };
  g_autofree char *client_path = pl_test_dir_file (&fixture->dir, "client.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *ana_cursor = NULL;
  g_autofree char *school = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) ana_rows = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PlSyncStats stats = { 0 };
  GHashTableIter iter;
  JsonObject *row;
  const char *admin, *ana;
  gint64 stored = 0;
  guint first_page;

  /* Enough families for the sync client's pull to take more than one page. */
  g_assert_cmpint (run_command (fixture, &out, &err, "demo", "--families", "150", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "150"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Only into a server without rows: nothing is added the second time. */
  g_assert_cmpint (run_command (fixture, &out, &err, "demo", "--families", "12", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds"));
  g_assert_cmpint (count_stored (fixture, "families"), ==, 150);

  add_user (fixture, "admin", "admin", "all");
  start_server (fixture, NULL);
  admin = login (fixture, "admin", "devAdmin");

  /* Every row comes, after the rows it refers to (pull_all checks), once. */
  rows = pull_all (fixture, admin, &cursor);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_assert_cmpint (count_entity (rows, tables[i]), ==, count_stored (fixture, tables[i]));
      stored += count_stored (fixture, tables[i]);
    }
  g_assert_cmpint (count_entity (rows, "families"), ==, 150);
  g_assert_cmpint (count_entity (rows, "contacts"), >, 0);
  g_assert_cmpint (g_hash_table_size (rows), ==, stored);

  /* A liaison gets the families with a student at their school, and only those. */
  g_hash_table_iter_init (&iter, rows);
  while (school == NULL && g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (g_str_equal (json_object_get_string_member (row, "entity"), "students"))
      school = g_strdup (json_object_get_string_member (json_object_get_object_member (row,
                                                                                       "fields"),
                                                        "school_id"));
  g_assert_nonnull (school);
  add_user (fixture, "ana", "liaison", school);
  ana = login (fixture, "ana", "devA");
  ana_rows = pull_all (fixture, ana, &ana_cursor);
  g_assert_cmpint (count_entity (ana_rows, "families"), >=, 1);
  g_assert_cmpint (count_entity (ana_rows, "families"), <, 150);
  g_hash_table_iter_init (&iter, ana_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (g_str_equal (json_object_get_string_member (row, "entity"), "families"))
      {
        const char *family = json_object_get_string_member (row, "id");
        gboolean at_school = FALSE;
        GHashTableIter students;
        JsonObject *student;

        g_hash_table_iter_init (&students, rows);
        while (g_hash_table_iter_next (&students, NULL, (gpointer *) &student))
          {
            JsonObject *fields = json_object_get_object_member (student, "fields");

            if (g_str_equal (json_object_get_string_member (student, "entity"), "students") &&
                g_strcmp0 (json_object_get_string_member (fields, "family_id"), family) == 0 &&
                g_strcmp0 (json_object_get_string_member (fields, "school_id"), school) == 0)
              at_school = TRUE;
          }
        g_assert_true (at_school);
      }

  /* A laptop syncs the district for real. Cancelled after its first page,
   * it keeps that page and nothing of the next... */
  client = pl_sync_client_new (client_path, fixture->server.url);
  token = pl_sync_client_login (client, "admin", PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pl_sync_client_sync (client, cancel_on_progress, cancellable, &stats,
                                       cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (stats.pulled, >, 0);
  g_assert_cmpuint (stats.pulled, <, stored);
  first_page = stats.pulled;

  /* ...and the next sync brings the rest: the same rows, and no demo mark,
   * so its own changes go back to the server. */
  g_assert_true (pl_sync_client_sync (client, NULL, NULL, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first_page + stats.pulled, ==, stored);
  store = pl_store_open (client_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_families (store, &error), ==, 150);
  g_assert_false (pl_store_is_demo (store));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (client_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                       SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, count_stored (fixture, tables[i]));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("PORCHLIGHT_SERVER") == NULL)
    {
      g_printerr ("Set PORCHLIGHT_SERVER to the porchlight-server binary\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server/commands", test_commands);
  ADD ("/server/login", test_login);
  ADD ("/server/throttle", test_throttle);
  ADD ("/server/expired", test_expired);
  ADD ("/server/push-scope", test_push_scope);
  ADD ("/server/roles", test_roles);
  ADD ("/server/bad-input", test_bad_input);
  ADD ("/server/pull-scope", test_pull_scope);
  ADD ("/server/clock-ahead", test_clock_ahead);
  ADD ("/server/row", test_row);
  ADD ("/server/conflict", test_conflict);
  ADD ("/server/backup", test_backup);
  ADD ("/server/text-round-trip", test_text_round_trip);
  ADD ("/server/demo", test_demo);
#undef ADD

  return g_test_run ();
}
