/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_COUNCIL_MEMBER (pl_council_member_get_type ())
G_DECLARE_FINAL_TYPE (PlCouncilMember, pl_council_member, PL, COUNCIL_MEMBER, GObject)

/* A seat on a council: a guardian from the family directory
 * ("guardian-id") or a staff member ("staff-id", a username), with a
 * role, a term ("YYYY-MM-DD" start and end, either open) and the
 * language they need at meetings (NULL: English is fine). Past members
 * stay in the record: a member is current while the term covers the day.
 *
 * Roles, as stored: "chair", "co-chair", "secretary", "member",
 * "staff-liaison", "interpreter". */
PlCouncilMember *pl_council_member_new_guardian (const char *council_id,
                                                 const char *guardian_id);
PlCouncilMember *pl_council_member_new_staff    (const char *council_id,
                                                 const char *username);
PlCouncilMember *pl_council_member_copy         (PlCouncilMember *self);

const char *pl_council_member_get_id            (PlCouncilMember *self);
const char *pl_council_member_get_council_id    (PlCouncilMember *self);
const char *pl_council_member_get_guardian_id   (PlCouncilMember *self);
const char *pl_council_member_get_staff_id      (PlCouncilMember *self);
const char *pl_council_member_get_role          (PlCouncilMember *self);
void        pl_council_member_set_role          (PlCouncilMember *self, const char *role);
const char *pl_council_member_get_term_start    (PlCouncilMember *self);
void        pl_council_member_set_term_start    (PlCouncilMember *self, const char *date);
const char *pl_council_member_get_term_end      (PlCouncilMember *self);
void        pl_council_member_set_term_end      (PlCouncilMember *self, const char *date);
const char *pl_council_member_get_language      (PlCouncilMember *self);
void        pl_council_member_set_language      (PlCouncilMember *self, const char *code);
/* As the store read it: the guardian's full name or the staff member's
 * display name (their username when they have none); NULL on a new one. */
const char *pl_council_member_get_display_name  (PlCouncilMember *self);
/* The guardian's family, as the store read it (NULL for staff). */
const char *pl_council_member_get_family_id     (PlCouncilMember *self);

/* Whether the term covers @day ("YYYY-MM-DD"; NULL for today). */
gboolean    pl_council_member_is_current        (PlCouncilMember *self,
                                                 const char      *day);

/* Whether @role is one of the stored role codes above. */
gboolean    pl_council_role_is_valid            (const char *role);
/* A role's name for people, translated ("Co-chair"). */
const char *pl_council_role_label               (const char *role);

G_END_DECLS
