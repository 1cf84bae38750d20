/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"
#include "pl-test-util.h"

/* The district roster import on files the tests write the way real exports
 * come: a BOM, Windows-1252, CRLF, quotes, blank lines, repeated headers,
 * siblings over several rows, bad grades and dates; then next month's file. */

typedef struct
{
  char     *dir;
  PlStore  *store;
  PlSchool *brightwood;
  PlSchool *kiley;
} Fixture;

#define HEADER "Student ID,Last Name,First Name,Grade,School,Guardian Name,Relationship,Phone," \
               "Email,Home Language,Address,City,Zip\r\n"

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("porchlight-roster-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "district.db", NULL);
  f->store = pl_store_open (path, &error);
  g_assert_no_error (error);

  f->brightwood = pl_school_new ();
  pl_school_set_name (f->brightwood, "Brightwood Elementary School");
  pl_school_set_code (f->brightwood, "BRW");
  pl_school_set_grades (f->brightwood, PL_GRADE_PK, 5);
  pl_store_save_school (f->store, f->brightwood, &error);
  g_assert_no_error (error);
  f->kiley = pl_school_new ();
  pl_school_set_name (f->kiley, "Kiley Middle School");
  pl_school_set_code (f->kiley, "KIL");
  pl_school_set_grades (f->kiley, 6, 8);
  pl_store_save_school (f->store, f->kiley, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->brightwood);
  g_clear_object (&f->kiley);
  g_clear_object (&f->store);
  pl_test_dir_remove (f->dir);
  g_free (f->dir);
}

static char *
write_roster (Fixture    *f,
              const char *name,
              const char *content)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, content, -1, &error);
  g_assert_no_error (error);
  return path;
}

#define SUCCEEDS (-1)

/* Imports @path; asserts success, or the @expected_error code. */
static PlRosterImport *
import_with (Fixture    *f,
             const char *path,
             gboolean    skip_invalid,
             gboolean    dry_run,
             int         expected_error)
{
  g_autoptr(GError) error = NULL;
  PlRosterImport *import = pl_roster_import_new (path);

  pl_roster_import_set_skip_invalid (import, skip_invalid);
  pl_roster_import_set_dry_run (import, dry_run);
  if (expected_error == SUCCEEDS)
    {
      g_assert_true (pl_roster_import_run (import, f->store, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (pl_roster_import_run (import, f->store, NULL, NULL, NULL, &error));
      g_assert_error (error, PL_ROSTER_IMPORT_ERROR, expected_error);
    }
  return import;
}

static PlRosterImport *
import_ok (Fixture    *f,
           const char *path)
{
  return import_with (f, path, FALSE, FALSE, SUCCEEDS);
}

/* The family holding the student with @district_id, found the way a
 * liaison would: by searching for the id. */
static PlFamily *
family_of (Fixture    *f,
           const char *district_id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = pl_store_search_families (f->store, district_id, 50, &error);
  PlFamily *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(PlFamily) family = pl_store_load_family (f->store, ids[i], &error);
      GListModel *students;

      g_assert_no_error (error);
      students = G_LIST_MODEL (pl_family_get_students (family));
      for (guint s = 0; s < g_list_model_get_n_items (students); s++)
        {
          g_autoptr(PlStudent) student = g_list_model_get_item (students, s);

          if (g_strcmp0 (pl_student_get_district_id (student), district_id) == 0)
            {
              /* A student is in one family only: never duplicated. */
              g_assert_null (found);
              found = g_object_ref (family);
            }
        }
    }
  return found;
}

static PlStudent *
student_of (PlFamily   *family,
            const char *district_id)
{
  GListModel *students = G_LIST_MODEL (pl_family_get_students (family));

  for (guint s = 0; s < g_list_model_get_n_items (students); s++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (students, s);

      if (g_strcmp0 (pl_student_get_district_id (student), district_id) == 0)
        return student;
    }
  g_assert_not_reached ();
}

static PlGuardian *
guardian_at (PlFamily *family,
             guint     index)
{
  g_autoptr(PlGuardian) guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)),
                                                          index);
  g_assert_nonnull (guardian);
  return guardian;
}

static guint
n_students (PlFamily *family)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (family)));
}

static guint
n_guardians (PlFamily *family)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (family)));
}

static gint64
journal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pl_store_count_journal (f->store, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
families (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pl_store_count_families (f->store, &error);

  g_assert_no_error (error);
  return n;
}

/* The reason given for the rejected row on @line, or NULL. */
static const char *
rejected_reason (PlRosterImport *import,
                 guint           line)
{
  for (guint i = 0; i < pl_roster_import_get_n_rejected (import); i++)
    {
      const char *reason;

      if (pl_roster_import_get_rejected (import, i, &reason) == line)
        return reason;
    }
  return NULL;
}

static void
test_headers (void)
{
  const struct { const char *header; PlRosterField field; } cases[] = {
    { "Student ID", PL_ROSTER_FIELD_STUDENT_ID },
    { "Student Number", PL_ROSTER_FIELD_STUDENT_ID },
    { "SASID", PL_ROSTER_FIELD_STUDENT_ID },
    { "  STUDENT   id ", PL_ROSTER_FIELD_STUDENT_ID },
    { "student_id", PL_ROSTER_FIELD_STUDENT_ID },
    { "Student #", PL_ROSTER_FIELD_STUDENT_ID },
    { "Last Name", PL_ROSTER_FIELD_LAST_NAME },
    { "Student Last Name", PL_ROSTER_FIELD_LAST_NAME },
    { "First Name", PL_ROSTER_FIELD_FIRST_NAME },
    { "Student Name", PL_ROSTER_FIELD_STUDENT_NAME },
    { "Grade", PL_ROSTER_FIELD_GRADE },
    { "Grade Level", PL_ROSTER_FIELD_GRADE },
    { "School", PL_ROSTER_FIELD_SCHOOL },
    { "School Name", PL_ROSTER_FIELD_SCHOOL },
    { "Guardian Name", PL_ROSTER_FIELD_GUARDIAN_NAME },
    { "Contact Name", PL_ROSTER_FIELD_GUARDIAN_NAME },
    { "Parent/Guardian Name", PL_ROSTER_FIELD_GUARDIAN_NAME },
    { "Relationship", PL_ROSTER_FIELD_RELATIONSHIP },
    { "Phone", PL_ROSTER_FIELD_PHONE },
    { "Home Phone", PL_ROSTER_FIELD_PHONE },
    { "Cell Phone", PL_ROSTER_FIELD_CELL_PHONE },
    { "Email", PL_ROSTER_FIELD_EMAIL },
    { "E-mail", PL_ROSTER_FIELD_EMAIL },
    { "Home Language", PL_ROSTER_FIELD_HOME_LANGUAGE },
    { "Primary Language", PL_ROSTER_FIELD_HOME_LANGUAGE },
    { "Language", PL_ROSTER_FIELD_HOME_LANGUAGE },
    { "EL Status", PL_ROSTER_FIELD_EL_STATUS },
    { "IEP", PL_ROSTER_FIELD_IEP },
    { "504 Plan", PL_ROSTER_FIELD_PLAN_504 },
    { "Address", PL_ROSTER_FIELD_ADDRESS },
    { "City", PL_ROSTER_FIELD_CITY },
    { "Zip", PL_ROSTER_FIELD_ZIP },
    { "ZIP Code", PL_ROSTER_FIELD_ZIP },
    { "Date of Birth", PL_ROSTER_FIELD_BIRTH_DATE },
    { "Gender", PL_ROSTER_FIELD_IGNORE },
    { "Ethnicity", PL_ROSTER_FIELD_IGNORE },
  };
  PlRosterField field;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("header %s", cases[i].header);
      g_assert_cmpint (pl_roster_field_for_header (cases[i].header), ==, cases[i].field);
    }

  g_assert_true (pl_roster_field_from_name ("student_id", &field));
  g_assert_cmpint (field, ==, PL_ROSTER_FIELD_STUDENT_ID);
  g_assert_true (pl_roster_field_from_name ("Guardian Name", &field));
  g_assert_cmpint (field, ==, PL_ROSTER_FIELD_GUARDIAN_NAME);
  g_assert_true (pl_roster_field_from_name ("ignore", &field));
  g_assert_cmpint (field, ==, PL_ROSTER_FIELD_IGNORE);
  g_assert_false (pl_roster_field_from_name ("shoe_size", &field));
  for (guint i = 0; i < PL_ROSTER_N_FIELDS; i++)
    {
      g_assert_true (pl_roster_field_from_name (pl_roster_field_get_name (i), &field));
      g_assert_cmpint (field, ==, i);
      g_assert_nonnull (pl_roster_field_get_label (i));
    }
}

static void
test_messy_file (Fixture       *f,
                 gconstpointer  data)
{
  /* A BOM, CRLF, blank lines, trailing spaces, a quoted address over two
   * lines, a "Last, First" name with a comma, doubled quotes, the header
   * again in the middle, and a bad grade on a line after all of that. */
  g_autofree char *path =
    write_roster (f, "messy.csv",
                  "\xEF\xBB\xBF" "Student Number , Student Name,Grade Level,School Name,Contact Name,"
                  "Home Phone,Address,City,Zip  \r\n"
                  "\r\n"
                  "1001,\"García, Ana\"  ,03,Brightwood Elementary,\"María \"\"Mari\"\" García\","
                  "(413) 555-0101,\"12 Main St\r\nApt 2\",Springfield,1109\r\n"
                  "   \r\n"
                  "Student Number,Student Name,Grade Level,School Name,Contact Name,Home Phone,Address,City,Zip\r\n"
                  "1002,\"García, Luis\",KG,BRW,\"María \"\"Mari\"\" García\",413-555-0101,,,\r\n"
                  "1003,\"Okafor, Chidi\",13,BRW,Ngozi Okafor,413-555-0400,,,\r\n");
  g_autoptr(PlRosterImport) import = NULL;
  g_autoptr(PlFamily) garcia = NULL;
  const PlRosterCounts *counts;

  import = import_with (f, path, TRUE, FALSE, SUCCEEDS);
  counts = pl_roster_import_get_counts (import);
  g_assert_cmpint (pl_roster_import_get_encoding (import), ==, PL_CSV_ENCODING_UTF8_BOM);
  g_assert_cmpuint (counts->rows_read, ==, 3);
  g_assert_cmpuint (counts->header_lines_skipped, ==, 1);
  g_assert_cmpuint (counts->rows_rejected, ==, 1);
  g_assert_cmpuint (counts->families_added, ==, 1);
  g_assert_cmpuint (counts->students_added, ==, 2);

  /* The bad grade is reported on its physical line, after the quoted line
   * break, the blank lines and the repeated header. */
  g_assert_cmpuint (pl_roster_import_get_n_rejected (import), ==, 1);
  g_assert_nonnull (rejected_reason (import, 8));
  g_assert_nonnull (strstr (rejected_reason (import, 8), "“13”"));
  g_assert_nonnull (strstr (rejected_reason (import, 8), "Grade Level"));

  garcia = family_of (f, "1001");
  g_assert_nonnull (garcia);
  g_assert_cmpstr (pl_family_get_household_name (garcia), ==, "García");
  g_assert_cmpstr (pl_family_get_address (garcia), ==, "12 Main St, Apt 2");
  /* Excel dropped the ZIP code's leading zero. */
  g_assert_cmpstr (pl_family_get_zip (garcia), ==, "01109");
  g_assert_cmpuint (n_students (garcia), ==, 2);
  g_assert_cmpstr (pl_student_get_full_name (student_of (garcia, "1001")), ==, "Ana García");
  g_assert_cmpint (pl_student_get_grade (student_of (garcia, "1001")), ==, 3);
  g_assert_cmpint (pl_student_get_grade (student_of (garcia, "1002")), ==, PL_GRADE_K);
  g_assert_cmpstr (pl_student_get_school_id (student_of (garcia, "1002")), ==,
                   pl_school_get_id (f->brightwood));
  g_assert_cmpuint (n_guardians (garcia), ==, 1);
  g_assert_cmpstr (pl_guardian_get_full_name (guardian_at (garcia, 0)), ==, "María \"Mari\" García");
  g_assert_cmpstr (pl_guardian_get_phone (guardian_at (garcia, 0)), ==, "(413) 555-0101");
}

static void
test_windows_1252 (Fixture       *f,
                   gconstpointer  data)
{
  /* Saved by Excel on Windows: Peña, José and Müller in Windows-1252. */
  g_autofree char *path =
    write_roster (f, "ansi.csv",
                  "Student ID,Last Name,First Name,Grade,School,Guardian Name,Phone\r\n"
                  "2001,Pe\xF1" "a,Jos\xE9,4,BRW,Luc\xED" "a Pe\xF1" "a,413-555-0201\r\n"
                  "2002,M\xFCller,J\xFCrgen,6,KIL,Anke M\xFCller,413-555-0202\r\n");
  g_autoptr(PlRosterImport) import = import_ok (f, path);
  g_autoptr(PlFamily) pena = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;

  g_assert_cmpint (pl_roster_import_get_encoding (import), ==, PL_CSV_ENCODING_WINDOWS_1252);
  pena = family_of (f, "2001");
  g_assert_cmpstr (pl_family_get_household_name (pena), ==, "Peña");
  g_assert_cmpstr (pl_student_get_full_name (student_of (pena, "2001")), ==, "José Peña");
  g_assert_cmpstr (pl_guardian_get_full_name (guardian_at (pena, 0)), ==, "Lucía Peña");

  /* Typed without accents, as a liaison would. */
  found = pl_store_search_families (f->store, "jurgen muller", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
}

static void
test_scripts (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path =
    write_roster (f, "utf8.csv",
                  "Student ID,Last Name,First Name,Grade,School,Guardian Name,Home Language,Phone\n"
                  "3001,Nguyễn,Minh,2,BRW,Nguyễn Thị Hương,Vietnamese,413-555-0301\n"
                  "3002,الحسن,مُحَمَّد,7,KIL,فاطمة الحسن,العربية,413-555-0302\n"
                  "3003,Abdi,Hodan,K,BRW,Farah Abdi,Somali,413-555-0303\n");
  g_autoptr(PlRosterImport) import = import_ok (f, path);
  g_autoptr(PlFamily) nguyen = family_of (f, "3001");
  g_autoptr(PlFamily) hassan = family_of (f, "3002");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;

  g_assert_cmpint (pl_roster_import_get_encoding (import), ==, PL_CSV_ENCODING_UTF8);
  g_assert_cmpstr (pl_guardian_get_full_name (guardian_at (nguyen, 0)), ==, "Nguyễn Thị Hương");
  g_assert_cmpstr (pl_family_get_home_language (nguyen), ==, "vi");
  g_assert_cmpstr (pl_guardian_get_preferred_language (guardian_at (nguyen, 0)), ==, "vi");
  g_assert_cmpstr (pl_family_get_household_name (hassan), ==, "الحسن");
  g_assert_cmpstr (pl_student_get_full_name (student_of (hassan, "3002")), ==, "مُحَمَّد الحسن");
  g_assert_cmpstr (pl_family_get_home_language (hassan), ==, "ar");

  found = pl_store_search_families (f->store, "nguyen thi huong", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_clear_pointer (&found, g_strfreev);
  /* Without the short vowels the file wrote. */
  found = pl_store_search_families (f->store, "محمد", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
}

static void
test_grades_and_dates (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path =
    write_roster (f, "grades.csv",
                  "Student ID,Student Name,Grade,Date of Birth\n"
                  "4001,Ana One,PK,2020-09-01\n"
                  "4002,Ana Two,Pre-K,9/1/2020\n"
                  "4003,Ana Three,KG,09-01-2019\n"
                  "4004,Ana Four,K,20190901\n"
                  "4005,Ana Five,0,\n"
                  "4006,Ana Six,Grade 3,3/9/16\n"
                  "4007,Ana Seven,03,\n"
                  "4008,Ana Eight,12,\n"
                  "4009,Ana Nine,3rd,\n"
                  "4010,Bad One,13,\n"
                  "4011,Bad Two,-2,\n"
                  "4012,Bad Three,UG,\n"
                  "4013,Bad Four,,\n"
                  "4014,Bad Five,4,2/30/2015\n"
                  "4015,Bad Six,4,2099-01-01\n"
                  "4016,Bad Seven,4,last spring\n");
  const struct { const char *id; int grade; } good[] = {
    { "4001", PL_GRADE_PK }, { "4002", PL_GRADE_PK }, { "4003", PL_GRADE_K }, { "4004", PL_GRADE_K },
    { "4005", PL_GRADE_K }, { "4006", 3 }, { "4007", 3 }, { "4008", 12 }, { "4009", 3 },
  };
  const struct { guint line; const char *says; } bad[] = {
    { 11, "“13”" }, { 12, "“-2”" }, { 13, "“UG”" }, { 14, "Grade is empty" },
    { 15, "“2/30/2015” is not a date" }, { 16, "in the future" }, { 17, "“last spring”" },
  };
  g_autoptr(PlRosterImport) import = import_with (f, path, TRUE, FALSE, SUCCEEDS);

  g_assert_cmpuint (pl_roster_import_get_n_rejected (import), ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *reason = rejected_reason (import, bad[i].line);

      g_test_message ("line %u: %s", bad[i].line, reason);
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, bad[i].says));
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(PlFamily) family = family_of (f, good[i].id);

      g_assert_nonnull (family);
      g_assert_cmpint (pl_student_get_grade (student_of (family, good[i].id)), ==, good[i].grade);
    }
}

#define INVALID_ROWS \
  "Student ID,Last Name,First Name,Grade,School,Guardian Name,Phone,Home Language,EL Status\n" \
  "5001,Reyes,Ana,3,BRW,Rosa Reyes,413-555-0501,Spanish,Y\n" \
  "5002,Reyes,Ben,13,BRW,Rosa Reyes,413-555-0501,Spanish,Y\n" \
  ",Cruz,Carla,3,BRW,Ines Cruz,413-555-0502,Spanish,N\n" \
  "5004,,,3,BRW,Ines Cruz,413-555-0502,Spanish,N\n" \
  "5005,Diaz,Dora,3,Nowhere High,Eva Diaz,413-555-0503,Spanish,N\n" \
  "5006,Egal,Faisal,3,BRW,Hodan Egal,413-555-0504,Klingon,N\n" \
  "5007,Fox,Gus,3,BRW,Hal Fox,555-12,English,N\n" \
  "5008,Gray,Ida,3,BRW,Jo Gray,413-555-0505,English,maybe\n" \
  "5009,Hill,Kai,6,KIL,,413-555-0506,English,N\n"

static const struct { guint line; const char *says; } invalid_rows[] = {
  { 3, "“13”" },
  { 4, "Student ID is empty" },
  { 5, "every student needs a name" },
  { 6, "“Nowhere High”" },
  { 7, "“Klingon”" },
  { 8, "“555-12”" },
  { 9, "“maybe”" },
  { 10, "guardian’s name" },
};

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_roster (f, "invalid.csv", INVALID_ROWS);
  g_autofree char *rejects = g_build_filename (f->dir, "invalid-rejected.csv", NULL);
  g_autoptr(PlRosterImport) import = NULL;
  gint64 journal_before = journal (f);

  import = import_with (f, path, FALSE, FALSE, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS);

  /* Every bad row is named by line and reason, and nothing was written. */
  g_assert_cmpuint (pl_roster_import_get_n_rejected (import), ==, G_N_ELEMENTS (invalid_rows));
  for (guint i = 0; i < G_N_ELEMENTS (invalid_rows); i++)
    {
      const char *reason = rejected_reason (import, invalid_rows[i].line);

      g_test_message ("line %u: %s", invalid_rows[i].line, reason);
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, invalid_rows[i].says));
    }
  g_assert_cmpint (families (f), ==, 0);
  g_assert_cmpint (journal (f), ==, journal_before);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->families_added, ==, 0);
  g_assert_null (pl_roster_import_get_rejects_path (import));
  g_assert_false (g_file_test (rejects, G_FILE_TEST_EXISTS));
}

static void
test_skip_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_roster (f, "invalid.csv", INVALID_ROWS);
  g_autofree char *expected = g_build_filename (f->dir, "invalid-rejected.csv", NULL);
  g_autoptr(PlRosterImport) import = NULL;
  g_autoptr(PlCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFamily) reyes = NULL;
  g_auto(GStrv) header = NULL;
  guint n_columns, rows = 0;
  GStrv values;
  guint line;

  import = import_with (f, path, TRUE, FALSE, SUCCEEDS);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->rows_imported, ==, 1);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->rows_rejected, ==, G_N_ELEMENTS (invalid_rows));
  g_assert_cmpint (families (f), ==, 1);
  reyes = family_of (f, "5001");
  g_assert_nonnull (reyes);
  g_assert_cmpuint (n_students (reyes), ==, 1);

  /* The rejected rows sit beside the roster with their line and reason,
   * ready to be fixed and imported again. */
  g_assert_cmpstr (pl_roster_import_get_rejects_path (import), ==, expected);
  reader = pl_csv_reader_new_for_path (expected, &error);
  g_assert_no_error (error);
  header = pl_csv_reader_read_record (reader, NULL, &error);
  n_columns = g_strv_length (header);
  g_assert_cmpstr (header[0], ==, "Student ID");
  g_assert_cmpstr (header[n_columns - 2], ==, "line");
  g_assert_cmpstr (header[n_columns - 1], ==, "reason");
  while ((values = pl_csv_reader_read_record (reader, &line, &error)) != NULL)
    {
      g_assert_cmpuint (g_strv_length (values), ==, n_columns);
      g_assert_cmpuint (g_ascii_strtoull (values[n_columns - 2], NULL, 10), ==, invalid_rows[rows].line);
      g_assert_nonnull (strstr (values[n_columns - 1], invalid_rows[rows].says));
      rows++;
      g_strfreev (values);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, G_N_ELEMENTS (invalid_rows));
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_roster (f, "invalid.csv", INVALID_ROWS);
  g_autofree char *rejects = g_build_filename (f->dir, "invalid-rejected.csv", NULL);
  g_autoptr(PlRosterImport) import = NULL;
  gint64 journal_before = journal (f);

  /* It counts what an import would do and writes nothing at all. */
  import = import_with (f, path, TRUE, TRUE, SUCCEEDS);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->families_added, ==, 1);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->students_added, ==, 1);
  g_assert_cmpuint (pl_roster_import_get_n_rejected (import), ==, G_N_ELEMENTS (invalid_rows));
  g_assert_cmpint (families (f), ==, 0);
  g_assert_cmpint (journal (f), ==, journal_before);
  g_assert_false (g_file_test (rejects, G_FILE_TEST_EXISTS));
  g_assert_null (pl_roster_import_get_rejects_path (import));

  /* Without skipping, a dry run fails like the import would. */
  g_clear_object (&import);
  import = import_with (f, path, FALSE, TRUE, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS);
  g_assert_cmpint (families (f), ==, 0);
}

static void
test_siblings (Fixture       *f,
               gconstpointer  data)
{
  /* One phone written three ways; an address in other letters; two
   * guardians; and a family of their own for the Lees. */
  g_autofree char *path =
    write_roster (f, "siblings.csv",
                  HEADER
                  "6001,Okafor,Chidi,2,BRW,Ngozi Okafor,Mother,(413) 555-0400,,,40 Elm St,Springfield,01109\r\n"
                  "6101,Lee,Sam,2,BRW,Ana Lee,Mother,413-555-0999,,,7 Pine Rd,Springfield,01104\r\n"
                  "6002,Okafor,Ada,5,BRW,Ngozi Okafor,Mother,413.555.0400,,,,,\r\n"
                  "6003,Okafor,Emeka,7,KIL,Chukwu Okafor,Father,413-555-0499,,,40 ELM ST,Springfield,1109\r\n");
  g_autoptr(PlRosterImport) import = import_ok (f, path);
  g_autoptr(PlFamily) okafor = family_of (f, "6001");
  g_autoptr(PlFamily) lee = family_of (f, "6101");

  g_assert_cmpuint (pl_roster_import_get_counts (import)->families_added, ==, 2);
  g_assert_cmpint (families (f), ==, 2);
  g_assert_cmpuint (n_students (okafor), ==, 3);
  student_of (okafor, "6002");
  student_of (okafor, "6003");
  g_assert_cmpuint (n_guardians (okafor), ==, 2);
  g_assert_cmpstr (pl_guardian_get_relationship (guardian_at (okafor, 0)), ==, "mother");
  g_assert_cmpstr (pl_guardian_get_relationship (guardian_at (okafor, 1)), ==, "father");
  g_assert_cmpuint (n_students (lee), ==, 1);
  g_assert_cmpstr (pl_family_get_id (lee), !=, pl_family_get_id (okafor));
}

static void
test_shared_office_phone (Fixture       *f,
                          gconstpointer  data)
{
  /* Fifteen unrelated students with the school office's number: a number
   * that many students share groups nobody. */
  g_autoptr(GString) csv = g_string_new ("Student ID,Last Name,First Name,Grade,School,Guardian Name,Phone\n");
  g_autofree char *path = NULL;
  g_autoptr(PlRosterImport) import = NULL;

  for (guint i = 0; i < 15; i++)
    g_string_append_printf (csv, "%u,Family%c,Kid,3,BRW,Parent Family%c,413-555-1000\n", 7001 + i,
                            'A' + i, 'A' + i);
  path = write_roster (f, "office.csv", csv->str);
  import = import_ok (f, path);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->families_added, ==, 15);
}

static void
test_same_student_twice (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path =
    write_roster (f, "twice.csv",
                  HEADER
                  "8001,Silva,Rui,4,BRW,Ana Silva,Mother,413-555-0801,,,,,\n"
                  "8001,Silva,Rui,4,BRW,Jose Silva,Father,413-555-0802,,,,,\n"
                  "8002,Moreno,Eva,2,BRW,Lia Moreno,Mother,413-555-0803,,,,,\n"
                  "8002,Moreno,Eva,2,BRW,Lia Moreno,Mother,413-555-0803,,,,,\n"
                  "8003,Park,Jin,3,BRW,Min Park,Mother,413-555-0804,,,,,\n"
                  "8003,Park,Jin,4,BRW,Min Park,Mother,413-555-0804,,,,,\n");
  g_autoptr(PlRosterImport) import = NULL;
  g_autoptr(PlFamily) silva = NULL;
  g_autoptr(PlFamily) moreno = NULL;
  g_autoptr(PlFamily) park = NULL;
  const char *reason;

  /* A student on two rows with different grades cannot be both. */
  import = import_with (f, path, FALSE, FALSE, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS);
  g_assert_cmpuint (pl_roster_import_get_n_rejected (import), ==, 1);
  reason = rejected_reason (import, 7);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "8003"));
  g_assert_nonnull (strstr (reason, "line 6"));
  g_assert_nonnull (strstr (reason, "Grade"));
  g_clear_object (&import);

  import = import_with (f, path, TRUE, FALSE, SUCCEEDS);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->rows_repeated, ==, 1);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->students_added, ==, 3);
  g_assert_cmpint (families (f), ==, 3);

  /* Two rows for one student with two guardians: one student, both guardians. */
  silva = family_of (f, "8001");
  g_assert_cmpuint (n_students (silva), ==, 1);
  g_assert_cmpuint (n_guardians (silva), ==, 2);
  /* The very same row twice: taken once. */
  moreno = family_of (f, "8002");
  g_assert_cmpuint (n_students (moreno), ==, 1);
  g_assert_cmpuint (n_guardians (moreno), ==, 1);
  /* The first of the two that disagree. */
  park = family_of (f, "8003");
  g_assert_cmpint (pl_student_get_grade (student_of (park, "8003")), ==, 3);
}

#define MONTH_ONE \
  HEADER \
  "1001,García,Ana,3,BRW,María García,Mother,(413) 555-0101,maria@example.org,Spanish,12 Main St,Springfield,01109\r\n" \
  "1002,García,Luis,K,BRW,María García,Mother,413-555-0101,,Spanish,12 Main St,Springfield,01109\r\n" \
  "2001,Nguyễn,Minh,7,KIL,Nguyễn Thị Hương,Mother,413-555-0199,,Vietnamese,5 Oak Ave,Springfield,01104\r\n"

static void
test_reimport_same (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = write_roster (f, "september.csv", MONTH_ONE);
  g_autoptr(PlRosterImport) first = import_ok (f, path);
  g_autoptr(PlRosterImport) again = NULL;
  gint64 journal_after_first;
  const PlRosterCounts *counts;

  g_assert_cmpuint (pl_roster_import_get_counts (first)->families_added, ==, 2);
  g_assert_cmpuint (pl_roster_import_get_counts (first)->students_added, ==, 3);
  journal_after_first = journal (f);
  g_assert_cmpint (journal_after_first, >, 0);

  /* The same file again changes nothing and journals nothing. */
  again = import_ok (f, path);
  counts = pl_roster_import_get_counts (again);
  g_assert_cmpuint (counts->families_added, ==, 0);
  g_assert_cmpuint (counts->families_updated, ==, 0);
  g_assert_cmpuint (counts->students_added, ==, 0);
  g_assert_cmpuint (counts->students_updated, ==, 0);
  g_assert_cmpuint (counts->students_unchanged, ==, 3);
  g_assert_cmpuint (counts->guardians_added, ==, 0);
  g_assert_cmpuint (counts->guardians_updated, ==, 0);
  g_assert_cmpint (journal (f), ==, journal_after_first);
  g_assert_cmpint (families (f), ==, 2);
}

static void
test_next_month (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *september = write_roster (f, "september.csv", MONTH_ONE);
  /* October: Minh's mother has a new phone, Ana and Luis have a little
   * sister with their mother's number, and the Abdis are new. */
  g_autofree char *october =
    write_roster (f, "october.csv",
                  HEADER
                  "1001,García,Ana,3,BRW,María García,Mother,(413) 555-0101,maria@example.org,Spanish,12 Main St,Springfield,01109\r\n"
                  "2001,Nguyễn,Minh,7,KIL,Nguyễn Thị Hương,Mother,413-555-0222,,Vietnamese,5 Oak Ave,Springfield,01104\r\n"
                  "1003,García,Sofía,PK,BRW,María García,Mother,413 555 0101,,Spanish,,,\r\n"
                  "1002,García,Luis,K,BRW,María García,Mother,413-555-0101,,Spanish,12 Main St,Springfield,01109\r\n"
                  "3001,Abdi,Hodan,2,BRW,Farah Abdi,Mother,413-555-0300,,Somali,9 Elm St,Springfield,01109\r\n");
  g_autoptr(PlRosterImport) first = import_ok (f, september);
  g_autoptr(PlRosterImport) next = NULL;
  g_autoptr(PlFamily) garcia = NULL;
  g_autoptr(PlFamily) nguyen = NULL;
  g_autoptr(PlFamily) abdi = NULL;
  const PlRosterCounts *counts;
  gint64 journal_before = journal (f);
  g_autofree char *garcia_id = NULL;

  garcia = family_of (f, "1001");
  garcia_id = g_strdup (pl_family_get_id (garcia));
  g_clear_object (&garcia);

  next = import_ok (f, october);
  counts = pl_roster_import_get_counts (next);
  g_assert_cmpuint (counts->families_added, ==, 1);
  g_assert_cmpuint (counts->families_updated, ==, 2);
  g_assert_cmpuint (counts->students_added, ==, 2);
  g_assert_cmpuint (counts->students_updated, ==, 0);
  g_assert_cmpuint (counts->students_unchanged, ==, 3);
  g_assert_cmpuint (counts->guardians_added, ==, 1);
  g_assert_cmpuint (counts->guardians_updated, ==, 1);

  /* Journaled: the new phone (1), Sofía (1), the Abdis' family, guardian
   * and student (3); nothing for what did not change. */
  g_assert_cmpint (journal (f) - journal_before, ==, 5);

  /* Sofía joined her siblings' family, found by her mother's number. */
  garcia = family_of (f, "1003");
  g_assert_cmpstr (pl_family_get_id (garcia), ==, garcia_id);
  g_assert_cmpuint (n_students (garcia), ==, 3);
  g_assert_cmpuint (n_guardians (garcia), ==, 1);
  g_assert_cmpint (pl_student_get_grade (student_of (garcia, "1003")), ==, PL_GRADE_PK);

  nguyen = family_of (f, "2001");
  g_assert_cmpuint (n_guardians (nguyen), ==, 1);
  g_assert_cmpstr (pl_guardian_get_phone (guardian_at (nguyen, 0)), ==, "413-555-0222");

  abdi = family_of (f, "3001");
  g_assert_cmpstr (pl_family_get_home_language (abdi), ==, "so");
  g_assert_cmpint (families (f), ==, 3);

  /* What was imported waits to be sent to the server like any edit. */
  g_assert_cmpint (pl_store_count_unsent (f->store, NULL), ==, journal (f));
}

static void
test_joins_family_a_person_entered (Fixture       *f,
                                    gconstpointer  data)
{
  /* A liaison entered the family by hand before the roster came. */
  g_autoptr(PlFamily) entered = pl_family_new ();
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PlRosterImport) import = NULL;
  g_autoptr(PlFamily) found = NULL;

  pl_family_set_household_name (entered, "Haddad");
  pl_guardian_set_full_name (guardian, "Layla Haddad");
  pl_guardian_set_phone (guardian, "+1 (413) 555-0700");
  g_list_store_append (pl_family_get_guardians (entered), guardian);
  pl_store_save_family (f->store, entered, &error);
  g_assert_no_error (error);

  path = write_roster (f, "haddad.csv",
                       HEADER "9001,Haddad,Omar,1,BRW,Layla Haddad,Mother,4135550700,,Arabic,,,\n");
  import = import_ok (f, path);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->families_added, ==, 0);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->families_updated, ==, 1);
  found = family_of (f, "9001");
  g_assert_cmpstr (pl_family_get_id (found), ==, pl_family_get_id (entered));
  g_assert_cmpuint (n_guardians (found), ==, 1);
  g_assert_cmpstr (pl_guardian_get_relationship (guardian_at (found, 0)), ==, "mother");
}

static void
test_map (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path =
    write_roster (f, "pupils.csv",
                  "Pupil Ref,Pupil Surname,Forename,Year,Gender\n"
                  "P-77,Kowalski,Ola,5,F\n");
  g_autoptr(PlRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFamily) family = NULL;

  /* Unknown headers: nothing says where the student ID is. */
  import = import_with (f, path, FALSE, FALSE, PL_ROSTER_IMPORT_ERROR_MISSING_COLUMN);
  g_clear_object (&import);

  import = pl_roster_import_new (path);
  g_assert_true (pl_roster_import_add_map (import, "Pupil Ref=student_id", &error));
  g_assert_true (pl_roster_import_add_map (import, "pupil surname = last_name", &error));
  g_assert_true (pl_roster_import_add_map (import, "FORENAME=First Name", &error));
  g_assert_true (pl_roster_import_add_map (import, "Year=grade", &error));
  g_assert_no_error (error);
  g_assert_false (pl_roster_import_add_map (import, "Year", &error));
  g_assert_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_MAP);
  g_clear_error (&error);
  g_assert_false (pl_roster_import_add_map (import, "Year=shoe_size", &error));
  g_assert_error (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_MAP);
  g_assert_nonnull (strstr (error->message, "shoe_size"));
  g_clear_error (&error);

  g_assert_true (pl_roster_import_load (import, NULL, &error));
  g_assert_cmpuint (pl_roster_import_get_n_columns (import), ==, 5);
  g_assert_cmpint (pl_roster_import_get_column_field (import, 0), ==, PL_ROSTER_FIELD_STUDENT_ID);
  g_assert_cmpint (pl_roster_import_get_column_field (import, 3), ==, PL_ROSTER_FIELD_GRADE);
  g_assert_true (pl_roster_import_get_column_known (import, 3));
  g_assert_cmpint (pl_roster_import_get_column_field (import, 4), ==, PL_ROSTER_FIELD_IGNORE);
  g_assert_false (pl_roster_import_get_column_known (import, 4));
  g_assert_true (pl_roster_import_run (import, f->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  family = family_of (f, "P-77");
  g_assert_nonnull (family);
  g_assert_cmpstr (pl_student_get_full_name (student_of (family, "P-77")), ==, "Ola Kowalski");
  g_assert_cmpint (pl_student_get_grade (student_of (family, "P-77")), ==, 5);
}

static void
test_map_overrides (Fixture       *f,
                    gconstpointer  data)
{
  /* Both the district's and the state's id: the district's by default, the
   * state's when a person says so. */
  g_autofree char *path = write_roster (f, "ids.csv",
                                        "SASID,Student ID,Student Name,Grade\n"
                                        "1098765432,D-1,Ana Ruiz,3\n");
  g_autoptr(PlRosterImport) import = pl_roster_import_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (pl_roster_import_load (import, NULL, &error));
  g_assert_cmpint (pl_roster_import_get_column_field (import, 0), ==, PL_ROSTER_FIELD_IGNORE);
  g_assert_cmpint (pl_roster_import_get_column_field (import, 1), ==, PL_ROSTER_FIELD_STUDENT_ID);

  pl_roster_import_set_header_field (import, "sasid", PL_ROSTER_FIELD_STUDENT_ID);
  g_assert_cmpint (pl_roster_import_get_column_field (import, 0), ==, PL_ROSTER_FIELD_STUDENT_ID);
  g_assert_cmpint (pl_roster_import_get_column_field (import, 1), ==, PL_ROSTER_FIELD_IGNORE);
  g_assert_true (pl_roster_import_run (import, f->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (family_of (f, "1098765432"));
}

static void
test_languages (Fixture       *f,
                gconstpointer  data)
{
  const struct { const char *written; const char *code; } cases[] = {
    { "Spanish", "es" }, { "es", "es" }, { "SPA", "es" }, { "Español", "es" }, { "es-MX", "es" },
    { "Mandarin", "zh" }, { "Chinese - Cantonese", "zh" }, { "Haitian Creole", "ht" },
    { "Somali", "so" }, { "Cambodian", "km" }, { "Nepali", "ne" }, { "Dari", "prs" },
    { "Portuguese (Brazil)", "pt" }, { "Unknown", NULL }, { "", NULL },
  };
  g_autoptr(GString) csv = g_string_new ("Student ID,Student Name,Primary Language\n");
  g_autofree char *path = NULL;
  g_autofree char *unknown_path = NULL;
  g_autoptr(PlRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unknown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (csv, "L%u,Kid Number%u,\"%s\"\n", 100 + i, i, cases[i].written);
  path = write_roster (f, "languages.csv", csv->str);
  import = import_ok (f, path);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("L%u", 100 + i);
      g_autoptr(PlFamily) family = family_of (f, id);

      g_test_message ("%s", cases[i].written);
      g_assert_cmpstr (pl_family_get_home_language (family), ==, cases[i].code);
    }
  g_clear_object (&import);

  /* A language Porchlight does not know: a person says what it is. */
  unknown_path = write_roster (f, "cape-verde.csv",
                               "Student ID,Student Name,Home Language\n"
                               "C1,Ana Lopes,Cape Verdean Creole\n"
                               "C2,Rui Tavares,Cape Verdean Creole\n"
                               "C3,Eva Fonseca,Klingon\n");
  import = import_with (f, unknown_path, FALSE, FALSE, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS);
  unknown = pl_roster_import_list_unknown_languages (import);
  g_assert_cmpuint (g_strv_length (unknown), ==, 2);
  g_assert_cmpstr (unknown[0], ==, "Cape Verdean Creole");
  g_assert_cmpstr (unknown[1], ==, "Klingon");
  g_assert_nonnull (strstr (rejected_reason (import, 2), "Cape Verdean Creole"));

  pl_roster_import_set_language (import, "cape verdean creole", NULL);
  g_assert_true (pl_roster_import_add_language_map (import, "Klingon=Portuguese", &error));
  g_assert_no_error (error);
  g_clear_pointer (&unknown, g_strfreev);
  unknown = pl_roster_import_list_unknown_languages (import);
  g_assert_cmpuint (g_strv_length (unknown), ==, 0);
  g_assert_true (pl_roster_import_run (import, f->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PlFamily) lopes = family_of (f, "C1");
    g_autoptr(PlFamily) fonseca = family_of (f, "C3");

    g_assert_cmpstr (pl_family_get_home_language (lopes), ==, "Cape Verdean Creole");
    g_assert_cmpstr (pl_family_get_home_language (fonseca), ==, "pt");
  }
}

static void
test_too_many_values (Fixture       *f,
                      gconstpointer  data)
{
  /* An unquoted "Last, First" pushes every value one column over. */
  g_autofree char *path = write_roster (f, "shifted.csv",
                                        "Student ID,Student Name,Grade,School\n"
                                        "1,Ana Ruiz,3,BRW\n"
                                        "2,Ruiz, Ben,4,BRW\n");
  g_autoptr(PlRosterImport) import = import_with (f, path, TRUE, FALSE, SUCCEEDS);

  g_assert_cmpuint (pl_roster_import_get_n_rejected (import), ==, 1);
  g_assert_nonnull (strstr (rejected_reason (import, 3), "quotation marks"));
}

static void
test_empty_and_missing (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *empty = write_roster (f, "empty.csv", "\r\n\r\n");
  g_autofree char *header_only = write_roster (f, "header.csv", "Student ID,Student Name\r\n");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autoptr(PlRosterImport) import = NULL;
  g_autoptr(GError) error = NULL;

  import = import_with (f, empty, FALSE, FALSE, PL_ROSTER_IMPORT_ERROR_EMPTY);
  g_clear_object (&import);
  import = import_with (f, header_only, FALSE, FALSE, PL_ROSTER_IMPORT_ERROR_EMPTY);
  g_clear_object (&import);

  import = pl_roster_import_new (missing);
  g_assert_false (pl_roster_import_run (import, f->store, NULL, NULL, NULL, &error));
  g_assert_error (error, PL_CSV_ERROR, PL_CSV_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "missing.csv"));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = write_roster (f, "september.csv", MONTH_ONE);
  g_autoptr(PlRosterImport) import = pl_roster_import_new (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (pl_roster_import_run (import, f->store, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (families (f), ==, 0);
}

typedef struct
{
  guint     progress_calls;
  guint     last_done;
  guint     last_total;
  guint     changed;
  gboolean  finished;
  gboolean  ok;
} AsyncState;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  AsyncState *state = user_data;

  state->progress_calls++;
  state->last_done = done;
  state->last_total = total;
}

static void
on_family_changed (PlStore    *store,
                   const char *family_id,
                   gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_null (family_id);
  state->changed++;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = pl_roster_import_run_finish (PL_ROSTER_IMPORT (source), result, &error);
  g_assert_no_error (error);
  state->finished = TRUE;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_roster (f, "september.csv", MONTH_ONE);
  g_autoptr(PlRosterImport) import = pl_roster_import_new (path);
  AsyncState state = { 0 };

  g_signal_connect (f->store, "family-changed", G_CALLBACK (on_family_changed), &state);
  pl_roster_import_run_async (import, f->store, on_progress, &state, NULL, on_done, &state);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  /* Progress that was queued before the end arrives too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (state.ok);
  g_assert_cmpuint (state.progress_calls, >=, 2);
  g_assert_cmpuint (state.last_total, ==, 3);
  g_assert_cmpuint (state.last_done, ==, 3);
  g_assert_cmpuint (state.changed, ==, 1);
  g_assert_cmpuint (pl_roster_import_get_counts (import)->students_added, ==, 3);
  /* The worker wrote through its own connection; this one sees it. */
  g_assert_cmpint (families (f), ==, 2);
  g_signal_handlers_disconnect_by_data (f->store, &state);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roster-import/headers", test_headers);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/roster-import/messy-file", test_messy_file);
  ADD ("/roster-import/windows-1252", test_windows_1252);
  ADD ("/roster-import/scripts", test_scripts);
  ADD ("/roster-import/grades-and-dates", test_grades_and_dates);
  ADD ("/roster-import/all-or-nothing", test_all_or_nothing);
  ADD ("/roster-import/skip-invalid", test_skip_invalid);
  ADD ("/roster-import/dry-run", test_dry_run);
  ADD ("/roster-import/siblings", test_siblings);
  ADD ("/roster-import/shared-office-phone", test_shared_office_phone);
  ADD ("/roster-import/same-student-twice", test_same_student_twice);
  ADD ("/roster-import/reimport-same", test_reimport_same);
  ADD ("/roster-import/next-month", test_next_month);
  ADD ("/roster-import/joins-family-a-person-entered", test_joins_family_a_person_entered);
  ADD ("/roster-import/map", test_map);
  ADD ("/roster-import/map-overrides", test_map_overrides);
  ADD ("/roster-import/languages", test_languages);
  ADD ("/roster-import/too-many-values", test_too_many_values);
  ADD ("/roster-import/empty-and-missing", test_empty_and_missing);
  ADD ("/roster-import/cancel", test_cancel);
  ADD ("/roster-import/async", test_async);
#undef ADD

  return g_test_run ();
}
