/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-recurrence.h"

static GTimeZone *
new_york (void)
{
  GTimeZone *zone = g_time_zone_new_identifier ("America/New_York");

  g_assert_nonnull (zone);
  return zone;
}

static void
assert_local (GDateTime *when,
              int        year,
              int        month,
              int        day,
              int        hour,
              int        minute)
{
  g_assert_cmpint (g_date_time_get_year (when), ==, year);
  g_assert_cmpint (g_date_time_get_month (when), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (when), ==, day);
  g_assert_cmpint (g_date_time_get_hour (when), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (when), ==, minute);
}

static void
set (GDate *date,
     int    year,
     int    month,
     int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* The second Tuesday of each month through a school year, at 6 pm in New
 * York: the clock time stays at 6 pm when daylight saving ends in
 * November and starts in March, so the UTC time moves by an hour. */
static void
test_second_tuesday_across_dst (void)
{
  g_autoptr(GTimeZone) zone = new_york ();
  PlRepeatRule rule = { PL_REPEAT_MONTHLY_WEEKDAY, 1, G_DATE_TUESDAY, 2, 0 };
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GDateTime) utc_sep = NULL;
  g_autoptr(GDateTime) utc_nov = NULL;
  GDate first, until, closed;

  set (&first, 2026, 9, 1);
  set (&until, 2027, 6, 30);
  /* The January meeting falls in a closure and is left out. */
  set (&closed, 2027, 1, 12);
  meetings = pl_repeat_expand (&rule, &first, &until, 18, 0, zone, &closed, 1, 100);

  g_assert_cmpuint (meetings->len, ==, 9);
  assert_local (meetings->pdata[0], 2026, 9, 8, 18, 0);
  assert_local (meetings->pdata[1], 2026, 10, 13, 18, 0);
  assert_local (meetings->pdata[2], 2026, 11, 10, 18, 0);
  assert_local (meetings->pdata[3], 2026, 12, 8, 18, 0);
  assert_local (meetings->pdata[4], 2027, 2, 9, 18, 0);
  assert_local (meetings->pdata[5], 2027, 3, 9, 18, 0);
  assert_local (meetings->pdata[8], 2027, 6, 8, 18, 0);

  utc_sep = g_date_time_to_utc (meetings->pdata[0]);
  utc_nov = g_date_time_to_utc (meetings->pdata[2]);
  g_assert_cmpint (g_date_time_get_hour (utc_sep), ==, 22);  /* EDT, UTC−4 */
  g_assert_cmpint (g_date_time_get_hour (utc_nov), ==, 23);  /* EST, UTC−5 */
}

/* Month ends: the last day of each month, February included, and in a
 * leap year its 29th. */
static void
test_month_ends (void)
{
  g_autoptr(GTimeZone) zone = new_york ();
  PlRepeatRule last_day = { PL_REPEAT_MONTHLY_DAY, 1, G_DATE_BAD_WEEKDAY, 0, -1 };
  PlRepeatRule last_friday = { PL_REPEAT_MONTHLY_WEEKDAY, 1, G_DATE_FRIDAY, -1, 0 };
  PlRepeatRule bad = { PL_REPEAT_MONTHLY_DAY, 1, G_DATE_BAD_WEEKDAY, 0, 31 };
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) leap = NULL;
  g_autoptr(GPtrArray) fridays = NULL;
  g_autoptr(GError) error = NULL;
  GDate first, until;

  set (&first, 2027, 1, 1);
  set (&until, 2027, 4, 30);
  days = pl_repeat_expand (&last_day, &first, &until, 17, 30, zone, NULL, 0, 100);
  g_assert_cmpuint (days->len, ==, 4);
  assert_local (days->pdata[0], 2027, 1, 31, 17, 30);
  assert_local (days->pdata[1], 2027, 2, 28, 17, 30);
  assert_local (days->pdata[2], 2027, 3, 31, 17, 30);
  assert_local (days->pdata[3], 2027, 4, 30, 17, 30);

  set (&first, 2028, 2, 1);
  set (&until, 2028, 2, 29);
  leap = pl_repeat_expand (&last_day, &first, &until, 17, 30, zone, NULL, 0, 100);
  g_assert_cmpuint (leap->len, ==, 1);
  assert_local (leap->pdata[0], 2028, 2, 29, 17, 30);

  /* Last Friday: 2027-01-29, 02-26, 03-26, 04-30. */
  set (&first, 2027, 1, 1);
  set (&until, 2027, 4, 30);
  fridays = pl_repeat_expand (&last_friday, &first, &until, 9, 0, zone, NULL, 0, 100);
  g_assert_cmpuint (fridays->len, ==, 4);
  assert_local (fridays->pdata[0], 2027, 1, 29, 9, 0);
  assert_local (fridays->pdata[1], 2027, 2, 26, 9, 0);
  assert_local (fridays->pdata[3], 2027, 4, 30, 9, 0);

  /* The 31st is not offered: some months have none. */
  g_assert_false (pl_repeat_rule_validate (&bad, &error));
  g_assert_error (error, PL_RECURRENCE_ERROR, PL_RECURRENCE_ERROR_INVALID);
}

/* Every other Sunday at 2:30 am: on 2027-03-14 that time does not exist
 * in New York (clocks jump from 2:00 to 3:00); the meeting moves on by
 * the gap rather than vanishing. */
static void
test_weekly_and_spring_gap (void)
{
  g_autoptr(GTimeZone) zone = new_york ();
  PlRepeatRule rule = { PL_REPEAT_WEEKLY, 2, G_DATE_SUNDAY, 0, 0 };
  g_autoptr(GPtrArray) meetings = NULL;
  GDate first, until;

  set (&first, 2027, 2, 28);
  set (&until, 2027, 3, 31);
  meetings = pl_repeat_expand (&rule, &first, &until, 2, 30, zone, NULL, 0, 100);
  g_assert_cmpuint (meetings->len, ==, 3);
  assert_local (meetings->pdata[0], 2027, 2, 28, 2, 30);
  assert_local (meetings->pdata[1], 2027, 3, 14, 3, 30);
  assert_local (meetings->pdata[2], 2027, 3, 28, 2, 30);

  /* At most @max. */
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = pl_repeat_expand (&rule, &first, &until, 2, 30, zone, NULL, 0, 2);
  g_assert_cmpuint (meetings->len, ==, 2);
}

static void
test_rrule (void)
{
  PlRepeatRule rule = { PL_REPEAT_MONTHLY_WEEKDAY, 1, G_DATE_TUESDAY, 2, 0 };
  PlRepeatRule read;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *words = NULL;
  GDate until, read_until;

  set (&until, 2027, 6, 30);
  text = pl_repeat_rule_to_rrule (&rule, &until);
  g_assert_cmpstr (text, ==, "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU;UNTIL=20270630");
  g_assert_true (pl_repeat_rule_from_rrule (text, &read, &read_until, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read.kind, ==, rule.kind);
  g_assert_cmpint (read.week, ==, 2);
  g_assert_cmpint (read.weekday, ==, G_DATE_TUESDAY);
  g_assert_cmpint (g_date_compare (&read_until, &until), ==, 0);

  /* As another calendar writes it. */
  g_assert_true (pl_repeat_rule_from_rrule ("RRULE:FREQ=MONTHLY;BYDAY=-1FR;WKST=SU", &read,
                                            &read_until, &error));
  g_assert_cmpint (read.week, ==, -1);
  g_assert_cmpint (read.weekday, ==, G_DATE_FRIDAY);
  g_assert_false (g_date_valid (&read_until));

  g_assert_false (pl_repeat_rule_from_rrule ("FREQ=YEARLY;BYMONTH=3", &read, NULL, &error));
  g_assert_error (error, PL_RECURRENCE_ERROR, PL_RECURRENCE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "FREQ=YEARLY"));

  words = pl_repeat_rule_describe (&rule);
  g_assert_cmpstr (words, ==, "Second Tuesday of every month");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recurrence/second-tuesday-across-dst", test_second_tuesday_across_dst);
  g_test_add_func ("/recurrence/month-ends", test_month_ends);
  g_test_add_func ("/recurrence/weekly-and-spring-gap", test_weekly_and_spring_gap);
  g_test_add_func ("/recurrence/rrule", test_rrule);

  return g_test_run ();
}
