/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-refused-change.h"

struct _PlRefusedChange
{
  GObject   parent_instance;

  /* Read-only once made: what the journal and the server said. */
  char     *change_id;
  char     *entity;
  char     *row_id;
  gboolean  is_insert;
  GStrv     fields;
  char     *code;
  char     *message;
  char     *family_id;
  char     *household_name;
};

G_DEFINE_FINAL_TYPE (PlRefusedChange, pl_refused_change, G_TYPE_OBJECT)

static void
pl_refused_change_finalize (GObject *object)
{
  PlRefusedChange *self = PL_REFUSED_CHANGE (object);

  g_free (self->change_id);
  g_free (self->entity);
  g_free (self->row_id);
  g_strfreev (self->fields);
  g_free (self->code);
  g_free (self->message);
  g_free (self->family_id);
  g_free (self->household_name);

  G_OBJECT_CLASS (pl_refused_change_parent_class)->finalize (object);
}

static void
pl_refused_change_class_init (PlRefusedChangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_refused_change_finalize;
}

static void
pl_refused_change_init (PlRefusedChange *self)
{
}

/* @fields: (transfer full) (nullable) */
PlRefusedChange *
_pl_refused_change_new (const char *change_id,
                        const char *entity,
                        const char *row_id,
                        gboolean    is_insert,
                        GStrv       fields,
                        const char *code,
                        const char *message,
                        const char *family_id,
                        const char *household_name)
{
  PlRefusedChange *self = g_object_new (PL_TYPE_REFUSED_CHANGE, NULL);

  self->change_id = g_strdup (change_id);
  self->entity = g_strdup (entity);
  self->row_id = g_strdup (row_id);
  self->is_insert = is_insert;
  self->fields = fields;
  self->code = g_strdup (code);
  self->message = g_strdup (message);
  self->family_id = g_strdup (family_id);
  self->household_name = g_strdup (household_name);
  return self;
}

#define GETTER(name) \
  const char * \
  pl_refused_change_get_##name (PlRefusedChange *self) \
  { \
    g_return_val_if_fail (PL_IS_REFUSED_CHANGE (self), NULL); \
    return self->name; \
  }

GETTER (change_id)
GETTER (entity)
GETTER (row_id)
GETTER (code)
GETTER (message)
GETTER (family_id)
GETTER (household_name)

#undef GETTER

gboolean
pl_refused_change_get_is_insert (PlRefusedChange *self)
{
  g_return_val_if_fail (PL_IS_REFUSED_CHANGE (self), FALSE);
  return self->is_insert;
}

const char * const *
pl_refused_change_get_fields (PlRefusedChange *self)
{
  g_return_val_if_fail (PL_IS_REFUSED_CHANGE (self), NULL);
  return (const char * const *) self->fields;
}
