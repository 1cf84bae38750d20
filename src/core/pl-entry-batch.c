/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include "pl-entry-batch.h"
#include "pl-survey-private.h"
#include "pl-util-private.h"

/* A plain record: the store validates and saves it. */
struct _PlEntryBatch
{
  GObject parent_instance;

  char *id;
  char *survey_id;
  char *school_id;
  char *received_on;
  char *entered_by;
  char *double_entry;
  char *second_keyer;
  char *status;
  guint form_count;
  guint sample_percent;
};

G_DEFINE_FINAL_TYPE (PlEntryBatch, pl_entry_batch, G_TYPE_OBJECT)

static void
pl_entry_batch_finalize (GObject *object)
{
  PlEntryBatch *self = (PlEntryBatch *) object;

  g_free (self->id);
  g_free (self->survey_id);
  g_free (self->school_id);
  g_free (self->received_on);
  g_free (self->entered_by);
  g_free (self->double_entry);
  g_free (self->second_keyer);
  g_free (self->status);

  G_OBJECT_CLASS (pl_entry_batch_parent_class)->finalize (object);
}

static void
pl_entry_batch_class_init (PlEntryBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_entry_batch_finalize;
}

static void
pl_entry_batch_init (PlEntryBatch *self)
{
  self->double_entry = g_strdup ("none");
  self->status = g_strdup ("open");
}

static PlEntryBatch *
new_with_id (char *id,
             const char *survey_id,
             const char *school_id)
{
  PlEntryBatch *self = g_object_new (PL_TYPE_ENTRY_BATCH, NULL);

  self->id = id;
  self->survey_id = g_strdup (survey_id);
  self->school_id = g_strdup (school_id);
  return self;
}

PlEntryBatch *
pl_entry_batch_new (const char *survey_id, const char *school_id)
{
  return new_with_id (_pl_new_id (), survey_id, school_id);
}

PlEntryBatch *
_pl_entry_batch_new_stored (const char *id, const char *survey_id, const char *school_id)
{
  return new_with_id (g_strdup (id), survey_id, school_id);
}

const char *
pl_entry_batch_get_id (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
pl_entry_batch_get_survey_id (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->survey_id;
}

const char *
pl_entry_batch_get_school_id (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->school_id;
}

const char *
pl_entry_batch_get_received_on (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->received_on;
}

void
pl_entry_batch_set_received_on (PlEntryBatch *self,
                                const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->received_on, value);
}

const char *
pl_entry_batch_get_entered_by (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->entered_by;
}

void
pl_entry_batch_set_entered_by (PlEntryBatch *self,
                               const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->entered_by, value);
}

const char *
pl_entry_batch_get_double_entry (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->double_entry;
}

void
pl_entry_batch_set_double_entry (PlEntryBatch *self,
                                 const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->double_entry, value);
}

const char *
pl_entry_batch_get_second_keyer (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->second_keyer;
}

void
pl_entry_batch_set_second_keyer (PlEntryBatch *self,
                                 const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->second_keyer, value);
}

const char *
pl_entry_batch_get_status (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->status;
}

void
pl_entry_batch_set_status (PlEntryBatch *self,
                           const char *value)
{
  g_return_if_fail (self != NULL);
  _pl_set_str (&self->status, value);
}

guint
pl_entry_batch_get_form_count (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->form_count;
}

void
pl_entry_batch_set_form_count (PlEntryBatch *self,
                               guint         value)
{
  g_return_if_fail (self != NULL);
  self->form_count = value;
}

guint
pl_entry_batch_get_sample_percent (PlEntryBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sample_percent;
}

void
pl_entry_batch_set_sample_percent (PlEntryBatch *self,
                                   guint         value)
{
  g_return_if_fail (self != NULL);
  self->sample_percent = MIN (value, 100);
}

PlEntryBatch *
pl_entry_batch_copy (PlEntryBatch *self)
{
  PlEntryBatch *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = new_with_id (g_strdup (self->id), self->survey_id, self->school_id);
  _pl_set_str (&copy->received_on, self->received_on);
  _pl_set_str (&copy->entered_by, self->entered_by);
  _pl_set_str (&copy->double_entry, self->double_entry);
  _pl_set_str (&copy->second_keyer, self->second_keyer);
  _pl_set_str (&copy->status, self->status);
  copy->form_count = self->form_count;
  copy->sample_percent = self->sample_percent;
  return copy;
}

gboolean
pl_entry_batch_wants_second_keying (PlEntryBatch *self,
                                    const char   *form_code)
{
  g_autofree char *sha = NULL;
  guint64 bucket;

  g_return_val_if_fail (self != NULL, FALSE);

  if (g_strcmp0 (self->double_entry, "all") == 0)
    return TRUE;
  if (g_strcmp0 (self->double_entry, "sample") != 0 || form_code == NULL)
    return FALSE;
  /* The same forms on every laptop, spread evenly whatever the serials:
   * the code's hash, not its serial, picks them. */
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, form_code, -1);
  sha[8] = '\0';
  bucket = g_ascii_strtoull (sha, NULL, 16) % 100;
  return bucket < self->sample_percent;
}
