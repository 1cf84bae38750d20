/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-student.h"
#include "pl-util-private.h"

struct _PlStudent
{
  GObject parent_instance;

  char    *id;
  char    *district_id;
  char    *full_name;
  char    *school_id;
  int      grade;
  gboolean emerging_bilingual;
  gboolean iep;
  gboolean plan_504;
};

G_DEFINE_FINAL_TYPE (PlStudent, pl_student, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISTRICT_ID,
  PROP_FULL_NAME,
  PROP_SCHOOL_ID,
  PROP_GRADE,
  PROP_EMERGING_BILINGUAL,
  PROP_IEP,
  PROP_PLAN_504,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_student_finalize (GObject *object)
{
  PlStudent *self = PL_STUDENT (object);

  g_free (self->id);
  g_free (self->district_id);
  g_free (self->full_name);
  g_free (self->school_id);

  G_OBJECT_CLASS (pl_student_parent_class)->finalize (object);
}

static void
pl_student_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PlStudent *self = PL_STUDENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DISTRICT_ID:
      g_value_set_string (value, self->district_id);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_SCHOOL_ID:
      g_value_set_string (value, self->school_id);
      break;
    case PROP_GRADE:
      g_value_set_int (value, self->grade);
      break;
    case PROP_EMERGING_BILINGUAL:
      g_value_set_boolean (value, self->emerging_bilingual);
      break;
    case PROP_IEP:
      g_value_set_boolean (value, self->iep);
      break;
    case PROP_PLAN_504:
      g_value_set_boolean (value, self->plan_504);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_student_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PlStudent *self = PL_STUDENT (object);

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
    case PROP_DISTRICT_ID:
      pl_student_set_district_id (self, g_value_get_string (value));
      break;
    case PROP_FULL_NAME:
      pl_student_set_full_name (self, g_value_get_string (value));
      break;
    case PROP_SCHOOL_ID:
      pl_student_set_school_id (self, g_value_get_string (value));
      break;
    case PROP_GRADE:
      pl_student_set_grade (self, g_value_get_int (value));
      break;
    case PROP_EMERGING_BILINGUAL:
      pl_student_set_emerging_bilingual (self, g_value_get_boolean (value));
      break;
    case PROP_IEP:
      pl_student_set_iep (self, g_value_get_boolean (value));
      break;
    case PROP_PLAN_504:
      pl_student_set_plan_504 (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_student_class_init (PlStudentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_student_finalize;
  object_class->get_property = pl_student_get_property;
  object_class->set_property = pl_student_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRICT_ID] =
    g_param_spec_string ("district-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHOOL_ID] =
    g_param_spec_string ("school-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRADE] =
    g_param_spec_int ("grade", NULL, NULL, PL_GRADE_PK - 1, PL_GRADE_MAX + 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMERGING_BILINGUAL] =
    g_param_spec_boolean ("emerging-bilingual", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IEP] =
    g_param_spec_boolean ("iep", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN_504] =
    g_param_spec_boolean ("plan-504", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_student_init (PlStudent *self)
{
  self->id = _pl_new_id ();
}

const char *
pl_student_get_id (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), NULL);
  return self->id;
}

const char *
pl_student_get_district_id (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), NULL);
  return self->district_id;
}

void
pl_student_set_district_id (PlStudent *self,
                           const char *value)
{
  g_return_if_fail (PL_IS_STUDENT (self));

  if (_pl_set_str (&self->district_id, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRICT_ID]);
}

const char *
pl_student_get_full_name (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), NULL);
  return self->full_name;
}

void
pl_student_set_full_name (PlStudent *self,
                         const char *value)
{
  g_return_if_fail (PL_IS_STUDENT (self));

  if (_pl_set_str (&self->full_name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FULL_NAME]);
}

const char *
pl_student_get_school_id (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), NULL);
  return self->school_id;
}

void
pl_student_set_school_id (PlStudent *self,
                         const char *value)
{
  g_return_if_fail (PL_IS_STUDENT (self));

  if (_pl_set_str (&self->school_id, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHOOL_ID]);
}

int
pl_student_get_grade (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), 0);
  return self->grade;
}

void
pl_student_set_grade (PlStudent *self,
                     int         value)
{
  g_return_if_fail (PL_IS_STUDENT (self));

  if (self->grade != value)
    {
      self->grade = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRADE]);
    }
}

gboolean
pl_student_get_emerging_bilingual (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), FALSE);
  return self->emerging_bilingual;
}

void
pl_student_set_emerging_bilingual (PlStudent *self,
                                  gboolean    value)
{
  g_return_if_fail (PL_IS_STUDENT (self));

  value = !!value;
  if (self->emerging_bilingual != value)
    {
      self->emerging_bilingual = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMERGING_BILINGUAL]);
    }
}

gboolean
pl_student_get_iep (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), FALSE);
  return self->iep;
}

void
pl_student_set_iep (PlStudent *self,
                   gboolean    value)
{
  g_return_if_fail (PL_IS_STUDENT (self));

  value = !!value;
  if (self->iep != value)
    {
      self->iep = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IEP]);
    }
}

gboolean
pl_student_get_plan_504 (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), FALSE);
  return self->plan_504;
}

void
pl_student_set_plan_504 (PlStudent *self,
                        gboolean    value)
{
  g_return_if_fail (PL_IS_STUDENT (self));

  value = !!value;
  if (self->plan_504 != value)
    {
      self->plan_504 = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_504]);
    }
}

PlStudent *
pl_student_new (void)
{
  return g_object_new (PL_TYPE_STUDENT, NULL);
}

/**
 * pl_student_copy:
 *
 * Returns: (transfer full): a student with the same id and values
 */
PlStudent *
pl_student_copy (PlStudent *self)
{
  g_return_val_if_fail (PL_IS_STUDENT (self), NULL);

  return g_object_new (PL_TYPE_STUDENT,
                       "id", self->id,
                       "district-id", self->district_id,
                       "full-name", self->full_name,
                       "school-id", self->school_id,
                       "grade", self->grade,
                       "emerging-bilingual", self->emerging_bilingual,
                       "iep", self->iep,
                       "plan-504", self->plan_504,
                       NULL);
}

char *
pl_grade_to_string (int grade)
{
  if (grade == PL_GRADE_PK)
    /* Translators: abbreviation of pre-kindergarten */
    return g_strdup (C_("grade", "PK"));
  if (grade == PL_GRADE_K)
    /* Translators: abbreviation of kindergarten */
    return g_strdup (C_("grade", "K"));
  return g_strdup_printf ("%d", grade);
}

gboolean
pl_grade_parse (const char *text,
                int        *grade)
{
  g_autofree char *folded = NULL;
  const char *p;
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;

  folded = g_ascii_strdown (g_strstrip (g_strdup (text)), -1);
  p = folded;

  if (g_str_has_prefix (p, "grade"))
    p = g_strstrip ((char *) p + strlen ("grade"));

  if (g_str_equal (p, "pk") || g_str_equal (p, "pre-k") || g_str_equal (p, "prek") ||
      g_str_equal (p, "pre-kindergarten") || g_str_equal (p, "-1"))
    {
      *grade = PL_GRADE_PK;
      return TRUE;
    }
  if (g_str_equal (p, "k") || g_str_equal (p, "kg") || g_str_equal (p, "kindergarten"))
    {
      *grade = PL_GRADE_K;
      return TRUE;
    }

  if (*p == '\0' || !g_ascii_isdigit (*p))
    return FALSE;
  value = g_ascii_strtoll (p, &end, 10);
  if (end == NULL || *end != '\0' || value < PL_GRADE_K || value > PL_GRADE_MAX)
    return FALSE;
  *grade = (int) value;
  return TRUE;
}
