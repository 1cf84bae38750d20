/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

/* A small district written by hand: two schools, a few families, and
 * contacts with follow-ups whose due dates are chosen around the evening of
 * Monday 23 November 2026, so every expectation below can be worked out on
 * paper. */

typedef struct
{
  PlTestDir  dir;
  char      *path;
  PlStore   *store;
  PlSchool  *lincoln;
  PlSchool  *kiley;
  char      *ortiz;      /* Lincoln */
  char      *nguyen;     /* Kiley */
  char      *haddad;     /* Lincoln and Kiley */
  char      *farah;      /* no students */
  char      *ortiz_guardian;
} Fixture;

static char *
add_family (Fixture    *fixture,
            const char *household,
            const char *guardian,
            const char *student,
            PlSchool   *school,
            const char *language)
{
  g_autoptr(PlFamily) family = pl_test_make_family (household, guardian, NULL, student,
                                                    school ? pl_school_get_id (school) : NULL,
                                                    language);
  pl_test_save (fixture->store, family);
  return g_strdup (pl_family_get_id (family));
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

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (Fixture    *fixture,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A contact as another device would have synced it in. @done, @owner may
 * be NULL. */
static void
add_contact (Fixture    *fixture,
             const char *id,
             const char *family_id,
             const char *staff,
             const char *happened_at,
             const char *purpose,
             const char *due,
             const char *done,
             const char *owner)
{
  g_autofree char *sql = NULL;
  g_autofree char *owner_sql = owner ? g_strdup_printf ("'%s'", owner) : g_strdup ("NULL");
  g_autofree char *done_sql = done ? g_strdup_printf ("'%s'", done) : g_strdup ("NULL");
  g_autofree char *due_sql = due ? g_strdup_printf ("'%s'", due) : g_strdup ("NULL");

  sql = g_strdup_printf ("INSERT INTO contacts (id, hlc, origin, family_id, staff_id, happened_at,"
                         " method, outcome, purpose, follow_up_due, follow_up_done_at,"
                         " follow_up_owner) VALUES ('%s', '0000000000001-0000-0000000000000001',"
                         " 'other', '%s', '%s', '%s', 'phone', 'left-message', '%s', %s, %s, %s)",
                         id, family_id, staff, happened_at, purpose, due_sql, done_sql, owner_sql);
  exec_sql (fixture, sql);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFamily) ortiz = NULL;
  g_autofree char *staff = NULL;

  pl_test_dir_setup (&fixture->dir, data);
  fixture->path = pl_test_dir_file (&fixture->dir, "follow-ups.db");
  fixture->store = pl_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->lincoln = pl_test_add_school (fixture->store, "Lincoln Elementary");
  fixture->kiley = pl_test_add_school (fixture->store, "Kiley Middle");
  fixture->ortiz = add_family (fixture, "Ortiz", "Luis Ortiz", "Ana Ortiz", fixture->lincoln, "es");
  fixture->nguyen = add_family (fixture, "Nguyễn", "Nguyễn Thị Hương", "Nguyễn Minh",
                                fixture->kiley, "vi");
  fixture->farah = add_family (fixture, "Farah", "Hodan Farah", NULL, NULL, "so");

  {
    g_autoptr(PlFamily) haddad = pl_test_make_family ("Haddad", "Samira Haddad", NULL, "Omar Haddad",
                                                      pl_school_get_id (fixture->kiley), "ar");
    g_autoptr(PlStudent) sister = pl_student_new ();

    pl_student_set_full_name (sister, "Lina Haddad");
    pl_student_set_school_id (sister, pl_school_get_id (fixture->lincoln));
    pl_student_set_grade (sister, 1);
    g_list_store_append (pl_family_get_students (haddad), sister);
    pl_test_save (fixture->store, haddad);
    fixture->haddad = g_strdup (pl_family_get_id (haddad));
  }

  ortiz = pl_store_load_family (fixture->store, fixture->ortiz, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PlGuardian) guardian =
      g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (ortiz)), 0);

    fixture->ortiz_guardian = g_strdup (pl_guardian_get_id (guardian));
  }

  /* Ana works at Lincoln; Ben at Kiley. */
  staff = g_strdup_printf ("INSERT INTO staff_users (id, hlc, origin, username, display_name, role,"
                           " school_ids) VALUES"
                           " ('s1', '0000000000001-0000-0000000000000001', 'o', 'ana', 'Ana Silva',"
                           "  'liaison', '%s'),"
                           " ('s2', '0000000000001-0000-0000000000000001', 'o', 'ben', 'Ben Joseph',"
                           "  'liaison', '%s')",
                           pl_school_get_id (fixture->lincoln), pl_school_get_id (fixture->kiley));
  exec_sql (fixture, staff);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->lincoln);
  g_clear_object (&fixture->kiley);
  g_free (fixture->ortiz);
  g_free (fixture->nguyen);
  g_free (fixture->haddad);
  g_free (fixture->farah);
  g_free (fixture->ortiz_guardian);
  g_free (fixture->path);
  pl_test_dir_teardown (&fixture->dir, data);
}

static void
set_me (Fixture    *fixture,
        const char *me)
{
  g_autoptr(GError) error = NULL;

  pl_store_set_setting (fixture->store, "me", me, &error);
  g_assert_no_error (error);
}

static GDateTime *
time_in (const char *zone,
         int         year,
         int         month,
         int         day,
         int         hour,
         int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static const char *
contact_at (GListModel *model,
            guint       position)
{
  g_autoptr(PlFollowUp) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return g_intern_string (pl_follow_up_get_contact_id (item));
}

static void
assert_counts (PlStore         *store,
               PlFollowUpScope  scope,
               GDateTime       *now,
               guint            overdue,
               guint            today,
               guint            this_week)
{
  g_autoptr(GError) error = NULL;
  PlFollowUpCounts counts;

  g_assert_true (pl_follow_ups_count (store, scope, now, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.overdue, ==, overdue);
  g_assert_cmpuint (counts.today, ==, today);
  g_assert_cmpuint (counts.this_week, ==, this_week);
}

/* Due on the 23rd: today until midnight in New York, then overdue — while in
 * UTC the 24th has already begun at 19:00 New York time. */
static void
test_midnight (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GDateTime) before = time_in ("America/New_York", 2026, 11, 23, 23, 59);
  g_autoptr(GDateTime) after = time_in ("America/New_York", 2026, 11, 24, 0, 1);
  g_autoptr(GDateTime) before_utc = g_date_time_to_utc (before);
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(PlFollowUps) today = NULL;
  g_autoptr(PlFollowUps) overdue = NULL;
  g_autoptr(PlFollowUp) item = NULL;
  g_autofree char *date = NULL;

  add_contact (fixture, "c23", fixture->ortiz, "ana", "2026-11-20T15:00:00Z", "attendance",
               "2026-11-23", NULL, NULL);

  /* The same instant is the 23rd in New York and the 24th in UTC. */
  date = pl_follow_ups_local_date (before, 0);
  g_assert_cmpstr (date, ==, "2026-11-23");
  g_free (g_steal_pointer (&date));
  date = pl_follow_ups_local_date (before_utc, 0);
  g_assert_cmpstr (date, ==, "2026-11-24");

  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, before, 0, 1, 0);
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, after, 1, 0, 0);
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, before_utc, 1, 0, 0);

  /* A list pinned to that instant follows its time zone. */
  today = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, PL_FOLLOW_UP_TODAY);
  overdue = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, PL_FOLLOW_UP_OVERDUE);
  pl_follow_ups_set_time_zone (today, new_york);
  pl_follow_ups_set_time_zone (overdue, new_york);
  pl_follow_ups_set_now (today, before_utc);
  pl_follow_ups_set_now (overdue, before_utc);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (today)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 0);
  item = g_list_model_get_item (G_LIST_MODEL (today), 0);
  g_assert_cmpint (pl_follow_up_get_period (item), ==, PL_FOLLOW_UP_TODAY);
  g_assert_cmpint (pl_follow_up_get_days_until_due (item), ==, 0);
  g_clear_object (&item);

  pl_follow_ups_set_time_zone (today, utc);
  pl_follow_ups_set_time_zone (overdue, utc);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (today)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 1);

  /* Two minutes later in New York the day is over there too. */
  pl_follow_ups_set_time_zone (today, new_york);
  pl_follow_ups_set_time_zone (overdue, new_york);
  pl_follow_ups_set_now (today, after);
  pl_follow_ups_set_now (overdue, after);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (today)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (overdue), 0);
  g_assert_cmpint (pl_follow_up_get_period (item), ==, PL_FOLLOW_UP_OVERDUE);
  g_assert_cmpint (pl_follow_up_get_days_until_due (item), ==, -1);
}

/* "This week" is the six days after today; the seventh is later. Overdue
 * ones come most recently due first, the others soonest first. */
static void
test_periods (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = time_in ("America/New_York", 2026, 11, 23, 9, 0);
  struct { PlFollowUpPeriod period; const char *expected[4]; } lists[] = {
    { PL_FOLLOW_UP_OVERDUE, { "c22", "c02", NULL } },
    { PL_FOLLOW_UP_TODAY, { "c23", NULL } },
    { PL_FOLLOW_UP_THIS_WEEK, { "c24", "c29", NULL } },
    { PL_FOLLOW_UP_LATER, { "c30", NULL } },
  };

  add_contact (fixture, "c02", fixture->ortiz, "ana", "2026-10-01T15:00:00Z", "academics",
               "2026-11-02", NULL, NULL);
  add_contact (fixture, "c22", fixture->nguyen, "ana", "2026-11-16T15:00:00Z", "academics",
               "2026-11-22", NULL, NULL);
  add_contact (fixture, "c23", fixture->ortiz, "ana", "2026-11-20T15:00:00Z", "attendance",
               "2026-11-23", NULL, NULL);
  add_contact (fixture, "c24", fixture->haddad, "ana", "2026-11-20T16:00:00Z", "wellbeing",
               "2026-11-24", NULL, NULL);
  add_contact (fixture, "c29", fixture->farah, "ana", "2026-11-20T17:00:00Z", "council",
               "2026-11-29", NULL, NULL);
  add_contact (fixture, "c30", fixture->nguyen, "ana", "2026-11-21T15:00:00Z", "survey",
               "2026-11-30", NULL, NULL);
  /* Done, deleted, or without a follow-up: never listed. */
  add_contact (fixture, "done", fixture->ortiz, "ana", "2026-11-01T15:00:00Z", "behavior",
               "2026-11-10", "2026-11-10T17:00:00Z", NULL);
  add_contact (fixture, "none", fixture->ortiz, "ana", "2026-11-01T15:00:00Z", "behavior",
               NULL, NULL, NULL);
  add_contact (fixture, "gone", fixture->ortiz, "ana", "2026-11-01T15:00:00Z", "behavior",
               "2026-11-23", NULL, NULL);
  exec_sql (fixture, "UPDATE contacts SET deleted = 1 WHERE id = 'gone'");

  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, now, 2, 1, 2);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autoptr(PlFollowUps) list = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE,
                                                       lists[l].period);
      guint n = 0;

      pl_follow_ups_set_now (list, now);
      while (lists[l].expected[n] != NULL)
        {
          g_assert_cmpstr (contact_at (G_LIST_MODEL (list), n), ==, lists[l].expected[n]);
          n++;
        }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
    }

  /* A deleted family takes its follow-ups out of every list and count. */
  {
    g_autoptr(GError) error = NULL;

    pl_store_delete_family (fixture->store, fixture->nguyen, &error);
    g_assert_no_error (error);
    assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, now, 1, 1, 2);
  }
}

/* What a row shows: the family, the guardian spoken to, the schools, why
 * the contact was made and whose the follow-up is. */
static void
test_item (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GDateTime) now = time_in ("America/New_York", 2026, 11, 23, 9, 0);
  g_autoptr(PlFollowUps) list = NULL;
  g_autoptr(PlFollowUp) item = NULL;
  g_autofree char *sql = NULL;

  add_contact (fixture, "c1", fixture->haddad, "ana", "2026-11-20T15:00:00Z", "wellbeing",
               "2026-11-26", NULL, "ben");
  add_contact (fixture, "c2", fixture->ortiz, "ana", "2026-11-20T15:00:00Z", "other",
               "2026-11-20", NULL, NULL);
  sql = g_strdup_printf ("UPDATE contacts SET guardian_id = '%s', purpose_other = 'Bus pass',"
                         " notes = 'Call after 5' WHERE id = 'c2'", fixture->ortiz_guardian);
  exec_sql (fixture, sql);

  list = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, PL_FOLLOW_UP_THIS_WEEK);
  pl_follow_ups_set_now (list, now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (pl_follow_up_get_household_name (item), ==, "Haddad");
  /* No guardian named on the contact: the family's first. */
  g_assert_cmpstr (pl_follow_up_get_guardian_name (item), ==, "Samira Haddad");
  g_assert_cmpstr (pl_follow_up_get_schools (item), ==, "Kiley Middle, Lincoln Elementary");
  g_assert_cmpstr (pl_follow_up_get_purpose (item), ==, "wellbeing");
  g_assert_cmpstr (pl_follow_up_get_due (item), ==, "2026-11-26");
  g_assert_cmpstr (pl_follow_up_get_happened_at (item), ==, "2026-11-20T15:00:00Z");
  g_assert_cmpstr (pl_follow_up_get_owner (item), ==, "ben");
  g_assert_cmpstr (pl_follow_up_get_owner_name (item), ==, "Ben Joseph");
  g_assert_cmpint (pl_follow_up_get_days_until_due (item), ==, 3);
  g_assert_cmpint (pl_follow_up_get_period (item), ==, PL_FOLLOW_UP_THIS_WEEK);
  g_clear_object (&item);

  pl_follow_ups_set_period (list, PL_FOLLOW_UP_OVERDUE);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (pl_follow_up_get_guardian_id (item), ==, fixture->ortiz_guardian);
  g_assert_cmpstr (pl_follow_up_get_guardian_name (item), ==, "Luis Ortiz");
  g_assert_cmpstr (pl_follow_up_get_purpose_other (item), ==, "Bus pass");
  g_assert_cmpstr (pl_follow_up_get_notes (item), ==, "Call after 5");
  g_assert_cmpstr (pl_follow_up_get_schools (item), ==, "Lincoln Elementary");
  /* Nobody named as owner: whoever logged the contact. */
  g_assert_cmpstr (pl_follow_up_get_owner (item), ==, "ana");
  g_assert_cmpint (pl_follow_up_get_days_until_due (item), ==, -3);
}

/* For me: what I own, or logged without naming an owner. For my schools:
 * families with a student at my schools. */
static void
test_scopes (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GDateTime) now = time_in ("America/New_York", 2026, 11, 23, 9, 0);
  g_autoptr(PlFollowUps) mine = NULL;
  g_autoptr(PlFollowUps) schools = NULL;
  g_autofree char *sql = NULL;

  /* All due today. */
  add_contact (fixture, "ana-owns", fixture->nguyen, "ben", "2026-11-20T15:00:00Z", "academics",
               "2026-11-23", NULL, "ana");
  add_contact (fixture, "ana-logged", fixture->ortiz, "ana", "2026-11-20T15:00:00Z", "academics",
               "2026-11-23", NULL, NULL);
  add_contact (fixture, "ana-gave-ben", fixture->ortiz, "ana", "2026-11-20T15:00:00Z", "academics",
               "2026-11-23", NULL, "ben");
  add_contact (fixture, "ben-haddad", fixture->haddad, "ben", "2026-11-20T15:00:00Z", "academics",
               "2026-11-23", NULL, NULL);
  add_contact (fixture, "ben-farah", fixture->farah, "ben", "2026-11-20T15:00:00Z", "academics",
               "2026-11-23", NULL, NULL);

  /* Nobody logged in: nothing is "mine", and every school is "mine". */
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_MINE, now, 0, 0, 0);
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_MY_SCHOOLS, now, 0, 5, 0);
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, now, 0, 5, 0);

  set_me (fixture, "ana");
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_MINE, now, 0, 2, 0);
  /* Lincoln: the Ortiz family twice, and the Haddads (one child there). */
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_MY_SCHOOLS, now, 0, 3, 0);
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, now, 0, 5, 0);

  mine = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_MINE, PL_FOLLOW_UP_TODAY);
  pl_follow_ups_set_now (mine, now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, 2);
  /* Same day: by household name, Nguyễn before Ortiz. */
  g_assert_cmpstr (contact_at (G_LIST_MODEL (mine), 0), ==, "ana-owns");
  g_assert_cmpstr (contact_at (G_LIST_MODEL (mine), 1), ==, "ana-logged");

  schools = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_MY_SCHOOLS, PL_FOLLOW_UP_TODAY);
  pl_follow_ups_set_now (schools, now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (schools)), ==, 3);
  g_assert_cmpint (pl_follow_ups_find (schools, "ben-haddad"), >=, 0);
  g_assert_cmpint (pl_follow_ups_find (schools, "ana-owns"), ==, -1);

  /* A student who left Lincoln no longer makes the family Ana's. */
  sql = g_strdup_printf ("UPDATE students SET deleted = 1 WHERE family_id = '%s' AND school_id = '%s'",
                         fixture->haddad, pl_school_get_id (fixture->lincoln));
  exec_sql (fixture, sql);
  pl_follow_ups_refresh (schools);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (schools)), ==, 2);

  /* Ben, a liaison at Kiley. */
  set_me (fixture, "ben");
  pl_follow_ups_refresh (mine);
  pl_follow_ups_refresh (schools);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, 3);
  g_assert_cmpint (pl_follow_ups_find (mine, "ana-gave-ben"), >=, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (schools)), ==, 2);

  /* Somebody without a staff record here: every school is theirs. */
  set_me (fixture, "carla");
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_MY_SCHOOLS, now, 0, 5, 0);
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_MINE, now, 0, 0, 0);
}

typedef struct
{
  guint calls;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->removed += removed;
  changes->added += added;
}

static void
test_mark_done (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = time_in ("America/New_York", 2026, 11, 23, 9, 0);
  g_autoptr(GDateTime) done_at = time_in ("America/New_York", 2026, 11, 23, 9, 30);
  g_autoptr(PlFollowUps) today = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *fields = NULL;
  gint64 journal;
  Changes changes = { 0 };

  add_contact (fixture, "c1", fixture->ortiz, "ana", "2026-11-20T15:00:00Z", "attendance",
               "2026-11-23", NULL, NULL);
  add_contact (fixture, "c2", fixture->nguyen, "ana", "2026-11-20T15:00:00Z", "attendance",
               "2026-11-23", NULL, NULL);

  today = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, PL_FOLLOW_UP_TODAY);
  pl_follow_ups_set_now (today, now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (today)), ==, 2);
  g_signal_connect (today, "items-changed", G_CALLBACK (on_items_changed), &changes);

  journal = pl_store_count_journal (fixture->store, &error);
  g_assert_true (pl_follow_ups_mark_done (fixture->store, "c1", done_at, &error));
  g_assert_no_error (error);

  /* Stored in UTC, as one journaled change of that field, so it syncs. */
  done = query_text (fixture, "SELECT follow_up_done_at FROM contacts WHERE id = 'c1'");
  g_assert_cmpstr (done, ==, "2026-11-23T14:30:00Z");
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal + 1);
  fields = query_text (fixture, "SELECT fields FROM journal WHERE row_id = 'c1' AND op = 'update'"
                                " ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (fields, "\"follow_up_done_at\":\"2026-11-23T14:30:00Z\""));
  g_assert_null (strstr (fields, "follow_up_due"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM journal WHERE row_id = 'c1'"
                                       " AND pushed = 0"), ==, 1);

  /* The list heard of it through the store and dropped the row. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (today)), ==, 1);
  g_assert_cmpuint (changes.removed, >=, 1);
  g_assert_cmpstr (contact_at (G_LIST_MODEL (today), 0), ==, "c2");
  assert_counts (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, now, 0, 1, 0);

  /* Twice, or one that does not exist: said so, nothing written. */
  g_assert_false (pl_follow_ups_mark_done (fixture->store, "c1", NULL, &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (pl_follow_ups_mark_done (fixture->store, "no-such-contact", NULL, &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal + 1);

  /* Undone: open and listed again, through one more journaled change. */
  g_assert_true (pl_follow_ups_reopen (fixture->store, "c1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&done, g_free);
  done = query_text (fixture, "SELECT follow_up_done_at FROM contacts WHERE id = 'c1'");
  g_assert_null (done);
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal + 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (today)), ==, 2);
  g_assert_false (pl_follow_ups_reopen (fixture->store, "c1", &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN);
}

/* When "today" changes: at local midnight, also on the days summer time
 * begins (23 hours) in New York. */
static void
test_next_day (Fixture       *fixture,
               gconstpointer  data)
{
  struct { int month, day, hour, minute; guint seconds; } cases[] = {
    { 11, 23, 23, 59, 60 },
    { 11, 23, 0, 0, 24 * 3600 },
    { 3, 7, 23, 0, 3600 },
    { 3, 8, 0, 30, 22 * 3600 + 1800 },
    { 3, 8, 12, 0, 12 * 3600 },
    { 11, 1, 0, 30, 24 * 3600 + 1800 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = time_in ("America/New_York", 2026, cases[i].month, cases[i].day,
                                          cases[i].hour, cases[i].minute);

      g_assert_cmpuint (pl_follow_ups_seconds_to_next_day (now), ==, cases[i].seconds);
    }
}

static void
test_reschedule (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = time_in ("America/New_York", 2026, 11, 23, 22, 0);
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autoptr(PlFollowUps) overdue = NULL;
  g_autoptr(PlFollowUps) week = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *fields = NULL;
  gint64 journal;

  add_contact (fixture, "c1", fixture->ortiz, "ana", "2026-11-10T15:00:00Z", "attendance",
               "2026-11-17", NULL, NULL);
  overdue = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, PL_FOLLOW_UP_OVERDUE);
  week = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, PL_FOLLOW_UP_THIS_WEEK);
  pl_follow_ups_set_now (overdue, now);
  pl_follow_ups_set_now (week, now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 1);
  journal = pl_store_count_journal (fixture->store, &error);

  /* Yesterday, a day that does not exist, or not a date: refused. */
  g_assert_false (pl_follow_ups_reschedule (fixture->store, "c1", "2026-11-22", now, &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_PAST_DATE);
  g_assert_nonnull (strstr (error->message, "2026-11-22"));
  g_clear_error (&error);
  g_assert_false (pl_follow_ups_reschedule (fixture->store, "c1", "2026-02-30", now, &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_INVALID_DATE);
  g_clear_error (&error);
  g_assert_false (pl_follow_ups_reschedule (fixture->store, "c1", "next week", now, &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_INVALID_DATE);
  g_assert_nonnull (strstr (error->message, "next week"));
  g_clear_error (&error);
  /* At 22:00 in New York it is already the 24th in UTC; the 23rd is still
   * today for a person there, and not for one in UTC. */
  g_assert_false (pl_follow_ups_reschedule (fixture->store, "c1", "2026-11-23", now_utc, &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_PAST_DATE);
  g_clear_error (&error);
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal);
  due = query_text (fixture, "SELECT follow_up_due FROM contacts WHERE id = 'c1'");
  g_assert_cmpstr (due, ==, "2026-11-17");
  g_clear_pointer (&due, g_free);

  g_assert_true (pl_follow_ups_reschedule (fixture->store, "c1", "2026-11-23", now, &error));
  g_assert_no_error (error);
  g_assert_true (pl_follow_ups_reschedule (fixture->store, "c1", "2026-11-27", now, &error));
  g_assert_no_error (error);

  due = query_text (fixture, "SELECT follow_up_due FROM contacts WHERE id = 'c1'");
  g_assert_cmpstr (due, ==, "2026-11-27");
  g_assert_cmpint (pl_store_count_journal (fixture->store, &error), ==, journal + 2);
  fields = query_text (fixture, "SELECT fields FROM journal WHERE row_id = 'c1' AND op = 'update'"
                                " ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (fields, "\"follow_up_due\":\"2026-11-27\""));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (week)), ==, 1);

  /* A done follow-up is not moved. */
  g_assert_true (pl_follow_ups_mark_done (fixture->store, "c1", NULL, &error));
  g_assert_false (pl_follow_ups_reschedule (fixture->store, "c1", "2026-11-28", now, &error));
  g_assert_error (error, PL_FOLLOW_UPS_ERROR, PL_FOLLOW_UPS_ERROR_NOT_OPEN);
}

/* Hundreds of open follow-ups: items are built on demand, in order. */
static void
test_lazy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GDateTime) now = time_in ("UTC", 2026, 11, 23, 12, 0);
  g_autoptr(PlFollowUps) overdue = NULL;
  g_autoptr(GString) sql = g_string_new ("BEGIN;");

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GDateTime) due = g_date_time_add_days (now, -1 - (int) i);
      g_autofree char *due_text = g_date_time_format (due, "%Y-%m-%d");

      g_string_append_printf (sql, "INSERT INTO contacts (id, hlc, origin, family_id, staff_id,"
                                   " happened_at, method, follow_up_due) VALUES"
                                   " ('c%03u', '0000000000001-0000-0000000000000001', 'o', '%s',"
                                   " 'ana', '2020-01-01T00:00:00Z', 'phone', '%s');",
                              i, i % 2 ? fixture->ortiz : fixture->nguyen, due_text);
    }
  g_string_append (sql, "COMMIT;");
  exec_sql (fixture, sql->str);

  overdue = pl_follow_ups_new (fixture->store, PL_FOLLOW_UP_SCOPE_EVERYONE, PL_FOLLOW_UP_OVERDUE);
  pl_follow_ups_set_now (overdue, now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 500);
  g_assert_cmpstr (contact_at (G_LIST_MODEL (overdue), 499), ==, "c499");
  g_assert_cmpstr (contact_at (G_LIST_MODEL (overdue), 0), ==, "c000");
  g_assert_cmpstr (contact_at (G_LIST_MODEL (overdue), 250), ==, "c250");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (overdue), 500));

  {
    g_autoptr(PlFollowUp) item = g_list_model_get_item (G_LIST_MODEL (overdue), 499);
    g_assert_cmpint (pl_follow_up_get_days_until_due (item), ==, -500);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/follow-ups/midnight", test_midnight);
  ADD ("/follow-ups/periods", test_periods);
  ADD ("/follow-ups/item", test_item);
  ADD ("/follow-ups/scopes", test_scopes);
  ADD ("/follow-ups/mark-done", test_mark_done);
  ADD ("/follow-ups/reschedule", test_reschedule);
  ADD ("/follow-ups/lazy", test_lazy);
  ADD ("/follow-ups/next-day", test_next_day);
#undef ADD

  return g_test_run ();
}
