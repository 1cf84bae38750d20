/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_REFUSED_CHANGE (pl_refused_change_get_type ())
G_DECLARE_FINAL_TYPE (PlRefusedChange, pl_refused_change, PL, REFUSED_CHANGE, GObject)

/* A change made on this device that the server refused (doc/sync-protocol.md,
 * "A refused change"): set aside, so the changes after it still go, until a
 * person sends it again or discards it. */
const char         *pl_refused_change_get_change_id      (PlRefusedChange *self);
const char         *pl_refused_change_get_entity         (PlRefusedChange *self);
const char         *pl_refused_change_get_row_id         (PlRefusedChange *self);
/* TRUE for a new row; FALSE for a change to some of a row's fields. */
gboolean            pl_refused_change_get_is_insert      (PlRefusedChange *self);
/* The fields an update changed (NULL for an insert), in the journal's order. */
const char * const *pl_refused_change_get_fields         (PlRefusedChange *self);
/* The server's error code ("forbidden-school", "too-long", …) and its words. */
const char         *pl_refused_change_get_code           (PlRefusedChange *self);
const char         *pl_refused_change_get_message        (PlRefusedChange *self);
/* The family the row belongs to and its household name, for showing it. */
const char         *pl_refused_change_get_family_id      (PlRefusedChange *self);
const char         *pl_refused_change_get_household_name (PlRefusedChange *self);

/* For the store only. */
PlRefusedChange    *_pl_refused_change_new (const char         *change_id,
                                            const char         *entity,
                                            const char         *row_id,
                                            gboolean            is_insert,
                                            GStrv               fields,
                                            const char         *code,
                                            const char         *message,
                                            const char         *family_id,
                                            const char         *household_name);

G_END_DECLS
