/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_MEETING_ATTENDANCE (pl_meeting_attendance_get_type ())
G_DECLARE_FINAL_TYPE (PlMeetingAttendance, pl_meeting_attendance, PL, MEETING_ATTENDANCE, GObject)

/* Who is coming to a meeting and who came: a council member
 * ("member-id"), a guardian from the directory who is not a member
 * ("guardian-id"), or a walk-in guest known only by name ("guest-name").
 * "rsvp" is "yes", "no", "maybe" or "none" (no answer); with it, whether
 * they need interpretation and in which language, and how many children
 * need childcare. At the door: "attended" and when they were checked in
 * (UTC). A plain record: the store saves it. */
PlMeetingAttendance *pl_meeting_attendance_new_member   (const char *meeting_id,
                                                         const char *member_id);
PlMeetingAttendance *pl_meeting_attendance_new_guardian (const char *meeting_id,
                                                         const char *guardian_id);
PlMeetingAttendance *pl_meeting_attendance_new_guest    (const char *meeting_id,
                                                         const char *guest_name);

const char *pl_meeting_attendance_get_id                 (PlMeetingAttendance *self);
const char *pl_meeting_attendance_get_meeting_id         (PlMeetingAttendance *self);
const char *pl_meeting_attendance_get_member_id          (PlMeetingAttendance *self);
const char *pl_meeting_attendance_get_guardian_id        (PlMeetingAttendance *self);
const char *pl_meeting_attendance_get_guest_name         (PlMeetingAttendance *self);
const char *pl_meeting_attendance_get_rsvp               (PlMeetingAttendance *self);
void        pl_meeting_attendance_set_rsvp               (PlMeetingAttendance *self,
                                                          const char          *rsvp);
gboolean    pl_meeting_attendance_get_needs_interpretation (PlMeetingAttendance *self);
const char *pl_meeting_attendance_get_interpretation_language (PlMeetingAttendance *self);
/* @language NULL: no interpretation needed. */
void        pl_meeting_attendance_set_interpretation     (PlMeetingAttendance *self,
                                                          const char          *language);
guint       pl_meeting_attendance_get_childcare_count    (PlMeetingAttendance *self);
void        pl_meeting_attendance_set_childcare_count    (PlMeetingAttendance *self,
                                                          guint                count);
gboolean    pl_meeting_attendance_get_attended           (PlMeetingAttendance *self);
const char *pl_meeting_attendance_get_checked_in_at      (PlMeetingAttendance *self);
/* Checks in (now, unless already in) or undoes a check-in. */
void        pl_meeting_attendance_set_attended           (PlMeetingAttendance *self,
                                                          gboolean             attended);
/* The member's or guardian's name as the store read it, or the guest's. */
const char *pl_meeting_attendance_get_display_name       (PlMeetingAttendance *self);

gboolean    pl_rsvp_is_valid                             (const char *rsvp);

G_END_DECLS
