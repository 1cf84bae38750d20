/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One item of a meeting's agenda. */
typedef struct
{
  char *title;
  char *presenter;   /* NULL when nobody is named */
  guint minutes;     /* time allotted; 0 when not set */
} PlAgendaItem;

#define PL_TYPE_MEETING (pl_meeting_get_type ())
G_DECLARE_FINAL_TYPE (PlMeeting, pl_meeting, PL, MEETING, GObject)

/* A council meeting. Its start and end are stored in UTC
 * ("YYYY-MM-DDTHH:MM:SSZ") with the zone it is held in, so it shows at
 * the same clock time everywhere it is read. It is held at a "location"
 * or by "video-link" (or both), with an agenda, the languages to
 * interpret into, childcare and food, and a "status": "scheduled",
 * "held", "cancelled" or "moved" (an occurrence of a series held at
 * another time). After it: minutes and decisions.
 *
 * A meeting made from a repeating series keeps the series' id, its RRULE
 * and the start it had in the series ("original-start", UTC), which is
 * how calendars recognise an occurrence that was moved. */
PlMeeting  *pl_meeting_new                   (const char *council_id);
PlMeeting  *pl_meeting_copy                  (PlMeeting  *self);

const char *pl_meeting_get_id                (PlMeeting  *self);
const char *pl_meeting_get_council_id        (PlMeeting  *self);
const char *pl_meeting_get_title             (PlMeeting  *self);
void        pl_meeting_set_title             (PlMeeting  *self, const char *value);
/* UTC, as stored. */
const char *pl_meeting_get_starts_at         (PlMeeting  *self);
const char *pl_meeting_get_ends_at           (PlMeeting  *self);
/* The IANA zone the meeting is held in. */
const char *pl_meeting_get_timezone          (PlMeeting  *self);
/* Sets start and end (@end may be NULL) from local times; the zone is
 * taken from @start's, by its identifier. */
void        pl_meeting_set_times             (PlMeeting  *self,
                                              GDateTime  *start,
                                              GDateTime  *end);
/* Start and end in the meeting's zone (NULL when not set). */
GDateTime  *pl_meeting_get_start             (PlMeeting  *self);
GDateTime  *pl_meeting_get_end               (PlMeeting  *self);
const char *pl_meeting_get_location          (PlMeeting  *self);
void        pl_meeting_set_location          (PlMeeting  *self, const char *value);
const char *pl_meeting_get_video_link        (PlMeeting  *self);
void        pl_meeting_set_video_link        (PlMeeting  *self, const char *value);

guint       pl_meeting_get_n_agenda_items    (PlMeeting  *self);
const PlAgendaItem *pl_meeting_get_agenda_item (PlMeeting *self, guint index);
void        pl_meeting_add_agenda_item       (PlMeeting  *self,
                                              const char *title,
                                              const char *presenter,
                                              guint       minutes);
void        pl_meeting_remove_agenda_item    (PlMeeting  *self, guint index);
void        pl_meeting_clear_agenda          (PlMeeting  *self);

/* NULL-terminated, never NULL. */
const char *const *pl_meeting_get_interpretation_languages (PlMeeting *self);
void        pl_meeting_set_interpretation_languages (PlMeeting *self,
                                              const char *const *languages);
gboolean    pl_meeting_has_interpretation    (PlMeeting  *self, const char *language);
gboolean    pl_meeting_get_childcare         (PlMeeting  *self);
void        pl_meeting_set_childcare         (PlMeeting  *self, gboolean value);
gboolean    pl_meeting_get_food              (PlMeeting  *self);
void        pl_meeting_set_food              (PlMeeting  *self, gboolean value);
const char *pl_meeting_get_status            (PlMeeting  *self);
void        pl_meeting_set_status            (PlMeeting  *self, const char *value);
const char *pl_meeting_get_minutes           (PlMeeting  *self);
void        pl_meeting_set_minutes           (PlMeeting  *self, const char *value);
const char *pl_meeting_get_decisions         (PlMeeting  *self);
void        pl_meeting_set_decisions         (PlMeeting  *self, const char *value);

const char *pl_meeting_get_series_id         (PlMeeting  *self);
const char *pl_meeting_get_series_rule       (PlMeeting  *self);
const char *pl_meeting_get_original_start    (PlMeeting  *self);

/* Checks what a person set: a start, an end after it, a zone the system
 * knows, a status, agenda items with titles. */
gboolean    pl_meeting_validate              (PlMeeting  *self,
                                              GError    **error);

/* Whether @status is one of the stored codes, and its name for people. */
gboolean    pl_meeting_status_is_valid       (const char *status);
const char *pl_meeting_status_label          (const char *status);

G_END_DECLS
