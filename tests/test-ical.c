/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libical/ical.h>

#include "pl-core.h"
#include "pl-test-families.h"
#include "pl-test-util.h"

typedef struct
{
  PlTestDir  dir;
  PlStore   *store;
  PlSchool  *school;
  PlCouncil *council;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pl_test_dir_setup (&fixture->dir, data);
  path = pl_test_dir_file (&fixture->dir, "district.db");
  fixture->store = pl_store_open (path, &error);
  g_assert_no_error (error);
  fixture->school = pl_test_add_school (fixture->store, "Riverside Elementary");
  fixture->council = pl_council_new (pl_school_get_id (fixture->school));
  pl_council_set_name (fixture->council, "Riverside Family Council");
  pl_store_save_council (fixture->store, fixture->council, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->council);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  pl_test_dir_teardown (&fixture->dir, data);
}

static void
set_date (GDate *date, int year, int month, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (event), uid) == 0)
      return event;
  g_assert_not_reached ();
}

/* The start of @event in UTC, through the VTIMEZONE the file carries (not
 * the system's), as a calendar importing it would compute it. */
static int
utc_hour (icalcomponent *calendar,
          icalcomponent *event)
{
  icalcomponent *vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  icaltimezone *zone = icaltimezone_new ();
  icalproperty *dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  struct icaltimetype start = icalproperty_get_dtstart (dtstart);
  int hour;

  g_assert_true (icaltimezone_set_component (zone, icalcomponent_new_clone (vtimezone)));
  icaltimezone_convert_time (&start, zone, icaltimezone_get_utc_timezone ());
  hour = start.hour;
  icaltimezone_free (zone, 1);
  return hour;
}

/* A school year of second-Tuesday meetings at 6 pm, one cancelled, one
 * with an agenda and a video link: written, read back with libical's
 * parser, and valid by libical's RFC 5545 restrictions. The file keeps 6 pm local on both
 * sides of daylight saving, with a VTIMEZONE that puts it at 22:00 UTC in
 * September and 23:00 in November. */
static void
test_export_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlMeeting) template = pl_meeting_new (pl_council_get_id (fixture->council));
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(PlMeeting) october = NULL;
  g_autofree char *text = NULL;
  g_autofree char *single = NULL;
  PlRepeatRule rule = { PL_REPEAT_MONTHLY_WEEKDAY, 1, G_DATE_TUESDAY, 2, 0 };
  const char *languages[] = { "es", "vi", NULL };
  icalcomponent *calendar, *event, *vtimezone;
  icalproperty *dtstart;
  icalparameter *tzid;
  struct icaltimetype start;
  GDate first, until;
  guint n_events = 0;

  pl_meeting_set_title (template, "Family Council");
  pl_meeting_set_location (template, "Riverside Library, 12 Oak St");
  set_date (&first, 2026, 9, 1);
  set_date (&until, 2027, 6, 30);
  meetings = pl_store_schedule_series (fixture->store, template, &rule, &first, &until, 18, 0, 90,
                                       NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 10);

  october = pl_store_load_meeting (fixture->store, pl_meeting_get_id (meetings->pdata[1]), &error);
  g_assert_no_error (error);
  pl_meeting_add_agenda_item (october, "Welcome, introductions", "Ana Garcia", 10);
  pl_meeting_add_agenda_item (october, "School budget", NULL, 45);
  pl_meeting_set_interpretation_languages (october, languages);
  pl_meeting_set_childcare (october, TRUE);
  pl_meeting_set_video_link (october, "https://meet.example.org/riverside");
  pl_store_save_meeting (fixture->store, october, &error);
  g_assert_no_error (error);
  pl_store_cancel_meeting (fixture->store, pl_meeting_get_id (meetings->pdata[3]), &error);
  g_assert_no_error (error);

  text = pl_store_export_council_ics (fixture->store, pl_council_get_id (fixture->council), NULL,
                                      &error);
  g_assert_no_error (error);
  /* The zone by the name every calendar knows, not libical's own. */
  g_assert_nonnull (strstr (text, "DTSTART;TZID=America/New_York:20261110T180000"));
  g_assert_null (strstr (text, "freeassociation"));

  if (g_getenv ("PL_ICAL_DUMP"))
    g_file_set_contents (g_getenv ("PL_ICAL_DUMP"), text, -1, NULL);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_true (icalrestriction_check (calendar));
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    n_events++;
  g_assert_cmpuint (n_events, ==, 10);
  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (vtimezone);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "America/New_York");
  g_assert_null (icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT));

  /* September, in daylight time. */
  event = find_event (calendar, pl_meeting_get_id (meetings->pdata[0]));
  dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  tzid = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "America/New_York");
  start = icalproperty_get_dtstart (dtstart);
  g_assert_cmpint (start.hour, ==, 18);
  g_assert_cmpint (utc_hour (calendar, event), ==, 22);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Family Council");
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Riverside Library, 12 Oak St");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  {
    struct icaltimetype end = icalproperty_get_dtend (icalcomponent_get_first_property (event,
                                                                                      ICAL_DTEND_PROPERTY));
    g_assert_cmpint (end.hour, ==, 19);
    g_assert_cmpint (end.minute, ==, 30);
  }

  /* November, after daylight saving ended: still 6 pm there. */
  event = find_event (calendar, pl_meeting_get_id (meetings->pdata[2]));
  start = icalproperty_get_dtstart (icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY));
  g_assert_cmpint (start.day, ==, 10);
  g_assert_cmpint (start.hour, ==, 18);
  g_assert_cmpint (utc_hour (calendar, event), ==, 23);

  /* October: the agenda, what is offered, the link. */
  event = find_event (calendar, pl_meeting_get_id (october));
  g_assert_nonnull (strstr (icalcomponent_get_description (event),
                            "1. Welcome, introductions — Ana Garcia (10 minutes)"));
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "2. School budget (45 minutes)"));
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "Spanish"));
  g_assert_nonnull (strstr (icalcomponent_get_description (event), "Childcare"));
  g_assert_cmpstr (icalproperty_get_url (icalcomponent_get_first_property (event, ICAL_URL_PROPERTY)),
                   ==, "https://meet.example.org/riverside");

  /* December was cancelled. */
  event = find_event (calendar, pl_meeting_get_id (meetings->pdata[3]));
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
  icalcomponent_free (calendar);

  /* One meeting alone. */
  single = pl_store_export_council_ics (fixture->store, pl_council_get_id (fixture->council),
                                        pl_meeting_get_id (october), &error);
  g_assert_no_error (error);
  calendar = icalparser_parse_string (single);
  g_assert_true (icalrestriction_check (calendar));
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  icalcomponent_free (calendar);
}

static const char closures_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Springfield Public Schools//Calendar//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:thanksgiving-2026@sps\r\n"
  "DTSTAMP:20260801T120000Z\r\n"
  "DTSTART;VALUE=DATE:20261126\r\n"
  "DTEND;VALUE=DATE:20261128\r\n"
  "SUMMARY:Thanksgiving recess\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:mlk-2027@sps\r\n"
  "DTSTAMP:20260801T120000Z\r\n"
  "DTSTART;VALUE=DATE:20270118\r\n"
  "SUMMARY:Martin Luther King Jr. Day\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:early-2026@sps\r\n"
  "DTSTAMP:20260801T120000Z\r\n"
  "DTSTART;TZID=America/New_York:20261223T120000\r\n"
  "DTEND;TZID=America/New_York:20261223T130000\r\n"
  "SUMMARY:Early dismissal\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

/* The school calendar's closures come in as days; the early dismissal is
 * not a closure; importing twice adds nothing; a meeting on one is warned. */
static void
test_import_closures (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  guint skipped = 99, added = 0;

  closures = pl_ical_read_closures (closures_ics, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped, ==, 1);
  /* Thanksgiving Thursday and Friday (DTEND is the day after), and MLK Day. */
  g_assert_cmpuint (closures->len, ==, 3);
  g_assert_cmpstr (((PlSchoolClosure *) closures->pdata[0])->date, ==, "2026-11-26");
  g_assert_cmpstr (((PlSchoolClosure *) closures->pdata[1])->date, ==, "2026-11-27");
  g_assert_cmpstr (((PlSchoolClosure *) closures->pdata[1])->name, ==, "Thanksgiving recess");
  g_assert_cmpstr (((PlSchoolClosure *) closures->pdata[2])->date, ==, "2027-01-18");

  pl_store_add_closures (fixture->store, pl_school_get_id (fixture->school), closures, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);
  pl_store_add_closures (fixture->store, pl_school_get_id (fixture->school), closures, &added, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  stored = pl_store_list_closures (fixture->store, pl_school_get_id (fixture->school), "2026-09-01",
                                   "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (((PlSchoolClosure *) stored->pdata[0])->school_id, ==,
                   pl_school_get_id (fixture->school));
}

/* A malformed file is refused, naming the line or the property. */
static void
test_import_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *no_colon = NULL;
  g_autofree char *unbalanced = NULL;
  g_autofree char *no_start = NULL;

  g_assert_null (pl_ical_read_closures ("Name,Date\r\nThanksgiving,2026-11-26\r\n", NULL, &error));
  g_assert_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "Line 1"));
  g_clear_error (&error);

  no_colon = g_strdup (closures_ics);
  memcpy (strstr (no_colon, "SUMMARY:Martin"), "SUMMARY Martin", 14);
  g_assert_null (pl_ical_read_closures (no_colon, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Line 15"));
  g_clear_error (&error);

  unbalanced = g_strdup (closures_ics);
  memcpy (strstr (unbalanced, "END:VEVENT"), "END:VTODO ", 10);
  g_assert_null (pl_ical_read_closures (unbalanced, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Line 10"));
  g_clear_error (&error);

  /* An event with no start at all. */
  no_start = g_strdup (closures_ics);
  memcpy (strstr (no_start, "DTSTART;VALUE=DATE:20270118"), "X-START;VALUE=DATE:20270118", 27);
  g_assert_null (pl_ical_read_closures (no_start, NULL, &error));
  g_assert_nonnull (strstr (error->message, "DTSTART"));
  g_assert_nonnull (strstr (error->message, "Martin Luther King Jr. Day"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ical/export-round-trip", Fixture, NULL, fixture_setup, test_export_round_trip,
              fixture_teardown);
  g_test_add ("/ical/import-closures", Fixture, NULL, fixture_setup, test_import_closures,
              fixture_teardown);
  g_test_add_func ("/ical/import-errors", test_import_errors);
  return g_test_run ();
}
