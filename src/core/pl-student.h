/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_STUDENT (pl_student_get_type ())
G_DECLARE_FINAL_TYPE (PlStudent, pl_student, PL, STUDENT, GObject)

/* Grades run from PL_GRADE_PK (-1, pre-kindergarten) and PL_GRADE_K (0) to 12. */
#define PL_GRADE_PK (-1)
#define PL_GRADE_K  0
#define PL_GRADE_MAX 12

/* Properties: "id", "district-id", "full-name", "school-id", "grade",
 * "emerging-bilingual", "iep", "plan-504". */
PlStudent  *pl_student_new                    (void);
PlStudent  *pl_student_copy                   (PlStudent *self);
const char *pl_student_get_id                 (PlStudent *self);
const char *pl_student_get_district_id        (PlStudent *self);
void        pl_student_set_district_id        (PlStudent *self, const char *value);
const char *pl_student_get_full_name          (PlStudent *self);
void        pl_student_set_full_name          (PlStudent *self, const char *value);
const char *pl_student_get_school_id          (PlStudent *self);
void        pl_student_set_school_id          (PlStudent *self, const char *value);
int         pl_student_get_grade              (PlStudent *self);
void        pl_student_set_grade              (PlStudent *self, int value);
gboolean    pl_student_get_emerging_bilingual (PlStudent *self);
void        pl_student_set_emerging_bilingual (PlStudent *self, gboolean value);
gboolean    pl_student_get_iep                (PlStudent *self);
void        pl_student_set_iep                (PlStudent *self, gboolean value);
gboolean    pl_student_get_plan_504           (PlStudent *self);
void        pl_student_set_plan_504           (PlStudent *self, gboolean value);

/* "PK", "K", "1" … "12", translated where the abbreviation is a word. */
char       *pl_grade_to_string                (int grade);
/* Parses "PK", "K", "KG", "Pre-K", "0"–"12", "Grade 3", "03"; FALSE when it is none. */
gboolean    pl_grade_parse                    (const char *text, int *grade);

G_END_DECLS
