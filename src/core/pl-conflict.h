/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_CONFLICT (pl_conflict_get_type ())
G_DECLARE_FINAL_TYPE (PlConflict, pl_conflict, PL, CONFLICT, GObject)

/* Two people changed one field without seeing each other's change: the
 * winner (the later clock) is in place everywhere, the loser kept here until
 * a person decides. Values are text as stored (NULL for no value). */
typedef enum
{
  PL_CONFLICT_KEEP_WINNER,
  PL_CONFLICT_KEEP_LOSER,
  PL_CONFLICT_KEEP_COMBINED,
} PlConflictChoice;

const char *pl_conflict_get_id             (PlConflict *self);
const char *pl_conflict_get_entity         (PlConflict *self);
const char *pl_conflict_get_row_id         (PlConflict *self);
const char *pl_conflict_get_field          (PlConflict *self);
const char *pl_conflict_get_winner_value   (PlConflict *self);
const char *pl_conflict_get_winner_hlc     (PlConflict *self);
const char *pl_conflict_get_loser_value    (PlConflict *self);
const char *pl_conflict_get_loser_hlc      (PlConflict *self);
const char *pl_conflict_get_loser_origin   (PlConflict *self);
/* The family the row belongs to and its household name, for showing it. */
const char *pl_conflict_get_family_id      (PlConflict *self);
const char *pl_conflict_get_household_name (PlConflict *self);

/* For the store only. */
PlConflict *_pl_conflict_new (const char *const *fields);

G_END_DECLS
