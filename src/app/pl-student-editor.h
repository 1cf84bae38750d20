/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pl-student.h"

G_BEGIN_DECLS

#define PL_TYPE_STUDENT_EDITOR (pl_student_editor_get_type ())
G_DECLARE_FINAL_TYPE (PlStudentEditor, pl_student_editor, PL, STUDENT_EDITOR, AdwPreferencesGroup)

/* The fields of one student in the family form. Edits go straight into
 * @student. @school_names and @school_ids are the district's schools, in
 * the same order. Signals: "changed" after any edit, "remove" when the
 * person asks to remove this student. */
GtkWidget *pl_student_editor_new           (PlStudent         *student,
                                            GListModel        *school_names,
                                            const char *const *school_ids);
PlStudent *pl_student_editor_get_student   (PlStudentEditor   *self);
/* Its place in the family, counting from 1, for the title of an unnamed student. */
void       pl_student_editor_set_number    (PlStudentEditor   *self,
                                            guint              number);
/* Like pl_guardian_editor_show_problems(). */
void       pl_student_editor_show_problems (PlStudentEditor   *self,
                                            GHashTable        *problems);
void       pl_student_editor_focus         (PlStudentEditor   *self);

G_END_DECLS
