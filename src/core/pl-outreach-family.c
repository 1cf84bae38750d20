/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-outreach-family-private.h"

struct _PlOutreachFamily
{
  GObject parent_instance;

  /* Read-only once made, so plain strings by index rather than properties. */
  char   *fields[PL_OUTREACH_FAMILY_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PlOutreachFamily, pl_outreach_family, G_TYPE_OBJECT)

static void
pl_outreach_family_finalize (GObject *object)
{
  PlOutreachFamily *self = PL_OUTREACH_FAMILY (object);

  for (guint i = 0; i < PL_OUTREACH_FAMILY_N_FIELDS; i++)
    g_free (self->fields[i]);

  G_OBJECT_CLASS (pl_outreach_family_parent_class)->finalize (object);
}

static void
pl_outreach_family_class_init (PlOutreachFamilyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_outreach_family_finalize;
}

static void
pl_outreach_family_init (PlOutreachFamily *self)
{
}

PlOutreachFamily *
_pl_outreach_family_new (const char *const *fields)
{
  PlOutreachFamily *self = g_object_new (PL_TYPE_OUTREACH_FAMILY, NULL);

  for (guint i = 0; i < PL_OUTREACH_FAMILY_N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i]);
  return self;
}

#define GETTER(name, index) \
  const char * \
  pl_outreach_family_get_##name (PlOutreachFamily *self) \
  { \
    g_return_val_if_fail (PL_IS_OUTREACH_FAMILY (self), NULL); \
    return self->fields[index]; \
  }

GETTER (family_id, PL_OUTREACH_FAMILY_ID)
GETTER (household_name, PL_OUTREACH_FAMILY_HOUSEHOLD_NAME)
GETTER (guardians, PL_OUTREACH_FAMILY_GUARDIANS)
GETTER (home_language, PL_OUTREACH_FAMILY_HOME_LANGUAGE)
GETTER (schools, PL_OUTREACH_FAMILY_SCHOOLS)
GETTER (last_reached_at, PL_OUTREACH_FAMILY_LAST_REACHED_AT)
GETTER (last_contact_at, PL_OUTREACH_FAMILY_LAST_CONTACT_AT)
GETTER (last_outcome, PL_OUTREACH_FAMILY_LAST_OUTCOME)
