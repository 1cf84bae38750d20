/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a council's meetings repeat: the patterns councils use, each one an
 * iCalendar RRULE that calendars read the same way.
 *
 * - WEEKLY: every @interval weeks on @weekday ("FREQ=WEEKLY;BYDAY=TU").
 * - MONTHLY_WEEKDAY: the @week-th @weekday of every @interval months, or
 *   the last one when @week is -1 ("FREQ=MONTHLY;BYDAY=2TU", "BYDAY=-1FR").
 * - MONTHLY_DAY: day @day (1–28) of every @interval months, or the last day
 *   of the month when @day is -1 ("BYMONTHDAY=-1"); days 29–31 are not
 *   offered, since some months lack them.
 *
 * Meetings keep their local time of day in the council's time zone: a
 * 6 pm meeting stays at 6 pm on both sides of a daylight-saving change. */
typedef enum
{
  PL_REPEAT_WEEKLY,
  PL_REPEAT_MONTHLY_WEEKDAY,
  PL_REPEAT_MONTHLY_DAY,
} PlRepeatKind;

typedef struct
{
  PlRepeatKind  kind;
  guint         interval;  /* 1 or more */
  GDateWeekday  weekday;   /* WEEKLY, MONTHLY_WEEKDAY */
  int           week;      /* MONTHLY_WEEKDAY: 1–4, or -1 for the last */
  int           day;       /* MONTHLY_DAY: 1–28, or -1 for the last day */
} PlRepeatRule;

#define PL_RECURRENCE_ERROR (pl_recurrence_error_quark ())

typedef enum
{
  PL_RECURRENCE_ERROR_INVALID,  /* a rule Porchlight does not offer, or not a rule */
} PlRecurrenceError;

GQuark    pl_recurrence_error_quark (void);

gboolean  pl_repeat_rule_validate   (const PlRepeatRule  *rule,
                                     GError             **error);

/* The RRULE value (without "RRULE:"), ending on @until (a local date,
 * inclusive; NULL for none). */
char     *pl_repeat_rule_to_rrule   (const PlRepeatRule  *rule,
                                     const GDate         *until);
/* Reads an RRULE value of one of the patterns above (as written by
 * pl_repeat_rule_to_rrule() or a calendar). @until is cleared when the
 * rule has none. */
gboolean  pl_repeat_rule_from_rrule (const char          *rrule,
                                     PlRepeatRule        *rule,
                                     GDate               *until,
                                     GError             **error);
/* The rule in words, translated: "Every week on Tuesday", "Second Tuesday
 * of every month", "Last day of every 2 months", … */
char     *pl_repeat_rule_describe   (const PlRepeatRule  *rule);

/* The meetings of a series: each local date from @first (which need not
 * match the rule: the first date on or after it that does is used) to
 * @until inclusive, at @hour:@minute in @zone, leaving out @exceptions
 * (local dates, n_exceptions of them) and stopping after @max. A
 * GPtrArray of GDateTime in @zone. A local time that does not exist on a
 * day (skipped by a daylight-saving change) moves forward by the gap. */
GPtrArray *pl_repeat_expand         (const PlRepeatRule  *rule,
                                     const GDate         *first,
                                     const GDate         *until,
                                     int                  hour,
                                     int                  minute,
                                     GTimeZone           *zone,
                                     const GDate         *exceptions,
                                     guint                n_exceptions,
                                     guint                max);

G_END_DECLS
