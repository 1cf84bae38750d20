/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-duplicate-pair.h"

struct _PlDuplicatePair
{
  GObject            parent_instance;

  char              *family_a;
  char              *family_b;
  char              *household_a;
  char              *household_b;
  PlDuplicateReasons reasons;
  char              *phone;
  char              *name;
  char              *address;
  char              *description;
};

G_DEFINE_FINAL_TYPE (PlDuplicatePair, pl_duplicate_pair, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FAMILY_A,
  PROP_FAMILY_B,
  PROP_HOUSEHOLD_A,
  PROP_HOUSEHOLD_B,
  PROP_REASONS,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_duplicate_pair_finalize (GObject *object)
{
  PlDuplicatePair *self = PL_DUPLICATE_PAIR (object);

  g_free (self->family_a);
  g_free (self->family_b);
  g_free (self->household_a);
  g_free (self->household_b);
  g_free (self->phone);
  g_free (self->name);
  g_free (self->address);
  g_free (self->description);

  G_OBJECT_CLASS (pl_duplicate_pair_parent_class)->finalize (object);
}

static void
pl_duplicate_pair_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PlDuplicatePair *self = PL_DUPLICATE_PAIR (object);

  switch (prop_id)
    {
    case PROP_FAMILY_A:
      g_value_set_string (value, self->family_a);
      break;
    case PROP_FAMILY_B:
      g_value_set_string (value, self->family_b);
      break;
    case PROP_HOUSEHOLD_A:
      g_value_set_string (value, self->household_a);
      break;
    case PROP_HOUSEHOLD_B:
      g_value_set_string (value, self->household_b);
      break;
    case PROP_REASONS:
      g_value_set_uint (value, self->reasons);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, pl_duplicate_pair_get_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_duplicate_pair_class_init (PlDuplicatePairClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pl_duplicate_pair_finalize;
  object_class->get_property = pl_duplicate_pair_get_property;

  properties[PROP_FAMILY_A] = g_param_spec_string ("family-a", NULL, NULL, NULL, flags);
  properties[PROP_FAMILY_B] = g_param_spec_string ("family-b", NULL, NULL, NULL, flags);
  properties[PROP_HOUSEHOLD_A] = g_param_spec_string ("household-a", NULL, NULL, NULL, flags);
  properties[PROP_HOUSEHOLD_B] = g_param_spec_string ("household-b", NULL, NULL, NULL, flags);
  properties[PROP_REASONS] = g_param_spec_uint ("reasons", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_duplicate_pair_init (PlDuplicatePair *self)
{
}

/**
 * pl_duplicate_pair_new:
 * @phone: (nullable): the shared phone, as written
 * @name: (nullable): the name alike in both, as the first family wrote it
 * @address: (nullable): the shared address, as the first family wrote it
 *
 * Returns: (transfer full): a new pair
 */
PlDuplicatePair *
pl_duplicate_pair_new (const char         *family_a,
                       const char         *household_a,
                       const char         *family_b,
                       const char         *household_b,
                       PlDuplicateReasons  reasons,
                       const char         *phone,
                       const char         *name,
                       const char         *address)
{
  PlDuplicatePair *self = g_object_new (PL_TYPE_DUPLICATE_PAIR, NULL);

  self->family_a = g_strdup (family_a);
  self->family_b = g_strdup (family_b);
  self->household_a = g_strdup (household_a);
  self->household_b = g_strdup (household_b);
  self->reasons = reasons;
  self->phone = g_strdup (phone);
  self->name = g_strdup (name);
  self->address = g_strdup (address);
  return self;
}

const char *
pl_duplicate_pair_get_family_a (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);
  return self->family_a;
}

const char *
pl_duplicate_pair_get_family_b (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);
  return self->family_b;
}

const char *
pl_duplicate_pair_get_household_a (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);
  return self->household_a;
}

const char *
pl_duplicate_pair_get_household_b (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);
  return self->household_b;
}

PlDuplicateReasons
pl_duplicate_pair_get_reasons (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), 0);
  return self->reasons;
}

const char *
pl_duplicate_pair_get_phone (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);
  return self->phone;
}

const char *
pl_duplicate_pair_get_name (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);
  return self->name;
}

const char *
pl_duplicate_pair_get_address (PlDuplicatePair *self)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);
  return self->address;
}

/* Built on first use: a list shows only the pairs on screen. */
const char *
pl_duplicate_pair_get_description (PlDuplicatePair *self)
{
  GString *text;

  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), NULL);

  if (self->description != NULL)
    return self->description;

  text = g_string_new (NULL);
  if ((self->reasons & PL_DUPLICATE_REASON_PHONE) && self->phone != NULL)
    /* Translators: %s is a phone number both families list */
    g_string_append_printf (text, _("Same phone: %s"), self->phone);
  if ((self->reasons & PL_DUPLICATE_REASON_GUARDIAN_AT_ADDRESS) && self->name != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: first %s is a guardian's name, second a street address */
      g_string_append_printf (text, _("Same guardian, “%s”, at %s"), self->name,
                              self->address ? self->address : "");
    }
  else if ((self->reasons & PL_DUPLICATE_REASON_GUARDIAN_NAME) && self->name != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s is a guardian's name */
      g_string_append_printf (text, _("Same guardian: “%s”"), self->name);
    }
  if (self->reasons & PL_DUPLICATE_REASON_HOUSEHOLD_AT_ADDRESS)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s is a street address */
      g_string_append_printf (text, _("Same household name at %s"),
                              self->address ? self->address : "");
    }
  else if (self->reasons & PL_DUPLICATE_REASON_HOUSEHOLD_NAME)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, _("Same household name"));
    }
  self->description = g_string_free (text, FALSE);
  return self->description;
}

gboolean
pl_duplicate_pair_has_family (PlDuplicatePair *self,
                              const char      *family_id)
{
  g_return_val_if_fail (PL_IS_DUPLICATE_PAIR (self), FALSE);
  return g_strcmp0 (self->family_a, family_id) == 0 || g_strcmp0 (self->family_b, family_id) == 0;
}
