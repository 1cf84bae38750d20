/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "pl-council-private.h"
#include "pl-ical.h"
#include "pl-languages.h"

G_DEFINE_QUARK (pl-ical-error-quark, pl_ical_error)

/* A multi-day closure longer than this is more likely a mistake (a whole
 * term marked all-day) than a break. */
#define MAX_CLOSURE_DAYS 31

static struct icaltimetype
local_ical_time (GDateTime *when)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = g_date_time_get_year (when);
  t.month = g_date_time_get_month (when);
  t.day = g_date_time_get_day_of_month (when);
  t.hour = g_date_time_get_hour (when);
  t.minute = g_date_time_get_minute (when);
  t.second = g_date_time_get_second (when);
  t.is_date = 0;
  return t;
}

/* When an observance (STANDARD or DAYLIGHT) stops applying: its RRULE's
 * UNTIL, its last RDATE or its DTSTART; far in the future for a rule
 * without end. Seconds since 1970, local to the zone but only compared. */
static time_t
observance_end (icalcomponent *observance)
{
  icalproperty *rrule = icalcomponent_get_first_property (observance, ICAL_RRULE_PROPERTY);
  icalproperty *rdate;
  struct icaltimetype end = icalcomponent_get_dtstart (observance);

  if (rrule != NULL)
    {
      struct icalrecurrencetype recurrence = icalproperty_get_rrule (rrule);

      if (icaltime_is_null_time (recurrence.until) && recurrence.count == 0)
        return G_MAXINT32;
      if (!icaltime_is_null_time (recurrence.until))
        end = recurrence.until;
      else
        return G_MAXINT32;
    }
  for (rdate = icalcomponent_get_first_property (observance, ICAL_RDATE_PROPERTY); rdate != NULL;
       rdate = icalcomponent_get_next_property (observance, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype period = icalproperty_get_rdate (rdate);

      if (icaltime_compare (period.time, end) > 0)
        end = period.time;
    }
  return icaltime_as_timet (end);
}

/* Leaves out the observances that ended before @since (the zone's history
 * back to 1883), keeping the last of them, which says the offset at
 * @since. Calendars read the short zone faster, and Outlook refuses
 * offsets in seconds that only the oldest ones have. */
static void
trim_vtimezone (icalcomponent *vtimezone,
                time_t         since)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new ();
  icalcomponent *latest_old = NULL;
  time_t latest_end = 0;

  for (icalcomponent *observance = icalcomponent_get_first_component (vtimezone, ICAL_ANY_COMPONENT);
       observance != NULL;
       observance = icalcomponent_get_next_component (vtimezone, ICAL_ANY_COMPONENT))
    {
      time_t end = observance_end (observance);

      if (end >= since)
        continue;
      g_ptr_array_add (old, observance);
      if (latest_old == NULL || end > latest_end)
        {
          latest_old = observance;
          latest_end = end;
        }
    }
  for (guint i = 0; i < old->len; i++)
    if (old->pdata[i] != latest_old)
      {
        icalcomponent_remove_component (vtimezone, old->pdata[i]);
        icalcomponent_free (old->pdata[i]);
      }
}

/* The zone's VTIMEZONE under its plain IANA name: libical names system
 * zones with a private prefix that Outlook and Google do not match. */
static icalcomponent *
vtimezone_for (const char  *location,
               time_t       since,
               GError     **error)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (location);
  icalcomponent *component;
  icalproperty *tzid;

  if (zone == NULL || icaltimezone_get_component (zone) == NULL)
    {
      g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_FAILED,
                   _("The time zone “%s” cannot be written to a calendar file"), location);
      return NULL;
    }
  component = icalcomponent_new_clone (icaltimezone_get_component (zone));
  trim_vtimezone (component, since);
  tzid = icalcomponent_get_first_property (component, ICAL_TZID_PROPERTY);
  if (tzid != NULL)
    icalproperty_set_tzid (tzid, location);
  else
    icalcomponent_add_property (component, icalproperty_new_tzid (location));
  return component;
}

static icalproperty *
zoned_time_property (icalproperty *property,
                     const char   *location)
{
  icalproperty_add_parameter (property, icalparameter_new_tzid (location));
  return property;
}

/* The agenda and what is offered, in the organizer's language. */
static char *
describe_meeting (PlMeeting *meeting)
{
  GString *text = g_string_new (NULL);
  const char *const *languages = pl_meeting_get_interpretation_languages (meeting);

  if (pl_meeting_get_n_agenda_items (meeting) > 0)
    {
      g_string_append (text, _("Agenda:"));
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < pl_meeting_get_n_agenda_items (meeting); i++)
    {
      const PlAgendaItem *item = pl_meeting_get_agenda_item (meeting, i);

      g_string_append_printf (text, "%u. %s", i + 1, item->title);
      if (item->presenter != NULL)
        g_string_append_printf (text, " — %s", item->presenter);
      if (item->minutes > 0)
        {
          g_string_append (text, " (");
          g_string_append_printf (text, ngettext ("%u minute", "%u minutes", item->minutes),
                                  item->minutes);
          g_string_append_c (text, ')');
        }
      g_string_append_c (text, '\n');
    }
  if (languages[0] != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; languages[i] != NULL; i++)
        g_ptr_array_add (names, (gpointer) pl_language_get_name (languages[i]));
      g_ptr_array_add (names, NULL);
      {
        g_autofree char *joined = g_strjoinv (", ", (char **) names->pdata);

        g_string_append_printf (text, _("Interpretation: %s"), joined);
        g_string_append_c (text, '\n');
      }
    }
  if (pl_meeting_get_childcare (meeting))
    {
      g_string_append (text, _("Childcare is provided."));
      g_string_append_c (text, '\n');
    }
  if (pl_meeting_get_food (meeting))
    {
      g_string_append (text, _("Food is served."));
      g_string_append_c (text, '\n');
    }
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, text->len == 0);
}

char *
pl_ical_export_meetings (PlCouncil  *council,
                         GPtrArray  *meetings,
                         GError    **error)
{
  icalcomponent *calendar;
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  struct icaltimetype stamp = local_ical_time (now);
  gint64 earliest = G_MAXINT64;
  char *text;

  g_return_val_if_fail (PL_IS_COUNCIL (council), NULL);
  g_return_val_if_fail (meetings != NULL, NULL);

  stamp.zone = icaltimezone_get_utc_timezone ();
  for (guint i = 0; i < meetings->len; i++)
    {
      g_autoptr(GDateTime) start = pl_meeting_get_start (meetings->pdata[i]);

      if (start != NULL)
        earliest = MIN (earliest, g_date_time_to_unix (start));
    }
  /* A year of margin: a calendar may show the weeks before. */
  earliest -= 366 * 24 * 3600;
  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Springfield Empowerment Zone//Porchlight//EN"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  (void *) 0);
  icalcomponent_add_property (calendar, icalproperty_new_x (pl_council_get_name (council)));
  icalproperty_set_x_name (icalcomponent_get_first_property (calendar, ICAL_X_PROPERTY),
                           "X-WR-CALNAME");

  for (guint i = 0; i < meetings->len; i++)
    {
      PlMeeting *meeting = meetings->pdata[i];
      const char *location = pl_meeting_get_timezone (meeting);
      g_autoptr(GDateTime) start = pl_meeting_get_start (meeting);
      g_autoptr(GDateTime) end = pl_meeting_get_end (meeting);
      g_autofree char *description = describe_meeting (meeting);
      icalcomponent *event;
      gboolean seen = FALSE;

      if (start == NULL)
        continue;
      for (guint z = 0; z < zones->len && !seen; z++)
        seen = g_str_equal (zones->pdata[z], location);
      if (!seen)
        {
          icalcomponent *vtimezone = vtimezone_for (location, (time_t) earliest, error);

          if (vtimezone == NULL)
            {
              icalcomponent_free (calendar);
              return NULL;
            }
          icalcomponent_add_component (calendar, vtimezone);
          g_ptr_array_add (zones, g_strdup (location));
        }

      event = icalcomponent_new (ICAL_VEVENT_COMPONENT);
      icalcomponent_add_property (event, icalproperty_new_uid (pl_meeting_get_id (meeting)));
      icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
      icalcomponent_add_property (event, zoned_time_property (icalproperty_new_dtstart (local_ical_time (start)),
                                                              location));
      if (end != NULL)
        icalcomponent_add_property (event, zoned_time_property (icalproperty_new_dtend (local_ical_time (end)),
                                                                location));
      icalcomponent_add_property (event,
                                  icalproperty_new_summary (pl_meeting_get_title (meeting) != NULL
                                                            ? pl_meeting_get_title (meeting)
                                                            : pl_council_get_name (council)));
      if (pl_meeting_get_location (meeting) != NULL)
        icalcomponent_add_property (event, icalproperty_new_location (pl_meeting_get_location (meeting)));
      else if (pl_meeting_get_video_link (meeting) != NULL)
        /* Calendars show the location; a link there can be clicked. */
        icalcomponent_add_property (event, icalproperty_new_location (pl_meeting_get_video_link (meeting)));
      if (pl_meeting_get_video_link (meeting) != NULL)
        icalcomponent_add_property (event, icalproperty_new_url (pl_meeting_get_video_link (meeting)));
      if (description != NULL)
        icalcomponent_add_property (event, icalproperty_new_description (description));
      icalcomponent_add_property (event,
                                  icalproperty_new_status (g_strcmp0 (pl_meeting_get_status (meeting),
                                                                      "cancelled") == 0
                                                           ? ICAL_STATUS_CANCELLED
                                                           : ICAL_STATUS_CONFIRMED));
      icalcomponent_add_component (calendar, event);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  if (text == NULL)
    {
      g_set_error_literal (error, PL_ICAL_ERROR, PL_ICAL_ERROR_FAILED,
                           _("The calendar file could not be written"));
      return NULL;
    }
  {
    /* libical's memory is its own; hand back GLib's. */
    char *copy = g_strdup (text);

    icalmemory_free_buffer (text);
    return copy;
  }
}

char *
pl_store_export_council_ics (PlStore     *self,
                             const char  *council_id,
                             const char  *meeting_id,
                             GError     **error)
{
  g_autoptr(PlCouncil) council = NULL;
  g_autoptr(GPtrArray) meetings = NULL;

  g_return_val_if_fail (PL_IS_STORE (self), NULL);

  council = pl_store_load_council (self, council_id, error);
  if (council == NULL)
    return NULL;
  if (meeting_id != NULL)
    {
      PlMeeting *meeting = pl_store_load_meeting (self, meeting_id, error);

      if (meeting == NULL)
        return NULL;
      meetings = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (meetings, meeting);
    }
  else
    {
      meetings = pl_store_list_meetings (self, council_id, NULL, NULL, error);
      if (meetings == NULL)
        return NULL;
    }
  return pl_ical_export_meetings (council, meetings, error);
}

/* Reading */

/* Checks the file's lines before libical reads it, which skips or
 * guesses at what it cannot parse: every unfolded line is NAME:value (or
 * NAME;params:value), and BEGIN and END pair up. */
static gboolean
check_lines (const char  *text,
             GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  gboolean first = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize length = strlen (line);
      const char *colon;

      if (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';
      if (length == 0 || line[0] == ' ' || line[0] == '\t')
        continue;  /* blank, or a folded line's continuation */
      if (first && g_ascii_strncasecmp (line, "BEGIN:VCALENDAR", 15) != 0)
        {
          g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                       _("Line %u: a calendar file starts with BEGIN:VCALENDAR"), i + 1);
          return FALSE;
        }
      first = FALSE;
      colon = strchr (line, ':');
      if (colon == NULL || colon == line || line[0] == ';')
        {
          g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                       _("Line %u is not a calendar property (NAME:value): “%.40s”"), i + 1, line);
          return FALSE;
        }
      if (g_ascii_strncasecmp (line, "BEGIN:", 6) == 0)
        g_ptr_array_add (open, g_ascii_strup (line + 6, -1));
      else if (g_ascii_strncasecmp (line, "END:", 4) == 0)
        {
          g_autofree char *name = g_ascii_strup (line + 4, -1);

          if (open->len == 0 || !g_str_equal (open->pdata[open->len - 1], name))
            {
              g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                           _("Line %u: END:%s does not close the %s begun before it"), i + 1,
                           line + 4, open->len > 0 ? (char *) open->pdata[open->len - 1] : "");
              return FALSE;
            }
          g_ptr_array_remove_index (open, open->len - 1);
        }
    }
  if (first)
    {
      g_set_error_literal (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                           _("The calendar file is empty"));
      return FALSE;
    }
  if (open->len > 0)
    {
      g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                   _("The file ends before END:%s"), (char *) open->pdata[open->len - 1]);
      return FALSE;
    }
  return TRUE;
}

/* Which event, for a message: its SUMMARY, else its UID. */
static const char *
event_name (icalcomponent *event)
{
  const char *summary = icalcomponent_get_summary (event);

  if (summary != NULL && *summary != '\0')
    return summary;
  summary = icalcomponent_get_uid (event);
  return summary != NULL ? summary : "?";
}

GPtrArray *
pl_ical_read_closures (const char  *text,
                       guint       *n_skipped,
                       GError     **error)
{
  g_autoptr(GPtrArray) closures =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pl_school_closure_free);
  g_autofree char *copy = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  guint skipped = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                           _("The calendar file is not UTF-8 text"));
      return NULL;
    }
  copy = g_strdup (text);
  if (!check_lines (copy, error))
    return NULL;
  calendar = icalparser_parse_string (text);
  if (calendar == NULL || icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    {
      if (calendar != NULL)
        icalcomponent_free (calendar);
      g_set_error_literal (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                           _("The file is not an iCalendar (.ics) calendar"));
      return NULL;
    }

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
      icalproperty *dtend = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
      icalproperty *parse_error = icalcomponent_get_first_property (event, ICAL_XLICERROR_PROPERTY);
      struct icaltimetype start, end;
      GDate day, last;
      guint n_days = 0;

      if (parse_error != NULL)
        {
          g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                       _("The event “%s” has a property that cannot be read: %s"),
                       event_name (event), icalproperty_get_xlicerror (parse_error));
          goto failed;
        }
      if (dtstart == NULL)
        {
          g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                       _("The event “%s” has no DTSTART"), event_name (event));
          goto failed;
        }
      start = icalproperty_get_dtstart (dtstart);
      if (icaltime_is_null_time (start) || !g_date_valid_dmy (start.day, start.month, start.year))
        {
          g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                       _("The DTSTART of the event “%s” is not a date"), event_name (event));
          goto failed;
        }
      if (!start.is_date)
        {
          skipped++;
          continue;
        }
      if (g_strcmp0 (icalproperty_get_value_as_string (icalcomponent_get_first_property (event, ICAL_STATUS_PROPERTY)),
                     "CANCELLED") == 0)
        continue;
      g_date_clear (&day, 1);
      g_date_set_dmy (&day, start.day, start.month, start.year);
      last = day;
      if (dtend != NULL)
        {
          end = icalproperty_get_dtend (dtend);
          if (icaltime_is_null_time (end) || !end.is_date ||
              !g_date_valid_dmy (end.day, end.month, end.year))
            {
              g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                           _("The DTEND of the all-day event “%s” is not a date"),
                           event_name (event));
              goto failed;
            }
          /* DTEND is the day after an all-day event. */
          g_date_set_dmy (&last, end.day, end.month, end.year);
          g_date_subtract_days (&last, 1);
          if (g_date_compare (&last, &day) < 0)
            last = day;
        }
      for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
        {
          PlSchoolClosure *closure;

          if (++n_days > MAX_CLOSURE_DAYS)
            {
              g_set_error (error, PL_ICAL_ERROR, PL_ICAL_ERROR_BAD_FILE,
                           _("The event “%s” lasts more than %u days; a closure that long is not imported"),
                           event_name (event), MAX_CLOSURE_DAYS);
              goto failed;
            }
          closure = g_new0 (PlSchoolClosure, 1);
          closure->date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&day),
                                           g_date_get_month (&day), g_date_get_day (&day));
          closure->name = icalcomponent_get_summary (event) != NULL
                          ? g_strdup (icalcomponent_get_summary (event)) : NULL;
          g_ptr_array_add (closures, closure);
        }
    }
  icalcomponent_free (calendar);
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return g_steal_pointer (&closures);

failed:
  icalcomponent_free (calendar);
  return NULL;
}
