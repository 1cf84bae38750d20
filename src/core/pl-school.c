/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pl-school.h"
#include "pl-util-private.h"

struct _PlSchool
{
  GObject parent_instance;

  char    *id;
  char    *name;
  char    *code;
  int      grade_low;
  int      grade_high;
};

G_DEFINE_FINAL_TYPE (PlSchool, pl_school, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CODE,
  PROP_GRADE_LOW,
  PROP_GRADE_HIGH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_school_finalize (GObject *object)
{
  PlSchool *self = PL_SCHOOL (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->code);

  G_OBJECT_CLASS (pl_school_parent_class)->finalize (object);
}

static void
pl_school_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlSchool *self = PL_SCHOOL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_GRADE_LOW:
      g_value_set_int (value, self->grade_low);
      break;
    case PROP_GRADE_HIGH:
      g_value_set_int (value, self->grade_high);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_school_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PlSchool *self = PL_SCHOOL (object);

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
    case PROP_NAME:
      pl_school_set_name (self, g_value_get_string (value));
      break;
    case PROP_CODE:
      pl_school_set_code (self, g_value_get_string (value));
      break;
    case PROP_GRADE_LOW:
      pl_school_set_grade_low (self, g_value_get_int (value));
      break;
    case PROP_GRADE_HIGH:
      pl_school_set_grade_high (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_school_class_init (PlSchoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_school_finalize;
  object_class->get_property = pl_school_get_property;
  object_class->set_property = pl_school_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRADE_LOW] =
    g_param_spec_int ("grade-low", NULL, NULL, -1, 12, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRADE_HIGH] =
    g_param_spec_int ("grade-high", NULL, NULL, -1, 12, 12,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_school_init (PlSchool *self)
{
  self->grade_low = -1;
  self->grade_high = 12;
  self->id = _pl_new_id ();
}

const char *
pl_school_get_id (PlSchool *self)
{
  g_return_val_if_fail (PL_IS_SCHOOL (self), NULL);
  return self->id;
}

const char *
pl_school_get_name (PlSchool *self)
{
  g_return_val_if_fail (PL_IS_SCHOOL (self), NULL);
  return self->name;
}

void
pl_school_set_name (PlSchool *self,
                   const char *value)
{
  g_return_if_fail (PL_IS_SCHOOL (self));

  if (_pl_set_str (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pl_school_get_code (PlSchool *self)
{
  g_return_val_if_fail (PL_IS_SCHOOL (self), NULL);
  return self->code;
}

void
pl_school_set_code (PlSchool *self,
                   const char *value)
{
  g_return_if_fail (PL_IS_SCHOOL (self));

  if (_pl_set_str (&self->code, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

int
pl_school_get_grade_low (PlSchool *self)
{
  g_return_val_if_fail (PL_IS_SCHOOL (self), 0);
  return self->grade_low;
}

void
pl_school_set_grade_low (PlSchool *self,
                        int         value)
{
  g_return_if_fail (PL_IS_SCHOOL (self));

  if (self->grade_low != value)
    {
      self->grade_low = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRADE_LOW]);
    }
}

int
pl_school_get_grade_high (PlSchool *self)
{
  g_return_val_if_fail (PL_IS_SCHOOL (self), 0);
  return self->grade_high;
}

void
pl_school_set_grade_high (PlSchool *self,
                         int         value)
{
  g_return_if_fail (PL_IS_SCHOOL (self));

  if (self->grade_high != value)
    {
      self->grade_high = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRADE_HIGH]);
    }
}

PlSchool *
pl_school_new (void)
{
  return g_object_new (PL_TYPE_SCHOOL, NULL);
}

void
pl_school_set_grades (PlSchool *self,
                      int       low,
                      int       high)
{
  pl_school_set_grade_low (self, low);
  pl_school_set_grade_high (self, high);
}
