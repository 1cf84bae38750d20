/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include "pl-conflict.h"

enum {
  F_ID, F_ENTITY, F_ROW_ID, F_FIELD, F_WINNER_VALUE, F_WINNER_HLC, F_LOSER_VALUE, F_LOSER_HLC,
  F_LOSER_ORIGIN, F_FAMILY_ID, F_HOUSEHOLD_NAME, N_FIELDS
};

struct _PlConflict
{
  GObject parent_instance;

  /* Read-only once made, so plain strings by index rather than properties. */
  char   *fields[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PlConflict, pl_conflict, G_TYPE_OBJECT)

static void
pl_conflict_finalize (GObject *object)
{
  PlConflict *self = PL_CONFLICT (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i]);

  G_OBJECT_CLASS (pl_conflict_parent_class)->finalize (object);
}

static void
pl_conflict_class_init (PlConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_conflict_finalize;
}

static void
pl_conflict_init (PlConflict *self)
{
}

/* @fields: N_FIELDS strings (NULL allowed), in the order of the getters. */
PlConflict *
_pl_conflict_new (const char *const *fields)
{
  PlConflict *self = g_object_new (PL_TYPE_CONFLICT, NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    self->fields[i] = g_strdup (fields[i]);
  return self;
}

#define GETTER(name, index) \
  const char * \
  pl_conflict_get_##name (PlConflict *self) \
  { \
    g_return_val_if_fail (PL_IS_CONFLICT (self), NULL); \
    return self->fields[index]; \
  }

GETTER (id, F_ID)
GETTER (entity, F_ENTITY)
GETTER (row_id, F_ROW_ID)
GETTER (field, F_FIELD)
GETTER (winner_value, F_WINNER_VALUE)
GETTER (winner_hlc, F_WINNER_HLC)
GETTER (loser_value, F_LOSER_VALUE)
GETTER (loser_hlc, F_LOSER_HLC)
GETTER (loser_origin, F_LOSER_ORIGIN)
GETTER (family_id, F_FAMILY_ID)
GETTER (household_name, F_HOUSEHOLD_NAME)
