/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"

static void
test_phone (void)
{
  const char *good[] = { "(413) 555-0199", "413.555.0199", "4135550199", "1 413 555 0199",
                         "+1 413 555 0199", "+977 1 4412345", "", NULL };
  const char *bad[] = { "555-0199", "413-555-01999", "call me", "(413) 555-O199", "+12", NULL };

  for (guint i = 0; good[i]; i++)
    {
      g_autofree char *message = pl_check_phone (good[i]);
      g_assert_null (message);
    }
  for (guint i = 0; bad[i]; i++)
    {
      g_autofree char *message = pl_check_phone (bad[i]);
      g_assert_nonnull (message);
      /* The message names the value so the person sees what to fix. */
      g_assert_nonnull (strstr (message, bad[i]));
    }
}

static void
test_email (void)
{
  const char *good[] = { "ana@example.org", "a.b+c@mail.example.com", NULL };
  const char *bad[] = { "ana", "ana@", "@example.org", "ana@example", "a na@example.org",
                        "a@b@example.org", "ana@example.", NULL };

  for (guint i = 0; good[i]; i++)
    {
      g_autofree char *message = pl_check_email (good[i]);
      g_assert_null (message);
    }
  for (guint i = 0; bad[i]; i++)
    {
      g_autofree char *message = pl_check_email (bad[i]);
      g_assert_nonnull (message);
    }
}

static void
test_grade (void)
{
  int grade;
  g_autofree char *too_high = pl_check_grade (13);
  g_autofree char *too_low = pl_check_grade (-2);
  g_autofree char *k = pl_grade_to_string (PL_GRADE_K);

  g_assert_nonnull (too_high);
  g_assert_nonnull (too_low);
  for (int g = PL_GRADE_PK; g <= PL_GRADE_MAX; g++)
    {
      g_autofree char *message = pl_check_grade (g);
      g_assert_null (message);
    }

  g_assert_true (pl_grade_parse ("K", &grade) && grade == PL_GRADE_K);
  g_assert_true (pl_grade_parse ("KG", &grade) && grade == PL_GRADE_K);
  g_assert_true (pl_grade_parse ("Pre-K", &grade) && grade == PL_GRADE_PK);
  g_assert_true (pl_grade_parse ("03", &grade) && grade == 3);
  g_assert_true (pl_grade_parse ("Grade 12", &grade) && grade == 12);
  g_assert_false (pl_grade_parse ("13", &grade));
  g_assert_false (pl_grade_parse ("3rd", &grade));
  g_assert_false (pl_grade_parse ("", &grade));
  g_assert_cmpstr (k, ==, "K");
}

static void
test_check (void)
{
  g_autoptr(PlFamily) family = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlStudent) student = pl_student_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  pl_guardian_set_phone (guardian, "555");
  pl_guardian_set_email (guardian, "nope");
  pl_student_set_full_name (student, "Ana Pérez");
  pl_student_set_grade (student, 14);
  pl_family_set_zip (family, "1109");
  g_list_store_append (pl_family_get_guardians (family), guardian);
  g_list_store_append (pl_family_get_students (family), student);

  problems = pl_family_check (family);
  for (guint i = 0; i < problems->len; i++)
    {
      PlFieldProblem *problem = g_ptr_array_index (problems, i);
      g_hash_table_add (fields, problem->field);
    }
  g_assert_true (g_hash_table_contains (fields, "household-name"));
  g_assert_true (g_hash_table_contains (fields, "zip"));
  g_assert_true (g_hash_table_contains (fields, "guardian:0:full-name"));
  g_assert_true (g_hash_table_contains (fields, "guardian:0:phone"));
  g_assert_true (g_hash_table_contains (fields, "guardian:0:email"));
  g_assert_true (g_hash_table_contains (fields, "student:0:grade"));
  g_assert_false (g_hash_table_contains (fields, "student:0:full-name"));
  g_assert_cmpuint (problems->len, ==, 6);

  g_assert_false (pl_family_validate (family, &error));
  g_assert_error (error, PL_FAMILY_ERROR, PL_FAMILY_ERROR_REQUIRED);

  /* Once fixed, the family is valid; blanks count as "no value". */
  pl_family_set_household_name (family, "Pérez");
  pl_family_set_zip (family, "01109");
  pl_guardian_set_full_name (guardian, "Rosa Pérez");
  pl_guardian_set_phone (guardian, "(413) 555-0100");
  pl_guardian_set_email (guardian, "");
  pl_student_set_grade (student, 3);
  g_clear_error (&error);
  g_assert_true (pl_family_validate (family, &error));
  g_assert_no_error (error);
  g_assert_null (pl_guardian_get_email (guardian));
}

static void
test_copy (void)
{
  g_autoptr(PlFamily) family = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(PlFamily) copy = NULL;
  g_autoptr(PlGuardian) copied_guardian = NULL;

  pl_family_set_household_name (family, "Haddad");
  pl_guardian_set_full_name (guardian, "Fatima Haddad");
  pl_guardian_set_needs_interpreter (guardian, TRUE);
  g_list_store_append (pl_family_get_guardians (family), guardian);

  copy = pl_family_copy (family);
  copied_guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (copy)), 0);
  g_assert_cmpstr (pl_family_get_id (copy), ==, pl_family_get_id (family));
  g_assert_cmpstr (pl_guardian_get_id (copied_guardian), ==, pl_guardian_get_id (guardian));
  g_assert_true (pl_guardian_get_needs_interpreter (copied_guardian));

  /* Editing the copy leaves the original as it was (an editor's Cancel). */
  pl_guardian_set_full_name (copied_guardian, "Fatima Al-Haddad");
  g_assert_cmpstr (pl_guardian_get_full_name (guardian), ==, "Fatima Haddad");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/family/phone", test_phone);
  g_test_add_func ("/family/email", test_email);
  g_test_add_func ("/family/grade", test_grade);
  g_test_add_func ("/family/check", test_check);
  g_test_add_func ("/family/copy", test_copy);
  return g_test_run ();
}
