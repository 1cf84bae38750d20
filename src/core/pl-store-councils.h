/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pl-action-item.h"
#include "pl-council.h"
#include "pl-council-member.h"
#include "pl-meeting.h"
#include "pl-meeting-attendance.h"
#include "pl-recurrence.h"
#include "pl-store.h"

G_BEGIN_DECLS

/* Councils, their members, meetings, RSVPs and attendance, action items
 * and the school calendar's closures in the store. Every write is one
 * transaction with journal entries, so it syncs like a family does.
 * Errors are PL_COUNCIL_ERROR for what a person can fix (and name it) and
 * PL_STORE_ERROR for the rest. Councils, members and meetings are few (a
 * council meets about monthly), so they are returned as arrays. */

/* Councils of a school (all schools when @school_id is NULL), by name. */
GPtrArray  *pl_store_list_councils          (PlStore      *self,
                                             const char   *school_id,
                                             GError      **error);
PlCouncil  *pl_store_load_council           (PlStore      *self,
                                             const char   *id,
                                             GError      **error);
gboolean    pl_store_save_council           (PlStore      *self,
                                             PlCouncil    *council,
                                             GError      **error);

/* Members of a council with their names read from the directory: every
 * member, past ones too, when @day is NULL; otherwise those whose term
 * covers @day ("YYYY-MM-DD"). Current members first, then by name. */
GPtrArray  *pl_store_list_council_members   (PlStore      *self,
                                             const char   *council_id,
                                             const char   *day,
                                             GError      **error);
/* Checks the role, the term's dates (the end not before the start) and
 * that the guardian or staff member exists, then saves. */
gboolean    pl_store_save_council_member    (PlStore      *self,
                                             PlCouncilMember *member,
                                             GError      **error);
/* Removes a member added by mistake (a tombstone). A member whose term
 * ended keeps their row: set the term's end instead. */
gboolean    pl_store_delete_council_member  (PlStore      *self,
                                             const char   *member_id,
                                             GError      **error);

/* Grade bands of the children a family has at a school. */
typedef enum
{
  PL_GRADE_BAND_PK,    /* pre-kindergarten */
  PL_GRADE_BAND_K_2,
  PL_GRADE_BAND_3_5,
  PL_GRADE_BAND_6_8,
  PL_GRADE_BAND_9_12,
  PL_N_GRADE_BANDS,
} PlGradeBand;

/* "K–2", translated. */
const char *pl_grade_band_label             (PlGradeBand band);

/* Whether a council reflects its school: the current family members (staff
 * apart) beside the school's families, counted by language (code → count;
 * "" for none recorded; a member's language is the one they need, else
 * their own or their family's) and by grade band of their children at the
 * school (a family with children in two bands counts in both). */
typedef struct
{
  guint       n_members;
  guint       n_families;
  GHashTable *member_languages;  /* char* → GUINT_TO_POINTER */
  GHashTable *family_languages;
  guint       member_bands[PL_N_GRADE_BANDS];
  guint       family_bands[PL_N_GRADE_BANDS];
} PlCouncilMakeup;

void        pl_council_makeup_free          (PlCouncilMakeup *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlCouncilMakeup, pl_council_makeup_free)

/* @day: whose terms count as current ("YYYY-MM-DD"; NULL for today). */
PlCouncilMakeup *pl_store_get_council_makeup (PlStore     *self,
                                             const char   *council_id,
                                             const char   *day,
                                             GError      **error);

/* Meetings of a council starting in [@from, @to) (either NULL: open), by
 * start, cancelled ones included. */
GPtrArray  *pl_store_list_meetings          (PlStore      *self,
                                             const char   *council_id,
                                             GDateTime    *from,
                                             GDateTime    *to,
                                             GError      **error);
PlMeeting  *pl_store_load_meeting           (PlStore      *self,
                                             const char   *id,
                                             GError      **error);
/* Validates and saves one meeting (one occurrence of a series too: it
 * keeps its series; moved off its original start while scheduled, its
 * status becomes "moved"). */
gboolean    pl_store_save_meeting           (PlStore      *self,
                                             PlMeeting    *meeting,
                                             GError      **error);
/* Sets a meeting's status to "cancelled" (it stays, so families can be told). */
gboolean    pl_store_cancel_meeting         (PlStore      *self,
                                             const char   *meeting_id,
                                             GError      **error);

/* Schedules a repeating series in one transaction: one meeting per date of
 * @rule from @first to @until (inclusive), at @hour:@minute for
 * @duration_minutes in @template's council's zone, without @exceptions
 * (local dates). Each is a copy of @template (location, agenda, …) with
 * the series' id, RRULE and original start. Returns the meetings, in
 * order. At most 366 meetings; an empty series is refused. */
GPtrArray  *pl_store_schedule_series        (PlStore            *self,
                                             PlMeeting          *template,
                                             const PlRepeatRule *rule,
                                             const GDate        *first,
                                             const GDate        *until,
                                             int                 hour,
                                             int                 minute,
                                             guint               duration_minutes,
                                             const GDate        *exceptions,
                                             guint               n_exceptions,
                                             GError            **error);

typedef enum
{
  PL_MEETING_WARNING_OVERLAP_COUNCIL,  /* another meeting of the same council at that time */
  PL_MEETING_WARNING_OVERLAP_SCHOOL,   /* a meeting of another council of the school */
  PL_MEETING_WARNING_WEEKEND,
  PL_MEETING_WARNING_OUTSIDE_HOURS,    /* before 7:00 or after 21:00, local */
  PL_MEETING_WARNING_CLOSURE,          /* on a day the school calendar closes */
  PL_MEETING_WARNING_NO_INTERPRETATION,/* a current member needs a language not set */
} PlMeetingWarningKind;

typedef struct
{
  PlMeetingWarningKind kind;
  char *message;  /* for people, translated */
  char *detail;   /* the other meeting's id, the language code, the closure's name */
} PlMeetingWarning;

void        pl_meeting_warning_free         (PlMeetingWarning *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlMeetingWarning, pl_meeting_warning_free)

/* What an organizer should know about @meeting as it stands (saved or
 * not): a GPtrArray of PlMeetingWarning, empty when all is well. A
 * cancelled meeting has none, and cancelled meetings overlap nothing. */
GPtrArray  *pl_store_check_meeting          (PlStore      *self,
                                             PlMeeting    *meeting,
                                             GError      **error);

/* Who is coming and who came: every member current on the meeting's date
 * (with their stored RSVP and check-in, or a fresh record not yet saved),
 * then guardians and walk-in guests with a row by name, each with a display
 * name. */
GPtrArray  *pl_store_list_attendance        (PlStore      *self,
                                             const char   *meeting_id,
                                             GError      **error);
/* Saves an RSVP or a check-in. A guardian must exist; a guest needs a name. */
gboolean    pl_store_save_attendance        (PlStore      *self,
                                             PlMeetingAttendance *attendance,
                                             GError      **error);

typedef struct
{
  guint       yes, no, maybe, no_answer;
  /* Among those not saying no: language code → people needing it. */
  GHashTable *interpretation;
  guint       childcare;        /* children, among those not saying no */
  guint       attended;         /* everyone checked in */
  guint       members_attended;
  guint       guests_attended;  /* guardians who are not members and new guests */
} PlMeetingCounts;

void        pl_meeting_counts_clear         (PlMeetingCounts *self);

/* RSVP and attendance counts of a meeting; current members with no answer
 * count in @no_answer. Clear with pl_meeting_counts_clear(). */
gboolean    pl_store_get_meeting_counts     (PlStore      *self,
                                             const char   *meeting_id,
                                             PlMeetingCounts *counts,
                                             GError      **error);
/* How many council meetings (not cancelled) any guardian of the family
 * attended, as a member or a guest: for the family's record. */
gint64      pl_store_count_family_council_attendance (PlStore *self,
                                             const char   *family_id,
                                             GError      **error);

/* Action items. Saving one marked done sets when (kept if it was done
 * already); reopening clears it. */
gboolean    pl_store_save_action_item       (PlStore      *self,
                                             PlActionItem *item,
                                             GError      **error);
/* A council's items, open ones first by due date; @open_only for those
 * still to do. */
GPtrArray  *pl_store_list_action_items      (PlStore      *self,
                                             const char   *council_id,
                                             gboolean      open_only,
                                             GError      **error);
/* The items to go over at a meeting: those raised at it, and those from
 * earlier meetings that were still open when it started (carried over
 * until done). */
GPtrArray  *pl_store_list_meeting_action_items (PlStore   *self,
                                             const char   *meeting_id,
                                             GError      **error);

/* A day the school calendar closes a school (or every school: school_id
 * NULL). */
typedef struct
{
  char *id;
  char *school_id;
  char *date;  /* "YYYY-MM-DD" */
  char *name;
} PlSchoolClosure;

void        pl_school_closure_free          (PlSchoolClosure *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlSchoolClosure, pl_school_closure_free)

/* Closures of @school_id (and of every school) from @from to @to
 * ("YYYY-MM-DD", inclusive, either NULL), by date. */
GPtrArray  *pl_store_list_closures          (PlStore      *self,
                                             const char   *school_id,
                                             const char   *from,
                                             const char   *to,
                                             GError      **error);
/* Adds closures in one transaction (a GPtrArray of PlSchoolClosure; their
 * school_id is replaced by @school_id). The same day of the same school
 * is one row, so importing a calendar again changes only its names;
 * *@n_added (may be NULL) counts the new days. */
gboolean    pl_store_add_closures           (PlStore      *self,
                                             const char   *school_id,
                                             GPtrArray    *closures,
                                             guint        *n_added,
                                             GError      **error);

G_END_DECLS
