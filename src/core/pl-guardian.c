/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-guardian.h"
#include "pl-util-private.h"

struct _PlGuardian
{
  GObject parent_instance;

  char    *id;
  char    *full_name;
  char    *relationship;
  char    *phone;
  char    *phone_alt;
  char    *email;
  char    *preferred_language;
  gboolean needs_interpreter;
  gboolean can_text;
};

G_DEFINE_FINAL_TYPE (PlGuardian, pl_guardian, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FULL_NAME,
  PROP_RELATIONSHIP,
  PROP_PHONE,
  PROP_PHONE_ALT,
  PROP_EMAIL,
  PROP_PREFERRED_LANGUAGE,
  PROP_NEEDS_INTERPRETER,
  PROP_CAN_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_guardian_finalize (GObject *object)
{
  PlGuardian *self = PL_GUARDIAN (object);

  g_free (self->id);
  g_free (self->full_name);
  g_free (self->relationship);
  g_free (self->phone);
  g_free (self->phone_alt);
  g_free (self->email);
  g_free (self->preferred_language);

  G_OBJECT_CLASS (pl_guardian_parent_class)->finalize (object);
}

static void
pl_guardian_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlGuardian *self = PL_GUARDIAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_RELATIONSHIP:
      g_value_set_string (value, self->relationship);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_PHONE_ALT:
      g_value_set_string (value, self->phone_alt);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_PREFERRED_LANGUAGE:
      g_value_set_string (value, self->preferred_language);
      break;
    case PROP_NEEDS_INTERPRETER:
      g_value_set_boolean (value, self->needs_interpreter);
      break;
    case PROP_CAN_TEXT:
      g_value_set_boolean (value, self->can_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_guardian_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlGuardian *self = PL_GUARDIAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only properties are set even when not given: keep the
       * fresh id made in init unless a stored one is passed. */
      if (g_value_get_string (value) != NULL)
        {
          g_free (self->id);
          self->id = g_value_dup_string (value);
        }
      break;
    case PROP_FULL_NAME:
      pl_guardian_set_full_name (self, g_value_get_string (value));
      break;
    case PROP_RELATIONSHIP:
      pl_guardian_set_relationship (self, g_value_get_string (value));
      break;
    case PROP_PHONE:
      pl_guardian_set_phone (self, g_value_get_string (value));
      break;
    case PROP_PHONE_ALT:
      pl_guardian_set_phone_alt (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      pl_guardian_set_email (self, g_value_get_string (value));
      break;
    case PROP_PREFERRED_LANGUAGE:
      pl_guardian_set_preferred_language (self, g_value_get_string (value));
      break;
    case PROP_NEEDS_INTERPRETER:
      pl_guardian_set_needs_interpreter (self, g_value_get_boolean (value));
      break;
    case PROP_CAN_TEXT:
      pl_guardian_set_can_text (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_guardian_class_init (PlGuardianClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_guardian_finalize;
  object_class->get_property = pl_guardian_get_property;
  object_class->set_property = pl_guardian_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RELATIONSHIP] =
    g_param_spec_string ("relationship", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE_ALT] =
    g_param_spec_string ("phone-alt", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREFERRED_LANGUAGE] =
    g_param_spec_string ("preferred-language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_INTERPRETER] =
    g_param_spec_boolean ("needs-interpreter", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_TEXT] =
    g_param_spec_boolean ("can-text", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_guardian_init (PlGuardian *self)
{
  self->can_text = TRUE;
  self->id = _pl_new_id ();
}

const char *
pl_guardian_get_id (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);
  return self->id;
}

const char *
pl_guardian_get_full_name (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);
  return self->full_name;
}

void
pl_guardian_set_full_name (PlGuardian *self,
                          const char *value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  if (_pl_set_str (&self->full_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAME]);
}

const char *
pl_guardian_get_relationship (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);
  return self->relationship;
}

void
pl_guardian_set_relationship (PlGuardian *self,
                             const char *value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  if (_pl_set_str (&self->relationship, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP]);
}

const char *
pl_guardian_get_phone (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);
  return self->phone;
}

void
pl_guardian_set_phone (PlGuardian *self,
                      const char *value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  if (_pl_set_str (&self->phone, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
pl_guardian_get_phone_alt (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);
  return self->phone_alt;
}

void
pl_guardian_set_phone_alt (PlGuardian *self,
                          const char *value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  if (_pl_set_str (&self->phone_alt, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE_ALT]);
}

const char *
pl_guardian_get_email (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);
  return self->email;
}

void
pl_guardian_set_email (PlGuardian *self,
                      const char *value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  if (_pl_set_str (&self->email, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
pl_guardian_get_preferred_language (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);
  return self->preferred_language;
}

void
pl_guardian_set_preferred_language (PlGuardian *self,
                                   const char *value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  if (_pl_set_str (&self->preferred_language, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFERRED_LANGUAGE]);
}

gboolean
pl_guardian_get_needs_interpreter (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), FALSE);
  return self->needs_interpreter;
}

void
pl_guardian_set_needs_interpreter (PlGuardian *self,
                                  gboolean    value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  value = !!value;
  if (self->needs_interpreter != value)
    {
      self->needs_interpreter = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_INTERPRETER]);
    }
}

gboolean
pl_guardian_get_can_text (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), FALSE);
  return self->can_text;
}

void
pl_guardian_set_can_text (PlGuardian *self,
                         gboolean    value)
{
  g_return_if_fail (PL_IS_GUARDIAN (self));

  value = !!value;
  if (self->can_text != value)
    {
      self->can_text = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_TEXT]);
    }
}

PlGuardian *
pl_guardian_new (void)
{
  return g_object_new (PL_TYPE_GUARDIAN, NULL);
}

/**
 * pl_guardian_copy:
 *
 * Returns: (transfer full): a guardian with the same id and values, for an
 *   editor to change without touching the original
 */
PlGuardian *
pl_guardian_copy (PlGuardian *self)
{
  g_return_val_if_fail (PL_IS_GUARDIAN (self), NULL);

  return g_object_new (PL_TYPE_GUARDIAN,
                       "id", self->id,
                       "full-name", self->full_name,
                       "relationship", self->relationship,
                       "phone", self->phone,
                       "phone-alt", self->phone_alt,
                       "email", self->email,
                       "preferred-language", self->preferred_language,
                       "needs-interpreter", self->needs_interpreter,
                       "can-text", self->can_text,
                       NULL);
}

static const char *const relationships[] = {
  "mother", "father", "grandmother", "grandfather", "aunt", "uncle",
  "sibling", "foster-parent", "guardian", "other", NULL,
};

const char *const *
pl_guardian_relationships (void)
{
  return relationships;
}

const char *
pl_guardian_relationship_label (const char *code)
{
  if (g_strcmp0 (code, "mother") == 0)
    return C_("relationship", "Mother");
  if (g_strcmp0 (code, "father") == 0)
    return C_("relationship", "Father");
  if (g_strcmp0 (code, "grandmother") == 0)
    return C_("relationship", "Grandmother");
  if (g_strcmp0 (code, "grandfather") == 0)
    return C_("relationship", "Grandfather");
  if (g_strcmp0 (code, "aunt") == 0)
    return C_("relationship", "Aunt");
  if (g_strcmp0 (code, "uncle") == 0)
    return C_("relationship", "Uncle");
  if (g_strcmp0 (code, "sibling") == 0)
    return C_("relationship", "Adult Sibling");
  if (g_strcmp0 (code, "foster-parent") == 0)
    return C_("relationship", "Foster Parent");
  if (g_strcmp0 (code, "guardian") == 0)
    return C_("relationship", "Legal Guardian");
  if (g_strcmp0 (code, "other") == 0)
    return C_("relationship", "Other");
  return code ? code : "";
}
