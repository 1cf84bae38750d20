/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-core.h"

/* A family as a liaison would enter it, with one guardian and one student. */
static inline PlFamily *
pl_test_make_family (const char *household,
                     const char *guardian_name,
                     const char *phone,
                     const char *student_name,
                     const char *school_id,
                     const char *language)
{
  PlFamily *family = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlStudent) student = pl_student_new ();

  pl_family_set_household_name (family, household);
  pl_family_set_home_language (family, language);
  pl_guardian_set_full_name (guardian, guardian_name);
  pl_guardian_set_phone (guardian, phone);
  pl_guardian_set_preferred_language (guardian, language);
  g_list_store_append (pl_family_get_guardians (family), guardian);
  if (student_name != NULL)
    {
      pl_student_set_full_name (student, student_name);
      pl_student_set_school_id (student, school_id);
      pl_student_set_grade (student, 3);
      g_list_store_append (pl_family_get_students (family), student);
    }
  return family;
}

static inline PlSchool *
pl_test_add_school (PlStore    *store,
                    const char *name)
{
  PlSchool *school = pl_school_new ();
  g_autoptr(GError) error = NULL;

  pl_school_set_name (school, name);
  pl_school_set_grades (school, PL_GRADE_PK, 5);
  pl_store_save_school (store, school, &error);
  g_assert_no_error (error);
  return school;
}

static inline void
pl_test_save (PlStore  *store,
              PlFamily *family)
{
  g_autoptr(GError) error = NULL;

  pl_store_save_family (store, family, &error);
  g_assert_no_error (error);
}
