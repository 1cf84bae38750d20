/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pl-recurrence.h"

G_BEGIN_DECLS

#define PL_COUNCIL_ERROR (pl_council_error_quark ())

/* Failures of councils, members, meetings, attendance and action items;
 * every message names the field or value concerned. */
typedef enum
{
  PL_COUNCIL_ERROR_INVALID,    /* a field a person can fix: a bad date, role, status, … */
  PL_COUNCIL_ERROR_NOT_FOUND,  /* the council, meeting, guardian or member is gone */
} PlCouncilError;

GQuark      pl_council_error_quark           (void);

/* The zone a council meets in when none is set. */
#define PL_COUNCIL_DEFAULT_TIMEZONE "America/New_York"

#define PL_TYPE_COUNCIL (pl_council_get_type ())
G_DECLARE_FINAL_TYPE (PlCouncil, pl_council, PL, COUNCIL, GObject)

/* A family empowerment council of one school (a school may have several):
 * its name and purpose, how its meetings usually repeat (an iCalendar
 * RRULE value, see pl-recurrence.h; NULL when it has no pattern), the
 * languages its members need (codes, e.g. "es", "vi") and the time zone
 * (an IANA identifier) its meetings keep their clock time in. A plain
 * record: the store validates and saves it. */
PlCouncil  *pl_council_new                   (const char *school_id);
PlCouncil  *pl_council_copy                  (PlCouncil  *self);

const char *pl_council_get_id                (PlCouncil  *self);
const char *pl_council_get_school_id         (PlCouncil  *self);
const char *pl_council_get_name              (PlCouncil  *self);
void        pl_council_set_name              (PlCouncil  *self, const char *value);
const char *pl_council_get_purpose           (PlCouncil  *self);
void        pl_council_set_purpose           (PlCouncil  *self, const char *value);
const char *pl_council_get_meeting_pattern   (PlCouncil  *self);
void        pl_council_set_meeting_pattern   (PlCouncil  *self, const char *rrule);
/* Sets the pattern from a rule (no end date). */
void        pl_council_set_repeat_rule       (PlCouncil  *self, const PlRepeatRule *rule);
/* Reads the pattern back; FALSE (and no error) when there is none. */
gboolean    pl_council_get_repeat_rule       (PlCouncil  *self,
                                              PlRepeatRule *rule,
                                              GError    **error);
/* The pattern in words ("Second Tuesday of every month"), translated, or
 * NULL when there is none or it cannot be read. */
char       *pl_council_describe_pattern      (PlCouncil  *self);
/* NULL-terminated, never NULL. */
const char *const *pl_council_get_languages  (PlCouncil  *self);
void        pl_council_set_languages         (PlCouncil  *self, const char *const *languages);
const char *pl_council_get_timezone          (PlCouncil  *self);
/* NULL restores the default zone. */
void        pl_council_set_timezone          (PlCouncil  *self, const char *zone);

/* Checks what a person typed: a name, a pattern Porchlight can read, a
 * time zone the system knows. */
gboolean    pl_council_validate              (PlCouncil  *self,
                                              GError    **error);

G_END_DECLS
