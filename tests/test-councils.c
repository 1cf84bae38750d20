/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-store-councils.h"
#include "pl-test-families.h"
#include "pl-test-util.h"

/* A school with four families, a council, and three people on it: one
 * current family member who needs Spanish, one whose term ended, and a
 * staff liaison. */
typedef struct
{
  PlTestDir  dir;
  PlStore   *store;
  PlSchool  *school;
  PlCouncil *council;
  PlFamily  *families[4];  /* A (es, grade 1), B (vi, grades 4 and 7), C (en, 10), D (es, 2) */
  PlCouncilMember *member_a;
  PlCouncilMember *member_c;
  PlCouncilMember *staff;
} Fixture;

static const char *
guardian_id (PlFamily *family)
{
  g_autoptr(PlGuardian) guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);

  return pl_guardian_get_id (guardian);
}

static void
add_student (PlFamily   *family,
             const char *name,
             const char *school_id,
             int         grade)
{
  g_autoptr(PlStudent) student = pl_student_new ();

  pl_student_set_full_name (student, name);
  pl_student_set_school_id (student, school_id);
  pl_student_set_grade (student, grade);
  g_list_store_append (pl_family_get_students (family), student);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *school_id;
  sqlite3 *db;

  pl_test_dir_setup (&fixture->dir, data);
  path = pl_test_dir_file (&fixture->dir, "district.db");
  fixture->store = pl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->school = pl_test_add_school (fixture->store, "Riverside Elementary");
  school_id = pl_school_get_id (fixture->school);

  fixture->families[0] = pl_test_make_family ("Garcia", "Ana Garcia", "4135550101", NULL, NULL, "es");
  add_student (fixture->families[0], "Luis Garcia", school_id, 1);
  fixture->families[1] = pl_test_make_family ("Nguyen", "Huong Nguyen", "4135550102", NULL, NULL, "vi");
  add_student (fixture->families[1], "Bao Nguyen", school_id, 4);
  add_student (fixture->families[1], "Mai Nguyen", school_id, 7);
  fixture->families[2] = pl_test_make_family ("Smith", "Joan Smith", "4135550103", NULL, NULL, "en");
  add_student (fixture->families[2], "Tom Smith", school_id, 10);
  fixture->families[3] = pl_test_make_family ("Lopez", "Rosa Lopez", "4135550104", NULL, NULL, "es");
  add_student (fixture->families[3], "Eva Lopez", school_id, 2);
  for (guint i = 0; i < 4; i++)
    pl_test_save (fixture->store, fixture->families[i]);

  /* Staff come from the server's accounts; a liaison as sync writes one. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO staff_users (id, hlc, origin, username,"
                                     " display_name, role) VALUES ('s1', '0', 'x', 'mlopez',"
                                     " 'Marta López', 'liaison')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->council = pl_council_new (school_id);
  pl_council_set_name (fixture->council, "Family Empowerment Council");
  pl_store_save_council (fixture->store, fixture->council, &error);
  g_assert_no_error (error);

  fixture->member_a = pl_council_member_new_guardian (pl_council_get_id (fixture->council),
                                                      guardian_id (fixture->families[0]));
  pl_council_member_set_role (fixture->member_a, "chair");
  pl_council_member_set_term_start (fixture->member_a, "2025-09-01");
  pl_council_member_set_term_end (fixture->member_a, "2031-06-30");
  pl_council_member_set_language (fixture->member_a, "es");
  pl_store_save_council_member (fixture->store, fixture->member_a, &error);
  g_assert_no_error (error);

  fixture->member_c = pl_council_member_new_guardian (pl_council_get_id (fixture->council),
                                                      guardian_id (fixture->families[2]));
  pl_council_member_set_term_start (fixture->member_c, "2024-09-01");
  pl_council_member_set_term_end (fixture->member_c, "2025-06-30");
  pl_store_save_council_member (fixture->store, fixture->member_c, &error);
  g_assert_no_error (error);

  fixture->staff = pl_council_member_new_staff (pl_council_get_id (fixture->council), "mlopez");
  pl_store_save_council_member (fixture->store, fixture->staff, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->member_a);
  g_clear_object (&fixture->member_c);
  g_clear_object (&fixture->staff);
  for (guint i = 0; i < 4; i++)
    g_clear_object (&fixture->families[i]);
  g_clear_object (&fixture->council);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  pl_test_dir_teardown (&fixture->dir, data);
}

static GDateTime *
local (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");

  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

static PlMeeting *
save_meeting (Fixture    *fixture,
              const char *council_id,
              GDateTime  *start,
              guint       minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, minutes);
  PlMeeting *meeting = pl_meeting_new (council_id);

  pl_meeting_set_title (meeting, "Council meeting");
  pl_meeting_set_location (meeting, "Library");
  pl_meeting_set_times (meeting, start, end);
  pl_store_save_meeting (fixture->store, meeting, &error);
  g_assert_no_error (error);
  return meeting;
}

static void
set_date (GDate *date, int year, int month, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* Members past and present with their names, and whether the council
 * looks like its school. */
static void
test_members_and_makeup (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(PlCouncilMakeup) makeup = NULL;
  g_autoptr(PlCouncilMember) bad = NULL;
  const char *council_id = pl_council_get_id (fixture->council);

  all = pl_store_list_council_members (fixture->store, council_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  /* The past member stays, after the current ones. */
  g_assert_cmpstr (pl_council_member_get_display_name (all->pdata[2]), ==, "Joan Smith");

  current = pl_store_list_council_members (fixture->store, council_id, "2026-01-15", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (current->len, ==, 2);
  g_assert_cmpstr (pl_council_member_get_display_name (current->pdata[0]), ==, "Ana Garcia");
  g_assert_cmpstr (pl_council_member_get_role (current->pdata[0]), ==, "chair");
  g_assert_cmpstr (pl_council_member_get_display_name (current->pdata[1]), ==, "Marta López");
  g_assert_cmpstr (pl_council_member_get_role (current->pdata[1]), ==, "staff-liaison");
  g_assert_true (pl_council_member_is_current (fixture->member_c, "2025-06-30"));
  g_assert_false (pl_council_member_is_current (fixture->member_c, "2025-07-01"));

  makeup = pl_store_get_council_makeup (fixture->store, council_id, "2026-01-15", &error);
  g_assert_no_error (error);
  /* Staff are not counted among the families. */
  g_assert_cmpuint (makeup->n_members, ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (makeup->member_languages, "es")), ==, 1);
  g_assert_cmpuint (g_hash_table_size (makeup->member_languages), ==, 1);
  g_assert_cmpuint (makeup->member_bands[PL_GRADE_BAND_K_2], ==, 1);
  g_assert_cmpuint (makeup->member_bands[PL_GRADE_BAND_3_5], ==, 0);
  g_assert_cmpuint (makeup->n_families, ==, 4);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (makeup->family_languages, "es")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (makeup->family_languages, "vi")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (makeup->family_languages, "en")), ==, 1);
  g_assert_cmpuint (makeup->family_bands[PL_GRADE_BAND_K_2], ==, 2);
  /* The Nguyens have children in two bands and count in both. */
  g_assert_cmpuint (makeup->family_bands[PL_GRADE_BAND_3_5], ==, 1);
  g_assert_cmpuint (makeup->family_bands[PL_GRADE_BAND_6_8], ==, 1);
  g_assert_cmpuint (makeup->family_bands[PL_GRADE_BAND_9_12], ==, 1);
  g_assert_cmpuint (makeup->family_bands[PL_GRADE_BAND_PK], ==, 0);

  /* Mistakes are named. */
  bad = pl_council_member_new_guardian (council_id, guardian_id (fixture->families[1]));
  pl_council_member_set_role (bad, "treasurer");
  g_assert_false (pl_store_save_council_member (fixture->store, bad, &error));
  g_assert_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "treasurer"));
  g_clear_error (&error);
  pl_council_member_set_role (bad, "secretary");
  pl_council_member_set_term_start (bad, "2026-09-01");
  pl_council_member_set_term_end (bad, "2026-06-30");
  g_assert_false (pl_store_save_council_member (fixture->store, bad, &error));
  g_assert_nonnull (strstr (error->message, "2026-06-30"));
  g_clear_error (&error);
  pl_council_member_set_term_end (bad, "2026-13-30");
  g_assert_false (pl_store_save_council_member (fixture->store, bad, &error));
  g_assert_nonnull (strstr (error->message, "2026-13-30"));
  g_clear_error (&error);
}

/* The council, its pattern in words, and a meeting with an agenda come
 * back as saved; each save is journaled for sync. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCouncil) council = NULL;
  g_autoptr(GPtrArray) councils = NULL;
  g_autoptr(PlMeeting) meeting = NULL;
  g_autoptr(PlMeeting) loaded = NULL;
  g_autoptr(GDateTime) start = local (2026, 10, 13, 18, 0);
  g_autoptr(GDateTime) back = NULL;
  g_autofree char *words = NULL;
  PlRepeatRule rule = { PL_REPEAT_MONTHLY_WEEKDAY, 1, G_DATE_TUESDAY, 2, 0 };
  const char *languages[] = { "es", "vi", NULL };
  gint64 unsent;

  pl_council_set_repeat_rule (fixture->council, &rule);
  pl_council_set_languages (fixture->council, languages);
  pl_council_set_purpose (fixture->council, "Families and staff plan together.");
  unsent = pl_store_count_unsent (fixture->store, &error);
  pl_store_save_council (fixture->store, fixture->council, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_unsent (fixture->store, &error), ==, unsent + 1);

  councils = pl_store_list_councils (fixture->store, pl_school_get_id (fixture->school), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (councils->len, ==, 1);
  council = g_object_ref (councils->pdata[0]);
  g_assert_cmpstr (pl_council_get_meeting_pattern (council), ==, "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU");
  words = pl_council_describe_pattern (council);
  g_assert_nonnull (words);
  g_assert_nonnull (strstr (words, "Tuesday"));
  g_assert_cmpstr (pl_council_get_languages (council)[1], ==, "vi");
  g_assert_cmpstr (pl_council_get_timezone (council), ==, "America/New_York");

  meeting = save_meeting (fixture, pl_council_get_id (council), start, 90);
  pl_meeting_add_agenda_item (meeting, "Welcome", "Ana Garcia", 10);
  pl_meeting_add_agenda_item (meeting, "Budget \"priorities\"", NULL, 45);
  pl_meeting_set_interpretation_languages (meeting, languages);
  pl_meeting_set_childcare (meeting, TRUE);
  pl_meeting_set_minutes (meeting, "Twelve families came.");
  pl_meeting_set_decisions (meeting, "Spend the grant on the library.");
  pl_store_save_meeting (fixture->store, meeting, &error);
  g_assert_no_error (error);

  loaded = pl_store_load_meeting (fixture->store, pl_meeting_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_meeting_get_starts_at (loaded), ==, "2026-10-13T22:00:00Z");
  g_assert_cmpstr (pl_meeting_get_ends_at (loaded), ==, "2026-10-13T23:30:00Z");
  back = pl_meeting_get_start (loaded);
  g_assert_cmpint (g_date_time_get_hour (back), ==, 18);
  g_assert_cmpuint (pl_meeting_get_n_agenda_items (loaded), ==, 2);
  g_assert_cmpstr (pl_meeting_get_agenda_item (loaded, 0)->presenter, ==, "Ana Garcia");
  g_assert_cmpstr (pl_meeting_get_agenda_item (loaded, 1)->title, ==, "Budget \"priorities\"");
  g_assert_null (pl_meeting_get_agenda_item (loaded, 1)->presenter);
  g_assert_cmpuint (pl_meeting_get_agenda_item (loaded, 1)->minutes, ==, 45);
  g_assert_true (pl_meeting_has_interpretation (loaded, "vi"));
  g_assert_true (pl_meeting_get_childcare (loaded));
  g_assert_false (pl_meeting_get_food (loaded));
  g_assert_cmpstr (pl_meeting_get_decisions (loaded), ==, "Spend the grant on the library.");

  /* An end before the start is refused. */
  {
    g_autoptr(GDateTime) early = local (2026, 10, 13, 17, 0);

    pl_meeting_set_times (loaded, start, early);
    g_assert_false (pl_store_save_meeting (fixture->store, loaded, &error));
    g_assert_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID);
  }
}

/* A school year of second-Tuesday meetings: 6 pm local on both sides of
 * the daylight-saving changes, a January closure left out; one meeting
 * moved, one cancelled. */
static void
test_series (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlMeeting) template = pl_meeting_new (pl_council_get_id (fixture->council));
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) autumn = NULL;
  g_autoptr(PlMeeting) moved = NULL;
  g_autoptr(PlMeeting) cancelled = NULL;
  g_autoptr(GDateTime) from = local (2026, 10, 1, 0, 0);
  g_autoptr(GDateTime) to = local (2027, 1, 1, 0, 0);
  g_autoptr(GDateTime) later = local (2026, 10, 13, 19, 0);
  g_autoptr(GDateTime) later_end = local (2026, 10, 13, 20, 30);
  PlRepeatRule rule = { PL_REPEAT_MONTHLY_WEEKDAY, 1, G_DATE_TUESDAY, 2, 0 };
  GDate first, until, closed;

  pl_meeting_set_location (template, "Library");
  pl_meeting_add_agenda_item (template, "Welcome", NULL, 10);
  set_date (&first, 2026, 9, 1);
  set_date (&until, 2027, 6, 30);
  set_date (&closed, 2027, 1, 12);
  meetings = pl_store_schedule_series (fixture->store, template, &rule, &first, &until, 18, 0, 90,
                                       &closed, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 9);
  g_assert_cmpstr (pl_meeting_get_starts_at (meetings->pdata[0]), ==, "2026-09-08T22:00:00Z");
  /* November is in standard time: still 6 pm, an hour later in UTC. */
  g_assert_cmpstr (pl_meeting_get_starts_at (meetings->pdata[2]), ==, "2026-11-10T23:00:00Z");
  g_assert_cmpstr (pl_meeting_get_ends_at (meetings->pdata[2]), ==, "2026-11-11T00:30:00Z");
  g_assert_cmpstr (pl_meeting_get_starts_at (meetings->pdata[4]), ==, "2027-02-09T23:00:00Z");
  g_assert_cmpstr (pl_meeting_get_series_id (meetings->pdata[0]), ==,
                   pl_meeting_get_series_id (meetings->pdata[8]));
  g_assert_cmpstr (pl_meeting_get_series_rule (meetings->pdata[0]), ==,
                   "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU;UNTIL=20270630");
  g_assert_cmpstr (pl_meeting_get_original_start (meetings->pdata[1]), ==,
                   pl_meeting_get_starts_at (meetings->pdata[1]));
  g_assert_cmpstr (pl_meeting_get_location (meetings->pdata[5]), ==, "Library");
  g_assert_cmpuint (pl_meeting_get_n_agenda_items (meetings->pdata[5]), ==, 1);

  /* October's meeting moves an hour later; December's is cancelled. */
  moved = pl_store_load_meeting (fixture->store, pl_meeting_get_id (meetings->pdata[1]), &error);
  g_assert_no_error (error);
  pl_meeting_set_times (moved, later, later_end);
  pl_store_save_meeting (fixture->store, moved, &error);
  g_assert_no_error (error);
  pl_store_cancel_meeting (fixture->store, pl_meeting_get_id (meetings->pdata[3]), &error);
  g_assert_no_error (error);

  autumn = pl_store_list_meetings (fixture->store, pl_council_get_id (fixture->council), from, to,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (autumn->len, ==, 3);
  g_assert_cmpstr (pl_meeting_get_status (autumn->pdata[0]), ==, "moved");
  g_assert_cmpstr (pl_meeting_get_starts_at (autumn->pdata[0]), ==, "2026-10-13T23:00:00Z");
  g_assert_cmpstr (pl_meeting_get_original_start (autumn->pdata[0]), ==, "2026-10-13T22:00:00Z");
  g_assert_cmpstr (pl_meeting_get_status (autumn->pdata[1]), ==, "scheduled");
  g_assert_cmpstr (pl_meeting_get_status (autumn->pdata[2]), ==, "cancelled");
  cancelled = g_object_ref (autumn->pdata[2]);
  g_assert_cmpstr (pl_meeting_get_starts_at (cancelled), ==, "2026-12-08T23:00:00Z");

  /* A series with no date in it is refused, saying why. */
  set_date (&until, 2026, 9, 5);
  g_assert_null (pl_store_schedule_series (fixture->store, template, &rule, &first, &until, 18, 0,
                                           90, NULL, 0, &error));
  g_assert_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID);
}

static gboolean
has_warning (GPtrArray            *warnings,
             PlMeetingWarningKind  kind)
{
  for (guint i = 0; i < warnings->len; i++)
    if (((PlMeetingWarning *) warnings->pdata[i])->kind == kind)
      return TRUE;
  return FALSE;
}

static GPtrArray *
check (Fixture   *fixture,
       PlMeeting *meeting)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings = pl_store_check_meeting (fixture->store, meeting, &error);

  g_assert_no_error (error);
  return warnings;
}

static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCouncil) other = pl_council_new (pl_school_get_id (fixture->school));
  g_autoptr(GDateTime) tuesday = local (2026, 11, 10, 18, 0);
  g_autoptr(GDateTime) half_past = local (2026, 11, 10, 18, 30);
  g_autoptr(GDateTime) seven = local (2026, 11, 10, 19, 30);
  g_autoptr(GDateTime) saturday = local (2026, 11, 14, 10, 0);
  g_autoptr(GDateTime) late = local (2026, 11, 17, 20, 30);
  g_autoptr(GDateTime) thanksgiving = local (2026, 11, 26, 18, 0);
  g_autoptr(PlMeeting) base = save_meeting (fixture, pl_council_get_id (fixture->council), tuesday, 90);
  g_autoptr(PlMeeting) overlap = NULL;
  g_autoptr(PlMeeting) after = NULL;
  g_autoptr(PlMeeting) neighbour = NULL;
  g_autoptr(PlMeeting) weekend = NULL;
  g_autoptr(PlMeeting) evening = NULL;
  g_autoptr(PlMeeting) holiday = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) closures = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_school_closure_free);
  PlSchoolClosure *closure = g_new0 (PlSchoolClosure, 1);
  const char *spanish[] = { "es", NULL };
  guint added = 0;

  pl_council_set_name (other, "Bilingual Parent Advisory");
  pl_store_save_council (fixture->store, other, &error);
  g_assert_no_error (error);

  /* The base meeting itself: a member needs Spanish and none is set. */
  warnings = check (fixture, base);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_warning (warnings, PL_MEETING_WARNING_NO_INTERPRETATION));
  g_assert_cmpstr (((PlMeetingWarning *) warnings->pdata[0])->detail, ==, "es");
  g_clear_pointer (&warnings, g_ptr_array_unref);
  pl_meeting_set_interpretation_languages (base, spanish);
  pl_store_save_meeting (fixture->store, base, &error);
  g_assert_no_error (error);
  warnings = check (fixture, base);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Half an hour into it, same council: an overlap; right after it: none. */
  overlap = pl_meeting_new (pl_council_get_id (fixture->council));
  pl_meeting_set_interpretation_languages (overlap, spanish);
  pl_meeting_set_times (overlap, half_past, NULL);
  warnings = check (fixture, overlap);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_warning (warnings, PL_MEETING_WARNING_OVERLAP_COUNCIL));
  g_assert_cmpstr (((PlMeetingWarning *) warnings->pdata[0])->detail, ==, pl_meeting_get_id (base));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  after = pl_meeting_new (pl_council_get_id (fixture->council));
  pl_meeting_set_interpretation_languages (after, spanish);
  pl_meeting_set_times (after, seven, NULL);
  warnings = check (fixture, after);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Another council of the school at the same time. */
  neighbour = pl_meeting_new (pl_council_get_id (other));
  pl_meeting_set_times (neighbour, tuesday, NULL);
  warnings = check (fixture, neighbour);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_warning (warnings, PL_MEETING_WARNING_OVERLAP_SCHOOL));
  g_assert_nonnull (strstr (((PlMeetingWarning *) warnings->pdata[0])->message, "Family Empowerment Council"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Cancelled, the base meeting overlaps nothing. */
  pl_store_cancel_meeting (fixture->store, pl_meeting_get_id (base), &error);
  g_assert_no_error (error);
  warnings = check (fixture, neighbour);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  weekend = pl_meeting_new (pl_council_get_id (other));
  pl_meeting_set_times (weekend, saturday, NULL);
  warnings = check (fixture, weekend);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_warning (warnings, PL_MEETING_WARNING_WEEKEND));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* 8:30 to 9:30 pm runs past the building's hours. */
  evening = pl_meeting_new (pl_council_get_id (other));
  pl_meeting_set_times (evening, late, NULL);
  warnings = check (fixture, evening);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_warning (warnings, PL_MEETING_WARNING_OUTSIDE_HOURS));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* A closure of every school. */
  closure->date = g_strdup ("2026-11-26");
  closure->name = g_strdup ("Thanksgiving");
  g_ptr_array_add (closures, closure);
  pl_store_add_closures (fixture->store, NULL, closures, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  /* Again: the same day, nothing new. */
  pl_store_add_closures (fixture->store, NULL, closures, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  holiday = pl_meeting_new (pl_council_get_id (other));
  pl_meeting_set_times (holiday, thanksgiving, NULL);
  warnings = check (fixture, holiday);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (has_warning (warnings, PL_MEETING_WARNING_CLOSURE));
  g_assert_nonnull (strstr (((PlMeetingWarning *) warnings->pdata[0])->message, "Thanksgiving"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
}

static PlMeetingAttendance *
find_member_row (GPtrArray  *list,
                 const char *member_id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (pl_meeting_attendance_get_member_id (list->pdata[i]), member_id) == 0)
      return list->pdata[i];
  g_assert_not_reached ();
}

/* RSVPs with interpretation and childcare needs, then check-in at the
 * door with two walk-ins; attendance counts on the family's record. */
static void
test_rsvp_and_attendance (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = local (2030, 3, 12, 18, 0);
  g_autoptr(GDateTime) next_start = local (2030, 4, 9, 18, 0);
  g_autoptr(PlMeeting) meeting = save_meeting (fixture, pl_council_get_id (fixture->council), start, 90);
  g_autoptr(PlMeeting) next = save_meeting (fixture, pl_council_get_id (fixture->council), next_start, 90);
  g_autoptr(PlCouncilMember) member_b = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PlMeetingAttendance) walk_in = NULL;
  g_autoptr(PlMeetingAttendance) guest = NULL;
  g_autoptr(PlMeetingAttendance) again = NULL;
  PlMeetingCounts counts;
  PlMeetingAttendance *row;

  member_b = pl_council_member_new_guardian (pl_council_get_id (fixture->council),
                                             guardian_id (fixture->families[1]));
  pl_council_member_set_language (member_b, "vi");
  pl_store_save_council_member (fixture->store, member_b, &error);
  g_assert_no_error (error);

  /* Three current members (the past one is not invited). */
  list = pl_store_list_attendance (fixture->store, pl_meeting_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);

  row = find_member_row (list, pl_council_member_get_id (fixture->member_a));
  pl_meeting_attendance_set_rsvp (row, "yes");
  pl_meeting_attendance_set_interpretation (row, "es");
  pl_meeting_attendance_set_childcare_count (row, 2);
  pl_store_save_attendance (fixture->store, row, &error);
  g_assert_no_error (error);
  row = find_member_row (list, pl_council_member_get_id (member_b));
  pl_meeting_attendance_set_rsvp (row, "maybe");
  pl_meeting_attendance_set_interpretation (row, "vi");
  pl_meeting_attendance_set_childcare_count (row, 1);
  pl_store_save_attendance (fixture->store, row, &error);
  g_assert_no_error (error);
  row = find_member_row (list, pl_council_member_get_id (fixture->staff));
  pl_meeting_attendance_set_rsvp (row, "no");
  pl_meeting_attendance_set_childcare_count (row, 3);
  pl_store_save_attendance (fixture->store, row, &error);
  g_assert_no_error (error);

  g_assert_true (pl_store_get_meeting_counts (fixture->store, pl_meeting_get_id (meeting), &counts,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.yes, ==, 1);
  g_assert_cmpuint (counts.maybe, ==, 1);
  g_assert_cmpuint (counts.no, ==, 1);
  g_assert_cmpuint (counts.no_answer, ==, 0);
  /* Someone who is not coming needs no childcare. */
  g_assert_cmpuint (counts.childcare, ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts.interpretation, "es")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts.interpretation, "vi")), ==, 1);
  g_assert_cmpuint (counts.attended, ==, 0);
  pl_meeting_counts_clear (&counts);

  /* At the door: Ana, Rosa Lopez (a family in the directory) and a new
   * neighbour. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = pl_store_list_attendance (fixture->store, pl_meeting_get_id (meeting), &error);
  g_assert_no_error (error);
  row = find_member_row (list, pl_council_member_get_id (fixture->member_a));
  g_assert_cmpstr (pl_meeting_attendance_get_rsvp (row), ==, "yes");
  g_assert_cmpstr (pl_meeting_attendance_get_display_name (row), ==, "Ana Garcia");
  pl_meeting_attendance_set_attended (row, TRUE);
  pl_store_save_attendance (fixture->store, row, &error);
  g_assert_no_error (error);
  walk_in = pl_meeting_attendance_new_guardian (pl_meeting_get_id (meeting),
                                                guardian_id (fixture->families[3]));
  pl_meeting_attendance_set_attended (walk_in, TRUE);
  pl_store_save_attendance (fixture->store, walk_in, &error);
  g_assert_no_error (error);
  guest = pl_meeting_attendance_new_guest (pl_meeting_get_id (meeting), "Fatima Hassan");
  pl_meeting_attendance_set_attended (guest, TRUE);
  pl_store_save_attendance (fixture->store, guest, &error);
  g_assert_no_error (error);
  /* A guest with no name is refused. */
  again = pl_meeting_attendance_new_guest (pl_meeting_get_id (meeting), "");
  g_assert_false (pl_store_save_attendance (fixture->store, again, &error));
  g_assert_error (error, PL_COUNCIL_ERROR, PL_COUNCIL_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = pl_store_list_attendance (fixture->store, pl_meeting_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (pl_meeting_attendance_get_display_name (list->pdata[3]), ==, "Fatima Hassan");
  g_assert_nonnull (pl_meeting_attendance_get_checked_in_at (list->pdata[3]));
  g_assert_cmpstr (pl_meeting_attendance_get_display_name (list->pdata[4]), ==, "Rosa Lopez");

  g_assert_true (pl_store_get_meeting_counts (fixture->store, pl_meeting_get_id (meeting), &counts,
                                              &error));
  g_assert_cmpuint (counts.attended, ==, 3);
  g_assert_cmpuint (counts.members_attended, ==, 1);
  g_assert_cmpuint (counts.guests_attended, ==, 2);
  g_assert_cmpuint (counts.no_answer, ==, 2);  /* the two walk-ins never answered */
  pl_meeting_counts_clear (&counts);

  /* Ana comes again in April: two meetings on her family's record. */
  {
    g_autoptr(PlMeetingAttendance) april =
      pl_meeting_attendance_new_member (pl_meeting_get_id (next),
                                        pl_council_member_get_id (fixture->member_a));

    pl_meeting_attendance_set_attended (april, TRUE);
    pl_store_save_attendance (fixture->store, april, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (pl_store_count_family_council_attendance (fixture->store,
                                                             pl_family_get_id (fixture->families[0]),
                                                             &error), ==, 2);
  g_assert_cmpint (pl_store_count_family_council_attendance (fixture->store,
                                                             pl_family_get_id (fixture->families[3]),
                                                             &error), ==, 1);
  g_assert_cmpint (pl_store_count_family_council_attendance (fixture->store,
                                                             pl_family_get_id (fixture->families[1]),
                                                             &error), ==, 0);
  /* A cancelled meeting was not attended. */
  pl_store_cancel_meeting (fixture->store, pl_meeting_get_id (next), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_count_family_council_attendance (fixture->store,
                                                             pl_family_get_id (fixture->families[0]),
                                                             &error), ==, 1);
}

static gboolean
lists_item (GPtrArray  *items,
            const char *title)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (pl_action_item_get_title (items->pdata[i]), title) == 0)
      return TRUE;
  return FALSE;
}

/* Action items come back at every meeting until they are done. The
 * meetings are years ahead, so "done now" is before the later ones. */
static void
test_action_items (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *council_id = pl_council_get_id (fixture->council);
  g_autoptr(GDateTime) sep = local (2030, 9, 10, 18, 0);
  g_autoptr(GDateTime) oct = local (2030, 10, 8, 18, 0);
  g_autoptr(GDateTime) nov = local (2030, 11, 12, 18, 0);
  g_autoptr(PlMeeting) m1 = save_meeting (fixture, council_id, sep, 60);
  g_autoptr(PlMeeting) m2 = save_meeting (fixture, council_id, oct, 60);
  g_autoptr(PlMeeting) m3 = save_meeting (fixture, council_id, nov, 60);
  g_autoptr(PlActionItem) flyer = pl_action_item_new (council_id, pl_meeting_get_id (m1));
  g_autoptr(PlActionItem) room = pl_action_item_new (council_id, pl_meeting_get_id (m1));
  g_autoptr(PlActionItem) survey = pl_action_item_new (council_id, pl_meeting_get_id (m2));
  g_autoptr(GPtrArray) at_m1 = NULL;
  g_autoptr(GPtrArray) at_m2 = NULL;
  g_autoptr(GPtrArray) at_m3 = NULL;
  g_autoptr(GPtrArray) open = NULL;

  pl_action_item_set_title (flyer, "Translate the flyer");
  pl_action_item_set_owner_member_id (flyer, pl_council_member_get_id (fixture->member_a));
  pl_action_item_set_due_on (flyer, "2030-10-01");
  pl_store_save_action_item (fixture->store, flyer, &error);
  g_assert_no_error (error);
  pl_action_item_set_title (room, "Book the library");
  pl_action_item_set_owner_name (room, "Principal Reyes");
  pl_store_save_action_item (fixture->store, room, &error);
  g_assert_no_error (error);
  pl_action_item_set_title (survey, "Share survey results");
  pl_store_save_action_item (fixture->store, survey, &error);
  g_assert_no_error (error);

  /* The room is booked before October's meeting. */
  pl_action_item_set_status (room, "done");
  pl_store_save_action_item (fixture->store, room, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pl_action_item_get_done_at (room));

  at_m1 = pl_store_list_meeting_action_items (fixture->store, pl_meeting_get_id (m1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_m1->len, ==, 2);
  g_assert_true (lists_item (at_m1, "Book the library"));
  at_m2 = pl_store_list_meeting_action_items (fixture->store, pl_meeting_get_id (m2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_m2->len, ==, 2);
  g_assert_true (lists_item (at_m2, "Translate the flyer"));
  g_assert_true (lists_item (at_m2, "Share survey results"));
  at_m3 = pl_store_list_meeting_action_items (fixture->store, pl_meeting_get_id (m3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (at_m3->len, ==, 2);
  /* The owner's name comes from the directory. */
  g_assert_cmpstr (pl_action_item_get_title (at_m3->pdata[0]), ==, "Translate the flyer");
  g_assert_cmpstr (pl_action_item_get_owner_name (at_m3->pdata[0]), ==, "Ana Garcia");

  open = pl_store_list_action_items (fixture->store, council_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_false (lists_item (open, "Book the library"));

  /* Reopened, it is open again with no done date. */
  pl_action_item_set_status (room, "open");
  pl_store_save_action_item (fixture->store, room, &error);
  g_assert_no_error (error);
  g_assert_null (pl_action_item_get_done_at (room));

  pl_action_item_set_due_on (survey, "next week");
  g_assert_false (pl_store_save_action_item (fixture->store, survey, &error));
  g_assert_nonnull (strstr (error->message, "next week"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/councils/members-and-makeup", Fixture, NULL, fixture_setup,
              test_members_and_makeup, fixture_teardown);
  g_test_add ("/councils/round-trip", Fixture, NULL, fixture_setup, test_round_trip,
              fixture_teardown);
  g_test_add ("/councils/series", Fixture, NULL, fixture_setup, test_series, fixture_teardown);
  g_test_add ("/councils/warnings", Fixture, NULL, fixture_setup, test_warnings, fixture_teardown);
  g_test_add ("/councils/rsvp-and-attendance", Fixture, NULL, fixture_setup,
              test_rsvp_and_attendance, fixture_teardown);
  g_test_add ("/councils/action-items", Fixture, NULL, fixture_setup, test_action_items,
              fixture_teardown);
  return g_test_run ();
}
