/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pl-core.h"
#include "pl-entry-desk-private.h"
#include "pl-entry-page-private.h"
#include "pl-start-batch-dialog-private.h"
#include "pl-window-private.h"

/* Keying paper forms at the entry desk the way data-entry staff do: keys
 * only. The key presses are real X events, sent with xdotool (XTEST) to the
 * focused window under the test's X server, so they go through GTK's whole
 * input path, input methods included. */

#define WAIT_SECONDS 30

#include "pl-test-app.h"

typedef struct
{
  char         *dir;
  char         *path;
  PlStore      *store;
  PlSchool     *school;
  PlSurvey     *survey;
  PlEntryBatch *batch;
  PlWindow     *window;
  guint         keystrokes;
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

/* Runs xdotool with @args while the main loop goes on, so the app sees the
 * events as they come. */
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
  pl_test_iterate ();
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

/* One key press (a chord such as ctrl+Return counts once). */
static void
press (Fixture    *fixture,
       const char *key)
{
  const char *args[] = { "key", "--clearmodifiers", key, NULL };

  xdotool (args);
  fixture->keystrokes++;
}

/* Text as typed on a keyboard, in any script. */
static void
type (const char *text)
{
  const char *args[] = { "type", "--delay", "30", text, NULL };

  xdotool (args);
}

static char *
run_setxkbmap (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) "setxkbmap");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &output,
                     NULL, &status, &error))
    g_error ("setxkbmap (x11-xkb-utils, which Xvfb needs) is needed for this test: %s",
             error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return output;
}

/* Arabic is typed on an Arabic keyboard: the layout is added for the
 * typing, as a person switches layouts, and taken away after. */
static void
type_arabic (const char *text)
{
  const char *query[] = { "-query", NULL };
  g_autofree char *output = run_setxkbmap (query);
  g_autofree char *layout = NULL;
  g_autofree char *both = NULL;
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "layout:"))
      layout = g_strstrip (g_strdup (lines[i] + strlen ("layout:")));
  if (layout == NULL || *layout == '\0')
    {
      g_free (layout);
      layout = g_strdup ("us");
    }
  both = g_strdup_printf ("%s,ara", layout);
  {
    const char *add[] = { "-layout", both, NULL };
    const char *restore[] = { "-layout", layout, NULL };

    g_free (run_setxkbmap (add));
    pl_test_iterate ();
    type (text);
    g_free (run_setxkbmap (restore));
    pl_test_iterate ();
  }
}

static void
set_text (PlSurvey    *survey,
          PlTextOwner  owner,
          const char  *owner_id,
          const char  *en,
          const char  *ar)
{
  pl_survey_set_text (survey, owner, owner_id, owner == PL_TEXT_OWNER_SURVEY ? "title" : "text",
                      "en", en);
  if (ar != NULL)
    pl_survey_set_text (survey, owner, owner_id, owner == PL_TEXT_OWNER_SURVEY ? "title" : "text",
                        "ar", ar);
}

/* Five questions, one of each kind the desk treats its own way: an
 * agreement scale with "not applicable", a yes/no that opens a choice, a
 * number from 1 to 12 and a short text; in English, Arabic and Spanish. */
static PlSurvey *
make_survey (void)
{
  PlSurvey *survey = pl_survey_new ("en");
  g_autoptr(PlQuestion) welcome = pl_question_new (PL_QUESTION_AGREEMENT);
  g_autoptr(PlQuestion) attended = pl_question_new (PL_QUESTION_YES_NO);
  g_autoptr(PlQuestion) how = pl_question_new (PL_QUESTION_SINGLE);
  g_autoptr(PlQuestion) children = pl_question_new (PL_QUESTION_NUMBER);
  g_autoptr(PlQuestion) comment = pl_question_new (PL_QUESTION_SHORT_TEXT);
  const char *const how_values[] = { "in_person", "video", "phone", NULL };
  const char *const how_en[] = { "In person", "By video", "By phone" };
  const char *const how_ar[] = { "حضوريًا", "بالفيديو", "بالهاتف" };

  pl_survey_add_language (survey, "ar");
  pl_survey_add_language (survey, "es");
  set_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey), "Family Survey",
            "استبيان الأسر");

  pl_question_set_code (welcome, "welcome");
  pl_question_set_allow_na (welcome, TRUE);
  pl_question_set_required (welcome, TRUE);
  pl_survey_insert_question (survey, -1, welcome);
  set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome),
            "I feel welcome at my child's school.", "أشعر بالترحيب في مدرسة طفلي.");

  pl_question_set_code (attended, "attended");
  pl_survey_insert_question (survey, -1, attended);
  set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (attended),
            "Did you attend a conference this year?", "هل حضرت اجتماعًا هذا العام؟");

  pl_question_set_code (how, "how");
  pl_question_set_options (how, how_values);
  pl_question_set_required (how, TRUE);
  pl_question_set_skip_rule (how, pl_question_get_id (attended), "yes");
  pl_survey_insert_question (survey, -1, how);
  set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (how), "How did you attend?",
            "كيف حضرت؟");
  for (guint i = 0; how_values[i] != NULL; i++)
    {
      g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (how), how_values[i]);

      pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "en", how_en[i]);
      pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner, "label", "ar", how_ar[i]);
    }

  pl_question_set_code (children, "children");
  pl_question_set_range (children, TRUE, 1, TRUE, 12);
  pl_survey_insert_question (survey, -1, children);
  set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (children),
            "How many of your children go to this school?", "كم من أطفالك يذهبون إلى هذه المدرسة؟");

  pl_question_set_code (comment, "comment");
  pl_survey_insert_question (survey, -1, comment);
  /* No Arabic: the desk shows the English, marked. */
  set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (comment),
            "Anything else you want to tell us?", NULL);

  pl_survey_set_status (survey, "open");
  return survey;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (!on_x11 ())
    return;

  fixture->dir = pl_test_app_make_dir ("porchlight-app-entry-XXXXXX", &fixture->path);
  fixture->store = pl_test_app_open_store (fixture->path);
  g_assert_true (pl_store_set_me (fixture->store, "amina", &error));

  fixture->school = pl_school_new ();
  pl_school_set_name (fixture->school, "Riverside Elementary");
  pl_school_set_code (fixture->school, "0153");
  g_assert_true (pl_store_save_school (fixture->store, fixture->school, &error));

  fixture->survey = make_survey ();
  g_assert_true (pl_store_save_survey (fixture->store, fixture->survey, &error));
  g_assert_no_error (error);

  fixture->batch = pl_entry_batch_new (pl_survey_get_id (fixture->survey),
                                       pl_school_get_id (fixture->school));
  pl_entry_batch_set_received_on (fixture->batch, "2026-11-20");
  pl_entry_batch_set_form_count (fixture->batch, 3);
  pl_entry_batch_set_entered_by (fixture->batch, "amina");
  g_assert_true (pl_store_save_batch (fixture->store, fixture->batch, &error));

  /* The window opens on the Data Entry section. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "last-section", "entry");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pl_test_app_close_window (&fixture->window);
  g_clear_object (&fixture->batch);
  g_clear_object (&fixture->survey);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->store);
  if (fixture->dir != NULL)
    pl_test_dir_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static PlEntryPage *
show_entry_page (Fixture *fixture)
{
  PlEntryPage *page;

  fixture->window = g_object_ref_sink (pl_window_new_for_store (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  focus_window (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (g_strcmp0 (_pl_window_get_section (fixture->window), "entry") == 0);
  page = _pl_window_get_entry_page (fixture->window);
  /* The page gets the store after the window's first frame. */
  WAIT_UNTIL (pl_entry_page_get_store (page) != NULL);
  WAIT_UNTIL (_pl_entry_page_find_row (page, pl_entry_batch_get_id (fixture->batch)) != NULL);
  return page;
}

static PlEntryDesk *
open_desk (Fixture    *fixture,
           PlEntryPage *page,
           const char  *action)
{
  PlEntryDesk *desk;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, "s",
                                             pl_entry_batch_get_id (fixture->batch)));
  WAIT_UNTIL (g_strcmp0 (_pl_entry_page_get_view (page), "desk") == 0);
  desk = _pl_entry_page_get_desk (page);
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "code") == 0);
  WAIT_UNTIL (gtk_widget_has_focus (_pl_entry_desk_get_code_entry (desk)) ||
              gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                      _pl_entry_desk_get_code_entry (desk)));
  return desk;
}

static PlEntryQuestion *
wait_for_question (PlEntryDesk *desk,
                   guint        index)
{
  WAIT_UNTIL (_pl_entry_desk_get_current (desk) == _pl_entry_desk_get_question (desk, index));
  return _pl_entry_desk_get_current (desk);
}

static const char *
field_text (PlEntryQuestion *card)
{
  return gtk_editable_get_text (GTK_EDITABLE (pl_entry_question_get_input (card)));
}

static const char *
answer (PlSurveyResponse *response,
        PlSurvey         *survey,
        guint             index)
{
  return pl_survey_response_get_answer (response,
                                        pl_question_get_id (pl_survey_get_question (survey, index)));
}

#define ARABIC_COMMENT "شكرا للمعلمين"

/* Three whole forms, keyboard only: one in English, one in Arabic with
 * the skip rule passing a question over and a number out of range refused
 * at once, then a code already keyed refused with where and when, and a
 * third form in the language the last one had. */
static void
test_three_forms (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  PlEntryPage *page;
  PlEntryDesk *desk;
  PlEntryQuestion *card;
  PlSurvey *survey = fixture->survey;
  const char *message;
  int start, end;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_entry_page (fixture);
  desk = open_desk (fixture, page, "entry.resume");
  g_assert_cmpstr (_pl_entry_desk_get_counter (desk), ==, "Form 1 of 3");

  /* Form 1, in English. */
  type ("S1-0153-00001");
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "language") == 0);
  press (fixture, "1");
  card = wait_for_question (desk, 0);
  g_assert_cmpstr (_pl_entry_desk_get_language (desk), ==, "en");
  /* One key per answer, moving on by itself. */
  press (fixture, "4");
  card = wait_for_question (desk, 1);
  press (fixture, "y");
  card = wait_for_question (desk, 2);
  g_assert_false (pl_entry_question_get_skipped (card));
  /* A key that is no answer here does nothing. */
  press (fixture, "7");
  g_assert_true (_pl_entry_desk_get_current (desk) == card);
  g_assert_null (pl_entry_question_get_value (card));
  press (fixture, "2");
  card = wait_for_question (desk, 3);
  WAIT_UNTIL (_pl_entry_desk_current_in_view (desk));
  type ("3");
  press (fixture, "Return");
  card = wait_for_question (desk, 4);
  type ("Thank you");
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "save") == 0);
  /* Backspace goes back, and Tab on again. */
  press (fixture, "BackSpace");
  card = wait_for_question (desk, 4);
  g_assert_cmpstr (field_text (card), ==, "Thank you");
  press (fixture, "Tab");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "save") == 0);
  /* The step being keyed is always on screen. */
  WAIT_UNTIL (_pl_entry_desk_current_in_view (desk));
  press (fixture, "Return");
  WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == 1);
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "code") == 0);
  g_assert_cmpstr (_pl_entry_desk_get_counter (desk), ==, "Form 2 of 3");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pl_entry_desk_get_code_entry (desk))),
                   ==, "");

  /* Form 2, in Arabic. */
  type ("s1 0153 2");
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "language") == 0);
  /* The code as printed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pl_entry_desk_get_code_entry (desk))),
                   ==, "S1-0153-00002");
  press (fixture, "2");
  card = wait_for_question (desk, 0);
  g_assert_cmpstr (_pl_entry_desk_get_language (desk), ==, "ar");
  press (fixture, "0");
  card = wait_for_question (desk, 1);
  press (fixture, "n");
  /* "No": how they attended is passed over, dimmed. */
  card = wait_for_question (desk, 3);
  g_assert_true (pl_entry_question_get_skipped (_pl_entry_desk_get_question (desk, 2)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_pl_entry_desk_get_question (desk, 2)),
                                           "skipped"));
  /* 13 is refused as it is typed, and Enter does not move on. */
  type ("13");
  WAIT_UNTIL (pl_entry_question_get_message (card) != NULL);
  message = pl_entry_question_get_message (card);
  g_assert_nonnull (strstr (message, "13"));
  g_assert_nonnull (strstr (message, "12"));
  press (fixture, "Return");
  g_assert_true (_pl_entry_desk_get_current (desk) == card);
  press (fixture, "BackSpace");
  press (fixture, "BackSpace");
  WAIT_UNTIL (pl_entry_question_get_message (card) == NULL);
  type ("2");
  press (fixture, "Return");
  card = wait_for_question (desk, 4);
  /* Typed in its own script, stored as typed. */
  type_arabic (ARABIC_COMMENT);
  WAIT_UNTIL (g_strcmp0 (field_text (card), ARABIC_COMMENT) == 0);
  /* The field of an Arabic form runs right to left. */
  g_assert_cmpint (gtk_widget_get_direction (pl_entry_question_get_input (card)), ==,
                   GTK_TEXT_DIR_RTL);
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == 2);
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "code") == 0);

  /* Form 1 again: refused, saying where and when, the code kept to mend. */
  type ("S1-0153-00001");
  press (fixture, "Return");
  WAIT_UNTIL (_pl_entry_desk_get_code_message (desk) != NULL);
  message = _pl_entry_desk_get_code_message (desk);
  g_assert_nonnull (strstr (message, "S1-0153-00001"));
  g_assert_nonnull (strstr (message, "amina"));
  g_assert_nonnull (strstr (message, "2026-11-20"));
  g_assert_cmpstr (_pl_entry_desk_get_step (desk), ==, "code");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                         _pl_entry_desk_get_code_entry (desk)));
  g_assert_true (gtk_editable_get_selection_bounds (
                   GTK_EDITABLE (_pl_entry_desk_get_code_entry (desk)), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, strlen ("S1-0153-00001"));

  /* Form 3: typing replaces the code; Enter keeps the last form's language. */
  type ("S1-0153-00003");
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "language") == 0);
  press (fixture, "Return");
  card = wait_for_question (desk, 0);
  g_assert_cmpstr (_pl_entry_desk_get_language (desk), ==, "ar");
  press (fixture, "5");
  card = wait_for_question (desk, 1);
  press (fixture, "1");
  card = wait_for_question (desk, 2);
  press (fixture, "3");
  card = wait_for_question (desk, 3);
  type ("12");
  press (fixture, "Tab");
  card = wait_for_question (desk, 4);
  /* Left blank, as the family left it. */
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "save") == 0);
  press (fixture, "Return");
  WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == 3);

  /* What the store holds. */
  stored = pl_store_list_batch_responses (fixture->store, pl_entry_batch_get_id (fixture->batch),
                                          1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 3);

  g_assert_cmpstr (pl_survey_response_get_form_code (stored->pdata[0]), ==, "S1-0153-00001");
  g_assert_cmpstr (pl_survey_response_get_language (stored->pdata[0]), ==, "en");
  g_assert_cmpstr (answer (stored->pdata[0], survey, 0), ==, "4");
  g_assert_cmpstr (answer (stored->pdata[0], survey, 1), ==, "yes");
  g_assert_cmpstr (answer (stored->pdata[0], survey, 2), ==, "video");
  g_assert_cmpstr (answer (stored->pdata[0], survey, 3), ==, "3");
  g_assert_cmpstr (answer (stored->pdata[0], survey, 4), ==, "Thank you");

  g_assert_cmpstr (pl_survey_response_get_form_code (stored->pdata[1]), ==, "S1-0153-00002");
  g_assert_cmpstr (pl_survey_response_get_language (stored->pdata[1]), ==, "ar");
  g_assert_cmpstr (answer (stored->pdata[1], survey, 0), ==, "na");
  g_assert_cmpstr (answer (stored->pdata[1], survey, 1), ==, "no");
  g_assert_null (answer (stored->pdata[1], survey, 2));
  g_assert_cmpstr (answer (stored->pdata[1], survey, 3), ==, "2");
  g_assert_cmpstr (answer (stored->pdata[1], survey, 4), ==, ARABIC_COMMENT);

  g_assert_cmpstr (pl_survey_response_get_form_code (stored->pdata[2]), ==, "S1-0153-00003");
  g_assert_cmpstr (pl_survey_response_get_language (stored->pdata[2]), ==, "ar");
  g_assert_cmpstr (answer (stored->pdata[2], survey, 0), ==, "5");
  g_assert_cmpstr (answer (stored->pdata[2], survey, 2), ==, "phone");
  g_assert_cmpstr (answer (stored->pdata[2], survey, 3), ==, "12");
  g_assert_null (answer (stored->pdata[2], survey, 4));

  for (guint i = 0; i < stored->len; i++)
    {
      g_assert_cmpstr (pl_survey_response_get_entered_by (stored->pdata[i]), ==, "amina");
      g_assert_cmpuint (pl_survey_response_get_keying (stored->pdata[i]), ==, 1);
      g_assert_cmpstr (pl_survey_response_get_mode (stored->pdata[i]), ==, "paper");
      g_assert_cmpfloat (pl_survey_response_get_keyed_seconds (stored->pdata[i]), >, 0);
    }

  /* The batch is complete: the desk says so. */
  g_assert_cmpstr (_pl_entry_desk_get_counter (desk), ==, "Form 4");
}

/* A half-typed form is not saved when the keyer pauses; the saved ones
 * stay, and keying resumes where the batch stands. */
static void
test_pause_and_resume (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  PlEntryPage *page;
  PlEntryDesk *desk;
  AdwMessageDialog *dialog = NULL;
  GList *toplevels;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_entry_page (fixture);
  desk = open_desk (fixture, page, "entry.resume");
  type ("S1-0153-00005");
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "language") == 0);
  press (fixture, "3");
  wait_for_question (desk, 0);
  g_assert_cmpstr (_pl_entry_desk_get_language (desk), ==, "es");
  press (fixture, "2");
  wait_for_question (desk, 1);

  /* Escape asks before the form is dropped. */
  press (fixture, "Escape");
  for (int i = 0; dialog == NULL && i < 1000; i++)
    {
      toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l != NULL; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
          dialog = l->data;
      g_list_free (toplevels);
      if (dialog == NULL)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_page_get_view (page), "batches") == 0);

  stored = pl_store_list_batch_responses (fixture->store, pl_entry_batch_get_id (fixture->batch),
                                          1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);

  /* Another day: the same form from the start. */
  desk = open_desk (fixture, page, "entry.resume");
  g_assert_cmpstr (_pl_entry_desk_get_counter (desk), ==, "Form 1 of 3");
  g_assert_null (pl_entry_question_get_value (_pl_entry_desk_get_question (desk, 0)));
}

/* Ctrl+Z takes the form saved last back to the desk, answers and all, to
 * be corrected and saved again. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  PlEntryPage *page;
  PlEntryDesk *desk;
  PlSurvey *survey = fixture->survey;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_entry_page (fixture);
  desk = open_desk (fixture, page, "entry.resume");
  type ("S1-0153-00011");
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "language") == 0);
  press (fixture, "1");
  wait_for_question (desk, 0);
  press (fixture, "2");
  wait_for_question (desk, 1);
  press (fixture, "2");
  wait_for_question (desk, 3);
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == 1);
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "code") == 0);

  press (fixture, "ctrl+z");
  WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == 0);
  stored = pl_store_list_batch_responses (fixture->store, pl_entry_batch_get_id (fixture->batch),
                                          1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);
  g_clear_pointer (&stored, g_ptr_array_unref);
  /* Back on the desk as it was typed. */
  wait_for_question (desk, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pl_entry_desk_get_code_entry (desk))),
                   ==, "S1-0153-00011");
  g_assert_cmpstr (pl_entry_question_get_value (_pl_entry_desk_get_question (desk, 0)), ==, "2");

  /* Corrected: 3, not 2. */
  press (fixture, "3");
  wait_for_question (desk, 1);
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == 1);
  stored = pl_store_list_batch_responses (fixture->store, pl_entry_batch_get_id (fixture->batch),
                                          1, &error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (pl_survey_response_get_form_code (stored->pdata[0]), ==, "S1-0153-00011");
  g_assert_cmpstr (answer (stored->pdata[0], survey, 0), ==, "3");
  g_assert_cmpstr (answer (stored->pdata[0], survey, 1), ==, "no");
}

/* The blind second keying: the codes to pull are listed, the first
 * keying's answers never show, and the two are compared on saving. */
static void
test_second_keying (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSurveyResponse) first = NULL;
  g_autoptr(PlSurveyResponse) reloaded = NULL;
  PlSurvey *survey = fixture->survey;
  const char *const *pending;
  PlEntryPage *page;
  PlEntryDesk *desk;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  pl_entry_batch_set_double_entry (fixture->batch, "all");
  pl_entry_batch_set_second_keyer (fixture->batch, "bao");
  g_assert_true (pl_store_save_batch (fixture->store, fixture->batch, &error));
  first = pl_survey_response_new (pl_survey_get_id (survey), pl_school_get_id (fixture->school));
  pl_survey_response_set_batch_id (first, pl_entry_batch_get_id (fixture->batch));
  pl_survey_response_set_form_code (first, "S1-0153-00007");
  pl_survey_response_set_language (first, "en");
  pl_survey_response_set_entered_by (first, "amina");
  pl_survey_response_set_answer (first, pl_question_get_id (pl_survey_get_question (survey, 0)), "4");
  pl_survey_response_set_answer (first, pl_question_get_id (pl_survey_get_question (survey, 1)), "no");
  g_assert_true (pl_store_save_response (fixture->store, first, &error));
  g_assert_no_error (error);

  page = show_entry_page (fixture);
  desk = open_desk (fixture, page, "entry.second-keying");
  pending = _pl_entry_desk_get_pending (desk);
  g_assert_nonnull (pending);
  g_assert_cmpuint (g_strv_length ((char **) pending), ==, 1);
  g_assert_cmpstr (pending[0], ==, "S1-0153-00007");

  type ("S1-0153-00007");
  press (fixture, "Return");
  WAIT_UNTIL (g_strcmp0 (_pl_entry_desk_get_step (desk), "language") == 0);
  press (fixture, "1");
  wait_for_question (desk, 0);
  /* Blind: nothing of the first keying shows. */
  for (guint i = 0; i < pl_survey_get_n_questions (survey); i++)
    g_assert_null (pl_entry_question_get_value (_pl_entry_desk_get_question (desk, i)));
  press (fixture, "5");
  wait_for_question (desk, 1);
  press (fixture, "2");
  wait_for_question (desk, 3);
  press (fixture, "Return");
  wait_for_question (desk, 4);
  press (fixture, "ctrl+Return");
  WAIT_UNTIL (_pl_entry_desk_get_n_saved (desk) == 1);
  WAIT_UNTIL (g_strv_length ((char **) _pl_entry_desk_get_pending (desk)) == 0);

  reloaded = pl_store_load_response (fixture->store, pl_survey_response_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_response_get_verification (reloaded), ==, "disputed");
}

/* Start Batch: a day that does not exist is refused with a message. */
static void
test_start_batch (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) batches = NULL;
  PlStartBatchDialog *dialog;
  PlEntryPage *page;
  GtkWidget *date;

  if (!on_x11 ())
    {
      g_test_skip ("Real key events need an X server");
      return;
    }

  page = show_entry_page (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entry.start-batch", NULL));
  WAIT_UNTIL ((dialog = _pl_entry_page_get_start_dialog (page)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  /* Filled in: today, and the person logged in keys. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_pl_start_batch_dialog_get_row (dialog,
                                                                                        "keyer"))),
                   ==, "amina");
  date = _pl_start_batch_dialog_get_row (dialog, "date");
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (date))), ==, 10);

  gtk_editable_set_text (GTK_EDITABLE (date), "2026-02-30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  pl_test_iterate ();
  g_assert_nonnull (_pl_start_batch_dialog_get_message (dialog, "date"));
  g_assert_nonnull (strstr (_pl_start_batch_dialog_get_message (dialog, "date"), "28"));
  g_assert_true (_pl_entry_page_get_start_dialog (page) == dialog);

  /* A blind second keying needs someone else. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-11-21");
  adw_combo_row_set_selected (ADW_COMBO_ROW (_pl_start_batch_dialog_get_row (dialog,
                                                                             "double-entry")), 1);
  gtk_editable_set_text (GTK_EDITABLE (_pl_start_batch_dialog_get_row (dialog, "second-keyer")),
                         "amina");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  pl_test_iterate ();
  g_assert_null (_pl_start_batch_dialog_get_message (dialog, "date"));
  g_assert_nonnull (_pl_start_batch_dialog_get_message (dialog, "second-keyer"));

  gtk_editable_set_text (GTK_EDITABLE (_pl_start_batch_dialog_get_row (dialog, "second-keyer")),
                         "bao");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "batch.start", NULL));
  WAIT_UNTIL (_pl_entry_page_get_start_dialog (page) == NULL);

  /* Saved, and straight to the desk. */
  WAIT_UNTIL (g_strcmp0 (_pl_entry_page_get_view (page), "desk") == 0);
  batches = pl_store_list_batches (fixture->store, NULL, NULL);
  g_assert_cmpuint (batches->len, ==, 2);
  g_assert_cmpstr (pl_entry_batch_get_received_on (batches->pdata[0]), ==, "2026-11-21");
  g_assert_cmpstr (pl_entry_batch_get_double_entry (batches->pdata[0]), ==, "all");
  g_assert_cmpstr (pl_entry_batch_get_second_keyer (batches->pdata[0]), ==, "bao");
  g_assert_cmpstr (pl_entry_desk_get_batch_id (_pl_entry_page_get_desk (page)), ==,
                   pl_entry_batch_get_id (batches->pdata[0]));
}

int
main (int    argc,
      char **argv)
{
  char *state_dir;

  /* GTK's test set-up asks for en_US.UTF-8, which a build machine may not
   * have; a UTF-8 locale must stay, or typed Arabic arrives as "?". */
  setlocale (LC_ALL, "");
  state_dir = pl_test_app_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/app-entry/three-forms", test_three_forms);
  ADD ("/app-entry/pause-and-resume", test_pause_and_resume);
  ADD ("/app-entry/undo", test_undo);
  ADD ("/app-entry/second-keying", test_second_keying);
  ADD ("/app-entry/start-batch", test_start_batch);
#undef ADD

  return pl_test_app_run (state_dir);
}
