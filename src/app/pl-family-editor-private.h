/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-family-editor.h"

G_BEGIN_DECLS

/* The copy being edited. */
PlFamily    *_pl_family_editor_get_family             (PlFamilyEditor *self);
GtkEditable *_pl_family_editor_get_household_name_row (PlFamilyEditor *self);
GtkWidget   *_pl_family_editor_get_guardian_editor    (PlFamilyEditor *self,
                                                       guint           index);
GtkWidget   *_pl_family_editor_get_student_editor     (PlFamilyEditor *self,
                                                       guint           index);
gboolean     _pl_family_editor_get_can_save           (PlFamilyEditor *self);
/* Shows every problem now instead of after the typing pause. */
void         _pl_family_editor_flush_problems         (PlFamilyEditor *self);

G_END_DECLS
