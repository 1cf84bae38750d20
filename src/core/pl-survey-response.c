/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include "pl-survey-response.h"
#include "pl-survey-private.h"
#include "pl-util-private.h"

/* A plain record: the store validates and saves it. */
struct _PlSurveyResponse
{
  GObject parent_instance;

  char *id;
  char *survey_id;
  char *school_id;
  char *batch_id;
  char *form_code;
  char *language;
  char *mode;
  char *entered_by;
  char *verification;
  char *started_at;
  char *entered_at;
  guint keying;
  double keyed_seconds;
  GHashTable *answers;
};

G_DEFINE_FINAL_TYPE (PlSurveyResponse, pl_survey_response, G_TYPE_OBJECT)

static void
pl_survey_response_finalize (GObject *object)
{
  PlSurveyResponse *self = (PlSurveyResponse *) object;

  g_free (self->id);
  g_free (self->survey_id);
  g_free (self->school_id);
  g_free (self->batch_id);
  g_free (self->form_code);
  g_free (self->language);
  g_free (self->mode);
  g_free (self->entered_by);
  g_free (self->verification);
  g_free (self->started_at);
  g_free (self->entered_at);
  g_hash_table_unref (self->answers);

  G_OBJECT_CLASS (pl_survey_response_parent_class)->finalize (object);
}

static void
pl_survey_response_class_init (PlSurveyResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_survey_response_finalize;
}

static void
pl_survey_response_init (PlSurveyResponse *self)
{
  self->keying = 1;
  self->mode = g_strdup ("paper");
  self->verification = g_strdup ("single");
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static PlSurveyResponse *
new_with_id (char *id,
             const char *survey_id,
             const char *school_id)
{
  PlSurveyResponse *self = g_object_new (PL_TYPE_SURVEY_RESPONSE, NULL);

  self->id = id;
  self->survey_id = g_strdup (survey_id);
  self->school_id = g_strdup (school_id);
  return self;
}

PlSurveyResponse *
pl_survey_response_new (const char *survey_id, const char *school_id)
{
  return new_with_id (_pl_new_id (), survey_id, school_id);
}

PlSurveyResponse *
_pl_survey_response_new_stored (const char *id, const char *survey_id, const char *school_id)
{
  return new_with_id (g_strdup (id), survey_id, school_id);
}

const char *
pl_survey_response_get_id (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
pl_survey_response_get_survey_id (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->survey_id;
}

const char *
pl_survey_response_get_school_id (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->school_id;
}

const char *
pl_survey_response_get_batch_id (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->batch_id;
}

void
pl_survey_response_set_batch_id (PlSurveyResponse *self,
                                 const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->batch_id, value);
}

const char *
pl_survey_response_get_form_code (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->form_code;
}

void
pl_survey_response_set_form_code (PlSurveyResponse *self,
                                  const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->form_code, value);
}

const char *
pl_survey_response_get_language (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

void
pl_survey_response_set_language (PlSurveyResponse *self,
                                 const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->language, value);
}

const char *
pl_survey_response_get_mode (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->mode;
}

void
pl_survey_response_set_mode (PlSurveyResponse *self,
                             const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->mode, value);
}

const char *
pl_survey_response_get_entered_by (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->entered_by;
}

void
pl_survey_response_set_entered_by (PlSurveyResponse *self,
                                   const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->entered_by, value);
}

const char *
pl_survey_response_get_verification (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->verification;
}

void
pl_survey_response_set_verification (PlSurveyResponse *self,
                                     const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->verification, value);
}

const char *
pl_survey_response_get_started_at (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->started_at;
}

void
pl_survey_response_set_started_at (PlSurveyResponse *self,
                                   const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->started_at, value);
}

const char *
pl_survey_response_get_entered_at (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->entered_at;
}

void
pl_survey_response_set_entered_at (PlSurveyResponse *self,
                                   const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->entered_at, value);
}

guint
pl_survey_response_get_keying (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->keying;
}

void
pl_survey_response_set_keying (PlSurveyResponse *self,
                               guint             keying)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (keying == 1 || keying == 2);
  self->keying = keying;
}

double
pl_survey_response_get_keyed_seconds (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->keyed_seconds;
}

void
pl_survey_response_set_keyed_seconds (PlSurveyResponse *self,
                                      double            value)
{
  g_return_if_fail (self != NULL);
  self->keyed_seconds = MAX (value, 0);
}

GHashTable *
pl_survey_response_get_answers (PlSurveyResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->answers;
}

const char *
pl_survey_response_get_answer (PlSurveyResponse *self,
                               const char       *question_id)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_hash_table_lookup (self->answers, question_id);
}

void
pl_survey_response_set_answer (PlSurveyResponse *self,
                               const char       *question_id,
                               const char       *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (question_id != NULL);

  if (value == NULL || *value == '\0')
    g_hash_table_remove (self->answers, question_id);
  else
    g_hash_table_replace (self->answers, g_strdup (question_id), g_strdup (value));
}
