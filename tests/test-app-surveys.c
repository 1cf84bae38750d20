/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pl-core.h"
#include "pl-survey-editor-private.h"
#include "pl-survey-text-row.h"
#include "pl-surveys-page-private.h"
#include "pl-window-private.h"

/* The Surveys section and the survey editor on a real database: a survey
 * made from nothing with the keyboard, saved and opened again; a version
 * with keyed forms that takes translations but no change of meaning; the
 * translations' state on the page and beside the default language. Key
 * presses are real X events (xdotool), so they go through GTK's whole
 * input path to the focused window. */

#define WAIT_SECONDS 30

#include "pl-test-app.h"

typedef struct
{
  char     *dir;
  char     *path;
  PlStore  *store;
  PlWindow *window;
} Fixture;

#ifdef GDK_WINDOWING_X11
static gulong
window_xid (GtkWindow *window)
{
  return gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
}
#endif

static void
on_xdotool_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

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
  g_subprocess_wait_async (process, NULL, on_xdotool_done, &done);
  WAIT_UNTIL (done);
  g_assert_true (g_subprocess_get_successful (process));
  pl_test_iterate ();
}

static void
focus_window (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *xid = NULL;
  const char *args[] = { "windowfocus", "--sync", NULL, NULL };

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  xid = g_strdup_printf ("%lu", window_xid (window));
  args[2] = xid;
  xdotool (args);
  WAIT_UNTIL (gtk_window_is_active (window));
#endif
}

static void
press (const char *key)
{
  const char *args[] = { "key", "--clearmodifiers", key, NULL };

  xdotool (args);
}

static void
type (const char *text)
{
  const char *args[] = { "type", "--delay", "8", text, NULL };

  xdotool (args);
}

static gboolean
on_x11 (void)
{
#ifdef GDK_WINDOWING_X11
  return GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

static GtkWidget *
find_named (GtkWidget  *widget,
            GType       type,
            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = pl_test_app_make_dir ("porchlight-surveys-XXXXXX", &fixture->path);
  fixture->store = pl_test_app_open_store (fixture->path);
  /* No families: the window goes straight to its sections. */
  pl_store_set_setting (fixture->store, "chose-empty", "true", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Editors and dialogs a failed case left open go first. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  pl_test_app_close_window (&fixture->window);
  g_clear_object (&fixture->store);
  pl_test_dir_remove (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static PlSurveysPage *
show_surveys (Fixture *fixture)
{
  PlSurveysPage *page;
  GtkWidget *row;

  fixture->window = pl_test_app_show_window (pl_window_new_for_store (NULL, fixture->store));
  page = _pl_window_get_surveys_page (fixture->window);
  /* The page gets its store only after the window's first frame. */
  WAIT_UNTIL (pl_surveys_page_get_store (page) != NULL);

  row = find_named (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, "surveys");
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (row)), GTK_LIST_BOX_ROW (row));
  pl_test_iterate ();
  g_assert_cmpstr (_pl_window_get_section (fixture->window), ==, "surveys");
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  return page;
}

static PlSurveyEditor *
open_editor (PlSurveysPage *page,
             const char    *survey_id)
{
  PlSurveyEditor *editor;

  if (survey_id == NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "surveys.new", NULL));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "surveys.edit", "s", survey_id));
  editor = _pl_surveys_page_get_editor (page, survey_id);
  g_assert_nonnull (editor);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  pl_test_iterate ();
  return editor;
}

static const char *
field_text (GtkWidget *field)
{
  static char *text;

  g_clear_pointer (&text, g_free);
  if (GTK_IS_EDITABLE (field))
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return text;
}

static GtkWidget *
focused (GtkWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Whether the focus is in @field (a text view, or an entry's inner text). */
static gboolean
has_focus_in (GtkWindow *window,
              GtkWidget *field)
{
  GtkWidget *focus = focused (window);

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

static const char *
stored_text (PlSurvey    *survey,
             PlTextOwner  owner,
             const char  *owner_id,
             const char  *field,
             const char  *language)
{
  return pl_survey_get_own_text (survey, owner, owner_id, field, language);
}

static void
test_empty_then_create (Fixture       *fixture,
                        gconstpointer  data)
{
  PlSurveysPage *page;
  PlSurveyEditor *editor;
  PlSurvey *survey;
  GtkWidget *field, *kind;
  g_autofree char *id = NULL;
  g_autofree char *welcome_id = NULL;
  g_autofree char *attended_id = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row_text = NULL;
  PlSurvey *saved;

  if (!on_x11 ())
    {
      g_test_skip ("The key presses need an X display");
      return;
    }

  page = show_surveys (fixture);
  WAIT_UNTIL (g_strcmp0 (_pl_surveys_page_get_state (page), "empty") == 0);

  editor = open_editor (page, NULL);
  focus_window (GTK_WINDOW (editor));
  survey = _pl_survey_editor_get_survey (editor);
  id = g_strdup (pl_survey_get_id (survey));

  /* A new survey starts in its title. */
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_SURVEY, id, "title", "en");
  g_assert_nonnull (field);
  WAIT_UNTIL (has_focus_in (GTK_WINDOW (editor), field));
  type ("Family Voice Survey");
  WAIT_UNTIL (g_strcmp0 (pl_survey_get_title (survey), "Family Voice Survey") == 0);
  g_assert_true (pl_survey_editor_get_modified (editor));

  /* Spanish, from the Languages group's Add Language menu; it shows beside English. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-language", "s", "es"));
  pl_test_iterate ();
  g_assert_cmpstr (_pl_survey_editor_get_compared (editor)[0], ==, "es");
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_SURVEY, id, "title", "es");
  g_assert_nonnull (field);
  /* Untranslated: the English stands in, dimmed, with a tag. */
  g_assert_cmpint (pl_survey_text_row_get_state (
                     _pl_survey_editor_get_text_row (editor, PL_TEXT_OWNER_SURVEY, id, "title"),
                     "es"), ==, PL_TEXT_MISSING);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (field)), ==, "Family Voice Survey");
  gtk_widget_grab_focus (field);
  type ("Encuesta de familias");
  WAIT_UNTIL (g_strcmp0 (stored_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "es"),
                         "Encuesta de familias") == 0);

  /* Ctrl+N: a question, with the keyboard in its wording; Tab goes on to
   * the Spanish beside it. */
  press ("ctrl+n");
  WAIT_UNTIL (pl_survey_get_n_questions (survey) == 1);
  welcome_id = g_strdup (pl_question_get_id (pl_survey_get_question (survey, 0)));
  g_assert_cmpstr (_pl_survey_editor_get_selected (editor), ==, welcome_id);
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "en");
  WAIT_UNTIL (has_focus_in (GTK_WINDOW (editor), field));
  type ("I feel welcome at school.");
  press ("Tab");
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "es");
  WAIT_UNTIL (has_focus_in (GTK_WINDOW (editor), field));
  type ("Me siento bienvenido en la escuela.");
  WAIT_UNTIL (g_strcmp0 (stored_text (survey, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "es"),
                         "Me siento bienvenido en la escuela.") == 0);

  press ("ctrl+n");
  WAIT_UNTIL (pl_survey_get_n_questions (survey) == 2);
  attended_id = g_strdup (pl_question_get_id (pl_survey_get_question (survey, 1)));
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, attended_id, "text",
                                            "en");
  WAIT_UNTIL (has_focus_in (GTK_WINDOW (editor), field));
  type ("Did you attend a family meeting?");
  kind = _pl_survey_editor_find_widget (editor, "kind");
  g_assert_true (ADW_IS_COMBO_ROW (kind));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 4);
  pl_test_iterate ();
  g_assert_cmpint (pl_question_get_kind (pl_survey_find_question (survey, attended_id)), ==,
                   PL_QUESTION_YES_NO);

  /* Alt+Up puts the question shown first. */
  gtk_widget_grab_focus (_pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION,
                                                           attended_id, "text", "en"));
  press ("alt+Up");
  WAIT_UNTIL (g_strcmp0 (pl_question_get_id (pl_survey_get_question (survey, 0)), attended_id) == 0);
  g_assert_cmpstr (_pl_survey_editor_get_selected (editor), ==, attended_id);

  press ("ctrl+s");
  WAIT_UNTIL (!pl_survey_editor_get_modified (editor));
  g_assert_null (_pl_survey_editor_get_error (editor));

  /* What the store holds. */
  stored = pl_store_list_surveys (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  saved = g_ptr_array_index (stored, 0);
  g_assert_cmpstr (pl_survey_get_id (saved), ==, id);
  g_assert_cmpstr (pl_survey_get_title (saved), ==, "Family Voice Survey");
  g_assert_cmpstr (stored_text (saved, PL_TEXT_OWNER_SURVEY, id, "title", "es"), ==,
                   "Encuesta de familias");
  g_assert_true (g_strv_contains (pl_survey_get_languages (saved), "es"));
  g_assert_cmpstr (pl_survey_get_status (saved), ==, "draft");
  g_assert_cmpuint (pl_survey_get_number (saved), ==, 1);
  g_assert_cmpuint (pl_survey_get_n_questions (saved), ==, 2);
  g_assert_cmpstr (pl_question_get_id (pl_survey_get_question (saved, 0)), ==, attended_id);
  g_assert_cmpint (pl_question_get_kind (pl_survey_get_question (saved, 0)), ==,
                   PL_QUESTION_YES_NO);
  g_assert_cmpstr (pl_question_get_code (pl_survey_get_question (saved, 0)), ==, "q2");
  g_assert_cmpstr (pl_question_get_code (pl_survey_get_question (saved, 1)), ==, "q1");
  g_assert_cmpint (pl_question_get_kind (pl_survey_get_question (saved, 1)), ==,
                   PL_QUESTION_AGREEMENT);
  g_assert_cmpstr (stored_text (saved, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "en"), ==,
                   "I feel welcome at school.");
  g_assert_cmpstr (stored_text (saved, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "es"), ==,
                   "Me siento bienvenido en la escuela.");
  g_assert_cmpstr (stored_text (saved, PL_TEXT_OWNER_QUESTION, attended_id, "text", "en"), ==,
                   "Did you attend a family meeting?");

  /* The page lists it, with the Spanish it lacks. */
  WAIT_UNTIL (g_strcmp0 (_pl_surveys_page_get_state (page), "list") == 0);
  row_text = _pl_surveys_page_dup_row_text (page, id);
  g_assert_nonnull (row_text);
  g_assert_nonnull (strstr (row_text, "Version 1"));
  g_assert_nonnull (strstr (row_text, "Draft"));
  g_assert_nonnull (strstr (row_text, "Spanish: 1 missing"));

  /* Saved: it closes without asking. Opened again, it shows what was stored. */
  gtk_window_close (GTK_WINDOW (editor));
  WAIT_UNTIL (_pl_surveys_page_get_editor (page, NULL) == NULL);
  editor = open_editor (page, id);
  _pl_survey_editor_select (editor, welcome_id);
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "es");
  g_assert_cmpstr (field_text (field), ==, "Me siento bienvenido en la escuela.");
  g_assert_false (pl_survey_editor_get_modified (editor));
  gtk_window_close (GTK_WINDOW (editor));
  WAIT_UNTIL (_pl_surveys_page_get_editor (page, NULL) == NULL);
}

/* A survey in English, Spanish and Arabic: the first question translated
 * into both, the second into neither. */
static PlSurvey *
make_survey (Fixture    *fixture,
             const char *status)
{
  g_autoptr(GError) error = NULL;
  PlSurvey *survey = pl_survey_new ("en");
  g_autoptr(PlQuestion) welcome = pl_question_new (PL_QUESTION_AGREEMENT);
  g_autoptr(PlQuestion) comment = pl_question_new (PL_QUESTION_LONG_TEXT);
  const char *id = pl_survey_get_id (survey);

  pl_survey_add_language (survey, "es");
  pl_survey_add_language (survey, "ar");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "en", "Family Survey");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "es", "Encuesta para familias");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "ar", "استبيان الأسرة");
  pl_question_set_code (welcome, "welcome");
  pl_question_set_domain (welcome, "welcoming");
  pl_survey_insert_question (survey, -1, welcome);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "en",
                      "I feel welcome at my child's school.");
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "es",
                      "Me siento bienvenido en la escuela de mi hijo.");
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (welcome), "text", "ar",
                      "أشعر بالترحيب في مدرسة طفلي.");
  pl_question_set_code (comment, "comment");
  pl_survey_insert_question (survey, -1, comment);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (comment), "text", "en",
                      "Anything else?");
  pl_survey_set_term (survey, "2026-fall");
  pl_survey_set_status (survey, status);
  pl_store_save_survey (fixture->store, survey, &error);
  g_assert_no_error (error);
  return survey;
}

static void
key_one_form (Fixture  *fixture,
              PlSurvey *survey)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSchool) school = pl_school_new ();
  g_autoptr(PlEntryBatch) batch = NULL;
  g_autoptr(PlSurveyResponse) response = NULL;
  g_autofree char *code = NULL;

  pl_school_set_name (school, "Riverside Elementary");
  pl_school_set_code (school, "0153");
  pl_store_save_school (fixture->store, school, &error);
  g_assert_no_error (error);

  batch = pl_entry_batch_new (pl_survey_get_id (survey), pl_school_get_id (school));
  pl_entry_batch_set_received_on (batch, "2026-11-20");
  pl_entry_batch_set_form_count (batch, 10);
  pl_entry_batch_set_entered_by (batch, "amina");
  pl_entry_batch_set_double_entry (batch, "none");
  pl_store_save_batch (fixture->store, batch, &error);
  g_assert_no_error (error);

  code = pl_form_code_format (pl_survey_get_number (survey), "0153", 1);
  response = pl_survey_response_new (pl_survey_get_id (survey), pl_school_get_id (school));
  pl_survey_response_set_batch_id (response, pl_entry_batch_get_id (batch));
  pl_survey_response_set_form_code (response, code);
  pl_survey_response_set_language (response, "es");
  pl_survey_response_set_keying (response, 1);
  pl_survey_response_set_entered_by (response, "amina");
  pl_survey_response_set_answer (response,
                                 pl_question_get_id (pl_survey_get_question (survey, 0)), "4");
  pl_store_save_response (fixture->store, response, &error);
  g_assert_no_error (error);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PlSurvey) survey = make_survey (fixture, "open");
  g_autoptr(PlSurvey) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row_text = NULL;
  const char *id = pl_survey_get_id (survey);
  const char *comment_id = pl_question_get_id (pl_survey_get_question (survey, 1));
  PlSurveysPage *page;
  PlSurveyEditor *editor;
  PlSurvey *edited;
  GtkWidget *field, *kind;

  if (!on_x11 ())
    {
      g_test_skip ("The key presses need an X display");
      return;
    }

  key_one_form (fixture, survey);
  page = show_surveys (fixture);
  WAIT_UNTIL (g_strcmp0 (_pl_surveys_page_get_state (page), "list") == 0);
  row_text = _pl_surveys_page_dup_row_text (page, id);
  g_assert_nonnull (strstr (row_text, "1 form keyed"));
  g_assert_nonnull (strstr (row_text, "Open"));

  editor = open_editor (page, id);
  focus_window (GTK_WINDOW (editor));
  edited = _pl_survey_editor_get_survey (editor);
  g_assert_true (_pl_survey_editor_get_locked_shown (editor));

  /* No new question, by key or by button. */
  press ("ctrl+n");
  g_assert_cmpuint (pl_survey_get_n_questions (edited), ==, 2);
  g_assert_false (gtk_widget_is_sensitive (_pl_survey_editor_find_widget (editor, "add-question")));

  /* The question's kind and the English are fixed; the Spanish is not. */
  _pl_survey_editor_select (editor, comment_id);
  kind = _pl_survey_editor_find_widget (editor, "kind");
  g_assert_false (gtk_widget_is_sensitive (kind));
  g_assert_false (gtk_widget_is_sensitive (_pl_survey_editor_find_widget (editor, "remove-question")));
  g_assert_false (gtk_widget_is_sensitive (_pl_survey_editor_find_widget (editor, "move-up")));
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, comment_id, "text", "en");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (field)));
  gtk_widget_grab_focus (field);
  type ("Nope");
  g_assert_cmpstr (field_text (field), ==, "Anything else?");
  press ("alt+Up");
  g_assert_cmpstr (pl_question_get_id (pl_survey_get_question (edited, 1)), ==, comment_id);

  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, comment_id, "text", "es");
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (field)));
  gtk_widget_grab_focus (field);
  type ("Algo mas?");
  WAIT_UNTIL (g_strcmp0 (field_text (field), "Algo mas?") == 0);
  press ("ctrl+s");
  WAIT_UNTIL (!pl_survey_editor_get_modified (editor));
  g_assert_null (_pl_survey_editor_get_error (editor));

  stored = pl_store_load_survey (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (pl_survey_get_locked (stored));
  g_assert_cmpstr (stored_text (stored, PL_TEXT_OWNER_QUESTION, comment_id, "text", "es"), ==,
                   "Algo mas?");
  g_assert_cmpstr (stored_text (stored, PL_TEXT_OWNER_QUESTION, comment_id, "text", "en"), ==,
                   "Anything else?");
  g_assert_cmpuint (pl_survey_get_n_questions (stored), ==, 2);
}

static void
test_translations (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PlSurvey) survey = make_survey (fixture, "draft");
  g_autoptr(PlSurvey) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row_text = NULL;
  const char *id = pl_survey_get_id (survey);
  const char *welcome_id = pl_question_get_id (pl_survey_get_question (survey, 0));
  const char *comment_id = pl_question_get_id (pl_survey_get_question (survey, 1));
  PlSurveysPage *page;
  PlSurveyEditor *editor;
  PlSurveyTextRow *row;
  GtkWidget *field;
  GList *toplevels;
  AdwMessageDialog *dialog = NULL;

  if (!on_x11 ())
    {
      g_test_skip ("The key presses need an X display");
      return;
    }

  /* Each translation's completeness, as the page lists it. */
  page = show_surveys (fixture);
  WAIT_UNTIL (g_strcmp0 (_pl_surveys_page_get_state (page), "list") == 0);
  row_text = _pl_surveys_page_dup_row_text (page, id);
  g_assert_nonnull (strstr (row_text, "English"));
  g_assert_nonnull (strstr (row_text, "Spanish: 1 missing"));
  g_assert_nonnull (strstr (row_text, "Arabic: 1 missing"));

  editor = open_editor (page, id);
  focus_window (GTK_WINDOW (editor));
  _pl_survey_editor_set_compared (editor, "es", "ar");
  _pl_survey_editor_select (editor, welcome_id);

  /* Arabic is written right to left beside the English. */
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "ar");
  g_assert_nonnull (field);
  g_assert_cmpint (gtk_widget_get_direction (field), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (_pl_survey_editor_get_text_field (
                     editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "es")), !=,
                   GTK_TEXT_DIR_RTL);

  /* The English changes: both translations are out of date, until checked. */
  row = _pl_survey_editor_get_text_row (editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text");
  g_assert_cmpint (pl_survey_text_row_get_state (row, "es"), ==, PL_TEXT_CURRENT);
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "en");
  gtk_widget_grab_focus (field);
  press ("ctrl+End");
  press ("BackSpace");
  type (" today.");
  WAIT_UNTIL (g_strcmp0 (field_text (field), "I feel welcome at my child's school today.") == 0);
  g_assert_cmpint (pl_survey_text_row_get_state (row, "es"), ==, PL_TEXT_STALE);
  g_assert_cmpint (pl_survey_text_row_get_state (row, "ar"), ==, PL_TEXT_STALE);
  g_assert_true (pl_survey_text_row_confirm (row, "es"));
  g_assert_cmpint (pl_survey_text_row_get_state (row, "es"), ==, PL_TEXT_CURRENT);
  g_assert_cmpint (pl_survey_text_row_get_state (row, "ar"), ==, PL_TEXT_STALE);

  /* The comment was never translated. */
  _pl_survey_editor_select (editor, comment_id);
  row = _pl_survey_editor_get_text_row (editor, PL_TEXT_OWNER_QUESTION, comment_id, "text");
  g_assert_cmpint (pl_survey_text_row_get_state (row, "es"), ==, PL_TEXT_MISSING);

  /* A question removed comes back with Undo, until the next change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.remove-question", NULL));
  g_assert_cmpuint (pl_survey_get_n_questions (_pl_survey_editor_get_survey (editor)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  g_assert_cmpuint (pl_survey_get_n_questions (_pl_survey_editor_get_survey (editor)), ==, 2);
  g_assert_nonnull (pl_survey_find_question (_pl_survey_editor_get_survey (editor), comment_id));
  _pl_survey_editor_select (editor, comment_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.remove-question", NULL));
  g_assert_cmpuint (pl_survey_get_n_questions (_pl_survey_editor_get_survey (editor)), ==, 1);
  _pl_survey_editor_select (editor, welcome_id);
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "es");
  gtk_widget_grab_focus (field);
  press ("ctrl+End");
  type (" Si.");
  WAIT_UNTIL (g_str_has_suffix (field_text (field), " Si."));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  g_assert_cmpuint (pl_survey_get_n_questions (_pl_survey_editor_get_survey (editor)), ==, 1);
  g_assert_true (g_str_has_suffix (stored_text (_pl_survey_editor_get_survey (editor),
                                                PL_TEXT_OWNER_QUESTION, welcome_id, "text", "es"),
                                   " Si."));

  /* A title cleared: the save is refused, says why, and keeps the rest. */
  _pl_survey_editor_select (editor, "settings");
  field = _pl_survey_editor_get_text_field (editor, PL_TEXT_OWNER_SURVEY, id, "title", "en");
  gtk_widget_grab_focus (field);
  press ("ctrl+a");
  press ("BackSpace");
  WAIT_UNTIL (g_strcmp0 (field_text (field), "") == 0);
  _pl_survey_editor_select (editor, welcome_id);
  press ("ctrl+s");
  WAIT_UNTIL (_pl_survey_editor_get_error (editor) != NULL);
  g_assert_nonnull (strstr (_pl_survey_editor_get_error (editor), "title"));
  g_assert_cmpstr (_pl_survey_editor_get_selected (editor), ==, "settings");
  g_assert_true (pl_survey_editor_get_modified (editor));
  g_assert_cmpstr (stored_text (_pl_survey_editor_get_survey (editor), PL_TEXT_OWNER_QUESTION,
                                welcome_id, "text", "en"), ==,
                   "I feel welcome at my child's school today.");
  stored = pl_store_load_survey (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_get_title (stored), ==, "Family Survey");

  /* Closing with unsaved changes asks first. */
  press ("ctrl+w");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  adw_message_dialog_response (dialog, "discard");
  WAIT_UNTIL (_pl_surveys_page_get_editor (page, NULL) == NULL);

  g_clear_object (&stored);
  stored = pl_store_load_survey (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored_text (stored, PL_TEXT_OWNER_QUESTION, welcome_id, "text", "en"), ==,
                   "I feel welcome at my child's school.");
}

/* A button of a message dialog: its response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  pl_test_iterate ();
}

static gboolean
file_exists (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static guint
n_stored_surveys (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) surveys = pl_store_list_surveys (fixture->store, &error);

  g_assert_no_error (error);
  return surveys->len;
}

static void
close_editors (PlSurveysPage *page)
{
  PlSurveyEditor *editor;

  while ((editor = _pl_surveys_page_get_editor (page, NULL)) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (editor));
      pl_test_iterate ();
    }
}

/* Open for entry, a new version, XLSForm out and back in, a malformed
 * sheet refused naming its line, and a draft deleted after asking. */
static void
test_versions_and_files (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PlSurvey) survey = make_survey (fixture, "draft");
  g_autoptr(PlSurvey) stored = NULL;
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row_text = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "Family Survey v1", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "bad", NULL);
  g_autofree char *bad_survey = g_build_filename (bad, "survey.csv", NULL);
  g_autofree char *bad_choices = g_build_filename (bad, "choices.csv", NULL);
  const char *id = pl_survey_get_id (survey);
  const char *paths[] = { NULL, NULL };
  PlSurveysPage *page;
  PlSurveyEditor *editor;
  AdwMessageDialog *message;
  PlSurvey *next;
  char *next_id;

  page = show_surveys (fixture);
  WAIT_UNTIL (g_strcmp0 (_pl_surveys_page_get_state (page), "list") == 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "surveys.open-entry", "s", id));
  stored = pl_store_load_survey (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_get_status (stored), ==, "open");
  row_text = _pl_surveys_page_dup_row_text (page, id);
  g_assert_nonnull (strstr (row_text, "Open"));

  /* A new version opens in an editor of its own, a draft. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "surveys.new-version", "s", id));
  editor = _pl_surveys_page_get_editor (page, NULL);
  g_assert_nonnull (editor);
  next = _pl_survey_editor_get_survey (editor);
  g_assert_cmpstr (pl_survey_get_series_id (next), ==, pl_survey_get_series_id (survey));
  g_assert_cmpuint (pl_survey_get_version (next), ==, 2);
  g_assert_cmpstr (pl_survey_get_status (next), ==, "draft");
  next_id = g_strdup (pl_survey_get_id (next));
  g_assert_cmpuint (n_stored_surveys (fixture), ==, 2);
  close_editors (page);

  /* Out as XLSForm; a second time into the same folder asks first. */
  _pl_surveys_page_export (page, id, out);
  WAIT_UNTIL (file_exists (out, "survey.csv") && file_exists (out, "choices.csv"));
  _pl_surveys_page_export (page, id, out);
  message = _pl_surveys_page_get_message (page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (message), "Replace"));
  respond (message, "cancel");
  WAIT_UNTIL (_pl_surveys_page_get_message (page) == NULL);

  /* And back in, from the folder: a new draft, opened to check. */
  _pl_surveys_page_import_folder (page, out);
  WAIT_UNTIL (n_stored_surveys (fixture) == 3);
  WAIT_UNTIL (_pl_surveys_page_get_editor (page, NULL) != NULL);
  editor = _pl_surveys_page_get_editor (page, NULL);
  g_assert_cmpstr (pl_survey_get_title (_pl_survey_editor_get_survey (editor)), ==, "Family Survey");
  g_assert_cmpuint (pl_survey_get_n_questions (_pl_survey_editor_get_survey (editor)), ==, 2);
  close_editors (page);

  /* A sheet Porchlight cannot key is refused, naming the file and line. */
  g_assert_cmpint (g_mkdir (bad, 0700), ==, 0);
  g_file_set_contents (bad_survey,
                       "type,name,label::English (en)\r\n"
                       "integer,children,How many children?\r\n"
                       "geopoint,where,Where do you live?\r\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad_choices, "list_name,name,label::English (en)\r\n", -1, &error);
  g_assert_no_error (error);
  paths[0] = bad_survey;
  _pl_surveys_page_import_files (page, paths);
  WAIT_UNTIL (_pl_surveys_page_get_message (page) != NULL);
  message = _pl_surveys_page_get_message (page);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "survey.csv"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "line 3"));
  respond (message, "close");
  WAIT_UNTIL (_pl_surveys_page_get_message (page) == NULL);
  g_assert_cmpuint (n_stored_surveys (fixture), ==, 3);

  /* A draft no one keyed goes, once the person says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "surveys.delete", "s", next_id));
  message = _pl_surveys_page_get_message (page);
  g_assert_nonnull (message);
  respond (message, "delete");
  g_assert_cmpuint (n_stored_surveys (fixture), ==, 2);
  g_assert_null (_pl_surveys_page_find_row (page, next_id));
  g_free (next_id);
}

int
main (int   argc,
      char *argv[])
{
  char *state_dir = pl_test_app_init (&argc, &argv);

  g_test_add ("/app-surveys/empty-then-create", Fixture, NULL, fixture_setup,
              test_empty_then_create, fixture_teardown);
  g_test_add ("/app-surveys/locked", Fixture, NULL, fixture_setup, test_locked, fixture_teardown);
  g_test_add ("/app-surveys/translations", Fixture, NULL, fixture_setup, test_translations,
              fixture_teardown);
  g_test_add ("/app-surveys/versions-and-files", Fixture, NULL, fixture_setup,
              test_versions_and_files, fixture_teardown);

  return pl_test_app_run (state_dir);
}
