/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-follow-up.h"

G_BEGIN_DECLS

enum {
  PL_FOLLOW_UP_CONTACT_ID, PL_FOLLOW_UP_FAMILY_ID, PL_FOLLOW_UP_HOUSEHOLD_NAME,
  PL_FOLLOW_UP_GUARDIAN_ID, PL_FOLLOW_UP_GUARDIAN_NAME, PL_FOLLOW_UP_DUE,
  PL_FOLLOW_UP_HAPPENED_AT, PL_FOLLOW_UP_METHOD, PL_FOLLOW_UP_PURPOSE,
  PL_FOLLOW_UP_PURPOSE_OTHER, PL_FOLLOW_UP_OUTCOME, PL_FOLLOW_UP_NOTES, PL_FOLLOW_UP_OWNER,
  PL_FOLLOW_UP_OWNER_NAME, PL_FOLLOW_UP_SCHOOLS, PL_FOLLOW_UP_N_FIELDS
};

/* @fields: PL_FOLLOW_UP_N_FIELDS strings (NULL allowed), in the order above. */
PlFollowUp *_pl_follow_up_new (const char *const *fields,
                               int                days_until_due);

/* The period of a due date @days_until_due days from today. */
PlFollowUpPeriod _pl_follow_up_period_for_days (int days_until_due);

G_END_DECLS
