/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"
#include "pl-test-util.h"
#include "pl-test-families.h"

typedef struct
{
  guint position, removed, added, calls;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->calls++;
}

static const char *
household_at (GListModel *model,
              guint       position)
{
  g_autoptr(PlFamilySummary) summary = g_list_model_get_item (model, position);
  return g_intern_string (pl_family_summary_get_household_name (summary));
}

static void
fill (PlStore   *store,
      PlSchool  *north,
      PlSchool  *south)
{
  struct { const char *household, *guardian, *student; PlSchool *school; const char *language; } rows[] = {
    { "Ortiz", "Luis Ortiz", "Ana Ortiz", north, "es" },
    { "Álvarez", "Rosa Álvarez", "Pedro Álvarez", south, "es" },
    { "Nguyễn", "Nguyễn Thị Hương", "Nguyễn Minh", north, "vi" },
    { "Brown", "Kevin Brown", "Ella Brown", south, "en" },
    { "Haddad", "Samira Haddad", "Omar Haddad", north, "ar" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(PlFamily) family = pl_test_make_family (rows[i].household, rows[i].guardian, NULL,
                                                        rows[i].student,
                                                        pl_school_get_id (rows[i].school),
                                                        rows[i].language);
      pl_test_save (store, family);
    }
}

static void
test_order_and_items (PlTestDir     *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "list.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlSchool) north = pl_test_add_school (store, "North Elementary");
  g_autoptr(PlSchool) south = pl_test_add_school (store, "South Elementary");
  g_autoptr(PlFamilyList) list = NULL;
  g_autoptr(PlFamilySummary) summary = NULL;
  GListModel *model;

  fill (store, north, south);
  list = pl_family_list_new (store);
  model = G_LIST_MODEL (list);

  g_assert_true (g_list_model_get_item_type (model) == PL_TYPE_FAMILY_SUMMARY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  /* Sorted by the folded name: Álvarez sorts with the A's. */
  g_assert_cmpstr (household_at (model, 0), ==, "Álvarez");
  g_assert_cmpstr (household_at (model, 1), ==, "Brown");
  g_assert_cmpstr (household_at (model, 2), ==, "Haddad");
  g_assert_cmpstr (household_at (model, 3), ==, "Nguyễn");
  g_assert_cmpstr (household_at (model, 4), ==, "Ortiz");
  g_assert_null (g_list_model_get_item (model, 5));

  summary = g_list_model_get_item (model, 3);
  g_assert_cmpstr (pl_family_summary_get_guardians (summary), ==, "Nguyễn Thị Hương");
  g_assert_cmpstr (pl_family_summary_get_students (summary), ==,
                   "Nguyễn Minh · North Elementary · Grade 3");
  g_assert_cmpstr (pl_family_summary_get_home_language (summary), ==, "vi");
}

static void
test_filters (PlTestDir     *fixture,
              gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "filters.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlSchool) north = pl_test_add_school (store, "North Elementary");
  g_autoptr(PlSchool) south = pl_test_add_school (store, "South Elementary");
  g_autoptr(PlFamilyList) list = NULL;
  GListModel *model;
  Changes changes = { 0 };

  fill (store, north, south);
  list = pl_family_list_new (store);
  model = G_LIST_MODEL (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);

  pl_family_list_set_school_id (list, pl_school_get_id (north));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 5);
  g_assert_cmpuint (changes.added, ==, 3);

  pl_family_list_set_language (list, "es");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (household_at (model, 0), ==, "Ortiz");

  pl_family_list_set_school_id (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  pl_family_list_set_query (list, "alva");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (household_at (model, 0), ==, "Álvarez");

  pl_family_list_set_language (list, NULL);
  pl_family_list_set_query (list, "nguyen thi");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  pl_family_list_set_query (list, "nobody at all");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  pl_family_list_set_query (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_null (pl_family_list_get_error (list));
}

static void
test_change_notification (PlTestDir     *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "notify.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlSchool) north = pl_test_add_school (store, "North Elementary");
  g_autoptr(PlSchool) south = pl_test_add_school (store, "South Elementary");
  g_autoptr(PlFamilyList) list = NULL;
  g_autoptr(PlFamily) haddad = NULL;
  g_autoptr(PlFamily) added = NULL;
  g_autoptr(PlFamilySummary) before = NULL;
  g_autoptr(PlFamilySummary) after = NULL;
  GListModel *model;
  Changes changes = { 0 };
  g_auto(GStrv) ids = NULL;

  fill (store, north, south);
  list = pl_family_list_new (store);
  model = G_LIST_MODEL (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);

  ids = pl_store_search_families (store, "haddad", 1, &error);
  haddad = pl_store_load_family (store, ids[0], &error);
  g_assert_cmpint (pl_family_list_find (list, ids[0]), ==, 2);
  before = g_list_model_get_item (model, 2);

  /* An edit that keeps the family in place: exactly its row changes. */
  pl_family_set_notes (haddad, "Prefers Arabic interpreter from the phone line.");
  {
    g_autoptr(PlGuardian) guardian = g_list_model_get_item (G_LIST_MODEL (pl_family_get_guardians (haddad)), 0);
    pl_guardian_set_full_name (guardian, "Samira Al-Haddad");
  }
  pl_test_save (store, haddad);
  g_assert_cmpuint (changes.calls, >=, 1);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  after = g_list_model_get_item (model, 2);
  g_assert_true (before != after);
  g_assert_cmpstr (pl_family_summary_get_guardians (after), ==, "Samira Al-Haddad");

  /* A new family appears at its place in the order. */
  changes.calls = 0;
  added = pl_test_make_family ("Chávez", "Carmen Chávez", NULL, NULL, NULL, "es");
  pl_test_save (store, added);
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpstr (household_at (model, 2), ==, "Chávez");

  /* A deleted family leaves; undo puts it back. */
  changes.calls = 0;
  g_assert_true (pl_store_delete_family (store, pl_family_get_id (added), &error));
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_true (pl_store_restore_family (store, pl_family_get_id (added), &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
}

static void
test_lazy (PlTestDir     *fixture,
           gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "lazy.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamilyList) list = NULL;
  g_autoptr(PlFamilySummary) first = NULL;
  g_autoptr(PlFamilySummary) far = NULL;
  g_autoptr(PlFamilySummary) first_again = NULL;
  GListModel *model;
  guint n;

  g_assert_true (pl_demo_generate (store, 600, 7, NULL, NULL, NULL, &error));
  list = pl_family_list_new (store);
  model = G_LIST_MODEL (list);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 600);

  /* Rows are built for a window around what is asked, not for the whole list:
   * an item far away is a new object, and the first one is rebuilt later. */
  first = g_list_model_get_item (model, 0);
  far = g_list_model_get_item (model, n - 1);
  first_again = g_list_model_get_item (model, 0);
  g_assert_true (first != first_again);
  g_assert_cmpstr (pl_family_summary_get_id (first), ==, pl_family_summary_get_id (first_again));
  g_assert_cmpstr (pl_family_summary_get_id (first), !=, pl_family_summary_get_id (far));

  /* Every position holds a real family, in order. */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(PlFamilySummary) a = g_list_model_get_item (model, i - 1);
      g_autoptr(PlFamilySummary) b = g_list_model_get_item (model, i);
      g_autofree char *ka = pl_normalize_text (pl_family_summary_get_household_name (a));
      g_autofree char *kb = pl_normalize_text (pl_family_summary_get_household_name (b));
      g_assert_cmpint (strcmp (ka, kb), <=, 0);
      g_assert_cmpstr (pl_family_summary_get_id (b), !=, "");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, PlTestDir, NULL, pl_test_dir_setup, func, pl_test_dir_teardown)
  ADD ("/family-list/order-and-items", test_order_and_items);
  ADD ("/family-list/filters", test_filters);
  ADD ("/family-list/change-notification", test_change_notification);
  ADD ("/family-list/lazy", test_lazy);
#undef ADD
  return g_test_run ();
}
