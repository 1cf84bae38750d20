/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pl-core.h"
#include "pl-disagreement-row-private.h"
#include "pl-duplicate-forms-banner-private.h"
#include "pl-entry-page-private.h"
#include "pl-entry-stats-view-private.h"
#include "pl-merge.h"
#include "pl-reconcile-page-private.h"
#include "pl-window-private.h"

/* A supervisor reconciling a double-keyed batch: the batch is keyed through
 * the core API, then the Reconcile window settles one disagreement with a
 * real key press (xdotool, through GTK's whole input path) and one with the
 * Other menu, and the test reads back what the store holds. */

#define WAIT_SECONDS 20

#include "pl-test-app.h"

typedef struct
{
  char         *dir;
  PlStore      *store;
  PlSchool     *school;
  PlSurvey     *survey;
  PlEntryBatch *batch;
  GtkWindow    *parent;
  GtkWindow    *window;
  PlReconcilePage *page;
} Fixture;

static gboolean
on_x11 (void)
{
#ifdef GDK_WINDOWING_X11
  return GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

static gulong
window_xid (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  return gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
#else
  return 0;
#endif
}

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Runs xdotool while the main loop goes on, so the window sees the events. */
static void
xdotool (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  if (process == NULL)
    g_error ("xdotool is needed for this test (build-aux/deps.sh installs it): %s",
             error->message);
  g_subprocess_wait_async (process, NULL, on_waited, &done);
  WAIT_UNTIL (done);
  g_assert_true (g_subprocess_get_successful (process));
}

static void
focus_window (GtkWindow *window)
{
  g_autofree char *xid = g_strdup_printf ("%lu", window_xid (window));
  const char *args[] = { "windowfocus", "--sync", xid, NULL };

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  xdotool (args);
  WAIT_UNTIL (gtk_window_is_active (window));
}

static void
press (const char *key)
{
  const char *args[] = { "key", "--clearmodifiers", key, NULL };

  xdotool (args);
  pl_test_iterate ();
}

/* The survey: an agreement scale, a yes/no that opens a single choice,
 * and a comment. */
static PlSurvey *
make_survey (void)
{
  PlSurvey *survey = pl_survey_new ("en");
  g_autoptr(PlQuestion) welcome = pl_question_new (PL_QUESTION_AGREEMENT);
  g_autoptr(PlQuestion) attended = pl_question_new (PL_QUESTION_YES_NO);
  g_autoptr(PlQuestion) how = pl_question_new (PL_QUESTION_SINGLE);
  g_autoptr(PlQuestion) comment = pl_question_new (PL_QUESTION_LONG_TEXT);
  const char *const how_values[] = { "in_person", "video", "phone", NULL };
  const char *const how_labels[] = { "In person", "Video call", "Phone call" };

  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "title", "en",
                      "Family Survey");
  pl_question_set_code (welcome, "welcome");
  pl_question_set_allow_na (welcome, TRUE);
  pl_question_set_required (welcome, TRUE);
  pl_survey_insert_question (survey, -1, welcome);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "en",
                      "I feel welcome at my child's school.");

  pl_question_set_code (attended, "attended");
  pl_survey_insert_question (survey, -1, attended);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (attended), "text", "en",
                      "Did you attend a conference this year?");

  pl_question_set_code (how, "how");
  pl_question_set_options (how, how_values);
  pl_question_set_skip_rule (how, pl_question_get_id (attended), "yes");
  pl_survey_insert_question (survey, -1, how);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (how), "text", "en",
                      "How did you attend?");
  for (guint i = 0; how_values[i] != NULL; i++)
    {
      g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (how), how_values[i]);

      pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "en", how_labels[i]);
    }

  pl_question_set_code (comment, "comment");
  pl_survey_insert_question (survey, -1, comment);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (comment), "text", "en",
                      "Anything else?");
  pl_survey_set_status (survey, "open");
  return survey;
}

static void
save_school_and_survey (Fixture *fixture,
                        PlStore *store)
{
  g_autoptr(GError) error = NULL;

  pl_store_save_school (store, fixture->school, &error);
  g_assert_no_error (error);
  pl_store_save_survey (store, fixture->survey, &error);
  g_assert_no_error (error);
}

static PlEntryBatch *
make_batch (Fixture    *fixture,
            PlStore    *store,
            const char *double_entry,
            const char *keyer)
{
  g_autoptr(GError) error = NULL;
  PlEntryBatch *batch = pl_entry_batch_new (pl_survey_get_id (fixture->survey),
                                            pl_school_get_id (fixture->school));

  pl_entry_batch_set_received_on (batch, "2026-11-20");
  pl_entry_batch_set_form_count (batch, 40);
  pl_entry_batch_set_entered_by (batch, keyer);
  pl_entry_batch_set_double_entry (batch, double_entry);
  if (g_strcmp0 (double_entry, "none") != 0)
    pl_entry_batch_set_second_keyer (batch, "bao");
  pl_store_save_batch (store, batch, &error);
  g_assert_no_error (error);
  return batch;
}

static PlSurveyResponse *
key_form (Fixture      *fixture,
          PlStore      *store,
          PlEntryBatch *batch,
          guint         keying,
          const char   *keyer,
          const char   *code,
          const char   *welcome,
          const char   *attended,
          const char   *how)
{
  g_autoptr(GError) error = NULL;
  PlSurveyResponse *response = pl_survey_response_new (pl_survey_get_id (fixture->survey),
                                                       pl_school_get_id (fixture->school));
  PlSurvey *survey = fixture->survey;

  pl_survey_response_set_batch_id (response, pl_entry_batch_get_id (batch));
  pl_survey_response_set_form_code (response, code);
  pl_survey_response_set_language (response, "en");
  pl_survey_response_set_keying (response, keying);
  pl_survey_response_set_entered_by (response, keyer);
  pl_survey_response_set_keyed_seconds (response, 45);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 0)),
                                 welcome);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 1)),
                                 attended);
  pl_survey_response_set_answer (response, pl_question_get_id (pl_survey_get_question (survey, 2)),
                                 how);
  pl_store_save_response (store, response, &error);
  g_assert_no_error (error);
  return response;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = pl_test_app_make_dir ("porchlight-app-reconcile-XXXXXX", &path);
  fixture->store = pl_test_app_open_store (path);
  g_assert_true (pl_store_set_me (fixture->store, "carmen", &error));

  fixture->school = pl_school_new ();
  pl_school_set_name (fixture->school, "Riverside Elementary");
  pl_school_set_code (fixture->school, "0153");
  fixture->survey = make_survey ();
  save_school_and_survey (fixture, fixture->store);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->parent);
  gtk_window_present (fixture->parent);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->parent)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (fixture->parent);
  pl_test_iterate ();
  g_clear_object (&fixture->parent);
  g_clear_object (&fixture->batch);
  g_clear_object (&fixture->survey);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
}

/* Opens the batch's Reconcile window and waits for it to have read it. */
static void
open_reconcile (Fixture *fixture)
{
  fixture->window = pl_reconcile_page_present (fixture->parent, fixture->store,
                                               pl_entry_batch_get_id (fixture->batch));
  g_assert_true (gtk_window_get_transient_for (fixture->window) == fixture->parent);
  /* The same batch again brings the same window forward. */
  g_assert_true (pl_reconcile_page_present (fixture->parent, fixture->store,
                                            pl_entry_batch_get_id (fixture->batch)) ==
                 fixture->window);
  fixture->page = PL_RECONCILE_PAGE (adw_window_get_content (ADW_WINDOW (fixture->window)));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
  WAIT_UNTIL (g_strcmp0 (_pl_reconcile_page_get_state (fixture->page), "loading") != 0);
}

static PlDisagreementRow *
row_at (Fixture *fixture,
        int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (_pl_reconcile_page_get_list (fixture->page),
                                                      index);

  g_assert_true (row == NULL || PL_IS_DISAGREEMENT_ROW (row));
  return (PlDisagreementRow *) row;
}

static gboolean
has_focus_in (GtkWindow *window,
              gpointer   widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The button of @name under @widget (a popover's content is built when it
 * shows). */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
shown (Fixture    *fixture,
      const char *name)
{
  return _pl_entry_stats_view_get_value (_pl_reconcile_page_get_stats_view (fixture->page), name);
}

static char *
percent (double fraction)
{
  /* The tests run in the C locale. */
  return g_strdup_printf ("%.1f%%", fraction * 100.0);
}

static void
assert_stats_shown (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) rates = NULL;
  g_autofree char *text = NULL;
  PlEntryStats stats;

  pl_store_get_entry_stats (fixture->store, pl_entry_batch_get_id (fixture->batch), &stats, &error);
  g_assert_no_error (error);

  text = g_strdup_printf ("%u of 40 forms", stats.n_forms);
  g_assert_cmpstr (shown (fixture, "first-keying"), ==, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u forms", stats.n_second);
  g_assert_cmpstr (shown (fixture, "second-keying"), ==, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%.1f", stats.forms_per_hour);
  g_assert_cmpstr (shown (fixture, "forms-per-hour"), ==, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%.1f", stats.answers_per_minute);
  g_assert_cmpstr (shown (fixture, "answers-per-minute"), ==, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u", stats.n_compared);
  g_assert_cmpstr (shown (fixture, "compared"), ==, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u", stats.n_disagreements);
  g_assert_cmpstr (shown (fixture, "disagreements"), ==, text);
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%u", stats.n_open);
  g_assert_cmpstr (shown (fixture, "open"), ==, text);
  g_clear_pointer (&text, g_free);
  text = percent (stats.agreement_rate);
  g_assert_cmpstr (shown (fixture, "agreement"), ==, text);
  g_clear_pointer (&text, g_free);
  text = percent (stats.error_rate);
  g_assert_cmpstr (shown (fixture, "error-rate"), ==, text);
  g_clear_pointer (&text, g_free);

  rates = pl_store_get_keyer_agreement (fixture->store, pl_entry_batch_get_id (fixture->batch),
                                        &error);
  g_assert_no_error (error);
  text = percent (*(double *) g_hash_table_lookup (rates, "amina"));
  g_assert_cmpstr (_pl_entry_stats_view_get_keyer (_pl_reconcile_page_get_stats_view (fixture->page),
                                                   "amina"), ==, text);
}

static void
test_settle (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSurveyResponse) a1 = NULL, a2 = NULL, b1 = NULL, b2 = NULL;
  g_autoptr(PlSurveyResponse) reloaded = NULL;
  g_autoptr(GPtrArray) disagreements = NULL;
  PlSurvey *survey = fixture->survey;
  PlQuestion *welcome = pl_survey_get_question (survey, 0);
  PlQuestion *how = pl_survey_get_question (survey, 2);
  PlDisagreementRow *first_row, *second_row, *old_first_row;
  GtkWidget *popover, *five;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  /* Two forms, each keyed twice: they differ on how (video / phone) and on
   * welcome (2 / 3). */
  fixture->batch = make_batch (fixture, fixture->store, "all", "amina");
  a1 = key_form (fixture, fixture->store, fixture->batch, 1, "amina", "S1-0153-00001", "4", "yes",
                 "video");
  b1 = key_form (fixture, fixture->store, fixture->batch, 1, "amina", "S1-0153-00002", "2", "no",
                 NULL);
  a2 = key_form (fixture, fixture->store, fixture->batch, 2, "bao", "S1-0153-00001", "4", "yes",
                 "phone");
  b2 = key_form (fixture, fixture->store, fixture->batch, 2, "bao", "S1-0153-00002", "3", "no",
                 NULL);

  open_reconcile (fixture);
  g_assert_cmpstr (_pl_reconcile_page_get_state (fixture->page), ==, "list");
  first_row = row_at (fixture, 0);
  second_row = row_at (fixture, 1);
  g_assert_nonnull (first_row);
  g_assert_nonnull (second_row);
  g_assert_null (row_at (fixture, 2));

  /* Both values as the family's answers read, not as stored codes. */
  g_assert_cmpstr (pl_disagreement_row_get_disagreement (first_row)->question_id, ==,
                   pl_question_get_id (how));
  g_assert_cmpstr (_pl_disagreement_row_get_value_text (first_row, 1), ==, "Video call");
  g_assert_cmpstr (_pl_disagreement_row_get_value_text (first_row, 2), ==, "Phone call");
  g_assert_cmpstr (_pl_disagreement_row_get_value_text (second_row, 1), ==,
                   pl_survey_value_label (survey, welcome, "2", "en", NULL));
  g_assert_cmpstr (_pl_disagreement_row_get_value_text (second_row, 2), ==,
                   pl_survey_value_label (survey, welcome, "3", "en", NULL));
  g_assert_true (pl_disagreement_row_get_open (first_row));
  g_assert_true (pl_disagreement_row_get_open (second_row));
  g_assert_null (_pl_disagreement_row_get_settled_text (first_row));
  assert_stats_shown (fixture);
  g_assert_cmpstr (shown (fixture, "open"), ==, "2");

  /* The first open one has the keyboard: 2 says the second keyer was right,
   * and the next open one takes the keyboard. */
  focus_window (fixture->window);
  g_assert_true (has_focus_in (fixture->window, first_row));
  press ("2");
  WAIT_UNTIL (!pl_disagreement_row_get_open (first_row));
  WAIT_UNTIL (has_focus_in (fixture->window, second_row));
  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (a1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_response_get_answer (reloaded, pl_question_get_id (how)), ==, "phone");
  g_assert_cmpstr (pl_survey_response_get_verification (reloaded), ==, "reconciled");
  g_clear_object (&reloaded);
  g_assert_nonnull (strstr (_pl_disagreement_row_get_settled_text (first_row), "carmen"));

  /* The paper says Strongly agree, which neither keyer typed: 3 opens
   * Other, and it is picked there. */
  press ("3");
  popover = _pl_disagreement_row_get_other_popover (second_row);
  WAIT_UNTIL (gtk_widget_get_mapped (popover));
  five = find_named (popover, "value-5");
  g_assert_nonnull (five);
  g_assert_nonnull (find_named (popover, "value-"));  /* and Blank */
  g_signal_emit_by_name (five, "clicked");
  WAIT_UNTIL (!pl_disagreement_row_get_open (second_row));
  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (b1), &error);
  g_assert_cmpstr (pl_survey_response_get_answer (reloaded, pl_question_get_id (welcome)), ==, "5");
  g_assert_cmpstr (pl_survey_response_get_verification (reloaded), ==, "reconciled");
  g_clear_object (&reloaded);
  g_assert_cmpstr (shown (fixture, "open"), ==, "0");
  assert_stats_shown (fixture);

  /* A settled one can be changed: on a second look, the first keyer was
   * right after all. */
  gtk_widget_grab_focus (GTK_WIDGET (first_row));
  press ("1");
  WAIT_UNTIL (g_strcmp0 (pl_disagreement_row_get_disagreement (first_row)->final_value, "video") == 0);
  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (a1), &error);
  g_assert_cmpstr (pl_survey_response_get_answer (reloaded, pl_question_get_id (how)), ==, "video");
  g_clear_object (&reloaded);

  disagreements = pl_store_list_disagreements (fixture->store,
                                               pl_entry_batch_get_id (fixture->batch), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disagreements->len, ==, 2);
  for (guint i = 0; i < disagreements->len; i++)
    g_assert_cmpstr (((PlDisagreement *) disagreements->pdata[i])->reconciled_by, ==, "carmen");
  assert_stats_shown (fixture);

  /* A keyer of the form may not settle it: the store says why, and the
   * window shows it. */
  g_assert_true (pl_store_set_me (fixture->store, "amina", &error));
  old_first_row = first_row;
  pl_reconcile_page_reload (fixture->page);
  WAIT_UNTIL (row_at (fixture, 0) != old_first_row);
  first_row = row_at (fixture, 0);
  gtk_widget_grab_focus (GTK_WIDGET (first_row));
  press ("2");
  WAIT_UNTIL (_pl_reconcile_page_get_last_toast (fixture->page) != NULL &&
              strstr (_pl_reconcile_page_get_last_toast (fixture->page), "amina") != NULL);
  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (a1), &error);
  g_assert_cmpstr (pl_survey_response_get_answer (reloaded, pl_question_get_id (how)), ==, "video");
  g_assert_nonnull (strstr (_pl_disagreement_row_get_settled_text (first_row), "carmen"));
}

/* The id the store gives the answer to @question_id of @response_id (the
 * first 128 bits of the SHA-256 of the two ids, each followed by 0x1f), so
 * the test can carry a keying's answers to the other laptop as a pull does. */
static char *
answer_id (const char *response_id,
           const char *question_id)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *hex;

  g_checksum_update (sum, (const guchar *) response_id, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  g_checksum_update (sum, (const guchar *) question_id, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  hex = g_checksum_get_string (sum);
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

/* Brings rows from laptop @from to laptop @to, as a sync through the
 * server would. */
static void
carry_over (PlStore    *from,
            PlStore    *to,
            const char *entity,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) snapshot = pl_merge_read_snapshot (from, entity, id, &error);
  PlMergeResult result;

  g_assert_no_error (error);
  pl_merge_result_init (&result);
  g_assert_true (pl_store_begin (to, &error));
  pl_merge_apply_snapshot (to, snapshot, &result, &error);
  g_assert_no_error (error);
  g_assert_true (pl_store_commit (to, &error));
  pl_merge_result_clear (&result);
}

static void
test_duplicate_forms (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(PlStore) other = NULL;
  g_autoptr(PlEntryBatch) other_batch = NULL;
  g_autoptr(PlSurveyResponse) here = NULL, there = NULL, single = NULL, found = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  PlDuplicateFormsBanner *banner;
  GtkWidget *keep;
  GtkWindow *dialog;

  /* Two laptops key the same paper before they sync. */
  other_path = g_build_filename (fixture->dir, "other-laptop.db", NULL);
  other = pl_test_app_open_store (other_path);
  save_school_and_survey (fixture, other);
  fixture->batch = make_batch (fixture, fixture->store, "none", "amina");
  other_batch = make_batch (fixture, other, "none", "dmitri");
  here = key_form (fixture, fixture->store, fixture->batch, 1, "amina", "S1-0153-00007", "5", "no",
                   NULL);
  single = key_form (fixture, fixture->store, fixture->batch, 1, "amina", "S1-0153-00008", "4",
                     "no", NULL);
  there = key_form (fixture, other, other_batch, 1, "dmitri", "S1-0153-00007", "4", "yes",
                    "in_person");

  carry_over (other, fixture->store, "entry_batches", pl_entry_batch_get_id (other_batch));
  carry_over (other, fixture->store, "responses", pl_survey_response_get_id (there));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = answer_id (pl_survey_response_get_id (there),
                                       pl_question_get_id (pl_survey_get_question (fixture->survey, i)));

      carry_over (other, fixture->store, "answers", id);
    }
  groups = pl_store_list_duplicate_forms (fixture->store, pl_survey_get_id (fixture->survey), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_clear_pointer (&groups, g_ptr_array_unref);

  open_reconcile (fixture);
  /* No second keying here: nothing to reconcile, but the banner warns. */
  g_assert_cmpstr (_pl_reconcile_page_get_state (fixture->page), ==, "empty");
  banner = _pl_reconcile_page_get_banner (fixture->page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (banner)));
  g_assert_cmpuint (pl_duplicate_forms_banner_get_n_groups (banner), ==, 1);
  g_assert_null (_pl_duplicate_forms_banner_get_keep_button (banner,
                                                             pl_survey_response_get_id (single)));
  g_assert_nonnull (_pl_duplicate_forms_banner_get_keep_button (banner,
                                                                pl_survey_response_get_id (there)));

  /* Keep this laptop's keying; cancelling the confirmation first deletes
   * nothing. */
  keep = _pl_duplicate_forms_banner_get_keep_button (banner, pl_survey_response_get_id (here));
  g_signal_emit_by_name (keep, "clicked");
  dialog = _pl_duplicate_forms_banner_get_dialog (banner);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (dialog) == fixture->window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  pl_test_iterate ();
  g_assert_cmpuint (pl_duplicate_forms_banner_get_n_groups (banner), ==, 1);

  keep = _pl_duplicate_forms_banner_get_keep_button (banner, pl_survey_response_get_id (here));
  g_signal_emit_by_name (keep, "clicked");
  dialog = _pl_duplicate_forms_banner_get_dialog (banner);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  WAIT_UNTIL (pl_duplicate_forms_banner_get_n_groups (banner) == 0);
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (banner)));

  groups = pl_store_list_duplicate_forms (fixture->store, pl_survey_get_id (fixture->survey), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 0);
  found = pl_store_find_form (fixture->store, "S1-0153-00007", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_response_get_id (found), ==, pl_survey_response_get_id (here));
  g_assert_cmpstr (pl_survey_response_get_entered_by (found), ==, "amina");
  g_clear_object (&found);
  /* The other form of the batch is untouched. */
  found = pl_store_find_form (fixture->store, "S1-0153-00008", 1, &error);
  g_assert_nonnull (found);
}

static GMenuModel *
find_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *menu = find_menu (child);

      if (menu != NULL)
        return menu;
    }
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWindow *
find_reconcile_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_WINDOW (l->data) &&
        PL_IS_RECONCILE_PAGE (adw_window_get_content (ADW_WINDOW (l->data))))
      return l->data;
  return NULL;
}

/* Data Entry offers Reconcile… on a batch keyed twice, and it opens the
 * batch's window over the main one. */
static void
test_from_data_entry (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PlEntryBatch) single = NULL;
  g_autoptr(PlSurveyResponse) first = NULL, second = NULL;
  PlWindow *window;
  PlEntryPage *page;
  PlEntryBatchRow *row;
  GtkWindow *reconcile;

  fixture->batch = make_batch (fixture, fixture->store, "all", "amina");
  first = key_form (fixture, fixture->store, fixture->batch, 1, "amina", "S1-0153-00001", "4",
                    "no", NULL);
  second = key_form (fixture, fixture->store, fixture->batch, 2, "bao", "S1-0153-00001", "5",
                     "no", NULL);
  single = make_batch (fixture, fixture->store, "none", "amina");

  g_settings_set_string (settings, "last-section", "entry");
  window = pl_test_app_show_window (pl_window_new_for_store (NULL, fixture->store));
  page = _pl_window_get_entry_page (window);
  WAIT_UNTIL (_pl_entry_page_find_row (page, pl_entry_batch_get_id (fixture->batch)) != NULL);

  row = _pl_entry_page_find_row (page, pl_entry_batch_get_id (fixture->batch));
  g_assert_true (menu_has_action (find_menu (GTK_WIDGET (row)), "entry.reconcile"));
  row = _pl_entry_page_find_row (page, pl_entry_batch_get_id (single));
  g_assert_false (menu_has_action (find_menu (GTK_WIDGET (row)), "entry.reconcile"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entry.reconcile", "s",
                                             pl_entry_batch_get_id (fixture->batch)));
  reconcile = find_reconcile_window ();
  g_assert_nonnull (reconcile);
  g_assert_true (gtk_window_get_transient_for (reconcile) == GTK_WINDOW (window));
  fixture->page = PL_RECONCILE_PAGE (adw_window_get_content (ADW_WINDOW (reconcile)));
  WAIT_UNTIL (g_strcmp0 (_pl_reconcile_page_get_state (fixture->page), "list") == 0);
  g_assert_nonnull (row_at (fixture, 0));
  g_assert_null (row_at (fixture, 1));

  gtk_window_close (reconcile);
  pl_test_iterate ();
  g_assert_null (find_reconcile_window ());
  pl_test_app_close_window (&window);
}

int
main (int    argc,
      char **argv)
{
  char *state_dir = pl_test_app_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app-reconcile/settle", test_settle);
  ADD ("/app-reconcile/duplicate-forms", test_duplicate_forms);
  ADD ("/app-reconcile/from-data-entry", test_from_data_entry);
#undef ADD

  return pl_test_app_run (state_dir);
}
