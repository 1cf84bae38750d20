/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_SCHOOL (pl_school_get_type ())
G_DECLARE_FINAL_TYPE (PlSchool, pl_school, PL, SCHOOL, GObject)

PlSchool   *pl_school_new            (void);
const char *pl_school_get_id         (PlSchool *self);
const char *pl_school_get_name       (PlSchool *self);
void        pl_school_set_name       (PlSchool *self, const char *name);
const char *pl_school_get_code       (PlSchool *self);
void        pl_school_set_code       (PlSchool *self, const char *code);
int         pl_school_get_grade_low  (PlSchool *self);
int         pl_school_get_grade_high (PlSchool *self);
void        pl_school_set_grade_low  (PlSchool *self, int value);
void        pl_school_set_grade_high (PlSchool *self, int value);
void        pl_school_set_grades     (PlSchool *self, int low, int high);

G_END_DECLS
