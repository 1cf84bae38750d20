/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pl-core.h"
#include "pl-test-util.h"

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;
  (*calls)++;
  g_assert_cmpuint (done, <=, total);
}

/* The household names of the whole district, in list order, as one string. */
static char *
fingerprint (PlStore *store)
{
  g_autoptr(PlFamilyList) list = pl_family_list_new (store);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(PlFamilySummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_string_append_printf (out, "%s|%s|%s|%s\n", pl_family_summary_get_id (summary),
                              pl_family_summary_get_household_name (summary),
                              pl_family_summary_get_guardians (summary),
                              pl_family_summary_get_students (summary));
    }
  return g_string_free (out, FALSE);
}

static void
test_generate (PlTestDir     *fixture,
               gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "demo.db");
  g_autofree char *other_path = pl_test_dir_file (fixture, "demo-again.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlStore) again = pl_store_open (other_path, &error);
  g_autoptr(GListModel) schools = NULL;
  g_auto(GStrv) languages = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint calls = 0;

  g_assert_true (pl_demo_generate (store, 1000, 42, count_progress, &calls, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 4);
  g_assert_cmpint (pl_store_count_families (store, &error), ==, 1000);

  schools = pl_store_list_schools (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (schools), ==, 60);

  /* Spanish and English lead, and the zone's other languages are there. */
  languages = pl_store_list_home_languages (store, &error);
  g_assert_cmpstr (languages[0], ==, "es");
  g_assert_cmpstr (languages[1], ==, "en");
  for (const char *const *code = (const char *const[]) { "vi", "ar", "ne", "so", "sw", "pt", "prs", "ht", NULL };
       *code; code++)
    g_assert_true (g_strv_contains ((const char *const *) languages, *code));

  /* About forty contacts a family. */
  g_assert_cmpuint (pl_demo_rows_written (), >, 1000 * 30);

  /* Demo data is fixture data: never in the journal, so never pushed. */
  g_assert_cmpint (pl_store_count_journal (store, &error), ==, 0);

  /* The same seed makes the same district, ids and all. */
  g_assert_true (pl_demo_generate (again, 1000, 42, NULL, NULL, NULL, &error));
  first = fingerprint (store);
  second = fingerprint (again);
  g_assert_cmpstr (first, ==, second);

  /* Only into an empty database. */
  g_assert_false (pl_demo_generate (store, 10, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED);
  g_assert_cmpint (pl_store_count_families (store, NULL), ==, 1000);
}

static void
test_scripts_searchable (PlTestDir     *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "scripts.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamilyList) list = NULL;
  guint arabic = 0, devanagari = 0, vietnamese = 0;

  g_assert_true (pl_demo_generate (store, 1500, 3, NULL, NULL, NULL, &error));
  list = pl_family_list_new (store);

  /* Names are written in their own scripts, and each finds its family. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i += 7)
    {
      g_autoptr(PlFamilySummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *name = pl_family_summary_get_household_name (summary);
      gunichar first = g_utf8_get_char (name);
      g_auto(GStrv) found = NULL;

      if (first >= 0x0600 && first <= 0x06FF)
        arabic++;
      else if (first >= 0x0900 && first <= 0x097F)
        devanagari++;
      else if (g_strcmp0 (pl_family_summary_get_home_language (summary), "vi") == 0)
        vietnamese++;
      else
        continue;

      found = pl_store_search_families (store, name, 2000, &error);
      g_assert_true (g_strv_contains ((const char *const *) found, pl_family_summary_get_id (summary)));
    }
  g_assert_cmpuint (arabic, >, 0);
  g_assert_cmpuint (devanagari, >, 0);
  g_assert_cmpuint (vietnamese, >, 0);
}

static void
test_cancel (PlTestDir     *fixture,
             gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "cancel.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_false (pl_demo_generate (store, 500, 1, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Nothing half-made is left behind. */
  g_assert_cmpint (pl_store_count_families (store, NULL), ==, 0);
  {
    g_autoptr(GListModel) schools = pl_store_list_schools (store, NULL);
    g_autoptr(GPtrArray) surveys = pl_store_list_surveys (store, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (schools), ==, 0);
    g_assert_cmpuint (surveys->len, ==, 0);
  }
  g_assert_cmpint (pl_store_count_journal (store, NULL), ==, 0);
}

static void
cancel_half_way (guint    done,
                 guint    total,
                 gpointer user_data)
{
  if (done * 2 >= total)
    g_cancellable_cancel (user_data);
}

/* Cancelled half way through the families, after the survey was saved. */
static void
test_cancel_later (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "cancel-later.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) surveys = NULL;

  g_assert_false (pl_demo_generate (store, 500, 1, cancel_half_way, cancellable, cancellable,
                                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (pl_store_count_families (store, NULL), ==, 0);
  surveys = pl_store_list_surveys (store, NULL);
  g_assert_cmpuint (surveys->len, ==, 0);
  g_assert_cmpint (pl_store_count_journal (store, NULL), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  guint      progress_calls;
  guint      changed;
} AsyncState;

static void
async_progress (guint done, guint total, gpointer user_data)
{
  AsyncState *state = user_data;
  /* Delivered on the caller's thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  state->progress_calls++;
}

static void
on_changed (PlStore *store, const char *id, AsyncState *state)
{
  g_assert_null (id);
  state->changed++;
}

static void
generated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = pl_demo_generate_finish (PL_STORE (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_async (PlTestDir     *fixture,
            gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "async.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlStore) store = pl_store_open (path, &error);
  g_autoptr(PlFamilyList) list = pl_family_list_new (store);
  AsyncState state = { g_main_loop_new (NULL, FALSE), FALSE, 0, 0 };

  g_signal_connect (store, "family-changed", G_CALLBACK (on_changed), &state);
  pl_demo_generate_async (store, 500, 9, async_progress, &state, NULL, generated_cb, &state);
  g_main_loop_run (state.loop);
  g_main_loop_unref (state.loop);

  g_assert_true (state.ok);
  g_assert_cmpuint (state.progress_calls, ==, 2);
  g_assert_cmpuint (state.changed, ==, 1);
  /* The main thread's list sees what the worker wrote. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, PlTestDir, NULL, pl_test_dir_setup, func, pl_test_dir_teardown)
  ADD ("/demo/generate", test_generate);
  ADD ("/demo/scripts-searchable", test_scripts_searchable);
  ADD ("/demo/cancel", test_cancel);
  ADD ("/demo/cancel-later", test_cancel_later);
  ADD ("/demo/async", test_async);
#undef ADD
  return g_test_run ();
}
