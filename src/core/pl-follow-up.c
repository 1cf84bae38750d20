/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-follow-up-private.h"

struct _PlFollowUp
{
  GObject parent_instance;

  /* Read-only once made, so plain strings by index rather than properties. */
  char   *fields[PL_FOLLOW_UP_N_FIELDS];
  int     days_until_due;
};

G_DEFINE_FINAL_TYPE (PlFollowUp, pl_follow_up, G_TYPE_OBJECT)

static void
pl_follow_up_finalize (GObject *object)
{
  PlFollowUp *self = PL_FOLLOW_UP (object);

  for (guint i = 0; i < PL_FOLLOW_UP_N_FIELDS; i++)
    g_free (self->fields[i]);

  G_OBJECT_CLASS (pl_follow_up_parent_class)->finalize (object);
}

static void
pl_follow_up_class_init (PlFollowUpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_follow_up_finalize;
}

static void
pl_follow_up_init (PlFollowUp *self)
{
}

PlFollowUp *
_pl_follow_up_new (const char *const *fields,
                   int                days_until_due)
{
  PlFollowUp *self = g_object_new (PL_TYPE_FOLLOW_UP, NULL);

  for (guint i = 0; i < PL_FOLLOW_UP_N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i]);
  self->days_until_due = days_until_due;
  return self;
}

PlFollowUpPeriod
_pl_follow_up_period_for_days (int days_until_due)
{
  if (days_until_due < 0)
    return PL_FOLLOW_UP_OVERDUE;
  if (days_until_due == 0)
    return PL_FOLLOW_UP_TODAY;
  if (days_until_due <= 6)
    return PL_FOLLOW_UP_THIS_WEEK;
  return PL_FOLLOW_UP_LATER;
}

#define GETTER(name, index) \
  const char * \
  pl_follow_up_get_##name (PlFollowUp *self) \
  { \
    g_return_val_if_fail (PL_IS_FOLLOW_UP (self), NULL); \
    return self->fields[index]; \
  }

GETTER (contact_id, PL_FOLLOW_UP_CONTACT_ID)
GETTER (family_id, PL_FOLLOW_UP_FAMILY_ID)
GETTER (household_name, PL_FOLLOW_UP_HOUSEHOLD_NAME)
GETTER (guardian_id, PL_FOLLOW_UP_GUARDIAN_ID)
GETTER (guardian_name, PL_FOLLOW_UP_GUARDIAN_NAME)
GETTER (due, PL_FOLLOW_UP_DUE)
GETTER (happened_at, PL_FOLLOW_UP_HAPPENED_AT)
GETTER (method, PL_FOLLOW_UP_METHOD)
GETTER (purpose, PL_FOLLOW_UP_PURPOSE)
GETTER (purpose_other, PL_FOLLOW_UP_PURPOSE_OTHER)
GETTER (outcome, PL_FOLLOW_UP_OUTCOME)
GETTER (notes, PL_FOLLOW_UP_NOTES)
GETTER (owner, PL_FOLLOW_UP_OWNER)
GETTER (owner_name, PL_FOLLOW_UP_OWNER_NAME)
GETTER (schools, PL_FOLLOW_UP_SCHOOLS)

int
pl_follow_up_get_days_until_due (PlFollowUp *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UP (self), 0);
  return self->days_until_due;
}

PlFollowUpPeriod
pl_follow_up_get_period (PlFollowUp *self)
{
  g_return_val_if_fail (PL_IS_FOLLOW_UP (self), PL_FOLLOW_UP_LATER);
  return _pl_follow_up_period_for_days (self->days_until_due);
}
