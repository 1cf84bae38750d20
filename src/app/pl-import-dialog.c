/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-import-dialog-private.h"
#include "pl-languages.h"
#include "pl-roster-import.h"
#include "pl-utils.h"

/* The roster import for a person: a file, its columns as Porchlight reads
 * them (each one can be changed), the languages it does not know, then the
 * import or a check in a worker thread with a progress bar, and a report. */

/* A district has tens of thousands of rows; a person reads the first few
 * hundred problems, and the saved file has every one. */
#define MAX_REJECTED_SHOWN 200

/* Positions in a language row's list before the zone's languages. */
enum { LANGUAGE_NOT_CHOSEN, LANGUAGE_KEEP, N_LANGUAGE_CHOICES };

struct _PlImportDialog
{
  AdwWindow             parent_instance;

  PlStore              *store;
  PlRosterImport       *import;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GtkStringList        *field_names;
  GtkStringList        *language_names;
  GPtrArray            *column_rows;     /* AdwComboRow per column */
  GPtrArray            *language_rows;   /* AdwComboRow per unknown language */
  GHashTable           *languages;       /* value → chosen position */
  GPtrArray            *report_rows;     /* rows added to the report groups */
  gboolean              running;
  gboolean              disposed;
  gboolean              updating;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_button;
  GtkWidget            *back_button;
  GtkWidget            *import_button;
  GtkWidget            *done_button;
  GtkStack             *stack;
  GtkLabel             *start_error;
  GtkSpinner           *loading_spinner;
  GtkScrolledWindow    *preview_scroller;
  AdwActionRow         *file_row;
  GtkLabel             *columns_problem;
  AdwPreferencesGroup  *unknown_group;
  AdwPreferencesGroup  *known_group;
  AdwPreferencesGroup  *languages_group;
  GtkSwitch            *skip_switch;
  GtkWidget            *check_button;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkScrolledWindow    *report_scroller;
  GtkImage             *report_icon;
  GtkLabel             *report_title;
  GtkLabel             *report_description;
  GtkWidget            *import_valid_button;
  AdwPreferencesGroup  *counts_group;
  AdwPreferencesGroup  *rejects_file_group;
  AdwActionRow         *rejects_file_row;
  AdwPreferencesGroup  *rejected_group;
};

G_DEFINE_FINAL_TYPE (PlImportDialog, pl_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (PlImportDialog *self,
       const char     *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Which header bar buttons a page shows. */
static void
show_page (PlImportDialog *self,
           const char     *name)
{
  gboolean start = g_str_equal (name, "start") || g_str_equal (name, "loading");
  gboolean preview = g_str_equal (name, "preview");
  gboolean report = g_str_equal (name, "report");

  gtk_stack_set_visible_child_name (self->stack, name);
  /* The progress page has its own Cancel, which stops the import. */
  gtk_widget_set_visible (self->cancel_button, start || preview);
  gtk_widget_set_visible (self->back_button, report);
  gtk_widget_set_visible (self->done_button, report);
  gtk_widget_set_visible (self->import_button, preview);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));

  if (preview)
    gtk_button_set_label (GTK_BUTTON (self->import_button), _("_Import"));
}

static const char *
row_header (AdwComboRow *row)
{
  return g_object_get_data (G_OBJECT (row), "pl-header");
}

/* Languages */

/* The languages Porchlight does not know depend on which columns hold
 * languages, so the rows are made again whenever a column changes; what a
 * person chose for a value is kept in self->languages meanwhile and handed
 * to the import only when it runs. */
static void on_language_selected (PlImportDialog *self, GParamSpec *pspec, AdwComboRow *row);

static void
rebuild_languages (PlImportDialog *self)
{
  g_auto(GStrv) unknown = NULL;

  for (guint i = 0; i < self->language_rows->len; i++)
    adw_preferences_group_remove (self->languages_group, g_ptr_array_index (self->language_rows, i));
  g_ptr_array_set_size (self->language_rows, 0);

  pl_roster_import_clear_languages (self->import);
  unknown = pl_roster_import_list_unknown_languages (self->import);
  for (guint i = 0; unknown[i]; i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      gpointer chosen;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unknown[i]);
      adw_combo_row_set_model (row, G_LIST_MODEL (self->language_names));
      if (g_hash_table_lookup_extended (self->languages, unknown[i], NULL, &chosen))
        adw_combo_row_set_selected (row, GPOINTER_TO_UINT (chosen));
      else
        adw_combo_row_set_selected (row, LANGUAGE_NOT_CHOSEN);
      g_object_set_data_full (G_OBJECT (row), "pl-header", g_strdup (unknown[i]), g_free);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_language_selected), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->languages_group, GTK_WIDGET (row));
      g_ptr_array_add (self->language_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->languages_group), self->language_rows->len > 0);
}

static void
on_language_selected (PlImportDialog *self,
                      GParamSpec     *pspec,
                      AdwComboRow    *row)
{
  g_hash_table_insert (self->languages, g_strdup (row_header (row)),
                       GUINT_TO_POINTER (adw_combo_row_get_selected (row)));
}

static void
apply_languages (PlImportDialog *self)
{
  const PlLanguage *all = pl_languages_get_all ();
  GHashTableIter iter;
  gpointer value, position;

  pl_roster_import_clear_languages (self->import);
  g_hash_table_iter_init (&iter, self->languages);
  while (g_hash_table_iter_next (&iter, &value, &position))
    {
      guint chosen = GPOINTER_TO_UINT (position);

      if (chosen == LANGUAGE_KEEP)
        pl_roster_import_set_language (self->import, value, NULL);
      else if (chosen >= N_LANGUAGE_CHOICES)
        pl_roster_import_set_language (self->import, value, all[chosen - N_LANGUAGE_CHOICES].code);
    }
}

/* Columns */

static void
update_columns (PlImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean usable;

  /* One column taken for a field takes it from another: show that. */
  self->updating = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c),
                                pl_roster_import_get_column_field (self->import, c));
  self->updating = FALSE;

  usable = pl_roster_import_check_columns (self->import, &error);
  gtk_label_set_text (self->columns_problem, usable ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_problem), !usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.check", usable);

  rebuild_languages (self);
}

static void
on_column_selected (PlImportDialog *self,
                    GParamSpec     *pspec,
                    AdwComboRow    *row)
{
  if (self->updating)
    return;
  pl_roster_import_set_header_field (self->import, row_header (row), adw_combo_row_get_selected (row));
  update_columns (self);
}

static void
show_preview (PlImportDialog *self)
{
  g_autofree char *name = g_path_get_basename (pl_roster_import_get_path (self->import));
  g_autofree char *display = g_filename_display_name (name);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint n_rows = pl_roster_import_get_n_rows (self->import);
  guint n_unknown = 0;

  for (guint i = 0; i < self->column_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->column_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
    }
  g_ptr_array_set_size (self->column_rows, 0);
  g_hash_table_remove_all (self->languages);

  adw_window_title_set_subtitle (self->window_title, display);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), display);
  g_string_append_printf (subtitle, ngettext ("%u row", "%u rows", n_rows), n_rows);
  if (pl_roster_import_get_encoding (self->import) == PL_CSV_ENCODING_WINDOWS_1252 ||
      pl_roster_import_get_encoding (self->import) == PL_CSV_ENCODING_UTF16)
    {
      g_string_append (subtitle, " · ");
      /* Translators: %s is the name of a text encoding, like Windows-1252 */
      g_string_append_printf (subtitle, _("read as %s text"),
                              pl_csv_encoding_get_name (pl_roster_import_get_encoding (self->import)));
    }
  adw_action_row_set_subtitle (self->file_row, subtitle->str);

  for (guint c = 0; c < pl_roster_import_get_n_columns (self->import); c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *header = pl_roster_import_get_column_header (self->import, c);
      g_auto(GStrv) samples = pl_roster_import_get_column_samples (self->import, c, 3);
      g_autofree char *joined = g_strjoinv (" · ", samples);
      gboolean known = pl_roster_import_get_column_known (self->import, c);

      /* Headers and values are the file's own text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *header ? header : C_("column", "(No Header)"));
      /* Line breaks inside values would make the row grow. */
      g_strdelimit (joined, "\n", ' ');
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *joined ? joined : _("Empty in the first rows"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (row, G_LIST_MODEL (self->field_names));
      adw_combo_row_set_selected (row, pl_roster_import_get_column_field (self->import, c));
      g_object_set_data_full (G_OBJECT (row), "pl-header", g_strdup (header), g_free);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_column_selected), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (known ? self->known_group : self->unknown_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
      if (!known)
        n_unknown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unknown_group), n_unknown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->known_group), n_unknown < self->column_rows->len);

  update_columns (self);
  show_page (self, "preview");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->preview_scroller), 0);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PlImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pl_roster_import_load_finish (PL_ROSTER_IMPORT (source), result, &error))
    {
      if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->start_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->start_error), TRUE);
      show_page (self, "start");
      return;
    }
  if (self->disposed || PL_ROSTER_IMPORT (source) != self->import)
    return;
  show_preview (self);
}

void
pl_import_dialog_open_file (PlImportDialog *self,
                            GFile          *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PL_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->running)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Only a file on this computer can be imported"));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->import, NULL);
  self->import = pl_roster_import_new (path);
  gtk_widget_set_visible (GTK_WIDGET (self->start_error), FALSE);
  show_page (self, "loading");
  pl_roster_import_load_async (self->import, self->cancellable, on_loaded, g_object_ref (self));
}

static void
on_chooser_response (PlImportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    pl_import_dialog_open_file (self, file);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL || self->running)
    return;

  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose the Roster"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (PlImportDialog *self,
         const GValue   *value,
         double          x,
         double          y,
         GtkDropTarget  *target)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->running)
    return FALSE;
  pl_import_dialog_open_file (self, g_value_get_object (value));
  return TRUE;
}

/* Running */

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  PlImportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->disposed || !self->running)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
  /* Translators: progress of an import; the numbers count rows of the file */
  text = g_strdup_printf (_("%'u of %'u rows"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
add_report_row (PlImportDialog      *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const char          *subtitle,
                const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "pl-group", group);
  g_ptr_array_add (self->report_rows, row);
}

static void
add_count (PlImportDialog *self,
           const char     *label,
           guint           count)
{
  g_autofree char *value = g_strdup_printf ("%'u", count);

  add_report_row (self, self->counts_group, label, NULL, value);
}

static void
show_report (PlImportDialog *self,
             gboolean        ok,
             const GError   *error)
{
  const PlRosterCounts *counts = pl_roster_import_get_counts (self->import);
  gboolean dry_run = pl_roster_import_get_dry_run (self->import);
  gboolean invalid = g_error_matches (error, PL_ROSTER_IMPORT_ERROR, PL_ROSTER_IMPORT_ERROR_INVALID_ROWS);
  guint n_rejected = pl_roster_import_get_n_rejected (self->import);
  const char *rejects_path = pl_roster_import_get_rejects_path (self->import);
  g_autofree char *name = g_path_get_basename (pl_roster_import_get_path (self->import));
  g_autofree char *display = g_filename_display_name (name);
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->report_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->report_rows, i);
      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "pl-group"), row);
    }
  g_ptr_array_set_size (self->report_rows, 0);

  if (ok && !dry_run)
    {
      gtk_image_set_from_icon_name (self->report_icon, "object-select-symbolic");
      gtk_label_set_text (self->report_title, _("Roster Imported"));
      /* Translators: %u counts rows, %s is a file name */
      g_string_append_printf (description, ngettext ("%u row read from %s.", "%u rows read from %s.",
                                                     counts->rows_read),
                              counts->rows_read, display);
      if (counts->rows_rejected > 0)
        {
          g_string_append_c (description, ' ');
          g_string_append_printf (description,
                                  ngettext ("%u row was not valid and was set aside.",
                                            "%u rows were not valid and were set aside.",
                                            counts->rows_rejected),
                                  counts->rows_rejected);
        }
    }
  else if (ok)
    {
      gtk_image_set_from_icon_name (self->report_icon, "emblem-documents-symbolic");
      gtk_label_set_text (self->report_title, _("Check Complete"));
      g_string_append (description, _("Nothing was saved. Importing the file would make these changes."));
      if (counts->rows_rejected > 0)
        {
          g_string_append_c (description, ' ');
          g_string_append_printf (description,
                                  ngettext ("%u row is not valid and would be set aside.",
                                            "%u rows are not valid and would be set aside.",
                                            counts->rows_rejected),
                                  counts->rows_rejected);
        }
    }
  else if (invalid)
    {
      gtk_image_set_from_icon_name (self->report_icon, "dialog-warning-symbolic");
      gtk_label_set_text (self->report_title, dry_run ? _("Rows to Correct") : _("Nothing Imported"));
      g_string_append_printf (description,
                              dry_run
                                ? ngettext ("%u row is not valid, so importing would import nothing.",
                                            "%u rows are not valid, so importing would import nothing.",
                                            n_rejected)
                                : ngettext ("%u row is not valid, so nothing was imported.",
                                            "%u rows are not valid, so nothing was imported.",
                                            n_rejected),
                              n_rejected);
      g_string_append_c (description, ' ');
      g_string_append (description, _("Correct the rows in the file and import it again, or import "
                                      "the valid rows and set the others aside in a file."));
    }
  else
    {
      gtk_image_set_from_icon_name (self->report_icon, "dialog-error-symbolic");
      gtk_label_set_text (self->report_title, _("Could Not Import"));
      g_string_append (description, error->message);
    }
  gtk_label_set_text (self->report_description, description->str);
  gtk_widget_set_visible (self->import_valid_button, invalid);

  gtk_widget_set_visible (GTK_WIDGET (self->counts_group), ok || invalid);
  add_count (self, _("Rows Read"), counts->rows_read);
  if (ok)
    {
      add_count (self, _("Families Added"), counts->families_added);
      add_count (self, _("Families Updated"), counts->families_updated);
      add_count (self, _("Students Added"), counts->students_added);
      add_count (self, _("Students Updated"), counts->students_updated);
      add_count (self, _("Students Unchanged"), counts->students_unchanged);
      add_count (self, _("Guardians Added"), counts->guardians_added);
      add_count (self, _("Guardians Updated"), counts->guardians_updated);
    }
  if (counts->rows_repeated > 0)
    add_count (self, _("Repeated Rows Taken Once"), counts->rows_repeated);
  if (counts->header_lines_skipped > 0)
    add_count (self, _("Repeated Header Lines Skipped"), counts->header_lines_skipped);
  add_count (self, ok ? _("Rows Set Aside") : _("Rows Not Valid"), n_rejected);

  gtk_widget_set_visible (GTK_WIDGET (self->rejects_file_group), rejects_path != NULL);
  if (rejects_path != NULL)
    {
      g_autofree char *shown = g_filename_display_name (rejects_path);
      adw_action_row_set_subtitle (self->rejects_file_row, shown);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), n_rejected > 0);
  adw_preferences_group_set_title (self->rejected_group, ok ? _("Rows Set Aside") : _("Rows to Correct"));
  for (guint i = 0; i < MIN (n_rejected, MAX_REJECTED_SHOWN); i++)
    {
      const char *reason;
      guint line = pl_roster_import_get_rejected (self->import, i, &reason);
      /* Translators: %u is a line number in the roster file */
      g_autofree char *title = g_strdup_printf (_("Line %u"), line);

      add_report_row (self, self->rejected_group, title, reason, NULL);
    }
  if (n_rejected > MAX_REJECTED_SHOWN)
    {
      guint more = n_rejected - MAX_REJECTED_SHOWN;
      g_autofree char *title = g_strdup_printf (ngettext ("And %u More Row", "And %u More Rows", more), more);

      add_report_row (self, self->rejected_group, title,
                      rejects_path ? _("Every one is in the saved file.")
                                   : _("Check with Skip Invalid Rows on to save them all in a file."),
                      NULL);
    }

  show_page (self, "report");
  /* After a check that went well, the next step is the import itself. */
  gtk_widget_set_visible (self->import_button, ok && dry_run);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->report_scroller), 0);
}

static gboolean
release_cb (gpointer user_data)
{
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PlImportDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pl_roster_import_run_finish (PL_ROSTER_IMPORT (source), result, &error);

  /* Progress queued by the worker may still be on its way: let it land on
   * a live object that ignores it. */
  g_idle_add_full (G_PRIORITY_LOW, release_cb, self, NULL);
  self->running = FALSE;
  if (self->disposed)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", TRUE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_page (self, "preview");
      toast (self, _("Import cancelled; nothing was changed"));
      return;
    }
  show_report (self, ok, error);
}

static void
run (PlImportDialog *self,
     gboolean        dry_run)
{
  if (self->running || self->import == NULL)
    return;

  apply_languages (self);
  pl_roster_import_set_skip_invalid (self->import, gtk_switch_get_active (self->skip_switch));
  pl_roster_import_set_dry_run (self->import, dry_run);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", FALSE);

  adw_status_page_set_title (self->progress_page, dry_run ? _("Checking…") : _("Importing…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Checking the rows…"));
  show_page (self, "progress");

  pl_roster_import_run_async (self->import, self->store, on_progress, self, self->cancellable,
                              on_run_done, g_object_ref (self));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run (PL_IMPORT_DIALOG (widget), FALSE);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run (PL_IMPORT_DIALOG (widget), TRUE);
}

static void
import_valid_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (widget);

  gtk_switch_set_active (self->skip_switch, TRUE);
  run (self, FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (widget);

  if (!self->running && self->import != NULL)
    show_page (self, "preview");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (widget);

  /* While it runs, Cancel stops the import and keeps the dialog. */
  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_rejects_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (widget);
  const char *path = self->import ? pl_roster_import_get_rejects_path (self->import) : NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static gboolean
pl_import_dialog_close_request (GtkWindow *window)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (window);

  /* Closing stops a load or an import: the transaction is rolled back. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (pl_import_dialog_parent_class)->close_request (window);
}

static GtkStringList *
field_names_new (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint f = 0; f < PL_ROSTER_N_FIELDS; f++)
    gtk_string_list_append (names, pl_roster_field_get_label (f));
  return names;
}

static GtkStringList *
language_names_new (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  const PlLanguage *all = pl_languages_get_all ();

  /* Translators: for a language in the roster that Porchlight does not know */
  gtk_string_list_append (names, C_("language", "Not Chosen"));
  /* Translators: keep a language the way the roster file writes it */
  gtk_string_list_append (names, C_("language", "Keep as Written"));
  for (guint i = 0; all[i].code; i++)
    {
      g_autofree char *name = pl_language_display_name (all[i].code);
      gtk_string_list_append (names, name);
    }
  return names;
}

static void
pl_import_dialog_dispose (GObject *object)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (pl_import_dialog_parent_class)->dispose (object);
}

static void
pl_import_dialog_finalize (GObject *object)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->import);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->field_names);
  g_clear_object (&self->language_names);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->language_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_rows, g_ptr_array_unref);
  g_clear_pointer (&self->languages, g_hash_table_unref);

  G_OBJECT_CLASS (pl_import_dialog_parent_class)->finalize (object);
}

static void
pl_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PlImportDialog *self = PL_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_import_dialog_class_init (PlImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pl_import_dialog_dispose;
  object_class->finalize = pl_import_dialog_finalize;
  object_class->get_property = pl_import_dialog_get_property;
  object_class->set_property = pl_import_dialog_set_property;
  window_class->close_request = pl_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, start_error);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, columns_problem);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, unknown_group);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, known_group);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, languages_group);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, skip_switch);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, report_scroller);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, report_icon);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, report_description);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, import_valid_button);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, counts_group);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, rejects_file_group);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, rejects_file_row);
  gtk_widget_class_bind_template_child (widget_class, PlImportDialog, rejected_group);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "import.import-valid", NULL, import_valid_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.open-rejects", NULL, open_rejects_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
}

static void
pl_import_dialog_init (PlImportDialog *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_names = field_names_new ();
  self->language_names = language_names_new ();
  self->column_rows = g_ptr_array_new ();
  self->language_rows = g_ptr_array_new ();
  self->report_rows = g_ptr_array_new ();
  self->languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* A roster dragged from the file manager opens like a chosen one. */
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  show_page (self, "start");
}

PlImportDialog *
pl_import_dialog_new (GtkWindow *parent,
                      PlStore   *store)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  return g_object_new (PL_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/* For tests */

const char *
_pl_import_dialog_get_page (PlImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

PlRosterImport *
_pl_import_dialog_get_import (PlImportDialog *self)
{
  return self->import;
}

AdwComboRow *
_pl_import_dialog_get_column_row (PlImportDialog *self,
                                  const char     *header)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    if (g_strcmp0 (row_header (g_ptr_array_index (self->column_rows, i)), header) == 0)
      return g_ptr_array_index (self->column_rows, i);
  return NULL;
}

gboolean
_pl_import_dialog_column_is_unknown (PlImportDialog *self,
                                     const char     *header)
{
  AdwComboRow *row = _pl_import_dialog_get_column_row (self, header);

  return row != NULL &&
         gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_PREFERENCES_GROUP) ==
           GTK_WIDGET (self->unknown_group);
}

AdwComboRow *
_pl_import_dialog_get_language_row (PlImportDialog *self,
                                    const char     *value)
{
  for (guint i = 0; i < self->language_rows->len; i++)
    if (g_strcmp0 (row_header (g_ptr_array_index (self->language_rows, i)), value) == 0)
      return g_ptr_array_index (self->language_rows, i);
  return NULL;
}

guint
_pl_import_dialog_language_position (const char *code)
{
  const PlLanguage *all = pl_languages_get_all ();

  for (guint i = 0; all[i].code; i++)
    if (g_strcmp0 (all[i].code, code) == 0)
      return N_LANGUAGE_CHOICES + i;
  return LANGUAGE_KEEP;
}

GtkSwitch *
_pl_import_dialog_get_skip_switch (PlImportDialog *self)
{
  return self->skip_switch;
}

const char *
_pl_import_dialog_get_report_title (PlImportDialog *self)
{
  return gtk_label_get_text (self->report_title);
}

const char *
_pl_import_dialog_get_columns_problem (PlImportDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->columns_problem))
           ? gtk_label_get_text (self->columns_problem) : NULL;
}

gboolean
_pl_import_dialog_get_rejects_shown (PlImportDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->rejects_file_group));
}

GtkWidget *
_pl_import_dialog_get_import_button (PlImportDialog *self)
{
  return self->import_button;
}

const char *
_pl_import_dialog_get_start_error (PlImportDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->start_error))
           ? gtk_label_get_text (self->start_error) : NULL;
}
