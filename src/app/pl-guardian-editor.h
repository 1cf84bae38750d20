/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-guardian.h"

G_BEGIN_DECLS

#define PL_TYPE_GUARDIAN_EDITOR (pl_guardian_editor_get_type ())
G_DECLARE_FINAL_TYPE (PlGuardianEditor, pl_guardian_editor, PL, GUARDIAN_EDITOR, AdwPreferencesGroup)

/* The fields of one guardian in the family form. Edits go straight into
 * @guardian. Signals: "changed" after any edit, "remove" when the person
 * asks to remove this guardian. */
GtkWidget  *pl_guardian_editor_new           (PlGuardian       *guardian);
PlGuardian *pl_guardian_editor_get_guardian  (PlGuardianEditor *self);
/* Its place in the family, counting from 1, for the title of an unnamed guardian. */
void        pl_guardian_editor_set_number    (PlGuardianEditor *self,
                                              guint             number);
/* Shows the problems of this guardian: field name ("phone", …) → message.
 * A field shows its problem once it was edited or when it holds a value;
 * fields it has no row for are left in @problems for the caller. */
void        pl_guardian_editor_show_problems (PlGuardianEditor *self,
                                              GHashTable       *problems);
void        pl_guardian_editor_focus         (PlGuardianEditor *self);

G_END_DECLS
