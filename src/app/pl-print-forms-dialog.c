/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-form-code.h"
#include "pl-languages.h"
#include "pl-print-forms-dialog-private.h"
#include "pl-store-surveys.h"
#include "pl-survey-print.h"
#include "pl-utils.h"
#include "pl-window-private.h"

/* Printing paper forms for a person: what to print on one page, a file to
 * save it in, then the PDF drawn in a worker thread with a progress bar
 * and Cancel, and Open when it is there. */

#define DEFAULT_FORMS 50

struct _PlPrintFormsDialog
{
  AdwWindow             parent_instance;

  PlStore              *store;
  PlSurvey             *survey;
  GListModel           *schools;       /* PlSchool with a code, in the school row's order */
  GStrv                 languages;     /* codes, in the language row's order */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *path;          /* the PDF being (or last) written */
  char                 *printed_by;
  guint                 first_serial;
  guint                 printed_count;
  gboolean              running;
  gboolean              disposed;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *cancel_button;
  GtkWidget            *save_button;
  GtkWidget            *done_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *survey_group;
  AdwComboRow          *school_row;
  AdwComboRow          *language_row;
  GtkSpinButton        *count_spin;
  AdwComboRow          *paper_row;
  GtkLabel             *summary_label;
  GtkLabel             *problem_label;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *done_page;
};

G_DEFINE_FINAL_TYPE (PlPrintFormsDialog, pl_print_forms_dialog, ADW_TYPE_WINDOW)

static void
toast (PlPrintFormsDialog *self,
       const char         *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_page (PlPrintFormsDialog *self,
           const char         *name)
{
  gboolean form = g_str_equal (name, "form");
  gboolean done = g_str_equal (name, "done");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (self->save_button, form);
  gtk_widget_set_visible (self->done_button, done);
  gtk_widget_set_visible (self->cancel_button, !done);
}

static PlSchool *
selected_school (PlPrintFormsDialog *self)
{
  guint position = adw_combo_row_get_selected (self->school_row);

  if (self->schools == NULL || position == GTK_INVALID_LIST_POSITION ||
      position >= g_list_model_get_n_items (self->schools))
    return NULL;
  return g_list_model_get_item (self->schools, position);
}

static const char *
selected_language (PlPrintFormsDialog *self)
{
  guint position = adw_combo_row_get_selected (self->language_row);

  if (self->languages == NULL || position >= g_strv_length (self->languages))
    return NULL;
  return self->languages[position];
}

static PlPaperSize
selected_paper (PlPrintFormsDialog *self)
{
  return adw_combo_row_get_selected (self->paper_row) == 1 ? PL_PAPER_A4 : PL_PAPER_LETTER;
}

/* "All texts translated", "3 texts not translated: they print in English". */
static char *
completeness_text (PlSurvey   *survey,
                   const char *language)
{
  const char *default_language = pl_survey_get_default_language (survey);
  guint n_missing = 0, n_stale = 0;

  if (g_strcmp0 (language, default_language) == 0)
    return g_strdup (_("The survey’s own language"));

  pl_survey_count_text_states (survey, language, &n_missing, &n_stale);
  if (n_missing == 0 && n_stale == 0)
    return g_strdup (_("All texts translated"));
  if (n_stale == 0)
    /* Translators: %u counts texts of a survey; %s is a language, e.g. "English" */
    return g_strdup_printf (ngettext ("%u text not translated: it prints in %s",
                                      "%u texts not translated: they print in %s", n_missing),
                            n_missing, pl_language_get_name (default_language));
  if (n_missing == 0)
    /* Translators: %u counts texts of a survey whose source text changed */
    return g_strdup_printf (ngettext ("%u translation out of date",
                                      "%u translations out of date", n_stale), n_stale);
  /* Translators: "3 texts not translated, 1 out of date" */
  return g_strdup_printf (_("%u not translated (printed in %s), %u out of date"),
                          n_missing, pl_language_get_name (default_language), n_stale);
}

static gboolean
language_complete (PlSurvey   *survey,
                   const char *language)
{
  guint n_missing = 0, n_stale = 0;

  if (g_strcmp0 (language, pl_survey_get_default_language (survey)) == 0)
    return TRUE;
  pl_survey_count_text_states (survey, language, &n_missing, &n_stale);
  return n_missing == 0 && n_stale == 0;
}

/* What the choices make: pages per form and in all, and whatever stops
 * the print. */
static void
update_summary (PlPrintFormsDialog *self)
{
  g_autoptr(PlSchool) school = selected_school (self);
  const char *language = selected_language (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *completeness = NULL;
  g_autofree char *summary = NULL;
  guint count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
  guint pages = 0;
  const char *problem = NULL;

  if (language != NULL)
    {
      completeness = completeness_text (self->survey, language);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->language_row), completeness);
      if (language_complete (self->survey, language))
        gtk_widget_remove_css_class (GTK_WIDGET (self->language_row), "warning");
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->language_row), "warning");
    }

  if (school == NULL)
    problem = _("No school has a code yet. Give the school a code (it is printed in every form code) before printing forms.");
  else if (language != NULL)
    {
      pages = pl_survey_print_count_pages (self->survey, language, pl_school_get_code (school),
                                           selected_paper (self), &error);
      if (pages == 0)
        problem = error->message;
    }

  if (problem == NULL && pages > 0)
    {
      g_autofree char *per_form = NULL;
      g_autofree char *in_all = NULL;

      /* Translators: the first half of "Each form is 2 pages, 100 pages in all." */
      per_form = g_strdup_printf (ngettext ("Each form is %u page", "Each form is %u pages", pages),
                                  pages);
      /* Translators: the second half of "Each form is 2 pages, 100 pages in all." */
      in_all = g_strdup_printf (ngettext ("%'u page in all", "%'u pages in all", pages * count),
                                pages * count);
      /* Translators: "Each form is 2 pages, 100 pages in all. Every form…" */
      summary = g_strdup_printf (_("%s, %s. Every form gets its own code, which no other print "
                                   "run will use again."), per_form, in_all);
      if (g_strcmp0 (pl_survey_get_status (self->survey), "draft") == 0)
        {
          g_autofree char *with_draft = g_strdup_printf (
            "%s %s", summary,
            _("This version is a draft: forms can be keyed once it is open."));

          g_free (summary);
          summary = g_steal_pointer (&with_draft);
        }
    }
  gtk_label_set_text (self->summary_label, summary ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.choose",
                                 problem == NULL && pages > 0 && !self->running);
}

static void
on_choice_changed (PlPrintFormsDialog *self)
{
  if (!self->disposed)
    update_summary (self);
}

/* Printing */

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  PlPrintFormsDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->disposed || !self->running)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
  /* Translators: progress of a print run; the numbers count forms */
  text = g_strdup_printf (_("%'u of %'u forms"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* A form code the line never breaks inside ("S1-" at one line's end and
 * "AHS-00050" on the next reads as two codes): a word joiner after each
 * dash. Takes @code. */
static char *
unbreakable (char *code)
{
  g_auto(GStrv) parts = code ? g_strsplit (code, "-", -1) : NULL;

  g_free (code);
  return parts ? g_strjoinv ("-\u2060", parts) : NULL;
}

static gboolean
release_cb (gpointer user_data)
{
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_printed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PlPrintFormsDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  guint first = 0, n_pages = 0;
  gboolean ok = pl_survey_print_finish (result, &first, &n_pages, &error);

  /* Progress queued by the worker may still be on its way: let it land on
   * a live object that ignores it. */
  g_idle_add_full (G_PRIORITY_LOW, release_cb, self, NULL);
  self->running = FALSE;
  if (self->disposed)
    return;

  if (!ok)
    {
      show_page (self, "form");
      update_summary (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, _("Printing cancelled; no file was written"));
      else
        {
          gtk_label_set_text (self->problem_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
        }
      return;
    }

  self->first_serial = first;
  {
    g_autoptr(PlSchool) school = selected_school (self);
    const char *code = school ? pl_school_get_code (school) : NULL;
    guint number = pl_survey_get_number (self->survey);
    g_autofree char *first_code = unbreakable (pl_form_code_format (number, code, first));
    g_autofree char *last_code = unbreakable (pl_form_code_format (number, code,
                                                                  first + self->printed_count - 1));
    g_autofree char *name = g_filename_display_basename (self->path);
    g_autofree char *description = NULL;

    g_autofree char *where = NULL;
    g_autofree char *codes = NULL;

    /* Translators: %u counts forms, %s is a file name */
    where = g_strdup_printf (ngettext ("%'u form is in “%s”.", "%'u forms are in “%s”.",
                                       self->printed_count),
                             self->printed_count, name);
    if (self->printed_count == 1)
      /* Translators: %s is a form code, e.g. S3-0153-00421 */
      codes = g_strdup_printf (_("Its code is %s."), first_code);
    else
      /* Translators: %s are form codes, e.g. S3-0153-00001 and S3-0153-00050 */
      codes = g_strdup_printf (_("Their codes run from %s to %s."), first_code, last_code);
    description = g_strdup_printf ("%s %s", where, codes);
    adw_status_page_set_description (self->done_page, description);
  }
  show_page (self, "done");
}

void
_pl_print_forms_dialog_print_to (PlPrintFormsDialog *self,
                                 const char         *path)
{
  g_autoptr(PlSchool) school = selected_school (self);
  const char *language = selected_language (self);

  g_return_if_fail (PL_IS_PRINT_FORMS_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->running || school == NULL || language == NULL)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  self->printed_count = (guint) gtk_spin_button_get_value_as_int (self->count_spin);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "print.choose", FALSE);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reserving form codes…"));
  show_page (self, "progress");

  pl_survey_print_async (self->store, self->survey, school, language, self->printed_count,
                         selected_paper (self), path, self->printed_by, on_progress, self,
                         self->cancellable, on_printed, g_object_ref (self));
}

static void
on_chooser_response (PlPrintFormsDialog   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Forms can only be saved in a folder on this computer"));
      return;
    }
  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      g_autofree char *with_suffix = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = g_steal_pointer (&with_suffix);
    }
  _pl_print_forms_dialog_print_to (self, path);
}

/* "Family Survey 2026 – Riverside Elementary – Somali.pdf" */
static char *
suggested_name (PlPrintFormsDialog *self)
{
  g_autoptr(PlSchool) school = selected_school (self);
  const char *title = pl_survey_get_title (self->survey);
  GString *name = g_string_new (NULL);

  g_string_append (name, title != NULL && *title != '\0' ? title : _("Survey"));
  if (school != NULL)
    g_string_append_printf (name, " – %s", pl_school_get_name (school));
  if (selected_language (self) != NULL)
    g_string_append_printf (name, " – %s", pl_language_get_name (selected_language (self)));
  g_string_append (name, ".pdf");
  /* A title may hold a slash; a file name may not. */
  g_strdelimit (name->str, "/\\", '-');
  return g_string_free (name, FALSE);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlPrintFormsDialog *self = PL_PRINT_FORMS_DIALOG (widget);
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->running)
    return;

  gtk_file_filter_set_name (pdf, _("PDF Documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_pattern (pdf, "*.pdf");

  self->chooser = gtk_file_chooser_native_new (_("Save the Forms"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pdf);
  name = suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  {
    const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr(GFile) folder = documents ? g_file_new_for_path (documents) : NULL;

    if (folder != NULL && g_file_query_exists (folder, NULL))
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlPrintFormsDialog *self = PL_PRINT_FORMS_DIALOG (widget);

  /* While it prints, Cancel stops the print and keeps the dialog. */
  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlPrintFormsDialog *self = PL_PRINT_FORMS_DIALOG (widget);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (self->path == NULL)
    return;
  file = g_file_new_for_path (self->path);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static gboolean
pl_print_forms_dialog_close_request (GtkWindow *window)
{
  PlPrintFormsDialog *self = PL_PRINT_FORMS_DIALOG (window);

  /* Closing stops a print: no half-written file is left. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (pl_print_forms_dialog_parent_class)->close_request (window);
}

/* The rows */

static void
fill_schools (PlPrintFormsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = pl_store_list_schools (self->store, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListStore *with_code = g_list_store_new (PL_TYPE_SCHOOL);

  if (all == NULL)
    {
      g_warning ("Could not list the schools: %s", error->message);
      toast (self, error->message);
    }
  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (all, i);
      const char *code = pl_school_get_code (school);
      g_autofree char *probe = code ? pl_form_code_format (1, code, 1) : NULL;
      g_autofree char *name = NULL;

      /* A school without a code cannot be printed in a form code. */
      if (probe == NULL)
        continue;
      /* Translators: a school and its code, e.g. "Riverside Elementary (0153)" */
      name = g_strdup_printf (C_("school", "%s (%s)"), pl_school_get_name (school), code);
      gtk_string_list_append (names, name);
      g_list_store_append (with_code, school);
    }
  self->schools = G_LIST_MODEL (with_code);
  adw_combo_row_set_model (self->school_row, G_LIST_MODEL (names));
}

/* The language list shows each language's translation state under its
 * name, and a check beside the chosen one, as the rows' own lists do. */
static void
setup_language_item (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state, "dim-label");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), state);
  gtk_box_append (GTK_BOX (row), box);
  gtk_box_append (GTK_BOX (row), check);
  gtk_list_item_set_child (item, row);
}

static void
update_check (GtkListItem *item,
              GParamSpec  *pspec,
              AdwComboRow *combo)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_last_child (row);

  gtk_widget_set_opacity (check, adw_combo_row_get_selected (combo) ==
                                 gtk_list_item_get_position (item) ? 1 : 0);
}

static void
bind_language_item (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    PlPrintFormsDialog       *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_widget_get_first_child (row);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *state = gtk_widget_get_next_sibling (name);
  guint position = gtk_list_item_get_position (item);
  g_autofree char *completeness = NULL;
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (name), gtk_string_object_get_string (string));
  g_signal_connect_object (self->language_row, "notify::selected", G_CALLBACK (update_check), item,
                           G_CONNECT_SWAPPED);
  update_check (item, NULL, self->language_row);
  if (self->languages == NULL || position >= g_strv_length (self->languages))
    return;
  completeness = completeness_text (self->survey, self->languages[position]);
  gtk_label_set_text (GTK_LABEL (state), completeness);
  if (language_complete (self->survey, self->languages[position]))
    gtk_widget_remove_css_class (state, "warning");
  else
    gtk_widget_add_css_class (state, "warning");
}

static void
unbind_language_item (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      PlPrintFormsDialog       *self)
{
  /* The row is gone already when the dialog is being disposed. */
  if (self->language_row != NULL)
    g_signal_handlers_disconnect_by_func (self->language_row, update_check, item);
}

static void
fill_languages (PlPrintFormsDialog *self)
{
  const char *const *languages = pl_survey_get_languages (self->survey);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->languages = g_strdupv ((char **) languages);
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      g_autofree char *name = pl_language_display_name (languages[i]);

      gtk_string_list_append (names, name ? name : languages[i]);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_language_item), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_language_item), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_language_item), self, 0);
  adw_combo_row_set_list_factory (self->language_row, factory);
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
}

static void
set_up (PlPrintFormsDialog *self)
{
  g_autofree char *version = NULL;
  g_autofree char *description = NULL;
  const char *title = pl_survey_get_title (self->survey);

  gtk_window_set_title (GTK_WINDOW (self), _("Print Forms"));
  adw_preferences_group_set_title (self->survey_group,
                                   title != NULL && *title != '\0' ? title : _("Survey"));
  /* Translators: "Version 2 · forms S3-…" */
  description = g_strdup_printf (_("Version %u · forms S%u-…"), pl_survey_get_version (self->survey),
                                 pl_survey_get_number (self->survey));
  adw_preferences_group_set_description (self->survey_group, description);

  fill_schools (self);
  fill_languages (self);
  gtk_spin_button_set_value (self->count_spin, DEFAULT_FORMS);

  g_signal_connect_object (self->school_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->language_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paper_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->count_spin, "value-changed", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  update_summary (self);
  show_page (self, "form");
}

PlPrintFormsDialog *
pl_print_forms_dialog_new (PlStore   *store,
                           PlSurvey  *survey,
                           GtkWindow *parent)
{
  PlPrintFormsDialog *self;

  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (PL_IS_SURVEY (survey), NULL);

  self = g_object_new (PL_TYPE_PRINT_FORMS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  /* A copy: the page may reload or edit its survey while this is open. */
  self->survey = pl_survey_copy (survey);
  /* The print run records who printed it: the person logged in to sync. */
  if (PL_IS_WINDOW (parent))
    {
      PlSyncManager *manager = _pl_window_get_sync_manager (PL_WINDOW (parent));

      if (manager != NULL && pl_sync_manager_get_logged_in (manager))
        self->printed_by = g_strdup (pl_sync_manager_get_user_name (manager));
    }
  set_up (self);
  return self;
}

/* For tests */

void
_pl_print_forms_dialog_select (PlPrintFormsDialog *self,
                               const char         *school_id,
                               const char         *language,
                               guint               count,
                               PlPaperSize         paper)
{
  g_return_if_fail (PL_IS_PRINT_FORMS_DIALOG (self));

  for (guint i = 0; school_id != NULL && i < g_list_model_get_n_items (self->schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (self->schools, i);

      if (g_strcmp0 (pl_school_get_id (school), school_id) == 0)
        adw_combo_row_set_selected (self->school_row, i);
    }
  for (guint i = 0; language != NULL && self->languages[i] != NULL; i++)
    if (g_str_equal (self->languages[i], language))
      adw_combo_row_set_selected (self->language_row, i);
  if (count > 0)
    gtk_spin_button_set_value (self->count_spin, count);
  adw_combo_row_set_selected (self->paper_row, paper == PL_PAPER_A4 ? 1 : 0);
}

const char *
_pl_print_forms_dialog_get_page (PlPrintFormsDialog *self)
{
  g_return_val_if_fail (PL_IS_PRINT_FORMS_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_pl_print_forms_dialog_get_summary (PlPrintFormsDialog *self)
{
  g_return_val_if_fail (PL_IS_PRINT_FORMS_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
         ? gtk_label_get_text (self->problem_label)
         : gtk_label_get_text (self->summary_label);
}

const char *
_pl_print_forms_dialog_get_language_state (PlPrintFormsDialog *self)
{
  g_return_val_if_fail (PL_IS_PRINT_FORMS_DIALOG (self), NULL);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (self->language_row));
}

const char *
_pl_print_forms_dialog_get_done_text (PlPrintFormsDialog *self)
{
  g_return_val_if_fail (PL_IS_PRINT_FORMS_DIALOG (self), NULL);

  return adw_status_page_get_description (self->done_page);
}

/* GObject */

static void
pl_print_forms_dialog_dispose (GObject *object)
{
  PlPrintFormsDialog *self = PL_PRINT_FORMS_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_PRINT_FORMS_DIALOG);

  G_OBJECT_CLASS (pl_print_forms_dialog_parent_class)->dispose (object);
}

static void
pl_print_forms_dialog_finalize (GObject *object)
{
  PlPrintFormsDialog *self = PL_PRINT_FORMS_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->survey);
  g_clear_object (&self->schools);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->languages, g_strfreev);
  g_free (self->path);
  g_free (self->printed_by);

  G_OBJECT_CLASS (pl_print_forms_dialog_parent_class)->finalize (object);
}

static void
pl_print_forms_dialog_class_init (PlPrintFormsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pl_print_forms_dialog_dispose;
  object_class->finalize = pl_print_forms_dialog_finalize;
  window_class->close_request = pl_print_forms_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-print-forms-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, survey_group);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, school_row);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PlPrintFormsDialog, done_page);

  gtk_widget_class_install_action (widget_class, "print.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "print.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "print.open", NULL, open_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "print.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "print.choose", NULL);
}

static void
pl_print_forms_dialog_init (PlPrintFormsDialog *self)
{
  g_autoptr(GtkStringList) papers = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In PlPaperSize order. */
  gtk_string_list_append (papers, pl_paper_size_to_label (PL_PAPER_LETTER));
  gtk_string_list_append (papers, pl_paper_size_to_label (PL_PAPER_A4));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));
  adw_combo_row_set_selected (self->paper_row, 0);
}
