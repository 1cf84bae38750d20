/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

/* The tests read the file with SQLite directly, as a second program would,
 * to see what really reached the disk. */
static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  g_autofree char *text = query_text (path, sql);
  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
test_create (PlTestDir     *fixture,
             gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "sub/folder/porchlight.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autofree char *mode = NULL;
  g_autofree char *device = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (pl_store_get_schema_version (store), ==, PL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pl_store_count_families (store, &error), ==, 0);

  mode = query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (path, "SELECT max(version) FROM schema_version"), ==,
                   PL_STORE_SCHEMA_VERSION);
  /* Every synced table has the four sync columns. */
  for (const char *const *table = (const char *const[]) {
         "schools", "staff_users", "families", "guardians", "students", "contacts", "councils",
         "council_members", "meetings", "meeting_attendance", "action_items", "surveys",
         "questions", "translations", "entry_batches", "responses", "answers", "conflicts", NULL };
       *table; table++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s')"
                                              " WHERE name IN ('id','hlc','origin','deleted')",
                                              *table);
      g_assert_cmpint (query_int (path, sql), ==, 4);
    }

  device = g_strdup (pl_store_get_device_id (store));
  g_clear_object (&store);

  /* Reopening keeps the same device id. */
  store = pl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_store_get_device_id (store), ==, device);
}

static void
test_newer_schema (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "newer.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db;

  g_assert_no_error (error);
  g_clear_object (&store);

  /* A later Porchlight added a step. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE;"
                                     "INSERT INTO schema_version VALUES (99, 'later')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = pl_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "99"));

  /* Refused means untouched: the file is byte for byte what it was. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_corrupt (PlTestDir     *fixture,
              gconstpointer  data)
{
  g_autofree char *garbage = pl_test_dir_file (fixture, "garbage.db");
  g_autofree char *foreign = pl_test_dir_file (fixture, "foreign.db");
  g_autofree char *truncated = pl_test_dir_file (fixture, "truncated.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = NULL;
  gsize len;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (garbage, "This is a letter, not a database.\n" 
                                      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
                                      "sed do eiusmod tempor incididunt ut labore et dolore.", -1,
                                      NULL));
  store = pl_store_open (garbage, &error);
  g_assert_null (store);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, garbage));
  g_clear_error (&error);

  /* Somebody else's SQLite database is not ours to migrate. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  store = pl_store_open (foreign, &error);
  g_assert_null (store);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_CORRUPT);
  g_assert_cmpint (query_int (foreign, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  g_clear_error (&error);

  /* A Porchlight file cut short on disk. */
  store = pl_store_open (truncated, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PlFamily) family = pl_test_make_family ("Silva", "Ana Silva", NULL, NULL, NULL, "pt");
    pl_test_save (store, family);
  }
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (truncated, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (truncated, contents, 3000, NULL));
  {
    g_autofree char *wal = g_strconcat (truncated, "-wal", NULL);
    g_unlink (wal);
  }
  store = pl_store_open (truncated, &error);
  g_assert_null (store);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_CORRUPT);
}

static void
test_save_and_journal (PlTestDir     *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "journal.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlSchool) school = pl_test_add_school (store, "Brightwood Elementary");
  g_autoptr(PlFamily) family = pl_test_make_family ("Nguyễn", "Nguyễn Thị Hương", "(413) 555-0199",
                                                    "Nguyễn Văn An", pl_school_get_id (school), "vi");
  g_autoptr(PlFamily) loaded = NULL;
  g_autoptr(PlGuardian) guardian = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *sql = NULL;
  gint64 journal_before;

  g_assert_no_error (error);
  pl_test_save (store, family);

  /* Family, guardian and student: one insert entry each, besides the school's. */
  g_assert_cmpint (pl_store_count_journal (store, &error), ==, 4);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM journal WHERE op = 'insert'"), ==, 4);

  loaded = pl_store_load_family (store, pl_family_get_id (family), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_family_get_household_name (loaded), ==, "Nguyễn");
  g_assert_cmpstr (pl_family_get_home_language (loaded), ==, "vi");
  guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (loaded)), 0);
  g_assert_cmpstr (pl_guardian_get_phone (guardian), ==, "(413) 555-0199");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (loaded))), ==, 1);

  /* Saving without a change writes nothing. */
  journal_before = pl_store_count_journal (store, &error);
  pl_test_save (store, loaded);
  g_assert_cmpint (pl_store_count_journal (store, &error), ==, journal_before);

  /* One changed field: one update entry naming only that field. */
  pl_guardian_set_email (guardian, "huong@example.org");
  pl_test_save (store, loaded);
  g_assert_cmpint (pl_store_count_journal (store, &error), ==, journal_before + 1);
  fields = query_text (path, "SELECT fields FROM journal ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (fields, ==, "{\"email\":\"huong@example.org\"}");
  sql = g_strdup_printf ("SELECT count(*) FROM field_clocks WHERE row_id = '%s'"
                         " AND field = 'email' AND hlc = (SELECT hlc FROM guardians WHERE id = '%s')",
                         pl_guardian_get_id (guardian), pl_guardian_get_id (guardian));
  g_assert_cmpint (query_int (path, sql), ==, 1);

  /* Every change carries a unique change id and the clock it was made at. */
  g_assert_cmpint (query_int (path, "SELECT count(DISTINCT change_id) = count(*) FROM journal"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM journal WHERE hlc IS NULL"), ==, 0);
}

static void
test_remove_guardian (PlTestDir     *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "remove.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Warsame", "Hodan Warsame", NULL, NULL, NULL, "so");
  g_autoptr(PlGuardian) second = pl_guardian_new ();
  g_autoptr(PlFamily) loaded = NULL;
  g_auto(GStrv) found = NULL;

  pl_guardian_set_full_name (second, "Abdi Farah");
  g_list_store_append (pl_family_get_guardians (family), second);
  pl_test_save (store, family);

  found = pl_store_search_families (store, "abdi", 10, &error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_clear_pointer (&found, g_strfreev);

  /* Taking a guardian off the family tombstones the row and drops it from search. */
  g_list_store_remove (pl_family_get_guardians (family), 1);
  pl_test_save (store, family);
  loaded = pl_store_load_family (store, pl_family_get_id (family), &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (loaded))), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM guardians WHERE deleted = 1"), ==, 1);
  found = pl_store_search_families (store, "abdi", 10, &error);
  g_assert_cmpuint (g_strv_length (found), ==, 0);
}

static void
test_delete_restore (PlTestDir     *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "delete.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Adhikari", "सीता अधिकारी", "413-555-0142",
                                                    "Bishnu Adhikari", NULL, "ne");
  g_autoptr(PlFamily) gone = NULL;
  g_autoptr(PlFamily) back = NULL;
  g_auto(GStrv) found = NULL;
  const char *id = pl_family_get_id (family);

  pl_test_save (store, family);
  g_assert_true (pl_store_delete_family (store, id, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pl_store_count_families (store, &error), ==, 0);
  gone = pl_store_load_family (store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = pl_store_search_families (store, "adhikari", 10, &error);
  g_assert_cmpuint (g_strv_length (found), ==, 0);
  g_clear_pointer (&found, g_strfreev);
  /* A tombstone, not a removal: the rows stay so the deletion can sync. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM families WHERE deleted = 1"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM guardians WHERE deleted = 1"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM students WHERE deleted = 1"), ==, 1);

  /* Undo brings back the family with its guardian and student, searchable. */
  g_assert_true (pl_store_restore_family (store, id, &error));
  g_assert_no_error (error);
  back = pl_store_load_family (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (back))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (back))), ==, 1);
  found = pl_store_search_families (store, "सीता", 10, &error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);

  g_assert_false (pl_store_delete_family (store, "no-such-family", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
}

static void
test_atomic (PlTestDir     *fixture,
             gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "atomic.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamily) invalid = pl_test_make_family ("Haddad", "Fatima Haddad", "555", NULL, NULL, "ar");
  g_autoptr(PlFamily) broken = pl_test_make_family ("Pierre", "Nadège Pierre", NULL, "Jean Pierre",
                                                    "no-such-school", "ht");

  /* Invalid input: refused with the field named, nothing written. */
  g_assert_false (pl_store_save_family (store, invalid, &error));
  g_assert_error (error, PL_FAMILY_ERROR, PL_FAMILY_ERROR_PHONE);
  g_assert_nonnull (strstr (error->message, "555"));
  g_clear_error (&error);

  /* A failure part way through (the student's school does not exist) rolls
   * back the family and guardian already written in that transaction. */
  g_assert_false (pl_store_save_family (store, broken, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM families"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM guardians"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM journal"), ==, 0);

  /* And the store still works afterwards. */
  pl_family_set_home_language (broken, "ht");
  {
    g_autoptr(PlStudent) student = g_list_model_get_item (G_LIST_MODEL (pl_family_get_students (broken)), 0);
    pl_student_set_school_id (student, NULL);
  }
  pl_test_save (store, broken);
  g_assert_cmpint (pl_store_count_families (store, &error), ==, 1);
}

static void
test_search (PlTestDir     *fixture,
             gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "search.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  struct { const char *household, *guardian, *phone, *student, *language; } families[] = {
    { "Nguyễn", "Nguyễn Thị Hương", "(413) 555-0199", "Nguyễn Minh Anh", "vi" },
    { "Rodríguez Pérez", "José Rodríguez", "413.555.0123", "María Rodríguez", "es" },
    { "الحداد", "مُحَمَّد الحداد", "+1 774 555 0188", "فاطمة الحداد", "ar" },
    { "Adhikari", "सीता अधिकारी", NULL, "Bishnu Adhikari", "ne" },
    { "Johnson", "Mary Johnson", "4135550777", "Josephine Johnson", "en" },
  };
  struct { const char *query; const char *household; guint count; } searches[] = {
    { "nguyen thi huong", "Nguyễn", 1 },
    { "Nguyễn", "Nguyễn", 1 },
    { "jose", "Rodríguez Pérez", 2 },   /* José, and Josephine by prefix */
    { "jose rodriguez", "Rodríguez Pérez", 1 },
    { "محمد", "الحداد", 1 },
    { "مُحَمَّد", "الحداد", 1 },
    { "4135550199", "Nguyễn", 1 },
    { "555-0199", "Nguyễn", 1 },
    { "(413) 555-0199", "Nguyễn", 1 },
    { "0199", "Nguyễn", 1 },
    { "7745550188", "الحداد", 1 },
    { "सीता", "Adhikari", 1 },
    { "bish", "Adhikari", 1 },
    { "zzz", NULL, 0 },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autoptr(PlFamily) family = pl_test_make_family (families[i].household, families[i].guardian,
                                                        families[i].phone, families[i].student,
                                                        NULL, families[i].language);
      pl_test_save (store, family);
    }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_auto(GStrv) ids = pl_store_search_families (store, searches[i].query, 50, &error);

      g_assert_no_error (error);
      g_test_message ("query “%s”", searches[i].query);
      g_assert_cmpuint (g_strv_length (ids), ==, searches[i].count);
      if (searches[i].household != NULL)
        {
          gboolean seen = FALSE;
          for (guint j = 0; ids[j]; j++)
            {
              g_autoptr(PlFamily) family = pl_store_load_family (store, ids[j], &error);
              seen |= g_strcmp0 (pl_family_get_household_name (family), searches[i].household) == 0;
            }
          g_assert_true (seen);
        }
    }
}

static void
test_search_follows_edits (PlTestDir     *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "edits.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Silva", "Ana Silva", NULL, NULL, NULL, "pt");
  g_autoptr(PlGuardian) guardian = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) old = NULL;

  pl_test_save (store, family);
  guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);
  pl_guardian_set_full_name (guardian, "Conceição Silva");
  pl_guardian_set_phone (guardian, "(508) 555-0111");
  before = pl_store_search_families (store, "conceicao", 10, &error);
  g_assert_cmpuint (g_strv_length (before), ==, 0);
  pl_test_save (store, family);

  after = pl_store_search_families (store, "conceicao 5080", 10, &error);
  g_assert_cmpuint (g_strv_length (after), ==, 0); /* 5080 is no prefix of a phone token */
  g_clear_pointer (&after, g_strfreev);
  after = pl_store_search_families (store, "conceicao", 10, &error);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_clear_pointer (&after, g_strfreev);
  after = pl_store_search_families (store, "508 555 0111", 10, &error);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  old = pl_store_search_families (store, "ana", 10, &error);
  g_assert_cmpuint (g_strv_length (old), ==, 0);
}

static void
test_clock_persists (PlTestDir     *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "clock.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Gurung", "Pema Gurung", NULL, NULL, NULL, "ne");
  g_autofree char *saved = NULL;
  g_autofree char *next = NULL;

  pl_test_save (store, family);
  saved = query_text (path, "SELECT hlc FROM families");
  g_clear_object (&store);

  store = pl_store_open (path, &error);
  next = pl_clock_now (pl_store_get_clock (store));
  g_assert_cmpint (pl_hlc_compare (saved, next), <, 0);
}

static void
test_upgrade (PlTestDir     *fixture,
              gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "old.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Farah", "Hodan Farah", NULL, NULL, NULL, "so");
  sqlite3 *db;

  pl_test_save (store, family);
  g_clear_object (&store);

  /* Make it a file from the first release: schema version 1, no index. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP INDEX journal_unsent;"
                                     "DROP INDEX contacts_open_follow_ups;"
                                     "DROP INDEX contacts_reached;"
                                     "DROP INDEX journal_refused;"
                                     "ALTER TABLE journal DROP COLUMN refused_code;"
                                     "ALTER TABLE journal DROP COLUMN refused_message;"
                                     "DROP INDEX surveys_series;"
                                     "DROP INDEX translations_survey;"
                                     "DROP INDEX responses_batch;"
                                     "DROP INDEX entry_batches_survey;"
                                     "DROP TABLE form_prints;"
                                     "ALTER TABLE surveys DROP COLUMN number;"
                                     "ALTER TABLE responses DROP COLUMN started_at;"
                                     "ALTER TABLE responses DROP COLUMN keyed_seconds;"
                                     "ALTER TABLE answers DROP COLUMN keyed_value;"
                                     "ALTER TABLE answers DROP COLUMN reconciled_by;"
                                     "ALTER TABLE answers DROP COLUMN reconciled_at;"
                                     "DROP INDEX councils_school;"
                                     "ALTER TABLE councils DROP COLUMN timezone;"
                                     "ALTER TABLE meetings DROP COLUMN title;"
                                     "ALTER TABLE meetings DROP COLUMN decisions;"
                                     "DROP INDEX meetings_series;"
                                     "DROP INDEX meeting_attendance_guardian;"
                                     "DROP INDEX meeting_attendance_member;"
                                     "DROP INDEX council_members_guardian;"
                                     "DROP INDEX action_items_council;"
                                     "DROP TABLE school_closures;"
                                     "DELETE FROM schema_version WHERE version > 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (path, "SELECT max(version) FROM schema_version"), ==, 1);

  /* Opening it brings it up to date, one step at a time, keeping the data. */
  store = pl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_store_get_schema_version (store), ==, PL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT max(version) FROM schema_version"), ==,
                   PL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'journal_unsent'"),
                   ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                    " ('contacts_open_follow_ups', 'contacts_reached')"),
                   ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_table_info ('journal')"
                                    " WHERE name IN ('refused_code', 'refused_message')"),
                   ==, 2);
  g_assert_cmpint (pl_store_count_families (store, &error), ==, 1);
  g_assert_cmpint (pl_store_count_unsent (store, &error), ==, 2);
}

static void
test_clock_shared (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "shared.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) window = pl_store_open (path, &error);
  g_autoptr(PlStore) worker = pl_store_open (path, &error);
  g_autoptr(PlFamily) pulled = pl_test_make_family ("Tran", "Tran Thi Lan", NULL, NULL, NULL, "vi");
  g_autoptr(PlFamily) edited = NULL;
  g_autofree char *ahead = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;

  /* A sync on its own connection sees a device whose clock runs a day ahead. */
  pl_clock_observe (pl_store_get_clock (worker), "0300000000000-0000-ffffffffffffffff");
  pl_test_save (worker, pulled);
  ahead = query_text (path, "SELECT hlc FROM families");

  /* An edit made in the window afterwards still orders after it. */
  edited = pl_store_load_family (window, pl_family_get_id (pulled), &error);
  pl_family_set_notes (edited, "Visited at home");
  pl_test_save (window, edited);
  sql = g_strdup_printf ("SELECT hlc FROM field_clocks WHERE field = 'notes' AND row_id = '%s'",
                         pl_family_get_id (pulled));
  after = query_text (path, sql);
  g_assert_cmpint (pl_hlc_compare (ahead, after), <, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, PlTestDir, NULL, pl_test_dir_setup, func, pl_test_dir_teardown)
  ADD ("/store/create", test_create);
  ADD ("/store/newer-schema", test_newer_schema);
  ADD ("/store/corrupt", test_corrupt);
  ADD ("/store/save-and-journal", test_save_and_journal);
  ADD ("/store/remove-guardian", test_remove_guardian);
  ADD ("/store/delete-restore", test_delete_restore);
  ADD ("/store/atomic", test_atomic);
  ADD ("/store/search", test_search);
  ADD ("/store/search-follows-edits", test_search_follows_edits);
  ADD ("/store/clock-persists", test_clock_persists);
  ADD ("/store/upgrade", test_upgrade);
  ADD ("/store/clock-shared", test_clock_shared);
#undef ADD
  return g_test_run ();
}
