/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-store-councils.h"

G_BEGIN_DECLS

#define PL_ICAL_ERROR (pl_ical_error_quark ())

typedef enum
{
  PL_ICAL_ERROR_BAD_FILE,  /* not an iCalendar file, or malformed (the message names the line) */
  PL_ICAL_ERROR_FAILED,    /* the calendar could not be written */
} PlIcalError;

GQuark     pl_ical_error_quark        (void);

/* A council's meetings as an iCalendar file (RFC 5545, no METHOD, so it
 * imports as events rather than as an invitation) that GNOME Calendar, Outlook and Google Calendar import: one VEVENT per
 * meeting (UID = the meeting's id), start and end in the meeting's zone
 * with its VTIMEZONE, the title (or the council's name) as SUMMARY, the
 * location, the video link as URL, the agenda and what is offered
 * (interpretation, childcare, food) in DESCRIPTION, and STATUS:CANCELLED
 * for a cancelled one. @meetings is a GPtrArray of PlMeeting. */
char      *pl_ical_export_meetings    (PlCouncil   *council,
                                       GPtrArray   *meetings,
                                       GError     **error);

/* The same, read from the store: one meeting (@meeting_id), or the
 * council's whole schedule (@meeting_id NULL). */
char      *pl_store_export_council_ics (PlStore    *self,
                                       const char  *council_id,
                                       const char  *meeting_id,
                                       GError     **error);

/* The closures in a school calendar's .ics: each day of every all-day
 * VEVENT (a multi-day break gives each of its days), named by its
 * SUMMARY. Timed events (an early dismissal, a concert) are not closures
 * and are counted in *@n_skipped (may be NULL). A GPtrArray of
 * PlSchoolClosure with no school; a malformed file is refused with
 * PL_ICAL_ERROR_BAD_FILE naming the line or the property. */
GPtrArray *pl_ical_read_closures      (const char  *text,
                                       guint       *n_skipped,
                                       GError     **error);

G_END_DECLS
