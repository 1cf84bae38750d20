/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How long the Follow-ups and Outreach sections take to read a district
 * database, against a reference in the same run: one plain pass over every
 * contact (SELECT count(*) … WHERE outcome = 'reached' with no index), the
 * least any answer that looked at each contact would cost. Prints
 *
 *   BENCH follow_ups_count_ms <value> ms        (counts by period, everyone)
 *   BENCH follow_ups_list_ms <value> ms         (the overdue list, everyone)
 *   BENCH outreach_not_reached_ms <value> ms    (60 days, every school)
 *   BENCH outreach_by_language_ms <value> ms    (this term, every school)
 *   BENCH contacts_scan_ms <value> ms           (the reference)
 *   BENCH outreach_by_language_vs_scan_ratio <value> x
 *
 * each the median of --runs runs, on stdout; progress goes to stderr. It
 * only reads the database.
 *
 *   pl-bench-outreach --database FILE [--runs N]
 */

#define G_LOG_DOMAIN "pl-bench"

#include <locale.h>
#include <stdio.h>

#include <gio/gio.h>
#include <sqlite3.h>

#include "pl-core.h"

static void
bench_print (const char *name,
             double      value,
             const char *unit)
{
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

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_counts (PlStore *store)
{
  PlFollowUpCounts counts;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!pl_follow_ups_count (store, PL_FOLLOW_UP_SCOPE_EVERYONE, NULL, &counts, &error))
    g_error ("Could not count follow-ups: %s", error->message);
  return ms_since (start);
}

static double
time_list (PlStore *store)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PlFollowUps) list = pl_follow_ups_new (store, PL_FOLLOW_UP_SCOPE_EVERYONE,
                                                   PL_FOLLOW_UP_OVERDUE);
  g_autoptr(PlFollowUp) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

  if (pl_follow_ups_get_error (list) != NULL)
    g_error ("Could not list follow-ups: %s", pl_follow_ups_get_error (list)->message);
  return ms_since (start);
}

static double
time_not_reached (PlStore *store)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PlOutreach) list = pl_outreach_new (store);

  while (pl_outreach_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  if (pl_outreach_get_error (list) != NULL)
    g_error ("Could not list families: %s", pl_outreach_get_error (list)->message);
  return ms_since (start);
}

static double
time_by_language (PlStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GListModel) reach = NULL;
  g_autoptr(GError) error = NULL;
  const PlTerm *terms;
  guint n_terms;
  GDate today, first, last;
  gint64 start;

  terms = pl_outreach_default_terms (&n_terms);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  pl_outreach_find_term (terms, n_terms, &today, &first, &last);
  g_date_add_days (&last, 1);
  since = g_date_time_new_local (g_date_get_year (&first), g_date_get_month (&first),
                                 g_date_get_day (&first), 0, 0, 0);
  until = g_date_time_new_local (g_date_get_year (&last), g_date_get_month (&last),
                                 g_date_get_day (&last), 0, 0, 0);

  start = g_get_monotonic_time ();
  reach = pl_outreach_language_reach (store, NULL, since, until, &error);
  if (reach == NULL)
    g_error ("Could not count families reached: %s", error->message);
  return ms_since (start);
}

static double
time_scan (sqlite3 *db)
{
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();

  /* NOT INDEXED: a pass over the table, as a query without its index would. */
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM contacts NOT INDEXED WHERE outcome = 'reached'",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("Could not scan the contacts: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return ms_since (start);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  int runs = 7;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "The district database", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (median)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lists = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) not_reached = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) by_language = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scans = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL || runs < 1)
    {
      fprintf (stderr, "usage: pl-bench-outreach --database FILE [--runs N]\n");
      return 2;
    }

  store = pl_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("Could not open %s", path);

  /* A first pass of each warms the page cache for all alike. */
  time_counts (store);
  time_list (store);
  time_not_reached (store);
  time_by_language (store);
  time_scan (db);

  for (int i = 0; i < runs; i++)
    {
      double value;

      fprintf (stderr, "outreach: run %d of %d\n", i + 1, runs);
      value = time_counts (store);
      g_array_append_val (counts, value);
      value = time_list (store);
      g_array_append_val (lists, value);
      value = time_not_reached (store);
      g_array_append_val (not_reached, value);
      value = time_by_language (store);
      g_array_append_val (by_language, value);
      value = time_scan (db);
      g_array_append_val (scans, value);
    }
  sqlite3_close (db);

  bench_print ("follow_ups_count_ms", median (counts), "ms");
  bench_print ("follow_ups_list_ms", median (lists), "ms");
  bench_print ("outreach_not_reached_ms", median (not_reached), "ms");
  bench_print ("outreach_by_language_ms", median (by_language), "ms");
  bench_print ("contacts_scan_ms", median (scans), "ms");
  bench_print ("outreach_by_language_vs_scan_ratio", median (by_language) / median (scans), "x");
  return 0;
}
