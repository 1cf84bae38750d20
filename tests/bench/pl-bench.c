/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The benchmark driver behind build-aux/bench. Each subcommand measures one
 * figure that matters against a reference taken in the same run, and prints
 *
 *   BENCH <name> <value> <unit>
 *
 * on stdout; progress and problems go to stderr.
 *
 *   pl-bench startup --app PATH [--database FILE] --bare PATH [--runs N]
 *   pl-bench search --database FILE [--queries N]
 *   pl-bench demo --dir DIR [--families N]
 */

#define G_LOG_DOMAIN "pl-bench"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "pl-core.h"

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

  g_return_val_if_fail (values->len > 0, NAN);

  g_array_sort (values, compare_doubles);
  rank = (guint) ceil (fraction * values->len);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

/* startup */

/* How long a program may take to show its window before the run counts as
 * failed, and to exit after it said so. */
#define FIRST_FRAME_TIMEOUT_S 60
#define EXIT_TIMEOUT_S 20

typedef struct
{
  gboolean     done;
  GAsyncResult *result;
} Pending;

static void
pending_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;

  pending->result = g_object_ref (result);
  pending->done = TRUE;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @pending is done. */
static void
pending_wait (Pending *pending)
{
  while (!pending->done)
    g_main_context_iteration (NULL, TRUE);
}

/* Reads lines from the program until its FIRST_FRAME line, within the timeout. */
static char *
read_first_frame_line (GDataInputStream  *stream,
                       GError           **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint timeout_id = g_timeout_add_seconds (FIRST_FRAME_TIMEOUT_S, cancel_cb, cancellable);
  char *found = NULL;

  for (;;)
    {
      Pending pending = { FALSE, NULL };
      g_autofree char *line = NULL;
      g_autoptr(GError) local_error = NULL;

      g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, cancellable,
                                           pending_cb, &pending);
      pending_wait (&pending);
      line = g_data_input_stream_read_line_finish (stream, pending.result, NULL, &local_error);
      g_object_unref (pending.result);

      if (line == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                         "no FIRST_FRAME line within %d s", FIRST_FRAME_TIMEOUT_S);
          else if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "the program exited without a FIRST_FRAME line");
          break;
        }
      if (g_str_has_prefix (line, "FIRST_FRAME "))
        {
          found = g_steal_pointer (&line);
          break;
        }
    }

  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timeout_id);
  return found;
}

/* Waits for the program to exit on its own; ends it if it does not. */
static gboolean
wait_for_exit (GSubprocess  *process,
               GError      **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint timeout_id = g_timeout_add_seconds (EXIT_TIMEOUT_S, cancel_cb, cancellable);
  Pending pending = { FALSE, NULL };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_subprocess_wait_async (process, cancellable, pending_cb, &pending);
  pending_wait (&pending);
  ok = g_subprocess_wait_finish (process, pending.result, &local_error);
  g_object_unref (pending.result);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timeout_id);

  if (!ok)
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "the program did not exit within %d s of its first frame", EXIT_TIMEOUT_S);
      return FALSE;
    }
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the program exited with status %d",
                   g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                        : -1);
      return FALSE;
    }
  return TRUE;
}

/* One start of a program: from just before the spawn to its first painted
 * frame, both on the system's monotonic clock, and its resident memory then. */
static gboolean
run_startup_once (const char *const  *argv,
                  double             *ms,
                  double             *rss_mb,
                  GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) stream = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) fields = NULL;
  gint64 spawned_at, frame_at, rss_kb;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "PORCHLIGHT_BENCH_FIRST_FRAME", "1", TRUE);

  spawned_at = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return FALSE;

  stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = read_first_frame_line (stream, error);
  if (line == NULL)
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      return FALSE;
    }

  fields = g_strsplit (line, " ", -1);
  if (g_strv_length (fields) < 3 ||
      !g_ascii_string_to_signed (fields[1], 10, 0, G_MAXINT64, &frame_at, NULL) ||
      !g_ascii_string_to_signed (fields[2], 10, 0, G_MAXINT64, &rss_kb, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "cannot read the line “%s”: expected FIRST_FRAME <µs> <kB>", line);
      wait_for_exit (process, NULL);
      return FALSE;
    }

  if (!wait_for_exit (process, error))
    return FALSE;

  *ms = (frame_at - spawned_at) / 1000.0;
  *rss_mb = rss_kb / 1024.0;
  return TRUE;
}

static int
cmd_startup (int    argc,
             char **argv)
{
  g_autofree char *app = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *database = NULL;
  int runs = 5;
  const GOptionEntry entries[] = {
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "The porchlight executable", "PATH" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "The database the app opens", "FILE" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &bare, "The bare reference executable", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Counted runs of each program (default 5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time to the first frame");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) app_argv = g_ptr_array_new ();
  const char *bare_argv[] = { NULL, NULL };
  g_autoptr(GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  double app_median, bare_median;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pl-bench startup: %s\n", error->message);
      return 2;
    }
  if (app == NULL || bare == NULL || runs < 1)
    {
      g_printerr ("pl-bench startup: --app and --bare are needed, and --runs must be at least 1\n");
      return 2;
    }

  g_ptr_array_add (app_argv, app);
  if (database != NULL)
    {
      g_ptr_array_add (app_argv, (char *) "--database");
      g_ptr_array_add (app_argv, database);
    }
  g_ptr_array_add (app_argv, NULL);
  bare_argv[0] = bare;

  /* Alternating the two programs spreads whatever else the machine does over
   * both; the first run of each only warms the disk cache and is not counted. */
  for (int run = 0; run <= runs; run++)
    {
      for (int which = 0; which < 2; which++)
        {
          const char *const *run_argv = which == 0 ? (const char *const *) app_argv->pdata
                                                   : bare_argv;
          double ms, rss;

          if (!run_startup_once (run_argv, &ms, &rss, &error))
            {
              g_printerr ("pl-bench startup: %s: %s\n", run_argv[0], error->message);
              return 1;
            }
          g_printerr ("startup: %s run %d%s: %.1f ms, %.1f MB\n",
                      which == 0 ? "app" : "bare", run, run == 0 ? " (warm-up)" : "", ms, rss);
          if (run == 0)
            continue;
          g_array_append_val (which == 0 ? app_ms : bare_ms, ms);
          g_array_append_val (which == 0 ? app_rss : bare_rss, rss);
        }
    }

  app_median = median (app_ms);
  bare_median = median (bare_ms);
  bench_print ("startup_first_frame_ms", app_median, "ms");
  bench_print ("bare_first_frame_ms", bare_median, "ms");
  bench_print ("startup_ratio", app_median / bare_median, "ratio");
  bench_print ("startup_rss_mb", median (app_rss), "MB");
  bench_print ("bare_rss_mb", median (bare_rss), "MB");
  return 0;
}

/* search */

/* The first @n characters of @text (all of it when shorter). */
static char *
utf8_prefix (const char *text,
             glong       n)
{
  glong len = g_utf8_strlen (text, -1);

  return g_utf8_substring (text, 0, MIN (n, len));
}

/* The first of a list of names joined with @separator. */
static char *
first_of (const char *list,
          const char *separator)
{
  const char *end;

  if (list == NULL)
    return g_strdup ("");
  end = strstr (list, separator);
  return end ? g_strndup (list, end - list) : g_strdup (list);
}

/* "Given Fam": a person's first word and the start of their last, as someone
 * types a name they half remember. Empty when the name is a single word. */
static char *
given_and_family_prefix (const char *name,
                         glong       prefix)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  g_autofree char *last = NULL;
  guint n = g_strv_length (words);

  if (n < 2 || *words[0] == '\0' || *words[n - 1] == '\0')
    return g_strdup ("");
  last = utf8_prefix (words[n - 1], prefix);
  return g_strdup_printf ("%s %s", words[0], last);
}

/* The first phone number stored for a family, or NULL. */
static char *
family_phone (PlStore    *store,
              const char *family_id)
{
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *guardians;

  family = pl_store_load_family (store, family_id, &error);
  if (family == NULL)
    {
      g_printerr ("search: cannot load family %s: %s\n", family_id, error->message);
      return NULL;
    }
  guardians = G_LIST_MODEL (pl_family_get_guardians (family));
  for (guint i = 0; i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);
      const char *phone = pl_guardian_get_phone (guardian);

      if (phone != NULL && *phone != '\0')
        return g_strdup (phone);
    }
  return NULL;
}

/* A query a person might type to find the family of @summary. The kinds
 * rotate, so a thousand queries hold every kind in fixed shares. */
static char *
make_query (PlStore         *store,
            PlFamilySummary *summary,
            guint            i)
{
  const char *household = pl_family_summary_get_household_name (summary);
  g_autofree char *household_word = first_of (household, " ");
  g_autofree char *guardian = first_of (pl_family_summary_get_guardians (summary), ", ");
  g_autofree char *student_line = first_of (pl_family_summary_get_students (summary), "\n");
  g_autofree char *student = first_of (student_line, " · ");
  g_autofree char *query = NULL;

  switch (i % 10)
    {
    case 0:
    case 1:
    case 2:
      /* The first 2–6 letters of the family name. */
      query = utf8_prefix (household_word, 2 + i % 5);
      break;
    case 3:
    case 4:
      /* "José Rodr" */
      query = given_and_family_prefix (guardian, 3 + i % 3);
      break;
    case 5:
      {
        /* The same typed without accents: "jose rodr", "nguyen thi h". */
        g_autofree char *plain = pl_normalize_text (guardian);

        query = given_and_family_prefix (plain, 2 + i % 4);
      }
      break;
    case 6:
      {
        /* A family name without accents: "nunez", "tran". */
        g_autofree char *plain = pl_normalize_text (household_word);

        query = utf8_prefix (plain, 4 + i % 3);
      }
      break;
    case 7:
      /* A student, by given name and the start of the family name. */
      query = given_and_family_prefix (student, 2 + i % 4);
      break;
    case 8:
    case 9:
      {
        /* A phone number: its last four digits, its last seven, or all of
         * it as written on a form. */
        g_autofree char *phone = family_phone (store, pl_family_summary_get_id (summary));
        g_autofree char *digits = phone ? pl_normalize_phone_digits (phone) : NULL;
        gsize len = digits ? strlen (digits) : 0;

        if (len >= 7 && i % 3 == 0)
          query = g_strdup (digits + len - 4);
        else if (len >= 7 && i % 3 == 1)
          query = g_strdup (digits + len - 7);
        else if (phone != NULL)
          query = g_strdup (phone);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  /* A family without a phone or a two-word name falls back to its name. */
  if (query == NULL || *query == '\0')
    {
      g_free (query);
      query = utf8_prefix (household_word, 3);
    }
  return g_steal_pointer (&query);
}

/* What a person waits for after a keystroke: the list filtered and the first
 * screenful of rows built. */
static double
time_query (PlFamilyList *list,
            const char   *query,
            guint        *n_found)
{
  gint64 start = g_get_monotonic_time ();
  guint n;

  pl_family_list_set_query (list, query);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < MIN (n, 20); i++)
    {
      g_autoptr(PlFamilySummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert (pl_family_summary_get_household_name (summary) != NULL);
    }

  *n_found = n;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
cmd_search (int    argc,
            char **argv)
{
  g_autofree char *database = NULL;
  int n_queries = 1000;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "A district database", "FILE" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "How many queries (default 1000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- family search latency");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlFamilyList) list = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (PL_DEMO_DEFAULT_SEED);
  guint n_families, n_empty = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pl-bench search: %s\n", error->message);
      return 2;
    }
  if (database == NULL || n_queries < 1)
    {
      g_printerr ("pl-bench search: --database is needed, and --queries must be at least 1\n");
      return 2;
    }
  if (!g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_printerr ("pl-bench search: %s does not exist\n", database);
      return 1;
    }

  store = pl_store_open (database, &error);
  if (store == NULL)
    {
      g_printerr ("pl-bench search: %s\n", error->message);
      return 1;
    }

  list = pl_family_list_new (store);
  n_families = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (pl_family_list_get_error (list) != NULL || n_families == 0)
    {
      g_printerr ("pl-bench search: no families to search in %s%s%s\n", database,
                  pl_family_list_get_error (list) ? ": " : "",
                  pl_family_list_get_error (list) ? pl_family_list_get_error (list)->message : "");
      return 1;
    }

  /* Queries come from the district's own families, picked at fixed
   * pseudo-random places, so every run asks the same thousand questions. */
  for (int i = 0; i < n_queries; i++)
    {
      guint position = g_rand_int_range (rand, 0, n_families);
      g_autoptr(PlFamilySummary) summary = g_list_model_get_item (G_LIST_MODEL (list), position);

      g_ptr_array_add (queries, make_query (store, summary, i));
    }
  g_printerr ("search: %u families, %d queries such as “%s”, “%s”, “%s”, “%s”, “%s”\n",
              n_families, n_queries,
              (char *) queries->pdata[0], (char *) queries->pdata[MIN (3, n_queries - 1)],
              (char *) queries->pdata[MIN (5, n_queries - 1)],
              (char *) queries->pdata[MIN (7, n_queries - 1)],
              (char *) queries->pdata[MIN (8, n_queries - 1)]);

  for (guint i = 0; i < queries->len; i++)
    {
      guint n_found;
      double ms = time_query (list, queries->pdata[i], &n_found);

      if (pl_family_list_get_error (list) != NULL)
        {
          g_printerr ("pl-bench search: the query “%s” failed: %s\n",
                      (char *) queries->pdata[i], pl_family_list_get_error (list)->message);
          return 1;
        }
      if (n_found == 0)
        {
          n_empty++;
          g_printerr ("search: nothing found for “%s”\n", (char *) queries->pdata[i]);
        }
      g_array_append_val (times, ms);
    }
  if (n_empty > 0)
    g_printerr ("search: %u of %u queries found nothing\n", n_empty, queries->len);

  bench_print ("search_p50_ms", percentile (times, 0.50), "ms");
  bench_print ("search_p99_ms", percentile (times, 0.99), "ms");
  return 0;
}

/* demo */

/* The tables whose rows pl_demo_rows_written() counts, parents first. */
static const char *const demo_tables[] = { "families", "guardians", "students", "contacts" };

typedef enum
{
  VALUE_ID,
  VALUE_HLC,
  VALUE_ORIGIN,
  VALUE_FAMILY,
  VALUE_GUARDIAN,
  VALUE_SCHOOL,
  VALUE_GRADE,
  VALUE_ZERO,
  VALUE_TEXT,
} ValueKind;

typedef struct
{
  char      *name;
  ValueKind  kind;
  guint      text_length;  /* for VALUE_TEXT: the demo's average */
  char      *buffer;
} Column;

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_free (column->buffer);
  g_free (column);
}

static void
remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_remove (file) != 0 && errno != ENOENT)
        g_printerr ("demo: cannot remove %s: %s\n", file, g_strerror (errno));
    }
}

static gboolean
check_sqlite (sqlite3     *db,
              int          rc,
              const char  *what,
              GError     **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  return check_sqlite (db, sqlite3_exec (db, sql, NULL, NULL, NULL), sql, error);
}

static gboolean
query_int64 (sqlite3     *db,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (!check_sqlite (db, rc, sql, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      check_sqlite (db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, sql, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The columns the demo filled in @table (at least one row not NULL), with
 * the average length of its text, so the reference writes the same columns
 * with as many bytes. Columns the demo left empty are left to their default. */
static GPtrArray *
plan_columns (sqlite3     *demo_db,
              const char  *table,
              GError     **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (column_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (demo_db, info_sql, -1, &stmt, NULL);
  if (!check_sqlite (demo_db, rc, info_sql, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (types, g_ascii_strup ((const char *) sqlite3_column_text (stmt, 2), -1));
    }
  sqlite3_finalize (stmt);
  if (!check_sqlite (demo_db, rc, info_sql, error))
    return NULL;
  if (names->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no table %s in the demo database",
                   table);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (sql, "%scount(%s), coalesce(avg(length(%s)), 0)", i ? ", " : "",
                            (char *) names->pdata[i], (char *) names->pdata[i]);
  g_string_append_printf (sql, " FROM %s", table);

  rc = sqlite3_prepare_v2 (demo_db, sql->str, -1, &stmt, NULL);
  if (!check_sqlite (demo_db, rc, sql->str, error))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      check_sqlite (demo_db, rc, sql->str, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      const char *type = types->pdata[i];
      Column *column;

      if (sqlite3_column_int64 (stmt, 2 * i) == 0)
        continue;

      column = g_new0 (Column, 1);
      column->name = g_strdup (name);
      if (g_str_equal (name, "id"))
        column->kind = VALUE_ID;
      else if (g_str_equal (name, "hlc"))
        column->kind = VALUE_HLC;
      else if (g_str_equal (name, "origin"))
        column->kind = VALUE_ORIGIN;
      else if (g_str_equal (name, "family_id"))
        column->kind = VALUE_FAMILY;
      else if (g_str_equal (name, "guardian_id"))
        column->kind = VALUE_GUARDIAN;
      else if (g_str_equal (name, "school_id"))
        column->kind = VALUE_SCHOOL;
      else if (g_str_equal (name, "grade"))
        column->kind = VALUE_GRADE;
      else if (strstr (type, "INT") != NULL)
        column->kind = VALUE_ZERO;
      else
        {
          column->kind = VALUE_TEXT;
          column->text_length = MAX (1, (guint) round (sqlite3_column_double (stmt, 2 * i + 1)));
          column->buffer = g_malloc (column->text_length + 1);
          memset (column->buffer, 'x', column->text_length);
          column->buffer[column->text_length] = '\0';
        }
      g_ptr_array_add (columns, column);
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&columns);
}

/* A random version 4 UUID, as the demo's ids are, so the primary-key index
 * sees keys in no order at all, as it does for the demo. */
static void
format_uuid (GRand *rand,
             char   buffer[37])
{
  g_snprintf (buffer, 37, "%08x-%04x-4%03x-%04x-%08x%04x",
              g_rand_int (rand), g_rand_int (rand) & 0xffff, g_rand_int (rand) & 0xfff,
              0x8000 | (g_rand_int (rand) & 0x3fff), g_rand_int (rand),
              g_rand_int (rand) & 0xffff);
}

typedef struct
{
  char  (*ids)[37];
  guint   n;
} IdList;

/* Inserts @n_rows rows into @table with one prepared statement: bind, step,
 * reset. Keeps the ids when @keep is not NULL, for the child tables. */
static gboolean
insert_rows (sqlite3       *db,
             const char    *table,
             GPtrArray     *columns,
             guint          n_rows,
             const IdList  *families,
             const IdList  *guardians,
             const IdList  *schools,
             IdList        *keep,
             GRand         *rand,
             GError       **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  static const char origin[] = "bench-reference-device";
  char id[37];
  char hlc[64];
  int rc;

  g_string_append_printf (sql, "INSERT INTO %s (", table);
  for (guint c = 0; c < columns->len; c++)
    g_string_append_printf (sql, "%s%s", c ? ", " : "", ((Column *) columns->pdata[c])->name);
  g_string_append (sql, ") VALUES (");
  for (guint c = 0; c < columns->len; c++)
    g_string_append (sql, c ? ", ?" : "?");
  g_string_append (sql, ")");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (!check_sqlite (db, rc, sql->str, error))
    return FALSE;

  if (keep != NULL)
    {
      keep->ids = g_malloc (sizeof *keep->ids * MAX (n_rows, 1));
      keep->n = n_rows;
    }

  for (guint row = 0; row < n_rows; row++)
    {
      rc = SQLITE_OK;
      for (guint c = 0; c < columns->len; c++)
        {
          Column *column = columns->pdata[c];
          int param = c + 1;

          switch (column->kind)
            {
            case VALUE_ID:
              format_uuid (rand, id);
              if (keep != NULL)
                memcpy (keep->ids[row], id, sizeof id);
              rc = sqlite3_bind_text (stmt, param, id, 36, SQLITE_STATIC);
              break;
            case VALUE_HLC:
              g_snprintf (hlc, sizeof hlc, "%013" G_GINT64_FORMAT "-%05u-%s",
                          (gint64) 1790000000000 + row, row % 100000, origin);
              rc = sqlite3_bind_text (stmt, param, hlc, -1, SQLITE_STATIC);
              break;
            case VALUE_ORIGIN:
              rc = sqlite3_bind_text (stmt, param, origin, -1, SQLITE_STATIC);
              break;
            case VALUE_FAMILY:
              rc = families == NULL || families->n == 0
                ? sqlite3_bind_null (stmt, param)
                : sqlite3_bind_text (stmt, param,
                                      families->ids[(guint64) row * families->n / n_rows], 36,
                                      SQLITE_STATIC);
              break;
            case VALUE_GUARDIAN:
              rc = guardians == NULL || guardians->n == 0
                ? sqlite3_bind_null (stmt, param)
                : sqlite3_bind_text (stmt, param,
                                      guardians->ids[(guint64) row * guardians->n / n_rows], 36,
                                      SQLITE_STATIC);
              break;
            case VALUE_SCHOOL:
              rc = schools == NULL || schools->n == 0 ? sqlite3_bind_null (stmt, param)
                                   : sqlite3_bind_text (stmt, param, schools->ids[row % schools->n],
                                                        36, SQLITE_STATIC);
              break;
            case VALUE_GRADE:
              rc = sqlite3_bind_int (stmt, param, (int) (row % 14) - 1);
              break;
            case VALUE_ZERO:
              rc = sqlite3_bind_int (stmt, param, 0);
              break;
            case VALUE_TEXT:
              {
                /* The row number, then filler up to the demo's average length. */
                char number[16];
                int len = g_snprintf (number, sizeof number, "%u ", row);

                memcpy (column->buffer, number, MIN ((guint) len, column->text_length));
                rc = sqlite3_bind_text (stmt, param, column->buffer, column->text_length,
                                        SQLITE_STATIC);
              }
              break;
            default:
              g_assert_not_reached ();
            }
          if (rc != SQLITE_OK)
            break;
        }
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          check_sqlite (db, rc, sql->str, error);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return check_sqlite (db, sqlite3_finalize (stmt), sql->str, error);
}

static void
demo_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  guint *last_tenth = user_data;
  guint tenth = total ? (guint) ((guint64) done * 10 / total) : 10;

  if (tenth != *last_tenth)
    {
      *last_tenth = tenth;
      g_printerr ("demo: %u of %u families\n", done, total);
    }
}

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autofree char *dir = NULL;
  int n_families = PL_DEMO_DEFAULT_FAMILIES;
  const GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to write the two databases", "DIR" },
    { "families", 0, 0, G_OPTION_ARG_INT, &n_families, "How many families (default 25000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- demo district generation speed");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autofree char *demo_path = NULL;
  g_autofree char *reference_path = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (PL_DEMO_DEFAULT_SEED);
  sqlite3 *demo_db = NULL;
  sqlite3 *db = NULL;
  IdList families = { NULL, 0 }, guardians = { NULL, 0 }, schools = { NULL, 0 };
  gint64 counts[G_N_ELEMENTS (demo_tables)];
  gint64 n_schools = 0;
  guint64 demo_rows, reference_rows = 0;
  gint64 start;
  double demo_s = 0, reference_s = 0, demo_rate = 0, reference_rate = 0;
  guint last_tenth = 0;
  int status = 1;
  int rc;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pl-bench demo: %s\n", error->message);
      return 2;
    }
  if (dir == NULL || n_families < 1)
    {
      g_printerr ("pl-bench demo: --dir is needed, and --families must be at least 1\n");
      return 2;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("pl-bench demo: cannot create %s: %s\n", dir, g_strerror (errno));
      return 1;
    }

  demo_path = g_build_filename (dir, "demo.db", NULL);
  reference_path = g_build_filename (dir, "reference.db", NULL);
  remove_database (demo_path);
  remove_database (reference_path);

  /* The demo, through the core, on a fresh store. */
  store = pl_store_open (demo_path, &error);
  if (store == NULL)
    goto out;
  g_printerr ("demo: generating %d families in %s\n", n_families, demo_path);
  start = g_get_monotonic_time ();
  if (!pl_demo_generate (store, n_families, PL_DEMO_DEFAULT_SEED, demo_progress_cb, &last_tenth,
                         NULL, &error))
    goto out;
  demo_s = (g_get_monotonic_time () - start) / 1e6;
  demo_rows = pl_demo_rows_written ();
  g_clear_object (&store);
  if (demo_rows == 0 || demo_s <= 0)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "the demo wrote no rows");
      goto out;
    }
  demo_rate = demo_rows / demo_s;
  g_printerr ("demo: %" G_GUINT64_FORMAT " rows in %.2f s\n", demo_rows, demo_s);

  /* What the demo wrote, table by table and column by column. */
  rc = sqlite3_open_v2 (demo_path, &demo_db, SQLITE_OPEN_READONLY, NULL);
  if (!check_sqlite (demo_db, rc, demo_path, &error))
    goto out;
  if (!query_int64 (demo_db, "SELECT count(*) FROM schools", &n_schools, &error))
    goto out;
  for (guint t = 0; t < G_N_ELEMENTS (demo_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", demo_tables[t]);
      GPtrArray *plan;

      if (!query_int64 (demo_db, sql, &counts[t], &error))
        goto out;
      plan = plan_columns (demo_db, demo_tables[t], &error);
      if (plan == NULL)
        goto out;
      g_ptr_array_add (plans, plan);
      reference_rows += counts[t];
      g_printerr ("demo: %s: %" G_GINT64_FORMAT " rows, %u columns filled\n",
                  demo_tables[t], counts[t], plan->len);
    }
  if (reference_rows != demo_rows)
    g_printerr ("demo: warning: pl_demo_rows_written() says %" G_GUINT64_FORMAT
                " rows, the tables hold %" G_GUINT64_FORMAT "\n", demo_rows, reference_rows);

  /* The reference: a second fresh store of the same schema, filled by a plain
   * loop of prepared INSERTs in one transaction, on a connection set up as
   * the store sets up its own. It makes no names, no search text and no
   * journal: it is what writing the rows alone costs. */
  store = pl_store_open (reference_path, &error);
  if (store == NULL)
    goto out;
  g_clear_object (&store);

  rc = sqlite3_open_v2 (reference_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (!check_sqlite (db, rc, reference_path, &error))
    goto out;
  if (!exec_sql (db, "PRAGMA foreign_keys = ON", &error) ||
      !exec_sql (db, "PRAGMA journal_mode = WAL", &error) ||
      !exec_sql (db, "PRAGMA synchronous = NORMAL", &error))
    goto out;

  /* The schools the students refer to, before the clock starts. */
  {
    g_autoptr(GPtrArray) school_plan = plan_columns (demo_db, "schools", &error);

    if (school_plan == NULL ||
        !exec_sql (db, "BEGIN", &error) ||
        !insert_rows (db, "schools", school_plan, n_schools, &families, &guardians, &schools,
                      &schools, rand, &error) ||
        !exec_sql (db, "COMMIT", &error))
      goto out;
  }

  start = g_get_monotonic_time ();
  if (!exec_sql (db, "BEGIN", &error) ||
      !insert_rows (db, "families", plans->pdata[0], counts[0], NULL, NULL, &schools,
                    &families, rand, &error) ||
      !insert_rows (db, "guardians", plans->pdata[1], counts[1], &families, NULL, &schools,
                    &guardians, rand, &error) ||
      !insert_rows (db, "students", plans->pdata[2], counts[2], &families, &guardians, &schools,
                    NULL, rand, &error) ||
      !insert_rows (db, "contacts", plans->pdata[3], counts[3], &families, &guardians, &schools,
                    NULL, rand, &error) ||
      !exec_sql (db, "COMMIT", &error))
    goto out;
  reference_s = (g_get_monotonic_time () - start) / 1e6;
  reference_rate = reference_rows / MAX (reference_s, 1e-6);
  g_printerr ("demo: reference: %" G_GUINT64_FORMAT " rows in %.2f s\n",
              reference_rows, reference_s);

  bench_print ("demo_rows_per_s", demo_rate, "rows/s");
  bench_print ("demo_vs_sqlite_ratio", demo_rate / reference_rate, "ratio");
  status = 0;

out:
  if (error != NULL)
    g_printerr ("pl-bench demo: %s\n", error->message);
  if (demo_db != NULL)
    sqlite3_close (demo_db);
  if (db != NULL)
    sqlite3_close (db);
  g_free (families.ids);
  g_free (guardians.ids);
  g_free (schools.ids);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } commands[] = {
    { "startup", cmd_startup },
    { "search", cmd_search },
    { "demo", cmd_demo },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);

  g_printerr ("Usage: pl-bench startup --app PATH [--database FILE] --bare PATH [--runs N]\n"
              "       pl-bench search --database FILE [--queries N]\n"
              "       pl-bench demo --dir DIR [--families N]\n");
  return 2;
}
