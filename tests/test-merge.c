/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

/* Copies every row of @family_id (family, guardians, students) from one store
 * to another as pull snapshots would, in one transaction. */
static void
copy_family (PlStore    *from,
             PlStore    *to,
             const char *family_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFamily) family = pl_store_load_family (from, family_id, &error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  PlMergeResult result;

  g_assert_no_error (error);
  g_ptr_array_add (rows, pl_merge_read_snapshot (from, "families", family_id, &error));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_guardians (family))); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), i);
      g_ptr_array_add (rows, pl_merge_read_snapshot (from, "guardians", pl_guardian_get_id (guardian), &error));
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pl_family_get_students (family))); i++)
    {
      g_autoptr(PlStudent) student = g_list_model_get_item (G_LIST_MODEL (pl_family_get_students (family)), i);
      g_ptr_array_add (rows, pl_merge_read_snapshot (from, "students", pl_student_get_id (student), &error));
    }
  g_assert_no_error (error);

  pl_merge_result_init (&result);
  g_assert_true (pl_store_begin (to, &error));
  for (guint i = 0; i < rows->len; i++)
    {
      pl_merge_apply_snapshot (to, g_ptr_array_index (rows, i), &result, &error);
      g_assert_no_error (error);
    }
  pl_store_commit (to, &error);
  g_assert_no_error (error);
  pl_merge_result_clear (&result);
}

static PlGuardian *
first_guardian (PlFamily *family)
{
  return g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (family)), 0);
}

static void
test_copy (PlTestDir     *fixture,
           gconstpointer  data)
{
  g_autofree char *path_a = pl_test_dir_file (fixture, "a.db");
  g_autofree char *path_b = pl_test_dir_file (fixture, "b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) a = pl_store_open (path_a, &error);
  g_autoptr(PlStore) b = pl_store_open (path_b, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Nguyễn", "Nguyễn Thị Hương", "(413) 555-0199",
                                                    "Nguyễn Minh", NULL, "vi");
  g_autoptr(PlFamily) copied = NULL;
  g_autoptr(PlGuardian) guardian = NULL;
  g_auto(GStrv) found = NULL;

  pl_test_save (a, family);
  copy_family (a, b, pl_family_get_id (family));

  copied = pl_store_load_family (b, pl_family_get_id (family), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_family_get_household_name (copied), ==, "Nguyễn");
  guardian = first_guardian (copied);
  g_assert_cmpstr (pl_guardian_get_phone (guardian), ==, "(413) 555-0199");
  g_assert_true (pl_guardian_get_can_text (guardian));
  /* Merged rows are searchable, and were not journaled as B's own changes. */
  found = pl_store_search_families (b, "huong 0199", 10, &error);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpint (pl_store_count_journal (b, &error), ==, 0);
}

static void
test_fields_merge (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autofree char *path_a = pl_test_dir_file (fixture, "a.db");
  g_autofree char *path_b = pl_test_dir_file (fixture, "b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) a = pl_store_open (path_a, &error);
  g_autoptr(PlStore) b = pl_store_open (path_b, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Haddad", "Samira Haddad", NULL, NULL, NULL, "ar");
  g_autoptr(PlFamily) on_a = NULL;
  g_autoptr(PlFamily) on_b = NULL;
  const char *id = pl_family_get_id (family);

  pl_test_save (a, family);
  copy_family (a, b, id);

  /* Offline, A changes the phone and B the email of the same guardian. */
  on_a = pl_store_load_family (a, id, &error);
  on_b = pl_store_load_family (b, id, &error);
  {
    g_autoptr(PlGuardian) ga = first_guardian (on_a);
    g_autoptr(PlGuardian) gb = first_guardian (on_b);
    pl_guardian_set_phone (ga, "(413) 555-0101");
    pl_guardian_set_email (gb, "samira@example.org");
  }
  pl_test_save (a, on_a);
  pl_test_save (b, on_b);

  /* Exchanged both ways, in either order, both keep both edits. */
  copy_family (b, a, id);
  copy_family (a, b, id);
  for (PlStore **store = (PlStore *[]) { a, b, NULL }; *store; store++)
    {
      g_autoptr(PlFamily) merged = pl_store_load_family (*store, id, &error);
      g_autoptr(PlGuardian) guardian = first_guardian (merged);

      g_assert_cmpstr (pl_guardian_get_phone (guardian), ==, "(413) 555-0101");
      g_assert_cmpstr (pl_guardian_get_email (guardian), ==, "samira@example.org");
    }
}

static JsonObject *
make_change (const char *change_id,
             const char *entity,
             const char *id,
             const char *field,
             JsonNode   *value,
             const char *hlc,
             const char *base)
{
  JsonObject *change = json_object_new ();
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (change, "change_id", change_id);
  json_object_set_string_member (change, "entity", entity);
  json_object_set_string_member (change, "id", id);
  json_object_set_member (fields, field, value);
  json_object_set_object_member (change, "fields", fields);
  json_object_set_string_member (change, "hlc", hlc);
  if (base)
    json_object_set_string_member (change, "base_hlc", base);
  else
    json_object_set_null_member (change, "base_hlc");
  return change;
}

static void
test_conflict (PlTestDir     *fixture,
               gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "server.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamily) family = pl_test_make_family ("Pierre", "Nadège Pierre", NULL, NULL, NULL, "ht");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) snapshot = NULL;
  g_autoptr(PlFamily) merged = NULL;
  g_autofree char *base = NULL;
  PlMergeResult result;

  pl_test_save (store, family);
  snapshot = pl_merge_read_snapshot (store, "families", pl_family_get_id (family), &error);
  base = g_strdup (json_object_get_string_member (json_object_get_object_member (snapshot, "clocks"),
                                                  "notes"));

  /* Two devices edited the notes after seeing the same version. The later
   * clock wins wherever it lands; the other value is kept once. */
  first = make_change ("c1", "families", pl_family_get_id (family), "notes",
                       json_node_init_string (json_node_alloc (), "Prefers Kreyòl"),
                       "7000000000000-0000-bbbbbbbbbbbbbbbb", base);
  second = make_change ("c2", "families", pl_family_get_id (family), "notes",
                        json_node_init_string (json_node_alloc (), "Call after 5 pm"),
                        "6000000000000-0000-cccccccccccccccc", base);

  pl_merge_result_init (&result);
  g_assert_true (pl_store_begin (store, &error));
  g_assert_true (pl_merge_apply_change (store, first, "bbbbbbbbbbbbbbbb", &result, &error));
  g_assert_cmpuint (result.n_conflicts, ==, 0);
  g_assert_true (pl_merge_apply_change (store, second, "cccccccccccccccc", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_conflicts, ==, 1);
  g_assert_true (pl_store_commit (store, &error));

  merged = pl_store_load_family (store, pl_family_get_id (family), &error);
  g_assert_cmpstr (pl_family_get_notes (merged), ==, "Prefers Kreyòl");

  /* The conflict row is itself a synced row that names both values. */
  {
    g_autofree char *conflict_id = NULL;
    g_autoptr(JsonObject) conflict = NULL;
    JsonObject *fields;

    for (guint i = 0; i < result.touched->len; i++)
      if (g_str_has_prefix (g_ptr_array_index (result.touched, i), "conflicts\t"))
        conflict_id = g_strdup ((char *) g_ptr_array_index (result.touched, i) + strlen ("conflicts\t"));
    g_assert_nonnull (conflict_id);
    conflict = pl_merge_read_snapshot (store, "conflicts", conflict_id, &error);
    fields = json_object_get_object_member (conflict, "fields");
    g_assert_cmpstr (json_object_get_string_member (fields, "field"), ==, "notes");
    g_assert_cmpstr (json_object_get_string_member (fields, "winner_value"), ==, "Prefers Kreyòl");
    g_assert_cmpstr (json_object_get_string_member (fields, "loser_value"), ==, "Call after 5 pm");
    g_assert_cmpstr (json_object_get_string_member (fields, "loser_origin"), ==, "cccccccccccccccc");
    {
      g_autofree char *family_of = pl_merge_family_of (store, "conflicts", conflict_id, &error);
      g_assert_cmpstr (family_of, ==, pl_family_get_id (family));
    }
  }

  /* A change that already knew the newest value is no conflict. */
  {
    g_autoptr(JsonObject) informed = make_change ("c3", "families", pl_family_get_id (family), "notes",
                                                  json_node_init_string (json_node_alloc (), "Both"),
                                                  "7000000000001-0000-cccccccccccccccc",
                                                  "7000000000000-0000-bbbbbbbbbbbbbbbb");
    guint before = result.n_conflicts;

    g_assert_true (pl_store_begin (store, &error));
    g_assert_true (pl_merge_apply_change (store, informed, "cccccccccccccccc", &result, &error));
    g_assert_true (pl_store_commit (store, &error));
    g_assert_cmpuint (result.n_conflicts, ==, before);
  }
  pl_merge_result_clear (&result);
}

static void
test_bad_changes (PlTestDir     *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "bad.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autofree char *long_text = g_strnfill (PL_MERGE_MAX_TEXT + 1, 'x');
  const char *hlc = "6000000000000-0000-cccccccccccccccc";
  struct { JsonObject *change; GQuark domain; int code; const char *named; } cases[] = {
    { make_change ("u1", "recipes", "r1", "name", json_node_init_string (json_node_alloc (), "x"), hlc, NULL),
      PL_MERGE_ERROR, PL_MERGE_ERROR_UNKNOWN_ENTITY, "recipes" },
    { make_change ("u2", "families", "f1", "favourite_color", json_node_init_string (json_node_alloc (), "x"), hlc, NULL),
      PL_MERGE_ERROR, PL_MERGE_ERROR_UNKNOWN_FIELD, "favourite_color" },
    { make_change ("u3", "families", "f1", "household_name", json_node_init_int (json_node_alloc (), 3), hlc, NULL),
      PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST, "household_name" },
    { make_change ("u4", "families", "f1", "notes", json_node_init_string (json_node_alloc (), long_text), hlc, NULL),
      PL_MERGE_ERROR, PL_MERGE_ERROR_TOO_LONG, "notes" },
    { make_change ("u5", "families", "f1", "deleted", json_node_init_int (json_node_alloc (), 1), hlc, NULL),
      PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST, "deleted" },
    /* An insert without its required name is refused by the schema. */
    { make_change ("u6", "families", "f1", "notes", json_node_init_string (json_node_alloc (), "x"), hlc, NULL),
      PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST, "f1" },
    { make_change ("u7", "families", "f1", "notes", json_node_init_string (json_node_alloc (), "x"), "yesterday", NULL),
      PL_MERGE_ERROR, PL_MERGE_ERROR_BAD_REQUEST, "u7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PlMergeResult result;

      pl_merge_result_init (&result);
      g_assert_true (pl_store_begin (store, &error));
      g_assert_false (pl_merge_apply_change (store, cases[i].change, "cccccccccccccccc", &result, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].named));
      g_clear_error (&error);
      pl_store_rollback (store);
      pl_merge_result_clear (&result);
      json_object_unref (cases[i].change);
    }
  g_assert_cmpint (pl_store_count_families (store, &error), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, PlTestDir, NULL, pl_test_dir_setup, func, pl_test_dir_teardown)
  ADD ("/merge/copy", test_copy);
  ADD ("/merge/fields", test_fields_merge);
  ADD ("/merge/conflict", test_conflict);
  ADD ("/merge/bad-changes", test_bad_changes);
#undef ADD
  return g_test_run ();
}
