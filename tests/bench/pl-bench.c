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
 *   pl-bench sync --server URL --user NAME --password-file FILE --dir DIR [--noop N]
 */

#define G_LOG_DOMAIN "pl-bench"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

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

/* The tables whose rows pl_demo_generate() writes and counts, parents first.
 * Its search index is not copied: building it is part of the demo's work. */
static const char *const demo_tables[] = {
  "schools", "staff_users", "families", "guardians", "students", "contacts",
};

/* Columns with at most this many values in the sample take the demo's own
 * values in turn (codes, flags, grades), so every CHECK holds. */
#define MAX_CHOICES 16
#define SAMPLE_ROWS 20000

typedef struct
{
  char  (*ids)[37];
  guint   n;
} IdList;

typedef struct
{
  char         *name;
  gboolean      is_id;
  const IdList *parent;        /* the ids of the table a foreign key points to */
  guint         null_permille; /* how often the demo left it NULL */
  GPtrArray    *choices;       /* sqlite3_value, or NULL */
  gboolean      integer;
  guint         text_length;   /* bytes, the demo's average */
  char         *buffer;
} Column;

typedef struct
{
  const char *name;
  gint64      n_rows;
  GPtrArray  *columns;
  IdList      ids;
} Table;

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_clear_pointer (&column->choices, g_ptr_array_unref);
  g_free (column->buffer);
  g_free (column);
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_clear_pointer (&table->ids.ids, g_free);
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

/* Per column of a sample of the demo's rows: how often it is NULL, its
 * average length, and its values while there are few of them. */
typedef struct
{
  guint       n_set;
  guint64     bytes;
  GPtrArray  *values;      /* sqlite3_value; NULL once past MAX_CHOICES */
  GHashTable *seen;        /* their text */
} ColumnStats;

static void
column_stats_clear (ColumnStats *stats)
{
  g_clear_pointer (&stats->values, g_ptr_array_unref);
  g_clear_pointer (&stats->seen, g_hash_table_unref);
}

/* How the reference fills @table so it writes what the demo wrote: the same
 * columns, as often NULL, with as many bytes, and keys into the parent rows
 * it wrote before. Columns the demo never filled are left to their default. */
static gboolean
plan_table (sqlite3      *demo_db,
            Table        *table,
            Table        *parents,
            guint         n_parents,
            GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
  g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info (%s)", table->name);
  g_autofree char *fk_sql = g_strdup_printf ("PRAGMA foreign_key_list (%s)", table->name);
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", table->name);
  g_autofree char *sample_sql = g_strdup_printf ("SELECT * FROM %s LIMIT %d", table->name,
                                                 SAMPLE_ROWS);
  g_autofree ColumnStats *stats = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_sampled = 0;
  int rc;

  rc = sqlite3_prepare_v2 (demo_db, info_sql, -1, &stmt, NULL);
  if (!check_sqlite (demo_db, rc, info_sql, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (types, g_ascii_strup ((const char *) sqlite3_column_text (stmt, 2), -1));
    }
  sqlite3_finalize (stmt);
  if (!check_sqlite (demo_db, rc, info_sql, error))
    return FALSE;
  if (names->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no table %s in the demo database",
                   table->name);
      return FALSE;
    }

  /* Which column refers to which table: (id, seq, table, from, to, …). */
  rc = sqlite3_prepare_v2 (demo_db, fk_sql, -1, &stmt, NULL);
  if (!check_sqlite (demo_db, rc, fk_sql, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (references, g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  if (!check_sqlite (demo_db, rc, fk_sql, error))
    return FALSE;

  if (!query_int64 (demo_db, count_sql, &table->n_rows, error))
    return FALSE;

  stats = g_new0 (ColumnStats, names->len);
  for (guint c = 0; c < names->len; c++)
    {
      stats[c].values = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
      stats[c].seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  rc = sqlite3_prepare_v2 (demo_db, sample_sql, -1, &stmt, NULL);
  if (!check_sqlite (demo_db, rc, sample_sql, error))
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n_sampled++;
      for (guint c = 0; c < names->len; c++)
        {
          ColumnStats *st = &stats[c];
          const char *text;

          if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
            continue;
          st->n_set++;
          text = (const char *) sqlite3_column_text (stmt, c);
          st->bytes += sqlite3_column_bytes (stmt, c);
          if (st->values == NULL || g_hash_table_contains (st->seen, text))
            continue;
          if (st->values->len == MAX_CHOICES)
            {
              column_stats_clear (st);
              continue;
            }
          g_hash_table_add (st->seen, g_strdup (text));
          g_ptr_array_add (st->values, sqlite3_value_dup (sqlite3_column_value (stmt, c)));
        }
    }
  sqlite3_finalize (stmt);
  if (!check_sqlite (demo_db, rc, sample_sql, error))
    goto failed;

  table->columns = g_ptr_array_new_with_free_func (column_free);
  for (guint c = 0; c < names->len && n_sampled > 0; c++)
    {
      const char *name = names->pdata[c];
      const char *parent_name = g_hash_table_lookup (references, name);
      Column *column;

      if (stats[c].n_set == 0)
        continue;

      column = g_new0 (Column, 1);
      column->name = g_strdup (name);
      column->null_permille = (guint) ((guint64) (n_sampled - stats[c].n_set) * 1000 / n_sampled);
      for (guint p = 0; parent_name != NULL && p < n_parents; p++)
        if (g_str_equal (parents[p].name, parent_name))
          column->parent = &parents[p].ids;

      if (g_str_equal (name, "id"))
        column->is_id = TRUE;
      else if (column->parent != NULL)
        ;
      else if (stats[c].values != NULL)
        column->choices = g_steal_pointer (&stats[c].values);
      else if (strstr (types->pdata[c], "INT") != NULL)
        column->integer = TRUE;
      else
        {
          column->text_length = MAX (1, (guint) (stats[c].bytes / stats[c].n_set));
          column->buffer = g_malloc (column->text_length + 1);
          memset (column->buffer, 'x', column->text_length);
          column->buffer[column->text_length] = '\0';
        }
      g_ptr_array_add (table->columns, column);
    }

  for (guint c = 0; c < names->len; c++)
    column_stats_clear (&stats[c]);
  return TRUE;

failed:
  for (guint c = 0; c < names->len; c++)
    column_stats_clear (&stats[c]);
  return FALSE;
}

/* A random version 4 UUID, as the demo's ids are, so the primary-key index
 * sees keys in no order at all, as it does for the demo. */
static void
format_uuid (GRand *rand,
             char   buffer[37])
{
  guint32 a = g_rand_int (rand), b = g_rand_int (rand), c = g_rand_int (rand),
          d = g_rand_int (rand);

  g_snprintf (buffer, 37, "%08x-%04x-4%03x-%04x-%04x%08x",
              a, b >> 16, b & 0xfff, 0x8000 | (c >> 18), c & 0xffff, d);
}

/* Inserts the table's rows with one prepared statement: bind, step, reset. */
static gboolean
insert_rows (sqlite3  *db,
             Table    *table,
             GRand    *rand,
             GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  GPtrArray *columns = table->columns;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = table->n_rows;
  int rc;

  g_string_append_printf (sql, "INSERT INTO %s (", table->name);
  for (guint c = 0; c < columns->len; c++)
    g_string_append_printf (sql, "%s%s", c ? ", " : "", ((Column *) columns->pdata[c])->name);
  g_string_append (sql, ") VALUES (");
  for (guint c = 0; c < columns->len; c++)
    g_string_append (sql, c ? ", ?" : "?");
  g_string_append (sql, ")");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (!check_sqlite (db, rc, sql->str, error))
    return FALSE;

  table->ids.ids = g_malloc (sizeof *table->ids.ids * MAX (n_rows, 1));
  table->ids.n = n_rows;

  for (guint row = 0; row < n_rows; row++)
    {
      /* Spreads the NULLs over the rows rather than bunching them. */
      guint spread = (guint) (((guint64) row * 2654435761u) % 1000);

      rc = SQLITE_OK;
      for (guint c = 0; c < columns->len && rc == SQLITE_OK; c++)
        {
          Column *column = columns->pdata[c];
          int param = c + 1;

          if (column->is_id)
            {
              format_uuid (rand, table->ids.ids[row]);
              rc = sqlite3_bind_text (stmt, param, table->ids.ids[row], 36, SQLITE_STATIC);
            }
          else if (spread < column->null_permille)
            rc = sqlite3_bind_null (stmt, param);
          else if (column->parent != NULL)
            rc = column->parent->n == 0
              ? sqlite3_bind_null (stmt, param)
              : sqlite3_bind_text (stmt, param,
                                   column->parent->ids[(guint64) row * column->parent->n / n_rows],
                                   36, SQLITE_STATIC);
          else if (column->choices != NULL)
            rc = sqlite3_bind_value (stmt, param,
                                     column->choices->pdata[row % column->choices->len]);
          else if (column->integer)
            rc = sqlite3_bind_int64 (stmt, param, row);
          else
            {
              /* The row number, then filler up to the demo's average length. */
              char number[16];
              int len = g_snprintf (number, sizeof number, "%u ", row);

              memcpy (column->buffer, number, MIN ((guint) len, column->text_length));
              rc = sqlite3_bind_text (stmt, param, column->buffer, column->text_length,
                                      SQLITE_STATIC);
            }
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

/* The reference every write figure is measured against: the rows of
 * @table_names in @source_path, as many of them with as many bytes, written
 * into a second fresh store of the same schema by a plain loop of prepared
 * INSERTs in one transaction, on a connection set up as the store sets up its
 * own. It makes no names, no search text, no journal and no clocks: it is what
 * writing the same rows alone costs. Tables come parents first. */
static gboolean
run_reference (const char         *source_path,
               const char *const  *table_names,
               guint               n_tables,
               const char         *reference_path,
               const char         *label,
               guint64            *rows,
               double             *seconds,
               GError            **error)
{
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (PL_DEMO_DEFAULT_SEED);
  g_autofree Table *tables = g_new0 (Table, n_tables);
  sqlite3 *source_db = NULL;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  gint64 start;
  int rc;

  *rows = 0;
  remove_database (reference_path);

  /* What the source holds, table by table and column by column. */
  rc = sqlite3_open_v2 (source_path, &source_db, SQLITE_OPEN_READONLY, NULL);
  if (!check_sqlite (source_db, rc, source_path, error))
    goto out;
  for (guint t = 0; t < n_tables; t++)
    {
      tables[t].name = table_names[t];
      if (!plan_table (source_db, &tables[t], tables, t, error))
        goto out;
      *rows += tables[t].n_rows;
      g_printerr ("%s: %s: %" G_GINT64_FORMAT " rows, %u columns filled\n", label,
                  tables[t].name, tables[t].n_rows, tables[t].columns->len);
    }

  store = pl_store_open (reference_path, error);
  if (store == NULL)
    goto out;
  g_clear_object (&store);

  rc = sqlite3_open_v2 (reference_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (!check_sqlite (db, rc, reference_path, error))
    goto out;
  if (!exec_sql (db, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (db, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (db, "PRAGMA synchronous = NORMAL", error))
    goto out;

  start = g_get_monotonic_time ();
  if (!exec_sql (db, "BEGIN", error))
    goto out;
  for (guint t = 0; t < n_tables; t++)
    if (!insert_rows (db, &tables[t], rand, error))
      {
        exec_sql (db, "ROLLBACK", NULL);
        goto out;
      }
  if (!exec_sql (db, "COMMIT", error))
    goto out;
  *seconds = MAX ((g_get_monotonic_time () - start) / 1e6, 1e-6);
  g_printerr ("%s: reference: %" G_GUINT64_FORMAT " rows in %.2f s\n", label, *rows, *seconds);
  ok = TRUE;

out:
  if (source_db != NULL)
    sqlite3_close (source_db);
  if (db != NULL)
    sqlite3_close (db);
  for (guint t = 0; t < n_tables; t++)
    table_clear (&tables[t]);
  return ok;
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
  guint64 demo_rows = 0, reference_rows = 0;
  gint64 start;
  double demo_s = 0, reference_s = 0, demo_rate = 0, reference_rate = 0;
  guint last_tenth = 0;

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

  if (!run_reference (demo_path, demo_tables, G_N_ELEMENTS (demo_tables), reference_path, "demo",
                      &reference_rows, &reference_s, &error))
    goto out;
  if (reference_rows != demo_rows)
    g_printerr ("demo: warning: pl_demo_rows_written() says %" G_GUINT64_FORMAT
                " rows, the tables hold %" G_GUINT64_FORMAT "\n", demo_rows, reference_rows);
  reference_rate = reference_rows / reference_s;

  bench_print ("demo_rows_per_s", demo_rate, "rows/s");
  bench_print ("demo_vs_sqlite_ratio", demo_rate / reference_rate, "ratio");
  return 0;

out:
  g_printerr ("pl-bench demo: %s\n", error->message);
  return 1;
}

/* sync */

/* The tables a first sync fills, parents first (staff users do not sync). */
static const char *const sync_tables[] = {
  "schools", "families", "guardians", "students", "contacts",
};

typedef struct
{
  guint   last_step;
  gint64  start;
} SyncProgress;

static void
sync_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  SyncProgress *progress = user_data;
  guint step = done / 100000;

  if (step != progress->last_step)
    {
      progress->last_step = step;
      g_printerr ("sync: %u rows pulled (%.1f s)\n", done,
                  (g_get_monotonic_time () - progress->start) / 1e6);
    }
}

/* Bytes this process has had written to storage so far (Linux), or 0. */
static double
written_mb (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &io, NULL, NULL) ||
      (line = strstr (io, "\nwrite_bytes: ")) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen ("\nwrite_bytes: "), NULL) / (1024 * 1024);
}

/* User and system time of this process so far. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
count_rows (const char         *path,
            const char *const  *table_names,
            guint               n_tables,
            guint64            *rows,
            GError            **error)
{
  sqlite3 *db = NULL;
  gboolean ok = TRUE;
  int rc;

  *rows = 0;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  ok = check_sqlite (db, rc, path, error);
  for (guint t = 0; ok && t < n_tables; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table_names[t]);
      gint64 n = 0;

      ok = query_int64 (db, sql, &n, error);
      *rows += n;
    }
  if (db != NULL)
    sqlite3_close (db);
  return ok;
}

static int
cmd_sync (int    argc,
          char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *dir = NULL;
  int n_noop = 50;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The sync server's address", "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "A user who sees every school", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      "The user's password on its first line", "FILE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to write the client databases", "DIR" },
    { "noop", 0, 0, G_OPTION_ARG_INT, &n_noop, "Syncs with nothing to do (default 50)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- sync speed against SQLite");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSyncClient) client = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GArray) noop_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_path = NULL;
  g_autofree char *reference_path = NULL;
  PlSyncStats stats = { 0 };
  SyncProgress progress = { 0, 0 };
  guint64 rows = 0, reference_rows = 0;
  double sync_s, reference_s = 0, sync_rate, cpu_start, written_start;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pl-bench sync: %s\n", error->message);
      return 2;
    }
  if (server == NULL || user == NULL || password_file == NULL || dir == NULL || n_noop < 1)
    {
      g_printerr ("pl-bench sync: --server, --user, --password-file and --dir are needed, "
                  "and --noop must be at least 1\n");
      return 2;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("pl-bench sync: cannot create %s: %s\n", dir, g_strerror (errno));
      return 1;
    }
  if (!g_file_get_contents (password_file, &password, NULL, &error))
    goto out;
  password[strcspn (password, "\r\n")] = '\0';

  client_path = g_build_filename (dir, "client.db", NULL);
  reference_path = g_build_filename (dir, "reference.db", NULL);
  remove_database (client_path);

  /* Logging in makes the empty client database; neither is timed. */
  client = pl_sync_client_new (client_path, server);
  token = pl_sync_client_login (client, user, password, NULL, &error);
  if (token == NULL)
    goto out;

  g_printerr ("sync: first sync from %s into %s\n", server, client_path);
  cpu_start = cpu_seconds ();
  written_start = written_mb ();
  progress.start = start = g_get_monotonic_time ();
  if (!pl_sync_client_sync (client, sync_progress_cb, &progress, &stats, NULL, &error))
    goto out;
  sync_s = MAX ((g_get_monotonic_time () - start) / 1e6, 1e-6);

  if (!count_rows (client_path, sync_tables, G_N_ELEMENTS (sync_tables), &rows, &error))
    goto out;
  g_printerr ("sync: %" G_GUINT64_FORMAT " rows (%u pulled) in %.2f s, %.2f s of it on this "
              "process's CPU, %.0f MB written\n", rows, stats.pulled, sync_s,
              cpu_seconds () - cpu_start, written_mb () - written_start);
  if (rows == 0)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "the first sync brought no rows");
      goto out;
    }
  store = pl_store_open (client_path, &error);
  if (store == NULL)
    goto out;
  if (pl_store_is_demo (store))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the synced database is marked as a demo");
      goto out;
    }
  g_clear_object (&store);
  sync_rate = rows / sync_s;

  /* Nothing to push, nothing to pull: what a sync costs when idle. */
  for (int i = 0; i < n_noop; i++)
    {
      double ms;

      stats = (PlSyncStats) { 0 };
      start = g_get_monotonic_time ();
      if (!pl_sync_client_sync (client, NULL, NULL, &stats, NULL, &error))
        goto out;
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (stats.pulled != 0 || stats.pushed != 0)
        g_printerr ("sync: warning: an idle sync moved %u and %u rows\n", stats.pushed,
                    stats.pulled);
      g_array_append_val (noop_ms, ms);
    }
  g_printerr ("sync: %d idle syncs, p99 %.1f ms\n", n_noop, percentile (noop_ms, 0.99));

  if (!run_reference (client_path, sync_tables, G_N_ELEMENTS (sync_tables), reference_path,
                      "sync", &reference_rows, &reference_s, &error))
    goto out;

  bench_print ("sync_initial_rows_per_s", sync_rate, "rows/s");
  bench_print ("sync_vs_sqlite_ratio", sync_rate / (reference_rows / reference_s), "ratio");
  bench_print ("sync_noop_ms", percentile (noop_ms, 0.50), "ms");
  return 0;

out:
  g_printerr ("pl-bench sync: %s\n", error->message);
  return 1;
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
    { "sync", cmd_sync },
  };

  setlocale (LC_ALL, "");

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);

  g_printerr ("Usage: pl-bench startup --app PATH [--database FILE] --bare PATH [--runs N]\n"
              "       pl-bench search --database FILE [--queries N]\n"
              "       pl-bench demo --dir DIR [--families N]\n"
              "       pl-bench sync --server URL --user NAME --password-file FILE --dir DIR"
              " [--noop N]\n");
  return 2;
}
