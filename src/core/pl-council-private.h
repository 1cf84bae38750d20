/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-action-item.h"
#include "pl-council.h"
#include "pl-council-member.h"
#include "pl-meeting.h"
#include "pl-meeting-attendance.h"

G_BEGIN_DECLS

/* Records as the store reads them back: with their stored ids, and the
 * names the store looks up in the directory. */
PlCouncil         *_pl_council_new_stored           (const char *id,
                                                     const char *school_id);
PlCouncilMember   *_pl_council_member_new_stored    (const char *id,
                                                     const char *council_id);
void               _pl_council_member_set_display_name (PlCouncilMember *self,
                                                     const char      *name);
void               _pl_council_member_set_family_id (PlCouncilMember *self,
                                                     const char      *family_id);
PlMeeting         *_pl_meeting_new_stored           (const char *id,
                                                     const char *council_id);
void               _pl_meeting_set_series           (PlMeeting  *self,
                                                     const char *series_id,
                                                     const char *rule,
                                                     const char *original_start);
/* The agenda as stored (JSON text), and read back; FALSE on a malformed one. */
char              *_pl_meeting_agenda_to_json       (PlMeeting  *self);
gboolean           _pl_meeting_agenda_from_json     (PlMeeting  *self,
                                                     const char *json,
                                                     GError    **error);
PlMeetingAttendance *_pl_meeting_attendance_new_stored (const char *id,
                                                     const char *meeting_id);
void               _pl_meeting_attendance_set_display_name (PlMeetingAttendance *self,
                                                     const char          *name);
PlActionItem      *_pl_action_item_new_stored       (const char *id,
                                                     const char *council_id);

/* Dates typed or stored: "YYYY-MM-DD"; NULL passes. */
gboolean           _pl_council_check_date           (const char *text,
                                                     const char *field,
                                                     GError    **error);
/* A UTC time as stored, "YYYY-MM-DDTHH:MM:SSZ", read back (NULL if not one). */
GDateTime         *_pl_council_parse_utc            (const char *text);
char              *_pl_council_format_utc           (GDateTime  *when);
/* Languages as stored: codes separated by spaces. */
char              *_pl_council_join_languages       (const char *const *languages);
GStrv              _pl_council_split_languages      (const char *text);

G_END_DECLS

G_BEGIN_DECLS
void               _pl_meeting_set_stored_times     (PlMeeting  *self,
                                                     const char *starts_at,
                                                     const char *ends_at,
                                                     const char *timezone);
G_END_DECLS

G_BEGIN_DECLS
void               _pl_meeting_attendance_set_stored (PlMeetingAttendance *self,
                                                     const char          *member_id,
                                                     const char          *guardian_id,
                                                     const char          *guest_name,
                                                     gboolean             needs_interpretation,
                                                     gboolean             attended,
                                                     const char          *checked_in_at);
G_END_DECLS

G_BEGIN_DECLS
void               _pl_action_item_set_done_at      (PlActionItem *self,
                                                     const char   *done_at);
void               _pl_action_item_set_meeting_id   (PlActionItem *self,
                                                     const char   *meeting_id);
G_END_DECLS

G_BEGIN_DECLS
void               _pl_council_member_set_person    (PlCouncilMember *self,
                                                     const char      *guardian_id,
                                                     const char      *staff_id);
G_END_DECLS
