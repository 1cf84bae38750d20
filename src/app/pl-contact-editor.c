/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "porchlight"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-choice-row.h"
#include "pl-contact-editor-private.h"
#include "pl-contact-row.h"
#include "pl-languages.h"
#include "pl-utils.h"

/* A message waits for a pause, so a follow-up date is not called wrong
 * while the calendar is still being stepped through. */
#define PROBLEMS_DELAY_MS 300

struct _PlContactEditor
{
  AdwWindow            parent_instance;

  PlStore             *store;
  PlFamily            *family;
  PlContact           *contact;        /* the copy being edited */
  gboolean             is_new;
  gboolean             populating;
  gboolean             save_attempted;
  GHashTable          *touched;        /* fields a person changed */
  guint                problems_source;

  AdwWindowTitle      *window_title;
  GtkWidget           *save_button;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  GtkScrolledWindow   *scrolled_window;
  PlChoiceRow         *method_row;
  GtkWidget           *method_message;
  PlChoiceRow         *direction_row;
  PlChoiceRow         *guardian_row;
  GtkWidget           *guardian_message;
  AdwActionRow        *when_row;
  GtkWidget           *when_button;
  GtkWidget           *when_message;
  GtkCalendar         *when_calendar;
  GtkSpinButton       *hour_spin;
  GtkSpinButton       *minute_spin;
  AdwComboRow         *language_row;
  PlChoiceRow         *interpreter_row;
  PlChoiceRow         *purpose_row;
  GtkWidget           *purpose_message;
  AdwEntryRow         *purpose_other_row;
  GtkWidget           *purpose_other_message;
  PlChoiceRow         *outcome_row;
  GtkWidget           *outcome_message;
  GtkTextView         *notes_view;
  GtkLabel            *notes_message;
  AdwActionRow        *follow_up_row;
  GtkWidget           *follow_up_button;
  GtkWidget           *follow_up_clear_button;
  GtkPopover          *follow_up_popover;
  GtkCalendar         *follow_up_calendar;
  GtkWidget           *follow_up_message;
};

G_DEFINE_FINAL_TYPE (PlContactEditor, pl_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void queue_problems (PlContactEditor *self);

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
show_banner (PlContactEditor *self,
             const char      *message)
{
  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static PlGuardian *
find_guardian (PlContactEditor *self,
               const char      *guardian_id)
{
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (self->family));

  for (guint i = 0; guardian_id != NULL && i < g_list_model_get_n_items (guardians); i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);

      if (g_strcmp0 (pl_guardian_get_id (guardian), guardian_id) == 0)
        return guardian;
    }
  return NULL;
}

/* Where a field's problem is shown, and where the focus goes to fix it. */
typedef struct
{
  const char *field;
  GtkWidget  *row;
  GtkWidget  *message;
  GtkWidget  *focus;
} FieldPlace;

static guint
field_places (PlContactEditor *self,
              FieldPlace      *places)
{
  /* In the order of the form. */
  FieldPlace all[] = {
    { "purpose", GTK_WIDGET (self->purpose_row), self->purpose_message,
      GTK_WIDGET (self->purpose_row) },
    { "purpose-other", GTK_WIDGET (self->purpose_other_row), self->purpose_other_message,
      GTK_WIDGET (self->purpose_other_row) },
    { "outcome", GTK_WIDGET (self->outcome_row), self->outcome_message,
      GTK_WIDGET (self->outcome_row) },
    { "method", GTK_WIDGET (self->method_row), self->method_message,
      GTK_WIDGET (self->method_row) },
    { "guardian-id", GTK_WIDGET (self->guardian_row), self->guardian_message,
      GTK_WIDGET (self->guardian_row) },
    { "happened-at", GTK_WIDGET (self->when_row), self->when_message, self->when_button },
    { "notes", NULL, NULL, GTK_WIDGET (self->notes_view) },
    { "follow-up-due", GTK_WIDGET (self->follow_up_row), self->follow_up_message,
      self->follow_up_button },
  };

  memcpy (places, all, sizeof all);
  return G_N_ELEMENTS (all);
}

#define N_PLACES 8

static const char *
problem_for (GPtrArray  *problems,
             const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      PlContactProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0)
        return problem->message;
    }
  return NULL;
}

/* A field's message shows once the person has been at it, or tried to
 * save; a date or time that cannot be is said at once. */
static gboolean
should_show (PlContactEditor *self,
             const char      *field)
{
  return self->save_attempted || g_hash_table_contains (self->touched, field) ||
         g_str_equal (field, "happened-at") || g_str_equal (field, "follow-up-due");
}

static void
show_problems (PlContactEditor *self,
               GPtrArray       *problems)
{
  FieldPlace places[N_PLACES];
  guint n = field_places (self, places);
  g_autoptr(GString) others = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *message = problem_for (problems, places[i].field);

      if (!should_show (self, places[i].field))
        message = NULL;

      if (g_str_equal (places[i].field, "notes"))
        {
          gtk_label_set_text (self->notes_message, message != NULL ? message : "");
          gtk_widget_set_visible (GTK_WIDGET (self->notes_message), message != NULL);
        }
      else
        pl_form_set_problem (places[i].row, places[i].message, message);
    }

  /* What has no place of its own (a stored code this version does not
   * know) goes on top, once the person tried to save. */
  for (guint i = 0; i < problems->len; i++)
    {
      PlContactProblem *problem = g_ptr_array_index (problems, i);
      gboolean placed = FALSE;

      for (guint p = 0; p < n && !placed; p++)
        placed = g_strcmp0 (problem->field, places[p].field) == 0;
      if (!placed)
        {
          if (others->len > 0)
            g_string_append_c (others, '\n');
          g_string_append (others, problem->message);
        }
    }
  show_banner (self, self->save_attempted && others->len > 0 ? others->str : NULL);
}

static gboolean
problems_cb (gpointer user_data)
{
  PlContactEditor *self = user_data;
  g_autoptr(GPtrArray) problems = NULL;

  self->problems_source = 0;
  problems = pl_contact_check (self->contact, self->family, NULL);
  show_problems (self, problems);
  return G_SOURCE_REMOVE;
}

static void
queue_problems (PlContactEditor *self)
{
  g_clear_handle_id (&self->problems_source, g_source_remove);
  self->problems_source = g_timeout_add (PROBLEMS_DELAY_MS, problems_cb, self);
}

static void
edited (PlContactEditor *self,
        const char      *field)
{
  if (self->populating)
    return;

  g_hash_table_add (self->touched, (gpointer) g_intern_string (field));
  queue_problems (self);
}

/* The When row: the time in words, in the local zone. */
static void
update_when (PlContactEditor *self)
{
  g_autoptr(GDateTime) when = pl_contact_dup_happened_at_time (self->contact);
  g_autofree char *text = NULL;

  if (when != NULL)
    text = pl_contact_row_format_when (when, NULL);
  adw_action_row_set_subtitle (self->when_row, text != NULL ? text : _("Not Set"));
}

static void
update_follow_up (PlContactEditor *self)
{
  const char *due = pl_contact_get_follow_up_due (self->contact);
  g_autofree char *text = NULL;
  GDate date;

  if (due != NULL && pl_contact_parse_date (due, &date))
    text = pl_contact_row_format_due (&date);
  adw_action_row_set_subtitle (self->follow_up_row, text != NULL ? text : _("None"));
  gtk_widget_set_visible (self->follow_up_clear_button, due != NULL);
}

static void
set_language (PlContactEditor *self,
              const char      *code)
{
  guint position = pl_language_position (code);

  pl_contact_set_language (self->contact, code);
  self->populating = TRUE;
  adw_combo_row_set_selected (self->language_row, position);
  self->populating = FALSE;
}

/* A new contact follows its guardian: their language, and a staff
 * interpreter when they need one — unless the person already chose. */
static void
apply_guardian_defaults (PlContactEditor *self)
{
  PlGuardian *guardian = find_guardian (self, pl_contact_get_guardian_id (self->contact));
  const char *language = NULL;

  if (guardian != NULL)
    language = pl_guardian_get_preferred_language (guardian);
  if (language == NULL)
    language = pl_family_get_home_language (self->family);

  if (!g_hash_table_contains (self->touched, "language"))
    set_language (self, language);

  if (!g_hash_table_contains (self->touched, "interpreter"))
    {
      const char *interpreter =
        guardian != NULL && pl_guardian_get_needs_interpreter (guardian) ? "staff" : "none";

      pl_contact_set_interpreter (self->contact, interpreter);
      self->populating = TRUE;
      pl_choice_row_set_selected (self->interpreter_row, interpreter);
      self->populating = FALSE;
    }
}

static void
on_method_selected (PlContactEditor *self,
                    GParamSpec      *pspec,
                    PlChoiceRow     *row)
{
  if (self->populating)
    return;
  pl_contact_set_method (self->contact, pl_choice_row_get_selected (row));
  edited (self, "method");
}

static void
on_direction_selected (PlContactEditor *self,
                       GParamSpec      *pspec,
                       PlChoiceRow     *row)
{
  if (self->populating)
    return;
  pl_contact_set_direction (self->contact, pl_choice_row_get_selected (row));
  edited (self, "direction");
}

static void
on_guardian_selected (PlContactEditor *self,
                      GParamSpec      *pspec,
                      PlChoiceRow     *row)
{
  if (self->populating)
    return;
  pl_contact_set_guardian_id (self->contact, pl_choice_row_get_selected (row));
  apply_guardian_defaults (self);
  edited (self, "guardian-id");
}

static void
on_language_selected (PlContactEditor *self,
                      GParamSpec      *pspec,
                      AdwComboRow     *row)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->populating || position == GTK_INVALID_LIST_POSITION)
    return;
  pl_contact_set_language (self->contact, pl_language_code_at (position));
  edited (self, "language");
}

static void
on_interpreter_selected (PlContactEditor *self,
                         GParamSpec      *pspec,
                         PlChoiceRow     *row)
{
  if (self->populating)
    return;
  pl_contact_set_interpreter (self->contact, pl_choice_row_get_selected (row));
  edited (self, "interpreter");
}

static void
on_purpose_selected (PlContactEditor *self,
                     GParamSpec      *pspec,
                     PlChoiceRow     *row)
{
  const char *purpose = pl_choice_row_get_selected (row);
  const char *description;
  gboolean other = g_strcmp0 (purpose, "other") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->purpose_other_row), other);
  if (self->populating)
    return;

  pl_contact_set_purpose (self->contact, purpose);
  /* The description belongs to "Other" alone; it comes back with it. */
  description = gtk_editable_get_text (GTK_EDITABLE (self->purpose_other_row));
  pl_contact_set_purpose_other (self->contact, other ? empty_to_null (description) : NULL);
  edited (self, "purpose");
}

static void
on_purpose_other_changed (PlContactEditor *self,
                          GtkEditable     *editable)
{
  if (self->populating)
    return;
  pl_contact_set_purpose_other (self->contact, empty_to_null (gtk_editable_get_text (editable)));
  edited (self, "purpose-other");
}

static void
on_outcome_selected (PlContactEditor *self,
                     GParamSpec      *pspec,
                     PlChoiceRow     *row)
{
  if (self->populating)
    return;
  pl_contact_set_outcome (self->contact, pl_choice_row_get_selected (row));
  edited (self, "outcome");
}

static void
on_notes_changed (PlContactEditor *self,
                  GtkTextBuffer   *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->populating)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  pl_contact_set_notes (self->contact, empty_to_null (text));
  edited (self, "notes");
}

static GDateTime *
calendar_local_date (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) selected = gtk_calendar_get_date (calendar);

  return g_date_time_new_local (g_date_time_get_year (selected), g_date_time_get_month (selected),
                                g_date_time_get_day_of_month (selected), 0, 0, 0);
}

static void
on_when_popover_show (PlContactEditor *self,
                      GtkPopover      *popover)
{
  g_autoptr(GDateTime) when = pl_contact_dup_happened_at_time (self->contact);
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    when = g_date_time_new_now_utc ();
  local = g_date_time_to_local (when);

  self->populating = TRUE;
  gtk_calendar_select_day (self->when_calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  self->populating = FALSE;
}

static void
on_when_changed (PlContactEditor *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (self->populating)
    return;

  day = calendar_local_date (self->when_calendar);
  when = g_date_time_add_full (day, 0, 0, 0,
                               gtk_spin_button_get_value_as_int (self->hour_spin),
                               gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  pl_contact_set_happened_at_time (self->contact, when);
  update_when (self);
  edited (self, "happened-at");
}

/* Hours and minutes with two digits, as on a clock. */
static gboolean
on_time_spin_output (PlContactEditor *self,
                     GtkSpinButton   *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
now_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PlContactEditor *self = PL_CONTACT_EDITOR (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  pl_contact_set_happened_at_time (self->contact, now);
  on_when_popover_show (self, NULL);
  update_when (self);
  edited (self, "happened-at");
}

static void
set_follow_up (PlContactEditor *self,
               GDate           *date)
{
  char text[16] = "";

  if (date != NULL)
    g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  pl_contact_set_follow_up_due (self->contact, date != NULL ? text : NULL);
  /* Whoever follows up is settled when it is saved. */
  if (date == NULL)
    pl_contact_set_follow_up_owner (self->contact, NULL);
  update_follow_up (self);
  edited (self, "follow-up-due");
}

static void
on_follow_up_popover_show (PlContactEditor *self,
                           GtkPopover      *popover)
{
  g_autoptr(GDateTime) shown = NULL;
  GDate due;

  if (pl_contact_parse_date (pl_contact_get_follow_up_due (self->contact), &due))
    shown = g_date_time_new_local (g_date_get_year (&due), g_date_get_month (&due),
                                   g_date_get_day (&due), 0, 0, 0);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      shown = g_date_time_add_days (now, 7);
    }

  self->populating = TRUE;
  gtk_calendar_select_day (self->follow_up_calendar, shown);
  self->populating = FALSE;
}

static void
on_follow_up_day_selected (PlContactEditor *self,
                           GtkCalendar     *calendar)
{
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  if (self->populating)
    return;

  day = gtk_calendar_get_date (calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
  set_follow_up (self, &date);
}

static void
follow_up_in_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlContactEditor *self = PL_CONTACT_EDITOR (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, g_variant_get_int32 (parameter));
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (then), g_date_time_get_month (then),
                  g_date_time_get_year (then));
  set_follow_up (self, &date);
  gtk_popover_popdown (self->follow_up_popover);
}

static void
clear_follow_up_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlContactEditor *self = PL_CONTACT_EDITOR (widget);

  set_follow_up (self, NULL);
  gtk_widget_grab_focus (self->follow_up_button);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlContactEditor *self = PL_CONTACT_EDITOR (widget);
  g_autoptr(GPtrArray) problems = pl_contact_check (self->contact, self->family, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contact_id = NULL;

  if (problems->len > 0)
    {
      FieldPlace places[N_PLACES];
      guint n = field_places (self, places);

      /* Say what is missing, and go to the first of it. */
      self->save_attempted = TRUE;
      g_clear_handle_id (&self->problems_source, g_source_remove);
      show_problems (self, problems);
      for (guint i = 0; i < n; i++)
        if (problem_for (problems, places[i].field) != NULL)
          {
            gtk_widget_grab_focus (places[i].focus);
            break;
          }
      return;
    }

  if (!pl_store_save_contact (self->store, self->contact, &error))
    {
      show_banner (self, error->message);
      return;
    }

  contact_id = g_strdup (pl_contact_get_id (self->contact));

  /* Keep the form alive until whoever listens is done with it. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, contact_id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
fill_choices (PlChoiceRow        *row,
              const char *const  *codes,
              const char        *(*label) (const char *code))
{
  for (guint i = 0; codes[i] != NULL; i++)
    pl_choice_row_append (row, codes[i], label (codes[i]));
}

static void
populate (PlContactEditor *self)
{
  PlContact *c = self->contact;
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (self->family));
  g_autoptr(GtkStringList) languages = pl_language_string_list_new ();
  guint n_guardians = g_list_model_get_n_items (guardians);

  self->populating = TRUE;

  adw_window_title_set_title (self->window_title,
                              self->is_new ? _("Log Contact") : _("Edit Contact"));
  adw_window_title_set_subtitle (self->window_title, pl_family_get_household_name (self->family));

  fill_choices (self->method_row, pl_contact_methods (), pl_contact_method_label);
  pl_choice_row_set_selected (self->method_row, pl_contact_get_method (c));

  fill_choices (self->direction_row, pl_contact_directions (), pl_contact_direction_label);
  pl_choice_row_set_selected (self->direction_row, pl_contact_get_direction (c));

  for (guint i = 0; i < n_guardians; i++)
    {
      g_autoptr(PlGuardian) guardian = g_list_model_get_item (guardians, i);
      const char *name = pl_guardian_get_full_name (guardian);

      pl_choice_row_append (self->guardian_row, pl_guardian_get_id (guardian),
                            name != NULL ? name : _("Unnamed Guardian"));
    }
  pl_choice_row_set_selected (self->guardian_row, pl_contact_get_guardian_id (c));
  /* A household on file without guardians: the contact is with the family. */
  gtk_widget_set_visible (GTK_WIDGET (self->guardian_row), n_guardians > 0);

  update_when (self);

  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  adw_combo_row_set_selected (self->language_row,
                              pl_language_position (pl_contact_get_language (c)));

  fill_choices (self->interpreter_row, pl_contact_interpreters (), pl_contact_interpreter_label);
  pl_choice_row_set_selected (self->interpreter_row, pl_contact_get_interpreter (c));

  fill_choices (self->purpose_row, pl_contact_purposes (), pl_contact_purpose_label);
  pl_choice_row_set_selected (self->purpose_row, pl_contact_get_purpose (c));
  gtk_editable_set_text (GTK_EDITABLE (self->purpose_other_row),
                         pl_contact_get_purpose_other (c) ? pl_contact_get_purpose_other (c) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->purpose_other_row),
                          g_strcmp0 (pl_contact_get_purpose (c), "other") == 0);

  fill_choices (self->outcome_row, pl_contact_outcomes (), pl_contact_outcome_label);
  pl_choice_row_set_selected (self->outcome_row, pl_contact_get_outcome (c));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            pl_contact_get_notes (c) ? pl_contact_get_notes (c) : "", -1);
  update_follow_up (self);

  self->populating = FALSE;

  problems_cb (self);
}

/* The usual contact, filled in where @contact says nothing. */
static void
apply_defaults (PlContactEditor *self)
{
  PlContact *c = self->contact;
  GListModel *guardians = G_LIST_MODEL (pl_family_get_guardians (self->family));

  if (pl_contact_get_method (c) == NULL)
    pl_contact_set_method (c, "phone");
  if (pl_contact_get_happened_at (c) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      pl_contact_set_happened_at_time (c, now);
    }
  if (pl_contact_get_guardian_id (c) == NULL && g_list_model_get_n_items (guardians) > 0)
    {
      g_autoptr(PlGuardian) first = g_list_model_get_item (guardians, 0);

      pl_contact_set_guardian_id (c, pl_guardian_get_id (first));
    }

  /* Language and interpreter given with the contact stay as given. */
  if (pl_contact_get_language (c) != NULL)
    g_hash_table_add (self->touched, (gpointer) g_intern_static_string ("language"));
  if (g_strcmp0 (pl_contact_get_interpreter (c), "none") != 0)
    g_hash_table_add (self->touched, (gpointer) g_intern_static_string ("interpreter"));
}

PlContactEditor *
pl_contact_editor_new (GtkWindow   *parent,
                       PlStore     *store,
                       const char  *family_id,
                       PlContact   *contact,
                       GError     **error)
{
  g_autoptr(PlFamily) family = NULL;
  g_autoptr(PlContact) stored = NULL;
  PlContactEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_STORE (store), NULL);
  g_return_val_if_fail (family_id != NULL, NULL);
  g_return_val_if_fail (!contact || PL_IS_CONTACT (contact), NULL);

  family = pl_store_load_family (store, family_id, error);
  if (family == NULL)
    return NULL;

  if (contact != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      stored = pl_store_load_contact (store, pl_contact_get_id (contact), &local_error);
      if (stored == NULL &&
          !g_error_matches (local_error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  self = g_object_new (PL_TYPE_CONTACT_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->family = g_steal_pointer (&family);
  self->is_new = stored == NULL;

  if (stored != NULL)
    {
      /* An edit keeps what was recorded: a later change of guardian does
       * not rewrite its language or interpreter. */
      self->contact = pl_contact_copy (stored);
      g_hash_table_add (self->touched, (gpointer) g_intern_static_string ("language"));
      g_hash_table_add (self->touched, (gpointer) g_intern_static_string ("interpreter"));
    }
  else
    {
      self->contact = contact != NULL ? pl_contact_copy (contact) : pl_contact_new (family_id);
      pl_contact_set_family_id (self->contact, family_id);
      apply_defaults (self);
    }

  if (self->is_new)
    {
      self->populating = TRUE;
      apply_guardian_defaults (self);
      self->populating = FALSE;
    }
  populate (self);

  /* What changes from one call to the next is what it was about and how
   * it went, first in the form: start at the first of them still open. */
  if (self->is_new && pl_contact_get_purpose (self->contact) != NULL &&
      pl_contact_get_outcome (self->contact) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->outcome_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->purpose_row));

  return self;
}

gboolean
pl_contact_editor_get_is_new (PlContactEditor *self)
{
  g_return_val_if_fail (PL_IS_CONTACT_EDITOR (self), FALSE);
  return self->is_new;
}

PlContact *
_pl_contact_editor_get_contact (PlContactEditor *self)
{
  return self->contact;
}

GtkWidget *
_pl_contact_editor_get_row (PlContactEditor *self,
                            const char      *field)
{
  FieldPlace places[N_PLACES];
  guint n = field_places (self, places);

  if (g_strcmp0 (field, "direction") == 0)
    return GTK_WIDGET (self->direction_row);
  if (g_strcmp0 (field, "interpreter") == 0)
    return GTK_WIDGET (self->interpreter_row);
  if (g_strcmp0 (field, "language") == 0)
    return GTK_WIDGET (self->language_row);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (places[i].field, field) == 0)
      return places[i].row != NULL ? places[i].row : places[i].focus;
  return NULL;
}

GtkWidget *
_pl_contact_editor_get_message (PlContactEditor *self,
                                const char      *field)
{
  FieldPlace places[N_PLACES];
  guint n = field_places (self, places);

  if (g_strcmp0 (field, "notes") == 0)
    return GTK_WIDGET (self->notes_message);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (places[i].field, field) == 0)
      return places[i].message;
  return NULL;
}

void
_pl_contact_editor_flush_problems (PlContactEditor *self)
{
  g_clear_handle_id (&self->problems_source, g_source_remove);
  problems_cb (self);
}

static void
pl_contact_editor_dispose (GObject *object)
{
  PlContactEditor *self = PL_CONTACT_EDITOR (object);

  g_clear_handle_id (&self->problems_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CONTACT_EDITOR);

  g_clear_object (&self->contact);
  g_clear_object (&self->family);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pl_contact_editor_parent_class)->dispose (object);
}

static void
pl_contact_editor_finalize (GObject *object)
{
  PlContactEditor *self = PL_CONTACT_EDITOR (object);

  g_clear_pointer (&self->touched, g_hash_table_unref);

  G_OBJECT_CLASS (pl_contact_editor_parent_class)->finalize (object);
}

static void
pl_contact_editor_class_init (PlContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_contact_editor_dispose;
  object_class->finalize = pl_contact_editor_finalize;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PL_TYPE_CHOICE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/pl-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, method_message);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, guardian_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, guardian_message);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, when_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, when_button);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, when_message);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, when_calendar);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, interpreter_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, purpose_message);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, purpose_other_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, purpose_other_message);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, outcome_message);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, notes_message);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, follow_up_button);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, follow_up_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, follow_up_popover);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, follow_up_calendar);
  gtk_widget_class_bind_template_child (widget_class, PlContactEditor, follow_up_message);
  gtk_widget_class_bind_template_callback (widget_class, on_method_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_direction_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_guardian_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_interpreter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_purpose_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_purpose_other_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_when_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_when_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_time_spin_output);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_up_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_up_day_selected);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.now", NULL, now_action);
  gtk_widget_class_install_action (widget_class, "editor.follow-up-in", "i", follow_up_in_action);
  gtk_widget_class_install_action (widget_class, "editor.clear-follow-up", NULL,
                                   clear_follow_up_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
}

static void
pl_contact_editor_init (PlContactEditor *self)
{
  GtkEventController *shortcuts;
  GtkShortcutTrigger *trigger;

  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  self->populating = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter saves wherever the focus is; caught on the way in, as the
   * notes would otherwise take it for a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (
    gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
    gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->populating = FALSE;
}
