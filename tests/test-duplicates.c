/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <sqlite3.h>

#include "pl-core.h"
#include "pl-test-server.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

/* Fixtures */

static PlStore *
open_store (PlTestDir  *fixture,
            char      **path_out)
{
  g_autofree char *path = pl_test_dir_file (fixture, "dups.db");
  g_autoptr(GError) error = NULL;
  PlStore *store = pl_store_open (path, &error);

  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

/* A family saved with one guardian, an optional student and an address. */
static PlFamily *
add_family (PlStore    *store,
            const char *household,
            const char *guardian,
            const char *phone,
            const char *student,
            const char *address,
            const char *zip)
{
  PlFamily *family = pl_test_make_family (household, guardian, phone, student, NULL, "es");

  pl_family_set_address (family, address);
  pl_family_set_city (family, address ? "Springfield" : NULL);
  pl_family_set_zip (family, zip);
  pl_test_save (store, family);
  return family;
}

static void
add_guardian (PlStore    *store,
              PlFamily   *family,
              const char *name,
              const char *phone)
{
  g_autoptr(PlGuardian) guardian = pl_guardian_new ();

  pl_guardian_set_full_name (guardian, name);
  pl_guardian_set_phone (guardian, phone);
  g_list_store_append (pl_family_get_guardians (family), guardian);
  pl_test_save (store, family);
}

static void
add_student (PlStore    *store,
             PlFamily   *family,
             const char *name,
             const char *district_id)
{
  g_autoptr(PlStudent) student = pl_student_new ();

  pl_student_set_full_name (student, name);
  pl_student_set_district_id (student, district_id);
  pl_student_set_grade (student, 4);
  g_list_store_append (pl_family_get_students (family), student);
  pl_test_save (store, family);
}

static sqlite3 *
open_raw (PlStore *store)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (pl_store_get_path (store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
exec_raw (PlStore    *store,
          const char *sql)
{
  sqlite3 *db = open_raw (store);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A contact row as a synced device would hold it (the contact log is
 * another part of the store; only its rows matter here). */
static char *
add_contact (PlStore    *store,
             const char *family_id,
             gboolean    deleted)
{
  g_autofree char *hlc = pl_clock_now (pl_store_get_clock (store));
  char *id = g_uuid_string_random ();
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contacts (id, hlc, origin, deleted, family_id, happened_at, method, outcome)"
    " VALUES ('%s', '%s', '%s', %d, '%s', '2025-10-01T15:00:00Z', 'phone', 'reached')",
    id, hlc, pl_store_get_device_id (store), deleted ? 1 : 0, family_id);

  exec_raw (store, sql);
  return id;
}

/* A contact logged the way the app logs one: journaled, so it syncs. */
static char *
log_contact (PlStore    *store,
             const char *family_id)
{
  g_autoptr(PlContact) contact = pl_contact_new (family_id);
  g_autoptr(GError) error = NULL;

  pl_contact_set_happened_at (contact, "2025-10-01T15:00:00Z");
  pl_contact_set_method (contact, "phone");
  pl_contact_set_purpose (contact, "attendance");
  pl_contact_set_outcome (contact, "reached");
  pl_store_save_contact (store, contact, &error);
  g_assert_no_error (error);
  return g_strdup (pl_contact_get_id (contact));
}

static gint64
query_int (PlStore    *store,
           const char *sql)
{
  sqlite3 *db = open_raw (store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (PlStore    *store,
            const char *sql)
{
  sqlite3 *db = open_raw (store);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static PlDuplicates *
find (PlStore *store)
{
  g_autoptr(GError) error = NULL;
  PlDuplicates *duplicates = pl_duplicates_find (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (duplicates);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (duplicates)) == PL_TYPE_DUPLICATE_PAIR);
  return duplicates;
}

static PlDuplicatePair *
pair_at (PlDuplicates *duplicates,
         guint         position)
{
  return g_list_model_get_item (G_LIST_MODEL (duplicates), position);
}

static gboolean
has_pair (PlDuplicates *duplicates,
          PlFamily     *a,
          PlFamily     *b)
{
  return pl_duplicates_find_pair (duplicates, pl_family_get_id (a), pl_family_get_id (b)) >= 0;
}

static guint
n_pairs (PlDuplicates *duplicates)
{
  return g_list_model_get_n_items (G_LIST_MODEL (duplicates));
}

static GStrv
ids_of (GListStore *store,
        const char *(*get_id) (gpointer))
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_strv_builder_add (builder, get_id (item));
    }
  return g_strv_builder_end (builder);
}

static GStrv
guardian_ids (PlFamily *family)
{
  return ids_of (pl_family_get_guardians (family), (const char *(*) (gpointer)) pl_guardian_get_id);
}

static GStrv
student_ids (PlFamily *family)
{
  return ids_of (pl_family_get_students (family), (const char *(*) (gpointer)) pl_student_get_id);
}

static PlFamily *
load (PlStore    *store,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  PlFamily *family = pl_store_load_family (store, id, &error);

  g_assert_no_error (error);
  return family;
}

/* Detection */

static void
test_by_phone (PlTestDir     *fixture,
               gconstpointer  data)
{
  g_autoptr(PlStore) store = open_store (fixture, NULL);
  g_autoptr(PlFamily) ortiz = add_family (store, "Ortiz", "Luis Ortiz", "(413) 555-0101",
                                          "Ana Ortiz", "4 Elm Street", "01105");
  /* The same line written another way, by a family at another address. */
  g_autoptr(PlFamily) ruiz = add_family (store, "Ruiz", "Marta Ruiz", "+1 413.555.0101",
                                         "Leo Ruiz", "90 Oak Avenue", "01109");
  g_autoptr(PlFamily) brown = add_family (store, "Brown", "Kevin Brown", "(413) 555-0199",
                                          "Ella Brown", "7 Pine Road", "01107");
  g_autoptr(PlDuplicates) duplicates = find (store);
  g_autoptr(PlDuplicatePair) pair = NULL;

  g_assert_cmpuint (n_pairs (duplicates), ==, 1);
  pair = pair_at (duplicates, 0);
  g_assert_true (pl_duplicate_pair_has_family (pair, pl_family_get_id (ortiz)));
  g_assert_true (pl_duplicate_pair_has_family (pair, pl_family_get_id (ruiz)));
  g_assert_false (pl_duplicate_pair_has_family (pair, pl_family_get_id (brown)));
  g_assert_cmpuint (pl_duplicate_pair_get_reasons (pair), ==, PL_DUPLICATE_REASON_PHONE);
  /* Listed in the directory's order, with the reason in words. */
  g_assert_cmpstr (pl_duplicate_pair_get_household_a (pair), ==, "Ortiz");
  g_assert_cmpstr (pl_duplicate_pair_get_household_b (pair), ==, "Ruiz");
  g_assert_cmpstr (pl_duplicate_pair_get_description (pair), ==, "Same phone: (413) 555-0101");
}

static void
test_by_phone_alt (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autoptr(PlStore) store = open_store (fixture, NULL);
  g_autoptr(PlFamily) ortiz = add_family (store, "Ortiz", "Luis Ortiz", "(413) 555-0101",
                                          NULL, NULL, NULL);
  g_autoptr(PlFamily) ruiz = add_family (store, "Ruiz", "Marta Ruiz", "(774) 555-0300",
                                         NULL, NULL, NULL);
  g_autoptr(PlDuplicates) before = find (store);
  g_autoptr(PlDuplicates) after = NULL;
  g_autoptr(PlGuardian) guardian =
    g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (ruiz)), 0);

  g_assert_cmpuint (n_pairs (before), ==, 0);
  /* A second number counts as much as the first. */
  pl_guardian_set_phone_alt (guardian, "413-555-0101");
  pl_test_save (store, ruiz);
  after = find (store);
  g_assert_true (has_pair (after, ortiz, ruiz));
}

static void
test_by_name_at_address (PlTestDir     *fixture,
                         gconstpointer  data)
{
  g_autoptr(PlStore) store = open_store (fixture, NULL);
  /* One mother entered twice: accents, word order and street words differ. */
  g_autoptr(PlFamily) first = add_family (store, "Nguyễn", "Nguyễn Thị Hương", "(413) 555-0110",
                                          "Nguyễn Minh", "12 Main Street, Apt. 3", "01105");
  g_autoptr(PlFamily) second = add_family (store, "Tran", "Huong Thi Nguyen", "(774) 555-0220",
                                           "Tran Bao", "12 main st #3", "01105");
  /* One household under two spellings of its name. */
  g_autoptr(PlFamily) garcia = add_family (store, "García", "Rosa García", NULL,
                                           "Pablo García", "300 Maple Avenue", NULL);
  g_autoptr(PlFamily) garcia_lopez = add_family (store, "Garcia Lopez", "Jorge Lopez", NULL,
                                                 "Pablo Garcia Lopez", "300 maple ave", "01108");
  g_autoptr(PlDuplicates) duplicates = find (store);
  g_autoptr(PlDuplicatePair) pair = NULL;
  int position;

  g_assert_cmpuint (n_pairs (duplicates), ==, 2);

  position = pl_duplicates_find_pair (duplicates, pl_family_get_id (first),
                                      pl_family_get_id (second));
  g_assert_cmpint (position, >=, 0);
  pair = pair_at (duplicates, position);
  g_assert_cmpuint (pl_duplicate_pair_get_reasons (pair), ==,
                    PL_DUPLICATE_REASON_GUARDIAN_AT_ADDRESS | PL_DUPLICATE_REASON_GUARDIAN_NAME);
  g_assert_nonnull (strstr (pl_duplicate_pair_get_description (pair), "Same guardian"));
  g_assert_nonnull (strstr (pl_duplicate_pair_get_description (pair), "12 Main Street"));
  g_clear_object (&pair);

  position = pl_duplicates_find_pair (duplicates, pl_family_get_id (garcia),
                                      pl_family_get_id (garcia_lopez));
  g_assert_cmpint (position, >=, 0);
  pair = pair_at (duplicates, position);
  g_assert_true (pl_duplicate_pair_get_reasons (pair) & PL_DUPLICATE_REASON_HOUSEHOLD_AT_ADDRESS);
  g_assert_nonnull (strstr (pl_duplicate_pair_get_description (pair), "Same household name at"));

  /* A guardian at one address outweighs a household name. */
  g_assert_cmpint (pl_duplicates_find_pair (duplicates, pl_family_get_id (first),
                                            pl_family_get_id (second)), ==, 0);
}

static void
test_no_false_pairs (PlTestDir     *fixture,
                     gconstpointer  data)
{
  g_autoptr(PlStore) store = open_store (fixture, NULL);
  g_autoptr(PlFamily) a = add_family (store, "Haddad", "Samira Haddad", "(413) 555-0001",
                                      "Omar Haddad", "5 Birch Lane", "01105");
  /* The same name at another address. */
  g_autoptr(PlFamily) b = add_family (store, "Haddad", "Samira Haddad", "(413) 555-0002",
                                      "Lina Haddad", "77 Cedar Court", "01105");
  /* The same street and number in another zip code. */
  g_autoptr(PlFamily) c = add_family (store, "Haddad", "Samira Haddad", "(413) 555-0003",
                                      "Yusuf Haddad", "5 Birch Lane", "01109");
  /* Neighbours in one building: the same address, other names. */
  g_autoptr(PlFamily) d = add_family (store, "Osman", "Hodan Osman", "(413) 555-0004",
                                      "Ayaan Osman", "5 Birch Lane", "01105");
  /* One shared given name is not a person. */
  g_autoptr(PlFamily) e = add_family (store, "Kowalski", "Samira", "(413) 555-0005",
                                      NULL, "5 Birch Lane", "01105");
  g_autoptr(PlDuplicates) duplicates = find (store);

  g_assert_cmpuint (n_pairs (duplicates), ==, 0);
  g_assert_false (has_pair (duplicates, a, b));
  g_assert_false (has_pair (duplicates, a, c));
  g_assert_false (has_pair (duplicates, a, d));
  g_assert_false (has_pair (duplicates, a, e));
}

static void
test_shared_line (PlTestDir     *fixture,
                  gconstpointer  data)
{
  g_autoptr(PlStore) store = open_store (fixture, NULL);
  g_autoptr(PlDuplicates) duplicates = NULL;
  const char *names[] = { "Abdi", "Bashir", "Chen", "Diaz", "Evans" };

  /* A shelter's front desk, listed by five families. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *guardian = g_strdup_printf ("Parent %s", names[i]);
      g_autoptr(PlFamily) family = add_family (store, names[i], guardian, "(413) 555-0150",
                                               NULL, NULL, NULL);
    }
  duplicates = find (store);
  g_assert_cmpuint (n_pairs (duplicates), ==, 0);
}

static void
test_dismiss (PlTestDir     *fixture,
              gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(PlStore) store = open_store (fixture, &path);
  g_autoptr(PlFamily) ortiz = add_family (store, "Ortiz", "Luis Ortiz", "(413) 555-0101",
                                          NULL, NULL, NULL);
  g_autoptr(PlFamily) ruiz = add_family (store, "Ruiz", "Marta Ruiz", "(413) 555-0101",
                                         NULL, NULL, NULL);
  g_autoptr(PlFamily) perez = add_family (store, "Perez", "Ana Perez", "(413) 555-0101",
                                          NULL, NULL, NULL);
  g_autoptr(PlDuplicates) duplicates = find (store);
  g_autoptr(GError) error = NULL;
  gint64 journal = pl_store_count_journal (store, NULL);

  g_assert_cmpuint (n_pairs (duplicates), ==, 3);
  g_assert_false (pl_duplicates_is_dismissed (store, pl_family_get_id (ortiz),
                                              pl_family_get_id (ruiz), NULL));

  /* Either order names the pair. */
  g_assert_true (pl_duplicates_dismiss (store, pl_family_get_id (ruiz), pl_family_get_id (ortiz),
                                        &error));
  g_assert_no_error (error);
  pl_duplicates_remove_pair (duplicates, pl_family_get_id (ortiz), pl_family_get_id (ruiz));
  g_assert_cmpuint (n_pairs (duplicates), ==, 2);
  g_assert_false (has_pair (duplicates, ortiz, ruiz));
  /* A local decision: nothing to sync. */
  g_assert_cmpint (pl_store_count_journal (store, NULL), ==, journal);

  /* Remembered by the database file. */
  g_clear_object (&duplicates);
  g_clear_object (&store);
  store = pl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (pl_duplicates_is_dismissed (store, pl_family_get_id (ortiz),
                                             pl_family_get_id (ruiz), NULL));
  duplicates = find (store);
  g_assert_cmpuint (n_pairs (duplicates), ==, 2);
  g_assert_false (has_pair (duplicates, ortiz, ruiz));
  g_assert_true (has_pair (duplicates, ortiz, perez));
  g_assert_true (has_pair (duplicates, ruiz, perez));

  /* And forgotten again. */
  g_assert_true (pl_duplicates_undismiss (store, pl_family_get_id (ortiz), pl_family_get_id (ruiz),
                                          &error));
  g_assert_no_error (error);
  g_clear_object (&duplicates);
  duplicates = find (store);
  g_assert_true (has_pair (duplicates, ortiz, ruiz));

  g_assert_false (pl_duplicates_dismiss (store, pl_family_get_id (ortiz), pl_family_get_id (ortiz),
                                         &error));
  g_assert_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_SAME_FAMILY);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PlDuplicates **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pl_duplicates_find_finish (PL_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (PlTestDir     *fixture,
            gconstpointer  data)
{
  g_autoptr(PlStore) store = open_store (fixture, NULL);
  g_autoptr(PlFamily) ortiz = add_family (store, "Ortiz", "Luis Ortiz", "(413) 555-0101",
                                          NULL, NULL, NULL);
  g_autoptr(PlFamily) ruiz = add_family (store, "Ruiz", "Marta Ruiz", "(413) 555-0101",
                                         NULL, NULL, NULL);
  g_autoptr(PlDuplicates) duplicates = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  pl_duplicates_find_async (store, NULL, on_found, &duplicates);
  while (duplicates == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (has_pair (duplicates, ortiz, ruiz));

  /* A cancelled search says so, and nothing else. */
  g_cancellable_cancel (cancelled);
  g_assert_null (pl_duplicates_find (store, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Merging */

typedef struct
{
  PlStore  *store;
  PlFamily *keep;     /* two guardians, one student, three contacts (one deleted) */
  PlFamily *merged;   /* two guardians (one the same person), two students, two contacts */
  PlFamily *other;    /* shares a phone with the merged family only */
  GStrv     keep_contacts;
  GStrv     merged_contacts;
} MergeCase;

static void
merge_case_init (MergeCase *c,
                 PlTestDir *fixture)
{
  g_autoptr(GStrvBuilder) keep_contacts = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) merged_contacts = g_strv_builder_new ();

  c->store = open_store (fixture, NULL);
  c->keep = add_family (c->store, "Mohamed", "Hodan Mohamed", "(413) 555-0123", "Ayaan Mohamed",
                        NULL, NULL);
  pl_family_set_home_language (c->keep, "so");
  pl_family_set_notes (c->keep, "Prefers calls after 5 pm.");
  pl_test_save (c->store, c->keep);
  add_guardian (c->store, c->keep, "Abdi Mohamed", "(413) 555-0124");

  c->merged = add_family (c->store, "Mohamed Ali", "Hodan Mohamed", "413-555-0123",
                          "Farah Ali", "88 Walnut Street", "01105");
  pl_family_set_home_language (c->merged, "ar");
  pl_family_set_notes (c->merged, "Older brother interprets.");
  pl_test_save (c->store, c->merged);
  add_guardian (c->store, c->merged, "Yusuf Ali", "(774) 555-0777");
  add_student (c->store, c->merged, "Sagal Ali", "7001234");

  c->other = add_family (c->store, "Warsame", "Idil Warsame", "(774) 555-0777", "Nasra Warsame",
                         NULL, NULL);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *id = add_contact (c->store, pl_family_get_id (c->keep), i == 2);
      g_strv_builder_add (keep_contacts, id);
    }
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *id = add_contact (c->store, pl_family_get_id (c->merged), FALSE);
      g_strv_builder_add (merged_contacts, id);
    }
  c->keep_contacts = g_strv_builder_end (keep_contacts);
  c->merged_contacts = g_strv_builder_end (merged_contacts);
}

static void
merge_case_clear (MergeCase *c)
{
  g_clear_object (&c->keep);
  g_clear_object (&c->merged);
  g_clear_object (&c->other);
  g_clear_pointer (&c->keep_contacts, g_strfreev);
  g_clear_pointer (&c->merged_contacts, g_strfreev);
  g_clear_object (&c->store);
}

static char *
contact_family (PlStore    *store,
                const char *contact_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT family_id FROM contacts WHERE id = '%s'",
                                          contact_id);
  return query_text (store, sql);
}

static gboolean
strv_has (GStrv       strv,
          const char *value)
{
  return g_strv_contains ((const char *const *) strv, value);
}

static void
test_merge_keeps_everything (PlTestDir     *fixture,
                             gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(PlFamily) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keep_guardians = NULL;
  g_auto(GStrv) merged_guardians = NULL;
  g_auto(GStrv) keep_students = NULL;
  g_auto(GStrv) merged_students = NULL;
  g_auto(GStrv) guardians_after = NULL;
  g_auto(GStrv) students_after = NULL;
  gint64 families;

  merge_case_init (&c, fixture);
  keep_guardians = guardian_ids (c.keep);
  merged_guardians = guardian_ids (c.merged);
  keep_students = student_ids (c.keep);
  merged_students = student_ids (c.merged);
  families = pl_store_count_families (c.store, NULL);

  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);
  g_assert_nonnull (merge);
  g_assert_cmpuint (pl_family_merge_get_n_guardians (merge), ==, 2);
  g_assert_cmpuint (pl_family_merge_get_n_students (merge), ==, 2);
  g_assert_cmpuint (pl_family_merge_get_n_contacts (merge), ==, 2);
  /* Hodan Mohamed is in both, with the same number: kept twice, and said so. */
  g_assert_cmpuint (pl_family_merge_get_n_repeated_guardians (merge), ==, 1);
  g_assert_cmpuint (pl_family_merge_get_n_repeated_students (merge), ==, 0);

  /* Every guardian and student of both, the kept family's first, by id. */
  kept = load (c.store, pl_family_get_id (c.keep));
  guardians_after = guardian_ids (kept);
  students_after = student_ids (kept);
  g_assert_cmpuint (g_strv_length (guardians_after), ==, 4);
  g_assert_cmpstr (guardians_after[0], ==, keep_guardians[0]);
  g_assert_cmpstr (guardians_after[1], ==, keep_guardians[1]);
  g_assert_cmpstr (guardians_after[2], ==, merged_guardians[0]);
  g_assert_cmpstr (guardians_after[3], ==, merged_guardians[1]);
  g_assert_cmpuint (g_strv_length (students_after), ==, 3);
  g_assert_cmpstr (students_after[0], ==, keep_students[0]);
  g_assert_cmpstr (students_after[1], ==, merged_students[0]);
  g_assert_cmpstr (students_after[2], ==, merged_students[1]);

  /* Every contact, the deleted one still with a live family. */
  for (guint i = 0; c.keep_contacts[i]; i++)
    {
      g_autofree char *family = contact_family (c.store, c.keep_contacts[i]);
      g_assert_cmpstr (family, ==, pl_family_get_id (c.keep));
    }
  for (guint i = 0; c.merged_contacts[i]; i++)
    {
      g_autofree char *family = contact_family (c.store, c.merged_contacts[i]);
      g_assert_cmpstr (family, ==, pl_family_get_id (c.keep));
    }
  g_assert_cmpint (pl_duplicates_count_contacts (c.store, pl_family_get_id (c.keep), NULL), ==, 4);

  /* The kept household keeps its name and language; its empty address comes
   * from the other, and a note keeps the rest. */
  g_assert_cmpstr (pl_family_get_household_name (kept), ==, "Mohamed");
  g_assert_cmpstr (pl_family_get_home_language (kept), ==, "so");
  g_assert_cmpstr (pl_family_get_address (kept), ==, "88 Walnut Street");
  g_assert_cmpstr (pl_family_get_city (kept), ==, "Springfield");
  g_assert_cmpstr (pl_family_get_zip (kept), ==, "01105");
  g_assert_true (g_str_has_prefix (pl_family_get_notes (kept), "Prefers calls after 5 pm.\n\n"));
  g_assert_nonnull (strstr (pl_family_get_notes (kept), "Merged with the “Mohamed Ali” household"));
  g_assert_nonnull (strstr (pl_family_get_notes (kept), "Their home language: Arabic"));
  g_assert_nonnull (strstr (pl_family_get_notes (kept), "Older brother interprets."));
  g_assert_null (strstr (pl_family_get_notes (kept), "Their address"));

  /* The merged family is gone from the directory, as a tombstone. */
  g_assert_null (pl_store_load_family (c.store, pl_family_get_id (c.merged), &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (pl_store_count_families (c.store, NULL), ==, families - 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM families WHERE id = '%s'",
                                            pl_family_get_id (c.merged));
    g_assert_cmpint (query_int (c.store, sql), ==, 1);
  }

  merge_case_clear (&c);
}

static gint64
count_journal (PlStore    *store,
               const char *entity,
               const char *row_id,
               const char *fields_like)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM journal WHERE entity = '%s' AND row_id = '%s'"
                     " AND op = 'update' AND fields LIKE '%s'", entity, row_id, fields_like);
  return query_int (store, sql);
}

static void
test_merge_journal (PlTestDir     *fixture,
                    gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) merged_guardians = NULL;
  g_auto(GStrv) merged_students = NULL;
  g_autofree char *keep_like = NULL;

  merge_case_init (&c, fixture);
  merged_guardians = guardian_ids (c.merged);
  merged_students = student_ids (c.merged);

  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);

  /* Each move is a journal entry naming the new family, so it syncs. */
  keep_like = g_strdup_printf ("%%\"family_id\":\"%s\"%%", pl_family_get_id (c.keep));
  for (guint i = 0; merged_guardians[i]; i++)
    g_assert_cmpint (count_journal (c.store, "guardians", merged_guardians[i], keep_like), ==, 1);
  for (guint i = 0; merged_students[i]; i++)
    g_assert_cmpint (count_journal (c.store, "students", merged_students[i], keep_like), ==, 1);
  for (guint i = 0; c.merged_contacts[i]; i++)
    g_assert_cmpint (count_journal (c.store, "contacts", c.merged_contacts[i], keep_like), ==, 1);
  g_assert_cmpint (count_journal (c.store, "families", pl_family_get_id (c.merged),
                                  "%\"deleted\":true%"), ==, 1);
  g_assert_cmpint (count_journal (c.store, "families", pl_family_get_id (c.keep),
                                  "%\"address\":\"88 Walnut Street\"%"), ==, 1);
  /* The kept family's own people did not change. */
  {
    g_auto(GStrv) keep_guardians = guardian_ids (c.keep);
    g_assert_cmpint (count_journal (c.store, "guardians", keep_guardians[0], "%"), ==, 0);
  }
  merge_case_clear (&c);
}

static void
test_merge_search (PlTestDir     *fixture,
                   gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  const char *queries[] = { "yusuf ali", "sagal", "farah ali", "7001234", "7745550777" };

  merge_case_init (&c, fixture);
  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);

  /* The merged family's people find the kept family, never the merged one. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto(GStrv) found = pl_store_search_families (c.store, queries[i], 10, &error);

      g_assert_no_error (error);
      g_assert_true (strv_has (found, pl_family_get_id (c.keep)));
      g_assert_false (strv_has (found, pl_family_get_id (c.merged)));
    }
  merge_case_clear (&c);
}

static void
test_merge_list_follows (PlTestDir     *fixture,
                         gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(PlDuplicates) duplicates = NULL;
  g_autoptr(PlDuplicates) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlDuplicatePair) pair = NULL;

  merge_case_init (&c, fixture);
  duplicates = find (c.store);
  /* Same phone (413) 555-0123; the merged family and Warsame share (774) 555-0777. */
  g_assert_cmpuint (n_pairs (duplicates), ==, 2);
  g_assert_true (has_pair (duplicates, c.keep, c.merged));
  g_assert_true (has_pair (duplicates, c.merged, c.other));
  pair = pair_at (duplicates, pl_duplicates_find_pair (duplicates, pl_family_get_id (c.keep),
                                                       pl_family_get_id (c.merged)));
  /* Mohamed and Mohamed Ali: household names alike too, and one guardian in both. */
  g_assert_cmpuint (pl_duplicate_pair_get_reasons (pair), ==,
                    PL_DUPLICATE_REASON_PHONE | PL_DUPLICATE_REASON_HOUSEHOLD_NAME |
                    PL_DUPLICATE_REASON_GUARDIAN_NAME);
  g_assert_cmpstr (pl_duplicate_pair_get_description (pair), ==,
                   "Same phone: (413) 555-0123\nSame guardian: “Hodan Mohamed”\n"
                   "Same household name");
  /* The strongest pair comes first. */
  g_assert_cmpint (pl_duplicates_find_pair (duplicates, pl_family_get_id (c.keep),
                                            pl_family_get_id (c.merged)), ==, 0);

  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);
  pl_duplicates_family_merged (duplicates, pl_family_get_id (c.keep), pl_family_get_id (c.merged));

  /* The merged family leaves the list; its phone pair follows Yusuf Ali. */
  g_assert_cmpuint (n_pairs (duplicates), ==, 1);
  g_assert_false (has_pair (duplicates, c.keep, c.merged));
  g_assert_true (has_pair (duplicates, c.keep, c.other));

  /* A fresh search agrees. */
  fresh = find (c.store);
  g_assert_cmpuint (n_pairs (fresh), ==, 1);
  g_assert_true (has_pair (fresh, c.keep, c.other));
  merge_case_clear (&c);
}

static void
test_merge_undo (PlTestDir     *fixture,
                 gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(PlFamily) keep_after = NULL;
  g_autoptr(PlFamily) merged_after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keep_guardians = NULL;
  g_auto(GStrv) merged_guardians = NULL;
  g_auto(GStrv) merged_students = NULL;
  g_auto(GStrv) found = NULL;
  gint64 families, journal;

  merge_case_init (&c, fixture);
  keep_guardians = guardian_ids (c.keep);
  merged_guardians = guardian_ids (c.merged);
  merged_students = student_ids (c.merged);
  families = pl_store_count_families (c.store, NULL);

  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);
  journal = pl_store_count_journal (c.store, NULL);

  g_assert_true (pl_family_merge_undo (merge, c.store, &error));
  g_assert_no_error (error);
  /* The undo is journaled as well, so it syncs like the merge did. */
  g_assert_cmpint (pl_store_count_journal (c.store, NULL), >, journal);
  g_assert_cmpint (pl_store_count_families (c.store, NULL), ==, families);

  keep_after = load (c.store, pl_family_get_id (c.keep));
  merged_after = load (c.store, pl_family_get_id (c.merged));
  {
    g_auto(GStrv) k = guardian_ids (keep_after);
    g_auto(GStrv) m = guardian_ids (merged_after);
    g_auto(GStrv) ms = student_ids (merged_after);

    g_assert_true (g_strv_equal ((const char *const *) k, (const char *const *) keep_guardians));
    g_assert_true (g_strv_equal ((const char *const *) m, (const char *const *) merged_guardians));
    g_assert_true (g_strv_equal ((const char *const *) ms, (const char *const *) merged_students));
  }
  g_assert_null (pl_family_get_address (keep_after));
  g_assert_cmpstr (pl_family_get_notes (keep_after), ==, "Prefers calls after 5 pm.");
  g_assert_cmpstr (pl_family_get_address (merged_after), ==, "88 Walnut Street");
  for (guint i = 0; c.merged_contacts[i]; i++)
    {
      g_autofree char *family = contact_family (c.store, c.merged_contacts[i]);
      g_assert_cmpstr (family, ==, pl_family_get_id (c.merged));
    }
  for (guint i = 0; c.keep_contacts[i]; i++)
    {
      g_autofree char *family = contact_family (c.store, c.keep_contacts[i]);
      g_assert_cmpstr (family, ==, pl_family_get_id (c.keep));
    }
  found = pl_store_search_families (c.store, "sagal", 10, &error);
  g_assert_no_error (error);
  g_assert_true (strv_has (found, pl_family_get_id (c.merged)));
  g_assert_false (strv_has (found, pl_family_get_id (c.keep)));

  /* Once is enough. */
  g_assert_false (pl_family_merge_undo (merge, c.store, &error));
  g_assert_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_CANNOT_UNDO);
  merge_case_clear (&c);
}

static void
test_merge_undo_after_change (PlTestDir     *fixture,
                              gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  gint64 journal;

  merge_case_init (&c, fixture);
  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);
  /* Somebody restored the merged family by hand: undoing now would be a guess. */
  g_assert_true (pl_store_restore_family (c.store, pl_family_get_id (c.merged), &error));
  journal = pl_store_count_journal (c.store, NULL);
  g_assert_false (pl_family_merge_undo (merge, c.store, &error));
  g_assert_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_CANNOT_UNDO);
  g_assert_cmpint (pl_store_count_journal (c.store, NULL), ==, journal);
  merge_case_clear (&c);
}

static void
test_merge_refused (PlTestDir     *fixture,
                    gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_notes = g_string_new (NULL);
  gint64 journal;

  merge_case_init (&c, fixture);
  journal = pl_store_count_journal (c.store, NULL);

  g_assert_null (pl_family_merge_run (c.store, pl_family_get_id (c.keep),
                                      pl_family_get_id (c.keep), &error));
  g_assert_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_SAME_FAMILY);
  g_clear_error (&error);

  g_assert_null (pl_family_merge_run (c.store, pl_family_get_id (c.keep),
                                      "00000000-0000-0000-0000-000000000000", &error));
  g_assert_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_GONE);
  g_clear_error (&error);

  /* Notes that fit in each family but not in one: refused, nothing
   * half-done. */
  for (guint i = 0; i < 250; i++)
    g_string_append (long_notes, "Calls back most evenings. ");
  pl_family_set_notes (c.merged, long_notes->str);
  pl_test_save (c.store, c.merged);
  pl_family_set_notes (c.keep, long_notes->str);
  pl_test_save (c.store, c.keep);
  journal = pl_store_count_journal (c.store, NULL);
  g_assert_null (pl_family_merge_run (c.store, pl_family_get_id (c.keep),
                                      pl_family_get_id (c.merged), &error));
  g_assert_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_TOO_LONG);
  g_assert_cmpint (pl_store_count_journal (c.store, NULL), ==, journal);
  {
    g_autoptr(PlFamily) merged = load (c.store, pl_family_get_id (c.merged));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (merged))),
                      ==, 2);
  }
  merge_case_clear (&c);
}

static void
test_merge_conflicts (PlTestDir     *fixture,
                      gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(PlConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *hlc = NULL;

  merge_case_init (&c, fixture);
  hlc = pl_clock_now (pl_store_get_clock (c.store));
  /* Two conflicts left on the merged family by an earlier sync: its address,
   * and whether it was deleted. */
  sql = g_strdup_printf (
    "INSERT INTO conflicts (id, hlc, origin, entity, row_id, field, winner_value, winner_hlc,"
    " loser_value, loser_hlc, loser_origin) VALUES"
    " ('c-address', '%1$s', 'other', 'families', '%2$s', 'address', '88 Walnut Street', '%1$s',"
    "  '90 Walnut Street', '%1$s', 'other'),"
    " ('c-deleted', '%1$s', 'other', 'families', '%2$s', 'deleted', '0', '%1$s', '1', '%1$s',"
    "  'other')", hlc, pl_family_get_id (c.merged));
  exec_raw (c.store, sql);

  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);

  /* The address conflict is now the kept family's: its address (taken from
   * the merged family) against the value that lost. The other is settled. */
  conflicts = pl_store_list_conflicts (c.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (pl_conflict_get_row_id (conflict), ==, pl_family_get_id (c.keep));
  g_assert_cmpstr (pl_conflict_get_family_id (conflict), ==, pl_family_get_id (c.keep));
  g_assert_cmpstr (pl_conflict_get_household_name (conflict), ==, "Mohamed");
  g_assert_cmpstr (pl_conflict_get_winner_value (conflict), ==, "88 Walnut Street");
  g_assert_cmpstr (pl_conflict_get_loser_value (conflict), ==, "90 Walnut Street");
  {
    g_autofree char *resolution = query_text (c.store, "SELECT resolution FROM conflicts"
                                                       " WHERE id = 'c-deleted'");
    g_assert_cmpstr (resolution, ==, "merged");
  }

  /* Keeping the losing value writes it into the kept family. */
  g_assert_true (pl_store_resolve_conflict (c.store, pl_conflict_get_id (conflict),
                                            PL_CONFLICT_KEEP_LOSER, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PlFamily) kept = load (c.store, pl_family_get_id (c.keep));
    g_assert_cmpstr (pl_family_get_address (kept), ==, "90 Walnut Street");
  }
  merge_case_clear (&c);
}

static void
test_merge_undo_conflicts (PlTestDir     *fixture,
                           gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GListModel) conflicts = NULL;
  g_autoptr(PlConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *hlc = NULL;

  merge_case_init (&c, fixture);
  hlc = pl_clock_now (pl_store_get_clock (c.store));
  sql = g_strdup_printf (
    "INSERT INTO conflicts (id, hlc, origin, entity, row_id, field, winner_value, winner_hlc,"
    " loser_value, loser_hlc, loser_origin) VALUES"
    " ('c-zip', '%1$s', 'other', 'families', '%2$s', 'zip', '01105', '%1$s', '01109', '%1$s',"
    "  'other')", hlc, pl_family_get_id (c.merged));
  exec_raw (c.store, sql);

  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);
  g_assert_true (pl_family_merge_undo (merge, c.store, &error));
  g_assert_no_error (error);

  conflicts = pl_store_list_conflicts (c.store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpstr (pl_conflict_get_row_id (conflict), ==, pl_family_get_id (c.merged));
  g_assert_cmpstr (pl_conflict_get_household_name (conflict), ==, "Mohamed Ali");
  g_assert_cmpstr (pl_conflict_get_winner_value (conflict), ==, "01105");
  merge_case_clear (&c);
}

static void
test_merge_fills_other_way (PlTestDir     *fixture,
                            gconstpointer  data)
{
  MergeCase c = { NULL };
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(PlFamily) kept = NULL;
  g_autoptr(GError) error = NULL;

  /* Keeping the family with an address: its address stays, the other's
   * language and address differences go to the note. */
  merge_case_init (&c, fixture);
  pl_family_set_address (c.keep, "2 Spruce Street");
  pl_family_set_zip (c.keep, "01107");
  pl_test_save (c.store, c.keep);
  merge = pl_family_merge_run (c.store, pl_family_get_id (c.keep), pl_family_get_id (c.merged),
                               &error);
  g_assert_no_error (error);
  kept = load (c.store, pl_family_get_id (c.keep));
  g_assert_cmpstr (pl_family_get_address (kept), ==, "2 Spruce Street");
  g_assert_cmpstr (pl_family_get_zip (kept), ==, "01107");
  g_assert_nonnull (strstr (pl_family_get_notes (kept),
                            "Their address: 88 Walnut Street, Springfield 01105"));
  merge_case_clear (&c);
}

/* Sync: a real porchlight-server on 127.0.0.1 */

static PlStore *
open_client (PlTestDir  *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *path = pl_test_dir_file (fixture, file);
  PlStore *store = pl_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* Logs in as @user and syncs; returns how many changes the server refused. */
static gint64
sync_store (PlTestServer *server,
            PlStore      *store,
            const char   *user)
{
  g_autoptr(PlSyncClient) client = pl_sync_client_new (pl_store_get_path (store), server->url);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = pl_sync_client_login (client, user, PL_TEST_PASSWORD, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (pl_sync_client_sync (client, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return pl_store_count_refused (store, NULL);
}

static void
sync_ok (PlTestServer *server,
         PlStore      *store,
         const char   *user)
{
  /* Every change was taken: none set aside as refused. */
  g_assert_cmpint (sync_store (server, store, user), ==, 0);
}

/* Luis entered one household twice; @merger (an administrator, or Ana, a
 * liaison at the same school) merges them, and Luis's laptop follows. */
static void
test_merge_syncs (PlTestDir     *fixture,
                  gconstpointer  data)
{
  const char *merger = data;
  PlTestServer server;
  g_autoptr(PlStore) admin = NULL;
  g_autoptr(PlStore) ana = NULL;
  g_autoptr(PlStore) luis = NULL;
  g_autoptr(PlSchool) school = NULL;
  g_autoptr(PlFamily) keep = NULL;
  g_autoptr(PlFamily) merged = NULL;
  g_autoptr(PlFamily) seen = NULL;
  g_autoptr(PlFamilyMerge) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contact = NULL;

  pl_test_server_init (&server, fixture);
  pl_test_server_add_user (&server, "admin", "admin", "all");
  pl_test_server_start (&server, NULL, NULL);
  admin = open_client (fixture, "admin");
  school = pl_test_add_school (admin, "Brightwood Elementary");
  sync_ok (&server, admin, "admin");
  pl_test_server_add_user (&server, "ana", "liaison", pl_school_get_id (school));
  pl_test_server_add_user (&server, "luis", "liaison", pl_school_get_id (school));

  luis = open_client (fixture, "luis");
  sync_ok (&server, luis, "luis");
  keep = pl_test_make_family ("Mohamed", "Hodan Mohamed", "(413) 555-0123", "Ayaan Mohamed",
                              pl_school_get_id (school), "so");
  merged = pl_test_make_family ("Mohamed Ali", "Yusuf Ali", "(413) 555-0123", "Farah Ali",
                                pl_school_get_id (school), "so");
  pl_test_save (luis, keep);
  pl_test_save (luis, merged);
  contact = log_contact (luis, pl_family_get_id (merged));
  sync_ok (&server, luis, "luis");

  ana = open_client (fixture, merger);
  sync_ok (&server, ana, merger);
  g_assert_cmpint (pl_store_count_families (ana, NULL), ==, 2);
  merge = pl_family_merge_run (ana, pl_family_get_id (keep), pl_family_get_id (merged), &error);
  g_assert_no_error (error);
  /* Nothing set aside: the merged family's deletion is taken even though,
   * emptied, it has no student at the user's schools any more. */
  sync_ok (&server, ana, merger);

  /* Luis's laptop agrees: one family with both guardians and students (the
   * server told it the emptied family left his school). */
  sync_ok (&server, luis, "luis");
  g_assert_cmpint (pl_store_count_families (luis, NULL), ==, 1);
  g_assert_null (pl_store_load_family (luis, pl_family_get_id (merged), NULL));
  seen = load (luis, pl_family_get_id (keep));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (seen))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (seen))), ==, 2);
  g_assert_cmpint (pl_duplicates_count_contacts (luis, pl_family_get_id (keep), NULL), ==, 1);
  {
    g_autofree char *family = contact_family (luis, contact);
    g_assert_cmpstr (family, ==, pl_family_get_id (keep));
  }
  {
    g_auto(GStrv) found = pl_store_search_families (luis, "farah", 10, &error);
    g_assert_no_error (error);
    g_assert_true (strv_has (found, pl_family_get_id (keep)));
  }

  /* A liaison's laptop forgets a family with no student at her schools
   * once the sync is done: too late to undo there, and it says so. */
  if (g_strcmp0 (merger, "admin") != 0)
    {
      g_assert_false (pl_family_merge_undo (merge, ana, &error));
      g_assert_error (error, PL_DUPLICATES_ERROR, PL_DUPLICATES_ERROR_CANNOT_UNDO);
      pl_test_server_clear (&server);
      return;
    }

  /* Otherwise the undo travels the same way. */
  g_assert_true (pl_family_merge_undo (merge, ana, &error));
  g_assert_no_error (error);
  sync_ok (&server, ana, merger);
  sync_ok (&server, luis, "luis");
  g_assert_cmpint (pl_store_count_families (luis, NULL), ==, 2);
  g_clear_object (&seen);
  seen = load (luis, pl_family_get_id (merged));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (seen))), ==, 1);

  pl_test_server_clear (&server);
}

/* The command line */

static int
run_cli (char      **out,
         char      **err,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PORCHLIGHT_CLI");
  const char *arg;
  int status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (PlTestDir     *fixture,
          gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(PlStore) store = open_store (fixture, &path);
  g_autoptr(PlFamily) ortiz = add_family (store, "Ortiz", "Luis Ortiz", "(413) 555-0101",
                                          "Ana Ortiz", NULL, NULL);
  g_autoptr(PlFamily) ruiz = add_family (store, "Ruiz", "Marta Ruiz", "413-555-0101",
                                         "Leo Ruiz", NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;

  g_clear_object (&store);

  /* One line a pair: the two ids and households, and why. */
  g_assert_cmpint (run_cli (&out, &err, "--database", path, "duplicates", "list", NULL), ==, 0);
  line = g_strdup_printf ("%s\tOrtiz\t%s\tRuiz\tSame phone: (413) 555-0101\n",
                          pl_family_get_id (ortiz), pl_family_get_id (ruiz));
  g_assert_cmpstr (out, ==, line);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "duplicates", "merge",
                            pl_family_get_id (ortiz), pl_family_get_id (ortiz), NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cannot be merged into itself"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "duplicates", "merge",
                            pl_family_get_id (ortiz), pl_family_get_id (ruiz), NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Guardians moved: 1\n"));
  g_assert_nonnull (strstr (out, "Students moved: 1\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "search", "leo ruiz", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, pl_family_get_id (ortiz)));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "duplicates", "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "--database", path, "duplicates", "frobnicate", NULL), ==,
                   2);
}

static void
test_cli_dismiss (PlTestDir     *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(PlStore) store = open_store (fixture, &path);
  g_autoptr(PlFamily) ortiz = add_family (store, "Ortiz", "Luis Ortiz", "(413) 555-0101",
                                          NULL, NULL, NULL);
  g_autoptr(PlFamily) ruiz = add_family (store, "Ruiz", "Marta Ruiz", "413-555-0101",
                                         NULL, NULL, NULL);
  g_autofree char *out = NULL;

  g_clear_object (&store);
  g_assert_cmpint (run_cli (&out, NULL, "--database", path, "duplicates", "dismiss",
                            pl_family_get_id (ruiz), pl_family_get_id (ortiz), NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "--database", path, "duplicates", "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, PlTestDir, NULL, pl_test_dir_setup, func, pl_test_dir_teardown)

  ADD ("/duplicates/by-phone", test_by_phone);
  ADD ("/duplicates/by-second-phone", test_by_phone_alt);
  ADD ("/duplicates/by-name-at-address", test_by_name_at_address);
  ADD ("/duplicates/no-false-pairs", test_no_false_pairs);
  ADD ("/duplicates/shared-line", test_shared_line);
  ADD ("/duplicates/dismiss", test_dismiss);
  ADD ("/duplicates/async", test_async);
  ADD ("/duplicates/merge/keeps-everything", test_merge_keeps_everything);
  ADD ("/duplicates/merge/journal", test_merge_journal);
  ADD ("/duplicates/merge/search", test_merge_search);
  ADD ("/duplicates/merge/list-follows", test_merge_list_follows);
  ADD ("/duplicates/merge/undo", test_merge_undo);
  ADD ("/duplicates/merge/undo-after-change", test_merge_undo_after_change);
  ADD ("/duplicates/merge/refused", test_merge_refused);
  ADD ("/duplicates/merge/conflicts", test_merge_conflicts);
  ADD ("/duplicates/merge/undo-conflicts", test_merge_undo_conflicts);
  ADD ("/duplicates/merge/keeps-address", test_merge_fills_other_way);
  g_test_add ("/duplicates/merge/syncs-admin", PlTestDir, "admin", pl_test_dir_setup,
              test_merge_syncs, pl_test_dir_teardown);
  g_test_add ("/duplicates/merge/syncs-liaison", PlTestDir, "ana", pl_test_dir_setup,
              test_merge_syncs, pl_test_dir_teardown);
  ADD ("/duplicates/cli", test_cli);
  ADD ("/duplicates/cli-dismiss", test_cli_dismiss);

#undef ADD

  return g_test_run ();
}
