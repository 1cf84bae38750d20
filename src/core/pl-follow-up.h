/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* When an open follow-up is due, seen from a local calendar day. */
typedef enum
{
  PL_FOLLOW_UP_OVERDUE,    /* due before today */
  PL_FOLLOW_UP_TODAY,      /* due today */
  PL_FOLLOW_UP_THIS_WEEK,  /* due in the six days after today */
  PL_FOLLOW_UP_LATER,      /* due after that */
} PlFollowUpPeriod;

#define PL_TYPE_FOLLOW_UP (pl_follow_up_get_type ())
G_DECLARE_FINAL_TYPE (PlFollowUp, pl_follow_up, PL, FOLLOW_UP, GObject)

/* One open follow-up: the contact that asked for it, with what a list row
 * shows about its family. Read-only; the values are text as stored (NULL for
 * no value), codes untranslated (method, purpose, outcome). */
const char       *pl_follow_up_get_contact_id     (PlFollowUp *self);
const char       *pl_follow_up_get_family_id      (PlFollowUp *self);
const char       *pl_follow_up_get_household_name (PlFollowUp *self);
/* The guardian the contact was with, or the family's first guardian. */
const char       *pl_follow_up_get_guardian_id    (PlFollowUp *self);
const char       *pl_follow_up_get_guardian_name  (PlFollowUp *self);
/* The local calendar date it is due, "YYYY-MM-DD". */
const char       *pl_follow_up_get_due            (PlFollowUp *self);
/* The contact that set it: when (UTC, "YYYY-MM-DDTHH:MM:SSZ"), how, why. */
const char       *pl_follow_up_get_happened_at    (PlFollowUp *self);
const char       *pl_follow_up_get_method         (PlFollowUp *self);
const char       *pl_follow_up_get_purpose        (PlFollowUp *self);
const char       *pl_follow_up_get_purpose_other  (PlFollowUp *self);
const char       *pl_follow_up_get_outcome        (PlFollowUp *self);
const char       *pl_follow_up_get_notes          (PlFollowUp *self);
/* Whose it is: the follow-up's owner, or else who logged the contact (a
 * staff user name), and that person's display name when it is known. */
const char       *pl_follow_up_get_owner          (PlFollowUp *self);
const char       *pl_follow_up_get_owner_name     (PlFollowUp *self);
/* The names of the schools of the family's students, joined with ", ". */
const char       *pl_follow_up_get_schools        (PlFollowUp *self);
/* Days from the list's today to the due date: negative when overdue. */
int               pl_follow_up_get_days_until_due (PlFollowUp *self);
PlFollowUpPeriod  pl_follow_up_get_period         (PlFollowUp *self);

G_END_DECLS
