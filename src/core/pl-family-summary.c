/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-family-summary.h"

struct _PlFamilySummary
{
  GObject parent_instance;

  char *id;
  char *household_name;
  char *guardians;
  char *students;
  char *home_language;
};

G_DEFINE_FINAL_TYPE (PlFamilySummary, pl_family_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HOUSEHOLD_NAME,
  PROP_GUARDIANS,
  PROP_STUDENTS,
  PROP_HOME_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_family_summary_finalize (GObject *object)
{
  PlFamilySummary *self = PL_FAMILY_SUMMARY (object);

  g_free (self->id);
  g_free (self->household_name);
  g_free (self->guardians);
  g_free (self->students);
  g_free (self->home_language);

  G_OBJECT_CLASS (pl_family_summary_parent_class)->finalize (object);
}

static void
pl_family_summary_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PlFamilySummary *self = PL_FAMILY_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_HOUSEHOLD_NAME:
      g_value_set_string (value, self->household_name);
      break;
    case PROP_GUARDIANS:
      g_value_set_string (value, self->guardians);
      break;
    case PROP_STUDENTS:
      g_value_set_string (value, self->students);
      break;
    case PROP_HOME_LANGUAGE:
      g_value_set_string (value, self->home_language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_family_summary_class_init (PlFamilySummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pl_family_summary_finalize;
  object_class->get_property = pl_family_summary_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_HOUSEHOLD_NAME] = g_param_spec_string ("household-name", NULL, NULL, NULL, flags);
  properties[PROP_GUARDIANS] = g_param_spec_string ("guardians", NULL, NULL, NULL, flags);
  properties[PROP_STUDENTS] = g_param_spec_string ("students", NULL, NULL, NULL, flags);
  properties[PROP_HOME_LANGUAGE] = g_param_spec_string ("home-language", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_family_summary_init (PlFamilySummary *self)
{
}

PlFamilySummary *
pl_family_summary_new (const char *id,
                       const char *household_name,
                       const char *guardians,
                       const char *students,
                       const char *home_language)
{
  PlFamilySummary *self = g_object_new (PL_TYPE_FAMILY_SUMMARY, NULL);

  self->id = g_strdup (id);
  self->household_name = g_strdup (household_name);
  self->guardians = g_strdup (guardians);
  self->students = g_strdup (students);
  self->home_language = g_strdup (home_language);
  return self;
}

const char *
pl_family_summary_get_id (PlFamilySummary *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_SUMMARY (self), NULL);
  return self->id;
}

const char *
pl_family_summary_get_household_name (PlFamilySummary *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_SUMMARY (self), NULL);
  return self->household_name;
}

const char *
pl_family_summary_get_guardians (PlFamilySummary *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_SUMMARY (self), NULL);
  return self->guardians;
}

const char *
pl_family_summary_get_students (PlFamilySummary *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_SUMMARY (self), NULL);
  return self->students;
}

const char *
pl_family_summary_get_home_language (PlFamilySummary *self)
{
  g_return_val_if_fail (PL_IS_FAMILY_SUMMARY (self), NULL);
  return self->home_language;
}
