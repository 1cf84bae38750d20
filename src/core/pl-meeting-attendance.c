/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-council-private.h"
#include "pl-util-private.h"

/* A plain record: the store saves it. */
struct _PlMeetingAttendance
{
  GObject parent_instance;

  char *id;
  char *meeting_id;
  char *member_id;
  char *guardian_id;
  char *guest_name;
  char *rsvp;
  char *interpretation_language;
  char *checked_in_at;
  char *display_name;
  guint childcare_count;
  gboolean needs_interpretation;
  gboolean attended;
};

G_DEFINE_FINAL_TYPE (PlMeetingAttendance, pl_meeting_attendance, G_TYPE_OBJECT)

static void
pl_meeting_attendance_finalize (GObject *object)
{
  PlMeetingAttendance *self = (PlMeetingAttendance *) object;

  g_free (self->id);
  g_free (self->meeting_id);
  g_free (self->member_id);
  g_free (self->guardian_id);
  g_free (self->guest_name);
  g_free (self->rsvp);
  g_free (self->interpretation_language);
  g_free (self->checked_in_at);
  g_free (self->display_name);

  G_OBJECT_CLASS (pl_meeting_attendance_parent_class)->finalize (object);
}

static void
pl_meeting_attendance_class_init (PlMeetingAttendanceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_meeting_attendance_finalize;
}

static void
pl_meeting_attendance_init (PlMeetingAttendance *self)
{
  self->rsvp = g_strdup ("none");
}

PlMeetingAttendance *
_pl_meeting_attendance_new_stored (const char *id,
                                   const char *meeting_id)
{
  PlMeetingAttendance *self = g_object_new (PL_TYPE_MEETING_ATTENDANCE, NULL);

  self->id = g_strdup (id);
  self->meeting_id = g_strdup (meeting_id);
  return self;
}

/* A member's or guardian's row has an id made from the meeting and the
 * person, so an RSVP taken on one laptop and a check-in on another meet
 * on the same row. */
static char *
person_row_id (const char *meeting_id,
               const char *kind,
               const char *person_id)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *hex;

  g_checksum_update (sum, (const guchar *) "attendance\x1f", -1);
  g_checksum_update (sum, (const guchar *) meeting_id, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  g_checksum_update (sum, (const guchar *) kind, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  g_checksum_update (sum, (const guchar *) person_id, -1);
  hex = g_checksum_get_string (sum);
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

PlMeetingAttendance *
pl_meeting_attendance_new_member (const char *meeting_id,
                                  const char *member_id)
{
  g_autofree char *id = person_row_id (meeting_id, "member", member_id);
  PlMeetingAttendance *self = _pl_meeting_attendance_new_stored (id, meeting_id);

  self->member_id = g_strdup (member_id);
  return self;
}

PlMeetingAttendance *
pl_meeting_attendance_new_guardian (const char *meeting_id,
                                    const char *guardian_id)
{
  g_autofree char *id = person_row_id (meeting_id, "guardian", guardian_id);
  PlMeetingAttendance *self = _pl_meeting_attendance_new_stored (id, meeting_id);

  self->guardian_id = g_strdup (guardian_id);
  return self;
}

PlMeetingAttendance *
pl_meeting_attendance_new_guest (const char *meeting_id,
                                 const char *guest_name)
{
  g_autofree char *id = _pl_new_id ();
  PlMeetingAttendance *self = _pl_meeting_attendance_new_stored (id, meeting_id);

  _pl_set_str (&self->guest_name, guest_name);
  return self;
}

/* The store fills the other fields of a row it reads back. */
void
_pl_meeting_attendance_set_stored (PlMeetingAttendance *self,
                                   const char          *member_id,
                                   const char          *guardian_id,
                                   const char          *guest_name,
                                   gboolean             needs_interpretation,
                                   gboolean             attended,
                                   const char          *checked_in_at)
{
  _pl_set_str (&self->member_id, member_id);
  _pl_set_str (&self->guardian_id, guardian_id);
  _pl_set_str (&self->guest_name, guest_name);
  self->needs_interpretation = needs_interpretation;
  self->attended = attended;
  _pl_set_str (&self->checked_in_at, attended ? checked_in_at : NULL);
}

#define GETTER(field) \
  const char * \
  pl_meeting_attendance_get_##field (PlMeetingAttendance *self) \
  { \
    g_return_val_if_fail (PL_IS_MEETING_ATTENDANCE (self), NULL); \
    return self->field; \
  }

GETTER (id)
GETTER (meeting_id)
GETTER (member_id)
GETTER (guardian_id)
GETTER (guest_name)
GETTER (rsvp)
GETTER (interpretation_language)
GETTER (checked_in_at)

const char *
pl_meeting_attendance_get_display_name (PlMeetingAttendance *self)
{
  g_return_val_if_fail (PL_IS_MEETING_ATTENDANCE (self), NULL);
  return self->display_name != NULL ? self->display_name : self->guest_name;
}

void
_pl_meeting_attendance_set_display_name (PlMeetingAttendance *self,
                                         const char          *name)
{
  _pl_set_str (&self->display_name, name);
}

void
pl_meeting_attendance_set_rsvp (PlMeetingAttendance *self,
                                const char          *rsvp)
{
  g_return_if_fail (PL_IS_MEETING_ATTENDANCE (self));
  _pl_set_str (&self->rsvp, rsvp != NULL ? rsvp : "none");
}

gboolean
pl_meeting_attendance_get_needs_interpretation (PlMeetingAttendance *self)
{
  g_return_val_if_fail (PL_IS_MEETING_ATTENDANCE (self), FALSE);
  return self->needs_interpretation;
}

void
pl_meeting_attendance_set_interpretation (PlMeetingAttendance *self,
                                          const char          *language)
{
  g_return_if_fail (PL_IS_MEETING_ATTENDANCE (self));
  _pl_set_str (&self->interpretation_language, language);
  self->needs_interpretation = self->interpretation_language != NULL;
}

guint
pl_meeting_attendance_get_childcare_count (PlMeetingAttendance *self)
{
  g_return_val_if_fail (PL_IS_MEETING_ATTENDANCE (self), 0);
  return self->childcare_count;
}

void
pl_meeting_attendance_set_childcare_count (PlMeetingAttendance *self,
                                           guint                count)
{
  g_return_if_fail (PL_IS_MEETING_ATTENDANCE (self));
  self->childcare_count = count;
}

gboolean
pl_meeting_attendance_get_attended (PlMeetingAttendance *self)
{
  g_return_val_if_fail (PL_IS_MEETING_ATTENDANCE (self), FALSE);
  return self->attended;
}

void
pl_meeting_attendance_set_attended (PlMeetingAttendance *self,
                                    gboolean             attended)
{
  g_return_if_fail (PL_IS_MEETING_ATTENDANCE (self));

  if (attended && !self->attended)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_free (self->checked_in_at);
      self->checked_in_at = _pl_council_format_utc (now);
    }
  else if (!attended)
    g_clear_pointer (&self->checked_in_at, g_free);
  self->attended = !!attended;
}

gboolean
pl_rsvp_is_valid (const char *rsvp)
{
  return g_strcmp0 (rsvp, "yes") == 0 || g_strcmp0 (rsvp, "no") == 0 ||
         g_strcmp0 (rsvp, "maybe") == 0 || g_strcmp0 (rsvp, "none") == 0;
}
