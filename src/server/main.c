/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-server"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "pl-password.h"
#include "pl-server.h"
#include "pl-server-auth.h"
#include "pl-server-storage-sqlite.h"

/* Exit codes: 0 success, 1 bad input or a failure, 2 usage. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

#define PASSWORD_MIN_LENGTH 8
#define DEFAULT_PORT 8470

static char *database_path;

/* The commands, for usage lines and --help alike. */
static const char *
commands_text (void)
{
  return _("Commands:\n"
           "  init\n"
           "      create the server database (safe to repeat)\n"
           "  user add NAME --role ROLE --schools all|ID,ID\n"
           "           [--display-name TEXT] [--password-file FILE]\n"
           "      add an account; ROLE is admin, organizer, liaison, entry\n"
           "      or viewer; without a file the password is asked twice\n"
           "  user list\n"
           "      list accounts: name, role, schools, active or disabled\n"
           "  user disable NAME\n"
           "      disable an account and end its sessions\n"
           "  demo [--families N] [--seed S]\n"
           "      fill a server database without rows with a made-up demo\n"
           "      district (default 25000 families) for clients to sync\n"
           "  backup OUT\n"
           "      copy the database to a new file OUT (also while serving)\n"
           "  serve [--listen ADDR] [--port N] [--tls-cert FILE --tls-key FILE]\n"
           "        [--token-lifetime SECONDS] [--max-clock-ahead SECONDS]\n"
           "      answer the sync API; plain HTTP only on a loopback address;\n"
           "      changes stamped more than --max-clock-ahead (default 600)\n"
           "      ahead of this machine’s clock are refused\n"
           "  audit [--family ID]\n"
           "      print the audit journal, one change a line");
}

static int
usage (const char *message)
{
  if (message)
    g_printerr ("porchlight-server: %s\n", message);
  g_printerr ("%s\n\n%s\n", _("Usage: porchlight-server --database FILE COMMAND [ARGS…]"),
              commands_text ());
  return EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_printerr ("porchlight-server: %s\n", error->message);
  return EXIT_FAILED;
}

static int
fail_message (const char *message)
{
  g_printerr ("porchlight-server: %s\n", message);
  return EXIT_FAILED;
}

/* Parses a command's options; NULL (usage printed) on a mistake. */
static gboolean
parse_options (const char    *command,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (command);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage (error->message);
      return FALSE;
    }
  return TRUE;
}

static PlServerStorage *
open_storage (gboolean   create,
              GError   **error)
{
  return pl_server_storage_sqlite_open (database_path, create, error);
}

static int
cmd_init (int    argc,
          char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return usage (_("init takes no arguments"));

  /* Idempotent: an existing server database is only checked (and brought up
   * to date); its accounts and rows stay as they are. */
  storage = open_storage (TRUE, &error);
  if (storage == NULL || !pl_server_storage_init (storage, &error))
    return fail (error);
  /* Translators: %s is a file name */
  g_print (_("The server database %s is ready.\n"), database_path);
  return EXIT_OK;
}

/* A new account's password: from the file, or asked twice on the terminal. */
static char *
read_password (const char  *name,
               const char  *password_file,
               GError     **error)
{
  g_autofree char *prompt = NULL;
  char *password;

  /* Translators: %s is a user name */
  prompt = g_strdup_printf (_("Password for %s: "), name);
  password = pl_password_read (password_file, prompt, _("The same password again: "), error);
  if (password == NULL)
    return NULL;

  if (g_utf8_strlen (password, -1) < PASSWORD_MIN_LENGTH)
    {
      pl_password_free (password);
      g_set_error (error, PL_PASSWORD_ERROR, PL_PASSWORD_ERROR_INVALID,
                   /* Translators: %d is a number of characters */
                   _("The password needs at least %d characters"), PASSWORD_MIN_LENGTH);
      return NULL;
    }
  return password;
}

static gboolean
user_name_is_valid (const char *name)
{
  if (!g_utf8_validate (name, -1, NULL) || *name == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == ':' || c == ',')
        return FALSE;
    }
  return TRUE;
}

static int
cmd_user_add (int    argc,
              char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *schools_text = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  PlServerUser user = { 0 };
  g_auto(GStrv) schools = NULL;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text,
      N_("admin, organizer, liaison, entry or viewer"), N_("ROLE") },
    { "schools", 0, 0, G_OPTION_ARG_STRING, &schools_text,
      N_("“all”, or school ids separated by commas"), N_("SCHOOLS") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name,
      N_("The name shown to people"), N_("TEXT") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from the first line of FILE"), N_("FILE") },
    { NULL },
  };

  if (!parse_options ("user add NAME", entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage (_("use: user add NAME --role ROLE --schools all|ID,ID"));
  if (role_text == NULL || schools_text == NULL)
    return usage (_("user add needs --role and --schools"));
  if (!user_name_is_valid (argv[1]))
    return fail_message (_("A user name is 1 to 64 characters without spaces, commas or colons"));
  if (!pl_server_role_from_string (role_text, &user.role))
    {
      /* Translators: %s is what was given after --role */
      g_autofree char *message = g_strdup_printf (_("“%s” is not a role: use admin, organizer, "
                                                    "liaison, entry or viewer"), role_text);
      return fail_message (message);
    }
  if (!pl_server_parse_schools (schools_text, &schools, &error))
    return fail (error);

  storage = open_storage (FALSE, &error);
  if (storage == NULL)
    return fail (error);

  password = read_password (argv[1], password_file, &error);
  if (password == NULL)
    return fail (error);
  hash = pl_server_hash_password (password, &error);
  pl_password_free (g_steal_pointer (&password));
  if (hash == NULL)
    return fail (error);

  user.name = argv[1];
  user.display_name = display_name;
  user.schools = schools;
  if (!pl_server_storage_add_user (storage, &user, hash, &error))
    return fail (error);
  /* Translators: %s is a user name */
  g_print (_("Added user %s.\n"), argv[1]);
  return EXIT_OK;
}

static int
cmd_user_list (int    argc,
               char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 1)
    return usage (_("user list takes no arguments"));
  storage = open_storage (FALSE, &error);
  if (storage == NULL)
    return fail (error);
  users = pl_server_storage_list_users (storage, &error);
  if (users == NULL)
    return fail (error);

  /* NAME<TAB>ROLE<TAB>SCHOOLS<TAB>active|disabled: for people and scripts alike. */
  for (guint i = 0; i < users->len; i++)
    {
      PlServerUser *user = users->pdata[i];
      g_autofree char *schools = pl_server_user_dup_schools_text (user);

      g_print ("%s\t%s\t%s\t%s\n", user->name, pl_server_role_to_string (user->role), schools,
               user->disabled ? "disabled" : "active");
    }
  return EXIT_OK;
}

static int
cmd_user_disable (int    argc,
                  char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return usage (_("use: user disable NAME"));
  storage = open_storage (FALSE, &error);
  if (storage == NULL || !pl_server_storage_disable_user (storage, argv[1], &error))
    return fail (error);
  /* Translators: %s is a user name */
  g_print (_("Disabled user %s; their sessions have ended.\n"), argv[1]);
  return EXIT_OK;
}

static int
cmd_user (int    argc,
          char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return cmd_user_add (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return cmd_user_list (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "disable"))
    return cmd_user_disable (argc - 1, argv + 1);
  return usage (_("use: user add|list|disable …"));
}

static int
cmd_backup (int    argc,
            char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return usage (_("use: backup OUT"));
  storage = open_storage (FALSE, &error);
  if (storage == NULL || !pl_server_storage_backup (storage, argv[1], &error))
    return fail (error);
  /* Translators: %s is a file name */
  g_print (_("Backed up to %s.\n"), argv[1]);
  return EXIT_OK;
}

static void
demo_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  if (!isatty (STDERR_FILENO))
    return;
  /* Translators: a progress line on a terminal; %u are counts of families */
  g_printerr ("\r");
  g_printerr (_("Creating families: %u of %u"), done, total);
  if (done == total)
    g_printerr ("\n");
}

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  int families = PL_DEMO_DEFAULT_FAMILIES;
  int seed = PL_DEMO_DEFAULT_SEED;
  int status = EXIT_OK;
  GOptionEntry entries[] = {
    { "families", 0, 0, G_OPTION_ARG_INT, &families,
      N_("How many families (default 25000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("The same seed makes the same district"), N_("S") },
    { NULL },
  };

  if (!parse_options ("demo", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage (_("use: demo [--families N] [--seed S]"));
  if (families < 1 || families > 1000000)
    return usage (_("--families must be from 1 to 1000000"));

  /* Like init, it makes the file when there is none: trying a server out
   * takes two commands, demo and serve. */
  storage = open_storage (TRUE, &error);
  if (storage == NULL ||
      !pl_server_storage_sqlite_fill_demo (PL_SERVER_STORAGE_SQLITE (storage), (guint) families,
                                           (guint32) seed, demo_progress, NULL, &error))
    return fail (error);
  /* Translators: %u is a number of families, %s a file name */
  g_print (_("Added a demo district of %u families to %s; add a user to sync it.\n"),
           (guint) families, database_path);
  return EXIT_OK;
}

static int
cmd_audit (int    argc,
           char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *family = NULL;
  int status = EXIT_OK;
  GOptionEntry options[] = {
    { "family", 0, 0, G_OPTION_ARG_STRING, &family,
      N_("Only the changes to this family and its rows"), N_("ID") },
    { NULL },
  };

  if (!parse_options ("audit", options, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage (_("use: audit [--family ID]"));

  storage = open_storage (FALSE, &error);
  if (storage == NULL)
    return fail (error);
  entries = pl_server_storage_list_audit (storage, family, &error);
  if (entries == NULL)
    return fail (error);

  /* TIME<TAB>USER<TAB>DEVICE<TAB>ENTITY<TAB>ROW<TAB>CHANGE<TAB>FIELDS */
  for (guint i = 0; i < entries->len; i++)
    {
      PlServerAuditEntry *entry = entries->pdata[i];

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", entry->at, entry->user, entry->device,
               entry->entity, entry->row_id, entry->change_id, entry->fields);
    }
  return EXIT_OK;
}

static gboolean
address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (g_ascii_strcasecmp (address, "localhost") == 0)
    return TRUE;
  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static int
cmd_serve (int    argc,
           char **argv)
{
  g_autoptr(PlServerStorage) storage = NULL;
  g_autoptr(PlServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  gint64 token_lifetime = PL_SERVER_DEFAULT_TOKEN_LIFETIME;
  gint64 max_clock_ahead = 600;
  int port = DEFAULT_PORT;
  int status = EXIT_OK;
  guint term_source, int_source;
  GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("The address to listen on (default 127.0.0.1)"), N_("ADDR") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("The port to listen on; 0 picks a free one"), N_("N") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      N_("The TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      N_("The TLS private key (PEM)"), N_("FILE") },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT64, &token_lifetime,
      N_("Seconds a login lasts (default 30 days)"), N_("SECONDS") },
    { "max-clock-ahead", 0, 0, G_OPTION_ARG_INT64, &max_clock_ahead,
      N_("Refuse changes stamped more than this many seconds ahead of this machine’s "
         "clock (default 600)"), N_("SECONDS") },
    { NULL },
  };

  if (!parse_options ("serve", entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage (_("use: serve [--listen ADDR] [--port N] [--tls-cert FILE --tls-key FILE]"));
  if (port < 0 || port > 65535)
    return usage (_("--port must be from 0 to 65535"));
  if (token_lifetime <= 0)
    return usage (_("--token-lifetime must be a positive number of seconds"));
  if (max_clock_ahead <= 0)
    return usage (_("--max-clock-ahead must be a positive number of seconds"));
  if ((tls_cert == NULL) != (tls_key == NULL))
    return usage (_("--tls-cert and --tls-key go together"));
  if (listen == NULL)
    listen = g_strdup ("127.0.0.1");

  if (g_ascii_strcasecmp (listen, "localhost") != 0 &&
      (inet = g_inet_address_new_from_string (listen)) == NULL)
    {
      /* Translators: %s is what was given after --listen */
      g_autofree char *message = g_strdup_printf (_("“%s” is not an IP address or "
                                                    "“localhost”"), listen);
      return fail_message (message);
    }
  /* Passwords and family records cross the wire: in the clear only on this machine. */
  if (tls_cert == NULL && !address_is_loopback (listen))
    {
      /* Translators: %s is an address */
      g_autofree char *message = g_strdup_printf (_("Plain HTTP is only served on a loopback "
                                                    "address; give --tls-cert and --tls-key to "
                                                    "listen on %s"), listen);
      return fail_message (message);
    }

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        return fail (error);
    }

  storage = open_storage (FALSE, &error);
  if (storage == NULL)
    return fail (error);

  server = pl_server_new (storage, token_lifetime);
  pl_server_set_max_clock_ahead (server, max_clock_ahead);
  uri = pl_server_listen (server, listen, (guint) port, certificate, &error);
  if (uri == NULL)
    return fail (error);

  /* Scripts and tests read the port from this first line: never translated. */
  g_print ("Listening on %s\n", uri);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  term_source = g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  int_source = g_unix_signal_add (SIGINT, on_stop_signal, loop);
  g_main_loop_run (loop);
  g_source_remove (term_source);
  g_source_remove (int_source);

  pl_server_disconnect (server);
  g_clear_object (&server);
  /* Closing the store folds the WAL back into the file. */
  g_clear_object (&storage);
  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *command;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database_path,
      N_("The server database file"), N_("FILE") },
    { NULL },
  };

  /* SQLite keeps a process-wide count of its memory, under a lock taken on
   * every allocation (about a hundred per pushed change); nothing here
   * reads it. Only possible before SQLite's first use. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGS…]"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, commands_text ());
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);

  if (argc < 2)
    return usage (NULL);
  if (database_path == NULL)
    return usage (_("give the database with --database FILE"));

  if (!pl_server_auth_init (&error))
    return fail (error);

  command = argv[1];
  if (g_str_equal (command, "init"))
    return cmd_init (argc - 1, argv + 1);
  if (g_str_equal (command, "user"))
    return cmd_user (argc - 1, argv + 1);
  if (g_str_equal (command, "demo"))
    return cmd_demo (argc - 1, argv + 1);
  if (g_str_equal (command, "backup"))
    return cmd_backup (argc - 1, argv + 1);
  if (g_str_equal (command, "serve"))
    return cmd_serve (argc - 1, argv + 1);
  if (g_str_equal (command, "audit"))
    return cmd_audit (argc - 1, argv + 1);

  {
    /* Translators: %s is what was typed as the command */
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), command);
    return usage (message);
  }
}
