/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <gio/gio.h>

#include "pl-test-util.h"

/* The real porchlight-server binary (PORCHLIGHT_SERVER) on 127.0.0.1 with a
 * port of its choosing, on a database in a test's folder, and its commands
 * as an administrator runs them. Every user gets the same password. */

#define PL_TEST_PASSWORD "correct horse battery"

typedef struct
{
  char        *db;             /* the server database */
  char        *password_file;  /* holds PL_TEST_PASSWORD */
  GSubprocess *process;        /* while serving */
  char        *url;            /* "http://127.0.0.1:PORT/", while serving */
} PlTestServer;

/* A server dies with the test, even when a failed assertion aborts it: a
 * server left behind keeps the test's output open and the runner waits. */
static inline void
pl_test_server_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static inline GSubprocess *
pl_test_server_spawnv (PlTestServer       *server,
                       GSubprocessFlags    flags,
                       const char *const  *args,
                       GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("PORCHLIGHT_SERVER"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, server->db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, pl_test_server_die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error);
}

/* Runs a command (NULL-terminated arguments after the database) to its end,
 * with no terminal on stdin as under cron; returns its exit status, with
 * what it printed when @out and @err are given. */
static inline int
pl_test_server_runv (PlTestServer       *server,
                     char              **out,
                     char              **err,
                     const char *const  *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = pl_test_server_spawnv (server, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                           G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                           G_SUBPROCESS_FLAGS_STDERR_PIPE, args, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static inline int
pl_test_server_run (PlTestServer  *server,
                    char         **out,
                    char         **err,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return pl_test_server_runv (server, out, err, (const char *const *) args->pdata);
}

/* A command that must succeed; what it printed to stderr is shown if not. */
#define pl_test_server_run_ok(server, ...)                                    \
  G_STMT_START                                                                \
  {                                                                           \
    g_autofree char *run_ok_out_ = NULL;                                      \
    g_autofree char *run_ok_err_ = NULL;                                      \
    int run_ok_status_ = pl_test_server_run ((server), &run_ok_out_,          \
                                             &run_ok_err_, __VA_ARGS__);      \
    if (run_ok_status_ != 0)                                                  \
      g_error ("porchlight-server failed (%d): %s", run_ok_status_,          \
               run_ok_err_);                                                  \
  }                                                                           \
  G_STMT_END

/* A server database in @dir ("server.db"), made with init. */
static inline void
pl_test_server_init (PlTestServer *server,
                     PlTestDir    *dir)
{
  memset (server, 0, sizeof *server);
  server->db = pl_test_dir_file (dir, "server.db");
  server->password_file = pl_test_dir_file (dir, "server-password");
  g_assert_true (g_file_set_contents (server->password_file, PL_TEST_PASSWORD "\n", -1, NULL));
  pl_test_server_run_ok (server, "init", NULL);
}

static inline void
pl_test_server_add_user (PlTestServer *server,
                         const char   *name,
                         const char   *role,
                         const char   *schools)
{
  pl_test_server_run_ok (server, "user", "add", name, "--role", role, "--schools", schools,
                         "--password-file", server->password_file, NULL);
}

/* Serves on 127.0.0.1, a free port; @first and what follows (up to NULL)
 * are more options of serve, such as "--token-lifetime=1". */
static inline void
pl_test_server_start (PlTestServer *server,
                      const char   *first,
                      ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  va_list ap;

  g_assert_null (server->process);
  for (const char *const *arg = (const char *const[]) { "serve", "--listen", "127.0.0.1",
                                                        "--port", "0", NULL };
       *arg != NULL; arg++)
    g_ptr_array_add (args, (gpointer) *arg);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  server->process = pl_test_server_spawnv (server, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                           (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  /* "serve --port 0" says where it listens on its first line. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  g_free (server->url);
  server->url = g_strdup (line + strlen ("Listening on "));
}

/* Stops the server with @signal_number: SIGTERM is a clean stop (exit 0),
 * SIGKILL a crash. */
static inline void
pl_test_server_stop (PlTestServer *server,
                     int           signal_number)
{
  g_autoptr(GError) error = NULL;

  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, signal_number);
  if (signal_number == SIGTERM)
    {
      g_assert_true (g_subprocess_wait_check (server->process, NULL, &error));
      g_assert_no_error (error);
    }
  else
    g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

static inline void
pl_test_server_clear (PlTestServer *server)
{
  pl_test_server_stop (server, SIGTERM);
  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->db, g_free);
  g_clear_pointer (&server->password_file, g_free);
}
