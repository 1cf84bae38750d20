/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

/* Outreach on small districts written by hand, so each share and each
 * list below can be worked out on paper. */

typedef struct
{
  PlTestDir  dir;
  char      *path;
  PlStore   *store;
  PlSchool  *lincoln;
  PlSchool  *kiley;
  guint      n_contacts;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pl_test_dir_setup (&fixture->dir, data);
  fixture->path = pl_test_dir_file (&fixture->dir, "outreach.db");
  fixture->store = pl_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->lincoln = pl_test_add_school (fixture->store, "Lincoln Elementary");
  fixture->kiley = pl_test_add_school (fixture->store, "Kiley Middle");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->lincoln);
  g_clear_object (&fixture->kiley);
  g_free (fixture->path);
  pl_test_dir_teardown (&fixture->dir, data);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
add_family (Fixture    *fixture,
            const char *household,
            PlSchool   *school,
            const char *language)
{
  g_autofree char *guardian = g_strdup_printf ("%s Guardian", household);
  g_autofree char *student = g_strdup_printf ("%s Student", household);
  g_autoptr(PlFamily) family = pl_test_make_family (household, guardian, NULL,
                                                    school ? student : NULL,
                                                    school ? pl_school_get_id (school) : NULL,
                                                    language);

  pl_test_save (fixture->store, family);
  return g_strdup (pl_family_get_id (family));
}

static void
add_contact (Fixture    *fixture,
             const char *family_id,
             const char *happened_at,
             const char *outcome)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO contacts (id, hlc, origin, family_id, staff_id, happened_at,"
                         " method, outcome) VALUES ('contact-%u',"
                         " '0000000000001-0000-0000000000000001', 'o', '%s', 'ana', '%s', 'phone',"
                         " '%s')", fixture->n_contacts++, family_id, happened_at, outcome);
  exec_sql (fixture, sql);
}

static GDateTime *
time_in (const char *zone,
         int         year,
         int         month,
         int         day,
         int         hour,
         int         minute,
         int         second)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, year, month, day, hour, minute, second);
}

static void
assert_term (const char *today_text,
             gboolean    in_term,
             const char *start_text,
             const char *end_text)
{
  const PlTerm *terms;
  guint n_terms;
  GDate today, start, end;
  char start_buf[16], end_buf[16];

  terms = pl_outreach_default_terms (&n_terms);
  g_date_clear (&today, 1);
  g_date_set_parse (&today, today_text);
  g_assert_true (g_date_valid (&today));
  g_assert_cmpint (pl_outreach_find_term (terms, n_terms, &today, &start, &end), ==, in_term);
  g_date_strftime (start_buf, sizeof start_buf, "%Y-%m-%d", &start);
  g_date_strftime (end_buf, sizeof end_buf, "%Y-%m-%d", &end);
  g_assert_cmpstr (start_buf, ==, start_text);
  g_assert_cmpstr (end_buf, ==, end_text);
}

/* The default calendar: fall from 1 September to 31 January, spring from
 * 1 February to 30 June; in the summer, the spring term just ended. */
static void
test_terms (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlTerm term, leap[1];
  GDate today, start, end;

  assert_term ("2026-11-23", TRUE, "2026-09-01", "2027-01-31");
  assert_term ("2026-09-01", TRUE, "2026-09-01", "2027-01-31");
  assert_term ("2027-01-31", TRUE, "2026-09-01", "2027-01-31");
  assert_term ("2027-02-01", TRUE, "2027-02-01", "2027-06-30");
  assert_term ("2027-06-30", TRUE, "2027-02-01", "2027-06-30");
  assert_term ("2027-07-01", FALSE, "2027-02-01", "2027-06-30");
  assert_term ("2026-08-31", FALSE, "2026-02-01", "2026-06-30");

  g_assert_true (pl_outreach_parse_term ("09-01..01-31", &term, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (term.start_month, ==, 9);
  g_assert_cmpuint (term.end_day, ==, 31);

  const char *bad[] = { "13-01..01-31", "9/1-1/31", "09-31..01-31", "09-01..01-31x", "", NULL };
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_assert_false (pl_outreach_parse_term (bad[i], &term, &error));
      g_assert_error (error, PL_OUTREACH_ERROR, PL_OUTREACH_ERROR_BAD_TERM);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }

  /* A term that ends on 29 February ends on the 28th in other years. */
  g_assert_true (pl_outreach_parse_term ("12-01..02-29", &leap[0], &error));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, 1, 2027);
  g_assert_true (pl_outreach_find_term (leap, 1, &today, &start, &end));
  g_assert_cmpint (g_date_get_day (&end), ==, 28);
  g_assert_cmpint (g_date_get_year (&end), ==, 2027);
}

typedef struct
{
  const char *language;
  guint       n_families;
  guint       n_reached;
  gboolean    flagged;
} Expected;

static void
assert_reach (GListModel     *reach,
              const Expected *expected,
              guint           n_expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (reach), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(PlLanguageReach) group = g_list_model_get_item (reach, i);

      g_assert_cmpstr (pl_language_reach_get_language (group), ==, expected[i].language);
      g_assert_cmpuint (pl_language_reach_get_n_families (group), ==, expected[i].n_families);
      g_assert_cmpuint (pl_language_reach_get_n_reached (group), ==, expected[i].n_reached);
      g_assert_cmpint (pl_language_reach_get_flagged (group), ==, expected[i].flagged);
    }
}

static void
on_reach_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pl_outreach_language_reach_finish (PL_STORE (source), result, &error);
  g_assert_no_error (error);
}

/* The share of each home language's families reached this term. */
static void
test_by_language (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) since = time_in ("America/New_York", 2026, 9, 1, 0, 0, 0);
  g_autoptr(GDateTime) until = time_in ("America/New_York", 2027, 2, 1, 0, 0, 0);
  g_autoptr(GListModel) reach = NULL;
  g_autoptr(GListModel) async_reach = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *es1 = add_family (fixture, "Ortiz", fixture->lincoln, "es");
  g_autofree char *es2 = add_family (fixture, "Álvarez", fixture->lincoln, "es");
  g_autofree char *es3 = add_family (fixture, "Rivera", fixture->kiley, "es");
  g_autofree char *es4 = add_family (fixture, "Colón", fixture->kiley, "es");
  g_autofree char *ne1 = add_family (fixture, "Adhikari", fixture->lincoln, "ne");
  g_autofree char *ne2 = add_family (fixture, "Gurung", fixture->lincoln, "ne");
  g_autofree char *ne3 = add_family (fixture, "Rai", fixture->kiley, "ne");
  g_autofree char *so1 = add_family (fixture, "Farah", fixture->lincoln, "so");
  g_autofree char *so2 = add_family (fixture, "Warsame", fixture->kiley, "so");
  g_autofree char *en1 = add_family (fixture, "Brown", fixture->kiley, "en");
  g_autofree char *none = add_family (fixture, "Doe", NULL, NULL);
  g_autofree char *gone = add_family (fixture, "Santiago", fixture->lincoln, "es");
  const char *lincoln[] = { pl_school_get_id (fixture->lincoln), NULL };

  /* Spanish: two reached this term (one at the very first second), one only
   * before it began, one tried but never reached. */
  add_contact (fixture, es1, "2026-10-05T14:00:00Z", "reached");
  add_contact (fixture, es2, "2026-09-01T04:00:00Z", "reached");
  add_contact (fixture, es3, "2026-08-31T20:00:00Z", "reached");
  add_contact (fixture, es4, "2026-10-05T14:00:00Z", "no-answer");
  /* Nepali: messages left, a wrong number, a success that was deleted, and
   * one reached the second the term ended. */
  add_contact (fixture, ne1, "2026-10-05T14:00:00Z", "left-message");
  add_contact (fixture, ne1, "2026-10-06T14:00:00Z", "wrong-number");
  add_contact (fixture, ne2, "2026-10-05T14:00:00Z", "reached");
  exec_sql (fixture, "UPDATE contacts SET deleted = 1 WHERE outcome = 'reached'"
                     " AND happened_at = '2026-10-05T14:00:00Z' AND family_id IN"
                     " (SELECT id FROM families WHERE household_name = 'Gurung')");
  add_contact (fixture, ne3, "2027-02-01T05:00:00Z", "reached");
  /* Somali: one of two, twice (counted once). */
  add_contact (fixture, so1, "2026-11-02T14:00:00Z", "reached");
  add_contact (fixture, so1, "2026-11-09T14:00:00Z", "reached");
  add_contact (fixture, en1, "2026-11-02T14:00:00Z", "reached");
  /* A deleted family counts nowhere. */
  add_contact (fixture, gone, "2026-11-02T14:00:00Z", "reached");
  pl_store_delete_family (fixture->store, gone, &error);
  g_assert_no_error (error);

  /* 4 of 11 families, 36.4 %: a group at 26.4 % or less is flagged. */
  reach = pl_outreach_language_reach (fixture->store, NULL, since, until, &error);
  g_assert_no_error (error);
  {
    const Expected expected[] = {
      { "ne", 3, 0, TRUE },
      { NULL, 1, 0, TRUE },
      { "es", 4, 2, FALSE },
      { "so", 2, 1, FALSE },
      { "en", 1, 1, FALSE },
    };
    assert_reach (reach, expected, G_N_ELEMENTS (expected));
  }
  g_clear_object (&reach);

  /* The same in a worker thread. */
  pl_outreach_language_reach_async (fixture->store, NULL, since, until, NULL, on_reach_done,
                                    &async_reach);
  while (async_reach == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (async_reach), ==, 5);

  /* Lincoln: Ortiz, Álvarez, Adhikari, Gurung, Farah; 3 of 5 reached, 60 %. */
  reach = pl_outreach_language_reach (fixture->store, lincoln, since, until, &error);
  g_assert_no_error (error);
  {
    const Expected expected[] = {
      { "ne", 2, 0, TRUE },
      { "es", 2, 2, FALSE },
      { "so", 1, 1, FALSE },
    };
    assert_reach (reach, expected, G_N_ELEMENTS (expected));
  }
  g_clear_object (&reach);

  /* Without an end the Nepali success in February counts: 5 of 11 overall
   * (45.5 %), Nepali 1 of 3 (33.3 %) is 12 points below. */
  reach = pl_outreach_language_reach (fixture->store, NULL, since, NULL, &error);
  g_assert_no_error (error);
  {
    const Expected expected[] = {
      { NULL, 1, 0, TRUE },
      { "ne", 3, 1, TRUE },
      { "es", 4, 2, FALSE },
      { "so", 2, 1, FALSE },
      { "en", 1, 1, FALSE },
    };
    assert_reach (reach, expected, G_N_ELEMENTS (expected));
  }
}

/* Exactly ten points below the whole is flagged; less is not. */
static void
test_flag_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) since = time_in ("UTC", 2026, 9, 1, 0, 0, 0);
  g_autoptr(GListModel) reach = NULL;
  g_autoptr(GError) error = NULL;

  /* 10 Spanish families, 6 reached; 10 Vietnamese, 4 reached: 50 % overall,
   * Vietnamese exactly 10 points below. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Family %02u", i);
      g_autofree char *id = add_family (fixture, name, fixture->lincoln, i < 10 ? "es" : "vi");

      if ((i < 10 && i < 6) || (i >= 10 && i < 14))
        add_contact (fixture, id, "2026-10-01T12:00:00Z", "reached");
    }
  reach = pl_outreach_language_reach (fixture->store, NULL, since, NULL, &error);
  g_assert_no_error (error);
  {
    const Expected expected[] = {
      { "vi", 10, 4, TRUE },
      { "es", 10, 6, FALSE },
    };
    assert_reach (reach, expected, G_N_ELEMENTS (expected));
  }
  g_clear_object (&reach);

  /* One more Vietnamese family reached: 11 of 20 overall (55 %), 5 of 10
   * is 5 points below. */
  exec_sql (fixture, "INSERT INTO contacts (id, hlc, origin, family_id, happened_at, method, outcome)"
                     " SELECT 'extra', '0000000000001-0000-0000000000000001', 'o', id,"
                     " '2026-10-02T12:00:00Z', 'phone', 'reached' FROM families"
                     " WHERE household_name = 'Family 15'");
  reach = pl_outreach_language_reach (fixture->store, NULL, since, NULL, &error);
  g_assert_no_error (error);
  {
    const Expected expected[] = {
      { "vi", 10, 5, FALSE },
      { "es", 10, 6, FALSE },
    };
    assert_reach (reach, expected, G_N_ELEMENTS (expected));
  }
}

static void
wait_loaded (PlOutreach *list)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pl_outreach_get_loading (list))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_null (pl_outreach_get_error (list));
}

static const char *
household_at (GListModel *model,
              guint       position)
{
  g_autoptr(PlOutreachFamily) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return g_intern_string (pl_outreach_family_get_household_name (item));
}

/* Families no contact reached in the last 60 days (since the start of the
 * day 60 days ago, local time): never reached first, then the longest
 * unreached. */
static void
test_not_reached (Fixture       *fixture,
                  gconstpointer  data)
{
  /* 60 days before 23 November is 24 September; 00:00 in New York is
   * 04:00 UTC. */
  g_autoptr(GDateTime) now = time_in ("America/New_York", 2026, 11, 23, 12, 0, 0);
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(PlOutreach) list = NULL;
  g_autofree char *at_start = add_family (fixture, "Adhikari", fixture->lincoln, "ne");
  g_autofree char *before = add_family (fixture, "Brown", fixture->lincoln, "en");
  g_autofree char *never = add_family (fixture, "Colón", fixture->kiley, "es");
  g_autofree char *long_ago = add_family (fixture, "Dang", fixture->lincoln, "vi");
  g_autofree char *deleted = add_family (fixture, "Ahmed", fixture->kiley, "ar");
  g_autofree char *recent = add_family (fixture, "Farah", fixture->kiley, "so");
  const char *kiley[] = { pl_school_get_id (fixture->kiley), NULL };

  add_contact (fixture, at_start, "2026-09-24T04:00:00Z", "reached");
  add_contact (fixture, before, "2026-09-24T03:59:59Z", "reached");
  add_contact (fixture, long_ago, "2025-01-10T15:00:00Z", "reached");
  add_contact (fixture, long_ago, "2026-11-20T15:00:00Z", "no-answer");
  add_contact (fixture, deleted, "2026-11-20T15:00:00Z", "reached");
  exec_sql (fixture, "UPDATE contacts SET deleted = 1 WHERE happened_at = '2026-11-20T15:00:00Z'"
                     " AND outcome = 'reached'");
  add_contact (fixture, recent, "2026-11-22T15:00:00Z", "reached");

  list = g_object_new (PL_TYPE_OUTREACH, "store", fixture->store, "now", now,
                       "time-zone", new_york, NULL);
  g_assert_cmpuint (pl_outreach_get_days (list), ==, PL_OUTREACH_DEFAULT_DAYS);
  wait_loaded (list);
  g_assert_cmpuint (pl_outreach_get_n_families (list), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 0), ==, "Ahmed");
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 1), ==, "Colón");
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 2), ==, "Dang");
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 3), ==, "Brown");

  {
    g_autoptr(PlOutreachFamily) dang = g_list_model_get_item (G_LIST_MODEL (list), 2);
    g_autoptr(PlOutreachFamily) ahmed = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (pl_outreach_family_get_family_id (dang), ==, long_ago);
    g_assert_cmpstr (pl_outreach_family_get_guardians (dang), ==, "Dang Guardian");
    g_assert_cmpstr (pl_outreach_family_get_schools (dang), ==, "Lincoln Elementary");
    g_assert_cmpstr (pl_outreach_family_get_home_language (dang), ==, "vi");
    g_assert_cmpstr (pl_outreach_family_get_last_reached_at (dang), ==, "2025-01-10T15:00:00Z");
    /* Tried since, without reaching anyone. */
    g_assert_cmpstr (pl_outreach_family_get_last_contact_at (dang), ==, "2026-11-20T15:00:00Z");
    g_assert_cmpstr (pl_outreach_family_get_last_outcome (dang), ==, "no-answer");
    /* A deleted success is as if it never happened. */
    g_assert_null (pl_outreach_family_get_last_reached_at (ahmed));
    g_assert_null (pl_outreach_family_get_last_contact_at (ahmed));
  }

  /* In UTC that day began four hours earlier: Brown's contact at 03:59:59
   * UTC counts too. */
  pl_outreach_set_time_zone (list, utc);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 2), ==, "Dang");

  /* The last 61 days take in Brown's contact too. */
  pl_outreach_set_time_zone (list, new_york);
  pl_outreach_set_days (list, 61);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* Kiley's families: Colón, Ahmed, Farah; Farah was reached. */
  pl_outreach_set_days (list, 60);
  pl_outreach_set_school_ids (list, kiley);
  wait_loaded (list);
  g_assert_cmpuint (pl_outreach_get_n_families (list), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 0), ==, "Ahmed");
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 1), ==, "Colón");

  /* A family deleted through the store leaves the list by itself. */
  {
    g_autoptr(GError) error = NULL;

    pl_store_delete_family (fixture->store, never, &error);
    g_assert_no_error (error);
    g_assert_true (pl_outreach_get_loading (list));
    wait_loaded (list);
    g_assert_cmpuint (pl_outreach_get_n_families (list), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  }
}

/* Many refreshes in a row: only the last answer counts. */
static void
test_refresh_storm (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = time_in ("UTC", 2026, 11, 23, 12, 0, 0);
  g_autoptr(PlOutreach) list = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Family %02u", i);
      g_autofree char *id = add_family (fixture, name, fixture->lincoln, "es");

      /* Family i was last reached i days before now. */
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -(int) i);
      g_autofree char *text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
      add_contact (fixture, id, text, "reached");
    }

  list = g_object_new (PL_TYPE_OUTREACH, "store", fixture->store, "now", now, NULL);
  for (guint days = 1; days <= 20; days++)
    pl_outreach_set_days (list, days);
  wait_loaded (list);
  /* Since the start of the day 20 days ago: families 0 … 20 were reached. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 0), ==, "Family 29");
  g_assert_cmpstr (household_at (G_LIST_MODEL (list), 8), ==, "Family 21");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/outreach/terms", test_terms);
  ADD ("/outreach/by-language", test_by_language);
  ADD ("/outreach/flag-limit", test_flag_limit);
  ADD ("/outreach/not-reached", test_not_reached);
  ADD ("/outreach/refresh-storm", test_refresh_storm);
#undef ADD

  return g_test_run ();
}
