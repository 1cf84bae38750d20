/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>

#include "pl-core.h"
#include "pl-test-server.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

/* End to end: real porchlight-server processes on 127.0.0.1, real client
 * database files, the real sync client. */

typedef struct
{
  PlTestDir     dir;
  PlTestServer  server;
  char         *school_a;
  char         *school_b;
} Fixture;

static void
start_server (Fixture    *fixture,
              const char *extra)
{
  pl_test_server_start (&fixture->server, extra, NULL);
}

static void
stop_server (Fixture *fixture,
             int      signal_number)
{
  pl_test_server_stop (&fixture->server, signal_number);
}

static void
add_user (Fixture    *fixture,
          const char *name,
          const char *role,
          const char *schools)
{
  pl_test_server_add_user (&fixture->server, name, role, schools);
}

static PlStore *
open_client (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *path = pl_test_dir_file (&fixture->dir, file);
  PlStore *store = pl_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* Logs in as @user and syncs @store; returns FALSE with @error on failure. */
static gboolean
sync_as (Fixture      *fixture,
         PlStore      *store,
         const char   *user,
         const char   *password,
         PlSyncStats  *stats,
         GError      **error)
{
  g_autoptr(PlSyncClient) client = pl_sync_client_new (pl_store_get_path (store), fixture->server.url);
  g_autofree char *token = pl_sync_client_login (client, user,
                                                 password ? password : PL_TEST_PASSWORD, NULL,
                                                 error);

  if (token == NULL)
    return FALSE;
  return pl_sync_client_sync (client, NULL, NULL, stats, NULL, error);
}

/* A client of @store logged in as @user. */
static PlSyncClient *
logged_in (Fixture    *fixture,
           PlStore    *store,
           const char *user)
{
  g_autoptr(GError) error = NULL;
  PlSyncClient *client = pl_sync_client_new (pl_store_get_path (store), fixture->server.url);
  g_autofree char *token = pl_sync_client_login (client, user, PL_TEST_PASSWORD, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (token);
  return client;
}

static void
sync_ok (Fixture    *fixture,
         PlStore    *store,
         const char *user)
{
  g_autoptr(GError) error = NULL;

  sync_as (fixture, store, user, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PlStore) admin = NULL;
  g_autoptr(PlSchool) a = NULL;
  g_autoptr(PlSchool) b = NULL;

  pl_test_dir_setup (&fixture->dir, data);
  pl_test_server_init (&fixture->server, &fixture->dir);
  add_user (fixture, "admin", "admin", "all");
  start_server (fixture, NULL);

  /* The district's schools come from the admin, like at the start of a year. */
  admin = open_client (fixture, "admin");
  a = pl_test_add_school (admin, "Brightwood Elementary");
  b = pl_test_add_school (admin, "Lincoln Elementary");
  fixture->school_a = g_strdup (pl_school_get_id (a));
  fixture->school_b = g_strdup (pl_school_get_id (b));
  sync_ok (fixture, admin, "admin");

  add_user (fixture, "ana", "liaison", fixture->school_a);
  add_user (fixture, "luis", "liaison", fixture->school_a);
  add_user (fixture, "thu", "organizer", fixture->school_a);
  add_user (fixture, "bea", "liaison", fixture->school_b);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pl_clock_set_default_time_func (NULL, NULL);
  pl_test_server_clear (&fixture->server);
  g_free (fixture->school_a);
  g_free (fixture->school_b);
  pl_test_dir_teardown (&fixture->dir, data);
}

static PlFamily *
load (PlStore    *store,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  PlFamily *family = pl_store_load_family (store, id, &error);

  g_assert_no_error (error);
  return family;
}

static PlGuardian *
guardian_of (PlFamily *family)
{
  return g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);
}

static guint
n_conflicts (PlStore *store)
{
  g_autoptr(GListModel) conflicts = pl_store_list_conflicts (store, NULL);
  return g_list_model_get_n_items (conflicts);
}

static void
test_converge (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) luis = open_client (fixture, "luis");
  g_autoptr(PlStore) thu = open_client (fixture, "thu");
  g_autoptr(PlFamily) family = NULL;
  const char *id;

  sync_ok (fixture, ana, "ana");
  family = pl_test_make_family ("Nguyễn", "Nguyễn Thị Hương", "(413) 555-0199", "Nguyễn Minh",
                                fixture->school_a, "vi");
  id = pl_family_get_id (family);
  pl_test_save (ana, family);
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, luis, "luis");
  sync_ok (fixture, thu, "thu");

  /* Offline, three people edit the same guardian: two different fields, and
   * one field that two of them change. */
  {
    g_autoptr(PlFamily) on_ana = load (ana, id);
    g_autoptr(PlFamily) on_luis = load (luis, id);
    g_autoptr(PlFamily) on_thu = load (thu, id);
    g_autoptr(PlGuardian) ga = guardian_of (on_ana);
    g_autoptr(PlGuardian) gl = guardian_of (on_luis);
    g_autoptr(PlGuardian) gt = guardian_of (on_thu);

    pl_guardian_set_email (ga, "huong@example.org");
    pl_family_set_notes (on_ana, "Prefers mornings");
    pl_guardian_set_phone (gl, "(413) 555-0123");
    pl_family_set_notes (on_thu, "Call after 5 pm");
    /* Thu's note is the later one: a few milliseconds apart, so the clocks
     * order them whatever the device ids. */
    pl_test_save (ana, on_ana);
    pl_test_save (luis, on_luis);
    g_usleep (5000);
    pl_test_save (thu, on_thu);
  }

  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, luis, "luis");
  sync_ok (fixture, thu, "thu");
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, luis, "luis");

  /* Everyone holds the same family; the notes went to the later edit and the
   * other note is kept as one conflict that all three see. */
  for (PlStore **store = (PlStore *[]) { ana, luis, thu, NULL }; *store; store++)
    {
      g_autoptr(PlFamily) merged = load (*store, id);
      g_autoptr(PlGuardian) guardian = guardian_of (merged);

      g_assert_cmpstr (pl_guardian_get_email (guardian), ==, "huong@example.org");
      g_assert_cmpstr (pl_guardian_get_phone (guardian), ==, "(413) 555-0123");
      g_assert_cmpstr (pl_family_get_notes (merged), ==, "Call after 5 pm");
      g_assert_cmpuint (n_conflicts (*store), ==, 1);
      g_assert_cmpint (pl_store_count_unsent (*store, NULL), ==, 0);
    }

  /* Ana resolves it by keeping her own note; everyone gets the resolution. */
  {
    g_autoptr(GListModel) conflicts = pl_store_list_conflicts (ana, NULL);
    g_autoptr(PlConflict) conflict = g_list_model_get_item (conflicts, 0);
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (pl_conflict_get_loser_value (conflict), ==, "Prefers mornings");
    g_assert_cmpstr (pl_conflict_get_household_name (conflict), ==, "Nguyễn");
    g_assert_true (pl_store_resolve_conflict (ana, pl_conflict_get_id (conflict),
                                              PL_CONFLICT_KEEP_LOSER, NULL, "ana", &error));
  }
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, luis, "luis");
  sync_ok (fixture, thu, "thu");
  for (PlStore **store = (PlStore *[]) { ana, luis, thu, NULL }; *store; store++)
    {
      g_autoptr(PlFamily) merged = load (*store, id);
      g_assert_cmpstr (pl_family_get_notes (merged), ==, "Prefers mornings");
      g_assert_cmpuint (n_conflicts (*store), ==, 0);
    }
}

static void
test_schools (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) bea = open_client (fixture, "bea");
  g_autoptr(PlFamily) at_a = pl_test_make_family ("Ortiz", "Luis Ortiz", NULL, "Ana Ortiz",
                                                  fixture->school_a, "es");
  g_autoptr(PlFamily) at_b = pl_test_make_family ("Warsame", "Hodan Warsame", NULL, "Abdi Warsame",
                                                  fixture->school_b, "so");
  g_autoptr(PlFamily) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFamily) stray = NULL;

  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, bea, "bea");
  pl_test_save (ana, at_a);
  pl_test_save (bea, at_b);
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, bea, "bea");
  sync_ok (fixture, ana, "ana");

  /* Each liaison sees only the families of their school. */
  g_assert_cmpint (pl_store_count_families (ana, NULL), ==, 1);
  g_assert_cmpint (pl_store_count_families (bea, NULL), ==, 1);
  stray = pl_store_load_family (ana, pl_family_get_id (at_b), &error);
  g_assert_null (stray);
  g_clear_error (&error);

  /* A write to another school's family is refused, and set aside for her
   * to settle (see /sync/refused), not lost. */
  stray = pl_test_make_family ("Silva", "Ana Silva", NULL, "Rui Silva", fixture->school_b, "pt");
  pl_test_save (ana, stray);
  g_assert_true (sync_as (fixture, ana, "ana", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_refused (ana, NULL), ==, 1);
  g_assert_true (pl_store_delete_family (ana, pl_family_get_id (stray), NULL));

  /* When a student of B's family transfers to A (the district office records
   * it), Ana receives the whole family. A liaison could not give it away. */
  {
    g_autoptr(PlStore) office = open_client (fixture, "admin");

    sync_ok (fixture, office, "admin");
    moved = load (office, pl_family_get_id (at_b));
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (G_LIST_MODEL (pl_family_get_students (moved)), 0);
      pl_student_set_school_id (student, fixture->school_a);
    }
    pl_test_save (office, moved);
    sync_ok (fixture, office, "admin");
  }
  {
    g_autoptr(PlStore) fresh = open_client (fixture, "ana-laptop-2");
    g_autoptr(PlFamily) arrived = NULL;

    sync_ok (fixture, fresh, "ana");
    arrived = load (fresh, pl_family_get_id (at_b));
    g_assert_cmpstr (pl_family_get_household_name (arrived), ==, "Warsame");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (arrived))), ==, 1);
  }
}

static void
test_auth_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) demo = open_client (fixture, "demo");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autofree char *token = NULL;
  g_autoptr(PlFamily) family = pl_test_make_family ("Gurung", "Pema Gurung", NULL, "Bishnu Gurung",
                                                    fixture->school_a, "ne");

  sync_ok (fixture, ana, "ana");
  g_assert_false (sync_as (fixture, ana, "ana", "wrong", NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_false (sync_as (fixture, ana, "nobody", NULL, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* A token that was never issued, then one that expired. */
  pl_test_save (ana, family);
  client = pl_sync_client_new (pl_store_get_path (ana), fixture->server.url);
  pl_sync_client_set_token (client, "made-up");
  g_assert_false (pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_SESSION_EXPIRED);
  g_clear_error (&error);

  stop_server (fixture, SIGTERM);
  start_server (fixture, "--token-lifetime=1");
  g_clear_object (&client);
  client = pl_sync_client_new (pl_store_get_path (ana), fixture->server.url);
  token = pl_sync_client_login (client, "ana", "correct horse battery", NULL, &error);
  g_assert_no_error (error);
  g_usleep (2100 * G_USEC_PER_SEC / 1000);
  g_assert_false (pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_SESSION_EXPIRED);
  g_clear_error (&error);
  /* Nothing was lost: the family waits to be sent. */
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 3);

  /* A demo district never syncs. */
  g_assert_true (pl_demo_generate (demo, 5, 1, NULL, NULL, NULL, &error));
  g_assert_false (sync_as (fixture, demo, "ana", NULL, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_DEMO);
  g_clear_error (&error);

  /* Nobody listening. */
  stop_server (fixture, SIGTERM);
  g_clear_object (&client);
  client = pl_sync_client_new (pl_store_get_path (ana), fixture->server.url);
  g_assert_null (pl_sync_client_login (client, "ana", "x", NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_UNREACHABLE);
}

/* A server that is not Porchlight: it answers every request with @reply and
 * hangs up. A plain accept loop on its own thread, since the test's thread
 * waits inside the sync. */
typedef struct
{
  GSocket    *listener;
  const char *reply;
  gboolean    stop;
} FaultServer;

static gpointer
fault_server_thread (gpointer user_data)
{
  FaultServer *fault = user_data;

  while (!g_atomic_int_get (&fault->stop))
    {
      g_autoptr(GSocket) client = g_socket_accept (fault->listener, NULL, NULL);
      GString *request = g_string_new (NULL);
      char buffer[4096];
      gssize n;

      if (client == NULL)
        {
          g_string_free (request, TRUE);
          break;
        }
      /* Read the request head before answering, as a web server would. */
      while (strstr (request->str, "\r\n\r\n") == NULL &&
             (n = g_socket_receive (client, buffer, sizeof buffer, NULL, NULL)) > 0)
        g_string_append_len (request, buffer, n);
      g_socket_send (client, fault->reply, strlen (fault->reply), NULL, NULL);
      g_socket_shutdown (client, FALSE, TRUE, NULL);
      g_socket_close (client, NULL);
      g_string_free (request, TRUE);
    }
  return NULL;
}

static void
expect_bad_reply (PlStore    *store,
                  const char *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  FaultServer fault = { NULL, reply, FALSE };
  GThread *thread;

  fault.listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (fault.listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (fault.listener, &error));
  bound = g_socket_get_local_address (fault.listener, &error);
  thread = g_thread_new ("fault-server", fault_server_thread, &fault);

  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = pl_sync_client_new (pl_store_get_path (store), url);
  pl_sync_client_set_token (client, "token");
  g_assert_false (pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_BAD_REPLY);
  g_test_message ("%s", error->message);

  g_atomic_int_set (&fault.stop, TRUE);
  g_socket_shutdown (fault.listener, TRUE, TRUE, NULL);
  g_socket_close (fault.listener, NULL);
  g_thread_join (thread);
  g_object_unref (fault.listener);
}

static void
test_bad_replies (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlFamily) family = pl_test_make_family ("Pierre", "Nadège Pierre", NULL, NULL, NULL, "ht");

  pl_test_save (ana, family);
  expect_bad_reply (ana, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 22\r\n"
                         "Connection: close\r\n\r\n<html>Welcome!</html>\n");
  expect_bad_reply (ana, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         "Content-Length: 400\r\nConnection: close\r\n\r\n{\"accepted\": 1, \"dupl");
  /* Nothing was marked as sent. */
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 2);
}

/* Adds @n families at school @school_id in one go. */
static void
add_families (PlStore    *store,
              const char *school_id,
              guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *household = g_strdup_printf ("Familia %04u", i);
      g_autoptr(PlFamily) family = pl_test_make_family (household, "Rosa Pérez", NULL,
                                                        "Pedro Pérez", school_id, "es");
      pl_test_save (store, family);
    }
}

static int
count_audit_lines (Fixture *fixture)
{
  g_autofree char *out = NULL;
  int lines = 0;

  g_assert_cmpint (pl_test_server_run (&fixture->server, &out, NULL, "audit", NULL), ==, 0);
  for (const char *p = out; p && *p; p++)
    lines += *p == '\n';
  return lines;
}

static void
test_killed_server (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) luis = open_client (fixture, "luis");
  g_autoptr(GError) error = NULL;
  const char *password_file = fixture->server.password_file;
  int audit_before;
  gint64 journal;

  sync_ok (fixture, ana, "ana");
  audit_before = count_audit_lines (fixture);
  add_families (ana, fixture->school_a, 1200);  /* 3,600 changes: eight pushes */
  journal = pl_store_count_unsent (ana, NULL);

  /* The CLI syncs in its own process; the server dies under it, mid-push. */
  {
    const char *argv[] = { g_getenv ("PORCHLIGHT_CLI"), "--database", pl_store_get_path (ana),
                           "sync", "--server", fixture->server.url, "--user", "ana",
                           "--password-file", password_file, NULL };
    g_autoptr(GSubprocess) cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                          G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
    g_assert_no_error (error);
    g_usleep (250 * 1000);
    stop_server (fixture, SIGKILL);
    g_subprocess_wait (cli, NULL, NULL);
  }

  start_server (fixture, NULL);
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, luis, "luis");

  /* Every change reached the server exactly once, and the other laptop has
   * every family. */
  g_assert_cmpint (count_audit_lines (fixture) - audit_before, ==, journal);
  g_assert_cmpint (pl_store_count_families (luis, NULL), ==, 1200);
}

static void
test_killed_client (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(GError) error = NULL;
  const char *password_file = fixture->server.password_file;
  g_autofree char *luis_path = pl_test_dir_file (&fixture->dir, "luis.db");
  gboolean killed_early = FALSE;

  sync_ok (fixture, ana, "ana");
  add_families (ana, fixture->school_a, 1500);
  sync_ok (fixture, ana, "ana");

  /* Luis's laptop dies while receiving. */
  {
    g_autoptr(PlStore) create = pl_store_open (luis_path, &error);
    const char *argv[] = { g_getenv ("PORCHLIGHT_CLI"), "--database", luis_path,
                           "sync", "--server", fixture->server.url, "--user", "luis",
                           "--password-file", password_file, NULL };
    g_autoptr(GSubprocess) cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                          G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
    g_assert_no_error (error);
    g_usleep (400 * 1000);
    g_subprocess_force_exit (cli);
    g_subprocess_wait (cli, NULL, NULL);
    killed_early = g_subprocess_get_if_signaled (cli);
  }
  g_test_message ("the client was %s", killed_early ? "killed mid-sync" : "already done");

  /* It opens cleanly and the next sync brings the rest. */
  {
    g_autoptr(PlStore) luis = open_client (fixture, "luis");
    sync_ok (fixture, luis, "luis");
    g_assert_cmpint (pl_store_count_families (luis, NULL), ==, 1500);
  }
}

static PlRefusedChange *
only_refused (PlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) refused = pl_store_list_refused (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (refused), ==, 1);
  g_assert_cmpint (pl_store_count_refused (store, NULL), ==, 1);
  return g_list_model_get_item (refused, 0);
}

static void
move_student (Fixture    *fixture,
              PlStore    *office,
              const char *family_id,
              const char *school_id)
{
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(PlStudent) student = NULL;

  sync_ok (fixture, office, "admin");
  family = load (office, family_id);
  student = g_list_model_get_item (G_LIST_MODEL (pl_family_get_students (family)), 0);
  pl_student_set_school_id (student, school_id);
  pl_test_save (office, family);
  sync_ok (fixture, office, "admin");
}

static void
edit_notes (PlStore    *store,
            const char *family_id,
            const char *notes)
{
  g_autoptr(PlFamily) family = load (store, family_id);

  pl_family_set_notes (family, notes);
  pl_test_save (store, family);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) luis = open_client (fixture, "luis");
  g_autoptr(PlFamily) stray = pl_test_make_family ("Silva", "Ana Silva", NULL, "Rui Silva",
                                                   fixture->school_b, "pt");
  g_autoptr(PlFamily) ours = pl_test_make_family ("Ortiz", "Luis Ortiz", NULL, "Ana Ortiz",
                                                  fixture->school_a, "es");
  g_autoptr(PlRefusedChange) refused = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(PlFamily) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *change_id = NULL;
  PlSyncStats stats = { 0 };

  sync_ok (fixture, ana, "ana");

  /* Offline, Ana enrolls a family at Lincoln, not her school, then adds one
   * at her own. */
  pl_test_save (ana, stray);
  pl_test_save (ana, ours);

  /* The sync goes through: the change at fault waits aside with the
   * server's reason, and the others went. */
  g_assert_true (sync_as (fixture, ana, "ana", NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.refused, ==, 1);
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 0);
  refused = only_refused (ana);
  g_assert_cmpstr (pl_refused_change_get_entity (refused), ==, "students");
  g_assert_true (pl_refused_change_get_is_insert (refused));
  g_assert_null (pl_refused_change_get_fields (refused));
  g_assert_cmpstr (pl_refused_change_get_code (refused), ==, "forbidden-school");
  g_assert_nonnull (strstr (pl_refused_change_get_message (refused), "your schools"));
  g_assert_cmpstr (pl_refused_change_get_family_id (refused), ==, pl_family_get_id (stray));
  g_assert_cmpstr (pl_refused_change_get_household_name (refused), ==, "Silva");
  change_id = g_strdup (pl_refused_change_get_change_id (refused));

  sync_ok (fixture, luis, "luis");
  kept = load (luis, pl_family_get_id (ours));
  g_assert_cmpstr (pl_family_get_household_name (kept), ==, "Ortiz");
  g_assert_cmpint (pl_store_count_families (luis, NULL), ==, 1);

  /* Sent again, it is refused again and set aside again: never lost, never
   * in the way. */
  g_assert_true (pl_store_retry_refused (ana, change_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 1);
  g_assert_cmpint (pl_store_count_refused (ana, NULL), ==, 0);
  g_assert_true (sync_as (fixture, ana, "ana", NULL, &stats, &error));
  g_assert_cmpuint (stats.refused, ==, 1);
  g_assert_cmpint (pl_store_count_refused (ana, NULL), ==, 1);

  /* Discarded: the new student leaves this computer; the rest stays. */
  client = logged_in (fixture, ana, "ana");
  pl_sync_client_discard (client, change_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_refused (ana, NULL), ==, 0);
  g_clear_object (&kept);
  kept = load (ana, pl_family_get_id (stray));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (kept))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (kept))), ==, 1);
  g_assert_false (pl_sync_client_discard (client, change_id, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (sync_as (fixture, ana, "ana", NULL, &stats, &error));
  g_assert_cmpuint (stats.refused, ==, 0);
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 0);
}

static void
test_refused_update (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) vic = open_client (fixture, "vic");
  g_autoptr(PlFamily) family = pl_test_make_family ("Haddad", "Layla Haddad", "(413) 555-0140",
                                                    "Omar Haddad", fixture->school_a, "ar");
  g_autoptr(PlRefusedChange) refused = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(PlFamily) restored = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = pl_family_get_id (family);
  PlSyncStats stats = { 0 };

  add_user (fixture, "vic", "viewer", fixture->school_a);
  sync_ok (fixture, ana, "ana");
  pl_family_set_notes (family, "Call after 4");
  pl_test_save (ana, family);
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, vic, "vic");

  /* A viewer's laptop lets him type; the server does not take it. */
  edit_notes (vic, id, "Moved to Springfield");
  g_assert_true (sync_as (fixture, vic, "vic", NULL, &stats, &error));
  g_assert_no_error (error);
  refused = only_refused (vic);
  g_assert_cmpstr (pl_refused_change_get_code (refused), ==, "forbidden-role");
  g_assert_false (pl_refused_change_get_is_insert (refused));
  g_assert_cmpstr (pl_refused_change_get_fields (refused)[0], ==, "notes");
  g_assert_cmpstr (pl_refused_change_get_household_name (refused), ==, "Haddad");

  /* Meanwhile Ana changes the notes too. Discarding Vic's change brings
   * back the server's notes, hers. */
  edit_notes (ana, id, "Call after 5");
  sync_ok (fixture, ana, "ana");
  client = logged_in (fixture, vic, "vic");
  pl_sync_client_discard (client, pl_refused_change_get_change_id (refused), NULL, &error);
  g_assert_no_error (error);
  restored = load (vic, id);
  g_assert_cmpstr (pl_family_get_notes (restored), ==, "Call after 5");
  g_assert_cmpint (pl_store_count_refused (vic, NULL), ==, 0);
  g_assert_cmpint (pl_store_count_unsent (vic, NULL), ==, 0);

  /* Later changes from elsewhere still reach it: the field's clock is the
   * server's again. */
  edit_notes (ana, id, "Call after 6");
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, vic, "vic");
  g_clear_object (&restored);
  restored = load (vic, id);
  g_assert_cmpstr (pl_family_get_notes (restored), ==, "Call after 6");
  g_assert_cmpuint (n_conflicts (vic), ==, 0);
}

static guint
n_found (PlStore    *store,
         const char *query)
{
  g_auto(GStrv) ids = pl_store_search_families (store, query, 10, NULL);

  return ids ? g_strv_length (ids) : 0;
}

static void
test_family_leaves (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) bea = open_client (fixture, "bea");
  g_autoptr(PlStore) office = open_client (fixture, "admin");
  g_autoptr(PlFamily) family = pl_test_make_family ("Nguyễn", "Nguyễn Thị Hương", "(413) 555-0199",
                                                    "Nguyễn Minh", fixture->school_a, "vi");
  g_autoptr(PlFamily) gone = NULL;
  g_autoptr(PlFamily) on_server = NULL;
  g_autoptr(PlRefusedChange) refused = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = pl_family_get_id (family);
  gint64 journal;
  PlSyncStats stats = { 0 };

  sync_ok (fixture, ana, "ana");
  pl_test_save (ana, family);
  sync_ok (fixture, ana, "ana");
  g_assert_cmpuint (n_found (ana, "nguyen thi huong"), ==, 1);

  /* The office moves the only student to Lincoln: at Ana's next sync the
   * family leaves her laptop and her search, though nothing was deleted. */
  move_student (fixture, office, id, fixture->school_b);
  journal = pl_store_count_journal (ana, NULL);
  sync_ok (fixture, ana, "ana");
  gone = pl_store_load_family (ana, id, &error);
  g_assert_null (gone);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (pl_store_count_families (ana, NULL), ==, 0);
  g_assert_cmpuint (n_found (ana, "nguyen thi huong"), ==, 0);
  g_assert_cmpuint (n_found (ana, "4135550199"), ==, 0);
  /* Nothing was journaled, so nothing goes back to the server. */
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 0);
  g_assert_cmpint (pl_store_count_journal (ana, NULL), <, journal);
  /* The server keeps it, and Lincoln's liaison has it now. */
  sync_ok (fixture, office, "admin");
  on_server = load (office, id);
  g_assert_cmpstr (pl_family_get_household_name (on_server), ==, "Nguyễn");
  sync_ok (fixture, bea, "bea");
  g_clear_object (&on_server);
  on_server = load (bea, id);
  g_assert_cmpstr (pl_family_get_household_name (on_server), ==, "Nguyễn");

  /* Back at Ana's school, the whole family comes back. */
  move_student (fixture, office, id, fixture->school_a);
  sync_ok (fixture, ana, "ana");
  g_clear_object (&gone);
  gone = load (ana, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (gone))), ==, 1);
  g_assert_cmpuint (n_found (ana, "nguyen thi huong"), ==, 1);

  /* Ana writes a note offline while the family moves away again: her laptop
   * keeps the family, with her note set aside. */
  edit_notes (ana, id, "Father works nights");
  move_student (fixture, office, id, fixture->school_b);
  g_assert_true (sync_as (fixture, ana, "ana", NULL, &stats, &error));
  g_assert_no_error (error);
  refused = only_refused (ana);
  g_assert_cmpstr (pl_refused_change_get_code (refused), ==, "forbidden-school");
  g_assert_cmpstr (pl_refused_change_get_entity (refused), ==, "families");
  g_clear_object (&gone);
  gone = load (ana, id);
  g_assert_cmpstr (pl_family_get_notes (gone), ==, "Father works nights");

  /* The family comes back to her school: sent again, her note is taken. */
  move_student (fixture, office, id, fixture->school_a);
  g_assert_true (pl_store_retry_refused (ana, pl_refused_change_get_change_id (refused), &error));
  g_assert_true (sync_as (fixture, ana, "ana", NULL, &stats, &error));
  g_assert_cmpuint (stats.refused, ==, 0);
  sync_ok (fixture, office, "admin");
  g_clear_object (&on_server);
  on_server = load (office, id);
  g_assert_cmpstr (pl_family_get_notes (on_server), ==, "Father works nights");

  /* Once more, and this time she discards her note: the family, no longer
   * hers to see, leaves her laptop; the server keeps it as it was. */
  edit_notes (ana, id, "A note that stays here");
  move_student (fixture, office, id, fixture->school_b);
  g_assert_true (sync_as (fixture, ana, "ana", NULL, &stats, &error));
  g_clear_object (&refused);
  refused = only_refused (ana);
  client = logged_in (fixture, ana, "ana");
  pl_sync_client_discard (client, pl_refused_change_get_change_id (refused), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_families (ana, NULL), ==, 0);
  g_assert_cmpint (pl_store_count_refused (ana, NULL), ==, 0);
  g_assert_cmpuint (n_found (ana, "nguyen"), ==, 0);
  sync_ok (fixture, office, "admin");
  g_clear_object (&on_server);
  on_server = load (office, id);
  g_assert_cmpstr (pl_family_get_notes (on_server), ==, "Father works nights");
}

static gint64
an_hour_ahead (gpointer user_data)
{
  return g_get_real_time () / 1000 + 3600 * 1000;
}

static void
test_clock_ahead (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) luis = open_client (fixture, "luis");
  g_autoptr(PlFamily) family = pl_test_make_family ("Osei", "Ama Osei", NULL, "Kofi Osei",
                                                    fixture->school_a, "ak");
  g_autoptr(PlFamily) arrived = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  gint64 last_ms = 0;

  sync_ok (fixture, ana, "ana");

  /* Her laptop's clock runs an hour ahead when she adds a family. */
  pl_clock_set_default_time_func (an_hour_ahead, NULL);
  pl_test_save (ana, family);
  g_assert_false (sync_as (fixture, ana, "ana", NULL, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_CLOCK_AHEAD);
  g_assert_nonnull (strstr (error->message, "date and time"));
  g_clear_error (&error);
  /* The fault is the clock's, not the family's: nothing is set aside. */
  g_assert_cmpint (pl_store_count_refused (ana, NULL), ==, 0);
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 3);

  /* She sets the clock right. Her changes, stamped an hour ahead, are
   * stamped again from now and go; nothing waits an hour. */
  pl_clock_set_default_time_func (NULL, NULL);
  sync_ok (fixture, ana, "ana");
  g_assert_cmpint (pl_store_count_unsent (ana, NULL), ==, 0);
  sync_ok (fixture, luis, "luis");
  arrived = load (luis, pl_family_get_id (family));
  g_assert_cmpstr (pl_family_get_household_name (arrived), ==, "Osei");

  /* Her laptop's clock (this window's connection too) is back to now. */
  pl_family_set_notes (family, "Call after 3");
  pl_test_save (ana, family);
  last = pl_clock_dup_last (pl_store_get_clock (ana));
  g_assert_true (pl_hlc_parse (last, &last_ms, NULL, NULL));
  g_assert_cmpint (last_ms, <, g_get_real_time () / 1000 + 60 * 1000);
  sync_ok (fixture, ana, "ana");
  sync_ok (fixture, luis, "luis");
  g_clear_object (&arrived);
  arrived = load (luis, pl_family_get_id (family));
  g_assert_cmpstr (pl_family_get_notes (arrived), ==, "Call after 3");
}

static void
test_logout (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlSyncClient) client = logged_in (fixture, ana, "ana");
  g_autoptr(PlSyncClient) stolen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = pl_sync_client_login (client, "ana", PL_TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error));

  /* After logging out, the token opens nothing, wherever it was copied. */
  g_assert_true (pl_sync_client_logout (client, NULL, &error));
  g_assert_no_error (error);
  stolen = pl_sync_client_new (pl_store_get_path (ana), fixture->server.url);
  pl_sync_client_set_token (stolen, token);
  g_assert_false (pl_sync_client_sync (stolen, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_SESSION_EXPIRED);
  g_clear_error (&error);

  /* With no server to tell, logging out says so. */
  g_clear_pointer (&token, g_free);
  token = pl_sync_client_login (client, "ana", PL_TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  stop_server (fixture, SIGTERM);
  g_assert_false (pl_sync_client_logout (client, NULL, &error));
  g_assert_error (error, PL_SYNC_ERROR, PL_SYNC_ERROR_UNREACHABLE);
}

typedef struct
{
  guint done;
  guint total;
} Progress;

static void
record_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Progress step = { done, total };

  g_array_append_val ((GArray *) user_data, step);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PlStore) ana = open_client (fixture, "ana");
  g_autoptr(PlStore) luis = open_client (fixture, "luis");
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Progress));
  g_autoptr(GError) error = NULL;
  PlSyncStats stats = { 0 };
  Progress *first, *last;

  sync_ok (fixture, ana, "ana");
  add_families (ana, fixture->school_a, 1800);  /* 5,400 rows: more than a page */
  sync_ok (fixture, ana, "ana");

  /* Luis's first sync knows from the first page how much is to come. */
  client = logged_in (fixture, luis, "luis");
  g_assert_true (pl_sync_client_sync (client, record_progress, steps, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, >=, 2);
  first = &g_array_index (steps, Progress, 0);
  last = &g_array_index (steps, Progress, steps->len - 1);
  g_assert_cmpuint (first->done, >, 0);
  g_assert_cmpuint (first->total, >, first->done);
  g_assert_cmpuint (first->total, >=, stats.pulled);
  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpuint (g_array_index (steps, Progress, i).total, >=,
                      g_array_index (steps, Progress, i).done);
  g_assert_cmpuint (last->done, ==, stats.pulled);
  g_assert_cmpuint (last->total, ==, last->done);
  g_assert_cmpint (pl_store_count_families (luis, NULL), ==, 1800);
}

/* Keys one form of @survey in a new batch of @keyer's at @school_id. */
static PlSurveyResponse *
key_form (PlStore    *store,
          PlSurvey   *survey,
          const char *school_id,
          const char *keyer,
          const char *code,
          const char *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlEntryBatch) batch = pl_entry_batch_new (pl_survey_get_id (survey), school_id);
  PlSurveyResponse *response = pl_survey_response_new (pl_survey_get_id (survey), school_id);

  pl_entry_batch_set_received_on (batch, "2026-11-20");
  pl_entry_batch_set_form_count (batch, 10);
  pl_entry_batch_set_entered_by (batch, keyer);
  pl_store_save_batch (store, batch, &error);
  g_assert_no_error (error);
  pl_survey_response_set_batch_id (response, pl_entry_batch_get_id (batch));
  pl_survey_response_set_form_code (response, code);
  pl_survey_response_set_language (response, "en");
  pl_survey_response_set_entered_by (response, keyer);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 0)),
                                 answer);
  pl_store_save_response (store, response, &error);
  g_assert_no_error (error);
  return response;
}

/* Surveys sync: the definition reaches everyone, keyed forms only their
 * school's staff; a paper form keyed on two laptops before they synced
 * shows up on both as keyed twice, and keeping one settles it everywhere. */
static void
test_survey_forms (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PlStore) admin = open_client (fixture, "admin");
  g_autoptr(PlStore) kim = open_client (fixture, "kim");
  g_autoptr(PlStore) sam = open_client (fixture, "sam");
  g_autoptr(PlStore) bea = open_client (fixture, "bea");
  g_autoptr(PlSurvey) survey = pl_survey_new ("en");
  g_autoptr(PlQuestion) welcome = pl_question_new (PL_QUESTION_AGREEMENT);
  g_autoptr(PlSurvey) on_kim = NULL;
  g_autoptr(PlSurveyResponse) kim_form = NULL;
  g_autoptr(PlSurveyResponse) sam_form = NULL;
  g_autoptr(PlSurveyResponse) other_school = NULL;
  g_autoptr(GPtrArray) on_sam = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) schools = NULL;

  add_user (fixture, "kim", "entry", fixture->school_a);
  add_user (fixture, "sam", "entry", fixture->school_a);
  add_user (fixture, "lee", "entry", fixture->school_b);

  /* The admin gives the schools their form codes and opens the survey. */
  sync_ok (fixture, admin, "admin");
  schools = pl_store_list_schools (admin, &error);
  for (guint i = 0; i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      pl_school_set_code (school, g_str_equal (pl_school_get_id (school), fixture->school_a)
                          ? "0101" : "0202");
      pl_store_save_school (admin, school, &error);
      g_assert_no_error (error);
    }
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "title", "en",
                      "Family Survey");
  pl_question_set_code (welcome, "welcome");
  pl_survey_insert_question (survey, -1, welcome);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "en",
                      "I feel welcome.");
  pl_survey_set_status (survey, "open");
  pl_store_save_survey (admin, survey, &error);
  g_assert_no_error (error);
  sync_ok (fixture, admin, "admin");

  sync_ok (fixture, kim, "kim");
  sync_ok (fixture, sam, "sam");
  on_kim = pl_store_load_survey (kim, pl_survey_get_id (survey), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_get_title (on_kim), ==, "Family Survey");

  /* Offline, both key the same paper form. */
  kim_form = key_form (kim, on_kim, fixture->school_a, "kim", "S1-0101-00001", "5");
  sam_form = key_form (sam, on_kim, fixture->school_a, "sam", "S1-0101-00001", "4");
  sync_ok (fixture, kim, "kim");
  sync_ok (fixture, sam, "sam");
  sync_ok (fixture, kim, "kim");

  for (PlStore **store = (PlStore *[]) { kim, sam, NULL }; *store; store++)
    {
      g_clear_pointer (&groups, g_ptr_array_unref);
      groups = pl_store_list_duplicate_forms (*store, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (groups->len, ==, 1);
      g_assert_cmpuint (((GPtrArray *) groups->pdata[0])->len, ==, 2);
    }

  /* Sam keeps Kim's keying; both laptops end with one. */
  pl_store_keep_response (sam, pl_survey_response_get_id (kim_form), &error);
  g_assert_no_error (error);
  sync_ok (fixture, sam, "sam");
  sync_ok (fixture, kim, "kim");
  for (PlStore **store = (PlStore *[]) { kim, sam, NULL }; *store; store++)
    {
      g_autoptr(PlSurveyResponse) kept = pl_store_find_form (*store, "S1-0101-00001", 1, &error);

      g_clear_pointer (&groups, g_ptr_array_unref);
      groups = pl_store_list_duplicate_forms (*store, NULL, &error);
      g_assert_cmpuint (groups->len, ==, 0);
      g_assert_cmpstr (pl_survey_response_get_id (kept), ==, pl_survey_response_get_id (kim_form));
    }

  /* Lincoln's liaison gets the survey but none of Brightwood's forms. */
  sync_ok (fixture, bea, "bea");
  on_sam = pl_store_list_surveys (bea, &error);
  g_assert_cmpuint (on_sam->len, ==, 1);
  g_assert_cmpint (pl_store_count_responses (bea, pl_survey_get_id (survey), NULL), ==, 0);

  /* An entry clerk cannot key a form for another school, nor change the survey. */
  {
    g_autoptr(PlStore) lee = open_client (fixture, "lee-laptop");
    g_autoptr(PlSurvey) on_lee = NULL;

    sync_ok (fixture, lee, "lee");
    on_lee = pl_store_load_survey (lee, pl_survey_get_id (survey), &error);
    g_assert_no_error (error);
    other_school = key_form (lee, on_lee, fixture->school_a, "lee", "S1-0101-00002", "3");
    pl_survey_set_term (on_lee, "2026-fall");
    pl_store_save_survey (lee, on_lee, &error);
    g_assert_no_error (error);
    sync_ok (fixture, lee, "lee");
    /* The batch, the form, its answer and the survey edit are set aside. */
    g_assert_cmpint (pl_store_count_refused (lee, NULL), ==, 4);
  }
  sync_ok (fixture, kim, "kim");
  g_assert_null (pl_store_find_form (kim, "S1-0101-00002", 1, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/converge", test_converge);
  ADD ("/sync/schools", test_schools);
  ADD ("/sync/auth-errors", test_auth_errors);
  ADD ("/sync/bad-replies", test_bad_replies);
  ADD ("/sync/killed-server", test_killed_server);
  ADD ("/sync/killed-client", test_killed_client);
  ADD ("/sync/refused", test_refused);
  ADD ("/sync/refused-update", test_refused_update);
  ADD ("/sync/family-leaves", test_family_leaves);
  ADD ("/sync/clock-ahead", test_clock_ahead);
  ADD ("/sync/logout", test_logout);
  ADD ("/sync/progress", test_progress);
  ADD ("/sync/survey-forms", test_survey_forms);
#undef ADD
  return g_test_run ();
}
