/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-contact.h"
#include "pl-follow-ups.h"
#include "pl-school.h"
#include "pl-start-batch-dialog-private.h"
#include "pl-store-surveys.h"
#include "pl-utils.h"

/* Positions in the second keying's list. */
enum {
  DOUBLE_NONE,
  DOUBLE_ALL,
  DOUBLE_SAMPLE,
};

struct _PlStartBatchDialog
{
  AdwWindow        parent_instance;

  PlStore         *store;
  GPtrArray       *survey_ids;  /* per survey row position */
  GPtrArray       *school_ids;  /* per school row position */
  gboolean         checked;     /* after a first try: messages follow the typing */

  GtkWidget       *start_button;
  GtkRevealer     *banner_revealer;
  GtkLabel        *banner_label;
  AdwComboRow     *survey_row;
  GtkWidget       *survey_message;
  AdwComboRow     *school_row;
  GtkWidget       *school_message;
  AdwEntryRow     *date_row;
  GtkWidget       *date_message;
  GtkCalendar     *calendar;
  GtkWidget       *calendar_button;
  GtkWidget       *count_row;
  GtkSpinButton   *count_spin;
  AdwEntryRow     *keyer_row;
  GtkWidget       *keyer_message;
  AdwComboRow     *double_row;
  GtkWidget       *percent_row;
  GtkSpinButton   *percent_spin;
  AdwEntryRow     *second_keyer_row;
  GtkWidget       *second_keyer_message;
};

G_DEFINE_FINAL_TYPE (PlStartBatchDialog, pl_start_batch_dialog, ADW_TYPE_WINDOW)

enum {
  STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_banner (PlStartBatchDialog *self,
             const char         *message)
{
  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static char *
format_day (GDate *date)
{
  char text[64];

  /* Translators: a day in a sentence; see the strftime manual for the letters */
  if (g_date_strftime (text, sizeof text, C_("date in a message", "%-d %B %Y"), date) == 0)
    return g_strdup ("");
  return g_strdup (text);
}

/* Reads "2026-11-20" (also with slashes or dots) into @date, or says
 * what is wrong with it. */
static char *
check_date (const char *text,
            GDate      *date)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  int y, m, d;
  char end;

  if (*trimmed == '\0')
    return g_strdup (_("Type the day the forms came in"));
  for (char *p = trimmed; *p != '\0'; p++)
    if (*p == '/' || *p == '.')
      *p = '-';
  if (sscanf (trimmed, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || y < 1900)
    /* Translators: %s is what was typed */
    return g_strdup_printf (_("“%s” is not a date: type the year, month and day, as "
                              "2026-11-20"), text);
  if (m < 1 || m > 12)
    return g_strdup_printf (_("“%s” is not a date: there is no month %d"), text, m);
  if (d < 1 || !g_date_valid_dmy (d, m, y))
    {
      GDate first;
      g_autofree char *month = NULL;
      char name[64];

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, m, y);
      /* Translators: a month and year, "February 2026"; see the strftime manual */
      if (g_date_strftime (name, sizeof name, C_("month and year", "%B %Y"), &first) == 0)
        name[0] = '\0';
      /* Translators: "“2026-02-30” is not a date: February 2026 has 28 days" */
      return g_strdup_printf (_("“%s” is not a date: %s has %u days"), text, name,
                              g_date_get_days_in_month (m, y));
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (g_date_compare (date, &today) > 0)
    {
      g_autofree char *day = format_day (date);

      /* Translators: %s is a day, "20 November 2027" */
      return g_strdup_printf (_("The forms cannot have come in on %s: that day has not come yet"),
                              day);
    }
  return NULL;
}

static const char *
entry_row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (entry_row_text (row)));
}

/* Checks every field, marks each one wrong and returns whether all are
 * right; the first one wrong takes the focus when @focus is TRUE. */
static gboolean
check_fields (PlStartBatchDialog *self,
              gboolean            focus)
{
  g_autofree char *keyer = trimmed (self->keyer_row);
  g_autofree char *second = trimmed (self->second_keyer_row);
  g_autofree char *date_problem = NULL;
  g_autofree char *second_problem = NULL;
  guint double_entry = adw_combo_row_get_selected (self->double_row);
  GtkWidget *first_wrong = NULL;
  GDate date;

  date_problem = check_date (entry_row_text (self->date_row), &date);
  pl_form_set_problem (GTK_WIDGET (self->date_row), self->date_message, date_problem);
  if (date_problem != NULL)
    first_wrong = GTK_WIDGET (self->date_row);

  pl_form_set_problem (GTK_WIDGET (self->keyer_row), self->keyer_message,
                       *keyer == '\0' ? _("Type the user name of the person keying the forms")
                                      : NULL);
  if (*keyer == '\0' && first_wrong == NULL)
    first_wrong = GTK_WIDGET (self->keyer_row);

  if (double_entry != DOUBLE_NONE)
    {
      if (*second == '\0')
        second_problem = g_strdup (_("Type the user name of the person keying the forms again"));
      else if (g_strcmp0 (second, keyer) == 0)
        /* Translators: %s is a user name */
        second_problem = g_strdup_printf (_("The second keying must be blind: someone other "
                                            "than %s keys it"), keyer);
    }
  pl_form_set_problem (GTK_WIDGET (self->second_keyer_row), self->second_keyer_message,
                       second_problem);
  if (second_problem != NULL && first_wrong == NULL)
    first_wrong = GTK_WIDGET (self->second_keyer_row);

  if (first_wrong != NULL && focus)
    gtk_widget_grab_focus (first_wrong);
  return first_wrong == NULL;
}

static void on_day_selected (PlStartBatchDialog *self);

static void
on_date_changed (PlStartBatchDialog *self)
{
  GDate date;
  g_autofree char *problem = check_date (entry_row_text (self->date_row), &date);

  /* The calendar follows a valid day typed. */
  if (problem == NULL)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&date),
                                                        g_date_get_month (&date),
                                                        g_date_get_day (&date), 12, 0, 0);

      g_signal_handlers_block_by_func (self->calendar, G_CALLBACK (on_day_selected), self);
      gtk_calendar_select_day (self->calendar, day);
      g_signal_handlers_unblock_by_func (self->calendar, G_CALLBACK (on_day_selected), self);
    }
  if (self->checked)
    pl_form_set_problem (GTK_WIDGET (self->date_row), self->date_message, problem);
}

static void
on_day_selected (PlStartBatchDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  if (g_strcmp0 (text, entry_row_text (self->date_row)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->calendar_button));
}

static void
on_keyer_changed (PlStartBatchDialog *self)
{
  if (self->checked)
    check_fields (self, FALSE);
}

static void
on_second_keyer_changed (PlStartBatchDialog *self)
{
  if (self->checked)
    check_fields (self, FALSE);
}

static void
on_double_selected (PlStartBatchDialog *self)
{
  guint double_entry = adw_combo_row_get_selected (self->double_row);

  gtk_widget_set_visible (self->percent_row, double_entry == DOUBLE_SAMPLE);
  gtk_widget_set_visible (GTK_WIDGET (self->second_keyer_row), double_entry != DOUBLE_NONE);
  if (double_entry == DOUBLE_NONE)
    pl_form_set_problem (GTK_WIDGET (self->second_keyer_row), self->second_keyer_message, NULL);
  else if (self->checked)
    check_fields (self, FALSE);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlStartBatchDialog *self = PL_START_BATCH_DIALOG (widget);
  g_autoptr(PlEntryBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyer = trimmed (self->keyer_row);
  g_autofree char *second = trimmed (self->second_keyer_row);
  g_autofree char *received = NULL;
  guint survey = adw_combo_row_get_selected (self->survey_row);
  guint school = adw_combo_row_get_selected (self->school_row);
  guint double_entry = adw_combo_row_get_selected (self->double_row);
  static const char *const double_codes[] = { "none", "all", "sample" };
  GDate date;

  self->checked = TRUE;
  show_banner (self, NULL);
  if (survey >= self->survey_ids->len || school >= self->school_ids->len)
    return;
  if (!check_fields (self, TRUE))
    return;

  g_free (check_date (entry_row_text (self->date_row), &date));
  received = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date));

  gtk_spin_button_update (self->count_spin);
  gtk_spin_button_update (self->percent_spin);
  batch = pl_entry_batch_new (self->survey_ids->pdata[survey], self->school_ids->pdata[school]);
  pl_entry_batch_set_received_on (batch, received);
  pl_entry_batch_set_form_count (batch, gtk_spin_button_get_value_as_int (self->count_spin));
  pl_entry_batch_set_entered_by (batch, keyer);
  pl_entry_batch_set_double_entry (batch, double_codes[MIN (double_entry, DOUBLE_SAMPLE)]);
  if (double_entry == DOUBLE_SAMPLE)
    pl_entry_batch_set_sample_percent (batch, gtk_spin_button_get_value_as_int (self->percent_spin));
  if (double_entry != DOUBLE_NONE)
    pl_entry_batch_set_second_keyer (batch, second);

  if (!pl_store_save_batch (self->store, batch, &error))
    {
      show_banner (self, error->message);
      return;
    }

  g_signal_emit (self, signals[STARTED], 0, pl_entry_batch_get_id (batch));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The open surveys and the schools, the person's own school first. */
static void
load_choices (PlStartBatchDialog *self)
{
  g_autoptr(GtkStringList) survey_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) school_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(GListModel) schools = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) mine = NULL;
  guint my_position = 0;

  surveys = pl_store_list_surveys (self->store, &error);
  if (surveys == NULL)
    {
      show_banner (self, error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; surveys != NULL && i < surveys->len; i++)
    {
      PlSurvey *survey = surveys->pdata[i];
      g_autofree char *name = NULL;

      if (g_strcmp0 (pl_survey_get_status (survey), "open") != 0)
        continue;
      if (pl_survey_get_version (survey) > 1)
        /* Translators: a survey's title and version, "Family Survey (version 2)" */
        name = g_strdup_printf (_("%s (version %u)"), pl_survey_get_title (survey),
                                pl_survey_get_version (survey));
      else
        name = g_strdup (pl_survey_get_title (survey));
      gtk_string_list_append (survey_names, name ? name : "");
      g_ptr_array_add (self->survey_ids, g_strdup (pl_survey_get_id (survey)));
    }

  mine = pl_follow_ups_dup_my_schools (self->store, NULL);
  schools = pl_store_list_schools (self->store, &error);
  if (schools == NULL)
    show_banner (self, error->message);
  for (guint i = 0; schools != NULL && i < g_list_model_get_n_items (schools); i++)
    {
      g_autoptr(PlSchool) school = g_list_model_get_item (schools, i);

      if (my_position == 0 && mine != NULL &&
          g_strv_contains ((const char *const *) mine, pl_school_get_id (school)))
        my_position = self->school_ids->len;
      gtk_string_list_append (school_names, pl_school_get_name (school));
      g_ptr_array_add (self->school_ids, g_strdup (pl_school_get_id (school)));
    }

  adw_combo_row_set_model (self->survey_row, G_LIST_MODEL (survey_names));
  adw_combo_row_set_model (self->school_row, G_LIST_MODEL (school_names));
  adw_combo_row_set_selected (self->school_row, my_position);

  pl_form_set_problem (GTK_WIDGET (self->survey_row), self->survey_message,
                       self->survey_ids->len == 0
                       ? _("No survey is open for keying: open one under Surveys first")
                       : NULL);
  pl_form_set_problem (GTK_WIDGET (self->school_row), self->school_message,
                       self->school_ids->len == 0
                       ? _("There are no schools yet: they come with the roster or a sync")
                       : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->survey_row), self->survey_ids->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->school_row), self->school_ids->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.start",
                                 self->survey_ids->len > 0 && self->school_ids->len > 0);
}

PlStartBatchDialog *
pl_start_batch_dialog_new (GtkWindow *parent,
                           PlStore   *store)
{
  PlStartBatchDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *me = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);

  self = g_object_new (PL_TYPE_START_BATCH_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  load_choices (self);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  me = pl_store_dup_me (store);
  gtk_editable_set_text (GTK_EDITABLE (self->keyer_row), me ? me : "");
  return self;
}

GtkWidget *
_pl_start_batch_dialog_get_row (PlStartBatchDialog *self,
                                const char         *name)
{
  if (g_str_equal (name, "survey"))
    return GTK_WIDGET (self->survey_row);
  if (g_str_equal (name, "school"))
    return GTK_WIDGET (self->school_row);
  if (g_str_equal (name, "date"))
    return GTK_WIDGET (self->date_row);
  if (g_str_equal (name, "count"))
    return GTK_WIDGET (self->count_spin);
  if (g_str_equal (name, "keyer"))
    return GTK_WIDGET (self->keyer_row);
  if (g_str_equal (name, "double-entry"))
    return GTK_WIDGET (self->double_row);
  if (g_str_equal (name, "percent"))
    return GTK_WIDGET (self->percent_spin);
  if (g_str_equal (name, "second-keyer"))
    return GTK_WIDGET (self->second_keyer_row);
  return NULL;
}

const char *
_pl_start_batch_dialog_get_message (PlStartBatchDialog *self,
                                    const char         *name)
{
  GtkWidget *row = NULL;

  if (g_str_equal (name, "date"))
    row = self->date_message;
  else if (g_str_equal (name, "keyer"))
    row = self->keyer_message;
  else if (g_str_equal (name, "second-keyer"))
    row = self->second_keyer_message;
  else if (g_str_equal (name, "banner"))
    return gtk_revealer_get_reveal_child (self->banner_revealer)
             ? gtk_label_get_text (self->banner_label) : NULL;
  if (row == NULL || !gtk_widget_get_visible (row))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
}

static void
pl_start_batch_dialog_dispose (GObject *object)
{
  PlStartBatchDialog *self = PL_START_BATCH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_START_BATCH_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_start_batch_dialog_parent_class)->dispose (object);
}

static void
pl_start_batch_dialog_finalize (GObject *object)
{
  PlStartBatchDialog *self = PL_START_BATCH_DIALOG (object);

  g_clear_pointer (&self->survey_ids, g_ptr_array_unref);
  g_clear_pointer (&self->school_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_start_batch_dialog_parent_class)->finalize (object);
}

static void
pl_start_batch_dialog_class_init (PlStartBatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_start_batch_dialog_dispose;
  object_class->finalize = pl_start_batch_dialog_finalize;

  signals[STARTED] =
    g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-start-batch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, survey_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, survey_message);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, school_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, school_message);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, date_message);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, count_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, keyer_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, keyer_message);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, double_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, percent_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, percent_spin);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, second_keyer_row);
  gtk_widget_class_bind_template_child (widget_class, PlStartBatchDialog, second_keyer_message);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_keyer_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_second_keyer_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_double_selected);

  gtk_widget_class_install_action (widget_class, "batch.start", NULL, start_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "batch.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "batch.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_start_batch_dialog_init (PlStartBatchDialog *self)
{
  self->survey_ids = g_ptr_array_new_with_free_func (g_free);
  self->school_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
