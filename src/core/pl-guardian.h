/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_GUARDIAN (pl_guardian_get_type ())
G_DECLARE_FINAL_TYPE (PlGuardian, pl_guardian, PL, GUARDIAN, GObject)

/* Properties (all read-write, notify on change): "id", "full-name",
 * "relationship", "phone", "phone-alt", "email", "preferred-language",
 * "needs-interpreter", "can-text". */
PlGuardian *pl_guardian_new                   (void);
PlGuardian *pl_guardian_copy                  (PlGuardian *self);
const char *pl_guardian_get_id                (PlGuardian *self);
const char *pl_guardian_get_full_name         (PlGuardian *self);
void        pl_guardian_set_full_name         (PlGuardian *self, const char *value);
const char *pl_guardian_get_relationship      (PlGuardian *self);
void        pl_guardian_set_relationship      (PlGuardian *self, const char *value);
const char *pl_guardian_get_phone             (PlGuardian *self);
void        pl_guardian_set_phone             (PlGuardian *self, const char *value);
const char *pl_guardian_get_phone_alt         (PlGuardian *self);
void        pl_guardian_set_phone_alt         (PlGuardian *self, const char *value);
const char *pl_guardian_get_email             (PlGuardian *self);
void        pl_guardian_set_email             (PlGuardian *self, const char *value);
const char *pl_guardian_get_preferred_language (PlGuardian *self);
void        pl_guardian_set_preferred_language (PlGuardian *self, const char *value);
gboolean    pl_guardian_get_needs_interpreter (PlGuardian *self);
void        pl_guardian_set_needs_interpreter (PlGuardian *self, gboolean value);
gboolean    pl_guardian_get_can_text          (PlGuardian *self);
void        pl_guardian_set_can_text          (PlGuardian *self, gboolean value);

/* Relationship codes stored in the database, with their translated labels. */
const char *const *pl_guardian_relationships   (void);
const char        *pl_guardian_relationship_label (const char *code);

G_END_DECLS
