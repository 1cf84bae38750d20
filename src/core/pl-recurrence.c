/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-recurrence.h"

G_DEFINE_QUARK (pl-recurrence-error-quark, pl_recurrence_error)

/* iCalendar's two-letter days, Monday first as GDateWeekday counts. */
static const char *const ical_days[] = { NULL, "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

gboolean
pl_repeat_rule_validate (const PlRepeatRule  *rule,
                         GError             **error)
{
  gboolean valid = rule->interval >= 1 && rule->interval <= 12;

  switch (rule->kind)
    {
    case PL_REPEAT_WEEKLY:
      valid &= g_date_valid_weekday (rule->weekday);
      break;
    case PL_REPEAT_MONTHLY_WEEKDAY:
      valid &= g_date_valid_weekday (rule->weekday) &&
               ((rule->week >= 1 && rule->week <= 4) || rule->week == -1);
      break;
    case PL_REPEAT_MONTHLY_DAY:
      valid &= (rule->day >= 1 && rule->day <= 28) || rule->day == -1;
      break;
    default:
      valid = FALSE;
    }
  if (!valid)
    g_set_error_literal (error, PL_RECURRENCE_ERROR, PL_RECURRENCE_ERROR_INVALID,
                         _("Meetings can repeat every 1 to 12 weeks on a weekday, or monthly on "
                           "a weekday (first to fourth, or last) or a day (1 to 28, or the last)"));
  return valid;
}

char *
pl_repeat_rule_to_rrule (const PlRepeatRule *rule,
                         const GDate        *until)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (pl_repeat_rule_validate (rule, NULL), NULL);

  switch (rule->kind)
    {
    case PL_REPEAT_WEEKLY:
      g_string_append_printf (text, "FREQ=WEEKLY;INTERVAL=%u;BYDAY=%s", rule->interval,
                              ical_days[rule->weekday]);
      break;
    case PL_REPEAT_MONTHLY_WEEKDAY:
      g_string_append_printf (text, "FREQ=MONTHLY;INTERVAL=%u;BYDAY=%d%s", rule->interval,
                              rule->week, ical_days[rule->weekday]);
      break;
    case PL_REPEAT_MONTHLY_DAY:
    default:
      g_string_append_printf (text, "FREQ=MONTHLY;INTERVAL=%u;BYMONTHDAY=%d", rule->interval,
                              rule->day);
      break;
    }
  /* A date UNTIL is inclusive of that whole local day. */
  if (until != NULL && g_date_valid (until))
    g_string_append_printf (text, ";UNTIL=%04u%02u%02u", g_date_get_year (until),
                            g_date_get_month (until), g_date_get_day (until));
  return g_string_free (text, FALSE);
}

static GDateWeekday
weekday_from_ical (const char *text)
{
  for (guint i = 1; i < G_N_ELEMENTS (ical_days); i++)
    if (g_ascii_strcasecmp (text, ical_days[i]) == 0)
      return i;
  return G_DATE_BAD_WEEKDAY;
}

static gboolean
bad_rule (const char  *rrule,
          GError     **error)
{
  g_set_error (error, PL_RECURRENCE_ERROR, PL_RECURRENCE_ERROR_INVALID,
               /* Translators: %s is a calendar repeat rule such as FREQ=YEARLY */
               _("Porchlight cannot repeat meetings by the rule “%s”"), rrule);
  return FALSE;
}

gboolean
pl_repeat_rule_from_rrule (const char    *rrule,
                           PlRepeatRule  *rule,
                           GDate         *until,
                           GError       **error)
{
  g_auto(GStrv) parts = NULL;
  const char *freq = NULL, *byday = NULL, *bymonthday = NULL;
  guint64 interval = 1;

  memset (rule, 0, sizeof *rule);
  if (until)
    g_date_clear (until, 1);
  if (rrule == NULL)
    return bad_rule ("", error);
  if (g_str_has_prefix (rrule, "RRULE:"))
    rrule += strlen ("RRULE:");

  parts = g_strsplit (rrule, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *value = strchr (parts[i], '=');

      if (value == NULL)
        {
          if (*parts[i] == '\0')
            continue;
          return bad_rule (rrule, error);
        }
      *value++ = '\0';
      if (g_ascii_strcasecmp (parts[i], "FREQ") == 0)
        freq = value;
      else if (g_ascii_strcasecmp (parts[i], "INTERVAL") == 0)
        interval = g_ascii_strtoull (value, NULL, 10);
      else if (g_ascii_strcasecmp (parts[i], "BYDAY") == 0)
        byday = value;
      else if (g_ascii_strcasecmp (parts[i], "BYMONTHDAY") == 0)
        bymonthday = value;
      else if (g_ascii_strcasecmp (parts[i], "UNTIL") == 0)
        {
          guint y, m, d;

          if (strlen (value) < 8 || sscanf (value, "%4u%2u%2u", &y, &m, &d) != 3 ||
              !g_date_valid_dmy (d, m, y))
            return bad_rule (rrule, error);
          if (until)
            g_date_set_dmy (until, d, m, y);
        }
      else if (g_ascii_strcasecmp (parts[i], "WKST") != 0)
        return bad_rule (rrule, error);
    }

  rule->interval = interval;
  if (freq != NULL && g_ascii_strcasecmp (freq, "WEEKLY") == 0 && byday != NULL && bymonthday == NULL)
    {
      rule->kind = PL_REPEAT_WEEKLY;
      rule->weekday = weekday_from_ical (byday);
    }
  else if (freq != NULL && g_ascii_strcasecmp (freq, "MONTHLY") == 0 && byday != NULL &&
           bymonthday == NULL)
    {
      char *end = NULL;
      long week = strtol (byday, &end, 10);

      rule->kind = PL_REPEAT_MONTHLY_WEEKDAY;
      rule->week = end != byday ? (int) week : 0;
      rule->weekday = end != NULL ? weekday_from_ical (end) : G_DATE_BAD_WEEKDAY;
    }
  else if (freq != NULL && g_ascii_strcasecmp (freq, "MONTHLY") == 0 && bymonthday != NULL &&
           byday == NULL)
    {
      char *end = NULL;

      rule->kind = PL_REPEAT_MONTHLY_DAY;
      rule->day = (int) strtol (bymonthday, &end, 10);
      if (end == bymonthday || *end != '\0')
        return bad_rule (rrule, error);
    }
  else
    return bad_rule (rrule, error);

  if (!pl_repeat_rule_validate (rule, NULL))
    return bad_rule (rrule, error);
  return TRUE;
}

/* The weekday's name in the person's language. */
static char *
weekday_name (GDateWeekday weekday)
{
  /* 2024-01-01 was a Monday. */
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);

  return g_date_time_format (day, "%A");
}

char *
pl_repeat_rule_describe (const PlRepeatRule *rule)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (pl_repeat_rule_validate (rule, NULL), NULL);

  switch (rule->kind)
    {
    case PL_REPEAT_WEEKLY:
      name = weekday_name (rule->weekday);
      /* Translators: %s is a weekday; %u a number of weeks */
      return g_strdup_printf (ngettext ("Every week on %s", "Every %2$u weeks on %1$s",
                                        rule->interval), name, rule->interval);
    case PL_REPEAT_MONTHLY_WEEKDAY:
      name = weekday_name (rule->weekday);
      switch (rule->week)
        {
        case 1:
          /* Translators: %s is a weekday ("First Tuesday of every month") */
          return g_strdup_printf (ngettext ("First %s of every month", "First %1$s of every %2$u months",
                                            rule->interval), name, rule->interval);
        case 2:
          return g_strdup_printf (ngettext ("Second %s of every month", "Second %1$s of every %2$u months",
                                            rule->interval), name, rule->interval);
        case 3:
          return g_strdup_printf (ngettext ("Third %s of every month", "Third %1$s of every %2$u months",
                                            rule->interval), name, rule->interval);
        case 4:
          return g_strdup_printf (ngettext ("Fourth %s of every month", "Fourth %1$s of every %2$u months",
                                            rule->interval), name, rule->interval);
        default:
          return g_strdup_printf (ngettext ("Last %s of every month", "Last %1$s of every %2$u months",
                                            rule->interval), name, rule->interval);
        }
    case PL_REPEAT_MONTHLY_DAY:
    default:
      if (rule->day == -1)
        return g_strdup_printf (ngettext ("Last day of every month", "Last day of every %u months",
                                          rule->interval), rule->interval);
      /* Translators: %d is a day of the month */
      return g_strdup_printf (ngettext ("Day %1$d of every month", "Day %1$d of every %2$u months",
                                        rule->interval), rule->day, rule->interval);
    }
}

/* The date of the rule's meeting in a month, or an invalid date. */
static void
date_in_month (const PlRepeatRule *rule,
               GDateYear           year,
               GDateMonth          month,
               GDate              *date)
{
  guint8 days = g_date_get_days_in_month (month, year);

  g_date_clear (date, 1);
  if (rule->kind == PL_REPEAT_MONTHLY_DAY)
    {
      g_date_set_dmy (date, rule->day == -1 ? days : (GDateDay) rule->day, month, year);
      return;
    }
  if (rule->week == -1)
    {
      g_date_set_dmy (date, days, month, year);
      while (g_date_get_weekday (date) != rule->weekday)
        g_date_subtract_days (date, 1);
    }
  else
    {
      g_date_set_dmy (date, 1, month, year);
      while (g_date_get_weekday (date) != rule->weekday)
        g_date_add_days (date, 1);
      g_date_add_days (date, 7 * (rule->week - 1));
    }
}

/* @hour:@minute on @date in @zone; a time the clocks skip that day moves
 * on by the gap (2:30 on the morning clocks jump from 2:00 to 3:00 is
 * 3:30), as calendars do. */
static GDateTime *
local_time (GTimeZone   *zone,
            const GDate *date,
            int          hour,
            int          minute)
{
  GDateTime *when = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                     g_date_get_day (date), hour, minute, 0);
  GDateTime *midnight;

  if (when != NULL && g_date_time_get_hour (when) == hour &&
      g_date_time_get_minute (when) == minute)
    return when;
  g_clear_pointer (&when, g_date_time_unref);
  /* Counted from midnight in elapsed time, the skipped hour is passed over. */
  midnight = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 0, 0, 0);
  when = g_date_time_add_minutes (midnight, hour * 60 + minute);
  g_date_time_unref (midnight);
  return when;
}

static gboolean
is_exception (const GDate *date,
              const GDate *exceptions,
              guint        n_exceptions)
{
  for (guint i = 0; i < n_exceptions; i++)
    if (g_date_valid (&exceptions[i]) && g_date_compare (date, &exceptions[i]) == 0)
      return TRUE;
  return FALSE;
}

GPtrArray *
pl_repeat_expand (const PlRepeatRule *rule,
                  const GDate        *first,
                  const GDate        *until,
                  int                 hour,
                  int                 minute,
                  GTimeZone          *zone,
                  const GDate        *exceptions,
                  guint               n_exceptions,
                  guint               max)
{
  GPtrArray *meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  GDate date;

  g_return_val_if_fail (pl_repeat_rule_validate (rule, NULL), meetings);
  g_return_val_if_fail (first != NULL && g_date_valid (first), meetings);
  g_return_val_if_fail (until != NULL && g_date_valid (until), meetings);

#define ADD_IF_KEPT(d) \
  G_STMT_START { \
    if (g_date_compare (&(d), first) >= 0 && g_date_compare (&(d), until) <= 0 && \
        !is_exception (&(d), exceptions, n_exceptions)) \
      g_ptr_array_add (meetings, local_time (zone, &(d), hour, minute)); \
  } G_STMT_END

  if (rule->kind == PL_REPEAT_WEEKLY)
    {
      date = *first;
      while (g_date_get_weekday (&date) != rule->weekday)
        g_date_add_days (&date, 1);
      while (g_date_compare (&date, until) <= 0 && meetings->len < max)
        {
          ADD_IF_KEPT (date);
          g_date_add_days (&date, 7 * rule->interval);
        }
    }
  else
    {
      GDateYear year = g_date_get_year (first);
      GDateMonth month = g_date_get_month (first);

      /* Months from the first one, every interval months, while the
       * month has not passed the last day. */
      while (meetings->len < max &&
             (year < g_date_get_year (until) ||
              (year == g_date_get_year (until) && month <= g_date_get_month (until))))
        {
          date_in_month (rule, year, month, &date);
          if (g_date_valid (&date))
            ADD_IF_KEPT (date);
          for (guint step = 0; step < rule->interval; step++)
            {
              if (month == G_DATE_DECEMBER)
                {
                  month = G_DATE_JANUARY;
                  year++;
                }
              else
                month++;
            }
        }
    }
#undef ADD_IF_KEPT
  return meetings;
}
