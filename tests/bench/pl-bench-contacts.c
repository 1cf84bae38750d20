/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How long logging a contact takes on a district database, as a liaison
 * feels it: pl_store_save_contact() from call to commit, for a new contact
 * with a family picked at random, and now and then an edit of one just
 * logged. Prints
 *
 *   BENCH contact_save_p50_ms <value> ms
 *   BENCH contact_save_p99_ms <value> ms
 *
 * on stdout; progress goes to stderr. It writes to the database it is
 * given: pass a copy.
 *
 *   pl-bench-contacts --database FILE [--saves N]
 */

#define G_LOG_DOMAIN "pl-bench"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include <gio/gio.h>

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

/* The value below which @fraction of @values lie (nearest rank). */
static double
percentile (GArray *values,
            double  fraction)
{
  guint rank;

  g_array_sort (values, compare_doubles);
  rank = (guint) ceil (fraction * values->len);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

/* The common case: a phone call in the guardian's language that reached them. */
static PlContact *
make_contact (PlFamily *family,
              GRand    *rand)
{
  static const char *const purposes[] = { "attendance", "academics", "wellbeing", "resources" };
  PlContact *contact = pl_contact_new (pl_family_get_id (family));
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (family));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -g_rand_int_range (rand, 1, 600));

  if (g_list_model_get_n_items (guardians) > 0)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, 0);

      pl_contact_set_guardian_id (contact, pl_guardian_get_id (guardian));
      pl_contact_set_language (contact, pl_guardian_get_preferred_language (guardian));
      if (pl_guardian_get_needs_interpreter (guardian))
        pl_contact_set_interpreter (contact, "staff");
    }
  pl_contact_set_happened_at_time (contact, when);
  pl_contact_set_method (contact, "phone");
  pl_contact_set_purpose (contact, purposes[g_rand_int_range (rand, 0, G_N_ELEMENTS (purposes))]);
  pl_contact_set_outcome (contact, "reached");
  if (g_rand_int_range (rand, 0, 4) == 0)
    pl_contact_set_notes (contact, "Asked about the bus schedule; will call back on Friday.");
  return contact;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *database = NULL;
  int n_saves = 2000;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      "A district database (it is written to)", "FILE" },
    { "saves", 0, 0, G_OPTION_ARG_INT, &n_saves, "How many saves (default 2000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- contact save latency");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  g_autoptr(PlFamilyList) list = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (PL_DEMO_DEFAULT_SEED);
  g_autoptr(PlContact) last = NULL;
  g_autoptr(GPtrArray) family_ids = g_ptr_array_new_with_free_func (g_free);
  guint n_families, n_edits = 0;
  gint64 journal_before;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pl-bench-contacts: %s\n", error->message);
      return 2;
    }
  if (database == NULL || n_saves < 1)
    {
      g_printerr ("pl-bench-contacts: --database is needed, and --saves must be at least 1\n");
      return 2;
    }
  if (!g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_printerr ("pl-bench-contacts: %s does not exist\n", database);
      return 1;
    }

  store = pl_store_open (database, &error);
  if (store == NULL)
    {
      g_printerr ("pl-bench-contacts: %s\n", error->message);
      return 1;
    }

  /* The families to log contacts with, picked before timing; the list
   * goes, so no list refreshing on every save is timed with the store. */
  list = pl_family_list_new (store);
  n_families = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (n_families == 0)
    {
      g_printerr ("pl-bench-contacts: no families in %s\n", database);
      return 1;
    }
  for (int i = 0; i < n_saves; i++)
    {
      g_autoptr(PlFamilySummary) summary =
        g_list_model_get_item (G_LIST_MODEL (list), g_rand_int_range (rand, 0, n_families));

      g_ptr_array_add (family_ids, g_strdup (pl_family_summary_get_id (summary)));
    }
  g_clear_object (&list);
  journal_before = pl_store_count_journal (store, NULL);

  for (int i = 0; i < n_saves; i++)
    {
      g_autoptr(PlContact) contact = NULL;
      struct timespec cpu_start, cpu_end;
      gint64 start;
      double ms, cpu_ms;

      /* One save in five corrects the contact logged before it. */
      if (last != NULL && i % 5 == 4)
        {
          contact = pl_contact_copy (last);
          pl_contact_set_outcome (contact, "left-message");
          pl_contact_set_notes (contact, "Voicemail; the mailbox was full on the first try.");
          n_edits++;
        }
      else
        {
          g_autoptr(PlFamily) family =
            pl_store_load_family (store, g_ptr_array_index (family_ids, i), &error);

          if (family == NULL)
            {
              g_printerr ("pl-bench-contacts: %s\n", error->message);
              return 1;
            }
          contact = make_contact (family, rand);
        }

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_start);
      start = g_get_monotonic_time ();
      if (!pl_store_save_contact (store, contact, &error))
        {
          g_printerr ("pl-bench-contacts: save %d failed: %s\n", i, error->message);
          return 1;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu_end);
      g_array_append_val (times, ms);
      cpu_ms = (cpu_end.tv_sec - cpu_start.tv_sec) * 1000.0 +
               (cpu_end.tv_nsec - cpu_start.tv_nsec) / 1e6;
      g_array_append_val (cpu_times, cpu_ms);
      g_set_object (&last, contact);
    }

  g_printerr ("contacts: %d saves (%u edits) over %u families; %" G_GINT64_FORMAT
              " journal entries written\n", n_saves, n_edits, n_families,
              pl_store_count_journal (store, NULL) - journal_before);

  /* The processor time of the saving thread says what a save costs when
   * the machine is busy with other work and the wall clock says little. */
  g_printerr ("contacts: p90 %.2f ms, p95 %.2f ms, max %.1f ms; processor time p50 %.2f ms,"
              " p99 %.2f ms\n", percentile (times, 0.90), percentile (times, 0.95),
              percentile (times, 1.0), percentile (cpu_times, 0.5), percentile (cpu_times, 0.99));
  bench_print ("contact_save_p50_ms", percentile (times, 0.50), "ms");
  bench_print ("contact_save_p99_ms", percentile (times, 0.99), "ms");
  return 0;
}
